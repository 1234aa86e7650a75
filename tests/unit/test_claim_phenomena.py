"""Casualty statements of the kinds the first rules missed on new text, one test per linguistic class.

Every sentence here was written for this test (none is copied from a corpus or a gold file).
"""

from dataclasses import replace

import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.extract.quantities import find_quantities, unglue_numbers
from pipelines.lib.reference.claim_lexicon import ClaimLexicon, load_claim_lexicon
from tests.unit.test_claims import ROOT, brief, claims_of


@pytest.fixture(scope="module")
def lexicon() -> ClaimLexicon:
    return load_claim_lexicon(ROOT / "seeds" / "reference" / "claim_lexicon.yaml")


def counts(claims: list[dict]) -> list[tuple]:
    return [(c["outcome"], c["count_low"], c["count_high"]) for c in claims]


# --- numbers glued to the words around them ------------------------------------------------------------------


def test_a_number_glued_to_a_word_is_read_apart_and_offsets_still_point_at_the_text(lexicon) -> None:
    claims = claims_of(lexicon, "وأسفرت الغارات عن مقتل أكثر من120 شخصا و40جريحا في البلدة.")
    assert counts(claims) == [("killed", 120, None), ("injured", 40, 40)]
    assert [c["mention_text"] for c in claims] == ["مقتل أكثر من120 شخصا", "و40جريحا"]
    assert counts(claims_of(lexicon, "وشهد النزاع منذ بدايته سقوط أكثر من200 ألف قتيل.")) == [
        ("killed", 200000, None)]


def test_unglue_keeps_particles_on_their_number() -> None:
    norm, origin = unglue_numbers("من350 الف و100جريح", list(range(18)))
    assert norm == "من 350 الف و100 جريح"
    assert len(origin) == len(norm) and origin[2] == origin[1]


# --- ranges and alternatives ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("قتل 15 أو 20 شخصا", 15, 20), ("ما بين 30 إلى 45 قتيلا", 30, 45), ("عشرة أو خمسة عشر جريحا", 10, 15)],
)
def test_ranges_and_alternative_counts(text: str, low: int, high: int) -> None:
    q = next(q for q in find_quantities(normalize(text)) if q.count_low)
    assert (q.count_low, q.count_high, q.qualifier) == (low, high, "range")


def test_a_smaller_alternative_is_a_second_number_not_a_range() -> None:
    assert [(q.count_low, q.count_high) for q in find_quantities("قتل 5 او 3")] == [(5, 5), (3, 3)]


# --- the phrase grammar is data ------------------------------------------------------------------------------


def test_the_reader_takes_its_group_links_from_the_lexicon(lexicon) -> None:
    sentence = "وأسفر القصف عن سقوط جرحى في صفوف المدنيين."
    assert brief(claims_of(lexicon, sentence)) == [("injured", None, None, False, "civilians")]
    no_link = replace(lexicon, grammar=replace(lexicon.grammar, group_links=("ضمن",)))
    assert brief(claims_of(no_link, sentence)) == [("injured", None, None, False, "unknown")]


# --- injuries told as treatment -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "low"),
    [
        ("وقال مسعفون إن 35 شخصا تلقوا العلاج من آثار الغاز في المركز الطبي.", 35),
        ("وخضع سبعة أطفال للعلاج بعد القصف على الحي.", 7),
        ("وذكر الطبيب أن 12 مدنيا نقلوا إلى المستشفى إثر سقوط القذائف.", 12),
        ("وتلقى خمسة عشر شخصا علاجا من ضيق التنفس.", 15),
    ],
)
def test_injuries_told_as_treatment(lexicon, sentence: str, low: int) -> None:
    assert counts(claims_of(lexicon, sentence)) == [("injured", low, low)]


