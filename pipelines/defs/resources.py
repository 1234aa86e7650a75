"""Resources: where things are, configured from the environment with defaults."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines.lib import lake
from pipelines.lib.batch_pool import WorkerPool
from pipelines.lib.ingest.listing import ListedCorpus
from pipelines.lib.lake_ahead import take_opened
from pipelines.lib.warehouse import start_run
from pipelines.lib.writer_lock import acquire, release
from pipelines.settings import EXTENSION_RECORD, PROJECT_ROOT, corpus_is_small, lake_config, path_setting, setting
from pipelines.stages.extract import extraction_pool

# A run tagged rasd/verify=true hashes every file whose size and mtime look unchanged (the daily schedule,
# `make run VERIFY=1`): a replacement with the same size and mtime is found.
VERIFY_TAG = "rasd/verify"


class RasdSettings(dg.ConfigurableResource):
    """Paths and knobs of a Rasd run. ``warehouse_path`` is the release file refreshed after each published
    run; the tables live in the lake (``lake_catalog``, ``lake_data``: empty takes the embedded default
    under ``lake_dir``)."""

    corpus_dir: str
    warehouse_path: str
    lake_dir: str
    reference_dir: str
    dedup_threshold: float = 0.8
    max_file_bytes: int = 20 * 1024 * 1024
    lock_wait_s: float = 600.0
    lake_catalog: str = ""
    lake_data: str = ""
    s3_endpoint: str = ""
    s3_access_key: str = ""
    s3_secret_key: str = ""
    s3_region: str = "us-east-1"
    s3_use_ssl: bool = False
    keep_published: int = 10
    pin_ttl_s: float = 3600.0
    release_on_run: bool = True
    # Where the per-document work runs: a dask.distributed scheduler address, or "" for local processes.
    dask_scheduler: str = ""
    # Where built reference data is kept between runs (RASD_CACHE); empty: the lake folder's cache/.
    cache_dir: str = ""
    # Extraction worker processes (RASD_WORKERS; 1: extraction runs in the run's own process).
    workers: int = 1

    @property
    def lake_config(self) -> lake.LakeConfig:
        base = lake_config(self.lake, self.corpus)
        return lake.config_from(
            self.lake_catalog, self.lake_data, self.lake, PROJECT_ROOT,
            s3_endpoint=self.s3_endpoint, s3_access_key=self.s3_access_key, s3_secret_key=self.s3_secret_key,
            s3_region=self.s3_region, s3_use_ssl=self.s3_use_ssl, memory_limit=base.memory_limit,
            threads=base.threads, extension_record=self.build_cache / EXTENSION_RECORD)

    @property
    def lock_file(self) -> Path:
        """The path whose ``.lock`` sibling serialises the writers of this lake."""
        return self.lake_config.lock_file(self.lake / "locks")

    @property
    def corpus(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def lake(self) -> Path:
        return Path(self.lake_dir)

    @property
    def reference(self) -> Path:
        return Path(self.reference_dir)

    @property
    def build_cache(self) -> Path:
        """Where built reference data (the mentions automata) is kept between runs."""
        return Path(self.cache_dir) if self.cache_dir else self.lake / "cache"


def settings_from_env() -> RasdSettings:
    return RasdSettings(
        corpus_dir=str(path_setting("RASD_CORPUS")),
        warehouse_path=str(path_setting("RASD_WAREHOUSE")),
        lake_dir=str(path_setting("RASD_LAKE")),
        reference_dir=str(path_setting("RASD_REFERENCE")),
        dedup_threshold=float(setting("RASD_DEDUP_THRESHOLD")),
        max_file_bytes=int(setting("RASD_MAX_FILE_BYTES")),
        lock_wait_s=float(setting("RASD_LOCK_WAIT_S")),
        **lake_settings_from_env(),
        dask_scheduler=setting("RASD_DASK_SCHEDULER"),
        cache_dir=str(path_setting("RASD_CACHE")),
        workers=int(setting("RASD_WORKERS")),
    )


def lake_settings_from_env() -> dict:
    """The lake's fields of :class:`RasdSettings` from the environment (``pipelines/settings.py``)."""
    return {
        "lake_catalog": setting("RASD_LAKE_CATALOG"), "lake_data": setting("RASD_LAKE_DATA"),
        "s3_endpoint": setting("RASD_S3_ENDPOINT"), "s3_access_key": setting("RASD_S3_ACCESS_KEY"),
        "s3_secret_key": setting("RASD_S3_SECRET_KEY"), "s3_region": setting("RASD_S3_REGION"),
        "s3_use_ssl": setting("RASD_S3_USE_SSL").lower() in ("1", "true", "yes"),
        "keep_published": int(setting("RASD_LAKE_KEEP")), "pin_ttl_s": float(setting("RASD_LAKE_PIN_TTL_S")),
        "release_on_run": setting("RASD_RELEASE_ON_RUN").lower() in ("1", "true", "yes"),
    }


