"""The trie form of a word alternation matches what the flat, longest-first alternation matched."""

import re

import pytest

from pipelines.lib.extract.wordtrie import Scanner, trie_alternation

WORDS = ["قتل", "قتلت", "قتلوا", "قتلى", "مقتل", "ق", "a.b", "a+", "لقوا حتفهم", "لقوا", "(x)"]


def flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@pytest.mark.parametrize("template", [r"(?P<w>{})", r"(?<!\w)(?P<w>{})(?!\w)", r"(?P<w>{})ا?"])
@pytest.mark.parametrize("text", [
    "قتلوا وقتلت قتلى مقتل ق", "لقوا حتفهم ولقوا", "a.b a+ aab (x) x", "قتلوات قتل", "",
])
def test_same_matches_as_the_flat_alternation(template, text):
    old = re.compile(template.format(flat(WORDS)))
    new = re.compile(template.format(trie_alternation(WORDS)))
    assert [(m.span(), m.group("w")) for m in new.finditer(text)] == [
        (m.span(), m.group("w")) for m in old.finditer(text)]


def test_longer_words_are_tried_first_and_backtracking_reaches_shorter_ones():
    pattern = re.compile(rf"(?:{trie_alternation(['ab', 'abc', 'abcd'])})d")
    assert pattern.match("abcdd").group(0) == "abcdd"
    assert pattern.match("abcd").group(0) == "abcd"     # "abcd" then "d" fails: backs off to "abc" + "d"
    assert trie_alternation([]) == ""
    assert trie_alternation(["", "x"]) == "x"


def test_the_alternation_depends_on_the_set_of_words_only():
    # It is kept by word set (the claim rules are built again for every part a worker extracts).
    expected = trie_alternation(WORDS)
    assert trie_alternation(reversed(WORDS)) == expected
    assert trie_alternation(w for w in [*WORDS, *WORDS]) == expected
    assert trie_alternation({*WORDS, ""}) == expected
    assert trie_alternation(WORDS[:3]) != expected


@pytest.mark.parametrize("pattern, reach", [
    (r"(?<!\w)(?P<pre>[وف]?(?:[بك]?ال|لل|[بكل])?)(?P<w>{})(?!\w)", 4),   # particles before the word
    (r"(?<!\w)(?=(?:[وف]?ال)?(?:{})(?!\w))", 3),                         # empty matches, as a cause scan
])
def test_scanner_finds_what_finditer_finds(pattern, reach):
    scanner = Scanner.of(pattern.format(trie_alternation(WORDS)), WORDS, reach)
    for text in ["وبالقتلى قتلوا فلقتل مقتلهم ق وق", "لقوا حتفهم وللقوا", "x", "", "قتلقتل والقتل"]:
        expected = [(m.span(), m.groupdict()) for m in scanner.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in scanner.finditer(text)] == expected
        assert (scanner.match(text) is None) == (scanner.pattern.match(text) is None)
