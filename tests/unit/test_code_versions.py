"""Versions that decide when stored rows are recomputed hash the code those rows come from: the cleaner's is
the cleaning modules and what they import, not code only extraction runs."""

from __future__ import annotations

from pathlib import Path

from pipelines.lib.clean.version import cleaner_code, cleaner_version
from pipelines.lib.digest import files_and_code_version, import_closure
from pipelines.stages.incidents import incidents_code


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_closure_follows_imports_through_modules_and_packages(tmp_path):
    pkg = tmp_path / "pkg"
    start = _write(pkg, "a.py", "import os\nimport pkg.b\nfrom pkg.sub import c as renamed\n")
    _write(pkg, "__init__.py", "")
    _write(pkg, "b.py", "from pkg.sub.d import thing\n")
    _write(pkg, "sub/__init__.py", "")
    _write(pkg, "sub/c.py", "import json\n")
    _write(pkg, "sub/d.py", "thing = 1\nfrom pkg.e import x  # noqa\nfrom . import f\nfrom ..g import y\n")
    _write(pkg, "sub/f.py", "")
    _write(pkg, "e.py", "x = 2\n")
    _write(pkg, "g.py", "y = 3\n")
    _write(pkg, "unused.py", "import pkg.a\n")        # imports the start, is not imported by it
    found = {p.relative_to(pkg).as_posix() for p in import_closure(pkg, [start])}
    assert found == {"__init__.py", "a.py", "b.py", "sub/__init__.py", "sub/c.py", "sub/d.py", "sub/f.py", "e.py",
                     "g.py"}
    # A file left out is neither listed nor followed: what only it imports stays out.
    found = {p.relative_to(pkg).as_posix() for p in import_closure(pkg, [start], leave_out=[pkg / "sub/d.py"])}
    assert found == {"__init__.py", "a.py", "b.py", "sub/__init__.py", "sub/c.py"}


def test_the_cleaner_hashes_what_cleaning_imports_and_nothing_only_extraction_runs():
    names = {name for name, _ in cleaner_code()}
    assert {"lib/clean/document.py", "lib/clean/segment.py", "lib/arabic/normalize.py",
            "lib/reference/yaml_io.py"} <= names       # the normaliser and the boilerplate file's reader
    # Nor the code that computes the version: a change to how digests are taken re-cleans nothing.
    assert not {"lib/arabic/textmap.py", "lib/arabic/tokenize.py", "lib/extract/claims.py",
                "lib/clean/version.py", "lib/digest.py"} & names
    assert all(path.is_file() for _, path in cleaner_code())


def test_the_incidents_hash_their_stage_and_what_it_imports():
    names = {name for name, _ in incidents_code()}
    # The stage's own dating and breakdown code, the normaliser its dates read, the tries of its word patterns.
    assert {"stages/incidents.py", "lib/incidents/cluster.py", "lib/incidents/event_dates.py",
            "lib/arabic/normalize.py", "lib/extract/wordtrie.py"} <= names
    assert not {"lib/extract/claims.py", "lib/clean/document.py", "lib/digest.py"} & names


def test_the_version_moves_with_the_patterns_and_with_each_code_file(tmp_path):
    patterns = _write(tmp_path, "boilerplate.yaml", "patterns: []\n")
    base = cleaner_version(patterns)
    assert cleaner_version(patterns) == base and len(base) == 16
    patterns.write_text("patterns: ['^اقرأ أيضا']\n", encoding="utf-8")
    assert cleaner_version(patterns) != base
    code = _write(tmp_path, "normalize.py", "x = 1\n")
    one = files_and_code_version([patterns], code_files=[("lib/arabic/normalize.py", code)])
    code.write_text("x = 2\n", encoding="utf-8")
    assert files_and_code_version([patterns], code_files=[("lib/arabic/normalize.py", code)]) != one
