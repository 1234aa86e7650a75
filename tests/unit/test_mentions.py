"""Actor and location mentions: clitics, longest match, conditions, detected persons and places, offsets."""

import hashlib

import polars as pl
import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.extract.mentions import combine_results, find_mentions, load_reference
from tests.conftest import REFERENCE

TITLE = "عنوان الخبر"


@pytest.fixture(scope="module")
def ref():
    return load_reference(REFERENCE)


def sentences(*docs: tuple[str, list[str]]) -> tuple[pl.DataFrame, dict[str, str]]:
    """Sentence rows for documents given as (doc_id, [sentence, ...]); each document starts with a title
    line so sentence offsets are not zero. Returns the frame and each document's text."""
    rows, texts = [], {}
    for doc_id, sents in docs:
        text = TITLE
        for n, sent in enumerate(sents, 1):
            text += "\n\n"
            rows.append((doc_id, n, n, len(text), len(text) + len(sent), sent))
            text += sent
        texts[doc_id] = text
    frame = pl.DataFrame(rows, schema=["doc_id", "sentence_no", "paragraph_no", "char_start", "char_end", "text"],
                         orient="row")
    return frame, texts


def run(ref, *sents: str, doc_id: str = "d1"):
    frame, texts = sentences((doc_id, list(sents)))
    result = find_mentions(frame, ref)
    for mentions in (result.actor_mentions, result.location_mentions):
        for row in mentions.iter_rows(named=True):
            assert texts[row["doc_id"]][row["char_start"]:row["char_end"]] == row["surface"]
    return result


def pairs(frame: pl.DataFrame, id_col: str) -> list[tuple[str, str]]:
    return list(zip(frame[id_col], frame["surface"], strict=True))


def test_proclitics_are_outside_the_surface(ref):
    result = run(ref, "قصفت قوات النظام بلدة سقبا بريف دمشق وحرستا، ونُسب القصف لقوات النظام.")
    assert pairs(result.location_mentions, "location_id") == [
        ("sy:saqba", "سقبا"), ("gov:rif_dimashq", "ريف دمشق"), ("sy:harasta", "حرستا"),
    ]
    assert pairs(result.actor_mentions, "actor_id") == [("sy_gov_forces", "قوات النظام")] * 2
    sentence_start = len(TITLE) + 2
    assert result.actor_mentions["char_start"].to_list() == [sentence_start + 5, sentence_start + 58]
    assert result.location_mentions["char_start"][1] == sentence_start + 28


def test_longest_match_wins(ref):
    result = run(ref, "وقال المرصد السوري لحقوق الإنسان إن الغارات طالت ريف دمشق.")
    assert pairs(result.actor_mentions, "actor_id") == [("sohr", "المرصد السوري لحقوق الإنسان")]
    assert pairs(result.location_mentions, "location_id") == [("gov:rif_dimashq", "ريف دمشق")]


def test_lam_before_the_article(ref):
    result = run(ref, "وجه المرصد انتقادا للنظام السوري.")
    assert ("sy_gov", "لنظام السوري") in pairs(result.actor_mentions, "actor_id")


def test_countryside_keeps_its_direction(ref):
    result = run(ref, "اشتباكات في ريف حماة الشمالي الغربي.")
    assert pairs(result.location_mentions, "location_id") == [("rif:hama", "ريف حماة الشمالي الغربي")]


def test_person_detected_from_a_role(ref):
    result = run(ref, "وقال الناطق باسم جيش الإسلام سامر الحوراني إن الهجوم فشل.")
    person = "person:" + hashlib.sha1(normalize("سامر الحوراني").encode()).hexdigest()[:12]
    assert pairs(result.actor_mentions, "actor_id") == [("jaysh_al_islam", "جيش الإسلام"), (person, "سامر الحوراني")]
    row = result.actors.filter(pl.col("actor_id") == person).row(0, named=True)
    assert row == {"actor_id": person, "name_ar": "سامر الحوراني", "name_en": None, "actor_type": "person",
                   "side": "opposition", "parent_id": "jaysh_al_islam", "source": "detected"}


