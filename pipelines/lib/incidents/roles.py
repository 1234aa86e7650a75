"""What a claim is inside its incident: a breakdown of a total told before it, or a revision of an earlier figure.

Words from ``seeds/reference/incident_words.yaml`` (normalised on load), read around the claim's phrase in its
normalised sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pipelines.lib.extract.wordtrie import trie_alternation
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.yaml_io import read_mapping, word_list

# Words a revision cue may stand before the figure it revises.
REVISION_REACH_WORDS = 10


@dataclass(frozen=True)
class IncidentWords:
    breakdown_markers: tuple[str, ...]
    revision_cues: tuple[str, ...]
    distinctive_causes: frozenset[str]

    @cached_property
    def _breakdown_before(self) -> re.Pattern[str]:
        # the marker, then at most one word ("بينهم 11" when the phrase starts at "طفلاً"), at the phrase
        return re.compile(rf"(?<!\w)[وف]?(?:{trie_alternation(set(self.breakdown_markers))})(?: \S+)? ?$")

    @cached_property
    def _breakdown_list(self) -> re.Pattern[str]:
        # the next item of a breakdown's list: "بينهم 11 طفلاً وثماني نساء"
        return re.compile(rf"(?<!\w)[وف]?(?:{trie_alternation(set(self.breakdown_markers))})(?: \S+){{1,4}} ?و? ?$")

    @cached_property
    def _breakdown_head(self) -> re.Pattern[str]:
        return re.compile(rf"^[وف]?(?:{trie_alternation(set(self.breakdown_markers))})(?!\w)")

    @cached_property
    def _revision(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)[وفل]?(?:{trie_alternation(set(self.revision_cues))})(?!\w)")

    def is_breakdown(self, sentence_norm: str, phrase_at: int) -> bool:
        """The phrase at ``phrase_at`` (an offset into the normalised sentence) is a part of a total."""
        before = sentence_norm[max(0, phrase_at - 60):phrase_at]
        head = sentence_norm[phrase_at:phrase_at + 14].lstrip()
        listed = (before.rstrip().endswith(" و") or head.startswith("و")) and self._breakdown_list.search(before)
        return bool(self._breakdown_before.search(before) or self._breakdown_head.search(head) or listed)

    def is_revision(self, sentence_norm: str, phrase_at: int) -> bool:
        """A revision cue stands a few words before the phrase ("ارتفع عدد قتلى الغارة على السوق إلى تسعة") or
        opens it (``phrase_at``: an offset into the normalised sentence); farther back it revises another
        figure of the sentence."""
        before = sentence_norm[:phrase_at + 12]
        return any(len(before[m.end():].split()) <= REVISION_REACH_WORDS + 2 for m in self._revision.finditer(before))


def load_incident_words(path: Path) -> IncidentWords:
    data = read_mapping(path)
    causes = data.get("distinctive_causes") or []
    if not isinstance(causes, list) or not all(isinstance(c, str) and c.strip() for c in causes):
        raise ReferenceDataError(path, "'distinctive_causes' must be a list of cause names")
    return IncidentWords(word_list(path, data, "breakdown_markers"), word_list(path, data, "revision_cues"),
                         frozenset(c.strip() for c in causes))


@dataclass(frozen=True)
class Member:
    """One claim of an incident, in article order."""

    claim_id: str
    doc_id: str
    outcome: str
    victim_group: str
    count_low: int | None
    quantified: bool
    breakdown: bool
    revision_cue: bool


def _revises(later: Member, earlier: Member) -> bool:
    return (earlier.outcome == later.outcome and not earlier.breakdown and earlier.quantified
            and earlier.count_low is not None and earlier.count_low != later.count_low
            and (earlier.victim_group == later.victim_group or "unknown" in (earlier.victim_group, later.victim_group)))


def revisions(members: list[Member]) -> dict[str, str]:
    """claim_id → the claim it revises: a total with a revision cue revises the latest earlier total of its
    incident with the same outcome, compatible victims and another figure."""
    out: dict[str, str] = {}
    for i, m in enumerate(members):
        if not m.revision_cue or m.breakdown or not m.quantified or m.count_low is None:
            continue
        earlier = next((e for e in reversed(members[:i]) if _revises(m, e)), None)
        if earlier is not None:
            out[m.claim_id] = earlier.claim_id
    return out


def breakdown_totals(claims: list[tuple[str, int, str, int | None, bool]]) -> dict[str, str]:
    """For one document's claims in text order — (claim_id, sentence_no, outcome, count_low, is_breakdown) —
    each breakdown → the total it sits in: the nearest earlier non-breakdown claim of the same outcome in its
    sentence or the one before, with a figure at least as large (or none)."""
    out: dict[str, str] = {}
    for i, (claim_id, sentence_no, outcome, low, breakdown) in enumerate(claims):
        if not breakdown:
            continue
        for other_id, other_sentence, other_outcome, other_low, other_breakdown in reversed(claims[:i]):
            if sentence_no - other_sentence > 1:
                break
            if other_breakdown or other_outcome != outcome:
                continue
            if other_low is None or low is None or other_low >= low:
                out[claim_id] = other_id
            break
    return out
