"""Grouping event claims into incidents, breakdowns and revisions: the pure rules, on hand-made claims."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.incidents.cluster import EventClaim, Place, Profile, assign_incidents, place_relation
from pipelines.lib.incidents.roles import Member, breakdown_totals, load_incident_words, revisions

ROOT = Path(__file__).resolve().parents[2]
TOWN = Place("sy:saraqib", "إدلب", 1, False)
OTHER_TOWN = Place("sy:maarrat", "إدلب", 1, False)
GOVERNORATE = Place("gov:idlib", "إدلب", 3, True)
CAPITAL = Place("sy:idlib", "إدلب", 1, True)       # the governorate's capital shares its name
COUNTRY = Place("country:sy", None, 4, True)
D = date(2018, 3, 9)


def _claim(claim_id, doc, published, place=TOWN, cause="airstrike", low=D, high=D, basis="relative",
           perpetrator=None, refers_back=False):
    return EventClaim(claim_id, doc, published, place, cause, perpetrator, low, high, basis, refers_back)


def test_three_outlets_on_one_attack_make_one_incident():
    claims = [_claim("a1", "a", date(2018, 3, 10)), _claim("b1", "b", date(2018, 3, 10), cause="unknown"),
              _claim("c1", "c", date(2018, 3, 11), place=GOVERNORATE, low=date(2018, 3, 8), high=D, basis="article")]
    assert set(assign_incidents(claims, []).values()) == {"a1"}


def test_another_town_or_another_day_is_another_incident():
    claims = [_claim("a1", "a", date(2018, 3, 10)),
              _claim("b1", "b", date(2018, 3, 10), place=OTHER_TOWN),
              _claim("c1", "c", date(2018, 3, 16), low=date(2018, 3, 15), high=date(2018, 3, 15))]
    assert assign_incidents(claims, []) == {"a1": "a1", "b1": "b1", "c1": "c1"}


def test_places_nest_through_the_governorate_and_its_capital():
    assert place_relation(TOWN, GOVERNORATE) == "nested"
    assert place_relation(TOWN, CAPITAL) == "nested"
    assert place_relation(TOWN, OTHER_TOWN) == "different"
    assert place_relation(TOWN, COUNTRY) == "vague"


def test_a_background_attack_of_an_earlier_year_never_joins_the_articles_event():
    published = date(2018, 4, 10)
    claims = [_claim("today", "a", published, low=date(2018, 4, 9), high=date(2018, 4, 9)),
              _claim("last_year", "a", published, cause="chemical", low=date(2017, 1, 1), high=date(2017, 12, 31)),
              _claim("recalled", "b", date(2018, 5, 2), cause="chemical", low=date(2017, 4, 4), high=date(2017, 4, 4),
                     basis="explicit")]
    placed = assign_incidents(claims, [])
    assert placed["today"] != placed["last_year"]
    assert placed["recalled"] == placed["last_year"]      # the same old attack, told by another article


def test_a_country_wide_report_never_joins_a_towns_incident_of_another_article():
    town = _claim("a1", "a", date(2018, 3, 10))
    country = _claim("b1", "b", date(2018, 3, 10), place=COUNTRY)
    same_country = _claim("c1", "c", date(2018, 3, 11), place=COUNTRY)
    assert assign_incidents([town, country, same_country], []) == {"a1": "a1", "b1": "b1", "c1": "b1"}
    # inside one article it is the event it is told with
    told_with = _claim("a2", "a", date(2018, 3, 10), place=COUNTRY, cause="unknown")
    assert assign_incidents([town, told_with], []) == {"a1": "a1", "a2": "a1"}


def test_an_undated_recall_at_the_same_place_joins_an_attack_weeks_old():
    claims = [_claim("a1", "a", date(2018, 4, 8), cause="chemical", low=date(2018, 4, 7), high=date(2018, 4, 7)),
              _claim("b1", "b", date(2018, 4, 28), cause="unknown", low=date(2018, 4, 25), high=date(2018, 4, 28),
                     basis="article", refers_back=True),
              _claim("c1", "c", date(2018, 4, 28), cause="unknown", place=OTHER_TOWN, low=date(2018, 4, 25),
                     high=date(2018, 4, 28), basis="article", refers_back=True)]
    placed = assign_incidents(claims, [])
    assert placed["b1"] == "a1" and placed["c1"] == "c1"


def test_an_undated_figure_at_the_town_of_a_recent_rare_attack_joins_it():
    # a chemical attack is the news of its town for weeks: a later undated figure there, with no cause of its
    # own and no "the attack", is that attack's; after an air strike it is not, nor three weeks later
    chemical = _claim("a1", "a", date(2018, 6, 3), cause="chemical", low=date(2018, 6, 2), high=date(2018, 6, 2))
    strike = _claim("s1", "s", date(2018, 6, 3), place=OTHER_TOWN, low=date(2018, 6, 2), high=date(2018, 6, 2))

    def undated(claim_id, published, place=TOWN):
        return _claim(claim_id, claim_id, published, place=place, cause="unknown", low=published - timedelta(days=3),
                      high=published, basis="article")

    claims = [chemical, strike, undated("b1", date(2018, 6, 9)), undated("c1", date(2018, 6, 9), OTHER_TOWN),
              undated("d1", date(2018, 6, 22))]
    placed = assign_incidents(claims, [], frozenset({"chemical"}))
    assert placed["b1"] == "a1"
    assert placed["c1"] == "c1" and placed["d1"] == "d1"
    assert assign_incidents(claims[:3], [])["b1"] == "b1"      # without the cause being rare, the act stays open


def test_another_act_at_the_same_town_two_days_later_is_another_incident():
    # a Monday air strike (told as a shelling by Tuesday's article); Thursday's article tells a shelling "on Wednesday"
    strike = _claim("a1", "a", date(2018, 5, 7), cause="airstrike", perpetrator="air_force",
                    low=date(2018, 5, 7), high=date(2018, 5, 7))
    shelling = _claim("b1", "b", date(2018, 5, 10), cause="shelling", perpetrator="air_force",
                      low=date(2018, 5, 9), high=date(2018, 5, 9))
    same_day = _claim("c1", "c", date(2018, 5, 8), cause="shelling", low=date(2018, 5, 7), high=date(2018, 5, 7))
    placed = assign_incidents([strike, same_day, shelling], [])
    assert placed["b1"] == "b1"
    assert placed["c1"] == "a1"     # the very day and town: the sources name the weapon differently


def test_an_undated_country_wide_figure_is_not_part_of_an_attack_recalled_from_last_year():
    published = date(2019, 3, 10)
    window = {"low": date(2019, 3, 7), "high": published, "basis": "article"}
    claims = [_claim("news", "a", published, place=COUNTRY, cause="chemical", **window),
              _claim("recalled", "a", published, cause="chemical", low=date(2018, 4, 4), high=date(2018, 4, 4),
                     basis="explicit"),
              _claim("same_town", "a", published, cause="unknown", **window),
              _claim("no_place", "a", published, place=Place(None, None, None, False), cause="unknown", **window)]
    placed = assign_incidents(claims, [])
    assert placed["news"] == "news"
    assert placed["same_town"] == placed["no_place"] == "recalled"


def test_a_year_wide_date_at_a_nesting_place_needs_the_same_act():
    year = {"low": date(2014, 1, 1), "high": date(2014, 12, 31), "basis": "explicit"}
    day = {"low": date(2014, 9, 2), "high": date(2014, 9, 2), "basis": "explicit"}
    claims = [_claim("that_year", "a", date(2016, 1, 5), place=GOVERNORATE, cause="chemical", **year),
              _claim("other_act", "b", date(2016, 2, 1), cause="unknown", perpetrator="foreign_air_force", **day),
              _claim("same_act", "c", date(2016, 2, 2), cause="chemical", **day)]
    placed = assign_incidents(claims, [])
    assert placed["other_act"] == "other_act"
    assert placed["same_act"] == "that_year"


def test_an_undated_figure_for_a_whole_region_does_not_recall_an_earlier_strike_there():
    region = Place("sy:ghab_plain", "حماة", 2, True)
    earlier = {"cause": "airstrike", "low": date(2018, 3, 5), "high": date(2018, 3, 5)}
    undated = {"cause": "airstrike", "low": date(2018, 3, 11), "high": date(2018, 3, 14), "basis": "article"}
    claims = [_claim("r1", "r", date(2018, 3, 6), place=region, **earlier),
              _claim("t1", "t", date(2018, 3, 6), **earlier),
              _claim("r2", "r2", date(2018, 3, 14), place=region, **undated),
              _claim("t2", "t2", date(2018, 3, 14), **undated)]
    placed = assign_incidents(claims, [])
    assert placed["r2"] == "r2"          # a region is struck many times in nine days
    assert placed["t2"] == "t1"          # the same town and the same act: the strike recalled


def test_a_new_article_joins_a_stored_incident_without_reclustering():
    stored = Profile("inc:a1", TOWN, D, D, "relative")
    stored.causes["airstrike"] += 1
    stored.absorb_counts()
    placed = assign_incidents([_claim("z9", "z", date(2018, 3, 11))], [stored])
    assert placed == {"z9": "inc:a1"}


@pytest.fixture(scope="module")
def roles():
    return load_incident_words(ROOT / "seeds" / "reference" / "incident_words.yaml")


def test_breakdowns_and_revisions_are_read_around_the_phrase(roles):
    sentence = normalize("قتل 30 شخصاً بينهم 11 طفلاً وثماني نساء في القصف.")
    assert roles.is_breakdown(sentence, sentence.index("11"))
    assert roles.is_breakdown(sentence, sentence.index("ثماني"))
    assert not roles.is_breakdown(sentence, sentence.index("30"))
    rise = normalize("وارتفع عدد قتلى الغارة على السوق إلى تسعة مدنيين.")
    assert roles.is_revision(rise, rise.index("تسعه"))
    assert not roles.is_revision(normalize("قتل سبعة مدنيين في الغارة."), 4)
    assert "chemical" in roles.distinctive_causes


def test_a_breakdown_sits_inside_its_total():
    claims = [("t", 1, "killed", 30, False), ("k", 1, "killed", 11, True), ("w", 1, "killed", 8, True),
              ("i", 2, "injured", 5, False)]
    assert breakdown_totals(claims) == {"k": "t", "w": "t"}


def test_a_revision_chain_links_each_figure_to_the_one_it_replaces():
    members = [Member("m1", "a", "killed", "civilians", 7, True, False, False),
               Member("m2", "b", "killed", "unknown", 7, True, False, False),
               Member("m3", "c", "killed", "civilians", 9, True, False, True),
               Member("m4", "d", "killed", "civilians", 12, True, False, True),
               Member("m5", "d", "injured", "civilians", 20, True, False, True)]
    assert revisions(members) == {"m3": "m2", "m4": "m3"}
