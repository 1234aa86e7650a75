"""`make run`'s entry point: the summary, and the fast path when nothing a run depends on changed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from pipelines.cli import main
from tests.conftest import SEEDS


def test_run_twice_then_after_an_edit(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh = tmp_path / "w.duckdb"
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_WAREHOUSE", str(wh))
    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))

    assert main(["run"]) == 0
    captured = capsys.readouterr()
    first = captured.out
    # the summary, not Dagster's step-by-step DEBUG log
    assert " - DEBUG - " not in captured.out + captured.err and "STEP_START" not in captured.out + captured.err
    assert "files seen 5 (read 5), quarantined 0" in first and "extracted this run 5" in first
    assert "claims" in first and "actors" in first and "locations" in first and "incidents" in first
    inode, mtime = wh.stat().st_ino, wh.stat().st_mtime_ns

    assert main(["run"]) == 0
    second = capsys.readouterr().out
    assert "nothing changed, warehouse left as it was" in second and "(read 0)" in second
    assert (wh.stat().st_ino, wh.stat().st_mtime_ns) == (inode, mtime)

    # One edited article of five changes two rows of `documents` in the change feed (its old and new versions),
    # past the share that writes the texts whole and the file anew: here the file is to be updated in place.
    monkeypatch.setattr("pipelines.lib.release.WHOLE_TABLE_SHARE", 0.5)
    edited = corpus / "003_12267a34fe978af7.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nقتل مدني في قصف على حلب.\n", encoding="utf-8")
    assert main(["run"]) == 0
    third = capsys.readouterr().out
    assert "(read 1)" in third and "extracted this run 1" in third and "nothing changed" not in third
    # the release file was brought up to date in place (no reader held it): the edited article's rows only
    assert wh.stat().st_ino == inode and wh.stat().st_mtime_ns != mtime
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select text from documents where doc_id = ?",
                           [edited.stem]).fetchone()[0].endswith("قتل مدني في قصف على حلب.")


def test_after_new_code_that_changes_nothing_the_next_run_is_the_fast_path(tmp_path, monkeypatch, capsys):
    """A run under new code (a new input digest) that changes nothing publishes nothing; the run after it
    still finds its digest and returns without starting Dagster."""
    import pipelines.cli as cli
    import pipelines.defs.ingest.assets as ingest_assets

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))
    assert main(["run"]) == 0
    real = cli.input_fingerprint

    def new_code(*args, **kwargs):
        return real(*args, **kwargs) + "-new-code"

    monkeypatch.setattr(cli, "input_fingerprint", new_code)
    monkeypatch.setattr(ingest_assets, "input_fingerprint", new_code)
    capsys.readouterr()
    assert main(["run"]) == 0                       # through Dagster: the digest is new
    assert "nothing changed" in capsys.readouterr().out

    def no_dagster(*args, **kwargs):
        raise AssertionError("the run after an unchanged one started Dagster")

    monkeypatch.setattr(cli, "build_warehouse", no_dagster)
    assert main(["run"]) == 0
    assert "nothing changed" in capsys.readouterr().out


def test_the_summary_of_a_published_run_is_its_publications(tmp_path, monkeypatch):
    """make run prints the run's summary from the publish asset's metadata instead of reading the lake again:
    every figure equals what a reader of the newest publication counts."""
    from pipelines.cli import build_warehouse, published_summary
    from pipelines.lib.lake import connect_published
    from pipelines.settings import lake_config
    from pipelines.stages.publish import SUMMARY_KEYS, summary

    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))
    facts = build_warehouse(SEEDS, tmp_path / "w.duckdb", tmp_path / "lake")
    assert facts["success"] and facts["published"]
    published = published_summary(lake_config(tmp_path / "lake", SEEDS))
    assert set(published) == SUMMARY_KEYS
    assert {key: facts[key] for key in SUMMARY_KEYS} == published
    assert published["n_claims"] == 15 and published["n_incidents"] == 9
    # The publication carries it (a no-change `make run` prints it from there): the same as counted on it.
    con, publication = connect_published(lake_config(tmp_path / "lake", SEEDS))
    with con:
        assert publication.summary == summary(con) == published


def test_a_seeds_run_imports_neither_pandas_nor_pyarrow_and_a_run_with_nothing_to_do_no_polars(tmp_path):
    # Importing them costs 0.5 s of a 4 s `make run` on the seeds; DuckDB's Python client pulls them in to bind
    # a parameter, scan an Arrow table or return a result as Polars (.pl()), which the pipeline avoids
    # (pipelines/lib/duck_inputs.py). Nor universal_pathlib (upath), which Dagster's default IO manager imports
    # and whose registry reads every installed package's entry points: no asset output goes through one
    # (pipelines/defs/resources.build_resources).
    script = ("import sys\nfrom pipelines.cli import main\nassert main(['run']) == 0\n"
              "print('loaded:', sorted(m for m in ('pandas', 'pyarrow', 'upath') if m in sys.modules))\n")
    env = {**os.environ, "RASD_CORPUS": str(SEEDS), "RASD_WAREHOUSE": str(tmp_path / "w.duckdb"),
           "RASD_LAKE": str(tmp_path / "lake")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "loaded: []" in done.stdout and "claims 15" in done.stdout

    # The next run finds nothing changed and never imports Dagster, Polars or NumPy (0.3 s of the 0.9 s such a
    # run takes at 100,000 files; only the corpus listing and the lake's catalog are read).
    script = ("import sys\nfrom pipelines.cli import main\nassert main(['run']) == 0\n"
              "print('loaded:', sorted(m for m in ('dagster', 'polars', 'numpy') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "nothing changed" in done.stdout and "loaded: []" in done.stdout, done.stdout


def test_a_run_walks_the_corpus_folder_once(tmp_path, monkeypatch, capsys):
    """`make run` lists the folder to tell whether anything changed; ingest reads that listing, and the input
    digest the run records is the listing's: the next run finds nothing changed."""
    import pipelines.lib.ingest.listing as listing

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))
    walks = []
    walk = listing._walk
    monkeypatch.setattr(listing, "_walk", lambda folder: walks.append(folder) or walk(folder))
    assert main(["run"]) == 0
    assert "files seen 5 (read 5)" in capsys.readouterr().out
    assert walks == [corpus]
    assert main(["run"]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert walks == [corpus, corpus]