# --- precision: casualty words that add no casualty -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "وقال القائد إن عدد القتلى ليس 300 كما زعمت وسائل الإعلام.",
        "وأرجع الطبيب الارتفاع إلى وفاة أحد الجرحى في المستشفى.",
        "وحذر المرصد من ارتفاع الخسائر البشرية في المنطقة.",
    ],
)
def test_casualty_words_that_report_no_new_casualty(lexicon, sentence: str) -> None:
    assert claims_of(lexicon, sentence) == []


# --- victims a pronoun or a verb of falling stands for -----------------------------------------------------------


def test_a_share_of_victims_named_before_is_a_claim(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 90 مدنيا في الهجوم، قضى أكثر من ثلاثين منهم في القرية الأولى.")
    assert counts(claims) == [("killed", 90, 90), ("killed", 30, None)]


def test_losing_fighters_and_passing_away_are_deaths(lexicon) -> None:
    assert counts(claims_of(lexicon, "وخسرت الفصائل 14 عنصرا في الهجوم على التلة.")) == [("killed", 14, 14)]
    assert counts(claims_of(lexicon, "وقال إن 9 مدنيين قضوا في القصف على الحي.")) == [("killed", 9, 9)]
    assert claims_of(lexicon, "وخسر الجيش 3 مواقع في الريف، وقضوا ليلتهم في العراء.") == []


def test_the_verb_of_falling_counts_the_dead_it_is_told_of(lexicon) -> None:
    assert brief(claims_of(lexicon, "وسقط 45 مدنياً في القصف على الحي الشرقي.")) == [
        ("killed", 45, 45, True, "civilians")]
    assert counts(claims_of(lexicon, "وسقطت خلالها نحو 60 من عناصر الفصيل.")) == [("killed", 60, 60)]
    assert claims_of(lexicon, "وسقط 16 صاروخا قرب المطار، وسقطت قذيفة على الحي.") == []


def test_falling_and_beheading_are_deaths_of_people_only(lexicon) -> None:
    assert brief(claims_of(lexicon, "وأسفرت المعارك عن سقوط 12 من المسلحين.")) == [
        ("killed", 12, 12, True, "combatants")]
    assert counts(claims_of(lexicon, "ونشر التنظيم تسجيلا يظهر قطع رؤوس 9 رهائن.")) == [("killed", 9, 9)]
    assert claims_of(lexicon, "وأعلن الجيش سقوط 3 قذائف على الحي.") == []


# --- material between the parts of a claim ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("وقال الناشط إن 64 شخصا على الأقل، بينهم 20 طفلا، قتلوا في القصف.", 64, None),
        ("وقتل - بحسب مصادر محلية - 17 شخصا في الانفجار.", 17, 17),
        ("وأسفر الانفجار، وفقا لمصادر طبية، عن مقتل تسعة مدنيين.", 9, 9),
        ("ولقي 23 مقاتلا، بينهم قائد ميداني، مصرعهم في الكمين.", 23, 23),
    ],
)
def test_an_inserted_subset_or_source_does_not_cut_the_claim(lexicon, sentence: str, low: int, high) -> None:
    assert counts(claims_of(lexicon, sentence)) == [("killed", low, high)]


def test_a_comma_does_not_end_an_enumeration_of_victims(lexicon) -> None:
    claims = claims_of(lexicon, "ووثق المرصد مقتل 31 عنصرا من قوات النظام والمسلحين الموالين لها، و19 مقاتلا من "
                                "جيش الإسلام.")
    assert [(c["count_low"], c["victim_actor_id"]) for c in claims] == [(31, "regime"), (19, "jaish_islam")]
    claims = claims_of(lexicon, "وقتلت الغارات نحو 50 شخصا الجمعة، و20 آخرين السبت.")
    assert counts(claims) == [("killed", 50, 50), ("killed", 20, 20)]


