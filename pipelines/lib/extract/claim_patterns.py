"""The claim lexicon compiled into the patterns the claim reader matches normalised text with.

Compiled once per lexicon (the lexicon is hashable, so the result is cached): one alternation per word
class, every word allowed its particles (و ف ب ك ل) and, for nouns, the article; noun spellings are
generated here (accusative, duals, accusative of broken plurals) so the data file lists base forms only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pipelines.lib.extract.quantities import DUAL_POSSESSIVE_ENDINGS, dual_forms, noun_count
from pipelines.lib.extract.wordtrie import Scanner, trie_alternation
from pipelines.lib.reference.claim_lexicon import ClaimLexicon

_PRE = r"(?P<pre>[وف]?(?:[بك]?ال|لل|[بكل])?)"
_PRE_BARE = r"(?P<pre>[وف]?[بكل]?)"
_SUFFIX = r"(?P<suf>ه|ها|هم|هن|هما)?"
# The marks that open and close an inserted clause (brackets are added where used).
INSERTION_EDGES = "،,-–—("
_INSERTION_EDGES = re.escape(INSERTION_EDGES[:-1])
# The most characters each particle prefix takes before its word (a scanner's reach).
_REACH = {_PRE: 4, _PRE_BARE: 2}


def alt(words: Iterable[str]) -> str:
    """One of ``words``, longest first (as a trie: see ``wordtrie``)."""
    return trie_alternation(set(words))


@dataclass(frozen=True)
class Noun:
    kind: str          # victim | casualty
    label: str         # victim group, or outcome for casualty nouns
    number: str        # sg | du | pl
    bare: bool = False


@dataclass
class CompiledLexicon:
    forward: Scanner
    forward_outcome: dict[str, str]
    backward: Scanner
    backward_outcome: dict[str, str]
    circ_open: Scanner
    circ_close: re.Pattern[str]
    victim: re.Pattern[str]
    casualty: Scanner
    nouns: dict[tuple[str, str], Noun]
    toll: Scanner
    toll_outcome: dict[str, str]
    toll_rise: re.Pattern[str]
    armed: re.Pattern[str]
    negation_tail: re.Pattern[str]
    subset_tail: re.Pattern[str]
    context_tail: re.Pattern[str]
    list_link: re.Pattern[str]
    listed_after: re.Pattern[str]   # a list link or a contrast link ("مقابل"): what continues a claim's list
    attribution: Scanner
    that_after: re.Pattern[str]
    said: re.Pattern[str]
    causes: list[tuple[str, re.Pattern[str]]]
    cause_scan: Scanner     # every place any cause matches; group k marks ``causes[k - 1]``
    toll_head_before: re.Pattern[str]
    cumulative: Scanner
    period: Scanner
    since: Scanner              # "منذ" with a day, a month or a clause: the start of a running total
    since_comparison: re.Pattern[str]  # a superlative ending the words before "منذ" ("الأكثر دموية منذ")
    long_period: Scanner        # "خلال 10 أشهر", "على مدى أربع سنوات": a running total's period
    campaign: Scanner           # "العملية العسكرية": a campaign's toll when in the claim's own clause
    year_span: re.Pattern[str]  # "بين عامي 2011 و2013": a running total over a span of years
    month_after: re.Pattern[str]  # " شباط" right after a day number: a date
    war: Scanner
    attack: Scanner
    agent: Scanner              # attack words after which only the attacker follows
    attack_target: re.Pattern[str]  # a word that makes the actor after it the target of an attack
    clash: Scanner
    attack_noun: Scanner
    new_attack: re.Pattern[str]  # an indefinite attack given as a cause ("جراء قصف صاروخي")
    accusation: re.Pattern[str]
    ascription: re.Pattern[str] | None  # "نسبتها ... إلى", "أصابع الاتهام إلى": the author follows "إلى"
    both_sides: re.Pattern[str]
    named_attack: re.Pattern[str]  # an attack noun with the adjective of its author ("القصف التركي")
    # An attack or weapon with its author's adjective from attacker_adjectives.csv ("الغارات الجوية الروسية",
    # "غارات إسرائيلية"); group "phrase" is the perpetrator's text, "adj"/"bare" the (in)definite adjective.
    adjective_attack: re.Pattern[str]
    adjective_actor: dict[str, str]  # definite normalised adjective → actor_id
    weapon: re.Pattern[str] | None   # a weapon only one party used ("بالبراميل المتفجرة"), group "phrase"
    weapon_actor: dict[str, str]     # normalised weapon phrase → actor_id
    killing: re.Pattern[str]         # a whole word that is an active verb of killing
    near_tail: re.Pattern[str]
    seat_tail: re.Pattern[str]      # "ومقره " before a place: a source's seat
    # The phrase grammar (see ``Grammar``): each matches at a position, a word start, with its trailing space
    # where a word follows.
    partitive: re.Pattern[str]          # "من " before the victims
    partitive_end: re.Pattern[str]      # a quantity that already ends with the partitive ("عدد من")
    group_link: re.Pattern[str]         # "في صفوف " before a group
    demonstrative: re.Pattern[str]      # "هؤلاء " before the victims
    trailing_at_least: re.Pattern[str]  # " على الأقل" after them
    partitive_pronoun: re.Pattern[str]  # " منهم" after a number
    construct: re.Pattern[str]          # " ال…" making a bare casualty noun a construct
    # A clause inserted between commas, dashes or brackets that names a subset or a source ("، بينهم 43 طفلاً،",
    # "- بحسب المرصد -"): a claim's parts may stand on both sides of it.
    insertion: re.Pattern[str]
    # A denial or a possible outcome a few words before a trigger ("دون أنباء عن إصابات", "قد يسفر عن مقتل"), or a
    # word right before it that makes the act threatened or attempted ("تهدد بقتل", "محاولة اغتيال"): one pattern
    # over the words before the trigger.
    not_done: re.Pattern[str]
    illness: re.Pattern[str]            # " بصداع": what follows an injury that is an illness
    depiction_tail: re.Pattern[str]     # "صور", "استخراج" a few words before casualty nouns: not new dead
    revised_to: re.Pattern[str]         # " إلى " after the old number of a revised toll
    time_word: re.Pattern[str]          # a word of a time adverbial
    subset_open: re.Pattern[str]        # a comma opening a subset ("، بينهم")
    subset_word: re.Pattern[str]        # a subset marker anywhere ("من بينهم")
    relative_tail: re.Pattern[str]      # a singular relative pronoun ending a text ("الذي")
    passive_follower: re.Pattern[str]   # a word after which a verb read passive ("في", "جراء", "برصاص")
    candidate_stems: str
    lexicon: ClaimLexicon = field(repr=False)


def _year_span(lex: ClaimLexicon) -> re.Pattern[str]:
    """Two years joined: "بين عامي 2011 و2013", "من 2014 إلى 2016" (years of this and the last century)."""
    if not (lex.span_openers and lex.span_joins):
        return re.compile("(?!)")
    year = r"(?:19|20)\d\d(?!\d)"
    words = rf"(?:(?:{alt(lex.span_year_words)}) )?" if lex.span_year_words else ""
    joins = "|".join(f"{j} ?" if len(j) == 1 else f"{j} " for j in sorted(lex.span_joins, key=len, reverse=True))
    return re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.span_openers)}) {words}{year} (?:{joins}){words}{year}")


def _word_pattern(forms: Iterable[str], pre: str = _PRE_BARE, suffix: str = "") -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){pre}(?P<w>{alt(forms)}){suffix}(?!\w)")


def _word_scanner(forms: Iterable[str], pre: str = _PRE_BARE) -> Scanner:
    forms = set(forms)
    return Scanner(_word_pattern(forms, pre), re.compile(alt(forms)), _REACH[pre], frozenset(forms))


def _tail_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a text ends with one of ``words`` (optionally followed by a space)."""
    return re.compile(rf"(?<!\w)[وف]?(?:{alt(words)}) ?$")


