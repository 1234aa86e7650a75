"""Casualty claims: who was killed or injured, how many, according to whom, where.

The pass is two-staged. One Polars regex over the whole batch keeps the sentences that contain a
casualty stem at all (a small fraction of any news corpus); only those are normalised and read by the
compiled patterns below. Reading a sentence binds each trigger to the quantity and victims it governs:

* forward triggers come before the victims ("مقتل 55 مدنياً", "وقتلت عشرة من عناصرها");
* casualty nouns are counted by the number in front of them ("80 قتيلاً", "عشرات الجرحى");
* backward triggers follow the victims ("14 شخصاً قتلوا", "العشرات من المدنيين لقوا حتفهم");
* toll phrases announce a running total ("عدد قتلى الحرب تجاوز 340 ألف شخص");
* a list after a claim continues it ("... قتلوا إلى جانب 33 ألفاً و839 مقاتلاً و903 من حزب الله").

Every word list lives in ``seeds/reference/claim_lexicon.yaml``; this module holds only the grammar.
Offsets are found in normalised text and reported in the display text of the document.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import polars as pl

from pipelines.lib.arabic.normalize import display_span, normalize, normalize_with_map
from pipelines.lib.extract.quantities import Quantity, dual_forms, find_quantities, noun_count
from pipelines.lib.reference.claim_lexicon import ClaimLexicon

CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.Utf8,
    "doc_id": pl.Utf8,
    "sentence_no": pl.Int32,
    "outcome": pl.Utf8,
    "count_low": pl.Int64,
    "count_high": pl.Int64,
    "quantified": pl.Boolean,
    "victim_group": pl.Utf8,
    "victim_actor_id": pl.Utf8,
    "perpetrator_actor_id": pl.Utf8,
    "perpetrator_text": pl.Utf8,
    "claimed_by_actor_id": pl.Utf8,
    "claimed_by_text": pl.Utf8,
    "location_id": pl.Utf8,
    "location_text": pl.Utf8,
    "cause": pl.Utf8,
    "scope": pl.Utf8,
    "evidence": pl.Utf8,
    "mention_text": pl.Utf8,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
}

# A particle glued in front of a word (و ف ب ك ل), with the article or its "لل" contraction.
_PRE = r"(?P<pre>[وف]?(?:[بك]?ال|لل|[بكل])?)"
_PRE_BARE = r"(?P<pre>[وف]?[بكل]?)"
_SUFFIX = r"(?P<suf>ه|ها|هم|هن|هما)?"
_HARD_STOP = re.compile(r"[،,:;؛()\[\].!?؟\-–]")
_WORD = re.compile(r"\S+")
# A number read as a year ("منذ 2013") or a date is not a head count when no victim noun follows it.
_YEAR_RANGE = range(1900, 2101)
# How far back a verb after its victims may look for them ("126 متطرفاً فرنسياً أو مقيماً ... قتلوا").
_BACK_WINDOW = 20
# A place this many words farther from the claim than the nearest one may still win by being more specific
# ("قرية قصر البريج في ريف حلب ما أدى إلى مقتل").
_PLACE_SLACK = 4
# How many sentences back a claim without a place of its own looks for one.
_PLACE_LOOKBACK = 2
_DETECTED_RANK = 2.5
# "وفي حماة، قالت المعارضة ..." : a place that opens the sentence frames every claim in it.
_FRAME = re.compile(r"^[وف]?(?:في|ب)(?=\S)|^[وف]?في ")
_DEMONSTRATIVE = re.compile(r"(?:هذا|هذه|هولاء|ذلك|تلك) ")
# Who a source spoke to ("لوكالة", "لـ«العربي الجديد»", "(سانا)") is not part of the source's name.
# A noun followed by a definite noun is in construct with it ("جثث القتلى"): definite, already counted.
_CONSTRUCT = re.compile(r" (?:ال|لل)(?!مدني|مواطن)")
_LINK = re.compile(r"(?:في صفوف|بين صفوف|من بين|من|بين|ضمن) ")
_QUOTES = "«»\"'“”„"
_RECIPIENT = re.compile(r"(?:ل[\"«“(]|\(|ل(?:وكاله|صحيفه|قناه|موقع|شبكه|مراسل)(?!\w))")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


# --- compiled lexicon ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Noun:
    kind: str          # victim | casualty
    label: str         # victim group, or outcome for casualty nouns
    number: str        # sg | du | pl
    bare: bool = False


@dataclass
class _Compiled:
    forward: re.Pattern[str]
    forward_outcome: dict[str, str]
    backward: re.Pattern[str]
    backward_outcome: dict[str, str]
    circ_open: re.Pattern[str]
    circ_close: re.Pattern[str]
    victim: re.Pattern[str]
    casualty: re.Pattern[str]
    nouns: dict[tuple[str, str], _Noun]
    toll: re.Pattern[str]
    toll_outcome: dict[str, str]
    toll_rise: re.Pattern[str]
    armed: re.Pattern[str]
    negation_tail: re.Pattern[str]
    subset_tail: re.Pattern[str]
    context_tail: re.Pattern[str]
    list_link: re.Pattern[str]
    attribution: re.Pattern[str]
    that_after: re.Pattern[str]
    said: re.Pattern[str]
    causes: list[tuple[str, re.Pattern[str]]]
    cumulative: re.Pattern[str]
    war: re.Pattern[str]
    attack: re.Pattern[str]
    near_tail: re.Pattern[str]
    candidate_stems: str
    lexicon: ClaimLexicon = field(repr=False)


def _word_pattern(forms: Iterable[str], pre: str = _PRE_BARE, suffix: str = "") -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){pre}(?P<w>{_alt(forms)}){suffix}(?!\w)")


def _tail_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a text ends with one of ``words`` (optionally followed by a space)."""
    return re.compile(rf"(?<!\w)[وف]?(?:{_alt(words)}) ?$")


def _noun_table(lex: ClaimLexicon) -> dict[tuple[str, str], _Noun]:
    """Every spelling of the victim and casualty nouns, tagged singular, dual or plural.

    Generated: the accusative singular ("مدنياً"), the regular duals ("طفلان", "مواطنتين") and the
    accusative of broken plurals ("جثثاً"); a dual spelled like a listed plural ("مدنيين") is a plural.
    """
    entries = [("victim", v.group, v.singular, v.plural, (), False) for v in lex.victim_nouns]
    entries += [("casualty", c.outcome, c.singular, c.plural, c.dual, c.bare) for c in lex.casualty_nouns]
    singulars = {e[2] for e in entries if e[2]}
    plurals = {p for e in entries for p in e[3]}
    number = {1: "sg", 2: "du", None: "pl"}
    table: dict[tuple[str, str], _Noun] = {}
    for kind, label, singular, plural, dual, bare in entries:
        forms = set(plural) | {p + "ا" for p in plural if not p.endswith(("ين", "ون", "ات", "ي", "ا", "ه", "ء"))}
        if singular:
            forms |= {singular, *dual_forms(singular)}
            if not singular.endswith(("ه", "ا")):
                forms.add(singular + "ا")
        for form in forms - lex.not_victims:
            table[(kind, form)] = _Noun(kind, label, number[noun_count(form, singulars, plurals)], bare)
        for form in dual:
            table[(kind, form)] = _Noun(kind, label, "du", bare)
    return table


