import duckdb

from pipelines.lib.ingest.raw_zone import RawZone


def test_seeds_run_end_to_end(seeds_warehouse):
    path, facts = seeds_warehouse
    assert facts["success"] and facts["published"]
    assert facts["files_seen"] == 5 and facts["n_documents"] == 5 and facts["n_quarantined"] == 0
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from raw_files where status = 'ok'").fetchone()[0] == 5
        assert con.execute("select count(*) from documents where status = 'ok'").fetchone()[0] == 5
        removed = dict(con.execute("select doc_id, n_paragraphs_removed from documents").fetchall())
        assert removed["002_a4a810ac40d15723"] == 9
        assert sum(removed.values()) == 10  # seed 000 repeats one photo caption
        outlets = dict(con.execute("select doc_id, outlet from documents").fetchall())
        assert outlets["000_8c89416b5eb7dd4b"] == "الجزيرة" and outlets["004_a27e68f401b81780"] == "روسيا اليوم"
        assert con.execute("select count(*) from pipeline_runs").fetchone()[0] == 1


def test_raw_zone_holds_exact_bytes(seeds_warehouse):
    path, _ = seeds_warehouse
    lake = path.parent / "lake"
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("select path, sha256, n_bytes from raw_files").fetchall()
    zone = RawZone(lake)
    for rel, sha, n_bytes in rows:
        original = (path.parent / "corpus" / rel).read_bytes()
        assert zone.read(sha) == original and len(original) == n_bytes
    # One pack (and its index) for the run's one batch, not a file per article.
    assert sorted(p.suffix for p in (lake / "raw" / "packs").iterdir()) == [".idx", ".pack"]


def test_every_offset_slices_back_to_its_text(seeds_warehouse):
    path, _ = seeds_warehouse
    with duckdb.connect(str(path), read_only=True) as con:
        texts = dict(con.execute("select doc_id, text from documents").fetchall())
        n = 0
        for table, col in [("sentences", "text"), ("actor_mentions", "surface"),
                           ("location_mentions", "surface"), ("casualty_claims", "mention_text")]:
            rows = con.execute(f"select doc_id, char_start, char_end, {col} from {table}").fetchall()
            for doc_id, s, e, value in rows:
                assert texts[doc_id][s:e] == value, (table, doc_id, s, e, value)
                n += 1
        assert con.execute("select count(*) from sentences").fetchone()[0] > 50
    assert n > 100


def test_claim_evidence_is_its_sentence(seeds_warehouse):
    path, _ = seeds_warehouse
    with duckdb.connect(str(path), read_only=True) as con:
        bad = con.execute("""
            select count(*) from casualty_claims c join sentences s using (doc_id, sentence_no)
            where c.evidence <> s.text or c.char_start < s.char_start or c.char_end > s.char_end""").fetchone()[0]
        total = con.execute("select count(*) from casualty_claims").fetchone()[0]
    assert bad == 0 and total > 0
