"""Numbers, vague quantities and qualifiers in normalised Arabic text."""

import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.extract.quantities import dual_forms, find_quantities, noun_count, parse_number


def first(text: str):
    """The first quantity found in ``text`` (normalised first, as the extractor does)."""
    found = find_quantities(normalize(text))
    assert found, f"no quantity in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("55", 55),
        ("١٢٣", 123),                 # Arabic-Indic digits
        ("۱۲", 12),                   # Persian digits
        ("1,500", 1500),             # thousands separator
        ("1.500", 1500),             # dotted thousands, no scale word after
        ("2.5 ألف", 2500),
        ("240,381", 240381),
        ("٢٤٠٬٣٨١", 240381),          # Arabic thousands separator
        ("340 ألف", 340000),          # multipliers
        ("3 آلاف", 3000),
        ("1.5 مليون", 1500000),
        ("١٫٥ مليون", 1500000),       # Arabic decimal separator
        ("بـ10 آلاف", 10000),
        ("240 ألفا و381", 240381),
        ("عشرة", 10),                 # number words, both genders
        ("عشر", 10),
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("ستة", 6),
        ("ثماني", 8),
        ("إحدى عشرة", 11),            # teens
        ("احد عشر", 11),
        ("أحد عشر", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("ثلاثة عشر", 13),
        ("أربعين", 40),               # tens, case forms
        ("ثلاثون", 30),
        ("سبعين", 70),
        ("خمسة وعشرين", 25),          # compounds with و
        ("مئة", 100),                 # hundreds
        ("مائة", 100),
        ("مئتان", 200),
        ("مائتان", 200),
        ("مئتين", 200),
        ("مائتين", 200),
        ("ثلاثمئة", 300),
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("ثلاث مائة", 300),
        ("ثمانمئة", 800),
        ("مئتين وخمسين", 250),
        ("ألف", 1000),                # thousands
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("مئة ألف", 100000),
        ("ألف ومئتان", 1200),
        ("ثلاثة آلاف وخمسمئة", 3500),
        ("مليوني", 2000000),
        ("ثلاثة ملايين", 3000000),
        ("نصف مليون", 500000),        # fractions of a scale
        ("ربع مليون", 250000),
        ("مليون ونصف", 1500000),
        ("ثلاثة آلاف ونصف", 3500),
    ],
)
def test_exact_numbers(text: str, value: int) -> None:
    q = first(text)
    assert (q.count_low, q.count_high, q.quantified, q.kind) == (value, value, True, "exact")
    assert q.text == normalize(text)


def test_number_span_points_into_the_normalised_text() -> None:
    norm = normalize("أسفر عن مقتل 55 مدنياً وجرح العشرات")
    qs = find_quantities(norm)
    assert [norm[q.start:q.end] for q in qs] == ["55", "العشرات"]
    assert [(q.count_low, q.count_high, q.quantified) for q in qs] == [(55, 55, True), (20, 99, False)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("عشرات", 20, 99),
        ("العشرات", 20, 99),
        ("لعشرات", 20, 99),
        ("مئات", 200, 999),
        ("المئات", 200, 999),
        ("آلاف", 2000, 9999),
        ("الآلاف", 2000, 9999),
        ("عشرات الآلاف", 20000, 99999),
        ("مئات الآلاف", 200000, 999999),
        ("بضعة", 3, 9),
        ("بضع عشرات", 20, 99),
        ("بضعة آلاف", 2000, 9999),
    ],
)
def test_vague_quantities_are_ranges_not_numbers(text: str, low: int, high: int) -> None:
    q = first(text)
    assert (q.count_low, q.count_high, q.quantified, q.kind) == (low, high, False, "vague")


def test_a_range_whose_ends_share_a_scale_is_not_their_sum() -> None:
    q = first("ما بين 250 ألف و400 ألف")
    assert (q.count_low, q.count_high, q.qualifier) == (250000, 400000, "range")
    assert parse_number(normalize("مليون و300 ألف")) == (1300000, len("مليون و300 ألف"))   # a smaller scale joins on


