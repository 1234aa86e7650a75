"""The bench kills a pipeline run that never ends instead of waiting for ever, and times a run after the
reference data is edited (every document extracted again)."""

import subprocess
import sys
import time

import psutil

from bench.run import _watch_tree, edited_reference
from pipelines.lib.reference.version import claims_version, mentions_version, reference_version
from pipelines.settings import PROJECT_ROOT

# A parent that starts a child and both sleep for a minute, as a pipeline run with its extraction workers would
# hang: the child's pid is the parent's first line.
HANGING = ("import subprocess, sys, time\n"
           "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
           "print(child.pid, flush=True)\n"
           "time.sleep(60)\n")


def test_a_run_still_going_after_its_timeout_is_killed_with_its_workers():
    proc = subprocess.Popen([sys.executable, "-c", HANGING], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    start = time.monotonic()
    _watch_tree(proc, every_s=0.05, timeout_s=1.0)
    assert time.monotonic() - start < 10
    assert proc.returncode is not None and proc.returncode != 0
    deadline = time.monotonic() + 5
    while psutil.pid_exists(child) and psutil.Process(child).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the run's worker outlived it"
        time.sleep(0.05)
    proc.stdout.close()


def test_a_run_that_ends_in_time_is_left_to_end():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    _watch_tree(proc, every_s=0.05, timeout_s=30)
    assert proc.returncode == 0


def test_the_edited_reference_is_the_same_data_under_another_extraction_version(tmp_path):
    reference = PROJECT_ROOT / "seeds" / "reference"
    edited = edited_reference(reference, tmp_path / "reference-edited")
    originals = sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file())
    assert sorted(p.relative_to(edited) for p in edited.rglob("*") if p.is_file()) == originals
    changed = [p for p in originals if (edited / p).read_bytes() != (reference / p).read_bytes()]
    assert [p.name for p in changed] == ["person_roles.yaml"]
    before = (reference / changed[0]).read_text(encoding="utf-8")
    extra = (edited / changed[0]).read_text(encoding="utf-8")[len(before):]
    assert [line for line in extra.splitlines() if line.strip()] == [
        "# bench: the same reference data under another version"]
    assert reference_version(edited) != reference_version(reference)
    # both extraction stages extract every document again
    assert mentions_version(edited) != mentions_version(reference)
    assert claims_version(edited) != claims_version(reference)
    # made again over an earlier copy: the same folder, not a copy inside it
    assert reference_version(edited_reference(reference, edited)) == reference_version(edited)
