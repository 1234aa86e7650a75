"""An incremental dedup run looks for the near-duplicate pairs of its new and changed documents only and keeps
the pairs judged before: its decisions must equal those of a dedup that judges every pair again on the same
warehouse, step after step (documents added, edited into and out of a group, deleted, and back)."""

import shutil

import duckdb
import pytest

from pipelines.lib.dedup import lsh
from pipelines.lib.warehouse import apply_ddl
from pipelines.stages.clean import run_clean
from pipelines.stages.dedup import run_dedup
from pipelines.stages.ingest import run_ingest
from tests.conftest import REFERENCE, SEEDS

THRESHOLD = 0.8


def _ingest_and_clean(con, corpus, lake):
    run_ingest(con, corpus, lake, REFERENCE / "outlets.csv", 20 * 2**20)
    run_clean(con, REFERENCE / "boilerplate.yaml")


def _decisions(con) -> dict:
    return {r[0]: r[1:] for r in con.execute(
        "select doc_id, status, duplicate_of, dup_similarity from documents order by doc_id").fetchall()}


def _judging_every_pair(path) -> dict:
    """Dedup of the warehouse at ``path`` with no pair judged before."""
    con = duckdb.connect(str(path))
    con.execute("delete from stage_state where stage = 'near_pairs'")
    run_dedup(con, THRESHOLD)
    decisions = _decisions(con)
    con.close()
    return decisions


def _variant(paragraphs: list[str], drop: int) -> str:
    return "\n".join(p for i, p in enumerate(paragraphs) if i != drop) + "\n"


def _stretched(text: str) -> str:
    """``text`` with a long tatweel after its first letter: the display text grows, the normalised one stays."""
    return text[0] + "\u0640" * 2000 + text[1:]


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root / "a")
    return root


def test_incremental_pairs_decide_as_a_run_from_nothing(tmp_path, corpus, monkeypatch):
    looked_for = []
    real = lsh.candidate_pairs

    def spy(sig, bands, new=None):
        looked_for.append(len(sig) if new is None else int(new.sum()))
        return real(sig, bands, new)

    monkeypatch.setattr(lsh, "candidate_pairs", spy)
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    apply_ddl(con)
    longest = max(SEEDS.glob("*.txt"), key=lambda p: len(p.read_text(encoding="utf-8")))
    paragraphs = [p for p in longest.read_text(encoding="utf-8").split("\n") if p.strip()]
    steps = [
        # variants missing one paragraph each: near copies of the article and of each other
        lambda: [(corpus / "b" / f"drop_{i}.txt").write_text(_variant(paragraphs, i), encoding="utf-8")
                 for i in (1, 3)],
        lambda: (corpus / "b" / "drop_5.txt").write_text(_variant(paragraphs, 5), encoding="utf-8"),
        # the same normalised text, a longer display text (tatweel): the variant becomes its group's canonical
        # copy, though no pair is looked for again
        lambda: (corpus / "b" / "drop_3.txt").write_text(_stretched(_variant(paragraphs, 3)), encoding="utf-8"),
        # an edit that takes a variant out of the group (a different article's text)
        lambda: (corpus / "b" / "drop_1.txt").write_text(
            sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8") + "\nسطر أخير.\n", encoding="utf-8"),
        # the original deleted: the variants' group is held together by their own pairs only
        lambda: (corpus / "a" / longest.name).unlink(),
        # and back
        lambda: shutil.copy(longest, corpus / "a" / longest.name),
    ]
    (corpus / "b").mkdir()
    _ingest_and_clean(con, corpus, tmp_path / "lake")
    run_dedup(con, THRESHOLD)
    groups_seen = set()
    by_step = []
    new_documents = [2, 1, 0, 1, 0, 1]
    for n, step in enumerate(steps):
        step()
        _ingest_and_clean(con, corpus, tmp_path / "lake")
        con.close()
        shutil.copy(db, tmp_path / f"scratch{n}.duckdb")
        con = duckdb.connect(str(db))
        looked_for.clear()
        run_dedup(con, THRESHOLD)
        # this run compared its new or changed documents only
        assert looked_for == [new_documents[n]], f"step {n}: {looked_for}"
        decisions = _decisions(con)
        by_step.append(decisions)
        assert decisions == _judging_every_pair(tmp_path / f"scratch{n}.duckdb"), f"step {n}"
        groups_seen.add(frozenset((doc, d[1]) for doc, d in decisions.items() if d[0] == "duplicate"))
    assert len(groups_seen) >= 4          # the steps did move documents between groups
    # the stretched variant took its group over: the others point at it
    stretched = by_step[2]["drop_3"]
    assert stretched[0] == "ok"
    assert {doc for doc, d in by_step[2].items() if d[1] == "drop_3"} >= {"drop_1", "drop_5"}
    stored = con.execute("select count(*) from doc_near_pairs").fetchone()[0]
    assert stored >= 3
