"""Actor and location mentions in a batch of sentences, with document-level character offsets.

One Aho-Corasick pass runs over the whole batch in matching form (sentences joined by line breaks);
hits are kept where they are whole words (after proclitics), their condition holds, and no longer
hit overlaps them. Around person-role and place-word hits, persons and places the dictionaries lack
are detected. Every span maps back to the display text of its sentence.

Alias conditions (``seeds/reference/*aliases.csv``):
- ``cue``: the name is also a common word ("الباب", "دمر"), so a place word or a locative word must
  stand right before it, or it must follow another place in a list ("نبل والزهراء").
- ``locative``: a state's name is a place only after a locative word ("في روسيا", "بتركيا"); a name
  that is both a party and a place ("روسيا", "موسكو") is the party anywhere else ("قالت روسيا").
- ``anaphor``: a short form ("النظام", "التنظيم", "الجيش") counts only in a document that names the
  same party (itself or an ancestor: "قوات النظام" licenses "الجيش"; a person only by themself) in full.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.arabic.textmap import code_units, normalize_mapped
from pipelines.lib.arabic.tokenize import COMMAS, find_stem
from pipelines.lib.extract.automaton import (
    ACTOR,
    LOCATION,
    PLACE_WORD,
    ROLE,
    TITLE,
    AliasAutomaton,
    Entry,
    Hits,
    KeyBuilder,
    Match,
    collect,
)
from pipelines.lib.extract.persons import find_person, find_person_before, person_id
from pipelines.lib.extract.places import find_places, place_id
from pipelines.lib.extract.spans import Span, SpanIndex, words_before
from pipelines.lib.reference.actors import load_actors
from pipelines.lib.reference.gazetteer import LOCATION_SCHEMA, load_gazetteer
from pipelines.lib.reference.person_roles import PersonRoles, load_person_roles
from pipelines.lib.reference.place_words import PlaceLexicon, load_place_words
from pipelines.lib.reference.spelling import load_spelling_groups

ACTOR_SCHEMA = {
    "actor_id": pl.String, "name_ar": pl.String, "name_en": pl.String, "actor_type": pl.String,
    "side": pl.String, "parent_id": pl.String, "source": pl.String,
}
STRONG = "strong"
DETECTED = "detected"   # ``source`` of the persons and places found in the text, not in a dictionary
COORDINATION = ("و",)
SEPARATOR = " \n "
_TANWEEN = re.compile("[\u064b-\u064d]")
_DATELINE = re.compile(r" ?:")
_NEXT_WORD = re.compile(r" (\w+)")


@dataclass(frozen=True)
class KeyFacts:
    """Per automaton key, what the span rules test about its unconditional ids, so that they read only the
    names it can concern instead of every span of the batch."""

    person: np.ndarray          # an actor id is a person
    both: np.ndarray            # an actor and a place at once ("روسيا")
    place: np.ndarray           # a location id at all
    countryside: np.ndarray     # a place a direction word may extend


@dataclass(frozen=True)
class ReferenceData:
    """Everything the matcher needs, built once: dictionaries, gazetteer, lexicons and the automaton."""

    actors: pl.DataFrame              # ACTOR_SCHEMA, source = 'dictionary'
    locations: pl.DataFrame           # LOCATION_SCHEMA
    automaton: AliasAutomaton
    families: dict[str, frozenset[str]]   # actor_id → the ids that license its anaphoric aliases
    # actor_id of an anaphoric alias → per automaton key, whether the key names one of its licensers
    anaphor_licensers: dict[str, np.ndarray]
    key_facts: KeyFacts                   # flags of each automaton key's unconditional ids, as arrays
    persons: frozenset[str]               # actor ids of persons
    actor_rows: dict[str, dict]
    location_rows: dict[str, dict]
    governorate_of: dict[str, str]        # governorate / countryside / capital id → governorate id
    countrysides: frozenset[str]          # ids a direction word may extend ("ريف حماة الشمالي")
    location_kinds: dict[str, str]        # location_id → kind
    place_words: dict[str, dict]          # matching form → place-words row
    places: PlaceLexicon
    roles: PersonRoles
    allegiance: re.Pattern[str]           # ends with a word of allegiance and its particle: a party's name follows


def _families(actors: pl.DataFrame) -> dict[str, frozenset[str]]:
    """For each actor, the actors whose full naming licenses its anaphoric aliases: itself and its
    ancestors ("قوات النظام" licenses "الجيش"); a person only by themself."""
    parent = dict(zip(actors["actor_id"], actors["parent_id"], strict=True))
    out = {}
    for actor, kind in zip(actors["actor_id"], actors["actor_type"], strict=True):
        group, node = {actor}, parent[actor]
        while node and kind != "person":
            group.add(node)
            node = parent[node]
        out[actor] = frozenset(group)
    return out


def _anaphor_licensers(automaton: AliasAutomaton, families: dict[str, frozenset[str]]) -> dict[str, np.ndarray]:
    """For each party with an anaphoric alias, which automaton keys name it or an ancestor in full."""
    keys_naming: dict[str, list[int]] = {}
    for i, key in enumerate(automaton.keys):
        for ref_id in dict.fromkeys(key.actors + key.locations):
            keys_naming.setdefault(ref_id, []).append(i)
    anaphoric = {e.ref_id for key in automaton.keys for e in key.conditional if e.condition == "anaphor"}
    out = {}
    for ref_id in anaphoric:
        mask = np.zeros(len(automaton.keys), dtype=bool)
        for licenser in families.get(ref_id, frozenset({ref_id})):
            mask[keys_naming.get(licenser, [])] = True
        out[ref_id] = mask
    return out


def _key_facts(automaton: AliasAutomaton, actors: pl.DataFrame, locations: pl.DataFrame) -> KeyFacts:
    persons = set(actors.filter(pl.col("actor_type") == "person")["actor_id"])
    countrysides = _countrysides(locations)
    keys = automaton.keys
    return KeyFacts(
        person=np.array([any(a in persons for a in k.actors) for k in keys], dtype=bool),
        both=np.array([bool(k.actors and k.locations) for k in keys], dtype=bool),
        place=np.array([bool(k.locations) for k in keys], dtype=bool),
        countryside=np.array([any(loc in countrysides for loc in k.locations) for k in keys], dtype=bool),
    )


def _countrysides(locations: pl.DataFrame) -> frozenset[str]:
    return frozenset(locations.filter(pl.col("kind") == "countryside")["location_id"].to_list() + ["gov:rif_dimashq"])


def _governorates(locations: pl.DataFrame) -> dict[str, str]:
    rows = list(locations.iter_rows(named=True))
    gov_by_admin = {
        normalize(r["admin1_ar"]): r["location_id"] for r in rows if r["kind"] == "governorate" and r["admin1_ar"]
    }
    out = {}
    for r in rows:
        admin = normalize(r["admin1_ar"] or "")
        if admin not in gov_by_admin:
            continue
        if r["kind"] in ("governorate", "countryside") or (r["kind"] == "city" and normalize(r["name_ar"]) == admin):
            out[r["location_id"]] = gov_by_admin[admin]
    return out


def load_reference(reference_dir: Path) -> ReferenceData:
    """Load and validate every reference file under ``reference_dir`` and build the automaton."""
    actor_dict = load_actors(reference_dir)
    gazetteer = load_gazetteer(reference_dir)
    places = load_place_words(reference_dir)
    roles = load_person_roles(reference_dir)
    builder = KeyBuilder(load_spelling_groups(reference_dir))
    generic = set(actor_dict.actors.filter(pl.col("actor_type") == "source")["actor_id"])
    for actor_id, alias, condition in actor_dict.aliases.iter_rows():
        # Generic sources are claimants only: "مصادر" or "ناشطون" alone is no actor mention.
        if condition != "block" and actor_id not in generic:
            builder.add(alias, Entry(ACTOR, actor_id, condition))
    for location_id, alias, condition in gazetteer.aliases.iter_rows():
        if condition != "block":
            builder.add(alias, Entry(LOCATION, location_id, condition))
    for word in places.words["word"]:
        builder.add(word, Entry(PLACE_WORD, word, ""), variants=False)
    for kind, phrases in ((STRONG, roles.strong_titles), (TITLE, roles.titles), (ROLE, roles.roles)):
        for phrase in phrases:
            entry = Entry(ROLE if kind == ROLE else TITLE, phrase, STRONG if kind == STRONG else "")
            builder.add(phrase, entry, variants=False)
            if not phrase.startswith("ال"):
                builder.add("ال" + phrase, entry, variants=False)
    actors = actor_dict.actors.with_columns(pl.lit("dictionary").alias("source")).select(list(ACTOR_SCHEMA))
    automaton = builder.build()
    families = _families(actors)
    return ReferenceData(
        actors=actors,
        locations=gazetteer.locations,
        automaton=automaton,
        families=families,
        anaphor_licensers=_anaphor_licensers(automaton, families),
        key_facts=_key_facts(automaton, actors, gazetteer.locations),
        persons=frozenset(actors.filter(pl.col("actor_type") == "person")["actor_id"]),
        actor_rows={r["actor_id"]: r for r in actors.iter_rows(named=True)},
        location_rows={r["location_id"]: r for r in gazetteer.locations.iter_rows(named=True)},
        governorate_of=_governorates(gazetteer.locations),
        location_kinds=dict(zip(gazetteer.locations["location_id"], gazetteer.locations["kind"], strict=True)),
        countrysides=_countrysides(gazetteer.locations),
        place_words={r["word"]: r for r in places.words.iter_rows(named=True)},
        places=places,
        roles=roles,
        # "موالين لدمشق", "المدعومة من أنقرة": where the place's name starts after a word of allegiance.
        allegiance=re.compile(rf"(?<!\w)[وف]?(?:{'|'.join(sorted(places.allegiance_words, key=len, reverse=True))})"
                              r" (?:من |ل|لل)$"),
    )


@dataclass(frozen=True)
class MentionResult:
    actors: pl.DataFrame             # actor_id, name_ar, name_en, actor_type, side, parent_id, source
    # location_id, name_ar, name_en, kind, admin1_ar, admin1_en, lat, lon, geo_precision, source
    locations: pl.DataFrame
    actor_mentions: pl.DataFrame     # doc_id, sentence_no, actor_id, surface, char_start, char_end
    location_mentions: pl.DataFrame  # doc_id, sentence_no, location_id, surface, char_start, char_end


def combine_results(parts: list[MentionResult]) -> MentionResult:
    """One result for consecutive parts of a batch (whole documents each, in the order ``find_mentions``
    sorts them), identical to ``find_mentions`` over the whole batch: mentions are per document, and a
    person or place detected in several parts keeps the row of its first detection."""
    if len(parts) == 1:
        return parts[0]

    def rows(frame: str, key: str) -> pl.DataFrame:
        detected = pl.col("source").eq_missing(DETECTED)
        new = pl.concat([getattr(p, frame).filter(detected) for p in parts]).unique(key, keep="first",
                                                                                   maintain_order=True)
        return pl.concat([getattr(parts[0], frame).filter(~detected), new])

    return MentionResult(
        actors=rows("actors", "actor_id"),
        locations=rows("locations", "location_id"),
        actor_mentions=pl.concat([p.actor_mentions for p in parts]),
        location_mentions=pl.concat([p.location_mentions for p in parts]),
    )


# A candidate span: (-length, start, end, actor ids, location ids) — sorts longest first.
_Cand = tuple[int, int, int, tuple[str, ...], tuple[str, ...]]


def _has_cue(norm: str, match: Match, spans: SpanIndex, ref: ReferenceData) -> bool:
    """Whether an ambiguous place name stands where only a place can: after a place word, a locative
    word, or another place it is listed with ("نبل والزهراء", "دوما، حرستا")."""
    start, _, prefix_len, _ = match
    word_start = start - prefix_len
    i = word_start
    while i > 0 and norm[i - 1] == " ":
        i -= 1
    if prefix_len and norm[word_start] in COORDINATION:
        before = spans.ending_at(i)
        if before is not None and before.location_ids:
            return True
    before = words_before(norm, word_start, 2)
    if not before:
        if i > 0 and norm[i - 1] in COMMAS:
            j = i - 1
            while j > 0 and norm[j - 1] == " ":
                j -= 1
            prior = spans.ending_at(j)
            return prior is not None and bool(prior.location_ids)
        return False
    cues = ref.places.location_cues
    if find_stem(before[-1], cues, True) is not None or find_stem(before[-1], ref.places.word_forms) is not None:
        return True
    return len(before) == 2 and " ".join(before) in cues


def _resolve(candidates: list[_Cand], occupied: bytearray, spans: dict[tuple[int, int], Span]) -> None:
    """Add ``candidates`` to ``spans``, longest first, skipping any that overlap a span already taken;
    equal spans merge (a name can be an actor and a place: "روسيا"). ``occupied`` marks taken characters."""
    for _, start, end, actors, locations in sorted(candidates):
        span = spans.get((start, end))
        if span is not None:
            span.actor_ids = tuple(dict.fromkeys(span.actor_ids + actors))
            span.location_ids = tuple(dict.fromkeys(span.location_ids + locations))
            continue
        if occupied.find(1, start, end) != -1:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        spans[(start, end)] = Span(start, end, actors, locations)


def _dictionary_spans(
    norm: str, hits: Hits, doc_starts: list[int], ref: ReferenceData
) -> tuple[SpanIndex, list[Span]]:
    """Dictionary spans of the batch after conditions and overlaps, and the spans a direction word may extend.

    ``doc_starts`` are the normalised offsets where documents start: anaphoric aliases need their party
    named in full in the same document. Unconditional names stay arrays through the overlap groups; the
    rules after that read only the spans their key's flags (``KeyFacts``) or their making concern.
    """
    automaton, facts = ref.automaton, ref.key_facts
    named = automaton.named[hits.key]
    conditional = [(m, e) for m in hits.matches(automaton.keys, automaton.conditional[hits.key])
                   for e in m[3].conditional]
    cued = sorted(((m, e) for m, e in conditional if e.condition == "cue"), key=lambda x: x[0][0])
    anaphoric = [(m, e) for m, e in conditional if e.condition == "anaphor"]
    locative_only = {(m[0], m[1], e.ref_id) for m, e in conditional if e.condition == "locative"}
    licensed = _licensed(anaphoric, hits, named, doc_starts, ref) if anaphoric else []
    locative = [_single(m, e) for m, e in conditional if e.condition == "locative"]
    occupied, chosen, rows, made = _resolve_batch(hits, named, locative + licensed, len(norm), ref)
    rows_start, rows_end, rows_key = rows
    # A name that is a place only after a cue word ("في سورية") still makes the state listed with it a place too
    # ("في سورية والعراق"): the cued places by their cue words alone (no spans to be listed with), before the states
    # are decided. A hit cued by its words is cued with the spans too, so the fillers below ask only the others.
    no_spans = SpanIndex()
    by_words = [_has_cue(norm, m, no_spans, ref) for m, _ in cued]
    cued_ends = {m[1] for (m, e), ok in zip(cued, by_words, strict=True) if ok and e.kind == LOCATION}
    touched = made + _decide_states(norm, chosen, rows, made, locative_only, ref, cued_ends)
    _drop_non_places(norm, chosen, rows, made, ref)
    if cued:
        # Ambiguous names only fill gaps, and only where the words around them say "place".
        index = SpanIndex(list(chosen.values()))
        fillers = [_single(m, e) for (m, e), ok in zip(cued, by_words, strict=True)
                   if ok or _has_cue(norm, m, index, ref)]
        _resolve(fillers, occupied, chosen)
        touched += [chosen[(c[1], c[2])] for c in fillers if (c[1], c[2]) in chosen]
    persons = ref.persons
    for span in touched:
        # Spans made from a key carry its person flag; these were made or changed by a rule.
        span.person = bool(span.actor_ids) and any(a in persons for a in span.actor_ids)
    countryside = facts.countryside[rows_key]
    extendable = [chosen[k] for k in zip(rows_start[countryside].tolist(), rows_end[countryside].tolist(), strict=True)
                  if k in chosen]
    extendable += [span for span in touched if span.location_ids]
    return SpanIndex(list(chosen.values())), extendable


def _licensed(anaphoric: list[tuple[Match, Entry]], hits: Hits, named: np.ndarray, doc_starts: list[int],
              ref: ReferenceData) -> list[_Cand]:
    """The anaphoric hits whose party (or an ancestor) is named in full in the same document."""
    starts = np.asarray(doc_starts, dtype=np.int64)
    plain_doc = np.searchsorted(starts, hits.start[named], side="right") - 1
    plain_key = hits.key[named]
    naming_docs: dict[str, set[int]] = {}
    out = []
    for m, e in anaphoric:
        docs = naming_docs.get(e.ref_id)
        if docs is None:
            licensing = ref.anaphor_licensers[e.ref_id][plain_key]
            docs = naming_docs[e.ref_id] = set(np.unique(plain_doc[licensing]).tolist())
        if bisect_right(doc_starts, m[0]) - 1 in docs:
            out.append(_single(m, e))
    return out


def overlap_groups(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split candidate spans ``[start, end)`` for longest-first selection: (the candidates that win their group
    outright, the candidates of groups that need ``_resolve``), as indices.

    A group is a maximal set of transitively overlapping candidates; selection in one group never depends on
    another. When one candidate's span is the group's whole extent and no other has that span, it is the
    longest and overlaps every other one: it wins alone (a lone name, or "ريف دمشق" over "دمشق")."""
    if not len(start):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((end, start))
    s, e = start[order], end[order]
    reach = np.empty_like(e)                       # the furthest end of the candidates before each one
    reach[0] = np.iinfo(e.dtype).min
    np.maximum.accumulate(e[:-1], out=reach[1:])
    opens = s >= reach
    first = np.flatnonzero(opens)
    group = np.cumsum(opens) - 1
    covers = (s == s[first][group]) & (e == np.maximum.reduceat(e, first)[group])
    alone = (np.bincount(group, weights=covers, minlength=len(first)) == 1)[group]
    return order[alone & covers], order[~alone]