def test_person_named_before_the_role(ref):
    result = run(ref, "وقال خلدون النعيمي، المتحدث باسم فصائل المعارضة، إن الهدنة انهارت.")
    assert ("خلدون النعيمي" in result.actor_mentions["surface"].to_list())


def test_no_person_from_a_description(ref):
    result = run(ref, "وقال مسؤول أمريكي كبير إن الضربات مستمرة، "
                      "وقال المتحدث باسم البنتاغون في رسالة مسجلة إن ذلك صحيح.")
    assert not result.actor_mentions["actor_id"].str.starts_with("person:").any()


def test_place_detected_from_a_place_word_with_its_governorate(ref):
    result = run(ref, "استهدفت الطائرات بلدة الكفيرات بريف حماة.")
    places = result.location_mentions.filter(pl.col("location_id").str.starts_with("place:"))
    assert places["surface"].to_list() == ["الكفيرات"]
    row = result.locations.filter(pl.col("location_id") == places["location_id"][0]).row(0, named=True)
    assert (row["kind"], row["admin1_ar"], row["geo_precision"], row["source"]) == ("town", "حماة", 3, "detected")
    hama = result.locations.filter(pl.col("location_id") == "gov:hama").row(0, named=True)
    assert (row["lat"], row["lon"]) == (hama["lat"], hama["lon"])


def test_place_word_part_of_the_name_and_dual_lists(ref):
    result = run(ref, "سيطرت الفصائل على سد برادون وبلدتي الزيادية والصراريف وإحكام السيطرة عليها.")
    surfaces = result.location_mentions["surface"].to_list()
    assert surfaces == ["سد برادون", "الزيادية", "الصراريف"]
    kinds = dict(zip(result.locations["name_ar"], result.locations["kind"], strict=False))
    assert kinds["سد برادون"] == "dam" and kinds["الزيادية"] == "town"


def test_unknown_place_has_no_coordinates(ref):
    result = run(ref, "اندلعت اشتباكات في قرية الحويز.")
    loc_id = result.location_mentions["location_id"][0]
    row = result.locations.filter(pl.col("location_id") == loc_id).row(0, named=True)
    assert (row["lat"], row["lon"], row["geo_precision"]) == (None, None, None)


def test_short_forms_need_the_party_named_in_the_document(ref):
    alone = run(ref, "وقال التنظيم إن مقاتليه صدوا الهجوم.")
    assert alone.actor_mentions.height == 0
    named = run(ref, "هاجم تنظيم داعش البلدة.", "وقال التنظيم إن مقاتليه صدوا الهجوم.")
    assert pairs(named.actor_mentions, "actor_id") == [("isis", "تنظيم داعش"), ("isis", "التنظيم")]


def test_ambiguous_place_names_need_a_cue(ref):
    assert run(ref, "فتح الباب أمام المفاوضات.").location_mentions.height == 0
    cued = run(ref, "تقدمت القوات نحو مدينة الباب.")
    assert pairs(cued.location_mentions, "location_id") == [("sy:al_bab", "الباب")]


def test_a_state_is_a_party_or_a_place_by_context(ref):
    said = run(ref, "قالت روسيا إن الهدنة صامدة.")
    assert pairs(said.actor_mentions, "actor_id") == [("russia", "روسيا")]
    assert said.location_mentions.height == 0
    there = run(ref, "عقد الاجتماع في روسيا ثم في تركيا والعراق.")
    assert pairs(there.location_mentions, "location_id") == [
        ("country:ru", "روسيا"), ("country:tr", "تركيا"), ("country:iq", "العراق"),
    ]
    assert there.actor_mentions.height == 0


def test_tanween_marks_a_word_not_a_place(ref):
    assert run(ref, "الشعوب تنتصر ودوماً على الطغاة.").location_mentions.height == 0


