"""The offset rules checked on the frames a stage writes (pipelines/lib/offsets.py)."""

import polars as pl
import pytest

from pipelines.lib.offsets import sentences_off_their_text, spans_off_their_sentence

TEXT = "قتل ثلاثة مدنيين. وجرح سبعة."
DOCUMENTS = pl.DataFrame({"doc_id": ["a"], "text": [TEXT]})
SENTENCES = pl.DataFrame({
    "doc_id": ["a", "a"], "sentence_no": [0, 1], "char_start": [0, 18], "char_end": [17, 28],
    "text": ["قتل ثلاثة مدنيين.", "وجرح سبعة."],
}).with_columns(pl.col("sentence_no", "char_start", "char_end").cast(pl.Int32))
MENTIONS = pl.DataFrame({
    "doc_id": ["a", "a"], "sentence_no": [0, 1], "char_start": [4, 23], "char_end": [9, 27],
    "surface": ["ثلاثة", "سبعة"],
})


def test_sentences_cut_from_their_text_pass():
    assert TEXT[18:28] == "وجرح سبعة."
    assert sentences_off_their_text(DOCUMENTS, SENTENCES) == 0
    assert sentences_off_their_text(DOCUMENTS, SENTENCES.clear()) == 0


@pytest.mark.parametrize(("change", "bad"), [
    (pl.col("char_end") + 1, 2),                                    # both now end one character late
    (pl.when(pl.col("sentence_no") == 1).then(40).otherwise(pl.col("char_end")), 1),   # past the text's end
    (pl.when(pl.col("sentence_no") == 0).then(0).otherwise(pl.col("char_end")), 1),    # empty span
])
def test_sentences_off_their_text_are_counted(change, bad):
    assert sentences_off_their_text(DOCUMENTS, SENTENCES.with_columns(change.alias("char_end"))) == bad


def test_a_sentence_without_its_document_is_counted():
    assert sentences_off_their_text(DOCUMENTS.clear(), SENTENCES) == 2


def test_spans_cut_from_their_sentence_pass():
    assert sentences_off_their_text(DOCUMENTS, SENTENCES) == 0
    assert spans_off_their_sentence(SENTENCES, MENTIONS, "surface") == 0
    assert spans_off_their_sentence(SENTENCES, MENTIONS.clear(), "surface") == 0


@pytest.mark.parametrize(("frame", "bad"), [
    (MENTIONS.with_columns(pl.col("char_start") + 1), 2),                           # off by one
    (MENTIONS.with_columns(pl.lit(5).alias("sentence_no")), 2),                     # no such sentence
    (MENTIONS.with_columns(pl.Series("char_end", [9, 30])), 1),                     # past its sentence's end
    (MENTIONS.with_columns(pl.Series("char_start", [4, 12]), pl.Series("surface", ["ثلاثة", "مدني"])), 1),
    (MENTIONS.with_columns(pl.Series("surface", ["ثلاثه", "سبعة"])), 1),            # a folded letter differs
])
def test_spans_off_their_sentence_are_counted(frame, bad):
    # the fourth: a span inside the document but in the other sentence
    assert spans_off_their_sentence(SENTENCES, frame, "surface") == bad


def test_claim_phrases_are_read_from_their_own_column():
    claims = MENTIONS.rename({"surface": "mention_text"}).with_columns(pl.col("sentence_no").cast(pl.Int32))
    assert spans_off_their_sentence(SENTENCES, claims, "mention_text") == 0
    assert spans_off_their_sentence(SENTENCES, claims.with_columns(pl.col("char_end") - 1), "mention_text") == 2
