"""Scope (event or running total) and claimed_by read from invented sentences of the kinds news reports use."""

import pytest

from pipelines.lib.reference.claim_lexicon import ClaimLexicon, load_claim_lexicon
from tests.unit.test_claims import ROOT, claims_of


@pytest.fixture(scope="module")
def lexicon() -> ClaimLexicon:
    return load_claim_lexicon(ROOT / "seeds" / "reference" / "claim_lexicon.yaml")


@pytest.mark.parametrize(
    "sentence",
    [
        "وأدت الاشتباكات المتواصلة منذ الأحد، بحسب ناشطين، إلى مقتل 15 مقاتلاً.",
        "وقتل 30 مدنياً خلال الأيام الماضية في القصف على الأحياء الشرقية.",
        "وشهدت المدينة طوال أيام قصفاً عنيفاً أودى بحياة نحو 90 مدنياً.",
    ],
)
def test_a_toll_over_days_or_an_ongoing_battle_is_cumulative(lexicon, sentence: str) -> None:
    assert [c["scope"] for c in claims_of(lexicon, sentence)] == ["cumulative"]


def test_a_period_cue_far_from_the_claim_sets_the_scene_only(lexicon) -> None:
    claims = claims_of(lexicon, "وقصفت الطائرات قرية تشهد منذ أشهر معارك كر وفر بين الطرفين وسط تقدم بطيء للقوات "
                                "المهاجمة في المنطقة الجبلية الوعرة بعد وصول تعزيزات كبيرة، ما أسفر عن مقتل 4 مدنيين.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(4, "event")]


def test_a_restated_running_total_stays_cumulative(lexicon) -> None:
    claims = claims_of(lexicon, "قتل حتى الآن أكثر من 500 عنصر من حزب الله في المعارك.",
                       "وقال المرصد السوري لحقوق الإنسان إن عدد قتلى الحزب وصل إلى أكثر من 500 عنصر.")
    assert [(c["count_low"], c["scope"], c["claimed_by_actor_id"]) for c in claims] == [(500, "cumulative", "sohr")]


def test_a_battle_toll_of_both_sides_takes_no_attacker_from_the_sentence_before(lexicon) -> None:
    claims = claims_of(lexicon, ["وقصفت قوات النظام مواقع الفصائل في الريف الشمالي.",
                                 "وتسببت المعارك المتواصلة بمقتل 30 مقاتلاً من الطرفين."])
    assert [(c["scope"], c["perpetrator_actor_id"]) for c in claims] == [("cumulative", None)]


def test_a_source_without_a_name_is_the_one_named_before_it_in_the_sentence(lexicon) -> None:
    claims = claims_of(lexicon, "وقال المرصد السوري لحقوق الإنسان إن المعارك عنيفة.",
                       "وأوردت الصحيفة أرقاماً رسمية تبين أن 40 مقاتلاً أجنبياً قتلوا في المعارك.")
    assert [c["claimed_by_text"] for c in claims] == ["الصحيفة"]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # The object of the verb of saying is not part of the name: an indefinite accusative, what was counted.
        ("وبثت القناة صوراً تظهر مقتل 6 مدنيين في القصف.", "القناة"),
        ("وقدّر المسؤول الأمريكي عدد مقاتلي التنظيم الذين قتلوا في المعارك بنحو 300 مقاتل.", "المسؤول الأمريكي"),
    ],
)
def test_a_source_name_stops_at_the_verbs_object(lexicon, sentence: str, source: str) -> None:
    assert [c["claimed_by_text"] for c in claims_of(lexicon, sentence)] == [source]