@lru_cache(maxsize=8)
def _compile(lex: ClaimLexicon) -> _Compiled:
    forward_outcome = {f: t.outcome for t in lex.triggers for f in t.forward}
    backward_outcome = {f: t.outcome for t in lex.triggers for f in t.backward}
    nouns = _noun_table(lex)
    victim_forms = [f for (k, f) in nouns if k == "victim"]
    casualty_forms = [f for (k, f) in nouns if k == "casualty"]
    # "عدد قتلاه": a plural in ى takes a pronoun as "قتلا" + ه/ها/هم.
    toll_outcome = {f: n.label for (k, f), n in nouns.items() if k == "casualty"}
    for c in lex.casualty_nouns:
        for p in c.plural:
            if p.endswith("ي"):
                toll_outcome.update({p[:-1] + "ا" + s: c.outcome for s in ("ه", "ها", "هم")})
    causes = [(name, re.compile(rf"(?<!\w)(?:[وف]?[بلك]?(?:ال)?)?(?:{_alt(forms)})(?!\w)"))
              for name, forms in lex.causes]
    stems = sorted({f.split()[0] for t in lex.triggers for f in (*t.forward, *t.backward)}
                   | {f for f in casualty_forms if len(f) >= 3}, key=len, reverse=True)
    return _Compiled(
        forward=_word_pattern(forward_outcome, _PRE),
        forward_outcome=forward_outcome,
        backward=_word_pattern(backward_outcome, _PRE_BARE),
        backward_outcome=backward_outcome,
        circ_open=_word_pattern([f for t in lex.triggers for f in t.circumfix_open]),
        circ_close=_word_pattern([f for t in lex.triggers for f in t.circumfix_close]),
        victim=re.compile(rf"{_PRE}(?P<w>{_alt(victim_forms)}){_SUFFIX}(?!\w)"),
        casualty=re.compile(rf"(?<!\w){_PRE}(?P<w>{_alt(casualty_forms)})(?!\w)"),
        nouns=nouns,
        toll=re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{_alt(lex.toll_heads)}) (?P<art>ال)?"
                        rf"(?P<w>{_alt(toll_outcome)})(?!\w)"),
        toll_outcome=toll_outcome,
        toll_rise=_tail_pattern([f"{r} {p}" for r in lex.toll_rise for p in ("الي", "ل")] + list(lex.toll_rise)),
        armed=re.compile(rf"{_PRE}(?:{_alt(lex.armed_bodies)})(?!\w)"),
        negation_tail=re.compile(rf"(?<!\w)[وف]?(?:{_alt(lex.negations)})(?!\w)"),
        subset_tail=_tail_pattern(lex.subset_markers),
        context_tail=re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{_alt(lex.non_casualty_contexts)})(?!\w)"),
        list_link=re.compile(rf" (?:{_alt(lex.list_links)}) "),
        attribution=re.compile(
            rf"(?<!\w)[وف]?(?:(?P<prep>{_alt(lex.attribution_prepositions)})"
            rf"|(?P<verb>{_alt(lex.attribution_verbs)})|(?P<that>{_alt(lex.attribution_verbs_with_that)}))(?!\w)"),
        that_after=re.compile(r"(?:ان|انه|انها|بان) "),
        said=re.compile(rf"[وف]?(?:{_alt(lex.attribution_verbs)})(?:ه|ها|ته|تها)?"),
        causes=causes,
        cumulative=re.compile(rf"(?<!\w)(?:{_alt(lex.cumulative_cues)})"),
        war=re.compile(rf"(?<!\w)(?:{_alt(lex.war_cues)})"),
        attack=re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{_alt(lex.attack_cues)})(?!\w)"),
        near_tail=_tail_pattern(lex.near_markers),
        candidate_stems="|".join(re.escape(s) for s in stems),
        lexicon=lex,
    )


# --- one sentence ----------------------------------------------------------------------------------------


@dataclass
class _Mention:
    id: str
    start: int      # normalised offsets inside the sentence
    end: int
    d_start: int    # display offsets inside the document
    d_end: int
    surface: str


@dataclass
class _Sentence:
    doc_id: str
    sentence_no: int
    paragraph_no: int
    char_start: int
    text: str
    norm: str
    origin: list[int]
    quantities: list[Quantity]
    q_by_start: dict[int, Quantity]
    actors: list[_Mention]
    places: list[_Mention]

    def words(self, a: int, b: int) -> int:
        return len(_WORD.findall(self.norm, a, b))

    def stop_between(self, a: int, b: int) -> bool:
        return _HARD_STOP.search(self.norm, a, b) is not None

    def before(self, pos: int, n_words: int) -> str:
        """The ``n_words`` words before ``pos`` (normalised)."""
        head = self.norm[:pos].rstrip()
        return " ".join(head.split(" ")[-n_words:]) if head else ""


@dataclass
class _NP:
    """What follows a number or trigger: a victim noun, "من" + a group, a casualty noun, or nothing."""

    kind: str                 # noun | of | casualty | reject | none
    end: int
    group: str | None = None
    number: str | None = None
    definite: bool = False
    actor_id: str | None = None
    at_least: bool = False
    start: int = -1           # where a victim noun read backwards begins
    noun: str | None = None   # the victim noun itself, as matched


@dataclass
class _Claim:
    outcome: str
    low: int | None
    high: int | None
    quantified: bool
    group: str | None           # None: no victim word, may inherit from a coordinated claim
    actor_id: str | None
    start: int                  # phrase span, normalised
    end: int
    anchor: int                 # the trigger position, for distances
    q_start: int | None
    kind: str
    noun: str | None = None     # the victim noun, to recognise the same victims restated
    head: _Claim | None = None  # the claim a listed item continues
    scope: str = "event"
    war: bool = False           # a total for the whole war


def _count(q: Quantity, np: _NP) -> tuple[int | None, int | None, bool]:
    low, high = q.count_low, q.count_high
    if np.at_least and q.kind == "exact":
        high = None
    return low, high, q.quantified