def _taken(start: np.ndarray, end: np.ndarray, text_len: int) -> bytearray:
    """``text_len`` bytes, 1 on every character of the spans ``[start, end)`` (which do not overlap)."""
    length = end - start
    first = np.repeat(start - (np.cumsum(length) - length), length)
    taken = np.zeros(text_len, dtype=np.uint8)
    taken[first + np.arange(len(first), dtype=np.int64)] = 1
    return bytearray(taken.tobytes())


def _resolve_batch(
    hits: Hits, named: np.ndarray, singles: list[_Cand], text_len: int, ref: ReferenceData
) -> tuple[bytearray, dict[tuple[int, int], Span], tuple[np.ndarray, np.ndarray, np.ndarray], list[Span]]:
    """``_resolve`` over the unconditional hits and ``singles`` at once, as arrays where the outcome is plain.

    Candidates fall into groups of transitively overlapping spans; longest-first selection in one group never
    depends on another. A group with one span that covers all the others (a lone name, or "ريف دمشق" over
    "دمشق") keeps that span alone; the rest (partial overlaps, one span reached by several names) go
    through ``_resolve``. Returns the taken characters, the chosen spans, the (start, end, key) arrays of
    those chosen from plain groups of unconditional names, and the spans made otherwise."""
    keys, person = ref.automaton.keys, ref.key_facts.person.tolist()
    plain_start, plain_end, plain_key = hits.start[named], hits.end[named], hits.key[named]
    n_plain = len(plain_start)
    start = np.concatenate([plain_start, np.array([c[1] for c in singles], dtype=np.int64)])
    end = np.concatenate([plain_end, np.array([c[2] for c in singles], dtype=np.int64)])
    chosen: dict[tuple[int, int], Span] = {}
    if not len(start):
        empty = np.zeros(0, dtype=np.int64)
        return bytearray(text_len), chosen, (empty, empty, empty), []

    def candidate(i: int) -> _Cand:
        if i >= n_plain:
            return singles[i - n_plain]
        key = keys[plain_key[i]]
        return (int(start[i] - end[i]), int(start[i]), int(end[i]), key.actors, key.locations)

    winners, hard = overlap_groups(start, end)
    occupied = _taken(start[winners], end[winners], text_len)
    rows = winners[winners < n_plain]
    rows_start, rows_end, rows_key = start[rows], end[rows], plain_key[rows]
    chosen.update({(a, b): Span(a, b, keys[k].actors, keys[k].locations, person[k])
                   for a, b, k in zip(rows_start.tolist(), rows_end.tolist(), rows_key.tolist(), strict=True)})
    made = []
    for i in winners[winners >= n_plain].tolist():
        c = singles[i - n_plain]
        made.append(Span(c[1], c[2], c[3], c[4]))
        chosen[(c[1], c[2])] = made[-1]
    before = len(chosen)
    _resolve([candidate(i) for i in hard.tolist()], occupied, chosen)
    made += list(chosen.values())[before:]
    return occupied, chosen, (rows_start, rows_end, rows_key), made