def _noun_table(lex: ClaimLexicon) -> dict[tuple[str, str], Noun]:
    """Every spelling of the victim and casualty nouns, tagged singular, dual or plural.

    Generated: the accusative singular ("مدنياً"), the regular duals ("طفلان", "مواطنتين") and the
    accusative of broken plurals ("جثثاً"); a dual spelled like a listed plural ("مدنيين") is a plural. A noun of
    two words ("حالة اختناق") is taken as written: its endings are those of its first word.
    """
    entries = [("victim", v.group, v.singular, v.plural, (), False) for v in lex.victim_nouns]
    entries += [("casualty", c.outcome, c.singular, c.plural, c.dual, c.bare) for c in lex.casualty_nouns]
    singulars = {e[2] for e in entries if e[2]}
    plurals = {p for e in entries for p in e[3]}
    number = {1: "sg", 2: "du", None: "pl"}
    table: dict[tuple[str, str], Noun] = {}
    for kind, label, singular, plural, dual, bare in entries:
        forms = set(plural) | {p + "ا" for p in plural
                               if " " not in p and not p.endswith(("ين", "ون", "ات", "ي", "ا", "ه", "ء"))}
        if " " in singular:
            forms.add(singular)
        elif singular:
            forms |= {singular, *dual_forms(singular)}
            forms |= {dual_forms(singular)[0][:-2] + ending for ending in DUAL_POSSESSIVE_ENDINGS}
            if not singular.endswith(("ه", "ا")):
                forms.add(singular + "ا")
        for form in forms - lex.not_victims:
            table[(kind, form)] = Noun(kind, label, number[noun_count(form, singulars, plurals)], bare)
        for form in dual:
            table[(kind, form)] = Noun(kind, label, "du", bare)
    return table


