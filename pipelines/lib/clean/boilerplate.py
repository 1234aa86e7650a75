"""Boilerplate line patterns (share widgets, bare URLs, page counters, signatures) from a data file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.lib.reference.yaml_io import parse_yaml


@dataclass(frozen=True)
class Boilerplate:
    """One compiled alternation of every pattern; a line is boilerplate when it matches whole."""

    regex: re.Pattern[str]
    n_patterns: int

    def is_boilerplate(self, line: str) -> bool:
        return self.regex.fullmatch(line) is not None


def load_boilerplate(path: Path) -> Boilerplate:
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    groups = data.get("line_patterns")
    if not isinstance(groups, dict) or not groups:
        raise ValueError(f"{path}: expected a mapping 'line_patterns' of group name → list of regexes")
    parts: list[str] = []
    for group, patterns in groups.items():
        if not isinstance(patterns, list):
            raise ValueError(f"{path}: group {group!r} must be a list of regexes")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{path}: group {group!r}: bad regex {pattern!r}: {exc}") from exc
            parts.append(f"(?:{pattern})")
    return Boilerplate(re.compile("|".join(parts), re.IGNORECASE), len(parts))
