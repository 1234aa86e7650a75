"""Event dates from an article's date and the time words of a claim's sentence (invented sentences)."""

from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.incidents.event_dates import event_date, refers_back
from pipelines.lib.incidents.time_words import TimeWords, load_time_words
from pipelines.lib.reference.errors import ReferenceDataError

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = date(2018, 6, 9)   # a Saturday


@pytest.fixture(scope="module")
def words() -> TimeWords:
    return load_time_words(ROOT / "seeds" / "reference" / "time_words.yaml")


def _date(words: TimeWords, sentence: str, published: date | None = PUBLISHED, phrase: str = "قتل"):
    norm = normalize(sentence)
    at = norm.index(normalize(phrase))
    d = event_date(norm, at, published, words, at + len(normalize(phrase)))
    return d.low, d.high, d.basis


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قتل خمسة مدنيين أمس في قصف على البلدة.", (date(2018, 6, 8), date(2018, 6, 8), "relative")),
        ("وقتل ثلاثة أشخاص في غارة الليلة الماضية.", (date(2018, 6, 8), date(2018, 6, 9), "relative")),
        ("قتل أربعة عناصر يوم الثلاثاء في كمين.", (date(2018, 6, 5), date(2018, 6, 5), "relative")),
        ("وقتل الخميس 4 يونيو/حزيران 2015 ستة مدنيين.", (date(2015, 6, 4), date(2015, 6, 4), "explicit")),
        ("وفي التاسع من أيار قتل سبعة جنود.", (date(2018, 5, 9), date(2018, 5, 9), "explicit")),
        ("وكان الهجوم على القرية العام الماضي قد قتل 20 شخصاً.", (date(2017, 1, 1), date(2017, 12, 31), "relative")),
        ("وأدى القصف الكيماوي عام 2013 إلى مقتل المئات.", (date(2013, 1, 1), date(2013, 12, 31), "explicit")),
        ("قتل في أبريل/نيسان الماضي عشرة أشخاص.", (date(2018, 4, 1), date(2018, 4, 30), "explicit")),
        ("قتل سبعة مدنيين في غارة على السوق.", (date(2018, 6, 6), date(2018, 6, 9), "article")),
    ],
)
def test_time_words_date_the_event(words, sentence, expected):
    assert _date(words, sentence) == expected


def test_a_day_after_a_verb_of_saying_dates_the_statement_not_the_attack(words):
    low, high, basis = _date(words, "وقالت المنظمة الأربعاء إن 40 شخصاً قتلوا في الهجوم.")
    assert (low, high, basis) == (date(2018, 6, 3), date(2018, 6, 6), "article")


def test_a_date_after_the_article_is_a_plan_not_the_event(words):
    assert _date(words, "قتل ثلاثة أشخاص، وسيعقد المجلس جلسة في 20 حزيران 2018.")[2] == "article"


def test_the_nearest_expression_wins_and_a_far_day_word_is_ignored(words):
    sentence = ("ومن المقرر أن تصل البعثة اليوم السبت إلى العاصمة للتحقيق في تقارير المنظمات الإنسانية "
                "والطبية العاملة في المنطقة عن الضحايا والمصابين، وقالت مصادر في وقت لاحق إن الهجوم الذي وقع "
                "في 7 نيسان قتل 40.")
    assert _date(words, sentence) == (date(2018, 4, 7), date(2018, 4, 7), "explicit")


def test_without_an_article_date_only_a_year_dates_and_never_today(words):
    assert _date(words, "قتل خمسة مدنيين أمس.", published=None) == (None, None, "unknown")
    assert _date(words, "قتل في 4 آذار 2016 خمسة.", published=None) == (date(2016, 3, 4), date(2016, 3, 4), "explicit")


def test_a_definite_attack_refers_back(words):
    assert refers_back(normalize("وأكد أن الهجوم أوقع أربعين قتيلاً."), words)
    assert not refers_back(normalize("قتل أربعة في قصف صاروخي على البلدة."), words)


def test_a_broken_time_words_file_names_the_problem(tmp_path):
    path = tmp_path / "time_words.yaml"
    source = (ROOT / "seeds" / "reference" / "time_words.yaml").read_text(encoding="utf-8")
    path.write_text(source.replace("{from: -1, to: -1,", "{from: 0, to: -1,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="relative"):
        load_time_words(path)
    path.write_text(source.replace("  13: [الثالث عشر]", "  13: [الثالث عشر]\n  32: [الثاني والثلاثين]"),
                    encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="ordinal_days"):
        load_time_words(path)
