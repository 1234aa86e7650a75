"""Ingest a corpus folder: every file becomes a ``raw_files`` row, every article a ``raw_documents`` row.

Only new or changed files are read (a file is unchanged when its size and
modification time match what the warehouse already records). Rows are handed
on a batch of files at a time, so a large corpus never sits in memory whole.

Only regular files are ever opened: a named pipe would block the run forever, a
device could be endless. A file that cannot be read, or that changes while it is
read, is quarantined with the reason and recorded without an mtime, so the next
run reads it again instead of keeping half of it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pipelines.lib.batch_pool import WorkerPool
from pipelines.lib.compute import fan_out
from pipelines.lib.ingest.decode import DEFAULT_MAX_BYTES, Unreadable, decode_bytes
from pipelines.lib.ingest.listing import CorpusListing, list_corpus
from pipelines.lib.ingest.metadata import is_metadata_file
from pipelines.lib.ingest.outlets import OutletPattern, detect_outlets
from pipelines.lib.ingest.raw_zone import PackWriter, RawZone, sha256_bytes
from pipelines.lib.ingest.records import SUPPORTED_SUFFIXES, BadRecords, parse_records

if TYPE_CHECKING:       # the corpus listing (`make run` with nothing to do) never imports Polars
    import polars as pl


@dataclass(frozen=True)
class SeenFile:
    """What the warehouse remembers of a file from an earlier run."""

    n_bytes: int
    mtime: float
    sha256: str | None


@dataclass
class IngestResult:
    files: list[dict] = field(default_factory=list)          # raw_files rows for new/changed files
    documents: list[dict] = field(default_factory=list)      # raw_documents rows for those files
    unchanged: list[str] = field(default_factory=list)       # file_ids left as they were
    deleted: list[str] = field(default_factory=list)         # file_ids whose file is gone
    n_seen: int = 0
    n_read: int = 0
    n_documents: int = 0
    n_verified: int = 0          # unchanged-looking files whose content hash was checked (verify mode)
    n_replaced: int = 0          # of those, files whose bytes differ although size and mtime do not


# Receives each batch's raw_files rows and raw_documents rows, as frames (``lib/ingest/rows``).
BatchSink = Callable[["pl.DataFrame", "pl.DataFrame"], None]


class ObjectSink(Protocol):
    """Where a file's bytes go once read: the batch's pack (``PackWriter``), or :class:`HeldObjects`."""

    def put(self, data: bytes, sha256: str) -> None: ...


class ChangedWhileReading(Exception):
    """The file's size or mtime moved between the scan and the end of the read; ``str(exc)`` says how."""


_RETRY = "it is read again on the next run"
# Files verify mode advises to the kernel at once before hashing them (``advise_reads``): a part, as ingest reads.
ADVISED_PART = 2000
# The most bytes one ``advise_reads`` call advises.
ADVISED_BYTES = 256 * 1024 * 1024
_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                  (stat.S_ISLNK, "a broken symbolic link"))


def special_file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a named pipe (FIFO)", …), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _SPECIAL_FILES if test(mode)), "not a regular file")


def read_regular_file(path: Path | str, st: os.stat_result) -> bytes:
    """The bytes of a regular file, opened without blocking and checked again once open (it may have been
    swapped for a pipe since the scan). Raises :class:`ChangedWhileReading` when the size or mtime at the
    end of the read differ from ``st``; reads at most one byte more than ``st`` says, so a growing file
    costs no more than its scanned size."""
    # Plain os.read on the descriptor: a buffered file object per article cost more than the read itself
    # (0.15-0.24 against 0.06-0.11 CPU-s per 10,000 files).
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        kind = special_file_kind(os.fstat(fd).st_mode)
        if kind:
            raise ChangedWhileReading(f"it became {kind} after the scan")
        chunks, wanted = [], st.st_size + 1
        while wanted > 0 and (chunk := os.read(fd, wanted)):
            chunks.append(chunk)
            wanted -= len(chunk)
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if len(data) != st.st_size or after.st_size != st.st_size or after.st_mtime != st.st_mtime:
        raise ChangedWhileReading(f"{st.st_size} bytes when scanned, {after.st_size} when read")
    return data


