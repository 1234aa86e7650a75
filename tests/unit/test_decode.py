import pytest

from pipelines.lib.ingest.decode import Unreadable, decode_bytes

ARTICLE = "قالت المعارضة السورية إنها صدت هجوماً لقوات النظام على مواقعها في مدينة حرستا بريف دمشق.\n" * 3


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
     ("utf-16-be", "utf-16-be"), ("cp1256", "cp1256")],
)
def test_arabic_decodes_in_every_encoding(encoding, expected):
    decoded = decode_bytes(ARTICLE.encode(encoding))
    assert decoded.text == ARTICLE
    assert decoded.encoding == expected


def test_crlf_and_a_lone_cr_become_lf():
    assert decode_bytes("سطر\r\nسطر".encode()).text == "سطر\nسطر"
    assert decode_bytes("سطر\rسطر\r\n\r".encode()).text == "سطر\nسطر\n\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", r"empty file \(0 bytes\)"),
        (b"   \n\n ", "no text"),
        ("\u00a0\u2003\r\n\t".encode(), "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary content"),
        (bytes(range(256)) * 4, "binary content"),
    ],
)
def test_unreadable_input_says_why(data, reason):
    with pytest.raises(Unreadable, match=reason):
        decode_bytes(data)


def test_size_cap():
    with pytest.raises(Unreadable, match="too large"):
        decode_bytes(ARTICLE.encode(), max_bytes=10)