@pytest.mark.parametrize("text", ["عدد من", "عددا من", "أعداد كبيرة من", "العديد من", "الكثير من", "عدة"])
def test_unquantified_expressions(text: str) -> None:
    q = first(text)
    assert (q.count_low, q.count_high, q.quantified, q.kind) == (None, None, False, "unquantified")


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("على الأقل 10", 10, None, "at_least"),
        ("10 على الأقل", 10, None, "at_least"),
        ("ما لا يقل عن 20", 20, None, "at_least"),
        ("أكثر من 340 ألف", 340000, None, "at_least"),
        ("لأكثر من 2000", 2000, None, "at_least"),
        ("ما يزيد عن 40", 40, None, "at_least"),
        ("ما يزيد على 10", 10, None, "at_least"),
        ("نحو 40", 40, 40, "about"),
        ("بنحو 160", 160, 160, "about"),
        ("حوالي 100", 100, 100, "about"),
        ("حوالى 100", 100, 100, "about"),
        ("قرابة 400 ألف", 400000, 400000, "about"),
        ("زهاء 300", 300, 300, "about"),
        ("أقل من 10", 0, 10, "at_most"),
        ("ما يقل عن 60", 0, 60, "at_most"),
        ("ما بين 30 و40", 30, 40, "range"),
        ("بين 30 و 40 ألف", 30000, 40000, "range"),
    ],
)
def test_qualifiers_set_the_range(text: str, low, high, qualifier: str) -> None:
    q = first(text)
    assert (q.count_low, q.count_high, q.qualifier) == (low, high, qualifier)
    assert q.text == normalize(text)


def test_qualifier_on_a_vague_quantity_keeps_its_floor() -> None:
    q = first("أكثر من عشرات")
    assert (q.count_low, q.count_high, q.qualifier) == (20, None, "at_least")


def test_percentages_are_marked_so_they_are_never_head_counts() -> None:
    q = first("ما بين 3 و 4٪ من عناصره")
    assert (q.kind, q.count_low, q.count_high) == ("percent", 3, 4)
    assert first("خمسين في المئة").kind == "percent"


def test_and_between_two_numbers_does_not_add_them() -> None:
    qs = find_quantities(normalize("قتل 3 و4 جرحى"))
    assert [(q.count_low, q.text) for q in qs] == [(3, "3"), (4, "و4")]


def test_words_that_only_look_like_numbers() -> None:
    assert find_quantities(normalize("الأحد الماضي")) == []        # Sunday, with the article
    assert find_quantities(normalize("الرجال الثلاثة")) == []      # an adjective, not a count
    assert find_quantities(normalize("ستار")) == []
    assert find_quantities(normalize("نصف السكان")) == []         # a fraction without its scale


def test_parse_number_reports_how_much_it_read() -> None:
    assert parse_number("خمسه وعشرين مدنيا") == (25, len("خمسه وعشرين"))
    assert parse_number("مدنيا") is None


def test_duals_count_two_and_singular_nouns_one() -> None:
    singulars = {"مواطنه", "طفل", "جندي", "مدني", "عنصر"}
    plurals = {"مدنيين"}
    assert dual_forms("مواطنه") == ("مواطنتان", "مواطنتين")
    assert noun_count("مواطنتين", singulars, plurals) == 2
    assert noun_count("طفلان", singulars, plurals) == 2
    assert noun_count("جنديين", singulars, plurals) == 2
    assert noun_count("عنصرين", singulars, plurals) == 2
    assert noun_count("طفلاها", singulars, plurals) == 2     # construct dual + pronoun: "her two children"
    assert noun_count("مواطنتيه", singulars, plurals) == 2
    assert noun_count("طفلها", singulars, plurals) is None   # her child: no count from the noun
    assert noun_count("مدني", singulars, plurals) == 1       # "مقتل مدني"
    assert noun_count("عنصرا", singulars, plurals) == 1      # accusative singular
    assert noun_count("مدنيين", singulars, plurals) is None  # the plural, not a dual
    assert noun_count("اطفال", singulars, plurals) is None