def _adjective_attack(lex: ClaimLexicon) -> re.Pattern[str]:
    """Noun, qualifier and adjective agree in definiteness ("القصف الجوي الروسي", "غارات جوية روسية"); a
    definite noun may have lost its alif to a preposition ("للقصف")."""
    adjectives = [a for a, _ in lex.attacker_adjective_actors if a.startswith("ال")]
    if not adjectives:
        return re.compile("(?!)")
    heads = alt((*lex.attack_nouns, *lex.attack_means))
    definite = [q[2:] for q in lex.attack_qualifiers if q.startswith("ال")]
    indefinite = [q for q in lex.attack_qualifiers if not q.startswith("ال")]
    bare = alt(a[2:] for a in adjectives)
    definite_q, indefinite_q = alt(definite) or "(?!)", alt(indefinite) or "(?!)"
    # In construct with a definite noun the attack is definite too ("صواريخ العدوان الإسرائيلي"); not with an armed
    # body, whose own adjective it would be ("هجوم الفصائل السورية").
    armed = alt(lex.armed_bodies)
    return re.compile(
        rf"(?<!\w)[وف]?[بل]?(?P<phrase>(?:(?:ال|ل)(?:{heads})(?: ال(?:{definite_q}))?"
        rf"|(?:{heads}) (?!(?:{armed}) )ال\w+)"
        rf" (?P<adj>{alt(adjectives)})|(?:{heads})(?: (?:{indefinite_q}))? (?P<bare>{bare}))(?!\w)")


# The lexicon compiled last, by identity: an ``lru_cache`` look-up hashes the whole lexicon (every word list) on
# each call, and a batch asks once per call of ``extract_claims``.
_LAST: list[tuple[ClaimLexicon, CompiledLexicon]] = []


def compile_lexicon(lex: ClaimLexicon) -> CompiledLexicon:
    """The patterns of ``lex`` (compiled once per lexicon)."""
    last = _LAST[0] if _LAST else None   # read once: another thread may replace it
    if last is not None and last[0] is lex:
        return last[1]
    compiled = _compile_lexicon(lex)
    _LAST[:] = [(lex, compiled)]
    return compiled


def remember_compiled(lex: ClaimLexicon, compiled: CompiledLexicon) -> None:
    """Make ``compiled`` (the patterns of ``lex``, built by another process and kept on disk) what
    :func:`compile_lexicon` returns for ``lex``."""
    _LAST[:] = [(lex, compiled)]