class LakeDuckDB(DuckDBResource):
    """The lake connection of a run, holding the lake's writer lock for the whole run.

    Every writing asset and check requires it, and the job runs in one process, so Dagster sets it up
    once when the run starts and tears it down when the run ends: a second run (a sensor or scheduled one,
    or ``make run``) waits for the lock, up to ``lock_wait_s``, and then fails with a message that says so.
    The run opens one DuckDB instance with the lake attached (loading the extensions and attaching cost
    about 0.2 s) and each ``get_connection`` is a cursor on it. The first one starts the run on the lake
    (``lib/warehouse.start_run``: what a dead run left unpublished is put back first).
    ``database`` is the lake's catalog, as DuckLake's ATTACH takes it.
    """

    settings: RasdSettings
    lock_wait_s: float = 600.0
    _con: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)
    _run_id: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        acquire(self.settings.lock_file, self.lock_wait_s, on_wait=context.log.warning if context.log else None)
        self._run_id = context.run.run_id if context.run is not None else None

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        release(self.settings.lock_file)

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the run's lake connection on which the whole step is one transaction
        (:class:`StepConnection`), committed when the step's code leaves the block."""
        if self._con is None:
            config = self.settings.lake_config
            # make run opens and prepares the lake while Dagster loads (lib/lake_ahead); else it is done here.
            con = take_opened(config)
            prepared = con is not None
            con = con or lake.connect(config)
            try:
                start_run(con, self._run_id, prepared=prepared)
            except BaseException:
                con.close()
                raise
            self._con = con
        cur = lake.cursor(self._con)
        cur.begin()
        try:
            yield StepConnection(cur)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        finally:
            cur.close()


class StepConnection:
    """The connection an asset step works on: the step is one lake transaction from start to end.

    On DuckLake every transaction looks the newest snapshot up, and the first statement of a transaction that
    reads a table fetches that table's file list from the catalog; an autocommitted statement pays both, and a
    commit writes the catalog. The stages commit where their work is durable (after each batch); the reads and
    small writes between those commits (the run log, stage state, the asset's metadata) now share the
    transaction of the next commit instead of each being a commit of its own: 0.15 s of a 4 s seeds run.
    A stage's ``begin()`` joins the open transaction, its ``commit()`` commits what the step did so far and
    opens the next one, ``rollback()`` undoes it and opens the next one. The same stage code on a plain
    connection (tests, scripts) commits as it says. Everything else is the cursor's.
    """

    __slots__ = ("_cursor",)

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cursor = cursor

    def __getattr__(self, name: str):
        return getattr(self._cursor, name)

    def execute(self, query: str, *args, **kwargs):
        result = self._cursor.execute(query, *args, **kwargs)
        return self if result is self._cursor else result

    def begin(self) -> StepConnection:
        return self

    def commit(self) -> StepConnection:
        self._cursor.commit()
        self._cursor.begin()
        return self

    def rollback(self) -> StepConnection:
        self._cursor.rollback()
        self._cursor.begin()
        return self


class ExtractionWorkers(dg.ConfigurableResource):
    """The worker processes the ingest, mentions and claims steps of a run share (``settings.workers``; none
    with one worker or a Dask scheduler): ingest has them read the files of a large run, extraction reads the
    sentences. On a corpus past ``SMALL_CORPUS_BYTES`` they are started when the run starts, so they import
    the code and load the reference data while the run begins (0.4 s each); else when a step first needs them.
    The claims step closes them (``close``): the marts and the release write, the run's largest moments in
    memory, run without them."""

    settings: RasdSettings
    _pool: WorkerPool | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        settings = self.settings
        if settings.workers > 1 and not settings.dask_scheduler:
            self._pool = extraction_pool(settings.workers, settings.reference, settings.build_cache)
            if not corpus_is_small(settings.corpus):
                self._pool.start()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self.close()

    @property
    def pool(self) -> WorkerPool | None:
        return self._pool

    def close(self, wait: bool = True) -> None:
        """Stop the workers; ``wait=False``: they exit while the run goes on (``WorkerPool.close``)."""
        if self._pool is not None:
            self._pool.close(wait)


def build_resources(settings: RasdSettings, listed: ListedCorpus | None = None) -> dict:
    """The resources of one deployment: settings plus the run's lake connection (with the pipeline's memory
    limit and threads, like every connection it opens), and the corpus listing the caller already took."""
    return {
        # Every asset returns a MaterializeResult (its rows live in the lake), so no output reaches an IO manager;
        # Dagster still builds the default one, whose filesystem paths import universal_pathlib, and its registry
        # reads every installed package's entry points: 0.13 s of each run that does any work.
        "io_manager": dg.mem_io_manager,
        "settings": settings,
        "duckdb": LakeDuckDB(database=settings.lake_config.catalog, settings=settings,
                             lock_wait_s=settings.lock_wait_s),
        "listed_corpus": listed or ListedCorpus(),
        "extraction_workers": ExtractionWorkers(settings=settings),
    }