class _Reader:
    """Binds triggers, quantities and victims inside one sentence."""

    def __init__(self, s: _Sentence, c: _Compiled, actor_types: dict[str, str]) -> None:
        self.s, self.c, self.actor_types = s, c, actor_types
        self.used: set[tuple[int, str]] = set()
        self.claims: list[_Claim] = []
        self.trigger_starts = {m.start() for m in c.forward.finditer(s.norm)} | {
            m.start() for m in c.backward.finditer(s.norm)}

    # -- noun phrases --

    def actor_at(self, pos: int) -> _Mention | None:
        for m in self.s.actors:
            if pos <= m.start <= pos + 3:
                return m
        return None

    def group_of_actor(self, actor: _Mention) -> str:
        return "combatants" if self.actor_types.get(actor.id) in self.c.lexicon.armed_actor_types else "unknown"

    def np_after_q(self, q: Quantity) -> _NP:
        """The victims of a quantity; "عدد من" / "الكثير من" already carry the "من" of the phrase."""
        return self.np_after(q.end, after_of=q.text.endswith(" من"))

    def np_after(self, pos: int, after_of: bool = False) -> _NP:
        norm, c = self.s.norm, self.c
        if not norm.startswith(" ", pos):
            return _NP("none", pos)
        p = pos + 1
        m = c.casualty.match(norm, p)
        if m:
            return _NP("casualty", m.end())
        if not after_of:
            m = c.victim.match(norm, p)
            if m:
                noun = c.nouns[("victim", m.group("w"))]
                np = _NP("noun", m.end(), noun.label, noun.number, definite=m.group("pre").endswith(("ال", "لل")),
                         start=m.start(), noun=m.group("w"))
                return self.tail(np)
        if after_of or norm.startswith("من ", p):
            q = p if after_of else p + 3
            d = _DEMONSTRATIVE.match(norm, q)
            if d:
                q = d.end()
            m = c.victim.match(norm, q)
            if m:
                np = _NP("of", m.end(), c.nouns[("victim", m.group("w"))].label, "pl", noun=m.group("w"))
                actor = self.actor_at(m.end() + 1)
                if actor:
                    np.actor_id, np.end = actor.id, max(np.end, actor.end)
                    if np.group == "unknown":
                        np.group = self.group_of_actor(actor)
                return self.tail(np)
            actor = self.actor_at(q)
            if actor:
                return self.tail(_NP("of", actor.end, self.group_of_actor(actor), "pl", actor_id=actor.id))
            m = c.armed.match(norm, q)
            if m:
                return self.tail(_NP("of", m.end(), "combatants", "pl"))
        word = _WORD.match(norm, p)
        if word:
            w = word.group(0)
            bare = re.sub(r"^[وف]?[بكل]?(?:ال)?", "", w)
            if w in c.lexicon.non_casualty_nouns or bare in c.lexicon.non_casualty_nouns:
                return _NP("reject", pos)
        return _NP("none", pos)

    def tail(self, np: _NP) -> _NP:
        """Modifiers after the victims: an adjective noun ("قتيلاً مدنياً"), "من/في صفوف/بين X" naming
        the group or actor, a construct armed body ("أفراد القوات"), a trailing "على الأقل"."""
        norm, c = self.s.norm, self.c
        for _ in range(3):
            p = np.end
            if not norm.startswith(" ", p):
                break
            link = _LINK.match(norm, p + 1)
            q = link.end() if link else p + 1
            m = c.victim.match(norm, q)
            if m is None and link:
                # "جرحى من قافلة مهجري حي جوبر": one carrier word before the victims.
                w = _WORD.match(norm, q)
                if w and norm.startswith(" ", w.end()):
                    m = c.victim.match(norm, w.end() + 1)
            if m and (np.group in (None, "unknown") or link):
                label = c.nouns[("victim", m.group("w"))].label
                if np.group in (None, "unknown"):
                    np.group = label
                np.end = m.end()
                actor = self.actor_at(m.end() + 1)
                if actor and np.actor_id is None:
                    np.actor_id, np.end = actor.id, actor.end
                continue
            actor = self.actor_at(q)
            if actor and np.actor_id is None and (link or np.kind in ("noun", "of", "casualty")):
                np.actor_id, np.end = actor.id, actor.end
                if np.group in (None, "unknown"):
                    np.group = self.group_of_actor(actor)
                continue
            m = c.armed.match(norm, q)
            if m and (link or np.group in (None, "unknown")):
                if np.group in (None, "unknown"):
                    np.group = "combatants"
                np.end = m.end()
                continue
            break
        return self.trailing_at_least(np)

    def trailing_at_least(self, np: _NP) -> _NP:
        """ "ستة من مقاتلي المعارضة السورية على الأقل": the qualifier may close the phrase a few words on."""
        norm = self.s.norm
        p = np.end
        for _ in range(4):
            if norm.startswith(" علي الاقل", p):
                np.at_least, np.end = True, p + len(" علي الاقل")
                return np
            w = _WORD.match(norm, p + 1) if norm.startswith(" ", p) else None
            if w is None or _HARD_STOP.search(w.group(0)) or w.start() in self.trigger_starts \
                    or w.start() in self.s.q_by_start or self.c.subset_tail.search(w.group(0)):
                return np
            p = w.end()
        return np

    # -- guards --

    def negated(self, pos: int) -> bool:
        return self.c.negation_tail.search(self.s.before(pos, 4)) is not None

    def q_usable(self, q: Quantity, outcome: str) -> bool:
        if q.kind == "percent" or (q.start, outcome) in self.used:
            return False
        before = self.s.before(q.start, 2)
        if self.c.subset_tail.search(before + " "):
            return False
        return self.c.context_tail.search(self.s.before(q.start, 2)) is None

    def q_after_words(self, pos: int, max_words: int) -> Quantity | None:
        """The quantity starting within ``max_words`` words after ``pos`` (no punctuation, no trigger)."""
        norm = self.s.norm
        p = pos
        for _ in range(max_words + 1):
            if not norm.startswith(" ", p):
                return None
            q = self.s.q_by_start.get(p + 1)
            if q is not None:
                return q
            if p + 1 in self.trigger_starts or self.c.list_link.match(norm, p):
                return None
            w = _WORD.match(norm, p + 1)
            if w is None or _HARD_STOP.search(w.group(0)):
                return None
            p = w.end()
        return None

    # -- emitting --

    def emit(self, outcome: str, q: Quantity | None, np: _NP, start: int, end: int, anchor: int, kind: str,
             count: tuple[int | None, int | None, bool] | None = None) -> _Claim:
        if count is None:
            count = _count(q, np) if q is not None else (None, None, False)
        low, high, quantified = count
        group = np.group if np.kind in ("noun", "of") or np.group else None
        claim = _Claim(outcome, low, high, quantified, group, np.actor_id, start, end, anchor,
                       q.start if q else None, kind, noun=np.noun)
        if q is not None:
            self.used.add((q.start, outcome))
        self.claims.append(claim)
        return claim

    def noun_count(self, np: _NP) -> tuple[int | None, int | None, bool] | None:
        """Count carried by a victim noun alone: singular indefinite 1, dual 2, indefinite plural unknown."""
        if np.number == "du":
            return 2, 2, True
        if np.definite:
            return None
        if np.number == "sg":
            return 1, 1, True
        return None, None, False

    # -- rules --

    def read(self) -> list[_Claim]:
        s, c = self.s, self.c
        self.tolls()
        forwards = [m for m in c.forward.finditer(s.norm) if not self.negated(m.start())]
        done: set[int] = set()
        for i, m in enumerate(forwards):
            if m.start() in done:
                continue
            nxt = forwards[i + 1] if i + 1 < len(forwards) else None
            if nxt is not None and nxt.start() == m.end() + 1 and s.norm[nxt.start()] == "و" \
                    and c.forward_outcome[nxt.group("w")] != c.forward_outcome[m.group("w")]:
                # "173 مدنياً قتلوا وأصيب العشرات": the first verb has its own victims before it.
                if m.group("w") in c.backward_outcome and self.backward(m, nouns=False):
                    done.add(m.start())
                    continue
                done |= {m.start(), nxt.start()}
                self.coordinated(m, nxt)
                continue
            if self.forward(m) is not None:
                done.add(m.start())
        for m in c.circ_open.finditer(s.norm):
            close = c.circ_close.search(s.norm, m.end(), m.end() + 120)
            if close and close.start() > m.end() + 1 and not s.stop_between(m.end(), close.start()):
                claim = self.forward_q(self.outcome_of_close(close), m, m.end())
                if claim is not None:
                    claim.end = max(claim.end, close.end())
        self.casualties()
        backwards = [m for m in c.backward.finditer(s.norm) if not self.negated(m.start())]
        for m in backwards:
            if m.start() not in done and self.backward(m, nouns=False):
                done.add(m.start())
        # Weaker readings last: a number a word or two after the trigger ("قتل حتى الآن أكثر من 2000
        # عنصر"), then a bare noun right before a verb ("أن شخصاً قتل").
        for m in forwards:
            if m.start() not in done and self.forward(m, gap=2) is not None:
                done.add(m.start())
        for m in backwards:
            if m.start() not in done and self.backward(m, quantities=False):
                done.add(m.start())
        self.lists()
        self.scopes()
        return self.claims

    def scopes(self) -> None:
        """A running total has a cue in its own stretch of the sentence (between its neighbours' phrases);
        a war-wide total has a war cue or a war-sized count. Listed items share the claim they continue."""
        ordered = sorted(self.claims, key=lambda cl: cl.start)
        lex = self.c.lexicon
        for i, cl in enumerate(ordered):
            lo = min(ordered[i - 1].end if i else 0, cl.start)
            hi = max(ordered[i + 1].start if i + 1 < len(ordered) else len(self.s.norm), cl.end)
            cl.war = bool(self.c.war.search(self.s.norm, lo, hi)) or (
                cl.low is not None and cl.low >= lex.cumulative_min_count)
            cl.scope = "cumulative" if cl.war or self.c.cumulative.search(self.s.norm, lo, hi) else "event"
        for cl in ordered:
            if cl.head is not None:
                cl.war = cl.war or cl.head.war
                cl.scope = "cumulative" if cl.head.scope == "cumulative" else cl.scope

    def outcome_of_close(self, close: re.Match[str]) -> str:
        for t in self.c.lexicon.triggers:
            if close.group("w") in t.circumfix_close:
                return t.outcome
        return "killed"

    def forward(self, m: re.Match[str], gap: int = 0) -> _Claim | None:
        outcome = self.c.forward_outcome[m.group("w")]
        if m.group("pre").endswith(("ال", "لل")) and m.group("w") in self.c.lexicon.needs_victim:
            return None
        return self.forward_q(outcome, m, m.end(), gap)

    def forward_q(self, outcome: str, m: re.Match[str], pos: int, gap: int = 0) -> _Claim | None:
        """The victims right after a trigger; with ``gap``, a number up to that many words later."""
        s = self.s
        needs_victim = m.group("w") in self.c.lexicon.needs_victim
        q = s.q_by_start.get(pos + 1)
        if q is None and not gap:
            np = self.np_after(pos)
            if np.kind != "noun" or needs_victim:
                return None
            count = self.noun_count(np)
            if count is None:
                return None
            return self.emit(outcome, None, np, m.start(), np.end, m.start(), "forward", count)
        if q is None:
            q = self.q_after_words(pos, gap)
        else:
            gap = 0
        if q is None or not self.q_usable(q, outcome):
            return None
        np = self.np_after_q(q)
        if np.kind in ("reject", "casualty"):
            return None
        if np.kind == "none":
            if gap or needs_victim or (q.kind == "exact" and q.count_low in _YEAR_RANGE):
                return None
            if s.norm.startswith(" منهم", q.end):
                np.end = q.end + len(" منهم")
        return self.emit(outcome, q, np, m.start(), max(np.end, q.end), m.start(), "forward")

    def coordinated(self, first: re.Match[str], second: re.Match[str]) -> None:
        """ "مقتل وإصابة عدد من عناصره": both outcomes share the victims of the second trigger.

        A shared exact number ("قتل وأصيب سبعة") adds dead and wounded together, so neither count is
        known and no claim is made; a vague or missing number applies to both.
        """
        n_before = len(self.claims)
        claim = self.forward(second)
        if claim is None:
            return
        if claim.quantified and claim.low is not None:
            del self.claims[n_before:]
            return
        outcome = self.c.forward_outcome[first.group("w")]
        self.claims.append(replace(claim, outcome=outcome, start=first.start(), anchor=first.start()))
        if claim.q_start is not None:
            self.used.add((claim.q_start, outcome))

    def casualties(self) -> None:
        s, c = self.s, self.c
        prev: _Claim | None = None
        prev_end = -1
        for m in c.casualty.finditer(s.norm):
            noun = c.nouns[("casualty", m.group("w"))]
            outcome = noun.label
            definite = m.group("pre").endswith(("ال", "لل"))
            before = s.norm[:m.start()]
            if re.search(rf"(?:{_alt(c.lexicon.toll_heads)}) $", before):
                continue
            q = next((q for q in s.quantities if re.fullmatch(r" (?:من )?", s.norm[q.end:m.start()] or "x")),
                     None)
            np = self.tail(_NP("casualty", m.end()))
            if q is not None:
                if not self.q_usable(q, outcome) or self.negated(q.start):
                    prev = None
                    continue
                prev = self.emit(outcome, q, np, q.start, np.end, m.start(), "casualty")
                prev_end = m.end()
                continue
            if prev is not None and prev.q_start is not None and s.norm[prev_end:m.start()] == " " \
                    and m.group("pre").startswith("و"):
                # "مئات القتلى والجرحى": the second noun shares the number of the first, and whatever
                # follows it ("في صفوف المدنيين") describes both.
                if prev.group is None and np.group is not None:
                    prev.group, prev.actor_id = np.group, prev.actor_id or np.actor_id
                claim = replace(prev, outcome=outcome, start=prev.start, end=max(prev.end, np.end),
                                anchor=m.start())
                if (prev.q_start, outcome) not in self.used:
                    self.claims.append(claim)
                    if prev.q_start is not None:
                        self.used.add((prev.q_start, outcome))
                prev_end = m.end()
                continue
            prev = None
            if self.negated(m.start()):
                continue
            if noun.number == "du":
                prev = self.emit(outcome, None, np, m.start(), np.end, m.start(), "casualty", (2, 2, True))
            elif noun.bare and noun.number == "pl" and not definite and not _CONSTRUCT.match(s.norm, m.end()):
                prev = self.emit(outcome, None, np, m.start(), np.end, m.start(), "casualty")
            prev_end = m.end()

    def backward(self, m: re.Match[str], quantities: bool = True, nouns: bool = True) -> bool:
        """The victims before a verb: a number and its noun within the clause, or (``nouns``) a bare
        victim noun right before it ("شخصاً قتل" is one, "جنديين قتلا" two). True when the verb is
        accounted for, including by victims another rule has already counted."""
        s, c = self.s, self.c
        outcome = c.backward_outcome[m.group("w")]
        subject = self.noun_before(m.start(), max_gap=1)
        for q in reversed([q for q in s.quantities if q.end <= m.start()] if quantities else []):
            if s.words(q.end, m.start()) > _BACK_WINDOW or s.stop_between(q.end, m.start()):
                break
            if (q.start, outcome) in self.used or q.kind == "percent":
                # The victims are counted already, or only as a share ("10٪ من عناصره سقطوا مصابين"):
                # the verb is accounted for, and no bare noun before it may be read as a new claim.
                return True
            if not self.q_usable(q, outcome):
                continue
            np = self.np_after_q(q)
            if subject is not None and subject.start >= max(np.end, q.end):
                break  # "أحد سكان الغوطة ... إن طفلاً مات": the noun right before the verb is its subject
            if np.kind == "casualty":
                return True
            if np.kind == "none" and q.count_low == 1 and q.count_high == 1:
                noun = self.noun_before(q.start, counted=True)
                if noun is not None:
                    self.emit(outcome, q, noun, noun.start, max(m.end(), q.end), m.start(), "backward")
                    return True
            if np.kind in ("noun", "of"):
                self.emit(outcome, q, np, q.start, m.end(), m.start(), "backward")
                return True
        noun = subject if nouns else None
        if noun is not None:
            count = self.noun_count(noun)
            if count is not None:
                self.emit(outcome, None, noun, noun.start, m.end(), m.start(), "backward", count)
                return True
        return False

    def noun_before(self, pos: int, max_gap: int = 0, counted: bool = False) -> _NP | None:
        """A victim noun ending right before ``pos`` (at most ``max_gap`` words between, e.g. "قد");
        with ``counted``, also one that follows a number ("158 امرأة واحدة": the noun of "واحدة")."""
        s, c = self.s, self.c
        head = s.norm[:pos].rstrip()
        words = list(_WORD.finditer(head))
        for back in range(1, max_gap + 2):
            if len(words) < back:
                return None
            w = words[-back]
            m = c.victim.fullmatch(head, w.start(), w.end())
            if m:
                # A noun counted by a number ("11 شخصاً", "بينهم أربعة أطفال") or listed as a subset
                # ("بينهم أطفال") is read with its number, or not at all.
                before = head[:w.start()]
                if c.subset_tail.search(before) or (
                        not counted and any(q.end == w.start() - 1 for q in s.quantities)):
                    return None
                noun = c.nouns[("victim", m.group("w"))]
                return _NP("noun", w.end(), noun.label, noun.number,
                           definite=m.group("pre").endswith(("ال", "لل")), start=w.start(), noun=m.group("w"))
            if _HARD_STOP.search(w.group(0)):
                return None
        return None

    def tolls(self) -> None:
        s, c = self.s, self.c
        for m in c.toll.finditer(s.norm):
            outcome = c.toll_outcome[m.group("w")]
            # "ارتفع إلى 18 على الأقل عدد قتلى النظام": the number comes first.
            q = next((q for q in s.quantities if q.end + 1 == m.start() and q.quantified), None)
            if q is not None and c.toll_rise.search(s.norm[:q.start]) and self.q_usable(q, outcome):
                np = self.tail(_NP("casualty", m.end()))
                self.emit(outcome, q, np, q.start, np.end, m.start(), "toll")
                continue
            between = self.tail(_NP("casualty", m.end()))
            for q in s.quantities:
                if q.start < m.end():
                    continue
                if s.words(m.end(), q.start) > 10 or s.stop_between(m.end(), q.start):
                    break
                if q.kind not in ("exact", "vague") or not self.q_usable(q, outcome):
                    continue
                np = self.np_after_q(q)
                if np.kind in ("reject", "casualty"):
                    continue
                if np.kind == "none" and q.count_low in _YEAR_RANGE:
                    continue
                if np.group in (None, "unknown") and between.group not in (None, "unknown"):
                    np.group = between.group
                if np.actor_id is None:
                    np.actor_id = between.actor_id
                if np.group is None:
                    np.group = between.group
                self.emit(outcome, q, np, m.start(), max(np.end, q.end), m.start(), "toll")
                break

    def lists(self) -> None:
        """Victims listed after a claim ("و903 من جماعة حزب الله") are claims with the same outcome."""
        s, c = self.s, self.c
        queue = [cl for cl in self.claims if cl.q_start is not None and cl.low is not None]
        while queue:
            prev = queue.pop(0)
            p = prev.end
            for _ in range(5):
                link = c.list_link.match(s.norm, p)
                q_pos = link.end() if link else p + 1
                q = s.q_by_start.get(q_pos) if (link or s.norm.startswith(" ", p)) else None
                if q is not None:
                    joined = link is not None or s.norm[q.start] == "و" or s.norm.startswith(" و ", p)
                    np = self.np_after_q(q)
                    if joined and q.quantified and np.kind in ("noun", "of") and self.q_usable(q, prev.outcome):
                        claim = self.emit(prev.outcome, q, np, q.start, np.end, q.start, "list")
                        claim.head = prev
                        queue.append(claim)
                    break
                w = _WORD.match(s.norm, p + 1)
                if w is None or _HARD_STOP.search(w.group(0)) or (p + 1) in self.trigger_starts \
                        or c.subset_tail.search(w.group(0)):
                    break
                p = w.end()


