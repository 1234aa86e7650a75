"""The claim lexicon file loads, is normalised, and a malformed one fails with a clear message."""

import copy
from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines.lib.reference.claim_lexicon import (
    CAUSES,
    ClaimLexiconError,
    load_claim_lexicon,
    parse_claim_lexicon,
)

LEXICON = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "claim_lexicon.yaml"


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


def test_shipped_lexicon_loads_and_is_normalised() -> None:
    lex = load_claim_lexicon(LEXICON)
    killed = next(t for t in lex.triggers if t.outcome == "killed")
    injured = next(t for t in lex.triggers if t.outcome == "injured")
    assert "مقتل" in killed.forward and "قتلوا" in killed.backward
    assert "اصابه" in injured.forward          # إصابة, normalised
    assert "القضاء علي" in killed.forward      # على → علي
    assert {c.outcome for c in lex.casualty_nouns} == {"killed", "injured"}
    groups = {v.group for v in lex.victim_nouns}
    assert groups == {"civilians", "combatants", "unknown"}
    civilian_forms = {f for v in lex.victim_nouns if v.group == "civilians" for f in (v.singular, *v.plural)}
    assert {"مدني", "مدنيين", "اطفال", "نساء"} <= civilian_forms
    assert set(dict(lex.causes)) == set(CAUSES)
    assert "بحسب" in lex.attribution_prepositions and "قال" in lex.attribution_verbs
    assert "كيلومترا" in lex.non_casualty_nouns
    assert lex.cumulative_min_count == 10000
    assert "قد يودي" in lex.hypotheticals and "سيسفر" in lex.hypotheticals   # قد يؤدي, normalised
    assert "الاكثر" in lex.since_comparisons
    assert "العمليه العسكريه" in lex.campaign_cues
    assert "بذلك" in lex.toll_rise_adverbs and "التاسع" in lex.since_words
    assert "مقابل" in lex.contrast_links and "مقابل" not in lex.list_links
    assert "حتفها" in lex.one_victim_closes and "مصرعهما" in lex.two_victim_closes and lex.circumfix_name_words == 4
    assert "مات" in lex.name_victim_verbs and "فقد" in lex.name_victim_openers and "جميع" in lex.name_victim_non_names
    assert "بين" in lex.span_openers and "عامي" in lex.span_year_words and "الي" in lex.span_joins
    assert "شباط" in lex.month_names and "مقره" in lex.seat_markers and "بعدم" in lex.negations
    injured_nouns = {c.singular for c in lex.casualty_nouns if c.outcome == "injured"}
    assert "حاله اختناق" in injured_nouns and "تسجيل" not in lex.depictions
    assert "خلال الايام الماضيه" in lex.period_cues and "المعارك المتواصله" in lex.period_cues
    assert "قايلا" in lex.attribution_participles and "قايلا" not in lex.attribution_verbs
    assert "علي يد" in lex.agent_markers and "حاجز" in lex.attack_targets and "اشتباكات" in lex.clash_cues
    assert "القصف" not in lex.attack_nouns and "قصف" in lex.attack_nouns  # base forms; the matcher adds "ال"
    assert "اتهمت" in lex.accusation_verbs and "الطرفين" in lex.both_sides and "التركي" in lex.attacker_adjectives
    assert "طايرات" in lex.attack_means and "الجويه" in lex.attack_qualifiers and "قتلت" in lex.killing_verbs


def test_the_phrase_grammar_is_data_and_normalised() -> None:
    grammar = load_claim_lexicon(LEXICON).grammar
    assert "في صفوف" in grammar.group_links and "من" in grammar.partitives
    assert "هولاء" in grammar.demonstratives               # هؤلاء, normalised
    assert grammar.trailing_at_least == ("علي الاقل",)     # على الأقل, normalised
    assert "منهم" in grammar.partitive_pronouns and "مدني" in grammar.victims_in_construct


def test_the_reference_folder_can_be_given_instead_of_the_file() -> None:
    assert load_claim_lexicon(LEXICON.parent) == load_claim_lexicon(LEXICON)


def test_causes_are_kept_in_the_files_priority_order(raw: dict) -> None:
    lex = parse_claim_lexicon(raw)
    assert [name for name, _ in lex.causes] == list(raw["causes"])
    assert [name for name, _ in lex.causes][:2] == ["chemical", "barrel_bomb"]


