"""The fields of a claim read from its surroundings: who said it, where, who did it, how.

Sources come from verbs of saying and attribution prepositions ("قال المرصد", "وفقاً لنشطاء"); places
from the location mentions of the sentence (the most specific of those close to the claim); the
perpetrator from an armed actor next to an attack word; the cause from the cause lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.lib.arabic.normalize import display_span
from pipelines.lib.arabic.tokenize import COMMAS, QUOTE_CHARS
from pipelines.lib.extract.claim_patterns import CompiledLexicon, alt
from pipelines.lib.extract.claim_reader import HARD_STOP, WORD, ClaimSpan, Mention, SentenceView
from pipelines.lib.extract.claimants import ClaimantResolver
from pipelines.lib.extract.wordtrie import Scanner

# A place this many words farther from the claim than the nearest one may still win by being more specific
# ("قرية قصر البريج في ريف حلب ما أدى إلى مقتل").
_PLACE_SLACK = 4
# Rank of a place without a precision (see ClaimAttributes.rank).
_DETECTED_RANK = 2.5
_TANWIN_FATH = "\u064b"
# How many words may open a sentence before its subject: particles and the verb ("وقد احتجت السلطات").
_SUBJECT_WORDS = 3
# How many words may stand between an attack word and its author after it, and between the author and the
# attack word after it ("استأنفت قوات النظام، صباح اليوم، قصف").
_AFTER_WORDS = 4
_BEFORE_WORDS = 3
# How far after a battle word its parties may be named ("اشتباكات عنيفة مع قوات الأسد").
_BATTLE_WORDS = 8
# How far an accusation verb may stand from the attack it accuses of ("اتهمت دمشق إسرائيل في التاسع من نيسان بشن").
_ACCUSED_WORDS = 8
# How far an ascription may follow its attack ("الغارة التي استهدفت مطارا عسكريا في سوريا هذا الأسبوع ونسبتها"),
# and how many words (the ascribers: "دمشق وطهران وموسكو") may stand between it and "إلى".
_ASCRIBED_WORDS = 12
_ASCRIBER_WORDS = 5
_TO = "الي"
# How far from the claim's phrase an attack named by its author's adjective may stand to be the claim's attack
# ("قتل خمسة مدنيين ... في الغارات الروسية على البلدة").
_ADJECTIVE_WORDS = 10
# How far into the speaker's clause a verb of killing may stand from the speaker's pronoun ("إنها صدت هجمة لقوات
# النظام باتجاه بلدة بليل بالريف الشرقي، وقتلت").
_SPEAKER_CLAUSE_WORDS = 14
# How many claims' own attacks are remembered (a batch reads each claim's sentence once, in order).
_OWN_CACHE = 4096
# How many attack words before a result verb may be the claim's attack ("الضربات الإسرائيلية ... واستهدفت ...،
# أسفرت"): the nearest few.
_CHAIN = 3
_QUOTE_CLASS = re.escape(QUOTE_CHARS)
_PUNCT = QUOTE_CHARS + "".join(COMMAS) + ":;."
# A clause break that is not a comma (commas set off descriptions and adverbials inside a clause).
_CLAUSE_STOP = re.compile("".join(ch for ch in HARD_STOP.pattern if ch not in COMMAS))


def _word_before(norm: str, pos: int) -> str:
    """The word right before ``pos`` (what ``SentenceView.before(pos, 1)`` gives, without splitting the prefix)."""
    end = pos
    while end > 0 and norm[end - 1].isspace():
        end -= 1
    return norm[norm.rfind(" ", 0, end) + 1:end]


@dataclass
class Source:
    start: int
    end: int
    text: str
    actor_id: str | None
    # Credits only what follows it: a participle of saying ("قائلة إن") adds speech after a clause that is
    # the outlet's own ("ولم تؤكد روسيا خبر مقتلهما، قائلة إن").
    ahead: bool = False
    # Named after a preposition ("وفق ما أفاد مسعفون", "بحسب المرصد"): at the end of a clause it credits that clause.
    prep: bool = False


class ClaimAttributes:
    """claimed_by, location, perpetrator and cause of the claims of one batch of documents."""

    def __init__(self, c: CompiledLexicon, actor_types: dict[str, str], actor_sides: dict[str, str],
                 place_rank: dict[str, int], region: dict[str, str], war_country: Mention | None,
                 claimants: ClaimantResolver) -> None:
        self.c, self.actor_types, self.place_rank, self.war_country = c, actor_types, place_rank, war_country
        self.claimants = claimants
        self.actor_sides = actor_sides
        self.region = region  # location_id → governorate, to tell restatements from separate events
        lex = c.lexicon
        g = lex.grammar
        self.warring, self.allied = g.warring_sides, g.allied_sides
        self.that_words, self.prepositions, self.relatives = g.that_words, g.prepositions, g.attribution_relatives
        self.recipient_nouns = frozenset(g.recipient_nouns)
        # "وفي حماة، قالت المعارضة ..." : a place that opens the sentence frames every claim in it.
        self._frame = re.compile(rf"[وف]?(?:{'|'.join(f'{w} ' if len(w) > 1 else w for w in g.frame_prepositions)})")
        self._battle_link = re.compile(rf"(?: \S+){{0,2}}? (?:{alt(g.battle_links)}) ")
        # A partitive right before an actor makes it a group the victims belong to, not the subject of what
        # follows ("قياديان من فيلق الرحمن"); "في" is not one ("سلاح الجو في الجيش السوري نفذ غارات").
        self._partitive = re.compile(rf"(?:^|\s)(?:{alt(g.group_words)}) $")
        # Who a source spoke to ("لوكالة", "لـ«العربي الجديد»", "(سانا)") is not part of the source's name.
        self._recipient = re.compile(rf"(?:ل[{_QUOTE_CLASS}(]|\(|ل(?:{alt(g.recipient_nouns)})(?!\w))")
        self._relay = tuple(f" {w} " for w in g.relay_links)
        # The adjective attack pattern, scanned only where an attack noun or weapon occurs (cached per sentence).
        attack_heads = frozenset({*lex.attack_nouns, *lex.attack_means})
        self._adjective_scan = Scanner(c.adjective_attack, re.compile(alt(attack_heads)), 5, attack_heads)
        # The lexicon's attack patterns searched over whole sentences, tried only where their first words occur
        # (the batch's word automaton finds them): a pattern opening with a look-behind is otherwise tried at every
        # position (7 us a sentence for the named attack, 6 for the weapon). Reach: the particles before the word.
        nouns = frozenset(lex.attack_nouns)
        self._named_attack = Scanner(c.named_attack, re.compile(alt(nouns)), 4, nouns)
        links = frozenset(lex.attack_cause_links)
        self._new_attack = Scanner(c.new_attack, re.compile(alt(links)), 0, links)
        weapons = frozenset(w for w, _ in lex.weapon_owners)
        self._weapon = Scanner(c.weapon, re.compile(alt(weapons)), 2, weapons) if c.weapon is not None else None
        # own_attacks of the claims read lately: place and perpetrator both ask for them.
        self._own: dict[tuple[str, int, int, int], list[re.Match[str]]] = {}
        self._places: dict[tuple[str, int], list[Mention]] = {}
        self._told: dict[tuple[str, int, str | None], list[Mention]] = {}
        self._tells: dict[tuple[str, int], bool] = {}
        # Any word of an attack, verb or noun ("قصف", "استهدفت", "القذائف"): the claim's own attack is one of them.
        attack_words = {*lex.attack_cues, *lex.attack_nouns}
        self._attack_word = Scanner.of(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(attack_words)})(?:ه|ها|هم|ا|تا)?(?!\w)",
                                       attack_words, 4)
        # An attack noun in construct with a definite noun is definite too ("صواريخ العدوان", "قذائف الهاون").
        self._construct_attack = Scanner.of(rf"(?<!\w)[وف]?[بل]?(?:{alt(lex.attack_nouns)}) (?:ال|لل)\w",
                                            lex.attack_nouns, 3)
        self._result = Scanner.of(rf"(?<!\w)[وف]?(?:ما |مما )?(?:{alt(lex.result_verbs)})(?!\w)", lex.result_verbs, 5)
        self._subset = re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.subset_markers)})(?!\w)")
        self._relative = re.compile(rf"\s*(?:{alt(lex.relative_directions)})\s*")
        self.origins = frozenset(lex.attack_origins)
        self._failed_words = tuple(lex.failed_attack_words)  # plain substrings, a cheap test before the pattern
        # "هجوم فاشل على": an attack noun, a word saying it failed, a target word (see defender()).
        self._failed_attack = re.compile(
            rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(lex.attack_nouns)}) (?:ال)?(?:{alt(lex.failed_attack_words)}) "
            rf"[وف]?[بلك]?(?:ال|لل)?(?:{alt(lex.attack_targets)})(?!\w)") if lex.failed_attack_words else None
        # "وأعلن التنظيم المسؤولية عنها", "وقوف إسرائيل وراء الهجوم"; "وتبنى التنظيم الهجوم" (see responsible()).
        self._responsibility = re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.responsibility_cues) or '(?!)'})(?P<pron>ه|ها|هم)?"
                                          rf"(?!\w)")
        # The longest word of each word of claiming an attack, as plain substrings (none inside another): a cheap
        # test before a sentence is read for a claim of responsibility.
        words = {max(w.split(), key=len) for w in (*lex.responsibility_cues, *lex.responsibility_verbs)}
        self._claim_words = tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))
        self._cause_pattern = dict(c.causes)
        self._cause_words = dict(lex.causes)  # plain substrings, a cheap test before the pattern
        self._claiming_verb = re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.responsibility_verbs) or '(?!)'})"
                                         rf"(?P<pron>ه|ها|هم|ته|تها)?(?!\w)")
        self._speaker_pronoun = re.compile(rf"(?<!\w)(?:{alt(lex.speaker_pronouns)})(?!\w)")
        self._speaker_kills = Scanner.of(rf"(?<!\w)(?:{alt(lex.speaker_pronouns)}) (?:{alt(lex.killing_verbs)})(?!\w)",
                                         lex.speaker_pronouns, 0)

    def sources(self, s: SentenceView) -> list[Source]:
        """Attributions in a sentence: the cue and the name after it. An empty name means "he added that"."""
        out: list[Source] = []
        cues = s.finditer(self.c.attribution)
        if not cues:
            return out
        lex = self.c.lexicon
        triggers = {m.start() for m in s.finditer(self.c.forward)} | {m.start() for m in s.finditer(self.c.casualty)}
        # Another verb of saying ends a name ("أوردت الصحيفة أرقاماً تبين أن"): it starts a clause of its own.
        triggers |= {m.start() for m in cues}
        for m in cues:
            if m.group("part"):
                subject = self._subject(s, m.start())
                if subject is not None:
                    out.append(Source(m.start(), m.end(), subject.surface, subject.id, ahead=True))
                continue
            verb = m.group("verb")
            if verb in lex.impersonal and self.c.that_after.match(s.norm, m.end() + 1):
                continue  # "يذكر أن": the outlet's own remark
            if verb in lex.attribution_belonging and s.norm.startswith(" ل", m.end()):
                continue  # "موقع تابع للجيش السوري": an adjective of belonging, not a verb of saying
            p = m.end()
            if m.group("prep"):
                # "وفق ما أفاد المرصد", "بحسب ما قالته المعارضة": the source follows the verb.
                nxt = WORD.match(s.norm, p + 1)
                if nxt and nxt.group(0) in self.relatives:
                    p = nxt.end()
                    nxt = WORD.match(s.norm, p + 1)
                if nxt and self.c.said.fullmatch(nxt.group(0)):
                    p = nxt.end()
            words, p = self._read_name(s, p, triggers)
            link = next((x for x in self._relay if s.norm.startswith(x, p)), None)
            if verb in lex.relay_verbs and link is not None:
                # "نقلت الوكالة عن مسؤولين أمريكيين": the ones quoted are the source, not the outlet that relays.
                quoted, q_end = self._read_name(s, p + len(link) - 1, triggers)
                if quoted:
                    words, p = quoted, q_end
            if m.group("that") and not self.c.that_after.match(s.norm, p + 1):
                continue
            if len(words) >= 2 and words[1].group(0).strip(_PUNCT) in lex.same_source:
                words = []  # "بحسب المصدر ذاته": the source named before
            if not words:
                # "لكن الدفاع المدني أكد أن", "وكان المرصد قد قال إن": the speaker was named before the verb.
                speaker = self._speaker_before(s, m.start()) if (verb or m.group("that")) else None
                if speaker is not None:
                    out.append(Source(m.start(), m.end(), speaker.surface, speaker.id))
                else:
                    out.append(Source(m.start(), m.end(), "", None))
                continue
            author = self._report_author(s, words)
            if author is not None:
                out.append(Source(m.start(), author.end, author.surface, author.id, prep=bool(m.group("prep"))))
                continue
            n_start, n_end = words[0].start(), words[-1].end()
            while n_end > n_start and not s.norm[n_end - 1].isalnum():
                n_end -= 1
            while n_start < n_end and not s.norm[n_start].isalnum():
                n_start += 1
            d0, d1 = display_span(s.origin, n_start, n_end, len(s.text))
            text = re.sub(f"[{_QUOTE_CLASS}]", "", s.text[d0:d1])
            if m.group("prep") and s.norm.startswith("لل", n_start):
                text = "ال" + text[2:]  # "وفقاً للمرصد" → المرصد
            elif m.group("prep") and s.norm.startswith("ل", n_start):
                text = text[1:]         # "وفقاً لنشطاء" → نشطاء
            actor = next((a for a in s.actors if a.start < n_end and a.end > n_start), None)
            if actor is None and len(words) == 1 and words[0].group(0) in self.recipient_nouns:
                # "حسب ما نقلت وكالة (سانا)": a bare outlet noun is named by the name in brackets after it.
                actor = next((a for a in s.actors if s.norm.startswith(" (", n_end) and a.start == n_end + 2), None)
                if actor is not None:
                    text, n_end = actor.surface, actor.end
            out.append(Source(m.start(), n_end, text, actor.id if actor else None, prep=bool(m.group("prep"))))
        return out

    def _read_name(self, s: SentenceView, p: int, triggers: set[int]) -> tuple[list[re.Match[str]], int]:
        """The words of a source's name from ``p`` (a space before it), and where they end."""
        lex = self.c.lexicon
        words: list[re.Match[str]] = []
        skipped = 0
        while len(words) < lex.attribution_max_words:
            if not s.norm.startswith(" ", p):
                break
            w = WORD.match(s.norm, p + 1)
            if w is None:
                break
            token = w.group(0).strip(QUOTE_CHARS)
            core = token.rstrip(_PUNCT)
            if not words and skipped < 2 and (token in lex.attribution_adverbs or token in lex.report_modifiers
                                              and self._report_noun_at(s, w.end())):
                # "وأعلن أيضاً المرصد"; "وفق آخر حصيلة أوردها المرصد": the report itself is what names its author.
                skipped += 1
                p = w.end()
                continue
            lead = w.start() + len(w.group(0)) - len(w.group(0).lstrip(QUOTE_CHARS))
            if not core or not core[0].isalnum() or core in lex.attribution_stops or lead in triggers \
                    or s.q_by_start.get(lead) is not None or self._recipient.match(w.group(0)) \
                    or (lead > w.start() and self._speech(s, lead)) \
                    or (token[:1] == "ل" and self._media_recipient(s, w)):
                break
            if words and (self._toll_head(core) or self._accusative(s, w) or core in lex.attribution_adverbs):
                # The verb's object, not more of the name: what was counted ("قدر الجانب الأميركي عدد
                # المقاتلين") or an indefinite accusative ("بثت المحطة صوراً").
                break
            words.append(w)
            p = w.end()
            if core != token or HARD_STOP.search(core):
                break
        if words and self._not_a_name(s, words) \
                and not any(a.start < words[-1].end() and a.end > words[0].start() for a in s.actors) \
                and self.claimants.generic(words[0].group(0)) is None:
            return [], p
        return words, p

    def _report_noun_at(self, s: SentenceView, pos: int) -> bool:
        nxt = WORD.match(s.norm, pos + 1)
        return nxt is not None and nxt.group(0).strip(_PUNCT) in self.c.lexicon.report_nouns

    def _speech(self, s: SentenceView, lead: int) -> bool:
        """Whether the quote that opens right after a verb of saying is what was said, not a quoted name: it runs
        longer than a name may ("وأضافت "الحصيلة الأولية 40 شهيداً ومئات الإصابات ..."), or past the sentence."""
        close = re.compile(f"[{_QUOTE_CLASS}]").search(s.norm, lead)
        return close is None or s.words(lead, close.start()) > self.c.lexicon.attribution_max_words

    def _media_recipient(self, s: SentenceView, w: re.Match[str]) -> bool:
        """ "قال مدير الدفاع المدني لسكاي نيوز": an outlet after "ل" is who the source spoke to, not its name."""
        word = w.group(0)
        if not word.startswith("ل") or word.startswith("لل"):
            return False
        return any(w.start() < a.start <= w.start() + 2 and self.actor_types.get(a.id) == "media" for a in s.actors)

    def _toll_head(self, word: str) -> bool:
        """ "عدد", "لأعداد ضحايا الصراع": what was counted, with or without a particle."""
        heads = self.c.lexicon.toll_heads
        return word in heads or (word[:1] in ("ل", "ب") and word[1:] in heads)

    def _not_a_name(self, s: SentenceView, words: list[re.Match[str]]) -> bool:
        """Whether the words after a verb of saying start a clause, not a name: a noun with an attached pronoun
        ("هويته", "مسؤوليته"), indefinite adjectives alone ("روسية", "عسكرية روسية" — "جمعية الهلال" is a
        name), what was counted ("عدد"), an indefinite accusative ("مزيداً")."""
        w = words[0]
        d0, d1 = display_span(s.origin, w.start(), w.end(), len(s.text))
        shown = s.text[d0:d1].strip(_PUNCT)
        word = w.group(0).strip(_PUNCT)
        if word.startswith("ال") or len(word) < 3:
            return False
        rest = [x.group(0).strip(_PUNCT) for x in words[1:]]
        adjectives = word.endswith("يه") and all(x.endswith(("يه", "ي")) and not x.startswith("ال") for x in rest)
        return (shown.endswith(("ه", "ها", "هم")) and not shown.endswith("ة") and len(word) > 3) \
            or adjectives or word in self.c.lexicon.toll_heads or self._accusative(s, w)

    def _report_author(self, s: SentenceView, words: list[re.Match[str]]) -> Mention | None:
        """The actor who wrote the document a source names ("حسب الأرقام التي أكدها المرصد", "وفق حصيلة
        للمرصد"): named within a few words after it, in the same clause."""
        lex = self.c.lexicon
        head = words[0].group(0).strip(_PUNCT)
        head = "ال" + head[2:] if head.startswith("لل") else head[1:] if head.startswith(("ل", "ب")) else head
        if head not in lex.report_nouns:
            return None
        start = words[0].start()
        for a in s.actors:
            if a.start < start:
                continue
            if s.words(start, a.start) > lex.report_author_words or s.stop_between(start, a.start):
                return None
            return a
        return None

    def _speaker_before(self, s: SentenceView, cue: int) -> Mention | None:
        """The actor named ahead of a verb of saying as its subject: the first actor of the verb's clause,
        after nothing but an opening particle ("لكن", "وكان ... قد"), a few words before the verb."""
        lex = self.c.lexicon
        # Commas may set off a description of the speaker ("وكان المرصد، ومقره بريطانيا، قد أعلن").
        clause = max((x.end() for x in HARD_STOP.finditer(s.norm, 0, cue) if x.group(0) not in COMMAS), default=0)
        first = next((a for a in s.actors if a.start >= clause and a.end <= cue), None)
        if first is None or s.words(first.end, cue) > lex.subject_max_gap:
            return None
        if any(clause <= x.start() < first.start for x in s.finditer(self.c.forward)):
            return None
        opening = s.norm[clause:first.start].split()
        while opening:
            for n in (3, 2, 1):
                phrase = " ".join(opening[:n])
                if len(opening) >= n and (phrase in lex.subject_openers
                                          or phrase[:1] in "وف" and phrase[1:] in lex.subject_openers):
                    opening = opening[n:]
                    break
            else:
                return None
        return first

    @staticmethod
    def _subject(s: SentenceView, before: int) -> Mention | None:
        """The actor in the subject slot of the sentence: named within its first words, after the opening verb
        ("وقد احتجت السلطات السورية ...")."""
        first = next((a for a in s.actors if a.start < before), None)
        if first is None or s.words(0, first.start) > _SUBJECT_WORDS:
            return None
        return first

    @staticmethod
    def _accusative(s: SentenceView, w: re.Match[str]) -> bool:
        """Whether the word is written with the indefinite accusative ending (tanwin al-fath, "ـاً"/"ـًا"): the
        object of the verb; a source is its subject or follows a preposition, so never has it."""
        d0, d1 = display_span(s.origin, w.start(), w.end(), len(s.text))
        return _TANWIN_FATH in s.text[d0:d1 + 1]

    def cause(self, s: SentenceView) -> str:
        """The first cause, in lexicon order, named anywhere in the sentence."""
        first = min((m.lastindex for m in s.finditer(self.c.cause_scan)), default=None)
        return self.c.causes[first - 1][0] if first else "unknown"

    def place(self, s: SentenceView, claim: ClaimSpan | None) -> Mention | None:
        """The most specific place among those close to the claim (within a few words of the nearest);
        for a sentence without the claim, the most specific of all. A place only near the events
        ("قرب دمشق") counts only when the sentence names no other: it is still where the text ties them."""
        places = self._own_places(s)
        if not places:
            return None
        if claim is not None:
            # A place told of part of the victims ("... 250 شخصاً بينهم 139 مدنياً قضى ستون منهم في الشبكي") is
            # not the place of the whole.
            subset = self._subset.search(s.norm, claim.end)
            places = [p for p in places if subset is None or p.start < subset.start()]
            if not places:
                return None  # the place of the whole is told elsewhere
            if not self._own_place(s, claim, places):
                bound = self.attack_place(s, claim)
                if bound is not None:
                    return bound
            distance = {id(p): s.words(min(p.end, claim.start), max(p.start, claim.end)) for p in places}
            for p in places:
                if self._frame.fullmatch(s.norm, 0, p.start):
                    distance[id(p)] = 0
            nearest = min(distance.values())
            places = [p for p in places if distance[id(p)] <= nearest + _PLACE_SLACK]
            return min(places, key=lambda p: (self.rank(p), distance[id(p)]))
        return min(places, key=lambda p: (self.rank(p), p.start))

    def _own_places(self, s: SentenceView) -> list[Mention]:
        """The places of a sentence that are not only near the events nor only situate another place (all of them
        when none is left), read once per sentence: each of its claims, and the claims after it, ask again."""
        key = (s.doc_id, s.sentence_no)
        found = self._places.get(key)
        if found is None:
            if len(self._places) > _OWN_CACHE:
                self._places.clear()
            # A source's seat ("ومقره لندن") is never the casualties' place, not even the only one.
            places = [p for p in s.places if not self.c.seat_tail.search(s.norm[max(0, p.start - 20):p.start])]
            found = [p for p in places if not self.c.near_tail.search(s.norm[max(0, p.start - 20):p.start])
                     and not self._situates(s, p)] or places
            self._places[key] = found
        return found

    def _situates(self, s: SentenceView, p: Mention) -> bool:
        """Whether the place only situates the one right before it ("الغوطة الشرقية شرق دمشق")."""
        return any(q.end <= p.start and self._relative.fullmatch(s.norm, q.end, p.start) for q in s.places)

    @staticmethod
    def _own_place(s: SentenceView, claim: ClaimSpan, places: list[Mention]) -> bool:
        """Whether the claim names its place right after it ("مقتل 5 مدنيين في دوما")."""
        return any(p.start >= claim.end and s.words(claim.end, p.start) <= 2 and not s.stop_between(claim.end, p.start)
                   for p in places)

    def own_attacks(self, s: SentenceView, claim: ClaimSpan) -> list[re.Match[str]]:
        """The words of the attack the claim's clause gives as its cause, nearest first: after the claim behind a
        cause link ("مقتل 5 مدنيين جراء قصف ..."), or before it as the subject of a result verb ("الضربات
        الإسرائيلية ... أسفرت عن مقتل", "حملة قصف على الغوطة ... ما أسفر عن مقتل")."""
        key = (s.doc_id, s.sentence_no, claim.start, claim.anchor)
        found = self._own.get(key)
        if found is None:
            if len(self._own) > _OWN_CACHE:
                self._own.clear()
            found = self._own[key] = self._own_attacks(s, claim)
        return found

    def _own_attacks(self, s: SentenceView, claim: ClaimSpan) -> list[re.Match[str]]:
        lex = self.c.lexicon
        words = s.finditer(self._attack_word)
        if not words:
            return []
        for cue in words:
            if cue.start() < claim.end:
                continue
            if s.words(claim.end, cue.start()) > lex.cause_attack_words or s.stop_between(claim.end, cue.start()):
                break
            if cue.group(0).lstrip("وف").startswith("ب") or _word_before(s.norm, cue.start()) in lex.attack_cause_links:
                return [cue]
            break
        verb = None
        for v in s.finditer(self._result):
            # "أسفر عن مقتل 650 مدنياً وإصابة 3600": a coordinated toll shares the verb.
            if v.end() <= claim.anchor and s.words(v.end(), claim.anchor) <= 10:
                verb = v  # the last one: nearest the claim
        if verb is None:
            return []
        chain: list[re.Match[str]] = []
        for cue in reversed(words):
            if cue.end() > verb.start():
                continue
            if len(chain) == _CHAIN or s.words(cue.end(), verb.start()) > lex.result_attack_words:
                break
            chain.append(cue)
        return chain

    def attack_place(self, s: SentenceView, claim: ClaimSpan) -> Mention | None:
        """The target of the claim's own attack: the first place after its word, in the same clause ("قصف قوات
        النظام على دوما", "جراء قصف ... استهدف بلدة حمورية")."""
        lex = self.c.lexicon
        for cue in self.own_attacks(s, claim):
            for p in s.places:
                if p.start < cue.end() or (claim.start <= p.start < claim.end):
                    continue
                if s.words(cue.end(), p.start) > lex.cause_attack_words \
                        or _CLAUSE_STOP.search(s.norm, cue.end(), p.start):
                    break
                if self.c.near_tail.search(s.norm[max(0, p.start - 20):p.start]):
                    continue
                return p
        return None

    def attack_author(self, s: SentenceView, claim: ClaimSpan, victim: str | None) -> Mention | None:
        """The author of the claim's own attack: the adjective of its word ("الضربات الإسرائيلية"), the armed actor
        next to it ("قصف قوات النظام"), or the one after an agent word behind it ("القذائف التي تشنها الفصائل")."""
        agents = s.finditer(self.c.agent)
        for cue in self.own_attacks(s, claim):
            for m in s.finditer(self._adjective_scan):
                if m.start("phrase") <= cue.start() + 4 and m.end("phrase") > cue.end() - 1:
                    mention = self._adjective_mention(s, m)
                    if mention is not None and mention.id != victim and self._foe(mention.id, victim):
                        return mention
            if self._possessed(cue.group(0)):
                # "خطف التنظيم 36 مدنياً أثناء هجومه ... الذي أوقع": the attack is its owner's, named before it.
                owners = [a for a in s.actors if a.end <= cue.start() and self._can_attack(a)
                          and self._can_hit(s, a, claim, victim)]
                if owners:
                    return owners[-1]
            found = [a for a in s.actors if self._can_attack(a) and self._can_hit(s, a, claim, victim) and (
                (a.start < cue.end() and a.end > cue.start()) or self._after(s, cue, a) or self._before(s, a, cue)
                or any(ag.start() >= cue.end() and s.words(cue.end(), ag.start()) <= _AFTER_WORDS
                       and self._after(s, ag, a) for ag in agents))]
            if found:
                return min(found, key=lambda a: abs(a.start - cue.start()))
        return None

    def defender(self, s: SentenceView, claim: ClaimSpan, victim: str | None) -> Mention | None:
        """The party whose position the victims died attacking: "قتل 200 مقاتل ... في هجوم فاشل على نقطة تمركز
        للقوات الأمريكية" — fighters killed in their own failed attack fell to the ones they attacked (the armed party
        named after the target word, in the claim's clause, not the victims' own side)."""
        if claim.group != "combatants" or self._failed_attack is None \
                or not any(w in s.norm for w in self._failed_words):
            return None
        for m in self._failed_attack.finditer(s.norm, claim.end):
            if s.words(claim.end, m.start()) > _ADJECTIVE_WORDS or s.stop_between(claim.end, m.start()):
                break
            for a in s.actors:
                if a.start >= m.end() and s.words(m.end(), a.start) <= _AFTER_WORDS \
                        and not s.stop_between(m.end(), a.start) and self._can_attack(a) and self._foe(a.id, victim):
                    return a
        return None

    def _possessed(self, word: str) -> bool:
        """Whether an attack word is a noun with a possessive pronoun ("هجومه", "غاراتها", "قصفهم")."""
        word = word.lstrip("وف").lstrip("بل")
        nouns = self.c.lexicon.attack_nouns
        return any(word.endswith(p) and word[:-len(p)] in nouns
                   or word.endswith("ت" + p) and word[:-len(p) - 1] + "ه" in nouns for p in ("ه", "ها", "هم"))

    def _foe(self, actor_id: str, victim: str | None) -> bool:
        """Whether the actor may have hit the victims: not their own party, nor on their side of a front."""
        side = self.actor_sides.get(victim) if victim else None
        return actor_id != victim and not (side in self.allied and self.actor_sides.get(actor_id) == side)

    def speaker_killed(self, s: SentenceView, claim: ClaimSpan, source: Source | None) -> Mention | None:
        """"قال المتحدث باسم القوات إنها قتلت اثنين": the speaker's armed organisation did the killing."""
        if source is None or source.actor_id is None:
            return None
        if not any(m.start() <= claim.anchor <= m.end() + 1 for m in s.finditer(self._speaker_kills)) \
                and not self._speaker_verb_kills(s, claim):
            return None
        actor = next((a for a in s.actors if a.id == source.actor_id), None)
        if actor is None:
            # "وأضافت أنها ...": the speaker was named in a sentence before; the verb of saying stands for it here.
            d0, d1 = display_span(s.origin, source.start, source.end, len(s.text))
            actor = Mention(source.actor_id, source.start, source.end, s.char_start + d0, s.char_start + d1,
                            source.text)
        return actor if self._can_attack(actor) else None

    def _speaker_verb_kills(self, s: SentenceView, claim: ClaimSpan) -> bool:
        """"قالت المعارضة إنها صدت هجوماً للقوات، وقتلت عشرة من عناصرها", "أنها حققت التقدم بعد معارك قتلت خلالها
        عدداً من عناصره": an active verb of killing further on in the speaker's clause, with no subject of its own
        (the fighters it killed, or an adverb, follow it at once), agreeing with the speaker's pronoun."""
        verb = WORD.match(s.norm, claim.anchor)
        if claim.group != "combatants" or verb is None or not self.c.killing.fullmatch(verb.group(0)) \
                or (claim.q_start is not None and s.words(verb.end(), claim.q_start) > 1) \
                or any(verb.end() < a.start and s.words(verb.end(), a.start) <= 1 for a in s.actors):
            return False
        pronoun = next(reversed([m for m in self._speaker_pronoun.finditer(s.norm, 0, verb.start())]), None)
        if pronoun is None or s.words(pronoun.end(), verb.start()) > _SPEAKER_CLAUSE_WORDS \
                or _CLAUSE_STOP.search(s.norm, pronoun.end(), verb.start()):
            return False
        feminine, plural = pronoun.group(0).endswith("ها"), pronoun.group(0).endswith("هم")
        word = verb.group(0)
        return word.endswith("وا") if plural else word.endswith("ت") == feminine

    def rank(self, place: Mention) -> float:
        # A place with no precision was detected from a place word ("بلدة X"): often specific, but less
        # sure than a gazetteer entry, so a named town or region of the gazetteer is preferred to it.
        return self.place_rank.get(place.id) or _DETECTED_RANK

    def perpetrator(self, s: SentenceView, claim: ClaimSpan | None, source: Source | None) -> Mention | None:
        """The armed party next to an attack word ("قصف قوات النظام", "غارات الطيران الروسي", "قوات النظام
        قصفت", "على يد عناصر التنظيم"), nearest to the claim; else the other party of a battle the victims fell
        in ("قتل 3 من قوات المعارضة في اشتباكات مع قوات الأسد"); else the armed source that announces the
        enemy's dead ("أعلن جيش الفتح ... مقتل العشرات من عناصرها")."""
        victim = claim.actor_id if claim is not None else None
        if claim is not None and (killer := self.killer(s, claim) or self.speaker_killed(s, claim, source)):
            return killer
        if victim is None and claim is not None:
            # The victims' group may be named inside their phrase without being bound to it ("ستة من مقاتلي
            # المعارضة"): it is theirs all the same.
            victim = next((a.id for a in s.actors if a.start < claim.end and a.end > claim.start), None)
        if claim is not None and self.both_sides(s, claim):
            return None
        if claim is not None and (defender := self.defender(s, claim, victim)) is not None:
            return defender
        if claim is not None and (author := self.attack_author(s, claim, victim)) is not None:
            return author
        found = self.attackers(s, claim, victim)
        if found:
            anchor = claim.anchor if claim is not None else 0
            return min(found, key=lambda a: abs(a.start - anchor))
        if claim is None:
            return None
        enemy = self.battle_enemy(s, victim) or self.adjective_attacker(s, claim, victim) \
            or self.weapon_attacker(s, claim, victim)
        if enemy is not None:
            return enemy
        if source is None or source.actor_id is None or claim.group != "combatants":
            return None
        sides = self.actor_sides
        if self.actor_types.get(source.actor_id) in self.c.lexicon.armed_actor_types and source.actor_id != victim \
                and (victim is None or sides.get(victim) != sides.get(source.actor_id)):
            return next((a for a in s.actors if a.id == source.actor_id), None)
        return None

    def killer(self, s: SentenceView, claim: ClaimSpan) -> Mention | None:
        """The subject of an active verb of killing that opens the claim: the verb, the armed actor, then the
        victims ("قتلت قوات النظام خمسة مدنيين"). A passive verb has the victims right after it ("قتل 5 مدنيين",
        "قتل 3 من قوات النظام"), so an actor there is never taken."""
        for a in s.actors:
            if a.start <= claim.start or a.end >= claim.end:
                continue
            if not self.c.killing.fullmatch(s.norm[claim.start:a.start].strip()):
                continue
            rest = s.norm[a.end:claim.end]
            # The victims follow at once, counted ("خمسة مدنيين", "3 من قوات النظام"): no comma, no other clause.
            if claim.q_start is None or s.words(a.end, claim.q_start) or not rest.strip() \
                    or s.stop_between(a.end, claim.q_start):
                return None
            # The victims' group is the one bound to their phrase, else one named in it after the killer.
            victim = claim.actor_id or next((b.id for b in s.actors if b.start >= claim.q_start
                                             and b.start < claim.end), None)
            if self._can_attack(a) and self._can_hit(s, a, None, victim):
                return a
            return None
        return None

    def adjective_attacker(self, s: SentenceView, claim: ClaimSpan, victim: str | None) -> Mention | None:
        """The author of an attack named by its adjective ("القصف التركي", "الغارات الجوية الروسية", "غارات
        إسرائيلية"), nearest to the claim and close to it; never the victims' own party or side, nor an attack the
        sentence answers or condemns ("ردا على القصف التركي")."""
        best: tuple[int, Mention] | None = None
        for m in s.finditer(self._adjective_scan):
            adj = m.group("adj") or "ال" + m.group("bare")
            actor_id = self.c.adjective_actor.get(adj)
            if actor_id is None or not self._foe(actor_id, victim):
                continue
            if any(self.c.attack_target.fullmatch(w) for w in WORD.findall(s.before(m.start(), 1))):
                continue  # "ردا على القصف التركي", "ضد الغارات الروسية": the attack is the object, not the cause
            # The words between the attack and the claim's phrase, whichever comes first.
            distance = s.words(m.end(), claim.start) if m.end() <= claim.start else s.words(claim.end, m.start())
            if distance > _ADJECTIVE_WORDS:
                continue
            mention = self._adjective_mention(s, m)
            if mention is not None and (best is None or distance < best[0]):
                best = (distance, mention)
        return best[1] if best else None

    def weapon_attacker(self, s: SentenceView, claim: ClaimSpan, victim: str | None) -> Mention | None:
        """The only party of the war that used the weapon the claim's attack is told with ("قتل عشرة في قصف
        بالبراميل المتفجرة": the government's helicopters), when the weapon stands close to the claim and the
        victims are not that party's own."""
        if self._weapon is None:
            return None
        best: tuple[int, Mention] | None = None
        for m in s.finditer(self._weapon):
            actor_id = self.c.weapon_actor[m.group("phrase")]
            if not self._foe(actor_id, victim):
                continue
            distance = s.words(m.end(), claim.start) if m.end() <= claim.start else s.words(claim.end, m.start())
            if distance > _ADJECTIVE_WORDS:
                continue
            p0, p1 = m.span("phrase")
            d0, d1 = display_span(s.origin, p0, p1, len(s.text))
            if best is None or distance < best[0]:
                best = (distance, Mention(actor_id, p0, p1, s.char_start + d0, s.char_start + d1, s.text[d0:d1]))
        return best[1] if best else None

    def _adjective_mention(self, s: SentenceView, m: re.Match[str]) -> Mention | None:
        """The attack phrase named by its author's adjective, as a mention of the author."""
        actor_id = self.c.adjective_actor.get(m.group("adj") or "ال" + m.group("bare"))
        if actor_id is None:
            return None
        p0, p1 = m.start("phrase"), m.end("phrase")
        d0, d1 = display_span(s.origin, p0, p1, len(s.text))
        text = s.text[d0:d1]
        if s.norm.startswith("ل", p0) and not s.norm.startswith("ال", p0) and m.group("adj"):
            text = "ال" + text[1:]  # "للقصف التركي" → القصف التركي
        return Mention(actor_id, p0, p1, s.char_start + d0, s.char_start + d1, text)

    def both_sides(self, s: SentenceView, claim: ClaimSpan) -> bool:
        """Whether the victims are counted on both sides ("سبعين مقاتلا من الطرفين")."""
        return self.c.both_sides.search(s.norm, claim.start, min(len(s.norm), claim.end + 16)) is not None

    def attackers(self, s: SentenceView, claim: ClaimSpan | None, victim: str | None,
                  guarded: bool = True) -> list[Mention]:
        """Every actor the sentence names as the author of an attack. ``guarded``: leave out those that cannot
        have hit these victims (the victims themselves, their own side, an actor inside the victims' phrase)."""
        out: list[Mention] = []
        cues = [cue for cue in s.finditer(self.c.attack) if not self._denied(s, cue)] if s.actors else []
        for a in s.actors:
            if not self._can_attack(a) or (guarded and not self._can_hit(s, a, claim, victim)):
                continue
            for cue in cues:
                # The actor may be the attack word's own name ("الطيران السوري", "الغارات الروسية").
                if (a.start < cue.end() and a.end > cue.start()) or self._after(s, cue, a) or self._before(s, a, cue):
                    out.append(a)
                    break
            else:
                if any(self._after(s, cue, a) for cue in s.finditer(self.c.agent)) or self._accused(s, a) \
                        or self._ascribed(s, a):
                    out.append(a)
        return out

    def told_attackers(self, s: SentenceView, victim: str | None) -> list[Mention]:
        """Who a sentence without the claim says attacked, for a claim that refers to its attack: the armed actors
        it names as authors, else the attacks it names by their author's adjective ("شن الطيران الأمريكي غارات").
        Read once per sentence and victims: every claim after it may ask."""
        key = (s.doc_id, s.sentence_no, victim)
        found = self._told.get(key)
        if found is None:
            if len(self._told) > _OWN_CACHE:
                self._told.clear()
            found = self._told[key] = self._told_attackers(s, victim)
        return found

    def _told_attackers(self, s: SentenceView, victim: str | None) -> list[Mention]:
        found = self.attackers(s, None, victim)
        if found:
            return found
        out = []
        for m in s.finditer(self._adjective_scan):
            mention = self._adjective_mention(s, m)
            if mention is not None and self._foe(mention.id, victim):
                out.append(mention)
        return out

    def mutual_enemies(self, s: SentenceView, claims: list[ClaimSpan]) -> dict[int, Mention]:
        """The dead of two warring parties counted side by side in a battle ("أسفرت المعارك عن 9 قتلى في صفوف قوات
        النظام و6 في صفوف قسد"): each party's dead fell to the other. Keyed by the claim's index."""
        parties = list(dict.fromkeys(cl.actor_id for cl in claims if cl.actor_id is not None))
        if len(parties) != 2:
            return {}
        sides = [self.actor_sides.get(a) for a in parties]
        if sides[0] == sides[1] or not set(sides) <= self.warring or not s.finditer(self.c.clash):
            return {}
        out: dict[int, Mention] = {}
        for k, cl in enumerate(claims):
            if cl.actor_id in parties:
                other = parties[1 - parties.index(cl.actor_id)]
                mention = next((a for a in s.actors if a.id == other), None)
                if mention is not None:
                    out[k] = mention
        return out

    def _accused(self, s: SentenceView, a: Mention) -> bool:
        """ "اتهمت دمشق إسرائيل بشن غارة", "ألقت طهران باللوم على إسرائيل في هجوم": the last actor between an
        accusation and "ب" or "في" + an attack word."""
        for cue in s.finditer(self.c.attack):
            if a.end > cue.start() or not (cue.group(0).lstrip("وف").startswith("ب")
                                           or _word_before(s.norm, cue.start()) == "في"):
                continue
            verb = next(reversed(list(self.c.accusation.finditer(s.norm, 0, a.start))), None)  # the nearest
            if verb is None or s.words(verb.end(), cue.start()) > _ACCUSED_WORDS \
                    or s.stop_between(verb.end(), cue.start()):
                continue
            if not any(b.start >= a.end and b.end <= cue.start() and self._can_attack(b) for b in s.actors):
                return True
        return False

    def _ascribed(self, s: SentenceView, a: Mention) -> bool:
        """ "الغارة التي استهدفت المطار ونسبتها دمشق إلى إسرائيل", "في غارات ... فيما أشارت أصابع الاتهام إلى
        إسرائيل": the actor right after "إلى", close after an ascription that closely follows an attack word."""
        if self.c.ascription is None or _word_before(s.norm, a.start) != _TO:
            return False
        to = s.norm.rfind(_TO, 0, a.start)
        cue = next(reversed(list(self.c.ascription.finditer(s.norm, 0, to))), None)  # the nearest
        if cue is None or s.words(cue.end(), to) > _ASCRIBER_WORDS or s.stop_between(cue.end(), a.start):
            return False
        # A comma may close the attack's clause before the ascription ("في غارات ...، فيما أشارت أصابع الاتهام").
        return any(m.end() <= cue.start() and s.words(m.end(), cue.start()) <= _ASCRIBED_WORDS
                   for m in s.finditer(self.c.attack))

    def names_cause(self, norm: str, cause: str) -> bool:
        """Whether a normalised sentence names the cause ``cause`` (one of the lexicon's causes)."""
        return any(w in norm for w in self._cause_words[cause]) and self._cause_pattern[cause].search(norm) is not None

    def may_claim(self, norm: str) -> bool:
        """Whether a normalised sentence may claim an attack: it has a word of claiming (a cheap test)."""
        return any(w in norm for w in self._claim_words)

    def responsible(self, s: SentenceView, victim: str | None) -> Mention | None:
        """The party a sentence says claimed an attack it refers back to, or stood behind it: "وأعلن تنظيم الدولة
        المسؤولية عنها", "أكدت تقارير وقوف إسرائيل وراء الهجوم" (right before the cue), "وتبنى التنظيم التفجير"
        (right after the verb); never one that denies it ("نفت إسرائيل مسؤوليتها عن الهجوم"), nor the victims' own
        party or side."""
        for m in self._responsibility.finditer(s.norm):
            if not (m.group("pron") or self._refers_back(s, m.end())):
                continue
            owner = next((a for a in reversed(s.actors) if a.end <= m.start()), None)
            if owner is not None and s.words(owner.end, m.start()) <= 1 and not s.stop_between(owner.end, m.start()) \
                    and self._claims(s, owner, m.start(), victim):
                return owner
        for m in self._claiming_verb.finditer(s.norm):
            owner = next((a for a in s.actors if a.start >= m.end()), None)
            if owner is not None and s.words(m.end(), owner.start) == 0 \
                    and (m.group("pron") or self._refers_back(s, owner.end)) \
                    and self._claims(s, owner, m.start(), victim):
                return owner
        return None

    def _denied(self, s: SentenceView, cue: re.Match[str]) -> bool:
        """Whether an attack word is a claim of responsibility its clause denies ("ونفى التنظيم مسؤوليته عن الهجوم")."""
        if not any(w in cue.group(0) for w in self._claim_words) \
                or self._responsibility.match(s.norm, cue.start()) is None:
            return False
        clause = max((x.end() for x in HARD_STOP.finditer(s.norm, 0, cue.start())), default=0)
        return self.c.negation_tail.search(s.norm, clause, cue.start()) is not None

    def _refers_back(self, s: SentenceView, pos: int) -> bool:
        """Whether a definite attack word follows ``pos`` at once ("الهجوم", "التفجيرات", "القصف")."""
        nxt = WORD.match(s.norm, pos + 1)
        return nxt is not None and any(m.start() == nxt.start() for m in s.finditer(self.c.attack_noun))

    def _claims(self, s: SentenceView, a: Mention, cue: int, victim: str | None) -> bool:
        """Whether the actor may have done what the clause says it claims: an armed party, not the victims' own
        party or side, and no negation in the clause before the cue ("لم تتبن أي جهة", "نفى ... مسؤوليته")."""
        clause = max((x.end() for x in HARD_STOP.finditer(s.norm, 0, a.start)), default=0)
        return self._can_attack(a) and self._foe(a.id, victim) \
            and self.c.negation_tail.search(s.norm, clause, cue) is None

    def tells_attacker(self, s: SentenceView) -> bool:
        """Whether the sentence names who attacked, whoever the victims, or the parties of its own battle
        ("اشتباكات بين قوات المعارضة وقوات النظام"), or its attack by the author's adjective ("القصف التركي"):
        its claims tell their own event. Read once per sentence: each of its claims asks."""
        key = (s.doc_id, s.sentence_no)
        found = self._tells.get(key)
        if found is None:
            if len(self._tells) > _OWN_CACHE:
                self._tells.clear()
            found = self._tells[key] = self._tells_attacker(s)
        return found

    def _tells_attacker(self, s: SentenceView) -> bool:
        if self.attackers(s, None, None, guarded=False) or s.find_between(self._named_attack, 0, len(s.norm), True):
            return True
        for cue in s.finditer(self.c.clash):
            link = self._battle_link.match(s.norm, cue.end())
            if link and any(a.start >= link.end() - 1 and s.words(cue.end(), a.start) <= _BATTLE_WORDS
                            and self._can_attack(a) for a in s.actors):
                return True
        return False

    def tells_new_attack(self, s: SentenceView) -> bool:
        """Whether the sentence gives a new, indefinite attack as a cause ("في غارة", "جراء قصف صاروخي")."""
        return bool(s.find_between(self._new_attack, 0, len(s.norm), True))

    def refers_to_attack(self, s: SentenceView) -> bool:
        """Whether the sentence names an attack ("القصف", "الغارات") whose author it leaves to the text before;
        not when it gives a new, unnamed attack as the cause ("جراء قصف صاروخي", "في غارة جوية")."""
        definite = bool(s.finditer(self.c.attack_noun)) or bool(s.finditer(self._construct_attack))
        return definite and not self.tells_new_attack(s)

    def battle_enemy(self, s: SentenceView, victim: str | None) -> Mention | None:
        """The party of a battle named in the sentence ("اشتباكات مع X", "معارك بين X و Y") that is on another
        side than the victims: only when the victims' own side is known."""
        side = self.actor_sides.get(victim) if victim else None
        if side not in self.warring:
            return None
        for cue in s.finditer(self.c.clash):
            link = self._battle_link.match(s.norm, cue.end())
            if link is None:
                continue
            for a in s.actors:
                if a.start < link.end() - 1 or s.words(cue.end(), a.start) > _BATTLE_WORDS \
                        or s.stop_between(cue.end(), a.start):
                    continue
                if self._can_attack(a) and a.id != victim and self.actor_sides.get(a.id) in self.warring \
                        and self.actor_sides.get(a.id) != side:
                    return a
        return None

    def _can_attack(self, a: Mention) -> bool:
        kind = self.actor_types.get(a.id)
        if kind == "political_body":
            # "قصف النظام", "هجوم المعارضة": a government or movement stands for its forces.
            return self.actor_sides.get(a.id) in self.warring
        return kind in self.c.lexicon.armed_actor_types or kind == "foreign_state"

    def _can_hit(self, s: SentenceView, a: Mention, claim: ClaimSpan | None, victim: str | None) -> bool:
        if a.id == victim:
            return False
        side = self.actor_sides.get(victim) if victim else None
        if side in self.allied and self.actor_sides.get(a.id) == side:
            return False  # a party does not shell its own fighters; the actor is their ally, not the attacker
        if claim is not None and a.start < claim.end + 3 and a.end > claim.start \
                and (a.start < claim.end or s.norm.startswith(" و", claim.end)):
            return False  # named among the victims ("مقتل 3 من قوات المعارضة", "قتلى من النظام والمعارضة")
        return True

    def _after(self, s: SentenceView, cue: re.Match[str], a: Mention) -> bool:
        """The actor follows the attack word as its author: close, in the same clause, and not behind a word
        that names the target ("استهدفت حاجزاً للقوات", "قصف مواقع قوات النظام", "هجوم على الفصائل")."""
        if a.start < cue.end() or s.words(cue.end(), a.start) > _AFTER_WORDS or s.stop_between(cue.end(), a.start):
            return False
        word_start = s.norm.rfind(" ", 0, a.start) + 1
        if s.norm.startswith("ل", word_start) and not cue.group(0).lstrip("وفب").startswith(("ال", "لل")):
            # "توجيه ضربة عسكرية لنظام الأسد": an indefinite attack "for" a party is aimed at it; a definite one is
            # its owner's ("القصف المكثف للقوات الحكومية").
            return False
        between = WORD.findall(s.norm, cue.end(), a.start)
        # "أطلقت من مناطق المعارضة": a target word right after an origin word says where the attack came from.
        return not any(self.c.attack_target.fullmatch(w) and not (k and between[k - 1] in self.origins)
                       for k, w in enumerate(between))

    def _before(self, s: SentenceView, a: Mention, cue: re.Match[str]) -> bool:
        """The actor is the subject in front of the attack word ("قوات النظام قصفت", "استأنفت قوات النظام، صباح
        اليوم، قصف"): a few words away, no clause break but commas, no preposition between or right before it
        (then it is a complement: "قياديان من فيلق الرحمن في غارة")."""
        if a.end > cue.start():
            return False
        between = s.norm[a.end:cue.start()]
        words = WORD.findall(between)
        if len(words) > _BEFORE_WORDS or _CLAUSE_STOP.search(between):
            return False
        if len(words) > 1 and not any(ch in COMMAS for ch in between):
            return False  # two plain words between: the actor is no longer the subject of this verb
        if any(w.strip(_PUNCT) in self.that_words for w in words):
            return False  # "ذكرت وسائل إعلام موالية للنظام أن الصواريخ": a clause of its own begins
        if any(w.strip(_PUNCT) in self.prepositions for w in words):
            return False
        return self._partitive.search(s.norm, 0, a.start) is None