# --- attributes ------------------------------------------------------------------------------------------


@dataclass
class _Source:
    start: int
    end: int
    text: str
    actor_id: str | None


class _Attributes:
    """claimed_by, location, perpetrator, cause and scope of the claims of one document."""

    def __init__(self, c: _Compiled, actor_types: dict[str, str], actor_sides: dict[str, str],
                 place_rank: dict[str, int], region: dict[str, str], war_country: _Mention | None) -> None:
        self.c, self.actor_types, self.place_rank, self.war_country = c, actor_types, place_rank, war_country
        self.actor_sides = actor_sides
        self.region = region  # location_id → governorate, to tell restatements from separate events

    def sources(self, s: _Sentence) -> list[_Source]:
        """Attributions in a sentence: the cue and the name after it. An empty name means "he added that"."""
        out = []
        lex = self.c.lexicon
        triggers = {m.start() for m in self.c.forward.finditer(s.norm)} | {
            m.start() for m in self.c.casualty.finditer(s.norm)}
        for m in self.c.attribution.finditer(s.norm):
            p = m.end()
            words: list[re.Match[str]] = []
            if m.group("prep"):
                # "وفق ما أفاد المرصد", "بحسب ما قالته المعارضة": the source follows the verb.
                nxt = _WORD.match(s.norm, p + 1)
                if nxt and nxt.group(0) in ("ما", "لما"):
                    p = nxt.end()
                    nxt = _WORD.match(s.norm, p + 1)
                if nxt and self.c.said.fullmatch(nxt.group(0)):
                    p = nxt.end()
            while len(words) < lex.attribution_max_words:
                if not s.norm.startswith(" ", p):
                    break
                w = _WORD.match(s.norm, p + 1)
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
                if core != token or _HARD_STOP.search(core):
                    break
            if m.group("that") and not self.c.that_after.match(s.norm, p + 1):
                continue
            if not words:
                out.append(_Source(m.start(), m.end(), "", None))
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
            out.append(_Source(m.start(), n_end, text, actor.id if actor else None))
        return out

    def cause(self, s: _Sentence) -> str:
        for name, pat in self.c.causes:
            if pat.search(s.norm):
                return name
        return "unknown"

    def place(self, s: _Sentence, claim: _Claim | None) -> _Mention | None:
        """The most specific place among those close to the claim (within a few words of the nearest);
        for a sentence without the claim, the most specific of all. Places only near the events
        ("قرب دمشق") do not count."""
        places = [p for p in s.places if not self.c.near_tail.search(s.norm[max(0, p.start - 20):p.start])]
        if not places:
            return None
        if claim is not None:
            distance = {id(p): s.words(min(p.end, claim.start), max(p.start, claim.end)) for p in places}
            for p in places:
                if s.words(0, p.start) <= 1 and _FRAME.match(s.norm):
                    distance[id(p)] = 0
            nearest = min(distance.values())
            places = [p for p in places if distance[id(p)] <= nearest + _PLACE_SLACK]
            return min(places, key=lambda p: (self.rank(p), distance[id(p)]))
        return min(places, key=lambda p: (self.rank(p), p.start))

    def rank(self, place: _Mention) -> float:
        # A place with no precision was detected from a place word ("بلدة X"): often specific, but less
        # sure than a gazetteer entry, so a named town or region of the gazetteer is preferred to it.
        return self.place_rank.get(place.id) or _DETECTED_RANK

    def perpetrator(self, s: _Sentence, claim: _Claim | None, source: _Source | None) -> _Mention | None:
        """The armed party next to an attack word ("قصف قوات النظام", "غارات الطيران الروسي", "قوات النظام
        قصفت"), nearest to the claim; else the armed source that announces the enemy's dead ("أعلن جيش الفتح
        ... مقتل العشرات من عناصرها")."""
        victim = claim.actor_id if claim is not None else None
        attackers = self.c.lexicon.armed_actor_types | {"foreign_state"}
        best = None
        for cue in self.c.attack.finditer(s.norm):
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


