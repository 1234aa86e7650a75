"""Built objects kept on disk between processes: reused for the same version, rebuilt for another one or
when the file cannot be read."""

from pipelines.lib.build_cache import cached_build


def test_the_same_version_is_read_back_and_another_replaces_it(tmp_path):
    calls = []

    def build(value):
        def _build():
            calls.append(value)
            return {"automaton": value}
        return _build

    assert cached_build(tmp_path, "ref", "v1", build(1)) == {"automaton": 1}
    assert cached_build(tmp_path, "ref", "v1", build(2)) == {"automaton": 1}     # read back, not built
    assert calls == [1]
    assert cached_build(tmp_path, "ref", "v2", build(3)) == {"automaton": 3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ref-v2.pickle"]       # the old version is gone


def test_an_unreadable_file_is_rebuilt_and_no_folder_means_no_cache(tmp_path):
    (tmp_path / "ref-v1.pickle").write_bytes(b"not a pickle")
    assert cached_build(tmp_path, "ref", "v1", lambda: 7) == 7
    assert cached_build(tmp_path, "ref", "v1", lambda: 8) == 7
    assert cached_build(None, "ref", "v1", lambda: 9) == 9
