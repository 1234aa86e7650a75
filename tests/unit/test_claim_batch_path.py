"""The batch path of the claim reader finds what the plain per-sentence patterns find.

The reader does not scan a sentence once per pattern: one Aho-Corasick pass finds where the words of every
lexicon pattern and the number words start (``WordAnchors``), each pattern is then tried only next to its
words, quantities only in reach of a digit or number word, and names' offsets are mapped for a whole batch at
once. Each of these is held here against the plain reading (``Pattern.finditer`` over the sentence, a quantity
search from every position, ``bisect`` on one sentence's map) on sentences written for this test, at least one
per pattern family. Nothing here is timed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict

import polars as pl
import pytest

from pipelines.lib.arabic.normalize import INVISIBLE_CLASS, normalize
from pipelines.lib.arabic.textmap import NormalizedBatch
from pipelines.lib.extract import quantities
from pipelines.lib.extract.claim_attributes import ClaimAttributes
from pipelines.lib.extract.claim_patterns import compile_lexicon
from pipelines.lib.extract.claim_reader import SentenceReader, SentenceView
from pipelines.lib.extract.claimants import ClaimantResolver
from pipelines.lib.extract.claims import _normalise_expr, _word_anchors
from pipelines.lib.extract.wordtrie import Scanner
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon
from tests.unit.test_claims import ACTORS, ROOT

# Written for this test; between them every pattern family of the reader and the attributes occurs.
SENTENCES = [
    "قال المرصد إن غارة روسية أسفرت عن مقتل 12 مدنياً بينهم ثلاثة أطفال في بلدة كفرنبل.",
    "وأفادت مصادر محلية بأن 7 عناصر من قوات النظام لقوا حتفهم خلال الأيام الماضية.",
    "ولقي خمسة مدنيين مصرعهم برصاص قناص على يد عناصر الحاجز.",
    "وسقط عشرات القتلى والجرحى جراء القصف المدفعي على الأحياء السكنية.",
    "وارتفعت حصيلة القتلى إلى 37 شخصاً منذ بداية الهجوم على المدينة.",
    "وقتل أكثر من 350 ألف شخص منذ اندلاع الحرب في سوريا عام 2011 بحسب الأمم المتحدة.",
    "وقتل 17 مدنياً منذ الثلاثاء في غارات جوية على ريف إدلب، وفق ناشطين.",
    "وأصيب 40 شخصاً خلال 10 أشهر من المعارك في المنطقة.",
    "وأسفرت اشتباكات بين الطرفين عن سقوط 9 قتلى و6 جرحى.",
    "وتسببت الغارات بمقتل امرأة وطفلها، فيما أدت قذائف الهاون إلى جرح ثلاثة أطفال.",
    "وأسفر التفجير عن مقتل أكثر من120 شخصا و40جريحا.",
    "وتراوح عدد الضحايا ما بين عشرين إلى ثلاثين قتيلاً، في حين أصيب نحو مئتين وخمسين آخرين.",
    "وقال الطبيب إن 30 بالمئة من المصابين أطفال وإن عدداً من الجرحى في حالة خطرة.",
    "وقصفت الطائرات الحربية الروسية بلدة حمورية ما أدى لمقتل رجل وإصابة اثنين.",
    "وقتلت قوات النظام 3 مقاتلين من المعارضة في اشتباك قرب المدينة.",
    "ونقلاً عن مصادر طبية، توفي اثنان من المصابين متأثرين بجراحهم.",
    "وألقت المروحيات براميل متفجرة على الحي، وقتل 4 أشخاص على الأقل.",
    "واتهمت دمشق إسرائيل بشن الغارة التي قتلت جنديين اثنين، ونسبت الهجوم إلى الطيران الإسرائيلي.",
    "وقُتِلَ ١٥ شخصاً، بحسب ما أفاد ناشطون، في هجوم شنه التنظيم على قرية مجاورة.",
    "ونفى المتحدث سقوط قتلى، بينما قالت مصادر إن عدد قتلاه بلغ 22 عنصراً.",
    "وقتل ثلاثة مدنيين في القصف الروسي على البلدة، وقال الفصيل إنها قتلت اثنين من المهاجمين.",
    "وعقد المجلس اجتماعاً لبحث الأوضاع الاقتصادية.",
    "وأدت العملية العسكرية في الريف إلى مقتل 40 مدنياً منذ شنت القوات هجومها، وفق الدفاع المدني.",
]


@pytest.fixture(scope="module")
def reading():
    lexicon = load_claim_lexicon(ROOT / "seeds" / "reference" / "claim_lexicon.yaml")
    c = compile_lexicon(lexicon)
    attrs = ClaimAttributes(c, {}, {}, {}, {}, None, ClaimantResolver(lexicon, ACTORS))
    return c, attrs, _word_anchors(c, attrs)


def norms() -> list[str]:
    out = [normalize(s) for s in SENTENCES]
    return out + [quantities.unglue_numbers(n, list(range(len(n))))[0] for n in out]


def view(norm: str, anchors=None) -> SentenceView:
    return SentenceView("d", 0, 0, 0, norm, norm, list(range(len(norm))), [], {}, [], [], anchors)


def found(matches) -> list[tuple]:
    return [(m.span(), m.groupdict(), m.lastindex) for m in matches]


def scanners(anchors) -> list[Scanner]:
    return [key for key in anchors.slots if isinstance(key, Scanner)]


def number_word_starts(anchors, norm: str) -> tuple[list[int], list[int]]:
    """Where the number words and the words that may open a quantity start, from the shared automaton."""
    found = anchors.find(norm)
    slots = [k for key, k in anchors.slots.items() if not isinstance(key, Scanner)]
    assert len(slots) == 2
    return found.get(slots[0], []), found.get(slots[1], [])


def test_every_pattern_finds_next_to_its_words_what_it_finds_over_the_whole_sentence(reading) -> None:
    _, _, anchors = reading
    assert len(scanners(anchors)) >= 20
    seen = dict.fromkeys(scanners(anchors), 0)
    for norm in norms():
        s = view(norm, anchors)
        for scanner in scanners(anchors):
            expected = found(scanner.pattern.finditer(norm))
            assert found(s.finditer(scanner)) == expected, (scanner.pattern.pattern[:60], norm)
            assert found(scanner.finditer(norm)) == expected
            seen[scanner] += len(expected)
    # The sentences cover every family: each pattern matches somewhere.
    assert [scanner.pattern.pattern[:60] for scanner, n in seen.items() if not n] == []


def test_a_pattern_within_a_stretch_finds_what_finditer_with_pos_and_endpos_finds(reading) -> None:
    _, _, anchors = reading
    for norm in norms():
        s = view(norm, anchors)
        cuts = sorted({0, len(norm)} | {i + d for i, ch in enumerate(norm) if ch == " " for d in (0, 1)})
        for scanner in scanners(anchors):
            for lo in cuts:
                for hi in cuts:
                    expected = found(scanner.pattern.finditer(norm, lo, hi))
                    assert found(s.find_between(scanner, lo, hi)) == expected, (scanner.pattern.pattern[:60], lo, hi)
                    assert found(s.find_between(scanner, lo, hi, first=True)) == expected[:1]


def reference_quantities(norm: str) -> list[quantities.Quantity]:
    """The quantities of a search from every position (no anchors): what the anchored reading must find."""
    out, pos = [], 0
    while (m := quantities._QUANTITY.search(norm, pos)) is not None:
        q = quantities._read(norm, quantities._QUANTITY_NEAR.match(norm, m.start()))
        if q is None:
            pos = m.end()
            continue
        out.append(q)
        pos = max(q.end, m.start() + 1)
    return out


def test_quantities_from_the_number_words_found_with_the_patterns_are_those_of_a_full_search(reading) -> None:
    _, _, anchors = reading
    total = 0
    for norm in norms():
        expected = reference_quantities(norm)
        assert quantities.find_quantities(norm, *number_word_starts(anchors, norm)) == expected, norm
        assert quantities.find_quantities(norm) == expected
        total += len(expected)
    assert total >= 40


def test_the_reader_reads_the_same_claims_with_the_shared_automaton_as_without(reading) -> None:
    c, _, anchors = reading
    read = 0
    for norm in norms():
        plain, batched = view(norm), view(norm, anchors)
        plain.quantities = quantities.find_quantities(norm)
        batched.quantities = quantities.find_quantities(norm, *number_word_starts(anchors, norm))
        for s in (plain, batched):
            s.q_by_start = {q.start: q for q in s.quantities}
        expected = [asdict(cl) for cl in SentenceReader(plain, c, {}).read()]
        assert [asdict(cl) for cl in SentenceReader(batched, c, {}).read()] == expected, norm
        read += len(expected)
    assert read >= 30


def test_names_are_mapped_to_the_matching_form_for_a_whole_batch_as_for_each_sentence() -> None:
    texts = [*SENTENCES, "مقتلٌ  ﻻ   جديد…", "", "ـــقتـــل", "\u200fوفاة\u200e مدني"]
    batch = NormalizedBatch(texts)
    rows = [(i, d) for i, t in enumerate(texts) for d in range(-1, len(t) + 2)]
    mapped = batch.to_norm([i for i, _ in rows], [d for _, d in rows]).tolist()
    for (i, d), got in zip(rows, mapped, strict=True):
        norm, origin = batch.get(i)
        assert got == bisect.bisect_left(origin, d), (i, d)
        assert batch.get_array(i)[1].tolist() == origin


def test_the_candidate_filter_folds_each_character_as_the_former_chain_of_replacements() -> None:
    text = "".join(chr(c) for c in range(0x0600, 0x0700)) + "\u200c\u200f\ufeff أُسْرَة مُؤَسَّسَة إِلى ىئ ة ٱ"
    chain = (pl.col("t").str.replace_all(r"[\x{064B}-\x{065F}\x{0670}\x{0640}]", "")
             .str.replace_all(INVISIBLE_CLASS, "").str.replace_all(r"[أإآٱ]", "ا").str.replace_all(r"[ىئ]", "ي")
             .str.replace_all("ؤ", "و").str.replace_all("ة", "ه"))
    frame = pl.DataFrame({"t": [text, "", "قُتِلَ ٣ أشخاص"]})
    assert frame.select(_normalise_expr("t")).equals(frame.select(chain))
    assert re.search("[ًٌٍَُِّْ]", frame.select(_normalise_expr("t")).item(0, 0)) is None