def _broken(raw: dict, edit) -> dict:
    doc = copy.deepcopy(raw)
    edit(doc)
    return doc


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("toll_heads"), "missing sections ['toll_heads']"),
        (lambda d: d.update(extra=[]), "unknown sections ['extra']"),
        (lambda d: d.update(version=2), "version: unsupported version 2"),
        (lambda d: d["outcomes"].pop("injured"), "outcomes: must define exactly"),
        (lambda d: d["outcomes"]["killed"]["forward"].append(""), "outcomes.killed.forward["),
        (lambda d: d["outcomes"]["killed"].update(forward="مقتل"), "outcomes.killed.forward: must be a list"),
        (lambda d: d["causes"].update(drone=["مسيرة"]), "causes: unknown causes ['drone']"),
        (lambda d: d["victim_nouns"]["unknown"].append({"singular": "مدني", "plural": []}),
         "'مدني' is listed under both civilians and unknown"),
        (lambda d: d["attribution"].update(max_words=0), "attribution.max_words: must be a positive integer"),
        (lambda d: d.update(cumulative_min_count="many"), "cumulative_min_count: must be a positive integer"),
        (lambda d: d.pop("grammar"), "missing sections ['grammar']"),
        (lambda d: d["grammar"].pop("group_links"), "grammar.group_links: must not be empty"),
        (lambda d: d["grammar"].update(articles=["ال"]), "grammar: unknown keys ['articles'], missing keys []"),
        (lambda d: d["grammar"]["demonstratives"].append(3), "grammar.demonstratives[5]: must be a non-empty word"),
        (lambda d: d["grammar"].pop("battle_links"), "grammar: unknown keys [], missing keys ['battle_links']"),
        (lambda d: d["grammar"]["warring_sides"].append("rebels"), "grammar.warring_sides: unknown sides ['rebels']"),
        (lambda d: d["grammar"]["allied_sides"].append("foreign"), "grammar.allied_sides: every allied side must be"),
        (lambda d: d["grammar"].update(recipient_nouns=[]), "grammar.recipient_nouns: must not be empty"),
        (lambda d: d["generic_sources"][0].pop("actor"), "generic_sources[0].actor: must name an actor_id"),
        (lambda d: d["attribution"].update(subject_max_gap=0), "attribution.subject_max_gap: must be a positive"),
        (lambda d: d.update(result_attack_words=-1), "result_attack_words: must be a positive integer"),
    ],
)
def test_malformed_lexicon_names_the_problem(raw: dict, edit, message: str) -> None:
    with pytest.raises(ClaimLexiconError) as err:
        parse_claim_lexicon(_broken(raw, edit), source="lexicon.yaml")
    assert str(err.value).startswith("lexicon.yaml: ")
    assert message in str(err.value)


def test_invalid_yaml_is_reported_with_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "claim_lexicon.yaml"
    bad.write_text("outcomes: [unclosed\n", encoding="utf-8")
    with pytest.raises(ClaimLexiconError, match="claim_lexicon.yaml: not valid YAML"):
        load_claim_lexicon(bad)


def test_grammar_words_are_data_normalised_on_load() -> None:
    grammar = load_claim_lexicon(LEXICON).grammar
    assert "وكاله" in grammar.recipient_nouns                 # "وكالة", matched in normalised text
    assert {"ان", "بان"} <= grammar.that_words
    assert grammar.allied_sides <= grammar.warring_sides
    assert "jihadist" in grammar.warring_sides - grammar.allied_sides   # jihadist groups fight each other


def test_an_analyst_corrects_the_grammar_in_the_file(raw: dict) -> None:
    from tests.unit.test_claims import claims_of

    sentence = "وقال المرصد السوري لحقوق الإنسان لتلفزيون محلي إن 5 مدنيين قتلوا في القصف."
    before = claims_of(parse_claim_lexicon(raw), sentence)
    assert [c["claimed_by_text"] for c in before] == ["المرصد السوري لحقوق الإنسان لتلفزيون محلي"]
    edited = _broken(raw, lambda d: d["grammar"]["recipient_nouns"].append("تلفزيون"))
    after = claims_of(parse_claim_lexicon(edited), sentence)
    assert [c["claimed_by_text"] for c in after] == ["المرصد السوري لحقوق الإنسان"]


def test_weapon_owners_and_ascriptions_are_data_about_known_actors() -> None:
    lex = load_claim_lexicon(LEXICON)
    owners = dict(lex.weapon_owners)
    assert owners["البراميل المتفجره"] == "sy_gov_forces"  # normalised on load
    assert "نسبتها" in lex.ascription_cues and "اصابع الاتهام" in lex.ascription_cues
    known = set(pl.read_csv(LEXICON.parent / "actors.csv")["actor_id"])
    assert set(owners.values()) <= known