def test_a_participle_of_saying_credits_the_sentences_subject_with_what_follows(lexicon) -> None:
    said = claims_of(lexicon, "واحتج جيش الإسلام في رسالة وجهها إلى الأمم المتحدة قائلاً إن القصف أدى إلى "
                              "مقتل 12 مدنياً.")
    assert [(c["claimed_by_actor_id"], c["claimed_by_text"]) for c in said] == [("jaish_islam", "جيش الإسلام")]
    before = claims_of(lexicon, "وشيع جيش الإسلام 3 من عناصره قتلوا في المعارك، قائلاً إنه سيواصل القتال.")
    assert [c["claimed_by_text"] for c in before] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        # The speaker named ahead of the verb, after an opening particle, with a description between.
        "لكن المرصد السوري لحقوق الإنسان المعروف بمتابعته اليومية أكد أن الغارة أوقعت 9 قتلى.",
        "وكان المرصد السوري لحقوق الإنسان قد قال إن القصف أسفر عن مقتل 7 مدنيين.",
        # "يذكر أن" is the outlet's remark; the speaker is the subject of the verb after it.
        "يذكر أن المرصد السوري لحقوق الإنسان أعلن، الأحد، أن 4 مدنيين قتلوا في القصف.",
    ],
)
def test_a_speaker_named_before_the_verb_of_saying_is_the_source(lexicon, sentence: str) -> None:
    assert [c["claimed_by_actor_id"] for c in claims_of(lexicon, sentence)] == ["sohr"]