def advise_reads(entries: Sequence[tuple[str, str, os.stat_result]], max_bytes: int | None = None) -> int:
    """Tell the kernel that the regular files of ``entries`` no larger than ``max_bytes`` (those
    :func:`ingest_file` reads; None: any size, as verify mode hashes them) are about to be read, in order
    (``POSIX_FADV_WILLNEED``): it fetches those not in its page cache together instead of one read at a time.
    Returns how many files were advised; a file that cannot be opened is left to the read, which says why; a
    system without ``posix_fadvise`` advises none.

    Why: files not in the page cache (a corpus copied in, or read last before a reboot) were read one blocking
    request after the other. 20,000 files of the 100k bench corpus (104 MB), evicted from the cache first
    (``POSIX_FADV_DONTNEED`` on each): 2.0-2.7 s read one by one, 0.44-0.52 s advised first in parts of 500-2,000;
    read from the cache, 0.36-0.40 s against 0.43-0.46 s (an open, a hint and a close per file). Two to sixteen
    threads reading at once took 3.0-3.3 s, a window of 16-256 files advised ahead of the read 0.8-1.2 s.

    Files are advised in order until ``ADVISED_BYTES`` are: a part of large dumps would otherwise have the kernel
    fetch more than it may keep, dropping what it fetched first before it is read; the rest are read unadvised."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    advised, budget = 0, ADVISED_BYTES
    for path, _, st in entries:
        if not stat.S_ISREG(st.st_mode) or st.st_size == 0 or (max_bytes is not None and st.st_size > max_bytes):
            continue
        budget -= st.st_size
        if budget < 0:
            break
        advised += advise_file(path, os.POSIX_FADV_WILLNEED)
    return advised


def advise_file(path: str, advice: int) -> bool:
    """``posix_fadvise(advice)`` on the whole file at ``path``, opened without blocking (a pipe swapped in after
    the listing would otherwise hang the run): False when it cannot be opened or takes no advice (not a regular
    file any more); what went wrong is left to whoever reads it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        os.posix_fadvise(fd, 0, 0, advice)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def content_sha256(path: Path | str) -> str | None:
    """The sha256 of a regular file's bytes, streamed (None when it is not a regular file any more)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        if special_file_kind(os.fstat(fd).st_mode):
            return None
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _content_changed(path: str, recorded_sha256: str) -> bool:
    """Verify mode: do the bytes still hash to what the warehouse recorded? (A file that cannot be hashed
    now is read again, so its row says why.)"""
    try:
        return content_sha256(path) != recorded_sha256
    except OSError:
        return True


def _seen_frame(seen: Mapping[str, SeenFile] | pl.DataFrame) -> pl.DataFrame:
    """``seen`` as a frame of file_id, n_bytes, mtime, sha256: what ingest compares each listed file with."""
    import polars as pl

    schema = {"file_id": pl.String, "n_bytes": pl.Int64, "mtime": pl.Float64, "sha256": pl.String}
    if isinstance(seen, pl.DataFrame):
        return seen.select(pl.col(name).cast(dtype) for name, dtype in schema.items())
    records = list(seen.values())
    return pl.DataFrame({"file_id": list(seen), "n_bytes": [r.n_bytes for r in records],
                         "mtime": [r.mtime for r in records], "sha256": [r.sha256 for r in records]}, schema=schema)


@dataclass
class _Comparison:
    """A listing compared with what an earlier run recorded: which files to read, which are unchanged (in
    listing order), which recorded files are gone (sorted), and what verify mode found."""

    to_read: list[tuple[str, str, os.stat_result]]
    unchanged: list[str]
    deleted: list[str]
    n_verified: int = 0
    n_replaced: int = 0


def _compare_with_seen(entries: Sequence[tuple[str, str, os.stat_result]], seen: pl.DataFrame,
                       verify: bool) -> _Comparison:
    """Which listed files changed since ``seen`` (see ``ingest_corpus``), compared for the whole listing in one
    join: per file in Python it was 0.3 s of a +1% run at 100,000 files."""
    import polars as pl

    listed = pl.DataFrame({
        "file_id": [file_id_for(rel) for _, rel, _ in entries],
        "size_now": [st.st_size for _, _, st in entries],
        "mtime_now": [st.st_mtime for _, _, st in entries],
        "regular": [stat.S_ISREG(st.st_mode) for _, _, st in entries],
    }, schema={"file_id": pl.String, "size_now": pl.Int64, "mtime_now": pl.Float64, "regular": pl.Boolean})
    compared = listed.join(seen, on="file_id", how="left", maintain_order="left").select(
        "file_id", "sha256",
        same=((pl.col("n_bytes") == pl.col("size_now")) & (pl.col("mtime") == pl.col("mtime_now"))).fill_null(False),
        hash_it=pl.lit(verify) & (pl.col("sha256").fill_null("") != "") & pl.col("regular"))
    ids, shas = compared["file_id"].to_list(), compared["sha256"].to_list()
    same, hash_it = compared["same"].to_list(), compared["hash_it"].to_list()
    # Verify mode hashes the files that look unchanged, advised a part at a time before they are read.
    to_hash = (compared["same"] & compared["hash_it"]).arg_true().to_list()
    replaced: set[int] = set()
    for i in range(0, len(to_hash), ADVISED_PART):
        part = to_hash[i:i + ADVISED_PART]
        advise_reads([entries[k] for k in part])
        replaced.update(k for k in part if _content_changed(entries[k][0], shas[k]))
    out = _Comparison([], [], seen.join(listed, on="file_id", how="anti")["file_id"].sort().to_list())
    for k, entry in enumerate(entries):
        if same[k]:
            if not hash_it[k]:
                out.unchanged.append(ids[k])
                continue
            out.n_verified += 1
            if k not in replaced:
                out.unchanged.append(ids[k])
                continue
            out.n_replaced += 1
        out.to_read.append(entry)
    return out


def file_id_for(rel_path: str) -> str:
    return hashlib.sha256(rel_path.encode("utf-8")).hexdigest()[:20]


def _file_row(file_id: str, rel: str, data: bytes | None, st: os.stat_result, now: datetime) -> dict:
    return {
        "file_id": file_id,
        "path": rel,
        "sha256": sha256_bytes(data) if data is not None else None,
        "n_bytes": st.st_size,
        "encoding": None,
        "status": "ok",
        "reason": None,
        "n_records": 0,
        "mtime": st.st_mtime,
        "ingested_at": now,
    }


def ingest_file(
    path: Path | str, rel: str, pack: ObjectSink, now: datetime, max_bytes: int, st: os.stat_result | None = None
) -> tuple[dict, list[dict]]:
    """One file → its raw_files row and its raw_documents rows (none when quarantined), its bytes into the
    batch's ``pack``; outlets are left to :func:`fill_outlets`. ``st`` saves a second stat when the caller has one."""
    file_id = file_id_for(rel)
    st = st or os.stat(path)
    suffix = os.path.splitext(rel)[1].lower()
    kind = special_file_kind(st.st_mode)
    if kind:
        row = _file_row(file_id, rel, None, st, now)
        row.update(status="quarantined", reason=f"not a regular file: {kind}; never opened")
        return row, []
    if st.st_size > max_bytes:
        row = _file_row(file_id, rel, None, st, now)
        row.update(status="quarantined", reason=f"file too large: {st.st_size} bytes exceeds the cap of {max_bytes}")
        return row, []
    try:
        data = read_regular_file(path, st)
    except ChangedWhileReading as exc:
        row = _file_row(file_id, rel, None, st, now)
        row.update(status="quarantined", reason=f"the file changed while it was read ({exc}); {_RETRY}",
                   mtime=None)
        return row, []
    row = _file_row(file_id, rel, data, st, now)
    pack.put(data, row["sha256"])
    if is_metadata_file(rel):  # the sidecar is metadata, never a dump: stages/corpus_metadata.py reads it
        row["reason"] = "metadata sidecar"
        return row, []
    if suffix not in SUPPORTED_SUFFIXES:
        row.update(status="quarantined", reason=f"unsupported file type '{suffix or '(none)'}': "
                   f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        return row, []
    try:
        decoded = decode_bytes(data, max_bytes)
        row["encoding"] = decoded.encoding
        records, problems = parse_records(rel, decoded.text)
    except (Unreadable, BadRecords) as exc:
        row.update(status="quarantined", reason=str(exc))
        return row, []
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        row["reason"] = f"{len(problems)} record(s) skipped: {shown}"
    docs = []
    for rec in records:
        full = (rec.title or "") + "\n" + rec.body
        docs.append({
            "doc_id": rec.doc_id,
            "file_id": file_id,
            "record_no": rec.record_no,
            "title": rec.title,
            "body": rec.body,
            "url": rec.url,
            "outlet": rec.outlet,
            "published_at": rec.published_at,
            "content_sha256": sha256_bytes(full.encode("utf-8")),
        })
    row["n_records"] = len(docs)
    return row, docs


def fill_outlets(docs: pl.DataFrame, outlets: list[OutletPattern]) -> pl.DataFrame:
    """``docs`` (raw_documents rows) with ``outlet`` set from signatures and links where the record named none,
    a batch at once: each text searched is its title and body joined in Polars, so only the few that a pattern
    may match become Python strings (joined and handed over in Python they were a third of the detection's
    time)."""
    import polars as pl

    missing = pl.col("outlet").is_null() | (pl.col("outlet") == "")
    rows = docs.select(missing.arg_true()).to_series()
    if not len(rows):
        return docs
    texts = docs.filter(missing).select(pl.concat_str(pl.col("title").fill_null(""), pl.lit("\n"), "body")).to_series()
    found = pl.Series("outlet", detect_outlets(texts, outlets), dtype=pl.String)
    return docs.with_columns(docs.get_column("outlet").clone().scatter(rows, found))


def read_files(
    entries: Sequence[tuple[str, str, os.stat_result]],
    pack: ObjectSink,
    now: datetime,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[dict], list[dict]]:
    """:func:`ingest_file` for each (path, relative path, stat) entry: (raw_files rows, raw_documents rows),
    outlets as the records name them (:func:`fill_outlets` detects the others). A file that cannot be read is
    quarantined with the reason."""
    files: list[dict] = []
    docs: list[dict] = []
    advise_reads(entries, max_bytes)
    for path, rel, st in entries:
        try:
            row, file_docs = ingest_file(path, rel, pack, now, max_bytes, st)
        except OSError as exc:
            # Removed, made unreadable or failing mid-run: the run goes on, and no mtime is recorded so the
            # next run tries again.
            row = _file_row(file_id_for(rel), rel, None, st, now)
            row.update(status="quarantined", reason=f"cannot read the file: {exc.strerror or exc}; {_RETRY}",
                       mtime=None)
            file_docs = []
        except Exception as exc:    # one odd file must not stop the run; its row says what broke
            row = _file_row(file_id_for(rel), rel, None, st, now)
            row.update(status="quarantined", reason=f"could not be processed: {type(exc).__name__}: {exc}")
            file_docs = []
        files.append(row)
        docs.extend(file_docs)
    return files, docs


class HeldObjects:
    """A part's file bytes held by their sha256 for the process that writes the batch's pack: reading runs in
    a thread or a worker process, but only the pack's writer knows which objects the zone already holds, so
    each is stored once."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def put(self, data: bytes, sha256: str) -> None:
        self.objects.setdefault(sha256, data)


@dataclass
class ReadPart:
    """What reading a part of the files gave: their raw_files and raw_documents rows (as frames) and their bytes
    by sha256."""

    files: pl.DataFrame
    docs: pl.DataFrame
    objects: dict[str, bytes]


def read_part(outlets: list[OutletPattern], now: datetime, max_bytes: int,
              entries: Sequence[tuple[str, str, os.stat_result]]) -> ReadPart:
    """:func:`read_files` for a part of the files, their bytes held rather than written (pure: it runs in a
    thread or a worker process; :func:`store_part` writes the bytes)."""
    from pipelines.lib.ingest.rows import row_frames

    held = HeldObjects()
    files, docs = row_frames(*read_files(entries, held, now, max_bytes))
    return ReadPart(files, fill_outlets(docs, outlets), held.objects)


def store_part(pack: PackWriter, part: ReadPart) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Write a part's bytes into the batch's ``pack``, in file order: (raw_files rows, raw_documents rows). A
    file whose bytes cannot be written (a full disk) is quarantined without an mtime, so the next run reads
    it again, and its articles are left out."""
    import polars as pl

    failed: dict[str, str] = {}
    stored = [(file_id, sha) for file_id, sha in part.files.select("file_id", "sha256").iter_rows() if sha is not None]
    try:
        pack.put_all((part.objects[sha], sha) for _, sha in stored)
    except OSError:
        # Which files' bytes cannot be written (a full disk): one at a time, the others are kept.
        for file_id, sha in stored:
            try:
                pack.put(part.objects[sha], sha)
            except OSError as exc:
                failed[file_id] = f"cannot store the file in the raw zone: {exc.strerror or exc}; {_RETRY}"
    if not failed:
        return part.files, part.docs
    hit = pl.col("file_id").is_in(list(failed))
    files = part.files.with_columns(
        pl.when(hit).then(pl.col("file_id").replace_strict(failed, default=None)).otherwise("reason").alias("reason"),
        *(pl.when(hit).then(None).otherwise(c).alias(c) for c in ("sha256", "encoding", "mtime")),
        pl.when(hit).then(0).otherwise("n_records").cast(pl.Int32).alias("n_records"),
        pl.when(hit).then(pl.lit("quarantined")).otherwise("status").alias("status"),
    )
    return files, part.docs.filter(~hit)


def ingest_corpus(
    corpus: Path,
    lake: Path,
    outlets: list[OutletPattern],
    seen: Mapping[str, SeenFile] | pl.DataFrame,
    now: datetime,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sink: BatchSink | None = None,
    batch_files: int = 1000,
    verify: bool = False,
    on_listed: Callable[[str], None] | None = None,
    listing: CorpusListing | None = None,
    pool: WorkerPool | None = None,
) -> IngestResult:
    """Read new and changed files of ``corpus`` into the raw zone; report unchanged and deleted ones.

    ``seen`` maps file_id → what an earlier run recorded (or is a frame of file_id, n_bytes, mtime, sha256). With a
    ``sink``, rows go to it every ``batch_files`` read files and the result keeps only counts; without one, the
    result holds them all.
    A file is changed when its size or mtime differ from the record; with ``verify`` also when its bytes
    no longer hash to the recorded sha256 (a replacement with the same size and mtime), at the cost of
    reading every file once. ``on_listed`` gets the folder's :func:`corpus_fingerprint`, taken from this
    scan's listing (no second walk of the folder), before any file is read. ``listing``: the folder as a walk
    just before saw it (``make run`` lists it to decide whether to run at all), read instead of walking again.
    ``pool``: worker processes that read the files when there are several batches of them and the pool is
    started (decoding and hashing are Python on one core); else the next batch is read in a thread.
    """
    if listing is None or listing.corpus != corpus:
        listing = list_corpus(corpus)
    compared = _compare_with_seen(listing.entries, _seen_frame(seen), verify)
    to_read = compared.to_read
    result = IngestResult(unchanged=compared.unchanged, deleted=compared.deleted, n_seen=len(listing.entries),
                          n_verified=compared.n_verified, n_replaced=compared.n_replaced)
    if on_listed is not None:
        on_listed(listing.digest)

    zone = RawZone(lake)
    # The next batches are read (in worker processes, or in a thread while the sink writes this one: DuckDB
    # releases the GIL) while this process writes each batch's bytes, then its rows. Only this process touches
    # the raw zone, one batch at a time: a batch's bytes are in place (its pack) before its rows go to the sink.
    parts = (to_read[i : i + batch_files] for i in range(0, max(len(to_read), 1), batch_files))
    # Started ahead of the run on a large corpus only: starting the processes here costs a small run more than
    # they give (10,000 articles: ingest 1.1 s -> 1.6 s), and extraction starts them anyway.
    readers = pool if pool is not None and pool.started and len(to_read) > batch_files else "thread"
    for part in fan_out(partial(read_part, outlets, now, max_bytes), parts, local=readers):
        with zone.batch() as pack:
            files, docs = store_part(pack, part)
        result.n_read += len(files)
        result.n_documents += len(docs)
        if sink is None:
            result.files.extend(files.to_dicts())
            result.documents.extend(docs.to_dicts())
        else:
            sink(files, docs)
    if isinstance(readers, WorkerPool):
        readers.release_memory()        # the stages after ingest run beside these workers
    return result