# --- victims counted by their noun alone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "low", "group"),
    [
        ("وأعلن المرصد مقتل مواطنين اثنين في القصف على البلدة.", 2, "civilians"),
        ("وقتل عسكريان اثنان في الهجوم.", 2, "combatants"),
        ("وأسفرت الغارة عن مقتل قائد عسكري وأحد العناصر.", 2, "combatants"),
        ("وقتل في القصف امرأة وطفلها.", 2, "civilians"),
        ("وأدى الانفجار إلى مقتل مدني وطفلين.", 3, "civilians"),
        ("وقالت الوزارة إن جنديين اثنين قتلا في الهجوم.", 2, "combatants"),
    ],
)
def test_duals_with_their_number_and_coordinated_singulars(lexicon, sentence: str, low: int, group: str) -> None:
    assert brief(claims_of(lexicon, sentence)) == [("killed", low, low, True, group)]


def test_a_definite_singular_after_a_verb_is_one_victim(lexicon) -> None:
    assert brief(claims_of(lexicon, "وقتل القائد الميداني في الغارة على البلدة.")) == [
        ("killed", 1, 1, True, "combatants")]
    assert claims_of(lexicon, "وتعمل مجموعات القتل العراقية في المنطقة.") == []


def test_a_singular_victim_after_the_attacker(lexicon) -> None:
    assert counts(claims_of(lexicon, "وقتلت قوات النظام رجلا عند الحاجز.")) == [("killed", 1, 1)]
    assert counts(claims_of(lexicon, "وقتل جيش الإسلام في الهجوم 14 عنصرا.")) == [("killed", 14, 14)]


def test_a_relative_clause_tells_one_death(lexicon) -> None:
    claims = claims_of(lexicon, "وكان القيادي أبو أحمد، الذي قتل في غارة العام الماضي، قد أسس الكتيبة.")
    assert counts(claims) == [("killed", 1, 1)]
    assert counts(claims_of(lexicon, "وهو القائد الذي قتل عشرات المدنيين في البلدة.")) == [("killed", 20, 99)]


# --- precision: acts not done, illness -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "وهدد القائد بقتل الأسرى إذا استمر القصف.",
        "ونجا الوزير من محاولة اغتيال في العاصمة.",
        "وأدانت المحكمة رجلا بالتخطيط لقتل مسؤول.",
        "وأصيب الرئيس السابق بالسرطان العام الماضي.",
        "ويصاب الطلاب بالذعر مع اقتراب الامتحانات.",
        "وتوعد القائد بأن يدفع الخصوم ثمن مقتل رجاله.",
        "وحذر المبعوث من أن اقتحام المدينة قد يؤدي إلى مقتل آلاف المدنيين.",
        "وقال الضابط إن قصف المستودع كان سيسفر عن سقوط عشرات القتلى.",
        "ويرى خبراء أن انهيار الهدنة من شأنه أن يودي بحياة المئات.",
        "وقالت المنظمة إن تجدد القصف يمكن أن يتسبب في مقتل العشرات.",
        'وحذر الوزير من أن الهجوم قد "يؤدي إلى مقتل الآلاف" في المدينة.',
        "وتعهد الطرفان بعدم قتل أي مدني في المنطقة.",
        "وأرسلت الخلية سيارة مفخخة كي تقتل مدنيين في السوق.",
    ],
)
def test_threats_attempts_and_illness_are_no_casualty(lexicon, sentence: str) -> None:
    assert claims_of(lexicon, sentence) == []


def test_qad_before_a_past_verb_is_no_modal(lexicon) -> None:
    assert counts(claims_of(lexicon, "وقد أسفرت الغارة عن مقتل 9 مدنيين في السوق.")) == [("killed", 9, 9)]
    assert counts(claims_of(lexicon, "وكان القصف قد تسبب في إصابة 14 شخصا.")) == [("injured", 14, 14)]