def test_ids_are_deterministic_and_batches_agree(ref):
    frame, _ = sentences(("a", ["استهدفت الطائرات بلدة الكفيرات بريف حماة."]),
                         ("b", ["وقال الناطق باسم جيش الإسلام سامر الحوراني إن الهجوم فشل."]))
    together = find_mentions(frame, ref)
    alone_a = find_mentions(frame.filter(pl.col("doc_id") == "a"), ref)
    assert together.location_mentions.filter(pl.col("doc_id") == "a").equals(alone_a.location_mentions)
    assert find_mentions(frame, ref).actor_mentions.equals(together.actor_mentions)


def test_parts_of_a_batch_combine_into_the_batch_result(ref):
    # The same person in documents "a" and "c", written differently: the batch keeps its first detection.
    frame, _ = sentences(("a", ["وقال الناطق باسم جيش الإسلام سامر الحوراني إن الهجوم فشل."]),
                         ("b", ["استهدفت الطائرات بلدة الكفيرات بريف حماة."]),
                         ("c", ["وقال الناطق باسم جيش الإسلام سامِر الحوراني إن الهجوم فشل.",
                                "استهدفت الطائرات بلدة الكفيرات بريف حماة."]))
    whole = find_mentions(frame, ref)
    parts = [find_mentions(frame.filter(pl.col("doc_id").is_in(docs)), ref) for docs in (["a"], ["b", "c"])]
    combined = combine_results(parts)
    for name in ("actors", "locations", "actor_mentions", "location_mentions"):
        assert getattr(combined, name).equals(getattr(whole, name)), name
    assert combined.actors.filter(pl.col("source") == "detected")["name_ar"].to_list() == ["سامر الحوراني"]
    assert combine_results(parts[:1]) is parts[0]


def test_outputs_carry_the_whole_dictionary_and_gazetteer(ref):
    result = run(ref, "لا شيء هنا.")
    assert result.actor_mentions.columns == ["doc_id", "sentence_no", "actor_id", "surface", "char_start", "char_end"]
    assert result.location_mentions.height == 0
    assert result.actors.height == ref.actors.height
    assert result.locations.height == ref.locations.height
    assert set(result.actors["source"]) == {"dictionary"}


def test_a_place_after_a_word_of_allegiance_is_a_party(ref):
    result = run(ref, "وقتل خمسة مقاتلين موالين لدمشق في ريف حلب، وقصفت الفصائل المدعومة من أنقرة مدينة منبج.")
    places = [surface for _, surface in pairs(result.location_mentions, "location_id")]
    assert "دمشق" not in places and "أنقرة" not in places
    assert {"ريف حلب", "منبج"} <= set(places)


def test_a_country_name_spelled_as_the_victims_nisba_adjective_is_no_place(ref):
    result = run(ref, "وقتل 12 جنديا سوريا و15 عسكريا روسيا في الهجوم، وعاد الوفد إلى روسيا.")
    assert pairs(result.location_mentions, "location_id") == [("country:ru", "روسيا")]


def test_syria_spelled_as_the_feminine_adjective_is_a_place_only_after_a_cue(ref):
    # "سورية" is also "Syrian" (feminine): after a noun it describes it; after a cue word it is the country.
    adjectives = run(ref, "وقصفت طائرات حربية سورية وروسية مواقع للفصائل، بحسب وسائل إعلام سورية.")
    assert adjectives.location_mentions.height == 0
    places = run(ref, "وتنتشر قوات أجنبية في سورية والعراق، وفي شمال سورية خصوصا.")
    assert pairs(places.location_mentions, "location_id") == [
        ("country:sy", "سورية"), ("country:iq", "العراق"), ("country:sy", "سورية"),
    ]
    assert places.actor_mentions.height == 0
    assert pairs(run(ref, "وعاد اللاجئون إلى سوريا.").location_mentions, "location_id") == [("country:sy", "سوريا")]
