"""Near-duplicate precision and recall: predicted clusters against injected (or listed) pairs."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path


def cluster_pairs(canonical_of: Mapping[str, str]) -> set[frozenset[str]]:
    """Every unordered pair of documents that share a canonical document (the canonical one included)."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc, canon in canonical_of.items():
        members[canon].append(doc)
    return {frozenset(p) for group in members.values() if len(group) > 1 for p in combinations(sorted(group), 2)}


def pair_scores(predicted: set[frozenset[str]], truth: Iterable[dict]) -> dict:
    """Precision over every predicted pair; recall per kind of injected pair (exact, near) and overall.

    ``truth`` rows have ``doc_id``, ``source_id`` and ``kind``.
    """
    by_kind: dict[str, set[frozenset[str]]] = defaultdict(set)
    for row in truth:
        by_kind[row["kind"]].add(frozenset((row["doc_id"], row["source_id"])))
    every = set().union(*by_kind.values()) if by_kind else set()
    hit = predicted & every
    scores = {
        "predicted_pairs": len(predicted),
        "true_pairs": len(every),
        "precision": round(len(hit) / len(predicted), 4) if predicted else 1.0,
        "recall": round(len(hit) / len(every), 4) if every else 1.0,
    }
    for kind, pairs in sorted(by_kind.items()):
        scores[f"recall_{kind}"] = round(len(predicted & pairs) / len(pairs), 4)
        scores[f"missed_{kind}"] = sorted(sorted(p) for p in pairs - predicted)[:20]
    scores["false_pairs"] = sorted(sorted(p) for p in predicted - every)[:20]
    return scores


def union_find_canonical(ids: list[str], edges: Iterable[tuple[int, int]]) -> dict[str, str]:
    """Connected components of ``edges`` over ``ids``; each document maps to its component's first id."""
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {ids[i]: ids[root(i)] for i in range(len(ids))}


def read_manifest_pairs(path: Path) -> list[dict]:
    """Known duplicate pairs of the dev corpus: ``MANIFEST-dev.tsv`` rows with a ``dup_of``."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [
        {"doc_id": Path(r["file"]).stem, "source_id": Path(r["dup_of"]).stem, "kind": r["dup_type"]}
        for r in rows if r.get("dup_of")
    ]


# --- extraction precision read by hand --------------------------------------------------------------------------
# A fixed-seed random sample of a warehouse's claims (and of its claims with a claimant), ordered by a hash of the
# claim id, so two builds of the same corpus sample mostly the same claims and their judgements compare.
REVIEW_SQL = {
    "claims": """select claim_id, doc_id, sentence_no, outcome, count_low, count_high, victim_group, mention_text,
                        claimed_by_text, evidence
                 from casualty_claims order by md5(claim_id || ?) limit ?""",
    "claimants": """select claim_id, doc_id, sentence_no, outcome, count_low, count_high, victim_group, mention_text,
                           claimed_by_text, evidence
                    from casualty_claims where claimed_by_text is not null order by md5(claim_id || ?) limit ?""",
}


def review_sample(warehouse: Path, kind: str, n: int = 50, seed: int = 11) -> list[dict]:
    """``n`` claims of ``warehouse`` (``kind``: "claims", or "claimants" for claims that name who says so), drawn
    at random with ``seed``, with the sentence each was read from, for a reader to judge."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        cur = con.execute(REVIEW_SQL[kind], [str(seed), n])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def main() -> None:
    """Print a review sample: ``python -m bench.quality WAREHOUSE claims|claimants [--n 50] [--seed 11]``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("kind", choices=sorted(REVIEW_SQL))
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    for k, row in enumerate(review_sample(args.warehouse, args.kind, args.n, args.seed), 1):
        low, high = row["count_low"], row["count_high"]
        count = low if low == high else f"{low}..{high}"
        print(f"{k:>2}. {row['claim_id']} {row['doc_id']}#{row['sentence_no']} {row['outcome']} {count} "
              f"{row['victim_group']} «{row['mention_text']}» claimed_by: {row['claimed_by_text']}")
        print(f"    {row['evidence']}")


if __name__ == "__main__":
    main()
