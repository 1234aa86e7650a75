"""``make run``: materialise every asset on the configured corpus and print a short summary."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.lib.ingest.listing import ListedCorpus, list_corpus
from pipelines.lib.lake import LakeConfig, NoPublication, Publication, connect_published
from pipelines.lib.lake_ahead import close_unused, open_ahead
from pipelines.lib.release import release_holds_newest, stale_refresh_files
from pipelines.lib.writer_lock import WarehouseBusy, writer_lock
from pipelines.settings import PROJECT_ROOT, lake_config, path_setting, setting
from pipelines.stages.fingerprint import input_fingerprint, lake_reflects
from pipelines.stages.publish import SUMMARY_KEYS, summary

if TYPE_CHECKING:
    import duckdb


def build_warehouse(corpus: Path, warehouse: Path, lake: Path, reference: Path | None = None,
                    raise_on_error: bool = True, verify: bool = False, listed: ListedCorpus | None = None,
                    freeze_loaded: bool = False) -> dict:
    """Run the whole pipeline in-process (the same assets and checks Dagster runs) and return the summary.
    ``verify`` hashes files whose size and mtime look unchanged (``VERIFY_TAG``); ``listed``, the corpus
    folder as the caller just listed it, is what ingest reads (no second walk). ``freeze_loaded``: the
    collector skips what is loaded once Dagster is (a process that runs once and exits: see
    ``_loaded_code_frozen``)."""
    # Where the caller holds the lake's writer lock (make run), the lake is opened and the run prepared in a
    # thread while Dagster loads.
    config = lake_config(lake_root=lake, corpus=corpus)
    open_ahead(config, config.lock_file(lake / "locks"))
    try:
        return _materialize(corpus, warehouse, lake, reference, raise_on_error, verify, listed, freeze_loaded)
    finally:
        close_unused()


def _materialize(corpus: Path, warehouse: Path, lake: Path, reference: Path | None, raise_on_error: bool,
                 verify: bool, listed: ListedCorpus | None, freeze_loaded: bool) -> dict:
    # Dagster is imported here, not at module level: `make run` with nothing to do never pays for it.
    with _loading_uncollected() if freeze_loaded else nullcontext():
        import dagster as dg

        from pipelines.definitions import ASSETS
        from pipelines.defs.publish.assets import SUMMARY_NAMES
        from pipelines.defs.resources import (
            VERIFY_TAG,
            RasdSettings,
            build_resources,
            lake_settings_from_env,
            settings_from_env,
        )

        # Made here rather than by materialize: creating it imports Dagster's storage (SQLAlchemy, Alembic).
        instance = dg.DagsterInstance.ephemeral()

    base = settings_from_env()
    settings = RasdSettings(
        corpus_dir=str(corpus), warehouse_path=str(warehouse), lake_dir=str(lake),
        reference_dir=str(reference or base.reference), dedup_threshold=base.dedup_threshold,
        max_file_bytes=base.max_file_bytes, lock_wait_s=base.lock_wait_s, dask_scheduler=base.dask_scheduler,
        cache_dir=base.cache_dir, workers=base.workers,
        **lake_settings_from_env(),
    )
    start = time.perf_counter()
    # Dagster's console logger prints every step event at DEBUG; the summary is what `make run` shows,
    # and warnings and errors still come through.
    with instance, _loaded_code_frozen() if freeze_loaded else nullcontext():
        result = dg.materialize(
            ASSETS, resources=build_resources(settings, listed), raise_on_error=raise_on_error,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
            tags={VERIFY_TAG: "true"} if verify else None, instance=instance,
        )
    elapsed = time.perf_counter() - start
    facts: dict = {"success": result.success, "elapsed_s": round(elapsed, 2)}
    if not result.success:
        facts["failure"] = _failure_reason(result)
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        if mat.asset_key.path[-1] == "raw_files":
            facts["files_seen"] = mat.metadata["files_seen"].value
            facts["files_read"] = mat.metadata["files_read"].value
            if verify:
                facts["files_verified"] = mat.metadata["files_verified_by_hash"].value
                facts["files_replaced"] = mat.metadata["files_replaced_same_size_mtime"].value
                facts["raw_damaged"] = mat.metadata["raw_objects_damaged"].value
        if mat.asset_key.path[-1] in ("actor_mentions", "casualty_claims"):
            # extracted by either stage: the claims stage alone extracts again after its lexicon is edited
            facts["docs_processed"] = max(facts.get("docs_processed", 0), mat.metadata["documents_processed"].value)
        if mat.asset_key.path[-1] == "published_warehouse":
            facts["published"] = mat.metadata["published"].value
            published_counts = mat.metadata
    if facts.get("published"):
        # The run's own publication: its summary is in the publish asset's metadata, no need to read the lake.
        names = {name: key for key, name in SUMMARY_NAMES.items()}
        facts.update({names.get(name, name): value.value for name, value in published_counts.items()
                      if names.get(name, name) in SUMMARY_KEYS})
    else:
        facts.update(published_summary(settings.lake_config))
    return facts


@contextmanager
def _loading_uncollected() -> Iterator[None]:
    """Within the block the cyclic collector does not run; on leaving it, what the block loaded is frozen (the
    collector's passes skip it from then on). Importing Dagster and the definitions makes about a million objects
    that live as long as the process; the collections their allocations set off walked the growing heap again
    and again: 0.24-0.33 s of the 1.8 s those imports take on the machine of the eighth round, 0.12 s with the
    collector paused (one pass after), none left once frozen."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def _loaded_code_frozen() -> Iterator[None]:
    """Within the block the collector's full passes skip what is loaded on entry (Dagster and the definitions):
    it lives as long as the run, and each of the several full passes a run makes as its steps create objects
    walked all of it again (0.35 s of a +1% run at 100,000 articles)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def published_summary(config: LakeConfig) -> dict:
    """The summary of the lake's newest published run (empty when there is none)."""
    try:
        con, publication = connect_published(config)
    except NoPublication:
        return {}
    with con:
        return recorded_or_counted(publication, con)


def recorded_or_counted(publication: Publication, con: duckdb.DuckDBPyConnection) -> dict:
    """The publication's summary as its run recorded it, else (a lake published before runs recorded it)
    counted on ``con``, a connection reading that publication."""
    return dict(publication.summary) if publication.summary is not None else summary(con)


def _failure_reason(result) -> str:
    """The first error of a failed Dagster run, in one line (the step that failed, or the run itself)."""
    for event in result.all_events:
        if event.is_failure and event.event_specific_data is not None:
            error = getattr(event.event_specific_data, "error", None)
            if error is not None:
                cause = error.cause or error
                where = f"{event.step_key}: " if event.step_key else ""
                return where + " ".join(cause.message.split())
    return "the run failed (see the Dagster log above)"


def _print_summary(facts: dict, warehouse: Path) -> None:
    if not facts["success"]:
        _print_failure(facts, warehouse)
        return
    print(
        f"Rasd run {'ok' if facts['success'] else 'FAILED'} in {facts['elapsed_s']:.1f} s → {warehouse}"
        f"{'' if facts.get('published', True) else ' (nothing changed, warehouse left as it was)'}\n"
        f"  files seen {facts.get('files_seen', 0)} (read {facts.get('files_read', 0)}), "
        f"quarantined {facts.get('n_quarantined', 0)}"
        f"{_verified_line(facts)}\n"
        f"  documents {facts.get('n_documents', 0)}: canonical {facts.get('n_canonical', 0)}, "
        f"duplicates {facts.get('n_duplicates', 0)}; extracted this run {facts.get('docs_processed', 0)}\n"
        f"  claims {facts.get('n_claims', 0)}, actors {facts.get('n_actors', 0)}, "
        f"locations {facts.get('n_locations', 0)} (canonical documents)\n"
        f"  incidents {facts.get('n_incidents', 0)} ({facts.get('n_incidents_shared', 0)} told by 2+ articles)"
        + (f"; metadata.csv rows {facts['n_metadata_rows']}, reported {facts.get('n_metadata_reported', 0)} "
           "(table corpus_metadata)" if facts.get("n_metadata_rows") else "")
    )


def _verified_line(facts: dict) -> str:
    if "files_verified" not in facts:
        return ""
    return (f"; verified by content hash {facts['files_verified']}, "
            f"replaced with the same size and mtime {facts['files_replaced']}, "
            f"raw zone objects whose bytes changed {facts['raw_damaged']}")


def _print_failure(facts: dict, warehouse: Path) -> None:
    """A failed run published nothing: say why, and label the totals shown as the published warehouse's."""
    lines = [f"Rasd run FAILED in {facts['elapsed_s']:.1f} s → {warehouse}; nothing published",
             f"  cause: {facts.get('failure', 'unknown')}"]
    if "n_files" in facts:
        lines.append(
            f"  published warehouse (last successful run): files {facts['n_files']}, "
            f"quarantined {facts['n_quarantined']}, documents {facts['n_documents']} "
            f"(canonical {facts['n_canonical']}, duplicates {facts['n_duplicates']}), claims {facts['n_claims']}, "
            f"actors {facts['n_actors']}, locations {facts['n_locations']}")
    else:
        lines.append("  no published warehouse yet")
    print("\n".join(lines))


def up_to_date(config: LakeConfig, listed: ListedCorpus | None = None) -> dict | None:
    """The summary of the lake's newest publication when nothing a run depends on changed since it was built
    (and the release file holds it, where runs refresh one). One read-only connection answers all three.
    ``listed``: the corpus folder as the caller listed it, read here and left for ingest (else it is listed
    here)."""
    corpus = path_setting("RASD_CORPUS")
    listing = listed.peek(corpus) if listed is not None else None
    listing = listing or list_corpus(corpus)
    fingerprint = input_fingerprint(corpus, path_setting("RASD_REFERENCE"), float(setting("RASD_DEDUP_THRESHOLD")),
                                    int(setting("RASD_MAX_FILE_BYTES")), corpus_digest=listing.digest)
    try:
        con, publication = connect_published(config)
    except NoPublication:
        return None
    with con:
        if not lake_reflects(config, fingerprint, published=con):
            return None
        if setting("RASD_RELEASE_ON_RUN").lower() in ("1", "true", "yes") and not release_holds_newest(
                con, path_setting("RASD_WAREHOUSE")):
            return None     # a refresh was killed after the lake published: a run brings the file up
        facts = recorded_or_counted(publication, con)
    return {**facts, "success": True, "published": False, "files_seen": facts["n_files"], "files_read": 0,
            "docs_processed": 0}


def release(run_no: int | None, out: Path) -> int:
    """``python -m pipelines.cli release [--run N] [--out DIR]``: a published run's contract tables as
    ``DIR/rasd-run-N.duckdb`` and ``DIR/rasd-run-N/*.parquet`` with its codebook."""
    from pipelines.lib.release import write_release

    out = out if out.is_absolute() else PROJECT_ROOT / out
    try:
        con, publication = connect_published(lake_config(), run_no, pins_dir=path_setting("RASD_LAKE") / "pins")
    except NoPublication as exc:
        print(f"Rasd release not written: {exc}")
        return 1
    with con:
        written = write_release(con, out, publication.run_no)
    print(f"Rasd release of run {publication.run_no} (snapshot {publication.snapshot_id}, "
          f"published {publication.committed_at}):\n  {written['duckdb']}\n  {written['parquet']}/ "
          "(Parquet, codebook.md, datapackage.json)")
    return 0


def compact() -> int:
    """``python -m pipelines.cli compact``: materialise the lake_compaction asset once."""
    import dagster as dg

    from pipelines.defs.maintenance.assets import lake_compaction
    from pipelines.defs.resources import settings_from_env

    logging.getLogger("dagster").setLevel(logging.WARNING)
    result = dg.materialize([lake_compaction], resources={"settings": settings_from_env()},
                            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}})
    for event in result.get_asset_materialization_events():
        done = {k: v.value for k, v in event.event_specific_data.materialization.metadata.items()}
        print("Rasd lake compacted: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in done.items()))
    return 0 if result.success else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rasd")
    parser.add_argument("command", choices=["run", "release", "compact"],
                        help="run: the pipeline; release: write a published run's contract tables to a DuckDB "
                             "file and Parquet files with a codebook; compact: the lake_compaction asset's work")
    parser.add_argument("--verify", action="store_true",
                        help="run: also hash every file whose size and mtime look unchanged, so a replacement "
                             "with the same size and mtime is found (reads the whole corpus once)")
    parser.add_argument("--run", type=int, default=None, dest="run_no",
                        help="release: the published run to release (default: the newest)")
    parser.add_argument("--out", type=Path, default=Path("data/releases"),
                        help="release: the folder to write it to (default data/releases)")
    args = parser.parse_args(argv)
    if args.command == "release":
        return release(args.run_no, args.out)
    if args.command == "compact":
        return compact()
    start = time.perf_counter()
    warehouse = path_setting("RASD_WAREHOUSE")
    # For the writer lock and the up-to-date check, a few catalog rows read by one thread: sizing DuckDB's
    # threads by the corpus (RASD_DUCKDB_THREADS=auto) stats files (10,000 at 100,000 articles, 0.05-0.09 s),
    # which only a run that builds needs (build_warehouse takes its own configuration).
    config = lake_config(threads=1)
    try:
        # One writer per lake for the whole run, the up-to-date check included: a run that waited for
        # another one then sees what that one published.
        with writer_lock(config.lock_file(path_setting("RASD_LAKE") / "locks"), float(setting("RASD_LOCK_WAIT_S")),
                         on_wait=lambda note: print(note, flush=True)):
            for stale in stale_refresh_files(warehouse):    # a release refresh a killed run left half-written
                stale.unlink(missing_ok=True)
            # The folder is listed once: to tell whether anything changed, then (when it did) what ingest reads.
            # Only the handoff is kept here: ingest takes the listing, and the run does not hold it after.
            listed = ListedCorpus(list_corpus(path_setting("RASD_CORPUS")))
            facts = None if args.verify else up_to_date(config, listed)
            if facts is None:
                # Dagster logs every step at DEBUG; the summary below is what a person running `make run` needs.
                logging.getLogger("dagster").setLevel(logging.WARNING)
                facts = build_warehouse(path_setting("RASD_CORPUS"), warehouse, path_setting("RASD_LAKE"),
                                        path_setting("RASD_REFERENCE"), raise_on_error=False, verify=args.verify,
                                        listed=listed, freeze_loaded=True)
    except WarehouseBusy as exc:
        print(f"Rasd run not started: {exc}")
        return 1
    facts["elapsed_s"] = round(time.perf_counter() - start, 2)
    _print_summary(facts, warehouse)
    return 0 if facts["success"] else 1


if __name__ == "__main__":
    status = main()
    # The interpreter's last collection would walk every object the run left only to free them as the modules
    # go (0.4 s after a +1% run at 100,000 articles); frozen, they are freed without that walk.
    gc.freeze()
    sys.exit(status)