# --- driver ----------------------------------------------------------------------------------------------


def _normalise_expr(col: str) -> pl.Expr:
    """A vectorised approximation of ``normalize`` good enough to pre-select candidate sentences."""
    return (
        pl.col(col)
        .str.replace_all(r"[\x{064B}-\x{065F}\x{0670}\x{0640}]", "")
        .str.replace_all(r"[أإآٱ]", "ا")
        .str.replace_all(r"[ىئ]", "ي")
        .str.replace_all("ؤ", "و")
        .str.replace_all("ة", "ه")
    )


def candidate_sentences(sentences: pl.DataFrame, lexicon: ClaimLexicon) -> pl.DataFrame:
    """The sentences that contain a casualty stem at all: one regex over the whole batch."""
    stems = _compile(lexicon).candidate_stems
    # A stem at the start of a word, after any particles and the article (Rust regex: no look-behind).
    word_start = rf"(?:^|[^\p{{L}}\p{{N}}])(?:[وفبلك]{{0,2}}(?:ال)?)(?:{stems})"
    return sentences.filter(_normalise_expr("text").str.contains(word_start))


def _mentions_by_sentence(frame: pl.DataFrame, id_col: str) -> dict[tuple[str, int], list[tuple]]:
    out: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    if frame.height:
        for row in frame.select("doc_id", "sentence_no", id_col, "surface", "char_start", "char_end").iter_rows():
            out[(row[0], row[1])].append(row[2:])
    return out


