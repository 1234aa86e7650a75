"""Actor and location mentions in a batch of sentences, with document-level character offsets.

One Aho-Corasick pass runs over the whole batch in matching form (sentences joined by line breaks);
hits are kept where they are whole words (after proclitics), their condition holds, and no longer
hit overlaps them. Around person-role and place-word hits, persons and places the dictionaries lack
are detected. Every span maps back to the display text of its sentence.

Alias conditions (``seeds/reference/*aliases.csv``):
- ``cue``: the name is also a common word ("الباب", "دمر"), so a place word or a locative word must
  stand right before it, or it must follow another place in a list ("نبل والزهراء").
- ``anaphor``: a short form ("النظام", "التنظيم", "الجيش") counts only in a document that names the
  same party (itself, a parent or a child; a person only by themself) in full.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.arabic.textmap import normalize_mapped
from pipelines.lib.arabic.tokenize import find_stem
from pipelines.lib.extract.automaton import ACTOR, LOCATION, PLACE_WORD, ROLE, TITLE, Entry, KeyBuilder, Match, scan
from pipelines.lib.extract.persons import find_person, person_id
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
MENTION_SCHEMA = {
    "doc_id": pl.String, "sentence_no": pl.Int64, "surface": pl.String, "char_start": pl.Int64, "char_end": pl.Int64,
}
STRONG = "strong"
COORDINATION = ("و",)
COMMAS = ("،", ",")
SEPARATOR = " \n "
_NEXT_WORD = re.compile(r" (\w+)")


@dataclass(frozen=True)
class ReferenceData:
    """Everything the matcher needs, built once: dictionaries, gazetteer, lexicons and the automaton."""

    actors: pl.DataFrame              # ACTOR_SCHEMA, source = 'dictionary'
    locations: pl.DataFrame           # LOCATION_SCHEMA
    automaton: ahocorasick.Automaton
    families: dict[str, frozenset[str]]   # actor_id → the ids that license its anaphoric aliases
    persons: frozenset[str]               # actor ids of persons
    actor_rows: dict[str, dict]
    location_rows: dict[str, dict]
    governorate_of: dict[str, str]        # governorate / countryside / capital id → governorate id
    countrysides: frozenset[str]          # ids a direction word may extend ("ريف حماة الشمالي")
    place_words: dict[str, dict]          # matching form → place-words row
    places: PlaceLexicon
    roles: PersonRoles


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


def _governorates(locations: pl.DataFrame) -> dict[str, str]:
    rows = list(locations.iter_rows(named=True))
    gov_by_admin = {normalize(r["admin1_ar"]): r["location_id"] for r in rows if r["kind"] == "governorate" and r["admin1_ar"]}
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
    for actor_id, alias, condition in actor_dict.aliases.iter_rows():
        if condition != "block":
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
    return ReferenceData(
        actors=actors,
        locations=gazetteer.locations,
        automaton=builder.build(),
        families=_families(actors),
        persons=frozenset(actors.filter(pl.col("actor_type") == "person")["actor_id"]),
        actor_rows={r["actor_id"]: r for r in actors.iter_rows(named=True)},
        location_rows={r["location_id"]: r for r in gazetteer.locations.iter_rows(named=True)},
        governorate_of=_governorates(gazetteer.locations),
        countrysides=frozenset(
            gazetteer.locations.filter(pl.col("kind") == "countryside")["location_id"].to_list() + ["gov:rif_dimashq"]
        ),
        place_words={r["word"]: r for r in places.words.iter_rows(named=True)},
        places=places,
        roles=roles,
    )


@dataclass(frozen=True)
class MentionResult:
    actors: pl.DataFrame             # actor_id, name_ar, name_en, actor_type, side, parent_id, source
    locations: pl.DataFrame          # location_id, name_ar, name_en, kind, admin1_ar, admin1_en, lat, lon, geo_precision, source
    actor_mentions: pl.DataFrame     # doc_id, sentence_no, actor_id, surface, char_start, char_end
    location_mentions: pl.DataFrame  # doc_id, sentence_no, location_id, surface, char_start, char_end


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
    if find_stem(before[-1], cues) is not None or find_stem(before[-1], ref.places.word_forms) is not None:
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
    norm: str, matches: list[Match], doc_of: list[int], ref: ReferenceData
) -> tuple[SpanIndex, list[Match]]:
    """Dictionary spans of the batch after conditions and overlaps, and the trigger hits.

    ``doc_of[i]`` is the document number of ``matches[i]``: anaphoric aliases need their party named
    in full in the same document.
    """
    plain: list[_Cand] = []
    plain_docs: list[int] = []
    conditional: list[tuple[int, Match, Entry]] = []
    triggers: list[Match] = []
    for m, doc in zip(matches, doc_of, strict=True):
        start, end, _, key = m
        if key.actors or key.locations:
            plain.append((start - end, start, end, key.actors, key.locations))
            plain_docs.append(doc)
        if key.conditional:
            conditional.extend((doc, m, e) for e in key.conditional)
        if key.trigger is not None:
            triggers.append(m)
    cued: list[tuple[Match, Entry]] = [(m, e) for _, m, e in conditional if e.condition == "cue"]
    anaphoric = [(doc, m, e) for doc, m, e in conditional if e.condition == "anaphor"]
    if anaphoric:
        wanted = {doc for doc, _, _ in anaphoric}
        named: dict[int, set[str]] = defaultdict(set)
        for cand, doc in zip(plain, plain_docs, strict=True):
            if doc in wanted:
                named[doc].update(cand[3])
                named[doc].update(cand[4])
        for doc, m, entry in anaphoric:
            if ref.families.get(entry.ref_id, frozenset({entry.ref_id})) & named[doc]:
                plain.append(_single(m, entry))
    occupied = bytearray(len(norm))
    chosen: dict[tuple[int, int], Span] = {}
    _resolve(plain, occupied, chosen)
    if cued:
        # Ambiguous names only fill gaps, and only where the words around them say "place".
        index = SpanIndex(list(chosen.values()))
        _resolve([_single(m, e) for m, e in sorted(cued, key=lambda x: x[0][0]) if _has_cue(norm, m, index, ref)],
                 occupied, chosen)
    spans = SpanIndex(list(chosen.values()))
    for span in spans:
        span.person = any(a in ref.persons for a in span.actor_ids)
    return spans, triggers


def _single(m: Match, entry: Entry) -> _Cand:
    start, end = m[0], m[1]
    if entry.kind == ACTOR:
        return (start - end, start, end, (entry.ref_id,), ())
    return (start - end, start, end, (), (entry.ref_id,))


def _detect(norm: str, spans: SpanIndex, triggers: list[Match], ref: ReferenceData) -> None:
    """Add persons and places found around trigger hits to ``spans`` (never over a dictionary span)."""
    last_end = -1
    for start, end, _, key in sorted(triggers, key=lambda t: (t[0], t[0] - t[1])):
        if start < last_end or spans.overlapping(start, end):
            continue
        last_end = end
        entry = key.trigger
        if entry.kind == PLACE_WORD:
            word = ref.place_words[entry.ref_id]
            for hit in find_places(norm, end, word, spans, ref.places, ref.governorate_of, start):
                inner = spans.overlapping(hit.start, hit.end)
                if inner and hit.inner is None:
                    continue
                for old in inner:
                    spans.remove(old)
                spans.add(Span(hit.start, hit.end, (), (place_id(hit.name, hit.admin_location_id),),
                               detected={"kind": hit.kind, "admin": hit.admin_location_id}))
        else:
            hit = find_person(norm, end, spans, ref.roles, entry.condition == STRONG)
            if hit is not None and not spans.overlapping(hit.start, hit.end):
                spans.add(Span(hit.start, hit.end, (person_id(hit.name),), (), person=True,
                               detected={"parent": hit.parent_id}))


def _extend_directions(norm: str, spans: SpanIndex, ref: ReferenceData) -> None:
    """"ريف حماة" + "الشمالي" → "ريف حماة الشمالي": the direction belongs to the countryside's surface."""
    for span in spans:
        if not any(loc in ref.countrysides for loc in span.location_ids):
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
    sents = sentences.sort("doc_id", "sentence_no")
    doc_ids = sents["doc_id"].to_list()
    sent_nos = sents["sentence_no"].to_list()
    doc_starts = sents["char_start"].to_list()
    texts = [t.replace("\n", " ") for t in sents["text"].to_list()]
    # Sentences are joined by " \n ": a line break stops names, the spaces keep word boundaries.
    joined = SEPARATOR.join(texts)
    mapped = normalize_mapped(joined)
    norm = mapped.norm
    norm_starts = [0] + [m.end() for m in re.finditer("\n", norm)]
    disp_starts = [0]
    for t in texts[:-1]:
        disp_starts.append(disp_starts[-1] + len(t) + len(SEPARATOR))
    doc_number = {d: i for i, d in enumerate(dict.fromkeys(doc_ids))}
    sent_doc = [doc_number[d] for d in doc_ids]

    matches = scan(norm, ref.automaton)
    doc_of = [sent_doc[bisect_right(norm_starts, m[0]) - 1] for m in matches]
    spans, triggers = _dictionary_spans(norm, matches, doc_of, ref)
    _detect(norm, spans, triggers, ref)
    _extend_directions(norm, spans, ref)

    actor_rows: list[tuple] = []
    location_rows: list[tuple] = []
    new_actors: dict[str, dict] = {}
    new_locations: dict[str, dict] = {}
    for span in spans:
        i = bisect_right(norm_starts, span.start) - 1
        ds, de = mapped.display_span(span.start, span.end)
        surface = joined[ds:de]
        offset = doc_starts[i] - disp_starts[i]
        base = (doc_ids[i], sent_nos[i], surface, ds + offset, de + offset)
        for actor in span.actor_ids:
            actor_rows.append((actor, *base))
            if span.detected and actor not in new_actors:
                new_actors[actor] = _person_row(actor, surface, span.detected.get("parent"), ref)
        for loc in span.location_ids:
            location_rows.append((loc, *base))
            if span.detected and loc not in new_locations:
                new_locations[loc] = _place_row(loc, surface, span.detected, ref)
    return MentionResult(
        actors=pl.concat([ref.actors, pl.DataFrame(list(new_actors.values()), schema=ACTOR_SCHEMA)]),
        locations=pl.concat([ref.locations, pl.DataFrame(list(new_locations.values()), schema=LOCATION_SCHEMA)]),
        actor_mentions=_mention_frame(actor_rows, "actor_id"),
        location_mentions=_mention_frame(location_rows, "location_id"),
    )


def _mention_frame(rows: list[tuple], id_col: str) -> pl.DataFrame:
    schema = {id_col: pl.String, **MENTION_SCHEMA}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.select("doc_id", "sentence_no", id_col, "surface", "char_start", "char_end").sort(
        "doc_id", "char_start", id_col
    )


def _person_row(actor_id: str, surface: str, parent: str | None, ref: ReferenceData) -> dict:
    side = ref.actor_rows[parent]["side"] if parent in ref.actor_rows else None
    return {"actor_id": actor_id, "name_ar": surface, "name_en": None, "actor_type": "person", "side": side,
            "parent_id": parent, "source": "detected"}


def _place_row(location_id: str, surface: str, detected: dict, ref: ReferenceData) -> dict:
    gov = ref.location_rows.get(detected.get("admin") or "")
    return {
        "location_id": location_id, "name_ar": surface, "name_en": None, "kind": detected["kind"],
        "admin1_ar": gov["admin1_ar"] if gov else None, "admin1_en": gov["admin1_en"] if gov else None,
        "lat": gov["lat"] if gov else None, "lon": gov["lon"] if gov else None,
        "geo_precision": 3 if gov else None, "source": "detected",
    }