@lru_cache(maxsize=8)
def _compile_lexicon(lex: ClaimLexicon) -> CompiledLexicon:
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
    cause_forms = [rf"(?:[وف]?[بلك]?(?:ال)?)?(?:{alt(forms)})(?!\w)" for _, forms in lex.causes]
    causes = [(name, re.compile(rf"(?<!\w){form}")) for (name, _), form in zip(lex.causes, cause_forms, strict=True)]
    # One scan for all causes: at each word start, the first cause (in lexicon order) that matches there marks
    # its empty group; a lookahead so that every word start is tried, even inside another cause's match.
    cause_scan = Scanner.of(rf"(?<!\w)(?=(?:{'|'.join(f'{form}()' for form in cause_forms)}))",
                            {w for _, forms in lex.causes for w in forms}, 4)
    g = lex.grammar
    inserted = alt((*lex.subset_markers, *lex.attribution_prepositions, *g.trailing_at_least))
    # What a candidate sentence must hold: a whole trigger phrase ("قطع رؤوس", not every "قطع"), a circumfix's
    # closing noun ("مصرعهم", "علاجاً") or a casualty noun.
    stems = sorted({f for t in lex.triggers for f in (*t.forward, *t.backward, *t.circumfix_close)}
                   | {f for f in casualty_forms if len(f) >= 3}, key=len, reverse=True)
    return CompiledLexicon(
        forward=_word_scanner(forward_outcome, _PRE),
        forward_outcome=forward_outcome,
        backward=_word_scanner(backward_outcome, _PRE_BARE),
        backward_outcome=backward_outcome,
        circ_open=_word_scanner([f for t in lex.triggers for f in t.circumfix_open]),
        circ_close=_word_pattern([f for t in lex.triggers for f in t.circumfix_close]),
        victim=re.compile(rf"{_PRE}(?P<w>{alt(victim_forms)}){_SUFFIX}(?!\w)"),
        casualty=_word_scanner(casualty_forms, _PRE),
        nouns=nouns,
        toll=Scanner.of(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(lex.toll_heads)}) (?:(?:{alt(lex.toll_modifiers)}) )?"
                        rf"(?P<art>ال|لل)?(?P<w>{alt(toll_outcome)})(?!\w)", set(lex.toll_heads), 4),
        toll_outcome=toll_outcome,
        toll_rise=_tail_pattern([f"{r}{a} {p}" for r in lex.toll_rise
                                 for a in ("", *(f" {w}" for w in lex.toll_rise_adverbs)) for p in ("الي", "ل")]
                                + list(lex.toll_rise)),
        armed=re.compile(rf"{_PRE}(?:{alt(lex.armed_bodies)})(?!\w)"),
        negation_tail=re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.negations)})(?!\w)"),
        subset_tail=_tail_pattern(lex.subset_markers),
        context_tail=re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(lex.non_casualty_contexts)})(?!\w)"),
        list_link=re.compile(rf" (?:{alt(lex.list_links)}) "),
        listed_after=re.compile(rf" (?:{alt(lex.list_links + lex.contrast_links)}) "),
        attribution=Scanner.of(
            rf"(?<!\w)[وف]?(?:(?P<prep>{alt(lex.attribution_prepositions)})"
            rf"|(?P<verb>{alt(lex.attribution_verbs)})|(?P<that>{alt(lex.attribution_verbs_with_that)})"
            rf"|(?P<part>{alt(lex.attribution_participles) or '(?!)'}))(?!\w)",
            {*lex.attribution_prepositions, *lex.attribution_verbs, *lex.attribution_verbs_with_that,
             *lex.attribution_participles}, 1),
        that_after=re.compile(r"(?:ان|انه|انها|بان) "),
        said=re.compile(rf"[وف]?(?:{alt(lex.attribution_verbs)})(?:ه|ها|ته|تها)?"),
        causes=causes,
        cause_scan=cause_scan,
        toll_head_before=re.compile(rf"(?:{alt(lex.toll_heads)}) $"),
        # A cue may carry the conjunction ("وطوال أيام", "ومنذ بدء الهجوم").
        cumulative=Scanner.of(rf"(?<!\w)[وف]?(?:{alt(lex.cumulative_cues)})", lex.cumulative_cues, 1),
        period=Scanner.of(rf"(?<!\w)[وف]?(?:{alt(lex.period_cues) or '(?!)'})(?!\w)", lex.period_cues, 1),
        # "منذ 18 شباط", "منذ يوم الثلاثاء", "منذ أن شنت": a day of the month (never a year: "محاصرة منذ 2013"
        # dates a siege, not a toll), or a word of since_words.
        since=Scanner.of(rf"(?<!\w)[وف]?منذ (?:(?P<day>(?:يوم )?(?:{alt(lex.since_days) or '(?!)'}))(?!\w)"
                         rf"|\d{{1,2}}(?!\d)|(?:{alt(lex.since_words) or '(?!)'})(?!\w))", {"منذ"}, 1),
        since_comparison=re.compile(rf"(?<!\w)(?:{alt(lex.since_comparisons) or '(?!)'})(?!\w)"),
        long_period=Scanner.of(rf"(?<!\w)[وف]?(?:{alt(lex.period_leads) or '(?!)'}) (?!ال)\S+ "
                               rf"(?:{alt(lex.period_units) or '(?!)'})(?!\w)", lex.period_leads, 1),
        year_span=_year_span(lex),
        month_after=re.compile(rf" [وف]?(?:{alt(lex.month_names) or '(?!)'})(?!\w)"),
        # With no cues listed, a scout word that never occurs in text.
        campaign=Scanner.of(rf"(?<!\w)[وف]?(?:{alt(lex.campaign_cues) or '(?!)'})(?!\w)",
                            lex.campaign_cues or {"(?!)"}, 1),
        war=Scanner.of(rf"(?<!\w)(?:{alt(lex.war_cues)})", lex.war_cues, 0),
        # A verb may carry its object pronoun ("استهدفها تنظيم الدولة", "قصفها الطيران").
        attack=Scanner.of(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(lex.attack_cues)})(?:ه|ها|هم)?(?!\w)",
                          set(lex.attack_cues), 4),
        agent=Scanner.of(rf"(?<!\w)[وف]?(?:ال)?(?:{alt(lex.agent_markers)})(?!\w)", set(lex.agent_markers), 3),
        attack_target=re.compile(rf"[وف]?[بلك]?(?:ال|لل)?(?:{alt(lex.attack_targets)})(?:ا|ه|ها|هم)?"),
        clash=Scanner.of(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(lex.clash_cues)})(?!\w)", set(lex.clash_cues), 4),
        # Only a definite attack refers back ("القصف", "هجومها"); an indefinite one is a new event ("قصف صاروخي").
        attack_noun=Scanner.of(rf"(?<!\w)[وف]?(?:(?:[بل]?ال|لل)(?:{alt(lex.attack_nouns)})"
                               rf"|[بل]?(?:{alt(lex.attack_nouns)})(?:ه|ها|هم))(?!\w)", set(lex.attack_nouns), 4),
        new_attack=re.compile(rf"(?<!\w)(?:{alt(lex.attack_cause_links)}) (?:{alt(lex.attack_nouns)})(?!\w)"),
        ascription=re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.ascription_cues)})(?!\w)") if lex.ascription_cues else None,
        accusation=re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.accusation_verbs)})(?!\w)"),
        both_sides=re.compile(rf"(?<!\w)(?:من |بين )?(?:{alt(lex.both_sides)})(?!\w)"),
        named_attack=re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال|لل)?(?:{alt(lex.attack_nouns)})(?: \S+)? "
                                rf"(?:{alt(lex.attacker_adjectives)})(?!\w)"),
        adjective_attack=_adjective_attack(lex),
        adjective_actor=dict(lex.attacker_adjective_actors),
        weapon=re.compile(rf"(?<!\w)[وف]?[بل]?(?P<phrase>{alt(w for w, _ in lex.weapon_owners)})(?!\w)")
        if lex.weapon_owners else None,
        weapon_actor=dict(lex.weapon_owners),
        killing=re.compile(rf"[وف]?(?:{alt(lex.killing_verbs)})"),
        near_tail=_tail_pattern(lex.near_markers),
        seat_tail=_tail_pattern(lex.seat_markers) if lex.seat_markers else re.compile("(?!)"),
        partitive=re.compile(rf"(?:{alt(g.partitives)}) "),
        partitive_end=re.compile(rf" (?:{alt(g.partitives)})$"),
        group_link=re.compile(rf"(?:{alt(g.group_links)}) "),
        demonstrative=re.compile(rf"(?:{alt(g.demonstratives)}) "),
        trailing_at_least=re.compile(rf" (?:{alt(g.trailing_at_least)})(?!\w)"),
        partitive_pronoun=re.compile(rf" (?:{alt(g.partitive_pronouns)})(?!\w)"),
        construct=re.compile(rf" (?:ال|لل)(?!{alt(g.victims_in_construct)})"),
        not_done=re.compile(rf"(?<!\w)(?:[وف]?(?:{alt(lex.negations + lex.hypotheticals)})(?!\w)"
                            rf"|[وف]?[بل]?(?:{alt(lex.unrealised)}) ?$)"),
        illness=re.compile(rf" [وف]?(?:ب|بال)(?:{alt(lex.illnesses)})(?!\w)"),
        depiction_tail=re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{alt(lex.depictions)})(?!\w)"),
        revised_to=re.compile(rf" (?:{alt(g.revised_to)}) "),
        time_word=re.compile(rf"[وف]?(?:ال)?(?:{alt(g.time_words)})"),
        subset_word=re.compile(rf"(?<!\w)[وف]?(?:{alt(lex.subset_markers)})(?!\w)"),
        subset_open=re.compile(rf"[،,] ?[وف]?(?:{alt(lex.subset_markers)})(?!\w)"),
        relative_tail=_tail_pattern(g.relative_pronouns),
        passive_follower=re.compile(rf"[وف]?(?:{alt(g.passive_followers)})(?!\w)"),
        insertion=re.compile(rf"[{_INSERTION_EDGES}(] ?(?:\w+ )?[وف]?(?:{inserted})(?!\w)[^{_INSERTION_EDGES}()]*?"
                             rf"[{_INSERTION_EDGES})]"),
        candidate_stems="|".join(r"\s+".join(re.escape(w) for w in s.split()) for s in stems),
        lexicon=lex,
    )