def _decide_states(
    norm: str, chosen: dict[tuple[int, int], Span], rows: tuple[np.ndarray, np.ndarray, np.ndarray],
    made: list[Span], locative_only: set, ref: ReferenceData, cued_ends: set[int] | frozenset[int] = frozenset(),
) -> list[Span]:
    """A state's name is the party ("قالت روسيا") unless a locative word puts it on the map ("في روسيا",
    "بتركيا", "إلى سوريا والعراق"): decide, for each span that is both an actor and a place or whose
    place reading needs a locative word, which reading stays. ``cued_ends``: where names that are places only
    after a cue word end, where they have one. Returns the spans decided."""
    facts = ref.key_facts
    rows_start, rows_end, rows_key = rows
    both = facts.both[rows_key]
    pending = set(zip(rows_start[both].tolist(), rows_end[both].tolist(), strict=True))
    pending |= {(sp.start, sp.end) for sp in made if sp.actor_ids and sp.location_ids}
    pending |= {(s, e) for s, e, _ in locative_only if (s, e) in chosen}
    if not pending:
        return []
    places_by_end = set(rows_end[facts.place[rows_key]].tolist())
    places_by_end |= {sp.end for sp in made if sp.location_ids} | cued_ends
    decided = []
    for key in sorted(pending):
        span = chosen[key]
        decided.append(span)
        conditional = {loc for loc in span.location_ids if (span.start, span.end, loc) in locative_only}
        if _locative(norm, span, ref) or _coordinated(norm, span.start, places_by_end):
            if span.location_ids:
                span.actor_ids = ()
        else:
            span.location_ids = () if span.actor_ids else tuple(
                loc for loc in span.location_ids if loc not in conditional
            )
        if not span.location_ids:
            places_by_end.discard(span.end)
        if not (span.actor_ids or span.location_ids):
            del chosen[key]
    return decided


