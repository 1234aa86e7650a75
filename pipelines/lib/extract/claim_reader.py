"""Reading one sentence: each casualty trigger bound to the quantity and victims it governs.

* forward triggers come before the victims ("مقتل 55 مدنياً", "وقتلت عشرة من عناصرها");
* casualty nouns are counted by the number in front of them ("80 قتيلاً", "عشرات الجرحى");
* backward triggers follow the victims ("14 شخصاً قتلوا", "العشرات من المدنيين لقوا حتفهم");
* toll phrases announce a running total ("عدد قتلى الحرب تجاوز 340 ألف شخص");
* a list after a claim continues it ("... قتلوا إلى جانب 33 ألفاً و839 مقاتلاً و903 من حزب الله").

All positions are offsets into the sentence's normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipelines.lib.extract.claim_patterns import CompiledLexicon
from pipelines.lib.extract.quantities import Quantity
from pipelines.lib.extract.wordtrie import Scanner

HARD_STOP = re.compile(r"[،,:;؛()\[\].!?؟\-–]")
WORD = re.compile(r"\S+")
# A number read as a year ("منذ 2013") or a date is not a head count when no victim noun follows it.
_YEAR_RANGE = range(1900, 2101)
# How far back a verb after its victims may look for them ("126 متطرفاً فرنسياً أو مقيماً ... قتلوا").
_BACK_WINDOW = 20
# How close a period cue must stand to the claim's phrase to date it ("وأدت المعارك المستمرة منذ الأربعاء، بحسب
# المرصد، إلى مقتل"); farther away it describes the scene, not the toll.
_PERIOD_BEFORE = 10
_PERIOD_AFTER = 4
_DEMONSTRATIVE = re.compile(r"(?:هذا|هذه|هولاء|ذلك|تلك) ")
# A noun followed by a definite noun is in construct with it ("جثث القتلى"): definite, already counted.
_CONSTRUCT = re.compile(r" (?:ال|لل)(?!مدني|مواطن)")
_OPEN_QUOTES = "«\"“"
_LINK = re.compile(r"(?:في صفوف|بين صفوف|من بين|من|بين|ضمن) ")


@dataclass
class Mention:
    id: str
    start: int      # normalised offsets inside the sentence
    end: int
    d_start: int    # display offsets inside the document
    d_end: int
    surface: str


@dataclass
class SentenceView:
    doc_id: str
    sentence_no: int
    paragraph_no: int
    char_start: int
    text: str
    norm: str
    origin: list[int]
    quantities: list[Quantity]
    q_by_start: dict[int, Quantity]
    actors: list[Mention]
    places: list[Mention]
    # Matches of each lexicon pattern over ``norm``: the reader and the attribution both scan for triggers.
    _found: dict[Scanner, list[re.Match[str]]] = field(default_factory=dict, repr=False)

    def finditer(self, pattern: Scanner) -> list[re.Match[str]]:
        """Every match of ``pattern`` in ``norm`` (computed once per sentence and pattern)."""
        found = self._found.get(pattern)
        if found is None:
            found = self._found[pattern] = list(pattern.finditer(self.norm))
        return found

    def words(self, a: int, b: int) -> int:
        return len(WORD.findall(self.norm, a, b))

    def stop_between(self, a: int, b: int) -> bool:
        return HARD_STOP.search(self.norm, a, b) is not None

    def before(self, pos: int, n_words: int) -> str:
        """The ``n_words`` words before ``pos`` (normalised)."""
        head = self.norm[:pos].rstrip()
        return " ".join(head.split(" ")[-n_words:]) if head else ""


@dataclass
class Phrase:
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
class ClaimSpan:
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
    head: ClaimSpan | None = None  # the claim a listed item continues
    scope: str = "event"
    war: bool = False           # a total for the whole war


def _count(q: Quantity, np: Phrase) -> tuple[int | None, int | None, bool]:
    low, high = q.count_low, q.count_high
    if np.at_least and q.kind == "exact":
        high = None
    return low, high, q.quantified


class SentenceReader:
    """Binds triggers, quantities and victims inside one sentence."""

    def __init__(self, s: SentenceView, c: CompiledLexicon, actor_types: dict[str, str]) -> None:
        self.s, self.c, self.actor_types = s, c, actor_types
        self.used: set[tuple[int, str]] = set()
        self.claims: list[ClaimSpan] = []
        self.trigger_starts = {m.start() for m in s.finditer(c.forward)} | {
            m.start() for m in s.finditer(c.backward)}

    # -- noun phrases --

    def actor_at(self, pos: int) -> Mention | None:
        for m in self.s.actors:
            if pos <= m.start <= pos + 3:
                return m
        return None

    def group_of_actor(self, actor: Mention) -> str:
        return "combatants" if self.actor_types.get(actor.id) in self.c.lexicon.armed_actor_types else "unknown"

    def np_after_q(self, q: Quantity) -> Phrase:
        """The victims of a quantity; "عدد من" / "الكثير من" already carry the "من" of the phrase."""
        return self.np_after(q.end, after_of=q.text.endswith(" من"))

    def np_after(self, pos: int, after_of: bool = False) -> Phrase:
        norm, c = self.s.norm, self.c
        if not norm.startswith(" ", pos):
            return Phrase("none", pos)
        p = pos + 1
        m = c.casualty.match(norm, p)
        if m:
            return Phrase("casualty", m.end())
        if not after_of:
            m = c.victim.match(norm, p)
            if m:
                noun = c.nouns[("victim", m.group("w"))]
                np = Phrase("noun", m.end(), noun.label, noun.number, definite=m.group("pre").endswith(("ال", "لل")),
                         start=m.start(), noun=m.group("w"))
                return self.tail(np)
        if after_of or norm.startswith("من ", p):
            q = p if after_of else p + 3
            d = _DEMONSTRATIVE.match(norm, q)
            if d:
                q = d.end()
            m = c.victim.match(norm, q)
            if m:
                np = Phrase("of", m.end(), c.nouns[("victim", m.group("w"))].label, "pl", noun=m.group("w"))
                actor = self.actor_at(m.end() + 1)
                if actor:
                    np.actor_id, np.end = actor.id, max(np.end, actor.end)
                    if np.group == "unknown":
                        np.group = self.group_of_actor(actor)
                return self.tail(np)
            actor = self.actor_at(q)
            if actor:
                return self.tail(Phrase("of", actor.end, self.group_of_actor(actor), "pl", actor_id=actor.id))
            m = c.armed.match(norm, q)
            if m:
                return self.tail(Phrase("of", m.end(), "combatants", "pl"))
        word = WORD.match(norm, p)
        if word:
            w = word.group(0)
            bare = re.sub(r"^[وف]?[بكل]?(?:ال)?", "", w)
            if w in c.lexicon.non_casualty_nouns or bare in c.lexicon.non_casualty_nouns:
                return Phrase("reject", pos)
        return Phrase("none", pos)

    def tail(self, np: Phrase) -> Phrase:
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
                w = WORD.match(norm, q)
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

    def trailing_at_least(self, np: Phrase) -> Phrase:
        """ "ستة من مقاتلي المعارضة السورية على الأقل": the qualifier may close the phrase a few words on."""
        norm = self.s.norm
        p = np.end
        for _ in range(4):
            if norm.startswith(" علي الاقل", p):
                np.at_least, np.end = True, p + len(" علي الاقل")
                return np
            w = WORD.match(norm, p + 1) if norm.startswith(" ", p) else None
            if w is None or HARD_STOP.search(w.group(0)) or w.start() in self.trigger_starts \
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
            w = WORD.match(norm, p + 1)
            if w is None or HARD_STOP.search(w.group(0)):
                return None
            p = w.end()
        return None

    # -- emitting --

    def emit(self, outcome: str, q: Quantity | None, np: Phrase, start: int, end: int, anchor: int, kind: str,
             count: tuple[int | None, int | None, bool] | None = None) -> ClaimSpan:
        if count is None:
            count = _count(q, np) if q is not None else (None, None, False)
        low, high, quantified = count
        claim = ClaimSpan(outcome, low, high, quantified, np.group, np.actor_id, start, end, anchor,
                          q.start if q else None, kind, noun=np.noun)
        if q is not None:
            self.used.add((q.start, outcome))
        self.claims.append(claim)
        return claim

    def noun_count(self, np: Phrase) -> tuple[int | None, int | None, bool] | None:
        """Count carried by a victim noun alone: singular indefinite 1, dual 2, indefinite plural unknown."""
        if np.number == "du":
            return 2, 2, True
        if np.definite:
            return None
        if np.number == "sg":
            return 1, 1, True
        return None, None, False

    # -- rules --

    def read(self) -> list[ClaimSpan]:
        """Every claim of the sentence. Rules run strongest first, and a quantity serves one claim per
        outcome, so a weaker reading never re-reads victims a stronger one has counted."""
        s, c = self.s, self.c
        self.tolls()
        forwards = [m for m in s.finditer(c.forward) if not self.negated(m.start())]
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
        for m in s.finditer(c.circ_open):
            close = c.circ_close.search(s.norm, m.end(), m.end() + 120)
            if close and close.start() > m.end() + 1 and not s.stop_between(m.end(), close.start()):
                claim = self.forward_q(self.outcome_of_close(close), m, m.end())
                if claim is not None:
                    claim.end = max(claim.end, close.end())
        self.casualties()
        backwards = [m for m in s.finditer(c.backward) if not self.negated(m.start())]
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
            cumulative = (cl.war or self.c.cumulative.search(self.s.norm, lo, hi) is not None
                          or (cl.low is not None and cl.low >= lex.running_total_min_count)
                          or self.since_start(cl, lo, hi)
                          or self.c.long_period.search(self.s.norm, lo, hi) is not None)
            cl.scope = "cumulative" if cumulative or self.over_a_period(cl, lo, hi) else "event"
        for cl in ordered:
            if cl.head is not None:
                cl.war = cl.war or cl.head.war
                cl.scope = "cumulative" if cl.head.scope == "cumulative" else cl.scope
        # Killed and injured told together ("قتل 1700 شخص وأصيب الآلاف منذ ...") are one statement: a running
        # total either way.
        for a, b in zip(ordered, ordered[1:], strict=False):
            if (a.outcome != b.outcome and "cumulative" in (a.scope, b.scope)
                    and self.s.words(a.end, b.start) <= 1):
                a.scope = b.scope = "cumulative"

    def since_start(self, cl: ClaimSpan, lo: int, hi: int) -> bool:
        """A start date in the claim's stretch ("منذ 18 شباط", "منذ أن شنت"); a weekday only after the phrase
        ("قتل 17 مدنياً منذ الثلاثاء"): before it, it dates the attack of a day or two ("سقوط القذائف منذ
        الاثنين إلى مقتل سبعة")."""
        return any(m.group("day") is None or m.start() >= cl.end for m in self.c.since.finditer(self.s.norm, lo, hi))

    def over_a_period(self, cl: ClaimSpan, lo: int, hi: int) -> bool:
        """A period cue in the claim's stretch, a few words before its phrase ("وأدت المعارك المستمرة منذ
        الأربعاء إلى مقتل") or right after it ("قتل 30 مدنياً خلال الأيام الماضية")."""
        for m in self.c.period.finditer(self.s.norm, lo, hi):
            if m.end() <= cl.start and self.s.words(m.end(), cl.start) <= _PERIOD_BEFORE:
                return True
            if m.start() >= cl.end and self.s.words(cl.end, m.start()) <= _PERIOD_AFTER:
                return True
            if m.start() < cl.end and m.end() > cl.start:
                return True
        return False

    def outcome_of_close(self, close: re.Match[str]) -> str:
        for t in self.c.lexicon.triggers:
            if close.group("w") in t.circumfix_close:
                return t.outcome
        return "killed"

    def forward(self, m: re.Match[str], gap: int = 0) -> ClaimSpan | None:
        outcome = self.c.forward_outcome[m.group("w")]
        if m.group("pre").endswith(("ال", "لل")) and m.group("w") in self.c.lexicon.needs_victim:
            return None
        return self.forward_q(outcome, m, m.end(), gap)

    def forward_q(self, outcome: str, m: re.Match[str], pos: int, gap: int = 0) -> ClaimSpan | None:
        """The victims right after a trigger; with ``gap``, a number up to that many words later."""
        s = self.s
        needs_victim = m.group("w") in self.c.lexicon.needs_victim
        if s.norm.startswith(" ", pos) and s.norm[pos + 1:pos + 2] in _OPEN_QUOTES:
            pos += 1  # 'أسفر عن مقتل "عشرات الإرهابيين"': the victims may be quoted
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
        prev: ClaimSpan | None = None
        prev_end = -1
        for m in s.finditer(c.casualty):
            noun = c.nouns[("casualty", m.group("w"))]
            outcome = noun.label
            definite = m.group("pre").endswith(("ال", "لل"))
            before = s.norm[:m.start()]
            if c.toll_head_before.search(before):
                continue
            q = next((q for q in s.quantities if re.fullmatch(r" (?:من )?", s.norm[q.end:m.start()] or "x")),
                     None)
            np = self.tail(Phrase("casualty", m.end()))
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

    def noun_before(self, pos: int, max_gap: int = 0, counted: bool = False) -> Phrase | None:
        """A victim noun ending right before ``pos`` (at most ``max_gap`` words between, e.g. "قد");
        with ``counted``, also one that follows a number ("158 امرأة واحدة": the noun of "واحدة")."""
        s, c = self.s, self.c
        head = s.norm[:pos].rstrip()
        words = list(WORD.finditer(head))
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
                return Phrase("noun", w.end(), noun.label, noun.number,
                           definite=m.group("pre").endswith(("ال", "لل")), start=w.start(), noun=m.group("w"))
            if HARD_STOP.search(w.group(0)):
                return None
        return None

    def tolls(self) -> None:
        s, c = self.s, self.c
        for m in s.finditer(c.toll):
            outcome = c.toll_outcome[m.group("w")]
            # "ارتفع إلى 18 على الأقل عدد قتلى النظام": the number comes first.
            q = next((q for q in s.quantities if q.end + 1 == m.start() and q.quantified), None)
            if q is not None and c.toll_rise.search(s.norm[:q.start]) and self.q_usable(q, outcome):
                np = self.tail(Phrase("casualty", m.end()))
                self.emit(outcome, q, np, q.start, np.end, m.start(), "toll")
                continue
            between = self.tail(Phrase("casualty", m.end()))
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
                w = WORD.match(s.norm, p + 1)
                if w is None or HARD_STOP.search(w.group(0)) or (p + 1) in self.trigger_starts \
                        or c.subset_tail.search(w.group(0)):
                    break
                p = w.end()
