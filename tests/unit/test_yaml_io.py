"""The YAML reader of the reference and configuration files: the C loader reads what the Python one reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.yaml_io import parse_yaml, read_mapping

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(p for folder in ("seeds", "dashboards") for p in (ROOT / folder).rglob("*.yaml"))


def test_the_project_has_yaml_data_files() -> None:
    assert len(YAML_FILES) >= 5


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_parse_yaml_reads_every_project_file_as_the_python_safe_loader_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_yaml(text) == yaml.safe_load(text)


def test_parse_yaml_builds_plain_data_only() -> None:
    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']")


def test_read_mapping_names_the_file_in_its_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="bad.yaml.*not valid YAML"):
        read_mapping(bad)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="expected a mapping"):
        read_mapping(listing)