def _drop_non_places(
    norm: str, chosen: dict[tuple[int, int], Span], rows: tuple[np.ndarray, np.ndarray, np.ndarray], made: list[Span],
    ref: ReferenceData,
) -> None:
    """Take the place reading from names that the words around them make something else: a party after a word
    of allegiance ("مقاتلين موالين لدمشق", "المدعومة من أنقرة"), or the accusative nisba adjective a country name
    is spelled like ("42 جنديا سوريا")."""
    lexicon = ref.places
    starts = np.concatenate([rows[0], np.array([sp.start for sp in made], dtype=np.int64)])
    ends = np.concatenate([rows[1], np.array([sp.end for sp in made], dtype=np.int64)])
    # Only a name right after " من ", " ل", " لل" (the end of an allegiance phrase) or "ا " (an accusative
    # before a nisba) can be either; the rules below read those few.
    codes = code_units(norm)
    maybe = np.zeros(len(starts), dtype=bool)
    for before in (" من ", " ل", " لل", "ا "):
        maybe |= _preceded_by(codes, starts, before)
    for key in zip(starts[maybe].tolist(), ends[maybe].tolist(), strict=True):
        span = chosen.get(key)
        if span is None or not span.location_ids:
            continue
        start = span.start
        head = norm[max(0, start - 20):start]
        if head.endswith((" ", "ل")) and ref.allegiance.search(head) is not None:
            party = True
        elif norm[start:span.end] in lexicon.nisba_countries and head.endswith("ا "):
            before = words_before(norm, start, 2)
            party = len(before) == 2 and not before[1].startswith("ال") \
                and (before[0].isdigit() or before[0].endswith(("ين", "ون", "عشر", "عشره")))
        else:
            continue
        if party:
            span.location_ids = ()
            if not span.actor_ids:
                del chosen[key]


