"""The CLI's run freezes what is loaded while the pipeline runs, and hands the collector everything back after."""

import gc

from pipelines import cli


def test_loaded_code_frozen_only_within_the_block():
    before = gc.get_freeze_count()
    kept = [object() for _ in range(10)]     # alive on entry: frozen with the rest
    with cli._loaded_code_frozen():
        assert gc.get_freeze_count() >= before + len(kept)
    assert gc.get_freeze_count() == 0
