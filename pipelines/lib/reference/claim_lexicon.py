"""Load and validate ``seeds/reference/claim_lexicon.yaml``: the words of casualty claims.

Every word is normalised on load (see :func:`pipelines.lib.arabic.normalize.normalize`) so that the
extractor matches normalised text with normalised words, whatever spelling the analyst typed.
A malformed file raises :class:`ClaimLexiconError` naming the file and the offending key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.actors import SIDES
from pipelines.lib.reference.attacker_adjectives import load_attacker_adjectives
from pipelines.lib.reference.yaml_io import parse_yaml

OUTCOMES = ("killed", "injured")
VICTIM_GROUPS = ("civilians", "combatants", "unknown")
CAUSES = ("airstrike", "shelling", "barrel_bomb", "clashes", "explosion", "chemical", "execution", "mine",
          "sniper")
DEFAULT_PATH = Path("seeds/reference/claim_lexicon.yaml")

_TOP_KEYS = {
    "version", "outcomes", "one_victim_closes", "two_victim_closes", "circumfix_name_words",
    "name_victim_verbs", "name_victim_openers", "name_victim_non_names", "needs_victim", "toll_heads",
    "toll_modifiers", "toll_rise", "toll_rise_adverbs", "victim_nouns",
    "not_victims", "armed_bodies", "armed_actor_types", "non_casualty_nouns", "non_casualty_contexts", "negations",
    "unrealised", "hypotheticals", "illnesses", "depictions", "contrast_links",
    "subset_markers", "list_links", "attribution", "causes", "cumulative_cues", "period_cues", "campaign_cues",
    "span_openers", "span_year_words", "span_joins", "month_names",
    "since_words", "since_days", "since_comparisons", "period_leads", "period_units", "war_cues",
    "war_country",
    "cumulative_min_count", "running_total_min_count", "attack_cues", "agent_markers", "attack_targets", "clash_cues",
    "attack_nouns",
    "attack_cause_links", "accusation_verbs", "both_sides", "attacker_adjectives", "near_markers", "seat_markers",
    "attack_means", "attack_qualifiers", "killing_verbs", "grammar", "result_verbs", "result_attack_words",
    "cause_attack_words", "relative_directions", "speaker_pronouns", "other_victims", "generic_sources",
    "weapon_owners", "ascription_cues", "attack_origins", "responsibility_cues", "responsibility_verbs",
    "failed_attack_words",
}
# The grammar section: the small words the claim reader walks through inside a victim phrase (optional, an
# empty list when absent) ...
_READER_GRAMMAR_KEYS = ("partitives", "group_links", "demonstratives", "trailing_at_least", "partitive_pronouns",
                        "victims_in_construct", "relative_pronouns", "passive_followers", "revised_to", "time_words")
# ... and the closed word classes the attribute rules read (all required).
_ATTRIBUTE_GRAMMAR_KEYS = ("recipient_nouns", "attribution_relatives", "relay_links", "frame_prepositions",
                           "battle_links", "that_words", "prepositions", "group_words", "warring_sides",
                           "allied_sides")


class ClaimLexiconError(ValueError):
    """The claim lexicon file is malformed."""


@dataclass(frozen=True)
class CasualtyNoun:
    """A noun that is itself the dead or the wounded ("قتيل"/"قتلى")."""

    outcome: str
    singular: str          # normalised; empty when only the plural is used
    plural: tuple[str, ...]
    dual: tuple[str, ...]  # construct duals listed in the file; regular duals are derived
    bare: bool             # the indefinite plural alone is an unquantified claim


@dataclass(frozen=True)
class VictimNoun:
    group: str
    singular: str
    plural: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeTriggers:
    outcome: str
    forward: tuple[str, ...]
    backward: tuple[str, ...]
    circumfix_open: tuple[str, ...]
    circumfix_close: tuple[str, ...]


@dataclass(frozen=True)
class GenericSource:
    """A source named by a generic word ("مصادر", "ناشطون"): the reference actor it stands for, its head words
    and the qualifiers that narrow it ("مصادر طبية"). Words are normalised, without the article."""

    actor_id: str
    heads: tuple[tuple[str, ...], ...]
    qualifiers: tuple[tuple[str, str], ...]   # (qualifier word, actor_id)


def bare_word(word: str) -> str:
    """A normalised word without its particles and article ("وللمصادر" → "مصادر", "الطبيه" → "طبيه")."""
    for prefix in ("وبال", "وال", "بال", "فال", "لل", "ال", "ول", "وب"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    if word[:1] in "وفبل" and len(word) >= 5:
        return word[1:]
    return word


@dataclass(frozen=True)
class Grammar:
    """Small closed classes of words (the ``grammar`` section, normalised): those of a victim phrase the claim
    reader walks through, then those the attribute rules read, and the sides of the war."""

    partitives: tuple[str, ...]            # "من": "ستة من مقاتلي المعارضة"
    group_links: tuple[str, ...]           # "في صفوف", "من بين": name the victims' group after them
    demonstratives: tuple[str, ...]        # "من هؤلاء المقاتلين"
    trailing_at_least: tuple[str, ...]     # "على الأقل" after the victims
    partitive_pronouns: tuple[str, ...]    # "قتل 20 منهم"
    victims_in_construct: tuple[str, ...]  # "جرحى المدنيين": a definite noun that is the victims, not a construct
    relative_pronouns: tuple[str, ...]     # "الذي قتل في سوريا": the antecedent is one victim
    passive_followers: tuple[str, ...]     # words after which a verb of killing is read as passive
    revised_to: tuple[str, ...]            # "من 20 إلى 37": the toll is the later number
    time_words: tuple[str, ...]            # "قتل أمس 10": a time adverbial between a trigger and its count
    recipient_nouns: tuple[str, ...]       # "لوكالة": the one a source spoke to
    attribution_relatives: frozenset[str]  # "وفق ما أفاد"
    relay_links: tuple[str, ...]           # "نقلت الوكالة عن"
    frame_prepositions: tuple[str, ...]    # "وفي حماة، ..."
    battle_links: tuple[str, ...]          # "اشتباكات مع"
    that_words: frozenset[str]             # a new clause begins
    prepositions: frozenset[str]
    group_words: tuple[str, ...]           # "قياديان من فيلق الرحمن": the actor after them is the victims' group
    warring_sides: frozenset[str]
    allied_sides: frozenset[str]


@dataclass(frozen=True)
class ClaimLexicon:
    """The claim lexicon, every word normalised. Hashable, so compiled patterns can be cached on it."""

    triggers: tuple[OutcomeTriggers, ...]
    casualty_nouns: tuple[CasualtyNoun, ...]
    needs_victim: frozenset[str]
    one_victim_closes: frozenset[str]    # "لقيت ماري كولفين حتفها": the closing pronoun counts one
    two_victim_closes: frozenset[str]    # "حتفهما": two
    circumfix_name_words: int            # the most words such a circumfix's named victims take
    name_victim_verbs: frozenset[str]    # "فقد قتل مكسيم كولغانوف في": a passive verb before a named victim
    name_victim_openers: frozenset[str]  # what may open that clause before the verb ("فقد")
    name_victim_non_names: frozenset[str]  # words that are no part of such a name ("جميع", "أمس")
    toll_heads: tuple[str, ...]
    toll_modifiers: tuple[str, ...]
    toll_rise: tuple[str, ...]
    toll_rise_adverbs: tuple[str, ...]   # "ليرتفع بذلك إلى 117": between the verb and its number
    victim_nouns: tuple[VictimNoun, ...]
    not_victims: frozenset[str]
    armed_bodies: tuple[str, ...]
    armed_actor_types: frozenset[str]
    non_casualty_nouns: frozenset[str]
    non_casualty_contexts: tuple[str, ...]
    negations: tuple[str, ...]
    unrealised: tuple[str, ...]      # right before a trigger: a threat, an attempt, a wish ("تهدد بقتل")
    hypotheticals: tuple[str, ...]   # a few words before a trigger: a possible outcome ("قد يسفر عن مقتل")
    illnesses: tuple[str, ...]       # "أصيب بالسرطان": an injury trigger followed by one is no casualty
    depictions: tuple[str, ...]      # "صور لجثث", "استخراج جثث": casualty nouns after them are no new dead
    subset_markers: tuple[str, ...]
    list_links: tuple[str, ...]
    contrast_links: tuple[str, ...]  # "مقابل": the other side's dead listed after a claim
    attribution_verbs: tuple[str, ...]
    attribution_verbs_with_that: tuple[str, ...]
    attribution_prepositions: tuple[str, ...]
    attribution_stops: frozenset[str]
    attribution_max_words: int
    attribution_participles: tuple[str, ...]   # "قائلاً": the sentence's subject said what follows
    relay_verbs: tuple[str, ...]        # "نقلت الوكالة عن مسؤولين": the ones quoted are the source
    attribution_adverbs: frozenset[str]  # "وأعلن أيضاً المرصد": skipped before the source's name
    continuation_markers: frozenset[str]  # "وخلال الفترة نفسها": the toll goes on from the paragraph before
    background_openers: frozenset[str]    # "وكان ...": background in the outlet's voice
    same_source: frozenset[str]           # "المصدر ذاته": the source named before
    report_nouns: frozenset[str]        # "حسب الأرقام التي أكدها المرصد": the author named after them
    report_author_words: int
    subject_openers: tuple[str, ...]    # may open the clause before a speaker named ahead of the verb
    subject_max_gap: int
    impersonal: frozenset[str]          # "يذكر أن": the outlet's own remark
    causes: tuple[tuple[str, tuple[str, ...]], ...]   # in priority order
    cumulative_cues: tuple[str, ...]
    period_cues: tuple[str, ...]     # a total over days or an ongoing battle, when next to the claim
    since_words: tuple[str, ...]     # after "منذ" they date the start of a running total ("منذ مطلع الشهر")
    since_days: tuple[str, ...]      # weekdays: "منذ الثلاثاء" makes a total only after the claim's phrase
    since_comparisons: tuple[str, ...]  # "الأكثر دموية منذ": a superlative makes "منذ" a comparison, not a start
    campaign_cues: tuple[str, ...]   # "العملية العسكرية": a campaign's toll, in the claim's own clause
    span_openers: tuple[str, ...]    # "بين عامي 2011 و2013": a running total over a span of years
    span_year_words: tuple[str, ...]
    span_joins: tuple[str, ...]
    month_names: tuple[str, ...]     # "في 18 شباط": the day before one is a date, not a count
    period_leads: tuple[str, ...]    # "خلال", "على مدى" ... before a count of weeks, months or years
    period_units: tuple[str, ...]
    war_cues: tuple[str, ...]
    war_country: str            # normalised name of the country a war-wide total is placed in
    cumulative_min_count: int
    running_total_min_count: int     # a toll this large is no single attack's (but not the whole war's either)
    attack_cues: tuple[str, ...]
    agent_markers: tuple[str, ...]   # the attacker follows them only ("على يد", "من قبل")
    attack_targets: frozenset[str]   # words that make the actor after an attack word its target
    clash_cues: tuple[str, ...]      # a battle whose parties are named after it
    attack_nouns: tuple[str, ...]    # an attack referred back to ("القصف", "الغارات")
    attack_cause_links: tuple[str, ...]  # "جراء قصف": an attack noun after them is the claim's own cause
    accusation_verbs: tuple[str, ...]    # "اتهمت دمشق إسرائيل بشن غارة"
    # "الغارة التي نسبتها دمشق إلى إسرائيل", "أشارت أصابع الاتهام إلى إسرائيل": the attack told first is
    # ascribed to the party after "إلى"
    ascription_cues: tuple[str, ...]
    both_sides: tuple[str, ...]          # victims "من الطرفين": no single attacker
    attacker_adjectives: tuple[str, ...]  # "القصف التركي": the attack names its author
    near_markers: tuple[str, ...]
    seat_markers: tuple[str, ...]    # "ومقره لندن": the place after them is a source's seat
    attack_means: tuple[str, ...]       # "الطيران الحربي النظامي": the weapon, named by its owner's adjective
    attack_qualifiers: tuple[str, ...]  # "الغارات الجوية الروسية": may stand between an attack and its author
    killing_verbs: tuple[str, ...]      # "قتلت قوات النظام خمسة مدنيين": the actor right after is the killer
    result_verbs: tuple[str, ...]       # "الضربات ... أسفرت عن مقتل": the attack before them is the claim's own
    result_attack_words: int
    cause_attack_words: int
    relative_directions: tuple[str, ...]  # "الغوطة الشرقية شرق دمشق": the place after only situates the one before
    speaker_pronouns: tuple[str, ...]   # "قال المتحدث إنها قتلت": the speaker's side did the killing
    other_victims: frozenset[str]       # "وإصابة 30 آخرين": of the kind counted before them
    generic_sources: tuple[GenericSource, ...]  # "مصادر طبية" → unnamed medical sources
    grammar: Grammar
    # (weapon phrase, actor_id): a weapon only one party of the war used ("البراميل المتفجرة") names its user.
    weapon_owners: tuple[tuple[str, str], ...] = ()
    # (adjective, actor_id) from attacker_adjectives.csv beside the YAML file; empty without it.
    attacker_adjective_actors: tuple[tuple[str, str], ...] = ()
    # "قذيفة أطلقت من مناطق المعارضة": a place word of attack_targets right after one of these is where the attack
    # came from, so the party after it is the attacker, not the target
    attack_origins: tuple[str, ...] = ()
    # "وأعلن التنظيم المسؤولية عن الهجوم", "وقوف إسرائيل وراء الهجوم": the party before them claimed (or is said to
    # stand behind) an attack the text told before; "وتبنى التنظيم الهجوم": the party after the verb did
    responsibility_cues: tuple[str, ...] = ()
    responsibility_verbs: tuple[str, ...] = ()
    # "في هجوم فاشل على مواقع القوات": the attackers' dead fell to the ones they attacked
    failed_attack_words: frozenset[str] = frozenset()
    # "وفق آخر حصيلة أوردها المرصد": words before a report noun that leave the report to name its author
    report_modifiers: frozenset[str] = frozenset()
    # "موقع تابع للجيش": verbs of saying spelled like an adjective of belonging, not verbs when "ل" follows
    attribution_belonging: frozenset[str] = frozenset()


def load_claim_lexicon(path: Path = DEFAULT_PATH) -> ClaimLexicon:
    """Read, validate and normalise the claim lexicon at ``path`` (the YAML file, or the reference folder
    that holds ``claim_lexicon.yaml``)."""
    path = Path(path)
    if path.is_dir():
        path = path / DEFAULT_PATH.name
    try:
        raw = parse_yaml(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ClaimLexiconError(f"{path}: not valid YAML: {exc}") from exc
    lex = parse_claim_lexicon(raw, source=str(path))
    return replace(lex, attacker_adjective_actors=load_attacker_adjectives(path.parent))


def parse_claim_lexicon(raw: Any, source: str = "<claim lexicon>") -> ClaimLexicon:
    """Validate an already-parsed YAML document (a dict) and build the lexicon."""
    v = _Validator(source)
    if not isinstance(raw, dict):
        v.fail("", "the file must be a mapping of sections")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        v.fail("", f"unknown sections {sorted(unknown)}")
    missing = _TOP_KEYS - set(raw)
    if missing:
        v.fail("", f"missing sections {sorted(missing)}")
    if raw["version"] != 1:
        v.fail("version", f"unsupported version {raw['version']!r} (expected 1)")

    outcomes = v.mapping(raw["outcomes"], "outcomes")
    if set(outcomes) != set(OUTCOMES):
        v.fail("outcomes", f"must define exactly {list(OUTCOMES)}, found {sorted(outcomes)}")
    triggers: list[OutcomeTriggers] = []
    casualty: list[CasualtyNoun] = []
    for outcome in OUTCOMES:
        sec = v.mapping(outcomes[outcome], f"outcomes.{outcome}")
        circ = v.mapping(sec.get("circumfix", {"open": [], "close": []}), f"outcomes.{outcome}.circumfix")
        triggers.append(OutcomeTriggers(
            outcome=outcome,
            forward=v.words(sec.get("forward"), f"outcomes.{outcome}.forward"),
            backward=v.words(sec.get("backward"), f"outcomes.{outcome}.backward"),
            circumfix_open=v.words(circ.get("open", []), f"outcomes.{outcome}.circumfix.open", allow_empty=True),
            circumfix_close=v.words(circ.get("close", []), f"outcomes.{outcome}.circumfix.close",
                                    allow_empty=True),
        ))
        nouns = sec.get("casualty_nouns")
        if not isinstance(nouns, list) or not nouns:
            v.fail(f"outcomes.{outcome}.casualty_nouns", "must be a non-empty list")
        for i, entry in enumerate(nouns):
            where = f"outcomes.{outcome}.casualty_nouns[{i}]"
            e = v.mapping(entry, where)
            singular = v.optional_word(e.get("singular", ""), f"{where}.singular")
            plural = v.words(e.get("plural", []), f"{where}.plural", allow_empty=bool(singular))
            if not isinstance(e.get("bare", False), bool):
                v.fail(f"{where}.bare", "must be true or false")
            casualty.append(CasualtyNoun(outcome, singular, plural,
                                         v.words(e.get("dual", []), f"{where}.dual", allow_empty=True),
                                         bool(e.get("bare", False))))

    victims: list[VictimNoun] = []
    groups = v.mapping(raw["victim_nouns"], "victim_nouns")
    if set(groups) != set(VICTIM_GROUPS):
        v.fail("victim_nouns", f"must define exactly {list(VICTIM_GROUPS)}, found {sorted(groups)}")
    seen_form: dict[str, str] = {}
    for group in VICTIM_GROUPS:
        entries = groups[group]
        if not isinstance(entries, list) or not entries:
            v.fail(f"victim_nouns.{group}", "must be a non-empty list")
        for i, entry in enumerate(entries):
            where = f"victim_nouns.{group}[{i}]"
            e = v.mapping(entry, where)
            singular = v.optional_word(e.get("singular", ""), f"{where}.singular")
            plural = v.words(e.get("plural", []), f"{where}.plural", allow_empty=bool(singular))
            for form in (singular, *plural):
                if form and seen_form.setdefault(form, group) != group:
                    v.fail(where, f"'{form}' is listed under both {seen_form[form]} and {group}")
            victims.append(VictimNoun(group, singular, plural))

    attr = v.mapping(raw["attribution"], "attribution")
    for key in ("max_words", "report_author_words", "subject_max_gap"):
        if not isinstance(attr.get(key), int) or attr[key] < 1:
            v.fail(f"attribution.{key}", "must be a positive integer")
    max_words = attr["max_words"]

    causes = v.mapping(raw["causes"], "causes")
    bad = [c for c in causes if c not in CAUSES]
    if bad:
        v.fail("causes", f"unknown causes {bad}; allowed: {list(CAUSES)}")

    for key in ("result_attack_words", "cause_attack_words"):
        if not isinstance(raw[key], int) or raw[key] < 1:
            v.fail(key, "must be a positive integer")
    name_words = raw.get("circumfix_name_words", 0)
    if not isinstance(name_words, int) or name_words < 0:
        v.fail("circumfix_name_words", "must be a whole number")
    armed_types = v.words(raw["armed_actor_types"], "armed_actor_types", normalise=False)
    min_count = raw["cumulative_min_count"]
    if not isinstance(min_count, int) or min_count < 1:
        v.fail("cumulative_min_count", "must be a positive integer")
    running_min = raw.get("running_total_min_count", min_count)
    if not isinstance(running_min, int) or not 1 <= running_min <= min_count:
        v.fail("running_total_min_count", "must be a positive integer no larger than cumulative_min_count")

    generic: list[GenericSource] = []
    entries = raw["generic_sources"]
    if not isinstance(entries, list) or not entries:
        v.fail("generic_sources", "must be a non-empty list")
    for i, entry in enumerate(entries):
        where = f"generic_sources[{i}]"
        e = v.mapping(entry, where)
        if not isinstance(e.get("actor"), str) or not e["actor"].strip():
            v.fail(f"{where}.actor", "must name an actor_id of actors.csv")
        heads = tuple(tuple(bare_word(w) for w in h.split()) for h in v.words(e.get("heads"), f"{where}.heads"))
        qualifiers = v.mapping(e.get("qualifiers", {}), f"{where}.qualifiers")
        pairs = tuple((bare_word(w), actor) for actor, words in qualifiers.items()
                      for w in v.words(words, f"{where}.qualifiers.{actor}"))
        generic.append(GenericSource(e["actor"].strip(), tuple(dict.fromkeys(heads)), pairs))

    g = v.mapping(raw["grammar"], "grammar")
    unknown_grammar = set(g) - {*_READER_GRAMMAR_KEYS, *_ATTRIBUTE_GRAMMAR_KEYS}
    missing_grammar = set(_ATTRIBUTE_GRAMMAR_KEYS) - set(g)
    if unknown_grammar or missing_grammar:
        v.fail("grammar", f"unknown keys {sorted(unknown_grammar)}, missing keys {sorted(missing_grammar)}; "
                          f"allowed: {[*_READER_GRAMMAR_KEYS, *_ATTRIBUTE_GRAMMAR_KEYS]}")
    sides = {k: v.words(g[k], f"grammar.{k}", normalise=False) for k in ("warring_sides", "allied_sides")}
    for key, values in sides.items():
        if bad := [s for s in values if s not in SIDES]:
            v.fail(f"grammar.{key}", f"unknown sides {bad}; allowed: {sorted(SIDES)}")
    if not set(sides["allied_sides"]) <= set(sides["warring_sides"]):
        v.fail("grammar.allied_sides", "every allied side must be a warring side")
    grammar = Grammar(
        *(v.words(g.get(key), f"grammar.{key}") for key in _READER_GRAMMAR_KEYS),
        recipient_nouns=v.words(g["recipient_nouns"], "grammar.recipient_nouns"),
        attribution_relatives=frozenset(v.words(g["attribution_relatives"], "grammar.attribution_relatives")),
        relay_links=v.words(g["relay_links"], "grammar.relay_links"),
        frame_prepositions=v.words(g["frame_prepositions"], "grammar.frame_prepositions"),
        battle_links=v.words(g["battle_links"], "grammar.battle_links"),
        that_words=frozenset(v.words(g["that_words"], "grammar.that_words")),
        prepositions=frozenset(v.words(g["prepositions"], "grammar.prepositions")),
        group_words=v.words(g["group_words"], "grammar.group_words"),
        warring_sides=frozenset(sides["warring_sides"]),
        allied_sides=frozenset(sides["allied_sides"]),
    )

    return ClaimLexicon(
        grammar=grammar,
        generic_sources=tuple(generic),
        triggers=tuple(triggers),
        casualty_nouns=tuple(casualty),
        needs_victim=frozenset(v.words(raw["needs_victim"], "needs_victim")),
        one_victim_closes=frozenset(v.words(raw.get("one_victim_closes", []), "one_victim_closes", allow_empty=True)),
        two_victim_closes=frozenset(v.words(raw.get("two_victim_closes", []), "two_victim_closes", allow_empty=True)),
        circumfix_name_words=name_words,
        name_victim_verbs=frozenset(v.words(raw.get("name_victim_verbs", []), "name_victim_verbs", allow_empty=True)),
        name_victim_openers=frozenset(v.words(raw.get("name_victim_openers", []), "name_victim_openers",
                                              allow_empty=True)),
        name_victim_non_names=frozenset(v.words(raw.get("name_victim_non_names", []), "name_victim_non_names",
                                                allow_empty=True)),
        toll_heads=v.words(raw["toll_heads"], "toll_heads"),
        toll_modifiers=v.words(raw["toll_modifiers"], "toll_modifiers", allow_empty=True),
        toll_rise=v.words(raw["toll_rise"], "toll_rise"),
        toll_rise_adverbs=v.words(raw.get("toll_rise_adverbs", []), "toll_rise_adverbs", allow_empty=True),
        victim_nouns=tuple(victims),
        not_victims=frozenset(v.words(raw["not_victims"], "not_victims", allow_empty=True)),
        armed_bodies=v.words(raw["armed_bodies"], "armed_bodies"),
        armed_actor_types=frozenset(armed_types),
        non_casualty_nouns=frozenset(v.words(raw["non_casualty_nouns"], "non_casualty_nouns")),
        non_casualty_contexts=v.words(raw["non_casualty_contexts"], "non_casualty_contexts"),
        negations=v.words(raw["negations"], "negations"),
        unrealised=v.words(raw["unrealised"], "unrealised"),
        hypotheticals=v.words(raw.get("hypotheticals", []), "hypotheticals", allow_empty=True),
        illnesses=v.words(raw["illnesses"], "illnesses"),
        depictions=v.words(raw["depictions"], "depictions"),
        subset_markers=v.words(raw["subset_markers"], "subset_markers"),
        list_links=v.words(raw["list_links"], "list_links"),
        contrast_links=v.words(raw.get("contrast_links", []), "contrast_links", allow_empty=True),
        attribution_verbs=v.words(attr.get("verbs"), "attribution.verbs"),
        attribution_verbs_with_that=v.words(attr.get("verbs_with_that", []), "attribution.verbs_with_that",
                                            allow_empty=True),
        attribution_prepositions=v.words(attr.get("prepositions"), "attribution.prepositions"),
        attribution_stops=frozenset(v.words(attr.get("stops"), "attribution.stops")),
        attribution_participles=v.words(attr.get("participles", []), "attribution.participles", allow_empty=True),
        attribution_max_words=max_words,
        relay_verbs=v.words(attr.get("relay_verbs"), "attribution.relay_verbs"),
        attribution_adverbs=frozenset(v.words(attr.get("adverbs"), "attribution.adverbs")),
        continuation_markers=frozenset(v.words(attr.get("continuation_markers"), "attribution.continuation_markers")),
        background_openers=frozenset(v.words(attr.get("background_openers"), "attribution.background_openers")),
        same_source=frozenset(v.words(attr.get("same_source"), "attribution.same_source")),
        report_nouns=frozenset(v.words(attr.get("report_nouns"), "attribution.report_nouns")),
        report_author_words=attr["report_author_words"],
        attribution_belonging=frozenset(v.words(attr.get("belonging", []), "attribution.belonging", allow_empty=True)),
        report_modifiers=frozenset(v.words(attr.get("report_modifiers", []), "attribution.report_modifiers",
                                           allow_empty=True)),
        subject_openers=v.words(attr.get("subject_openers"), "attribution.subject_openers"),
        subject_max_gap=attr["subject_max_gap"],
        impersonal=frozenset(v.words(attr.get("impersonal"), "attribution.impersonal")),
        causes=tuple((c, v.words(forms, f"causes.{c}")) for c, forms in causes.items()),  # file order = priority
        cumulative_cues=v.words(raw["cumulative_cues"], "cumulative_cues"),
        period_cues=v.words(raw["period_cues"], "period_cues", allow_empty=True),
        since_words=v.words(raw.get("since_words", []), "since_words", allow_empty=True),
        since_days=v.words(raw.get("since_days", []), "since_days", allow_empty=True),
        since_comparisons=v.words(raw.get("since_comparisons", []), "since_comparisons", allow_empty=True),
        campaign_cues=v.words(raw.get("campaign_cues", []), "campaign_cues", allow_empty=True),
        span_openers=v.words(raw.get("span_openers", []), "span_openers", allow_empty=True),
        span_year_words=v.words(raw.get("span_year_words", []), "span_year_words", allow_empty=True),
        span_joins=v.words(raw.get("span_joins", []), "span_joins", allow_empty=True),
        month_names=v.words(raw.get("month_names", []), "month_names", allow_empty=True),
        period_leads=v.words(raw.get("period_leads", []), "period_leads", allow_empty=True),
        period_units=v.words(raw.get("period_units", []), "period_units", allow_empty=True),
        war_cues=v.words(raw["war_cues"], "war_cues"),
        war_country=v.optional_word(raw["war_country"], "war_country"),
        cumulative_min_count=min_count,
        running_total_min_count=running_min,
        attack_cues=v.words(raw["attack_cues"], "attack_cues"),
        agent_markers=v.words(raw["agent_markers"], "agent_markers"),
        attack_targets=frozenset(v.words(raw["attack_targets"], "attack_targets")),
        clash_cues=v.words(raw["clash_cues"], "clash_cues"),
        attack_nouns=v.words(raw["attack_nouns"], "attack_nouns"),
        attack_cause_links=v.words(raw["attack_cause_links"], "attack_cause_links"),
        accusation_verbs=v.words(raw["accusation_verbs"], "accusation_verbs"),
        ascription_cues=v.words(raw.get("ascription_cues", []), "ascription_cues", allow_empty=True),
        attack_origins=v.words(raw.get("attack_origins", []), "attack_origins", allow_empty=True),
        responsibility_cues=v.words(raw.get("responsibility_cues", []), "responsibility_cues", allow_empty=True),
        responsibility_verbs=v.words(raw.get("responsibility_verbs", []), "responsibility_verbs", allow_empty=True),
        failed_attack_words=frozenset(v.words(raw.get("failed_attack_words", []), "failed_attack_words",
                                              allow_empty=True)),
        both_sides=v.words(raw["both_sides"], "both_sides"),
        attacker_adjectives=v.words(raw["attacker_adjectives"], "attacker_adjectives"),
        near_markers=v.words(raw["near_markers"], "near_markers"),
        seat_markers=v.words(raw.get("seat_markers", []), "seat_markers", allow_empty=True),
        attack_means=v.words(raw["attack_means"], "attack_means"),
        attack_qualifiers=v.words(raw["attack_qualifiers"], "attack_qualifiers"),
        killing_verbs=v.words(raw["killing_verbs"], "killing_verbs"),
        result_verbs=v.words(raw["result_verbs"], "result_verbs"),
        result_attack_words=raw["result_attack_words"],
        cause_attack_words=raw["cause_attack_words"],
        relative_directions=v.words(raw["relative_directions"], "relative_directions"),
        speaker_pronouns=v.words(raw["speaker_pronouns"], "speaker_pronouns"),
        other_victims=frozenset(v.words(raw["other_victims"], "other_victims")),
        weapon_owners=tuple((weapon, actor_id) for actor_id, weapons
                            in v.mapping(raw.get("weapon_owners", {}), "weapon_owners").items()
                            for weapon in v.words(weapons, f"weapon_owners.{actor_id}")),
    )


class _Validator:
    """Small helpers that raise ClaimLexiconError with the file and key path in the message."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> None:
        raise ClaimLexiconError(f"{self.source}: {where + ': ' if where else ''}{message}")

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "must be a mapping")
        return value

    def optional_word(self, value: Any, where: str) -> str:
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            self.fail(where, f"must be a word, got {value!r}")
        return normalize(value).strip()

    def words(self, value: Any, where: str, allow_empty: bool = False, normalise: bool = True) -> tuple[str, ...]:
        if value is None:
            value = []
        if not isinstance(value, list):
            self.fail(where, "must be a list of words")
        if not value and not allow_empty:
            self.fail(where, "must not be empty")
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{where}[{i}]", f"must be a non-empty word, got {item!r}")
            out.append(normalize(item).strip() if normalise else item.strip())
        return tuple(dict.fromkeys(out))