def _to_local(rows: list[tuple], s_start: int, origin: list[int]) -> list[_Mention]:
    out = []
    for mid, surface, d0, d1 in rows:
        a = bisect.bisect_left(origin, d0 - s_start)
        b = bisect.bisect_left(origin, d1 - s_start)
        out.append(_Mention(mid, a, b, d0, d1, surface))
    return sorted(out, key=lambda m: m.start)


def _place_rank(locations: pl.DataFrame) -> dict[str, int]:
    """Smaller is more specific: the place itself (1), its district (2), governorate (3), country (4);
    places without a precision are left out (see ``_Attributes.rank``)."""
    if not locations.height:
        return {}
    ranks = locations.filter(pl.col("geo_precision").is_not_null()).select("location_id", "geo_precision")
    return dict(ranks.iter_rows())


def _war_country(locations: pl.DataFrame, name: str) -> _Mention | None:
    """The gazetteer entry a war-wide total is placed in (its name as the location text)."""
    if not name or not locations.height:
        return None
    for loc_id, name_ar in locations.select("location_id", "name_ar").iter_rows():
        if normalize(name_ar) == name:
            return _Mention(loc_id, -1, -1, -1, -1, name_ar)
    return None


def extract_claims(sentences: pl.DataFrame, actor_mentions: pl.DataFrame, location_mentions: pl.DataFrame,
                   actors: pl.DataFrame, locations: pl.DataFrame, lexicon: ClaimLexicon) -> pl.DataFrame:
    """Casualty claims of a batch of sentences, with the columns of ``casualty_claims``.

    ``sentences`` has doc_id, sentence_no, paragraph_no, char_start, char_end, text (document offsets);
    mention frames carry document offsets too. Restatements inside one document come out once.
    """
    c = _compile(lexicon)
    if not sentences.height:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    actor_types = dict(actors.select("actor_id", "actor_type").iter_rows()) if actors.height else {}
    region = dict(locations.select("location_id", "admin1_ar").drop_nulls().iter_rows()) if locations.height else {}
    actor_sides = dict(actors.select("actor_id", "side").drop_nulls().iter_rows()) if actors.height else {}
    attrs = _Attributes(c, actor_types, actor_sides, _place_rank(locations), region,
                        _war_country(locations, lexicon.war_country))
    cand = candidate_sentences(sentences, lexicon)
    cand_keys = set(cand.select("doc_id", "sentence_no").iter_rows())
    docs = sorted(set(cand.get_column("doc_id").to_list()))
    am = _mentions_by_sentence(actor_mentions.filter(pl.col("doc_id").is_in(docs)), "actor_id")
    lm = _mentions_by_sentence(location_mentions.filter(pl.col("doc_id").is_in(docs)), "location_id")
    doc_sents = sentences.filter(pl.col("doc_id").is_in(docs)).sort("doc_id", "sentence_no")
    rows: list[dict] = []
    for _, part in doc_sents.group_by(["doc_id"], maintain_order=True):
        rows.extend(_document_claims(part.to_dicts(), cand_keys, am, lm, c, attrs))
    if not rows:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    return pl.DataFrame(rows, schema=CLAIM_SCHEMA)


