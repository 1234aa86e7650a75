from pipelines.lib.ingest.outlets import detect_outlet, load_outlet_patterns
from tests.conftest import REFERENCE, SEEDS

PATTERNS = load_outlet_patterns(REFERENCE / "outlets.csv")


def test_outlets_of_the_seeds():
    found = {p.stem[:3]: detect_outlet(p.read_text(encoding="utf-8"), PATTERNS) for p in SEEDS.glob("*.txt")}
    assert found == {"000": "الجزيرة", "001": "الزمان", "002": "العربي الجديد", "003": "البيان", "004": "روسيا اليوم"}


def test_no_signature_no_outlet():
    assert detect_outlet("قتل مدنيان في قصف على حلب", PATTERNS) is None
