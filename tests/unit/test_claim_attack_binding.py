"""Perpetrator and place bound to the claim's own attack, in invented sentences of the kinds news reports use."""

import pytest

from pipelines.lib.reference.claim_lexicon import ClaimLexicon, load_claim_lexicon
from tests.unit.test_claims import ROOT, claims_of


@pytest.fixture(scope="module")
def lexicon() -> ClaimLexicon:
    return load_claim_lexicon(ROOT / "seeds" / "reference" / "claim_lexicon.yaml")


def facts(claims: list[dict], *keys: str) -> list[tuple]:
    return [tuple(c[k] for k in keys) for c in claims]


def test_the_attack_before_a_result_verb_gives_author_and_target(lexicon) -> None:
    claims = claims_of(lexicon, "وبدأت قوات النظام حملة قصف عنيف على الغوطة الشرقية، معقل الفصائل في ريف دمشق "
                                "المحاذي لدمشق، ما أسفر عن مقتل 30 مدنياً.")
    assert facts(claims, "count_low", "location_id", "perpetrator_actor_id") == [(30, "ghouta", "regime")]


def test_the_attack_given_as_cause_after_the_claim_gives_its_target(lexicon) -> None:
    claims = claims_of(lexicon, "وأفاد ناشطون في دوما بمقتل امرأة جراء قصف مدفعي استهدف بلدة الشيفونية.")
    assert facts(claims, "count_low", "location_id") == [(1, "shifuniyah")]


def test_an_adjective_names_the_author_of_an_attack_far_before_its_result(lexicon) -> None:
    claims = claims_of(lexicon, "وقالت مصادر إن الغارات الروسية على ريف حلب التي وقعت فجر الخميس واستهدفت مواقع "
                                "عدة في المنطقة، أسفرت عن مقتل 11 مدنياً.")
    assert facts(claims, "count_low", "perpetrator_actor_id", "perpetrator_text") == [
        (11, "russia", "الغارات الروسية")]


def test_a_place_told_of_part_of_the_victims_is_not_the_place_of_the_whole(lexicon) -> None:
    claims = claims_of(lexicon, "وشن التنظيم هجوماً واسعاً على الغوطة الشرقية.",
                       "وأسفر الهجوم عن مقتل 50 شخصاً بينهم 20 مدنياً قضى عشرة منهم في دوما.")
    assert facts([c for c in claims if c["count_low"] == 50], "location_id") == [("ghouta",)]


