"""Reading one sentence: each casualty trigger bound to the quantity and victims it governs.

* forward triggers come before the victims ("مقتل 55 مدنياً", "وقتلت عشرة من عناصرها");
* casualty nouns are counted by the number in front of them ("80 قتيلاً", "عشرات الجرحى");
* backward triggers follow the victims ("14 شخصاً قتلوا", "العشرات من المدنيين لقوا حتفهم");
* toll phrases announce a running total ("عدد قتلى الحرب تجاوز 340 ألف شخص");
* a list after a claim continues it ("... قتلوا إلى جانب 33 ألفاً و839 مقاتلاً و903 من حزب الله").

All positions are offsets into the sentence's normalised text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from pipelines.lib.arabic.tokenize import CLAUSE_STOPS, COMMAS, OPEN_QUOTES, QUOTE_CHARS
from pipelines.lib.extract.claim_patterns import INSERTION_EDGES, CompiledLexicon
from pipelines.lib.extract.quantities import Quantity
from pipelines.lib.extract.wordtrie import Scanner, WordAnchors

HARD_STOP = re.compile(f"[{re.escape(''.join(sorted(CLAUSE_STOPS)))}]")
_STOP_CHARS = "".join(sorted(CLAUSE_STOPS))
WORD = re.compile(r"\S+")
# A number read as a year ("منذ 2013") or a date is not a head count when no victim noun follows it.
_YEAR_RANGE = range(1900, 2101)
# How many words of time and place a number may stand behind after its trigger ("قتل صباح اليوم في مدينة حلب 10").
_ADVERBIAL_WORDS = 6
# How many characters after the injured an illness may be named ("أصيب ... بسرطان").
_ILLNESS_REACH = 60
# How far back a verb after its victims may look for them ("126 متطرفاً فرنسياً أو مقيماً ... قتلوا").
_BACK_WINDOW = 20
# How close a period cue must stand to the claim's phrase to date it ("وأدت المعارك المستمرة منذ الأربعاء، بحسب
# المرصد، إلى مقتل"); farther away it describes the scene, not the toll.
_PERIOD_BEFORE = 10
_PERIOD_AFTER = 4


@dataclass(slots=True)
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
    # The automaton over the words of every lexicon pattern (see ``WordAnchors``); without one, each pattern
    # scans for its own words.
    anchors: WordAnchors | None = field(default=None, repr=False)
    # Matches of each lexicon pattern over ``norm``: the reader and the attribution both scan for triggers.
    _found: dict[Scanner, list[re.Match[str]]] = field(default_factory=dict, repr=False)
    _starts: dict[int, list[int]] | None = field(default=None, repr=False)

    def finditer(self, pattern: Scanner) -> list[re.Match[str]]:
        """Every match of ``pattern`` in ``norm`` (computed once per sentence and pattern; the words of all
        patterns are found in one pass over the sentence the first time any is asked for)."""
        found = self._found.get(pattern)
        if found is None:
            starts = self._word_starts(pattern)
            found = pattern.finditer(self.norm, starts) if starts else [] if starts is not None \
                else pattern.finditer(self.norm)
            self._found[pattern] = found
        return found

    def find_between(self, pattern: Scanner, lo: int, hi: int, first: bool = False) -> list[re.Match[str]]:
        """The matches of ``pattern`` in ``norm[lo:hi]`` as ``Pattern.finditer(norm, lo, hi)`` finds them (with
        ``first``, only the first)."""
        starts = self._word_starts(pattern)
        if starts is not None and not starts:
            return []
        return pattern.finditer_between(self.norm, lo, hi, starts, first)

    def _word_starts(self, pattern: Scanner) -> list[int] | None:
        """Where the words of ``pattern`` start in ``norm`` (empty when none occurs); None without an automaton
        that knows the pattern."""
        slot = self.anchors.slots.get(pattern) if self.anchors is not None else None
        if slot is None:
            return None
        if self._starts is None:
            self._starts = self.anchors.find(self.norm)
        return self._starts.get(slot, [])

    def words(self, a: int, b: int) -> int:
        """How many words ``norm[a:b]`` holds (a word cut at ``a`` counts), as ``len(WORD.findall(norm, a, b))``."""
        if a >= b:
            return 0
        norm, starts = self.norm, self._word_starts_list
        n = bisect.bisect_left(starts, b) - bisect.bisect_left(starts, a)
        return n + 1 if 0 < a < len(norm) and not norm[a].isspace() and not norm[a - 1].isspace() else n

    @cached_property
    def _word_starts_list(self) -> list[int]:
        return [m.start() for m in WORD.finditer(self.norm)]

    def stop_between(self, a: int, b: int) -> bool:
        return HARD_STOP.search(self.norm, a, b) is not None

    def before(self, pos: int, n_words: int) -> str:
        """The ``n_words`` words before ``pos`` (normalised)."""
        head = self.norm[:pos].rstrip()
        cut = len(head)
        for _ in range(n_words):
            cut = head.rfind(" ", 0, cut)
            if cut < 0:
                return head
        return head[cut + 1:]


# Deletes quotation marks: a phrase of words before a trigger may be quoted part way ('قد "يسفر عن').
_NO_QUOTES = str.maketrans("", "", QUOTE_CHARS)

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
        return self.np_after(q.end, after_of=self.c.partitive_end.search(q.text) is not None)

    def np_after(self, pos: int, after_of: bool = False) -> Phrase:
        norm, c = self.s.norm, self.c
        if not norm.startswith(" ", pos):
            return Phrase("none", pos)
        p = pos + 1
        m = c.casualty.match(norm, p)
        if m and not m.group("pre").startswith("و"):  # "القتلى 194 والجرحى 850": "و" opens the next count
            return Phrase("casualty", m.end())
        if not after_of:
            m = c.victim.match(norm, p)
            if m:
                noun = c.nouns[("victim", m.group("w"))]
                np = Phrase("noun", m.end(), noun.label, noun.number, definite=m.group("pre").endswith(("ال", "لل")),
                         start=m.start(), noun=m.group("w"))
                return self.tail(np)
        partitive = None if after_of else c.partitive.match(norm, p)
        if after_of or partitive:
            q = partitive.end() if partitive else p
            d = c.demonstrative.match(norm, q)
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
            link = c.group_link.match(norm, p + 1)
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
            at_least = self.c.trailing_at_least.match(norm, p)
            if at_least:
                np.at_least, np.end = True, at_least.end()
                return np
            w = WORD.match(norm, p + 1) if norm.startswith(" ", p) else None
            if w is None or HARD_STOP.search(w.group(0)) or w.start() in self.trigger_starts \
                    or w.start() in self.s.q_by_start or self.c.subset_tail.search(w.group(0)):
                return np
            p = w.end()
        return np

    # -- guards --

    @cached_property
    def insertions(self) -> list[tuple[int, int]]:
        """Spans of the clauses inserted in the sentence (see ``CompiledLexicon.insertion``), found when first asked."""
        return [(m.start(), m.end()) for m in self.c.insertion.finditer(self.s.norm)]

    def plain_word_after(self, pos: int) -> re.Match[str] | None:
        """The word after the space at ``pos`` when it is an ordinary word: no punctuation, quantity or trigger."""
        w = WORD.match(self.s.norm, pos + 1) if self.s.norm.startswith(" ", pos) else None
        if w is None or HARD_STOP.search(w.group(0)) or w.start() in self.s.q_by_start \
                or w.start() in self.trigger_starts:
            return None
        return w

    def clause_break(self, a: int, b: int, open_subset: bool = False) -> bool:
        """Punctuation between ``a`` and ``b`` that ends a clause: not the edges of an inserted subset or source
        ("إن 289 مدنياً، بينهم 43 طفلاً، قتلوا", "قتل - بحسب المرصد - 10 أشخاص"); with ``open_subset``, not a comma
        that opens a subset running to ``b`` ("إن 54 شخصاً، بينهم 28 مدنياً قتلوا")."""
        for stop in HARD_STOP.finditer(self.s.norm, a, b):
            if any(i <= stop.start() < j for i, j in self.insertions):
                continue
            if open_subset and (self.c.subset_open.match(self.s.norm, stop.start())
                                or self.closes_subset(a, stop.start())):
                continue
            return True
        return False

    def ill(self, pos: int) -> bool:
        """An illness named in the rest of the clause after the injured ("إصابة زوجة الرئيس، أسماء، بسرطان الثدي")."""
        return self.c.illness.search(self.s.norm, pos, pos + _ILLNESS_REACH) is not None

    def closes_subset(self, a: int, stop: int) -> bool:
        """Whether the clause ending at ``stop`` (since ``a`` or the last stop) is a subset ("لقي 14 مقاتلاً من بينهم
        إيرانيون، مصرعهم")."""
        last = max((m.end() for m in HARD_STOP.finditer(self.s.norm, a, stop)), default=a)
        return self.c.subset_word.search(self.s.norm, last, stop) is not None

    def past_insertion(self, pos: int) -> int:
        """The end of a clause inserted right at ``pos`` (after its space), else ``pos``."""
        if not any(ch in INSERTION_EDGES for ch in self.s.norm[pos:pos + 2]):
            return pos
        for i, j in self.insertions:
            if i in (pos, pos + 1):
                return j
        return pos

    def negated(self, pos: int) -> bool:
        """A denial or a possible outcome a few words before ("دون أنباء عن إصابات", 'قد "يسفر عن مقتل'), or a word
        right before that makes the act one not done ("تهدد بقتل", "محاولة اغتيال"); quotation marks are read
        through."""
        before = self.s.before(pos, 4).translate(_NO_QUOTES)
        return self.c.not_done.search(before) is not None

    def q_usable(self, q: Quantity, outcome: str, context: bool = True) -> bool:
        """Whether ``q`` may count victims of ``outcome``: not a share, not counted already, not a subset, and (with
        ``context``) not people displaced, held or moved ("نزوح 300 شخص"); a casualty noun is its own context
        ("تسليم 30 جثة")."""
        if q.kind == "percent" or (q.start, outcome) in self.used:
            return False
        before = self.s.before(q.start, 2)
        if self.c.subset_tail.search(before + " "):
            return False
        return not context or self.c.context_tail.search(before) is None

    def q_after_words(self, pos: int, max_words: int) -> Quantity | None:
        """The quantity starting within ``max_words`` words after ``pos`` (no punctuation, no trigger)."""
        norm = self.s.norm
        p = pos
        words = 0
        for _ in range(max_words + _ADVERBIAL_WORDS + 1):
            if not norm.startswith(" ", p):
                return None
            q = self.s.q_by_start.get(p + 1)
            if q is not None:
                return q
            if p + 1 in self.trigger_starts or self.c.list_link.match(norm, p):
                return None
            w = WORD.match(norm, p + 1)
            if w is not None and HARD_STOP.search(w.group(0)):
                # "قتل الخميس، أيضاً وفق المرصد، 8 مدنيين": an inserted source after the word is passed over.
                skip = self.past_insertion(w.end() - 1)
                if skip == w.end() - 1 or HARD_STOP.search(w.group(0)[:-1]):
                    return None
                p = skip
                continue
            if w is None:
                return None
            # Time and place adverbials are passed over for free ("قتل أمس في مدينة حلب 10 أشخاص").
            if not self.adverbial(w):
                words += 1
                if words > max_words:
                    return None
            p = w.end()
        return None

    def adverbial(self, w: re.Match[str]) -> bool:
        """A word of a time or place adverbial: a time word, a preposition ("في", "جراء"), a place or the place word
        right before one ("مدينة")."""
        if self.c.time_word.fullmatch(w.group(0)) or self.c.passive_follower.fullmatch(w.group(0)):
            return True
        return any(pl.start <= w.start() < pl.end or pl.start == w.end() + 1 for pl in self.s.places)

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
                if m.group("w") in c.backward_outcome and self.backward(m):
                    done.add(m.start())
                    continue
                done |= {m.start(), nxt.start()}
                self.coordinated(m, nxt)
                continue
            if self.forward(m) is not None:
                done.add(m.start())
        bare_circumfixes = []    # "يلقى حتفه" with nothing between: a name before it, read last
        for m in s.finditer(c.circ_open):
            close = c.circ_close.search(s.norm, m.end(), m.end() + 120)
            if close and close.start() == m.end() + 1:
                bare_circumfixes.append((m, close))
            elif close and close.start() > m.end() + 1 \
                    and not self.clause_break(m.end(), close.start(), open_subset=True):
                claim = self.forward_q(self.outcome_of_close(close), m, m.end())
                if claim is not None:
                    claim.end = max(claim.end, close.end())
                else:
                    self.named_circumfix(m, close)
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
        for m in (*forwards, *backwards):
            if m.start() not in done and m.group("w") in c.lexicon.name_victim_verbs \
                    and not any(cl.start <= m.start() < cl.end for cl in self.claims) and self.named_victim(m):
                done.add(m.start())
        for m, close in bare_circumfixes:
            if m.start() not in done and not any(cl.start <= m.start() < cl.end for cl in self.claims):
                # "... قبل أن يلقى حتفه في غارة": its victim is named before it, one by its pronoun.
                self.named_circumfix(m, close)
        for m in forwards:
            if m.start() not in done and self.passive_after_relative(m):
                # "بدر الدين، الذي قتل في سوريا": the relative clause's verb is passive, its antecedent one victim.
                self.emit(self.c.forward_outcome[m.group("w")], None, Phrase("none", m.end()), m.start(), m.end(),
                          m.start(), "relative", (1, 1, True))
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
            cl.war = bool(self.s.find_between(self.c.war, lo, hi, first=True)) or (
                cl.low is not None and cl.low >= lex.cumulative_min_count)
            cumulative = (cl.war or bool(self.s.find_between(self.c.cumulative, lo, hi, first=True))
                          or (cl.low is not None and cl.low >= lex.running_total_min_count)
                          or self.since_start(cl, lo, hi)
                          or bool(self.s.find_between(self.c.long_period, lo, hi, first=True)))
            cumulative = cumulative or self.over_a_period(cl, lo, hi) or self.over_a_campaign(cl, lo, hi) \
                or self.over_years(cl, lo, hi)
            cl.scope = "cumulative" if cumulative else "event"
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
        الاثنين إلى مقتل سبعة"). Never after a superlative ("الأكثر دموية منذ")."""
        return any((m.group("day") is None or m.start() >= cl.end) and not self.compares(m.start())
                   for m in self.s.find_between(self.c.since, lo, hi))

    def compares(self, since: int) -> bool:
        """A superlative up to two words before "منذ" makes it a comparison ("الأكثر دموية منذ شن الهجوم")."""
        return self.c.since_comparison.search(self.s.before(since, 2)) is not None

    def over_a_period(self, cl: ClaimSpan, lo: int, hi: int) -> bool:
        """A period cue in the claim's stretch, a few words before its phrase ("وأدت المعارك المستمرة منذ
        الأربعاء إلى مقتل") or right after it ("قتل 30 مدنياً خلال الأيام الماضية")."""
        return any(self.cue_near(cl, m) for m in self.s.find_between(self.c.period, lo, hi))

    def cue_near(self, cl: ClaimSpan, m: re.Match[str], same_clause: bool = False) -> bool:
        """Whether a cue stands a few words before the claim's phrase, right after it or inside it; with
        ``same_clause``, with no punctuation between it and the phrase either."""
        if m.end() <= cl.start:
            a, b, reach = m.end(), cl.start, _PERIOD_BEFORE
        elif m.start() >= cl.end:
            a, b, reach = cl.end, m.start(), _PERIOD_AFTER
        else:
            return True
        return self.s.words(a, b) <= reach and not (same_clause and self.s.stop_between(a, b))

    def over_years(self, cl: ClaimSpan, lo: int, hi: int) -> bool:
        """Two years joined in the claim's own clause ("وقتل مئات المعتقلين بين عامي 2011 و2013")."""
        s = self.s
        for m in self.c.year_span.finditer(s.norm, lo, hi):
            a, b = (m.end(), cl.start) if m.end() <= cl.start else (cl.end, m.start())
            if a > b or not s.stop_between(a, b):
                return True
        return False

    def over_a_campaign(self, cl: ClaimSpan, lo: int, hi: int) -> bool:
        """A campaign cue in the claim's own clause, a few words before its phrase ("وأدت العملية العسكرية في الغوطة
        إلى مقتل") or right after it ("قتل 78 مدنياً خلال العملية"), for more than one victim."""
        if cl.low is not None and cl.low == cl.high == 1:
            return False
        return any(self.cue_near(cl, m, same_clause=True) for m in self.s.find_between(self.c.campaign, lo, hi))

    def named_victim(self, m: re.Match[str]) -> bool:
        """A passive verb of dying opening its clause, then a name of two or three words and an adverbial or the
        clause's end: one death ("فقد قتل مكسيم كولغانوف في فبراير", "ومات سيرغي موروزوف في المستشفى")."""
        lex, s, c = self.c.lexicon, self.s, self.c
        if m.group("pre") not in ("", "و", "ف"):
            return False
        head = s.norm[:m.start()].rstrip()
        opener = head[head.rfind(" ") + 1:]
        if head and not HARD_STOP.match(head[-1]) and opener not in lex.name_victim_openers:
            return False
        words: list[re.Match[str]] = []
        pos = m.end()
        while len(words) < 3 and s.norm.startswith(" ", pos):
            w = WORD.match(s.norm, pos + 1)
            if w is None:   # normalised text has single spaces; kept so a stray one ends the name, not the run
                break
            text = w.group(0)
            if c.passive_follower.fullmatch(text) or HARD_STOP.search(text[0]):
                break
            words.append(w)
            pos = w.end()
            if HARD_STOP.search(text[-1]):
                break
        if len(words) < 2:
            return False
        for i, w in enumerate(words):
            text = w.group(0).rstrip(_STOP_CHARS)
            if (text.startswith("ال") and i < len(words) - 1) or text in lex.name_victim_non_names \
                    or any(ch.isdigit() for ch in text) or c.victim.fullmatch(text) \
                    or c.casualty.pattern.fullmatch(text) or s.q_by_start.get(w.start()) is not None:
                return False
        end = words[-1].end()
        after = WORD.match(s.norm, end + 1) if s.norm.startswith(" ", end) else None
        if not (HARD_STOP.search(s.norm[end - 1]) or after is None or c.passive_follower.match(s.norm, after.start())):
            return False
        outcome = c.forward_outcome.get(m.group("w")) or c.backward_outcome[m.group("w")]
        self.emit(outcome, None, Phrase("none", end), m.start(), end, m.start(), "named", (1, 1, True))
        return True

    def named_circumfix(self, m: re.Match[str], close: re.Match[str]) -> None:
        """Victims only named inside a circumfix (or before it), counted by its closing pronoun: "لقيت ماري كولفين
        حتفها" (one), "لقي القائد وشقيقه حتفهما" (two); never over a number or a subset."""
        lex, s = self.c.lexicon, self.s
        word = close.group("w")
        count = 1 if word in lex.one_victim_closes else 2 if word in lex.two_victim_closes else None
        if count is None or s.words(m.end(), close.start()) > lex.circumfix_name_words \
                or any(m.end() <= q.start < close.start() for q in s.quantities) \
                or self.c.subset_word.search(s.norm, m.end(), close.start()):
            return
        self.emit(self.outcome_of_close(close), None, Phrase("none", m.end()), m.start(), close.end(), m.start(),
                  "circumfix", (count, count, True))

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

    def forward_q(self, outcome: str, m: re.Match[str], pos: int, gap: int = 0,
                  after_subject: bool = False) -> ClaimSpan | None:
        """The victims right after a trigger; with ``gap``, a number up to that many words later."""
        s = self.s
        needs_victim = m.group("w") in self.c.lexicon.needs_victim
        pos = self.past_insertion(pos)
        if s.norm.startswith(" ", pos) and s.norm[pos + 1:pos + 2] in OPEN_QUOTES:
            pos += 1  # 'أسفر عن مقتل "عشرات الإرهابيين"': the victims may be quoted
        q = s.q_by_start.get(pos + 1)
        if q is None and not gap:
            np = self.np_after(pos)
            if np.kind == "none" and not after_subject:
                actor = self.actor_at(pos + 1)
                if actor is not None:
                    return self.victim_or_subject(outcome, m, actor, needs_victim)
            if np.kind != "noun" or needs_victim:
                return None
            count, end = self.counted_noun(np, m.group("pre").endswith(("ال", "لل")))
            if count is None or (outcome == "injured" and self.ill(end)):
                return None  # "يصاب الشاب بصداع": an illness, not a wound
            return self.emit(outcome, None, np, m.start(), end, m.start(), "forward", count)
        if q is None:
            q = self.q_after_words(pos, gap)
            if q is None and not needs_victim:
                return self.noun_after_adverbial(outcome, m, pos)
        else:
            gap = 0
        if q is None or not self.q_usable(q, outcome):
            return None
        np = self.np_after_q(q)
        if np.kind in ("reject", "casualty"):
            return None
        if np.kind == "none":
            # "قضى أكثر من ستين منهم": a pronoun for victims told before makes the number a head count.
            pronoun = self.c.partitive_pronoun.match(s.norm, q.end)
            if pronoun:
                np.end = pronoun.end()
            elif (gap and q.kind == "exact") or needs_victim or (q.kind == "exact" and q.count_low in _YEAR_RANGE):
                # Behind a gap only a vague count stands for people by itself ("قتل فيها المئات", "قتل في الغارة
                # عدد من الخبراء"); a bare number there may be anything.
                return None
        if outcome == "injured" and self.ill(max(np.end, q.end)):
            return None
        return self.emit(outcome, q, np, m.start(), max(np.end, q.end), m.start(), "forward")

    def noun_after_adverbial(self, outcome: str, m: re.Match[str], pos: int) -> ClaimSpan | None:
        """Victims named without a number after a short adverbial: "وقتل في القصف امرأة وطفلها"."""
        s = self.s
        opener = self.c.passive_follower.match(s.norm, pos + 1) if s.norm.startswith(" ", pos) else None
        if opener is None:
            return None
        p = opener.end()
        for _ in range(3):
            np = self.np_after(p)
            if np.kind == "noun":
                # A definite noun here is the adverbial's own ("في النزاع السوري"), not the victims.
                count, end = self.counted_noun(np, definite_trigger=True)
                if count is None or count[0] is None:
                    return None
                return self.emit(outcome, None, np, m.start(), end, m.start(), "forward", count)
            w = self.plain_word_after(p)
            if w is None:
                return None
            p = w.end()
        return None

    def victim_or_subject(self, outcome: str, m: re.Match[str], actor: Mention, needs_victim: bool) -> ClaimSpan | None:
        """An actor right after a trigger: the subject of an active verb of killing when victims follow it ("قتلت
        قوات النظام رجلاً", "قتلت قوات سوريا الديمقراطية 12 مسلحاً"); else a person is the victim ("مقتل فلان")."""
        if self.c.killing.fullmatch(m.group(0)):
            claim = self.forward_q(outcome, m, actor.end, after_subject=True) \
                or self.forward_q(outcome, m, actor.end, gap=3, after_subject=True)
            if claim is not None:
                return claim
        if needs_victim or self.actor_types.get(actor.id) != "person":
            return None
        if self.s.q_by_start.get(actor.end + 1) is not None or self.np_after(actor.end).kind in ("noun", "of"):
            return None  # "قتل فلان 5 أشخاص": the person did the killing
        np = Phrase("noun", actor.end, None, "sg", actor_id=actor.id)
        return self.emit(outcome, None, np, m.start(), actor.end, m.start(), "forward", (1, 1, True))

    def passive_after_relative(self, m: re.Match[str]) -> bool:
        """A trigger verb right after a singular relative pronoun, followed by an adverbial or nothing: "الذي قتل في
        سوريا" (killed), not "الذي قتل عشرة أشخاص" (killed ten)."""
        c, norm = self.c, self.s.norm
        if m.group("w") in c.lexicon.needs_victim or not c.relative_tail.search(self.s.before(m.start(), 1)):
            return False
        nxt = WORD.match(norm, m.end() + 1) if norm.startswith(" ", m.end()) else None
        return nxt is None or HARD_STOP.match(norm, m.end()) is not None or HARD_STOP.match(nxt.group(0)) is not None \
            or c.passive_follower.match(norm, nxt.start()) is not None

    def counted_noun(self, np: Phrase, definite_trigger: bool) -> tuple[tuple[int | None, int | None, bool] | None,
                                                                        int]:
        """The count of victims named without a number in front, and where their phrase ends: a singular or dual
        ("مقتل مدني", "مقتل مواطنتين"; after a verb a definite singular too: "قتل القائد العسكري"), a plural or dual
        with its number after it ("مدنيين اثنين"), and singulars coordinated with it ("قائد عسكري وأحد العناصر" 2,
        "امرأة وطفلها" 2)."""
        s, c, norm = self.s, self.c, self.s.norm
        count = self.noun_count(np)
        if np.definite and np.number == "sg" and not definite_trigger:
            count = (1, 1, True)
        end = np.end
        after = s.q_by_start.get(end + 1)
        if after is not None and after.kind == "exact" and after.qualifier is None and not norm[after.start].isdigit() \
                and not self.joined(after) and after.count_low is not None and after.count_low <= 10:
            return (after.count_low, after.count_low, True), after.end
        if count is None or count[0] is None:
            return count, end
        total = count[0]
        # "قائد عسكري وأحد العناصر": an adjective or two may stand before the coordinated victim.
        scan = end
        for _ in range(2):
            w = None if norm.startswith(" و", scan) else self.plain_word_after(scan)
            if w is None:
                break
            scan = w.end()
        while norm.startswith(" و", scan):
            q = s.q_by_start.get(scan + 1)
            if q is not None:
                if q.kind != "exact" or q.count_low != 1 or q.count_high != 1:
                    break
                other = self.np_after_q(q)
                if other.kind not in ("noun", "of"):
                    break
                total, end = total + 1, other.end
            else:
                v = c.victim.match(norm, scan + 1)
                if v is None or not v.group("pre").startswith("و") or c.nouns[("victim", v.group("w"))].number == "pl":
                    break
                total, end = total + (2 if c.nouns[("victim", v.group("w"))].number == "du" else 1), v.end()
            scan = end
        return (total, total, True), end

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
            # "عدد القتلى 194 والجرحى 850": a noun joined by "و" is not counted by the number before the "و".
            q = None if m.group("pre").startswith("و") else next(
                (q for q in s.quantities if re.fullmatch(r" (?:من )?", s.norm[q.end:m.start()] or "x")), None)
            np = self.tail(Phrase("casualty", m.end()))
            if q is not None and definite and q.kind == "exact" and q.count_low == q.count_high == 1:
                # "وفاة أحد الجرحى": one of casualties counted already, not a new casualty.
                prev = None
                continue
            if self.c.depiction_tail.search(s.before(q.start if q is not None else m.start(), 3)):
                prev = None  # "صور لجثث القتلى", "استخراج جثث 20 شخصاً": pictures and exhumed remains
                continue
            if q is None and not definite and self.body_count(m, outcome):
                prev = None
                continue
            if q is not None:
                if not self.q_usable(q, outcome, context=False) or self.negated(q.start):
                    prev = None
                    continue
                prev = self.emit(outcome, q, np, q.start, np.end, m.start(), "casualty")
                prev_end = m.end()
                continue
            if prev is not None and s.norm[prev_end:m.start()] == " " and m.group("pre").startswith("و") and (
                    prev.q_start is not None
                    or (prev.low is None and prev.outcome != outcome and not definite and not noun.bare)):
                # "مئات القتلى والجرحى": the second noun shares the number of the first, and whatever
                # follows it ("في صفوف المدنيين") describes both; "قتلى ومصابين": a noun never a claim alone
                # ("المصابين") is one after an unquantified noun of the other outcome.
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
            elif noun.bare and noun.number == "pl" and not definite and not c.construct.match(s.norm, m.end()):
                prev = self.emit(outcome, None, np, m.start(), np.end, m.start(), "casualty")
            prev_end = m.end()

    def body_count(self, m: re.Match[str], outcome: str) -> bool:
        """An indefinite casualty noun counted by the phrase after it: "جثث 11 عنصراً من قوات النظام" ("من بين القتلى
        62 مدنياً" is a share of a toll, not a toll)."""
        q = self.s.q_by_start.get(m.end() + 1)
        if q is None or not q.quantified or not self.q_usable(q, outcome, context=False):
            return False
        np = self.np_after_q(q)
        if np.kind not in ("noun", "of"):
            return False
        self.emit(outcome, q, np, m.start(), np.end, m.start(), "casualty")
        return True

    def backward(self, m: re.Match[str], quantities: bool = True, nouns: bool = True) -> bool:
        """The victims before a verb: a number and its noun within the clause, or (``nouns``) a bare
        victim noun right before it ("شخصاً قتل" is one, "جنديين قتلا" two). True when the verb is
        accounted for, including by victims another rule has already counted."""
        s, c = self.s, self.c
        outcome = c.backward_outcome[m.group("w")]
        subject = self.noun_before(m.start(), max_gap=1)
        for q in reversed([q for q in s.quantities if q.end <= m.start()] if quantities else []):
            if s.words(q.end, m.start()) > _BACK_WINDOW or self.clause_break(q.end, m.start(), open_subset=True):
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
            # A number word after its noun ("158 امرأة واحدة", "مستشارين عسكريين اثنين قتلا") counts that noun.
            if np.kind == "none" and q.kind == "exact" and q.qualifier is None and q.count_low == q.count_high \
                    and q.count_low is not None and q.count_low <= 10 and not s.norm[q.num_start].isdigit():
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
                if s.words(m.end(), q.start) > 10 or self.clause_break(m.end(), q.start) \
                        or c.negation_tail.search(s.norm, m.end(), q.start):
                    break  # "عدد القتلى ليس 200": a toll denied
                if q.kind not in ("exact", "vague") or not self.q_usable(q, outcome):
                    continue
                revised = c.revised_to.match(s.norm, q.end)
                if revised and s.q_by_start.get(revised.end()) is not None:
                    continue  # "ارتفعت الحصيلة من 20 إلى 37": the toll is the later number
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

    def comma_before_count(self, w: re.Match[str]) -> bool:
        """A word closed by a comma that a count joined by "و" follows: the list goes on ("مقتل 76 عنصراً من قوات
        النظام والمسلحين الموالين لها، و43 مقاتلاً من جيش الإسلام")."""
        word = w.group(0)
        if word[-1] not in COMMAS or HARD_STOP.search(word[:-1]):
            return False
        q = self.s.q_by_start.get(w.end() + 1)
        return q is not None and self.joined(q)

    def joined(self, q: Quantity) -> bool:
        """Whether ``q`` carries the conjunction "و" ("و43", "وسبعة"; not the letter of "واحدة")."""
        return self.s.norm[q.start] == "و" and q.num_start > q.start

    def elided_victims(self, q: Quantity, np: Phrase, head: ClaimSpan) -> bool:
        """A listed number whose victims are those of the claim it continues, left unsaid before a place or time
        ("قتل 5 مدنيين في دوما و3 في حرستا"), or at the clause's end ("... و3 آخرين" is a noun already)."""
        if np.kind != "none" or head.noun is None or q.kind != "exact" or q.count_low in _YEAR_RANGE:
            return False
        norm = self.s.norm
        nxt = WORD.match(norm, q.end + 1) if norm.startswith(" ", q.end) else None
        return nxt is None or HARD_STOP.match(norm, q.end) is not None or self.adverbial(nxt)

    def lists(self) -> None:
        """Victims listed after a claim ("و903 من جماعة حزب الله") are claims with the same outcome."""
        s, c = self.s, self.c
        queue = [cl for cl in self.claims if cl.q_start is not None and cl.low is not None]
        while queue:
            prev = queue.pop(0)
            p = prev.end
            if s.norm[p:p + 1] in COMMAS and (((nxt := s.q_by_start.get(p + 2)) is not None and self.joined(nxt))
                                             or c.listed_after.match(s.norm, p + 1)):
                # "مقتل 18 عنصراً من قوات النظام، وسبعة من مقاتلي المعارضة", "عشرة قتلى في صفوف الفصائل، مقابل سبعة"
                p += 1
            for _ in range(6):
                link = c.listed_after.match(s.norm, p)
                q_pos = link.end() if link else p + 1
                q = s.q_by_start.get(q_pos) if (link or s.norm.startswith(" ", p)) else None
                if q is not None:
                    joined = link is not None or self.joined(q) or s.norm.startswith(" و ", p)
                    np = self.np_after_q(q)
                    if joined and q.quantified and (np.kind in ("noun", "of") or self.elided_victims(q, np, prev)) \
                            and self.q_usable(q, prev.outcome):
                        claim = self.emit(prev.outcome, q, np, q.start, np.end, q.start, "list")
                        claim.head = prev
                        queue.append(claim)
                    break
                w = WORD.match(s.norm, p + 1)
                if w is None or (p + 1) in self.trigger_starts or c.subset_tail.search(w.group(0)):
                    break
                if HARD_STOP.search(w.group(0)) and not self.comma_before_count(w):
                    break
                p = w.end()