def _preceded_by(codes: np.ndarray, starts: np.ndarray, text: str) -> np.ndarray:
    """Whether ``text`` stands right before each of ``starts`` in the text whose code points are ``codes``."""
    ok = starts >= len(text)
    for back, ch in enumerate(reversed(text), start=1):
        ok &= codes[np.maximum(starts - back, 0)] == ord(ch)
    return ok


def _coordinated(norm: str, start: int, places_by_end: set[int]) -> bool:
    """The name is joined by "و" to a place right before it ("إلى سوريا والعراق")."""
    if start < 1 or norm[start - 1] != "و":
        return False
    i = start - 1
    while i > 0 and norm[i - 1] == " ":
        i -= 1
    return i in places_by_end


def _locative(norm: str, span: Span, ref: ReferenceData) -> bool:
    """Whether the name follows an attached ب or a country cue word ("في", "إلى"), or is a city in a
    dateline ("الرياض:" — while "روسيا: ..." opens a headline quoting Russia)."""
    start = span.start
    if _DATELINE.match(norm, span.end) and any(ref.location_kinds.get(loc) == "city" for loc in span.location_ids):
        return True
    word_start = start
    while word_start > 0 and start - word_start < 3 and norm[word_start - 1].isalnum():
        word_start -= 1
    if "ب" in norm[word_start:start]:
        return True
    before = words_before(norm, word_start, 2)
    if not before or " ".join(before) in ref.places.country_non_cues:
        return False
    cues = ref.places.country_cues
    return find_stem(before[-1], cues, True) is not None or " ".join(before) in cues


