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
        "ومنذ 12 آذار الماضي شنت القوات حملة قصف على البلدات الشرقية أسفرت عن مقتل أكثر من 300 مدني.",
        "ووثقت الشبكة منذ مطلع الشهر مقتل 45 عنصراً من الفصائل في ريف حماة.",
        "وقتل 22 مدنياً على الأقل منذ يوم الأربعاء في المدينة، بحسب الدفاع المدني.",
        "وأسفر القصف الذي بدأته القوات منذ أن دخلت المنطقة عن مقتل 80 شخصاً.",
        "ووثق المرصد في العدد الإجمالي مقتل 320 شخصا في المحافظة.",
        "ووثقت الشبكة مقتل 640 مدنياً في المنطقة خلال 8 أشهر من القصف.",
        "وقتل 75 عنصراً من الفصيل على مدى ثلاث سنوات من المعارك.",
    ],
)
def test_a_toll_since_a_date_is_cumulative(lexicon, sentence: str) -> None:
    assert [c["scope"] for c in claims_of(lexicon, sentence)] == ["cumulative"]


def test_a_weekday_before_the_toll_dates_the_attack_not_a_running_total(lexicon) -> None:
    claims = claims_of(lexicon, "وأدى سقوط عشرات القذائف على القرية منذ الأحد إلى مقتل خمسة أشخاص، حسب ناشطين.")
    assert [(c["count_low"], c["scope"]) for c in claims] == [(5, "event")]


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
