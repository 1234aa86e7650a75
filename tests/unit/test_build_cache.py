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


def test_the_claim_lexicon_read_back_compiles_to_the_same_patterns(tmp_path):
    """The compiled claim lexicon a process leaves under the cache is what compiling it gives."""
    import pickle

    from pipelines.lib.extract.claim_patterns import compile_lexicon
    from pipelines.lib.reference.version import reference_version
    from pipelines.stages.extract import _build_lexicon, _lexicon
    from tests.conftest import REFERENCE

    version = reference_version(REFERENCE)
    written = _lexicon.__wrapped__(REFERENCE, version, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"claims-lexicon-{version}.pickle"]
    read_back = _lexicon.__wrapped__(REFERENCE, version, tmp_path)
    fresh_lex, fresh = _build_lexicon(REFERENCE)
    assert read_back == written == fresh_lex
    compiled = compile_lexicon(read_back)       # the patterns remembered when the file was read back
    assert pickle.dumps(compiled) == pickle.dumps(fresh)


def test_the_mention_automata_read_back_hold_the_same_keys():
    import pickle

    from pipelines.lib.extract.mentions import load_reference
    from tests.conftest import REFERENCE

    built = load_reference(REFERENCE)
    read_back = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    assert read_back.automaton.keys == built.automaton.keys
    assert any(key.conditional for key in read_back.automaton.keys)
    assert any(key.trigger is not None for key in read_back.automaton.keys)
