"""Per-stage floors: what each pipeline stage's primitives cost on the same text, with nothing around them.

Issue 15 judges each stage against the cost of the primitives it is built from, run alone on the same corpus
(CPU seconds, one process; the threads of Polars and DuckDB count, as ``time.process_time`` counts them):

- ingest: read every file, sha256 it, decode it;
- clean: normalise every article (``normalize_many``) + insert the documents into DuckDB from Arrow;
- dedup: MinHash signatures of the normalised texts;
- mentions: normalise the batch's sentences (with the map back) + the word-boundary copy + one Aho-Corasick
  pass over it that keeps nothing;
- claims: the Polars candidate filter + the claim lexicon's patterns as Polars regex over the candidates;
- release: every table of the built warehouse copied into a new DuckDB file by DuckDB alone (one
  ``create table`` and ``insert ... select *`` per table, the article texts declared ZSTD as the release file
  declares them, one thread), from a DuckDB file where the pipeline reads the lake's Parquet: the nearest
  primitive, not a strict floor (at 10k the pipeline's copy from Parquet took less CPU than this one);
- checks + publish: every offset (sentences, mentions, claims) sliced back in Polars and compared.

Marts have no floor here. ``bench.run`` measures these after each pipeline run and prints the table;
alone: ``python -m bench.floors <corpus folder> <built warehouse>``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

import pipelines
from pipelines.lib.clean.batch_text import normalize_many
from pipelines.lib.dedup.minhash import signatures
from pipelines.lib.duck_inputs import sql_literal
from pipelines.lib.extract.automaton import boundary_text
from pipelines.lib.extract.claim_patterns import compile_lexicon
from pipelines.lib.extract.claims import candidate_sentences
from pipelines.lib.extract.mentions import SEPARATOR, load_reference
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon
from pipelines.lib.release import column_declarations, table_columns

# Stages as bench.run names them, with the floor parts that make each one's floor.
FLOOR_PARTS = {
    "ingest": ("read_sha256_decode",),
    "clean": ("normalise_documents", "duckdb_insert_arrow"),
    "dedup": ("minhash",),
    "mentions": ("normalise_sentences", "boundaries_and_one_automaton_pass"),
    "claims": ("candidate_filter", "lexicon_patterns_polars"),
    "release": ("copy_tables_to_new_file",),
    "checks_publish_dagster": ("offsets_sliced_back",),
}
_LOOKBEHIND_WORD = "(?<!\\w)"
_LOOKAHEAD_NO_WORD = "(?!\\w)"


def _cpu(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def _read_corpus(corpus: Path) -> list[str]:
    texts = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")):
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        texts.append(data.decode("utf-8", "replace"))
    return texts


def polars_patterns() -> tuple[list[str], int]:
    """The claim lexicon's compiled patterns rewritten for Polars (Rust regex: ``\\b``-like look-arounds as
    ``(?:^|\\W)``/``(?:$|\\W)``); patterns with other look-arounds are left out. Returns (patterns, how many
    were left out)."""
    compiled = compile_lexicon(load_claim_lexicon())
    found = [v for v in vars(compiled).values() if isinstance(v, re.Pattern)]
    found += [p for _, p in compiled.causes] if hasattr(compiled, "causes") else []
    out, skipped = [], 0
    for pattern in found:
        text = pattern.pattern.replace(_LOOKBEHIND_WORD, "(?:^|\\W)").replace(_LOOKAHEAD_NO_WORD, "(?:$|\\W)")
        if "(?=" in text or "(?!" in text or "(?<" in text.replace("(?P<", ""):
            skipped += 1
            continue
        out.append(text)
    return out, skipped


def measure_floors(corpus: Path, warehouse: Path) -> dict:
    """CPU seconds of each floor part on ``corpus`` and the sentences/mentions of ``warehouse`` built from it."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        documents = con.execute("select doc_id, text from documents where status <> 'deleted' order by doc_id").pl()
        sentences = con.execute("select doc_id, sentence_no, paragraph_no, char_start, char_end, text "
                                "from sentences order by doc_id, sentence_no").pl()
        offsets = {
            name: con.execute(f"select doc_id, char_start, char_end, {col} as piece from {name}").pl()
            for name, col in (("sentences", "text"), ("actor_mentions", "surface"),
                              ("location_mentions", "surface"), ("casualty_claims", "mention_text"))
        }
    reference_dir = Path(pipelines.__file__).resolve().parents[1] / "seeds" / "reference"
    ref = load_reference(reference_dir)
    lexicon = load_claim_lexicon(reference_dir / "claim_lexicon.yaml")
    compile_lexicon(lexicon)            # built once per run in the pipeline too: not part of a floor
    patterns, skipped = polars_patterns()
    parts: dict[str, float] = {}

    parts["read_sha256_decode"], _ = _cpu(lambda: _read_corpus(corpus))
    parts["normalise_documents"], norms = _cpu(lambda: normalize_many(documents["text"].to_list()))
    frame = documents.with_columns(pl.Series("text_norm", norms)).to_arrow()
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "floor.duckdb"))
        con.execute("create table documents (doc_id varchar, text varchar, text_norm varchar)")
        con.register("new_documents", frame)
        parts["duckdb_insert_arrow"], _ = _cpu(lambda: con.execute("insert into documents select * from new_documents"))
        con.close()
    parts["minhash"], _ = _cpu(lambda: signatures(pl.Series(norms)))

    from pipelines.lib.arabic.textmap import normalize_mapped

    joined = SEPARATOR.join(sentences["text"].str.replace_all("\n", " ").to_list())
    parts["normalise_sentences"], mapped = _cpu(lambda: normalize_mapped(joined))
    parts["boundaries_and_one_automaton_pass"], _ = _cpu(
        lambda: deque(ref.automaton.automaton.iter(boundary_text(mapped.norm)), maxlen=0))

    parts["candidate_filter"], candidates = _cpu(lambda: candidate_sentences(sentences, lexicon))
    cand_norm = pl.DataFrame({"t": normalize_many(candidates["text"].to_list())})
    parts["lexicon_patterns_polars"], _ = _cpu(
        lambda: cand_norm.select([pl.col("t").str.count_matches(p).alias(f"p{i}") for i, p in enumerate(patterns)]))

    texts = documents.select("doc_id", pl.col("text").alias("doc_text"))

    def slice_back() -> int:
        bad = 0
        for frame in offsets.values():
            bad += frame.join(texts, on="doc_id").select(
                (pl.col("doc_text").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start"))
                 != pl.col("piece")).sum()).item()
        return bad

    parts["offsets_sliced_back"], mismatches = _cpu(slice_back)
    parts["copy_tables_to_new_file"] = _copy_tables_cpu(warehouse)
    stages = {stage: round(sum(parts[p] for p in names), 3) for stage, names in FLOOR_PARTS.items()}
    return {
        "parts": {k: round(v, 3) for k, v in parts.items()}, "stages": stages,
        "documents": documents.height, "sentences": sentences.height, "candidates": candidates.height,
        "patterns": len(patterns), "patterns_left_out": skipped, "offset_mismatches": mismatches,
    }


