"""Read a YAML reference file into a mapping, with the file named in every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError

# libyaml's parser where PyYAML was built with it (the wheels are): the same documents, read about ten times
# faster than by the pure-Python parser — the reference files were a tenth of a seeds run's extraction.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """``text`` read as YAML with the safe loader (plain data only)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python


def read_mapping(path: Path) -> dict:
    if not path.is_file():
        raise ReferenceDataError(path, "file not found")
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ReferenceDataError(path, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(path, "expected a mapping at the top level")
    return data


def word_list(path: Path, data: dict, key: str) -> tuple[str, ...]:
    """``data[key]`` as a tuple of distinct normalised phrases, in file order."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReferenceDataError(path, f"{key!r} must be a non-empty list of words")
    return tuple(dict.fromkeys(normalize(v).strip() for v in value))
