"""The fields of a claim read from its surroundings: who said it, where, who did it, how.

Sources come from verbs of saying and attribution prepositions ("قال المرصد", "وفقاً لنشطاء"); places
from the location mentions of the sentence (the most specific of those close to the claim); the
perpetrator from an armed actor next to an attack word; the cause from the cause lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.lib.arabic.normalize import display_span
from pipelines.lib.extract.claim_patterns import CompiledLexicon
from pipelines.lib.extract.claim_reader import HARD_STOP, WORD, ClaimSpan, Mention, SentenceView

# A place this many words farther from the claim than the nearest one may still win by being more specific
# ("قرية قصر البريج في ريف حلب ما أدى إلى مقتل").
_PLACE_SLACK = 4
# Rank of a place without a precision (see ClaimAttributes.rank).
_DETECTED_RANK = 2.5
# "وفي حماة، قالت المعارضة ..." : a place that opens the sentence frames every claim in it.
_FRAME = re.compile(r"[وف]?(?:في |ب)")
_QUOTES = "«»\"'“”„"
# Who a source spoke to ("لوكالة", "لـ«العربي الجديد»", "(سانا)") is not part of the source's name.
_RECIPIENT = re.compile(r"(?:ل[\"«“(]|\(|ل(?:وكاله|صحيفه|قناه|موقع|شبكه|مراسل)(?!\w))")


@dataclass
class Source:
    start: int
    end: int
    text: str
    actor_id: str | None


class ClaimAttributes:
    """claimed_by, location, perpetrator and cause of the claims of one batch of documents."""

    def __init__(self, c: CompiledLexicon, actor_types: dict[str, str], actor_sides: dict[str, str],
                 place_rank: dict[str, int], region: dict[str, str], war_country: Mention | None) -> None:
        self.c, self.actor_types, self.place_rank, self.war_country = c, actor_types, place_rank, war_country
        self.actor_sides = actor_sides
        self.region = region  # location_id → governorate, to tell restatements from separate events

    def sources(self, s: SentenceView) -> list[Source]:
        """Attributions in a sentence: the cue and the name after it. An empty name means "he added that"."""
        out: list[Source] = []
        cues = s.finditer(self.c.attribution)
        if not cues:
            return out
        lex = self.c.lexicon
        triggers = {m.start() for m in s.finditer(self.c.forward)} | {m.start() for m in s.finditer(self.c.casualty)}
        for m in cues:
            p = m.end()
            words: list[re.Match[str]] = []
            if m.group("prep"):
                # "وفق ما أفاد المرصد", "بحسب ما قالته المعارضة": the source follows the verb.
                nxt = WORD.match(s.norm, p + 1)
                if nxt and nxt.group(0) in ("ما", "لما"):
                    p = nxt.end()
                    nxt = WORD.match(s.norm, p + 1)
                if nxt and self.c.said.fullmatch(nxt.group(0)):
                    p = nxt.end()
            while len(words) < lex.attribution_max_words:
                if not s.norm.startswith(" ", p):
                    break
                w = WORD.match(s.norm, p + 1)
                if w is None:
                    break
                token = w.group(0).strip(_QUOTES)
                core = token.rstrip("،,:;.")
                lead = w.start() + len(w.group(0)) - len(w.group(0).lstrip(_QUOTES))
                if not core or not core[0].isalnum() or core in lex.attribution_stops or lead in triggers \
                        or s.q_by_start.get(lead) is not None or _RECIPIENT.match(w.group(0)):
                    break
                words.append(w)
                p = w.end()
                if core != token or HARD_STOP.search(core):
                    break
            if m.group("that") and not self.c.that_after.match(s.norm, p + 1):
                continue
            if not words:
                out.append(Source(m.start(), m.end(), "", None))
                continue
            n_start, n_end = words[0].start(), words[-1].end()
            while n_end > n_start and not s.norm[n_end - 1].isalnum():
                n_end -= 1
            while n_start < n_end and not s.norm[n_start].isalnum():
                n_start += 1
            d0, d1 = display_span(s.origin, n_start, n_end, len(s.text))
            text = re.sub(f"[{_QUOTES}]", "", s.text[d0:d1])
            if m.group("prep") and s.norm.startswith("لل", n_start):
                text = "ال" + text[2:]  # "وفقاً للمرصد" → المرصد
            elif m.group("prep") and s.norm.startswith("ل", n_start):
                text = text[1:]         # "وفقاً لنشطاء" → نشطاء
            actor = next((a for a in s.actors if a.start < n_end and a.end > n_start), None)
            out.append(Source(m.start(), n_end, text, actor.id if actor else None))
        return out

    def cause(self, s: SentenceView) -> str:
        """The first cause, in lexicon order, named anywhere in the sentence."""
        first = min((m.lastindex for m in s.finditer(self.c.cause_scan)), default=None)
        return self.c.causes[first - 1][0] if first else "unknown"

    def place(self, s: SentenceView, claim: ClaimSpan | None) -> Mention | None:
        """The most specific place among those close to the claim (within a few words of the nearest);
        for a sentence without the claim, the most specific of all. A place only near the events
        ("قرب دمشق") counts only when the sentence names no other: it is still where the text ties them."""
        places = [p for p in s.places if not self.c.near_tail.search(s.norm[max(0, p.start - 20):p.start])]
        places = places or list(s.places)
        if not places:
            return None
        if claim is not None:
            distance = {id(p): s.words(min(p.end, claim.start), max(p.start, claim.end)) for p in places}
            for p in places:
                if _FRAME.fullmatch(s.norm, 0, p.start):
                    distance[id(p)] = 0
            nearest = min(distance.values())
            places = [p for p in places if distance[id(p)] <= nearest + _PLACE_SLACK]
            return min(places, key=lambda p: (self.rank(p), distance[id(p)]))
        return min(places, key=lambda p: (self.rank(p), p.start))

    def rank(self, place: Mention) -> float:
        # A place with no precision was detected from a place word ("بلدة X"): often specific, but less
        # sure than a gazetteer entry, so a named town or region of the gazetteer is preferred to it.
        return self.place_rank.get(place.id) or _DETECTED_RANK

    def perpetrator(self, s: SentenceView, claim: ClaimSpan | None, source: Source | None) -> Mention | None:
        """The armed party next to an attack word ("قصف قوات النظام", "غارات الطيران الروسي", "قوات النظام
        قصفت"), nearest to the claim; else the armed source that announces the enemy's dead ("أعلن جيش الفتح
        ... مقتل العشرات من عناصرها")."""
        victim = claim.actor_id if claim is not None else None
        attackers = self.c.lexicon.armed_actor_types | {"foreign_state"}
        best = None
        for cue in s.finditer(self.c.attack):
            for a in s.actors:
                if a.id == victim or self.actor_types.get(a.id) not in attackers:
                    continue
                after = a.start >= cue.end() and s.words(cue.end(), a.start) <= 4 \
                    and not s.stop_between(cue.end(), a.start)
                before = a.end <= cue.start() and s.words(a.end, cue.start()) <= 1
                if after or before:
                    key = abs(a.start - claim.anchor) if claim is not None else a.start
                    if best is None or key < best[0]:
                        best = (key, a)
        if best:
            return best[1]
        if claim is None or source is None or source.actor_id is None or claim.group != "combatants":
            return None
        sides = self.actor_sides
        if self.actor_types.get(source.actor_id) in self.c.lexicon.armed_actor_types and source.actor_id != victim \
                and (victim is None or sides.get(victim) != sides.get(source.actor_id)):
            return next((a for a in s.actors if a.id == source.actor_id), None)
        return None
