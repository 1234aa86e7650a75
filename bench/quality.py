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