def _copy_tables_cpu(warehouse: Path) -> float:
    """CPU seconds DuckDB takes to copy every table of ``warehouse`` into a new file (see the module docstring)."""
    with tempfile.TemporaryDirectory() as tmp:
        # One thread, rows in any order: the cheapest way DuckDB copies (two threads took 45% more CPU at 10k).
        con = duckdb.connect(config={"threads": 1, "preserve_insertion_order": False})
        try:
            con.execute(f"attach {sql_literal(str(warehouse))} as source (read_only)")
            con.execute(f"attach {sql_literal(str(Path(tmp) / 'copy.duckdb'))} as copy")
            tables = {table: column_declarations(table, columns)
                      for table, columns in table_columns(con, "source").items()}

            def copy() -> None:
                for table, declared in tables.items():
                    con.execute(f'create table copy.main."{table}" ({declared})')
                    con.execute(f'insert into copy.main."{table}" select * from source.main."{table}"')
                con.execute("checkpoint copy")

            seconds, _ = _cpu(copy)
        finally:
            con.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floors", description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder the warehouse was built from")
    parser.add_argument("warehouse", type=Path, help="a warehouse built from it (sentences, mentions, claims)")
    args = parser.parse_args(argv)
    print(json.dumps(measure_floors(args.corpus, args.warehouse), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