def test_a_report_credits_the_actor_who_wrote_it(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 40 مدنياً في الغارات، حسب الإحصائية التي نشرها المرصد السوري لحقوق الإنسان.")
    assert [(c["claimed_by_actor_id"], c["claimed_by_text"]) for c in claims] == [
        ("sohr", "المرصد السوري لحقوق الإنسان")]
    alone = claims_of(lexicon, "وقتل 40 مدنياً في الغارات بحسب التقارير.")
    assert [c["claimed_by_text"] for c in alone] == ["التقارير"]


def test_an_outlet_relaying_a_source_credits_the_source(lexicon) -> None:
    claims = claims_of(lexicon, "ونقلت الصحيفة عن المرصد السوري لحقوق الإنسان أن 6 مقاتلين قتلوا في المعارك.")
    assert [c["claimed_by_actor_id"] for c in claims] == ["sohr"]


def test_an_impersonal_remark_names_no_source(lexicon) -> None:
    claims = claims_of(lexicon, "وقال المرصد السوري لحقوق الإنسان إن المعارك مستمرة.",
                       "يذكر أن الغارات قتلت الشهر الماضي 20 مدنياً في المدينة.")
    assert [c["claimed_by_text"] for c in claims] == [None]


def test_a_toll_that_goes_on_across_a_paragraph_keeps_its_source(lexicon) -> None:
    claims = claims_of(lexicon, "ووثق المرصد السوري لحقوق الإنسان مقتل 12 مدنياً في القصف على دوما.",
                       "وفي الفترة نفسها قتل 3 مدنيين في دمشق بقذائف الفصائل.")
    assert [(c["count_low"], c["claimed_by_actor_id"]) for c in claims] == [(12, "sohr"), (3, "sohr")]
    # A paragraph that tells no toll before it passes nothing on.
    other = claims_of(lexicon, "ووثق المرصد السوري لحقوق الإنسان القصف على دوما.", "وقتل 3 مدنيين في دمشق.")
    assert [c["claimed_by_text"] for c in other] == [None]


def test_a_headline_toll_takes_the_source_of_the_first_paragraph(lexicon) -> None:
    claims = claims_of(lexicon, "مقتل 8 مدنيين في قصف على دوما",
                       "قال المرصد السوري لحقوق الإنسان إن القصف استهدف السوق صباح اليوم.")
    assert [(c["count_low"], c["claimed_by_actor_id"]) for c in claims] == [(8, "sohr")]


@pytest.mark.parametrize(
    "sentence",
    [
        "ومنذ 12 آذار الماضي شنت القوات حملة قصف على البلدات الشرقية أسفرت عن مقتل أكثر من 300 مدني.",
        "ووثقت الشبكة منذ مطلع الشهر مقتل 45 عنصراً من الفصائل في ريف حماة.",
        "وقتل 22 مدنياً على الأقل منذ يوم الأربعاء في المدينة، بحسب الدفاع المدني.",
        "وأسفر القصف الذي بدأته القوات منذ أن دخلت المنطقة عن مقتل 80 شخصاً.",
        "ووثق المرصد في العدد الإجمالي مقتل 320 شخصا في المحافظة.",
        "ووثقت الشبكة مقتل 640 مدنياً في المنطقة خلال 8 أشهر من القصف.",
        "وقتل 75 عنصراً من الفصيل على مدى ثلاث سنوات من المعارك.",
        "وأدى القصف، الذي بدأ في الثالث من آذار، إلى مقتل 260 مدنياً.",
        "ووثق الدفاع المدني مقتل 320 مدنياً في 19 يوماً من الغارات على المدينة.",
        "وقتل أكثر من 90 شخصاً في القصف المتواصل على الأحياء الشرقية.",
        "ولقي أكثر من 130 شخصاً حتفهم منذ شنت القوات حملتها على الوادي قبل ثلاثة أسابيع.",
        "وقتل نحو 70 مدنياً منذ تصاعد القتال في المحافظة مطلع الأسبوع.",
        "وقتل 48 عنصراً من الفصيل منذ الحادي عشر من الشهر الماضي.",
        "ووثقت الشبكة مقتل 860 مدنياً خلال الشهرين الماضيين في المحافظة.",
        "وقتل 41 صحفياً خلال عام 2016 في البلاد.",
    ],
)
def test_a_toll_since_a_date_is_cumulative(lexicon, sentence: str) -> None:
    assert [c["scope"] for c in claims_of(lexicon, sentence)] == ["cumulative"]


def test_a_weekday_before_the_toll_dates_the_attack_not_a_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "وأدى سقوط عشرات القذائف على القرية منذ الأحد إلى مقتل خمسة أشخاص، حسب ناشطين.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(5, "event")]


def test_a_toll_over_a_span_of_years_in_its_own_clause_is_a_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "ومع مقتل أكثر من 500 مقاتل في المعارك بين عامي 2014 و2016، تغيرت خطط الفصيل.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(500, "cumulative")]
    claims = claims_of(lexicon, "وقتل 230 مدنياً في المدينة من 2012 إلى 2015.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(230, "cumulative")]
    claims = claims_of(lexicon, "وقتل 9 مدنيين في الغارة، وكان الفصيل سيطر على البلدة بين 2013 و2015.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(9, "event")]


def test_a_campaign_s_toll_in_the_claim_s_own_clause_is_a_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "وأسفرت العملية العسكرية على الوادي عن مقتل أكثر من 900 شخص، وفق المرصد.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(900, "cumulative")]
    claims = claims_of(lexicon, "وقتل 64 مدنياً على الأقل خلال العملية التي يشنها الجيش في الريف الشمالي.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(64, "cumulative")]
    # Another clause, or one death: the campaign is only the background.
    claims = claims_of(lexicon, "وقتل 12 مدنياً في غارة ليل الأحد على السوق، فيما تتواصل العملية العسكرية في المنطقة.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(12, "event")]
    claims = claims_of(lexicon, "وأعلن الفصيل مقتل أحد قادته خلال العمليات العسكرية في الجبل.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(1, "event")]


def test_a_superlative_before_since_compares_a_day_s_toll_it_does_not_start_a_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 31 مدنياً الجمعة في أعنف يوم، وهي الحصيلة الأعلى منذ شن الجيش هجومه على البلدة.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(31, "event")]
    claims = claims_of(lexicon, "وقتل 18 مدنياً في يوم يعد الأكثر دموية منذ بدأت الحملة على المدينة.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(18, "event")]


def test_a_source_s_seat_is_never_the_casualties_place(lexicon) -> None:
    claims = claims_of(lexicon, "وقال المرصد، ومقره في دمشق، إن 11 مدنيا قتلوا في قصف على دوما.")
    assert [(c["count_low"], c["location_text"]) for c in claims] == [(11, "دوما")]
    claims = claims_of(lexicon, "وقال المرصد، ومقره دمشق، إن 11 مدنيا قتلوا في القصف.")
    assert [(c["count_low"], c["location_text"]) for c in claims] == [(11, None)]


def test_a_source_s_name_ends_before_the_registering_of_cases(lexicon) -> None:
    claims = claims_of(lexicon, "وأعلنت الشبكة السورية لحقوق الإنسان توثيقها لـ12 حالة اختناق في البلدة.")
    assert [(c["outcome"], c["count_low"], c["claimed_by_text"]) for c in claims] == [
        ("injured", 12, "الشبكة السورية لحقوق الإنسان")]
    claims = claims_of(lexicon, "وأفاد المرصد السوري لحقوق الإنسان بتسجيل 35 جريحاً في القرية.")
    assert [(c["outcome"], c["count_low"], c["claimed_by_actor_id"]) for c in claims] == [("injured", 35, "sohr")]


def test_a_siege_dated_by_a_year_leaves_an_attack_an_event(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 6 مدنيين في غارة على البلدة المحاصرة منذ 2014.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(6, "event")]


def test_killed_and_injured_told_together_share_the_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل أكثر من 900 شخص وأصيب المئات منذ أن بدأت القوات هجومها على الوادي.")
    assert [(c["outcome"], c["scope"]) for c in claims] == [("killed", "cumulative"), ("injured", "cumulative")]


def test_thousands_are_a_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "وتسبب الهجوم على المدينة ومحيطها بمقتل وجرح الآلاف من السكان.")
    assert [(c["outcome"], c["count_low"], c["scope"]) for c in claims] == [
        ("killed", 2000, "cumulative"), ("injured", 2000, "cumulative")]


def test_a_speaker_described_between_commas_is_still_the_source(lexicon) -> None:
    claims = claims_of(lexicon, "وكان المرصد السوري لحقوق الإنسان، ومقره لندن، قد أعلن مقتل 14 عنصراً من قوات النظام.")
    assert [c["claimed_by_actor_id"] for c in claims] == ["sohr"]


def test_a_war_wide_total_without_its_own_source_takes_none_from_the_paragraph(lexicon) -> None:
    claims = claims_of(lexicon, ["وقال المرصد السوري لحقوق الإنسان إن القصف استهدف السوق.",
                                 "وأوقع النزاع في سوريا منذ عام 2011 أكثر من 350 ألف قتيل."])
    assert [(c["count_low"], c["claimed_by_text"]) for c in claims] == [(350000, None)]


def test_background_after_a_paragraph_break_takes_no_source(lexicon) -> None:
    claims = claims_of(lexicon, "ووثق المرصد السوري لحقوق الإنسان مقتل 12 مدنياً في القصف على دوما.",
                       "وكان هجوم مماثل قد أسفر عن مقتل 6 مدنيين أيضاً في دمشق العام الماضي.")
    assert [(c["count_low"], c["claimed_by_text"]) for c in claims] == [
        (12, "المرصد السوري لحقوق الإنسان"), (6, None)]


def test_a_source_closing_the_claims_clause_beats_one_that_credited_an_earlier_clause(lexicon) -> None:
    claims = claims_of(lexicon, "ويبدأ الفريق عمله اليوم وفقاً للمرصد السوري لحقوق الإنسان، إثر هجوم تسبب بمقتل 40 "
                                "شخصاً وفق ما أفاد مسعفون.")
    assert [c["claimed_by_text"] for c in claims] == ["مسعفون"]
    kept = claims_of(lexicon, "وأعلن جيش الإسلام أنه قتل 12 عنصراً من قوات النظام، بحسب ما أفاد ناشطون.")
    assert [c["claimed_by_actor_id"] for c in kept] == ["jaish_islam"]


def test_the_same_source_again_is_the_one_named_before(lexicon) -> None:
    claims = claims_of(lexicon, ["وقال المرصد السوري لحقوق الإنسان إن المعارك مستمرة منذ الصباح.",
                                 "وقتل 9 مقاتلين من جيش الإسلام، بحسب المصدر ذاته."])
    assert [c["claimed_by_actor_id"] for c in claims] == ["sohr"]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("وكشفت هويته لاحقاً بعد أن قتل 3 مدنيين في الهجوم.", None),          # a noun with its pronoun
        ("وقالت جمعية الهلال الأحمر إن 4 مدنيين قتلوا في القصف.", "جمعية الهلال الأحمر"),  # a name, kept
    ],
)
def test_a_clause_fragment_is_never_a_source_but_a_name_is(lexicon, sentence: str, source: str | None) -> None:
    assert [c["claimed_by_text"] for c in claims_of(lexicon, sentence)] == [source]


def test_the_latest_report_of_a_source_credits_its_author(lexicon) -> None:
    claims = claims_of(lexicon, "وتسببت الغارات بمقتل أكثر من 60 مدنياً، وفق آخر حصيلة أوردها المرصد السوري لحقوق "
                                "الإنسان.")
    assert [(c["count_low"], c["claimed_by_actor_id"]) for c in claims] == [(60, "sohr")]


def test_a_quote_after_a_verb_of_saying_is_the_speech_not_the_speaker(lexicon) -> None:
    claims = claims_of(lexicon, ["وقال المرصد السوري لحقوق الإنسان إن القصف مستمر منذ الصباح.",
                                 'وأضاف "الحصيلة حتى الآن 25 قتيلا في دوما وحدها".'])
    assert [(c["count_low"], c["claimed_by_actor_id"]) for c in claims] == [(25, "sohr")]


def test_the_outlet_a_source_spoke_to_is_not_part_of_its_name(lexicon) -> None:
    claims = claims_of(lexicon, "وقال مدير الدفاع المدني لسكاي نيوز إن 12 مدنياً قتلوا في القصف على درعا.")
    assert [(c["count_low"], c["claimed_by_text"]) for c in claims] == [(12, "مدير الدفاع المدني")]


def test_what_was_counted_ends_the_source_name_with_its_particle(lexicon) -> None:
    claims = claims_of(lexicon, "وذكرت تقديرات للأمم المتحدة لأعداد الضحايا أن 400 ألف شخص قتلوا منذ بدء الحرب.")
    assert [(c["count_low"], c["claimed_by_text"]) for c in claims] == [(400000, "تقديرات للأمم المتحدة")]


def test_a_quote_opening_after_the_name_is_the_speech(lexicon) -> None:
    claims = claims_of(lexicon, ["وأوضح مدير الدفاع المدني \"تواصل القصف على الأحياء الشرقية منذ الصباح وقتل 5 "
                                 "مدنيين في الغارة الأخيرة\"."])
    assert [(c["count_low"], c["claimed_by_text"]) for c in claims] == [(5, "مدير الدفاع المدني")]


@pytest.mark.parametrize("sentence", [
    "وأعلنت جيش الإسلام الشهر الماضي مقتل ثلاثة من مقاتليه في دوما.",
    "وقال جيش الإسلام ومقره دوما إن ثلاثة من مقاتليه قتلوا.",
    "وكان الهجوم على دوما بحسب جيش الإسلام قد أدى إلى مقتل ثلاثة من مقاتليه.",
    "وقال جيش الإسلام أيضا إن ثلاثة من مقاتليه قتلوا.",
    "وقال جيش الإسلام وهو فصيل معارض إن ثلاثة من مقاتليه قتلوا.",
    "وقال جيش الإسلام بقيادة قائده الجديد إن ثلاثة من مقاتليه قتلوا.",
])
def test_a_time_word_or_a_description_after_the_name_is_not_part_of_it(lexicon, sentence: str) -> None:
    assert [c["claimed_by_text"] for c in claims_of(lexicon, sentence)] == ["جيش الإسلام"]


def test_a_participle_after_the_verb_of_saying_is_no_source(lexicon) -> None:
    claims = claims_of(lexicon, ["وقال المرصد السوري لحقوق الإنسان إن الغارات تواصلت.",
                                 "وأضاف موضحا: \"قتل 17 مدنياً في الغارة الأخيرة\"."])
    assert [(c["count_low"], c["claimed_by_actor_id"]) for c in claims] == [(17, "sohr")]


def test_an_outlet_noun_is_named_by_the_name_in_brackets_after_it(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل شخص في دمشق بقذائف هاون، حسب ما نقلت وكالة (سكاي نيوز).")
    assert [(c["count_low"], c["claimed_by_actor_id"], c["claimed_by_text"]) for c in claims] == [
        (1, "sky_news", "سكاي نيوز")]


def test_an_adjective_of_belonging_is_no_verb_of_saying(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل ثلاثة عناصر في غارة على موقع تابع لجيش الإسلام قرب دوما.")
    assert [(c["count_low"], c["claimed_by_text"]) for c in claims] == [(3, None)]