def _single(m: Match, entry: Entry) -> _Cand:
    start, end = m[0], m[1]
    if entry.kind == ACTOR:
        return (start - end, start, end, (entry.ref_id,), ())
    return (start - end, start, end, (), (entry.ref_id,))


def _detect(
    norm: str, spans: SpanIndex, triggers: list[Match], ref: ReferenceData, maqsura: Callable[[int], bool]
) -> None:
    """Add persons and places found around trigger hits to ``spans`` (never over a dictionary span).

    ``maqsura(i)``: whether normalised character ``i`` is written ى in the display text."""
    last_end = -1
    for start, end, _, key in sorted(triggers, key=lambda t: (t[0], t[0] - t[1])):
        if start < last_end or spans.overlapping(start, end):
            continue
        last_end = end
        entry = key.trigger
        if entry.kind == PLACE_WORD:
            if entry.ref_id in ref.places.final_ya and maqsura(end - 1):
                continue  # "وأدى" (and it led to) reads "وادي" (valley) in matching form
            word = ref.place_words[entry.ref_id]
            for hit in find_places(norm, end, word, spans, ref.places, ref.governorate_of, start, ref.location_kinds):
                inner = spans.overlapping(hit.start, hit.end)
                if inner and hit.inner is None:
                    continue
                for old in inner:
                    spans.remove(old)
                spans.add(Span(hit.start, hit.end, (), (place_id(hit.name, hit.admin_location_id),),
                               detected={"kind": hit.kind, "admin": hit.admin_location_id}))
        else:
            hit = find_person(norm, end, spans, ref.roles, entry.condition == STRONG, maqsura)
            if hit is not None:
                last_end = max(last_end, hit.end)  # titles inside the complement are not triggers of their own
            else:
                hit = find_person_before(norm, start, spans, ref.roles, maqsura)
            if hit is not None and not spans.overlapping(hit.start, hit.end):
                spans.add(Span(hit.start, hit.end, (person_id(hit.name),), (), person=True,
                               detected={"parent": hit.parent_id}))