def test_a_place_that_only_situates_another_does_not_replace_it(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 6 مدنيين اليوم في الغوطة الشرقية شرق دمشق.")
    assert facts(claims, "count_low", "location_id") == [(6, "ghouta")]


def test_the_dead_of_two_warring_parties_fell_to_each_other(lexicon) -> None:
    claims = claims_of(lexicon, "وأسفرت الاشتباكات عن مقتل 9 عناصر من قوات النظام و6 مقاتلين من جيش الإسلام.")
    assert facts(claims, "count_low", "victim_actor_id", "perpetrator_actor_id") == [
        (9, "regime", "jaish_islam"), (6, "jaish_islam", "regime")]


def test_a_speaker_saying_his_side_killed_names_the_killer(lexicon) -> None:
    claims = claims_of(lexicon, "وقال متحدث باسم جيش الإسلام إنه قتل اثنين من أفراد الخلية في المداهمة.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(2, "jaish_islam")]


def test_a_headline_toll_takes_the_attacker_the_next_paragraph_tells(lexicon) -> None:
    claims = claims_of(lexicon, "مقتل 12 مدنياً في ريف حلب", "وقصفت قوات النظام قرية قصر البريج صباح اليوم بالمدفعية.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(12, "regime")]


def test_an_attack_referred_back_to_takes_the_author_named_by_adjective_before(lexicon) -> None:
    claims = claims_of(lexicon, ["وشنت الطائرات الروسية غارات على دوما فجر اليوم.", "وأسفرت الغارات عن مقتل 7 مدنيين."])
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(7, "russia")]


def test_the_party_blamed_for_an_attack_is_its_author(lexicon) -> None:
    claims = claims_of(lexicon, "وألقت دمشق باللوم على جيش الإسلام في هجوم أسفر عن مقتل 5 مدنيين.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(5, "jaish_islam")]


def test_an_actor_after_a_word_of_allegiance_then_a_new_clause_is_not_the_attacker(lexicon) -> None:
    claims = claims_of(lexicon, "وذكرت وسائل إعلام موالية لقوات النظام أن الصواريخ تم اعتراضها ما أدى إلى "
                                "إصابة 3 أشخاص.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(3, None)]


@pytest.mark.parametrize(
    ("sentence", "groups"),
    [
        ("ما أسفر عن مقتل 16 مدنياً وإصابة 30 آخرين.", [("civilians", None), ("civilians", None)]),
        ("وقتل 4 عناصر من قوات النظام وأصيب ثلاثة آخرون.", [("combatants", "regime"), ("combatants", "regime")]),
    ],
)
def test_others_are_of_the_kind_counted_before_them(lexicon, sentence: str, groups: list[tuple]) -> None:
    assert facts(claims_of(lexicon, sentence), "victim_group", "victim_actor_id") == groups


def test_an_attack_in_construct_with_a_definite_noun_names_its_author_by_adjective(lexicon) -> None:
    claims = claims_of(lexicon, "وقال ناشطون إن وصول صواريخ العدوان الإسرائيلي تسبب في إصابة 4 أشخاص.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(4, "israel")]


def test_a_party_an_indefinite_attack_is_aimed_at_is_not_its_author(lexicon) -> None:
    claims = claims_of(lexicon, ["وهددت واشنطن بتوجيه ضربة عسكرية لقوات النظام.",
                                 "وأسفرت الضربة التي استهدفت المطار فجراً عن مقتل 7 عسكريين."])
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(7, None)]
    owned = claims_of(lexicon, ["ويعاني السكان من القصف المكثف لقوات النظام.", "وأدى القصف إلى مقتل 9 مدنيين."])
    assert facts(owned, "count_low", "perpetrator_actor_id") == [(9, "regime")]


def test_a_weapon_only_one_party_used_names_its_user(lexicon) -> None:
    # Barrel bombs fell from the government's helicopters: the weapon tells who attacked when no name does.
    claims = claims_of(lexicon, "وقضى سبعة أشخاص ليل الخميس في قصف جديد بالبراميل المتفجرة على أطراف دوما.")
    assert facts(claims, "count_low", "perpetrator_actor_id", "perpetrator_text") == [
        (7, "sy_gov_forces", "البراميل المتفجرة")]


def test_a_weapon_far_from_the_claim_names_no_one(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل ثلاثة مدنيين في ريف حلب، وتحدث سكان المدينة عن مخاوفهم المتزايدة من عودة الحملة "
                                "التي شهدت في السنوات الماضية استخدام البراميل المتفجرة.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(3, None)]


def test_an_attack_ascribed_to_a_party_after_ila_is_its_authors(lexicon) -> None:
    claims = claims_of(lexicon, ["وضربت غارة جوية مستودعاً للحبوب قرب دوما فجر الجمعة، "
                                 "ونسبتها مصادر محلية وناشطون إلى قوات النظام.",
                                 "وأسفرت الغارة عن مقتل أربعة عمال."])
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(4, "regime")]


def test_the_ascriber_is_not_the_author(lexicon) -> None:
    claims = claims_of(lexicon, ["واستهدف قصف مدفعي أطراف دوما صباح السبت، وأشارت أصابع الاتهام إلى جيش الإسلام "
                                 "في بيان لقوات النظام.", "وأسفر القصف عن مقتل خمسة مدنيين."])
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(5, "jaish_islam")]


def test_the_party_an_attack_was_fired_from_is_its_author(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل خمسة مدنيين بقذائف أطلقت من مناطق جيش الإسلام على أحياء دمشق.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(5, "jaish_islam")]


def test_a_party_after_a_target_word_is_still_the_target(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل ثلاثة مقاتلين في قصف استهدف مواقع جيش الإسلام قرب دوما.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(3, None)]


def test_a_claim_of_responsibility_told_after_the_toll_names_the_attacker(lexicon) -> None:
    claims = claims_of(lexicon, ["وأسفر انفجار سيارة مفخخة في سوق دوما عن مقتل سبعة مدنيين.",
                                 "وبعد ساعات أعلن جيش الإسلام المسؤولية عن التفجير."])
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(7, "jaish_islam")]


def test_a_party_said_to_stand_behind_the_attack_is_its_author(lexicon) -> None:
    claims = claims_of(lexicon, "وجرح 12 شخصاً في انفجارات هزت مستودعاً قرب درعا.",
                       "ولم تعلن أي جهة مسؤوليتها، لكن مصادر محلية أكدت وقوف حزب الله وراء الهجوم.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(12, "hezbollah")]


def test_a_denial_of_responsibility_names_no_attacker(lexicon) -> None:
    claims = claims_of(lexicon, ["وأسفر انفجار سيارة مفخخة في سوق دوما عن مقتل سبعة مدنيين.",
                                 "ونفى جيش الإسلام مسؤوليته عن التفجير."])
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(7, None)]


def test_tolls_told_paragraph_by_paragraph_keep_the_attack_told_before_them(lexicon) -> None:
    claims = claims_of(lexicon, "وألقت مروحيات قوات النظام صباح الأحد براميل محملة بغاز الكلور على دوما.",
                       "وقال مسعفون إن 40 شخصاً أصيبوا بحالات اختناق.",
                       "وأضافوا أن ستة أشخاص قتلوا اختناقاً بالغاز.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(40, "regime"), (6, "regime")]


def test_a_speaker_whose_clause_goes_on_to_kill_names_the_killer(lexicon) -> None:
    claims = claims_of(lexicon, "وقال جيش الإسلام إنه تصدى لتقدم قوات النظام على أطراف دوما، وقتل 15 من عناصرها.")
    assert facts(claims, "count_low", "victim_group", "perpetrator_actor_id") == [(15, "combatants", "jaish_islam")]



def test_a_speaker_named_in_the_sentence_before_goes_on_to_kill(lexicon) -> None:
    claims = claims_of(lexicon, ["وقال جيش الإسلام إن مقاتليه تقدموا في دوما.",
                                 "وأضاف أنه حقق هذا التقدم بعد معارك قتل خلالها عددا من عناصر قوات النظام."])
    assert facts(claims, "victim_group", "perpetrator_actor_id", "claimed_by_actor_id") == [
        ("combatants", "jaish_islam", "jaish_islam")]


def test_a_toll_of_a_new_attack_in_the_next_paragraph_keeps_no_attacker(lexicon) -> None:
    claims = claims_of(lexicon, "وشنت طائرات قوات النظام غارات على دوما صباح اليوم.",
                       "وجاء ذلك غداة مقتل 8 مدنيين في غارة على حرستا لم يعرف مصدرها.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(8, None)]


def test_fighters_killed_in_their_own_failed_attack_fell_to_the_ones_they_attacked(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 30 مقاتلاً في هجوم فاشل على مواقع جيش الإسلام قرب دوما.")
    assert facts(claims, "count_low", "victim_group", "perpetrator_actor_id") == [(30, "combatants", "jaish_islam")]


def test_civilians_killed_in_an_attack_on_a_party_did_not_fall_to_it(lexicon) -> None:
    claims = claims_of(lexicon, "وقتل 4 مدنيين في هجوم فاشل على مواقع جيش الإسلام قرب دوما.")
    assert facts(claims, "count_low", "perpetrator_actor_id") == [(4, None)]