def test_wounded_named_only_with_the_dead_are_a_claim_too(lexicon) -> None:
    assert counts(claims_of(lexicon, "وأسفر القصف عن سقوط قتلى ومصابين في صفوف المدنيين.")) == [
        ("killed", None, None), ("injured", None, None)]
    assert claims_of(lexicon, "ونقل المصابين إلى المستشفى الميداني.") == []


def test_deaths_told_as_cases_and_a_date_s_day_counts_nobody(lexicon) -> None:
    assert counts(claims_of(lexicon, "وسجلت المستشفيات 17 حالة وفاة جراء الاختناق وإصابة 40 آخرين.")) == [
        ("killed", 17, 17), ("injured", 40, 40)]
    assert counts(claims_of(lexicon, "وارتفعت حصيلة القتلى منذ بدء الهجوم في 12 آذار/مارس إلى نحو 640 مدنيا.")) == [
        ("killed", 640, 640)]
    assert counts(claims_of(lexicon, "ليرتفع عدد القتلى إلى 52 قتيلا منذ 9 يونيو.")) == [("killed", 52, 52)]


def test_suffocation_cases_are_injuries(lexicon) -> None:
    assert brief(claims_of(lexicon, "وسجل المسعفون 45 حالة اختناق بين المدنيين بعد قصف بغاز الكلور.")) == [
        ("injured", 45, 45, True, "civilians")]
    assert counts(claims_of(lexicon, "وأصيب العشرات بحالات اختناق في الحي.")) == [("injured", 20, 99)]
    assert counts(claims_of(lexicon, "ووثق الأطباء حالات اختناق في البلدة.")) == [("injured", None, None)]


# --- bodies, revised tolls, tolls without a number ----------------------------------------------------------------


def test_bodies_counted_by_the_phrase_after_them_are_deaths(lexicon) -> None:
    assert brief(claims_of(lexicon, "وانتشلت فرق الإنقاذ جثث 14 مدنيا من تحت الأنقاض.")) == [
        ("killed", 14, 14, True, "civilians")]
    assert counts(claims_of(lexicon, "وجرى تسليم 25 جثة من قتلى المعارك إلى الأهالي.")) == [("killed", 25, 25)]
    assert claims_of(lexicon, "ومن بين القتلى 40 مدنيا.") == []   # a share of a toll told elsewhere


@pytest.mark.parametrize(
    "sentence",
    ["ونشرت الصفحة صورا لجثث قتلى على الطريق.", "واستخرج المحققون جثث 40 شخصا من المقبرة لفحصها.",
     "وبث ناشطون تسجيلا مصورا لجثث 12 قتيلا في الشارع."],
)
def test_pictures_and_exhumed_remains_are_no_new_toll(lexicon, sentence: str) -> None:
    assert claims_of(lexicon, sentence) == []


def test_registering_casualties_is_no_recording_of_them(lexicon) -> None:
    assert counts(claims_of(lexicon, "وأعلنت المديرية تسجيل 26 جريحا في المدينة.")) == [("injured", 26, 26)]


def test_a_passive_verb_opening_its_clause_before_a_name_tells_one_death(lexicon) -> None:
    assert counts(claims_of(lexicon, "فقد قتل فارس العلي في آذار 2015 خلال المعارك قرب مدينة إدلب.")) == [
        ("killed", 1, 1)]
    assert counts(claims_of(lexicon, "ومات يوسف ديمتريف في المستشفى متأثرا بجراحه.")) == [("killed", 1, 1)]
    # Not after a noun or a subject it would be the verb of, nor over a quantifier or a one-word object.
    assert claims_of(lexicon, "وقال مسؤولون إن المسلح قتل عائلة بأكملها في القرية.") == []
    assert claims_of(lexicon, "وقتل جميع الركاب في الحادث.") == []