class _Document:
    """The sentences of one document, normalised only when a claim needs them: its own sentence, the
    sentences its attribution or place may come from (same paragraph, the lead, the sentence before)."""

    def __init__(self, rows: list[dict], cand_keys: set, am: dict, lm: dict, attrs: _Attributes) -> None:
        self.rows, self.cand_keys, self.am, self.lm, self.attrs = rows, cand_keys, am, lm, attrs
        self._sentences: dict[int, _Sentence] = {}
        self._sources: dict[int, list[_Source]] = {}
        self.paragraphs: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            self.paragraphs[r["paragraph_no"]].append(i)
        self.lead = [i for i, r in enumerate(rows) if r["paragraph_no"] <= 1]

    def is_candidate(self, i: int) -> bool:
        r = self.rows[i]
        return (r["doc_id"], r["sentence_no"]) in self.cand_keys

    def sentence(self, i: int) -> _Sentence:
        if i not in self._sentences:
            r = self.rows[i]
            norm, origin = normalize_with_map(r["text"])
            qs = find_quantities(norm) if self.is_candidate(i) else []
            key = (r["doc_id"], r["sentence_no"])
            self._sentences[i] = _Sentence(
                r["doc_id"], r["sentence_no"], r["paragraph_no"], r["char_start"], r["text"], norm, origin, qs,
                {q.start: q for q in qs}, _to_local(self.am.get(key, []), r["char_start"], origin),
                _to_local(self.lm.get(key, []), r["char_start"], origin))
        return self._sentences[i]

    def raw_sources(self, i: int) -> list[_Source]:
        if i not in self._sources:
            self._sources[i] = self.attrs.sources(self.sentence(i))
        return self._sources[i]

    def sources(self, i: int) -> list[_Source]:
        """Named attributions of sentence ``i``; one without a name ("وأضاف أن") is the last source named."""
        out = []
        for src in self.raw_sources(i):
            if not src.text:
                last = next((x for j in range(i - 1, -1, -1) for x in reversed(self.raw_sources(j)) if x.text), None)
                if last is None:
                    continue
                src = _Source(src.start, src.end, last.text, last.actor_id)
            out.append(src)
        return out

    def paragraph_source(self, i: int) -> _Source | None:
        """The source of the nearest earlier sentence of the paragraph, else of the sentence right after
        ("لقي ستة ... مصرعهم. وقال المرصد السوري إن ...")."""
        paragraph = self.paragraphs[self.rows[i]["paragraph_no"]]
        for j in reversed([j for j in paragraph if j < i]):
            if named := self.sources(j):
                return named[-1]
        if i + 1 in paragraph and (named := self.sources(i + 1)):
            return named[0]
        return None

    def fallback_perpetrator(self, i: int) -> _Mention | None:
        """The attacker named in the sentence before, within the paragraph ("قصفت قوات النظام ... . وأسفر
        القصف عن مقتل ...")."""
        paragraph = self.paragraphs[self.rows[i]["paragraph_no"]]
        if i - 1 not in paragraph:
            return None
        return self.attrs.perpetrator(self.sentence(i - 1), None, None)

    def fallback_place(self, i: int) -> _Mention | None:
        """The place of the sentences just before (which a claim continues: "وأضافت أنها ... قتلت"),
        else of the rest of the paragraph, else of the title and lead."""
        paragraph = self.paragraphs[self.rows[i]["paragraph_no"]]
        before = list(range(i - 1, max(-1, i - 1 - _PLACE_LOOKBACK), -1))
        after = [j for j in paragraph if j > i]
        for j in dict.fromkeys([*before, *after, *self.lead]):
            place = self.attrs.place(self.sentence(j), None)
            if place is not None:
                return place
        return None


