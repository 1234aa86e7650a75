"""Extraction throughput alone: ``find_mentions`` and ``extract_claims`` over a warehouse's sentences.

One process, no DuckDB writes, no workers: sentences per CPU-second of each stage, best of N runs.
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
from pathlib import Path

import duckdb

import pipelines
from pipelines.lib.extract.claims import extract_claims
from pipelines.lib.extract.mentions import find_mentions, load_reference
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon

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


def measure(warehouse: Path, repeat: int = 3, claims_out: Path | None = None) -> dict:
    """Sentences per CPU-second of each stage on the sentences of ``warehouse``."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sentences = con.execute(SENTENCES).pl()
    reference_dir = Path(pipelines.__file__).resolve().parents[1] / "seeds" / "reference"
    ref = load_reference(reference_dir)
    lexicon = load_claim_lexicon(reference_dir / "claim_lexicon.yaml")
    mention_s, mentions = _best_cpu(lambda: find_mentions(sentences, ref), repeat)
    claim_s, claims = _best_cpu(lambda: extract_claims(
        sentences, mentions.actor_mentions, mentions.location_mentions, mentions.actors, mentions.locations,
        lexicon), repeat)
    if claims_out is not None:
        claims.write_parquet(claims_out)
    n = sentences.height
    return {"code": str(reference_dir.parents[1]), "sentences": n, "claims": claims.height,
            "mentions_per_cpu_s": round(n / mention_s), "claims_per_cpu_s": round(n / claim_s)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extract_speed", description=__doc__.split("\n")[0])
    parser.add_argument("warehouse", type=Path, help="a built warehouse whose sentences are read")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the best counts")
    parser.add_argument("--claims-out", type=Path, default=None, help="Parquet file for the claims found")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.warehouse, args.repeat, args.claims_out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