def test_a_circumfix_counts_victims_it_only_names_by_its_pronoun(lexicon) -> None:
    assert counts(claims_of(lexicon, "وفي عام 2013 لقيت المراسلة سلمى حداد حتفها في قصف على الحي.")) == [
        ("killed", 1, 1)]
    assert counts(claims_of(lexicon, "ولقي القائد العسكري ونجله مصرعهما في الغارة.")) == [("killed", 2, 2)]
    assert counts(claims_of(lexicon, "وانضم إلى الفصيل عام 2014 قبل أن يلقى حتفه في غارة على المدينة.")) == [
        ("killed", 1, 1)]
    # A number inside is read as before; a plural pronoun leaves the count open.
    assert counts(claims_of(lexicon, "ولقي 14 مقاتلا حتفهم في المعارك.")) == [("killed", 14, 14)]
    assert counts(claims_of(lexicon, "ولقي أبناء القرية حتفهم في المجزرة.")) == [("killed", None, None)]


def test_the_other_side_s_dead_set_against_a_claim(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 34 عنصراً من قوات النظام مقابل 21 من مقاتلي الفصائل في المعارك.")
    assert brief(claims) == [("killed", 34, 34, True, "combatants"), ("killed", 21, 21, True, "combatants")]
    assert counts(claims_of(lexicon, "وارتفعت حصيلة قتلى الجيش إلى 88، مقابل 57 مسلحاً.")) == [
        ("killed", 88, 88), ("killed", 57, 57)]
    # After a verb, the number behind the contrast is still the verb's.
    assert counts(claims_of(lexicon, "وبلغ عدد عناصر القوات الذين قتلوا منذ الهجوم مقابل 19 من الفصائل ذلك.")) == [
        ("killed", 19, 19)]
    assert counts(claims_of(lexicon, "وقتل 6 مدنيين، مقابل 5 آلاف دولار.")) == [("killed", 6, 6)]


def test_a_risen_toll_with_an_adverb_before_its_number(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل خمسة جنود أمس، لترتفع بذلك إلى 63 حصيلة قتلى الجيش في المنطقة.")
    assert counts(claims) == [("killed", 5, 5), ("killed", 63, 63)]


def test_a_revised_toll_is_its_new_number(lexicon) -> None:
    assert counts(claims_of(lexicon, "وارتفعت حصيلة قتلى الغارات من 12 إلى 19 قتيلا.")) == [("killed", 19, 19)]
    assert counts(claims_of(lexicon, "وارتفع عدد الجرحى إلى 48 شخصا.")) == [("injured", 48, 48)]


def test_a_large_toll_without_its_number_is_an_unquantified_claim(lexicon) -> None:
    assert brief(claims_of(lexicon, "وخلف القصف حصيلة كبرى من القتلى في صفوف المدنيين.")) == [
        ("killed", None, None, False, "civilians")]
    assert counts(claims_of(lexicon, "واستقبلت المستشفيات رقما عاليا من الجرحى.")) == [("injured", None, None)]


def test_time_and_place_adverbials_between_trigger_and_count(lexicon) -> None:
    assert counts(claims_of(lexicon, "وقتل مساء الخميس في مدينة دوما 16 شخصا بينهم أطفال.")) == [("killed", 16, 16)]
    assert counts(claims_of(lexicon, "وقتل منذ مطلع الشهر الجاري أكثر من 70 مدنيا.")) == [("killed", 70, None)]
    assert counts(claims_of(lexicon, "وقتل السبت، أيضا بحسب الناشطين، 6 مقاتلين في الاشتباكات.")) == [("killed", 6, 6)]


def test_a_toll_placed_in_a_governorate_and_restated_in_a_town_of_it_is_one_claim(lexicon) -> None:
    claims = claims_of(lexicon, "هجوم في الشمال", "وشن التنظيم هجوما على ريف حلب أوقع أكثر من 40 قتيلا.",
                       "وأسفر الهجوم عن مقتل أكثر من 40 شخصا في قرية قصر البريج.")
    assert counts(claims) == [("killed", 40, None)]
    apart = claims_of(lexicon, "قصف في الجنوب", "وقتل 9 أشخاص في دوما.", "وقتل 9 أشخاص في قرية قصر البريج.")
    assert [c["location_id"] for c in apart] == ["douma", "qasr_bureij"]


def test_a_subset_opened_by_a_comma_may_run_to_the_verb(lexicon) -> None:
    assert counts(claims_of(lexicon, "وقال الدفاع المدني إن 33 شخصا، بينهم 9 أطفال قتلوا في الغارة.")) == [
        ("killed", 33, 33)]
    assert counts(claims_of(lexicon, "ولقي 7 جنود، على الأقل، مصرعهم في الكمين.")) == [("killed", 7, 7)]


def test_a_death_and_the_wounded_of_the_next_verb(lexicon) -> None:
    assert counts(claims_of(lexicon, "وذكرت الوكالة أن رجلا قتل وأصيب 9 مدنيين في القصف.")) == [
        ("killed", 1, 1), ("injured", 9, 9)]


def test_a_vague_count_behind_a_gap_is_people(lexicon) -> None:
    assert counts(claims_of(lexicon, "وهي المدينة التي قتل فيها العشرات خلال الحصار.")) == [("killed", 20, 99)]


def test_a_number_before_a_casualty_noun_joined_by_wa_belongs_to_the_count_before(lexicon) -> None:
    assert counts(claims_of(lexicon, "وأحصى المرصد عدد القتلى 63 والجرحى بالعشرات.")) == [("killed", 63, 63)]


def test_a_definite_noun_inside_an_adverbial_is_not_a_victim(lexicon) -> None:
    assert counts(claims_of(lexicon, "وقتل في النزاع السوري أكثر من 90 مسعفا.")) == [("killed", 90, None)]


def test_a_headline_death_and_another_named_by_a_different_noun_are_two_claims(lexicon) -> None:
    claims = claims_of(lexicon, "مقتل قيادي في غارة", "وأكد المرصد مقتل قيادي في الغارة على البلدة.",
                       "وكان قد قتل الزعيم السابق للجماعة في المعركة نفسها.")
    assert counts(claims) == [("killed", 1, 1), ("killed", 1, 1)]


def test_listed_counts_after_a_comma_or_with_their_victims_left_unsaid(lexicon) -> None:
    claims = claims_of(lexicon, "وأسفرت المواجهات عن مقتل 14 عنصرا من قوات النظام، وتسعة من مقاتلي المعارضة.")
    assert counts(claims) == [("killed", 14, 14), ("killed", 9, 9)]
    assert brief(claims_of(lexicon, "وقتل 6 مدنيين في دوما و4 في قصر البريج.")) == [
        ("killed", 6, 6, True, "civilians"), ("killed", 4, 4, True, "civilians")]
    assert counts(claims_of(lexicon, "وقتل 11 مدنيا من عائلة واحدة في القصف.")) == [("killed", 11, 11)]
    assert counts(claims_of(lexicon, "وقتل 5 مدنيين عام 2014 و2015.")) == [("killed", 5, 5)]


def test_kin_and_detainees_are_victims(lexicon) -> None:
    assert counts(claims_of(lexicon, "وأعلن التنظيم مقتل نجل قائده في المعارك.")) == [("killed", 1, 1)]
    assert counts(claims_of(lexicon, "ووثقت الشبكة وفاة العشرات من المعتقلين في السجون.")) == [("killed", 20, 99)]


def test_a_subset_closed_by_a_comma_does_not_cut_the_circumfix(lexicon) -> None:
    assert counts(claims_of(lexicon, "ولقي 21 مسلحا من بينهم قادة، مصرعهم في الغارة.")) == [("killed", 21, 21)]


def test_an_illness_named_after_an_inserted_name(lexicon) -> None:
    assert claims_of(lexicon, "وأعلن المكتب إصابة زوجة الوزير، وهي طبيبة، بسرطان الدم.") == []
