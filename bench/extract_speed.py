"""Extraction throughput alone: ``find_mentions`` and ``extract_claims`` over a warehouse's sentences.

One process, no DuckDB writes, no workers: sentences per CPU-second of each stage, best of N runs. The
sentences are handed over in parts of ``PART`` documents, as the stage hands them to its workers (``--part 0``:
all in one call, as before 2026-12-06; a call over the 10k bench corpus's 197,752 sentences spent a fifth of
``find_mentions`` inserting into one span list of a million spans, which no run does).
The code measured is whichever ``pipelines`` package Python imports, with that checkout's own
``seeds/reference``, so two versions compare on the same sentences:

    python -m bench.generate 2000 /tmp/b --seed 7
    RASD_CORPUS=/tmp/b/corpus RASD_WAREHOUSE=/tmp/b/w.duckdb python -m pipelines.cli run
    python -m bench.extract_speed /tmp/b/w.duckdb                      # this checkout
    PYTHONPATH=/path/to/other/checkout python /path/to/this/bench/extract_speed.py /tmp/b/w.duckdb

``--claims-out`` writes the claims of the last run as Parquet, to check two versions find the same.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

import pipelines
from pipelines.lib.extract.claims import extract_claims
from pipelines.lib.extract.mentions import MentionResult, find_mentions, load_reference
from pipelines.lib.reference.claim_lexicon import ClaimLexicon, load_claim_lexicon

try:
    from pipelines.stages.extract import PART
except ImportError:     # a checkout from before the stage cut its batches into parts
    PART = 0

SENTENCES = ("select doc_id, sentence_no, paragraph_no, char_start, char_end, text "
             "from sentences order by doc_id, sentence_no")


def _best_cpu(fn, repeat: int) -> tuple[float, object]:
    """The least CPU time of ``repeat`` calls of ``fn``, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def parts(sentences: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    """``sentences`` (in document order) cut into parts of ``size`` whole documents; one part when ``size`` is 0.
    The cut of the stage's ``_parts``, written here too so that a checkout measured through ``PYTHONPATH`` is cut
    alike whatever its stage module holds."""
    if size <= 0:
        return [sentences]
    part = (pl.col("doc_id").rle_id() // size).alias("_part")
    return [p.drop("_part") for p in sentences.with_columns(part).partition_by("_part", maintain_order=True)]


@dataclass(frozen=True)
class ClaimsInput:
    """What the claims stage reads for a warehouse's sentences cut into parts: each part with its mentions, the
    actors and places of all parts (as the stage's workers read the run's tables), and the claim lexicon; and the
    least CPU time of the calls that found the mentions."""

    sentences: pl.DataFrame
    pairs: list[tuple[pl.DataFrame, MentionResult]]
    actors: pl.DataFrame
    locations: pl.DataFrame
    lexicon: ClaimLexicon
    reference_dir: Path
    mentions_cpu_s: float


def claims_input(warehouse: Path, part: int = PART, repeat: int = 1) -> ClaimsInput:
    """The sentences of ``warehouse`` in parts of ``part`` documents and each part's mentions (found ``repeat``
    times), with the reference data of this checkout."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sentences = con.execute(SENTENCES).pl()
    reference_dir = Path(pipelines.__file__).resolve().parents[1] / "seeds" / "reference"
    ref = load_reference(reference_dir)
    cut = parts(sentences, part)
    mentions_s, found = _best_cpu(lambda: [find_mentions(p, ref) for p in cut], repeat)
    actors = pl.concat([m.actors for m in found]).unique("actor_id", keep="first", maintain_order=True)
    locations = pl.concat([m.locations for m in found]).unique("location_id", keep="first", maintain_order=True)
    return ClaimsInput(sentences, list(zip(cut, found, strict=True)), actors, locations,
                       load_claim_lexicon(reference_dir / "claim_lexicon.yaml"), reference_dir, mentions_s)


def measure(warehouse: Path, repeat: int = 3, claims_out: Path | None = None, part: int = PART) -> dict:
    """Sentences per CPU-second of each stage on the sentences of ``warehouse``, in parts of ``part`` documents."""
    data = claims_input(warehouse, part, repeat)
    pairs, actors, locations, lexicon = data.pairs, data.actors, data.locations, data.lexicon
    claim_s, claims = _best_cpu(lambda: pl.concat([extract_claims(
        p, m.actor_mentions, m.location_mentions, actors, locations, lexicon) for p, m in pairs]), repeat)
    if claims_out is not None:
        claims.write_parquet(claims_out)
    n = data.sentences.height
    return {"code": str(data.reference_dir.parents[1]), "sentences": n, "parts": len(pairs), "claims": claims.height,
            "mentions_per_cpu_s": round(n / data.mentions_cpu_s), "claims_per_cpu_s": round(n / claim_s)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extract_speed", description=__doc__.split("\n")[0])
    parser.add_argument("warehouse", type=Path, help="a built warehouse whose sentences are read")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the best counts")
    parser.add_argument("--claims-out", type=Path, default=None, help="Parquet file for the claims found")
    parser.add_argument("--part", type=int, default=PART,
                        help=f"documents per call, as the stage's workers get them (default {PART}; 0: all at once)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.warehouse, args.repeat, args.claims_out, args.part)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