def _extend_directions(norm: str, spans: SpanIndex, extendable: list[Span], ref: ReferenceData) -> None:
    """"ريف حماة" + "الشمالي" → "ريف حماة الشمالي": the direction belongs to the countryside's surface.

    ``extendable``: the spans that may name a countryside (no other span can), some perhaps since removed."""
    for span in sorted({id(sp): sp for sp in extendable}.values(), key=lambda sp: sp.start):
        if spans.covering(span.start) is not span or not any(loc in ref.countrysides for loc in span.location_ids):
            continue
        end = span.end
        for _ in range(2):
            m = _NEXT_WORD.match(norm, end)
            if m is None or m.group(1) not in ref.places.directions or spans.overlapping(end, m.end()):
                break
            end = m.end()
        span.end = end


def find_mentions(sentences: pl.DataFrame, ref: ReferenceData) -> MentionResult:
    """Actor and location mentions of ``sentences`` (doc_id, sentence_no, paragraph_no, char_start,
    char_end, text), with the dictionary/gazetteer rows plus the persons and places detected here."""
    # The pass allocates tens of thousands of short-lived tuples and no reference cycles; the cyclic
    # collector's repeated full scans would cost about a third of the run.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _find_mentions(sentences, ref)
    finally:
        if gc_was_enabled:
            gc.enable()


def _find_mentions(sentences: pl.DataFrame, ref: ReferenceData) -> MentionResult:
    if sentences.height == 0:
        def empty(id_col: str) -> pl.DataFrame:
            return pl.DataFrame(schema={"doc_id": pl.String, "sentence_no": pl.Int64, id_col: pl.String,
                                        "surface": pl.String, "char_start": pl.Int64, "char_end": pl.Int64})

        return MentionResult(ref.actors, ref.locations, empty("actor_id"), empty("location_id"))
    sents = sentences.sort("doc_id", "sentence_no").with_columns(
        pl.col("text").str.replace_all("\n", " ", literal=True).alias("_flat"))
    texts = sents["_flat"]
    # Sentences are joined by " \n ": a line break stops names, the spaces keep word boundaries.
    joined = SEPARATOR.join(texts.to_list())
    mapped = normalize_mapped(joined)
    norm = mapped.norm
    breaks = np.flatnonzero(code_units(norm) == ord("\n"))
    norm_starts = np.concatenate([np.zeros(1, dtype=np.int64), breaks + 1])
    lengths = texts.str.len_chars().cast(pl.Int64).to_numpy()[:-1] + len(SEPARATOR)
    disp_starts = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)])

    hits = collect(norm, ref.automaton)
    first_of_doc = sents["doc_id"].is_first_distinct().to_numpy()
    doc_starts = norm_starts[first_of_doc].tolist()
    spans, extendable = _dictionary_spans(norm, hits, doc_starts, ref)
    triggers = hits.matches(ref.automaton.keys, ref.automaton.trigger[hits.key])
    _detect(norm, spans, triggers, ref, lambda i: joined[mapped.to_display(i)] == "ى")
    _extend_directions(norm, spans, extendable, ref)

    offsets = [pl.Series("norm_start", norm_starts, dtype=pl.Int64),
               pl.Series("disp_start", disp_starts, dtype=pl.Int64)]
    return _results(spans, mapped, sents.drop("_flat").with_columns(offsets), ref)


