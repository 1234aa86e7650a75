"""A warehouse with incidents for the dashboard tests, built by the real pipeline from the dashboard test
corpus plus three dated articles (written for these tests) about one attack: a monitor's figure, a rescue
service's different one, and the monitor's revised toll. ``incidents_fixture.sql`` then writes the
incident contract's table and columns, so the pages are tested on known incidents (several claims each,
a revision chain, sources that disagree) whatever the incidents stage's clustering does."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.dashboards.dash_warehouse import make_corpus

FIXTURE_SQL = Path(__file__).resolve().parent / "incidents_fixture.sql"

ATTACK_ARTICLES = {
    "910_market_shelling.txt": (
        "قصف على سوق معرة النعمان\n\n"
        "قال المرصد السوري لحقوق الإنسان إن 7 مدنيين قتلوا وأصيب 15 آخرون في قصف مدفعي لقوات النظام "
        "على سوق مدينة معرة النعمان في ريف إدلب الجنوبي.\n"
    ),
    "911_rescuers_count.txt": (
        "الدفاع المدني يحصي ضحايا معرة النعمان\n\n"
        "أعلن الدفاع المدني السوري مقتل 9 مدنيين في القصف المدفعي الذي استهدف سوق مدينة معرة النعمان "
        "جنوبي إدلب.\n"
    ),
    "912_toll_rises.txt": (
        "ارتفاع حصيلة قصف معرة النعمان\n\n"
        "قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا في قصف قوات النظام على سوق مدينة معرة النعمان، "
        "بحسب أرقام جديدة.\n"
    ),
}


# The corpus's metadata sidecar (Hugging Face folder-dataset convention) dates the attack articles and names
# their outlets and links; the other test articles stay undated.
ATTACK_METADATA = (
    "file_name,published_at,url,outlet\n"
    "910_market_shelling.txt,2019-05-02,https://example.org/news/910,الجزيرة\n"
    "911_rescuers_count.txt,2019-05-02,https://example.org/news/911,عنب بلدي\n"
    "912_toll_rises.txt,2019-05-03,https://example.org/news/912,الجزيرة\n"
)


def build_with_incidents(base: Path) -> Path:
    """Build (once per ``base``) the test warehouse with the attack articles and the fixture incidents."""
    warehouse = base / "warehouse.duckdb"
    if warehouse.exists():
        return warehouse
    from pipelines.cli import build_warehouse

    corpus = make_corpus(base / "corpus")
    for name, text in ATTACK_ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "metadata.csv").write_text(ATTACK_METADATA, encoding="utf-8")
    building = base / "building.duckdb"
    facts = build_warehouse(corpus, building, base / "lake")
    if not facts.get("success") or not building.exists():
        raise RuntimeError(f"the pipeline did not publish a test warehouse: {facts}")
    with duckdb.connect(str(building)) as con:
        con.execute(FIXTURE_SQL.read_text(encoding="utf-8"))
    building.rename(warehouse)
    return warehouse
