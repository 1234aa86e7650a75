"""The incidents stage's per-sentence cache (``stages.incidents._Sentences``): bounded, and answering as unbounded."""

from datetime import date

from pipelines.lib.incidents.time_words import load_time_words
from pipelines.stages.incidents import _Sentences
from tests.conftest import REFERENCE

SENTENCES = [f"قتل {n} مدنيين أمس في قصف على مدينة دوما، وأصيب {n + 3} آخرون يوم الثلاثاء." for n in range(2, 40)]


def _answers(sentences: _Sentences) -> list[tuple]:
    out = []
    for text in [*SENTENCES, *reversed(SENTENCES)]:       # every sentence twice, far apart
        times = sentences.times(text, date(2016, 3, 9))
        out.append((sentences.norm(text), sentences.offset(text, 8), sentences.offset(text, len(text)),
                    sentences.refers_back(text), [(t.low, t.high, t.start, t.end) for t in times]))
    return out


def test_a_small_bound_keeps_few_sentences_and_gives_the_answers_of_an_unbounded_cache():
    words = load_time_words(REFERENCE / "time_words.yaml")
    bounded, unbounded = _Sentences(words, limit=5), _Sentences(words, limit=10_000)
    assert _answers(bounded) == _answers(unbounded)
    assert max(len(bounded._norm), len(bounded._times), len(bounded._refers_back)) <= 5
    assert len(unbounded._norm) == len(SENTENCES)
    # The dates were read: "أمس" on a Wednesday article and the Tuesday named both date the toll.
    assert any(answer[4] for answer in _answers(unbounded))