def _results(spans: SpanIndex, mapped, sents: pl.DataFrame, ref: ReferenceData) -> MentionResult:
    """Mention frames with document offsets and surfaces, plus the dictionary rows and the detected ones.

    Offsets are mapped back to the display text column-wise; a place whose display surface carries
    tanween is dropped ("دوماً" is the adverb "always", not Douma)."""
    joined = mapped.display
    spans_list = list(spans)
    starts = pl.Series([s.start for s in spans_list], dtype=pl.Int64)
    ds = mapped.to_display_many(starts)
    de = mapped.to_display_many(pl.Series([s.end - 1 for s in spans_list], dtype=pl.Int64)) + 1
    tanween = pl.Series([m.start() for m in _TANWEEN.finditer(joined)], dtype=pl.Int64)
    has_tanween = ((tanween.search_sorted(de + 1, side="left") - tanween.search_sorted(ds, side="left")) > 0).to_list()
    surfaces = [joined[a:b] for a, b in zip(ds.to_list(), de.to_list(), strict=True)]
    actor_pairs = [(i, actor) for i, span in enumerate(spans_list) for actor in span.actor_ids]
    location_pairs = [(i, loc) for i, span in enumerate(spans_list) if not has_tanween[i] for loc in span.location_ids]
    new_actors: dict[str, dict] = {}
    new_locations: dict[str, dict] = {}
    for i in [i for i, span in enumerate(spans_list) if span.detected]:
        span = spans_list[i]
        for actor in span.actor_ids:
            new_actors.setdefault(actor, _person_row(actor, surfaces[i], span.detected.get("parent"), ref))
        if not has_tanween[i]:
            for loc in span.location_ids:
                new_locations.setdefault(loc, _place_row(loc, surfaces[i], span.detected, ref))
    sentence = pl.Series(sents["norm_start"]).search_sorted(starts, side="right") - 1
    shifts = sents.select(
        "doc_id", "sentence_no", (pl.col("char_start") - pl.col("disp_start")).alias("shift")
    )[sentence]
    base = pl.DataFrame({"surface": surfaces}).with_columns(
        shifts["doc_id"], shifts["sentence_no"], (ds + shifts["shift"]).alias("char_start"),
        (de + shifts["shift"]).alias("char_end"),
    )
    return MentionResult(
        actors=pl.concat([ref.actors, pl.DataFrame(list(new_actors.values()), schema=ACTOR_SCHEMA)]),
        locations=pl.concat([ref.locations, pl.DataFrame(list(new_locations.values()), schema=LOCATION_SCHEMA)]),
        actor_mentions=_mention_frame(base, actor_pairs, "actor_id"),
        location_mentions=_mention_frame(base, location_pairs, "location_id"),
    )


def _mention_frame(base: pl.DataFrame, pairs: list[tuple[int, str]], id_col: str) -> pl.DataFrame:
    """One row per (span, id): the span's row of ``base`` with the id."""
    rows, ids = (list(column) for column in zip(*pairs, strict=True)) if pairs else ([], [])
    return (
        base[rows]
        .with_columns(pl.Series(id_col, ids, dtype=pl.String))
        .select(
            "doc_id", pl.col("sentence_no").cast(pl.Int64), id_col, "surface",
            pl.col("char_start").cast(pl.Int64), pl.col("char_end").cast(pl.Int64),
        )
        .sort("doc_id", "char_start", id_col)
    )


def _person_row(actor_id: str, surface: str, parent: str | None, ref: ReferenceData) -> dict:
    side = ref.actor_rows[parent]["side"] if parent in ref.actor_rows else None
    return {"actor_id": actor_id, "name_ar": surface, "name_en": None, "actor_type": "person", "side": side,
            "parent_id": parent, "source": DETECTED}


def _place_row(location_id: str, surface: str, detected: dict, ref: ReferenceData) -> dict:
    gov = ref.location_rows.get(detected.get("admin") or "")
    return {
        "location_id": location_id, "name_ar": surface, "name_en": None, "kind": detected["kind"],
        "admin1_ar": gov["admin1_ar"] if gov else None, "admin1_en": gov["admin1_en"] if gov else None,
        "lat": gov["lat"] if gov else None, "lon": gov["lon"] if gov else None,
        "geo_precision": 3 if gov else None, "source": DETECTED,
    }