def _document_claims(rows: list[dict], cand_keys: set, am: dict, lm: dict, c: _Compiled,
                     attrs: _Attributes) -> list[dict]:
    doc = _Document(rows, cand_keys, am, lm, attrs)
    out = []
    for i, r in enumerate(rows):
        # A question ("هل شاهدت جثث ...؟") asserts no toll.
        if not doc.is_candidate(i) or r["text"].rstrip().endswith(("?", "؟")):
            continue
        s = doc.sentence(i)
        for cl in _settle_sentence(_Reader(s, c, attrs.actor_types).read()):
            own = _pick_source(doc.sources(i), cl)
            row = _row(doc, i, cl, own or doc.paragraph_source(i))
            row["_source_rank"] = 2 if own else int(row["claimed_by_text"] is not None)
            out.append(row)
    return _merge_restatements(out)


def _settle_sentence(claims: list[_Claim]) -> list[_Claim]:
    """Give victimless claims the group of a coordinated claim; drop vague repeats inside one sentence."""
    claims = sorted(claims, key=lambda cl: cl.start)
    for cl in claims:
        if cl.group is not None:
            continue
        neighbours = sorted((abs(o.start - cl.start), o) for o in claims if o is not cl and o.group is not None)
        cl.group = neighbours[0][1].group if neighbours else "unknown"
        if cl.actor_id is None and neighbours:
            cl.actor_id = neighbours[0][1].actor_id
    numbered = {cl.outcome for cl in claims if cl.low is not None or cl.high is not None}
    return [cl for cl in claims if cl.quantified or cl.low is not None or cl.outcome not in numbered]


def _pick_source(sources: list[_Source], claim: _Claim) -> _Source | None:
    before = [s for s in sources if s.start <= claim.anchor]
    if before:
        return before[-1]
    return sources[0] if sources else None


def _row(doc: _Document, i: int, cl: _Claim, src: _Source | None) -> dict:
    s, attrs = doc.sentence(i), doc.attrs
    d0, d1 = display_span(s.origin, cl.start, cl.end, len(s.text))
    while d1 < len(s.text) and (unicodedata.category(s.text[d1]) == "Mn" or s.text[d1] == "\u0640"):
        d1 += 1  # the phrase keeps its last letter's diacritics ("مدنياً")
    start, end = s.char_start + d0, s.char_start + d1
    place = attrs.place(s, cl)
    place_in_sentence = place is not None
    if cl.war and attrs.war_country is not None:
        # A war-wide total belongs to the country, not to a town (or a fighters' homeland) named in passing.
        place, place_in_sentence = attrs.war_country, False
    if place is None:
        place = doc.fallback_place(i)
    perp = attrs.perpetrator(s, cl, src) or doc.fallback_perpetrator(i)
    claim_id = hashlib.sha1(f"{s.doc_id}|{s.sentence_no}|{start}|{cl.outcome}|{cl.group}".encode()).hexdigest()[:16]
    return {
        "claim_id": claim_id,
        "doc_id": s.doc_id,
        "sentence_no": s.sentence_no,
        "outcome": cl.outcome,
        "count_low": cl.low,
        "count_high": cl.high,
        "quantified": cl.quantified,
        "victim_group": cl.group or "unknown",
        "victim_actor_id": cl.actor_id,
        "perpetrator_actor_id": perp.id if perp else None,
        "perpetrator_text": perp.surface if perp else None,
        "claimed_by_actor_id": src.actor_id if src else None,
        "claimed_by_text": src.text if src else None,
        "location_id": place.id if place else None,
        "location_text": place.surface if place else None,
        "cause": attrs.cause(s),
        "scope": cl.scope,
        "evidence": s.text,
        "mention_text": s.text[d0:d1],
        "char_start": start,
        "char_end": end,
        "_place_in_sentence": place_in_sentence,
        "_headline": s.paragraph_no == 0,
        "_noun": cl.noun,
        "_region": attrs.region.get(place.id) if place else None,
        "_norm_evidence": s.norm,
        # The phrase and the words after it: a repeated headline repeats them all ("قتلى بالزبداني والمعارضة").
        "_norm_mention": " ".join([s.norm[cl.start:cl.end].lstrip("وف"), *s.norm[cl.end:].split()[:3]]),
    }


def _merge_restatements(rows: list[dict]) -> list[dict]:
    """One claim per statement: a later row that restates an earlier one (same outcome and count,
    compatible victims, no conflicting place) is folded into it, keeping the most informative row."""
    groups: list[list[dict]] = []
    for r in rows:
        for g in groups:
            if _same_claim(g[0], r):
                g.append(r)
                break
        else:
            groups.append([r])
    out = []
    for g in groups:
        best = max(g, key=_informativeness)
        out.append({k: v for k, v in best.items() if not k.startswith("_")})
    return out


def _same_claim(a: dict, b: dict) -> bool:
    if a["outcome"] != b["outcome"] or a["count_low"] != b["count_low"]:
        return False
    if a["count_high"] != b["count_high"] and None not in (a["count_high"], b["count_high"]):
        return False  # "30" may restate "at least 30", but 20..99 never restates 20..20
    if "unknown" not in (a["victim_group"], b["victim_group"]) and a["victim_group"] != b["victim_group"]:
        return False
    if a["_norm_evidence"] == b["_norm_evidence"]:
        return a["mention_text"] == b["mention_text"]
    # A headline summarises the article's main toll, often with a broader or different place name
    # ("12 قتيلاً ... على مدينة الباب" for "مقتل 12 مواطناً ... في قرية قصر البريج").
    headline = a["_headline"] or b["_headline"]
    places_agree = headline or not (a["_place_in_sentence"] and b["_place_in_sentence"]
                                    and a["location_id"] != b["location_id"])
    if a["quantified"] and b["quantified"] and a["count_low"] is not None and a["count_low"] >= 2:
        return places_agree
    # One person, "dozens", "a number of": common enough that only the same words, the same victims at
    # the same named place, or one victim named alike in the same governorate make a restatement.
    if headline:
        return a["victim_actor_id"] == b["victim_actor_id"] or None in (a["victim_actor_id"], b["victim_actor_id"])
    if a["victim_group"] != b["victim_group"] or a["victim_actor_id"] != b["victim_actor_id"]:
        return False
    if a["_norm_mention"] == b["_norm_mention"]:
        return places_agree
    if a["location_id"] is not None and a["location_id"] == b["location_id"]:
        return True
    return a["count_low"] == 1 and a["_noun"] is not None and a["_noun"] == b["_noun"] \
        and a["_region"] is not None and a["_region"] == b["_region"]


def _informativeness(r: dict) -> tuple:
    """Which restatement to keep: the one that names its victims, then the one whose own sentence
    names its source, then the first (a lead states a toll before the body repeats it)."""
    return (r["victim_group"] != "unknown", r["_source_rank"], -r["char_start"])
