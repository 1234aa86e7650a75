"""Casualty claims: who was killed or injured, how many, according to whom, where.

The pass is two-staged. One Polars regex over the whole batch keeps the sentences that contain a
casualty stem at all (a small fraction of any news corpus); only those are normalised and read (see
``claim_reader``). Each claim then takes its source, place, perpetrator, cause and scope (see
``claim_attributes``), and restatements inside one document are folded into one claim.

Every word list lives in ``seeds/reference/claim_lexicon.yaml``; these modules hold only the grammar.
Offsets are found in normalised text and reported in the display text of the document.
"""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, ClassVar

import numpy as np
import polars as pl

from pipelines.lib.arabic.normalize import INVISIBLE_CHARS, display_span, normalize
from pipelines.lib.arabic.textmap import NormalizedBatch
from pipelines.lib.extract.claim_attributes import ClaimAttributes, Source
from pipelines.lib.extract.claim_patterns import CompiledLexicon, compile_lexicon
from pipelines.lib.extract.claim_reader import ClaimSpan, Mention, SentenceReader, SentenceView
from pipelines.lib.extract.claimants import ClaimantResolver
from pipelines.lib.extract.quantities import ANCHOR_WORDS, OPENING_WORDS, find_quantities, unglue_numbers
from pipelines.lib.extract.wordtrie import Scanner, WordAnchors
from pipelines.lib.reference.claim_lexicon import ClaimLexicon

CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.Utf8,
    "doc_id": pl.Utf8,
    "sentence_no": pl.Int32,
    "outcome": pl.Utf8,
    "count_low": pl.Int64,
    "count_high": pl.Int64,
    "quantified": pl.Boolean,
    "victim_group": pl.Utf8,
    "victim_actor_id": pl.Utf8,
    "perpetrator_actor_id": pl.Utf8,
    "perpetrator_text": pl.Utf8,
    "claimed_by_actor_id": pl.Utf8,
    "claimed_by_text": pl.Utf8,
    "location_id": pl.Utf8,
    "location_text": pl.Utf8,
    "cause": pl.Utf8,
    "scope": pl.Utf8,
    "evidence": pl.Utf8,
    "mention_text": pl.Utf8,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "claimant_id": pl.Utf8,
}

# The slots of the number words and of the words that may open a quantity in a batch's ``WordAnchors``.
_QUANTITY_WORDS = "quantity words"
_QUANTITY_OPENINGS = "quantity openings"
# How many sentences back a claim without a place of its own looks for one.
_PLACE_LOOKBACK = 2
# geo_precision of a governorate: a claim placed there may restate one placed in a town inside it.
_GOVERNORATE_RANK = 3
# How many sentences (and paragraphs) after a headline or lead may tell the attack behind its toll.
_LEAD_FOLLOW = 3
# How many sentences after a claim may claim its attack ("وأعلن التنظيم المسؤولية عن الهجوم"), and how many toll
# sentences before it, across paragraph breaks, may tell its attack when they name the same kind of attack.
_CLAIMED_AHEAD = 4
_SAME_ATTACK_LOOKBACK = 3


# The foldings of ``_normalise_expr``, each one character to at most one: diacritics, tatweel and invisible marks
# dropped, hamza seats, alef maqsura and ta marbuta folded.
_APPROXIMATE_FOLDS: dict[str, str] = {
    **{chr(c): "" for c in range(0x064B, 0x0660)}, "\u0670": "", "\u0640": "",
    **dict.fromkeys(INVISIBLE_CHARS, ""),
    **dict.fromkeys("أإآٱ", "ا"), **dict.fromkeys("ىئ", "ي"), "ؤ": "و", "ة": "ه",
}


def _normalise_expr(col: str) -> pl.Expr:
    """A vectorised approximation of ``normalize`` good enough to pre-select candidate sentences: one
    Aho-Corasick pass that folds each character on its own."""
    return pl.col(col).str.replace_many(list(_APPROXIMATE_FOLDS), list(_APPROXIMATE_FOLDS.values()))


def candidate_sentences(sentences: pl.DataFrame, lexicon: ClaimLexicon | CompiledLexicon) -> pl.DataFrame:
    """The sentences that contain a casualty stem at all: one regex over the whole batch."""
    stems = (lexicon if isinstance(lexicon, CompiledLexicon) else compile_lexicon(lexicon)).candidate_stems
    # A stem at the start of a word, after any particles and the article (Rust regex: no look-behind).
    word_start = rf"(?:^|[^\p{{L}}\p{{N}}])(?:[وفبلك]{{0,2}}(?:ال)?)(?:{stems})"
    return sentences.filter(_normalise_expr("text").str.contains(word_start))


class _MentionTable:
    """The mentions of a batch's sentences, grouped by the sentence's row in the batch: columns as Python
    lists and one offset per row (no Python tuple per mention until a sentence is read), with their offsets in
    the sentence's matching form found for all at once."""

    def __init__(self, frame: pl.DataFrame, keys: pl.DataFrame, id_col: str, texts: NormalizedBatch) -> None:
        rows = (
            frame.select("doc_id", pl.col("sentence_no").cast(pl.Int64), id_col, "surface", "char_start", "char_end")
            .with_row_index("_r")
            .join(keys, on=["doc_id", "sentence_no"], how="inner")
            .sort("_g", "_r")  # the frame's own order within a sentence, as before
        )
        self._ids = rows[id_col].to_list()
        self._surfaces = rows["surface"].to_list()
        self._starts = rows["char_start"].to_list()
        self._ends = rows["char_end"].to_list()
        self._offsets = rows["_g"].search_sorted(pl.Series(range(keys.height + 1)), side="left").to_list()
        sentence, s_start = rows["_g"].to_numpy(), rows["_s_start"].to_numpy()
        self._norm_starts = texts.to_norm(sentence, rows["char_start"].to_numpy() - s_start).tolist()
        self._norm_ends = texts.to_norm(sentence, rows["char_end"].to_numpy() - s_start).tolist()

    def rows(self, g: int) -> list[tuple]:
        """(id, surface, char_start, char_end) of the mentions in the batch's sentence ``g``."""
        a, b = self._offsets[g], self._offsets[g + 1]
        return list(zip(self._ids[a:b], self._surfaces[a:b], self._starts[a:b], self._ends[a:b], strict=True))

    def mentions(self, g: int) -> list[Mention]:
        """The mentions of sentence ``g`` with offsets in its matching form as the batch normalised it, in order."""
        a, b = self._offsets[g], self._offsets[g + 1]
        out = [Mention(*row) for row in zip(self._ids[a:b], self._norm_starts[a:b], self._norm_ends[a:b],
                                            self._starts[a:b], self._ends[a:b], self._surfaces[a:b], strict=True)]
        return sorted(out, key=lambda m: m.start)


def _to_local(rows: list[tuple], s_start: int, origin: Sequence[int]) -> list[Mention]:
    out = []
    for mid, surface, d0, d1 in rows:
        a = bisect.bisect_left(origin, d0 - s_start)
        b = bisect.bisect_left(origin, d1 - s_start)
        out.append(Mention(mid, a, b, d0, d1, surface))
    return sorted(out, key=lambda m: m.start)


class _OriginMap(Sequence[int]):
    """A sentence's offset map (see ``NormalizedBatch.get``) read off its NumPy array where asked: a sentence is
    read for the few offsets of its claims and names, not for all of them."""

    __slots__ = ("_values",)

    def __init__(self, values: np.ndarray) -> None:
        self._values = values

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, k: int | slice) -> Any:   # an int, or a list for a slice
        if isinstance(k, slice):
            return self._values[k].tolist()
        return int(self._values[k])


def _place_rank(locations: pl.DataFrame) -> dict[str, int]:
    """Smaller is more specific: the place itself (1), its district (2), governorate (3), country (4);
    places without a precision are left out (see ``ClaimAttributes.rank``)."""
    if not locations.height:
        return {}
    ranks = locations.filter(pl.col("geo_precision").is_not_null()).select("location_id", "geo_precision")
    return dict(ranks.iter_rows())


def _war_country(locations: pl.DataFrame, name: str) -> Mention | None:
    """The gazetteer entry a war-wide total is placed in (its name as the location text)."""
    if not name or not locations.height:
        return None
    for loc_id, name_ar in locations.select("location_id", "name_ar").iter_rows():
        if normalize(name_ar) == name:
            return Mention(loc_id, -1, -1, -1, -1, name_ar)
    return None


def extract_claims(sentences: pl.DataFrame, actor_mentions: pl.DataFrame, location_mentions: pl.DataFrame,
                   actors: pl.DataFrame, locations: pl.DataFrame, lexicon: ClaimLexicon) -> pl.DataFrame:
    """Casualty claims of a batch of sentences, with the columns of ``casualty_claims``.

    ``sentences`` has doc_id, sentence_no, paragraph_no, char_start, char_end, text (document offsets);
    mention frames carry document offsets too. Restatements inside one document come out once.
    """
    c = compile_lexicon(lexicon)
    if not sentences.height:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    actor_types = dict(actors.select("actor_id", "actor_type").iter_rows()) if actors.height else {}
    region = dict(locations.select("location_id", "admin1_ar").drop_nulls().iter_rows()) if locations.height else {}
    actor_sides = dict(actors.select("actor_id", "side").drop_nulls().iter_rows()) if actors.height else {}
    attrs = ClaimAttributes(c, actor_types, actor_sides, _place_rank(locations), region,
                        _war_country(locations, lexicon.war_country), ClaimantResolver(lexicon, actors))
    cand = candidate_sentences(sentences, c)   # the compiled lexicon: hashing the lexicon again is not free
    # Each candidate sentence, and whether a digit touches a letter in it (only those are unglued: "من350 ألف").
    glued = pl.col("text").str.contains(r"[\p{Arabic}&&\p{L}]\d|\d[\p{Arabic}&&\p{L}]")
    flags = cand.select("doc_id", "sentence_no", glued.alias("_glued")).unique(["doc_id", "sentence_no"], keep="last")
    docs = cand.get_column("doc_id").unique().to_list()
    doc_sents = (sentences.filter(pl.col("doc_id").is_in(docs)).sort("doc_id", "sentence_no")
                 .join(flags, on=["doc_id", "sentence_no"], how="left", maintain_order="left"))
    keys = doc_sents.select("doc_id", pl.col("sentence_no").cast(pl.Int64),
                            pl.col("char_start").cast(pl.Int64).alias("_s_start")).with_row_index("_g")
    columns = [doc_sents.get_column(col).to_list() for col in _Batch.COLUMNS]
    texts = NormalizedBatch(columns[_Batch.COLUMNS.index("text")])
    batch = _Batch(*columns, texts, _MentionTable(actor_mentions, keys, "actor_id", texts),
                   _MentionTable(location_mentions, keys, "location_id", texts), _word_anchors(c, attrs))
    rows: list[dict] = []
    firsts = doc_sents.get_column("doc_id").is_first_distinct().arg_true().to_list()   # sorted by doc_id
    for start, end in pairwise([*firsts, doc_sents.height] if firsts else []):
        rows.extend(_document_claims(batch, start, end, c, attrs))
    if not rows:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    # claim_id is the warehouse key: two readings of one phrase must never both reach it.
    columns = {name: [r[name] for r in rows] for name in CLAIM_SCHEMA}
    return pl.DataFrame(columns, schema=CLAIM_SCHEMA).unique("claim_id", keep="first", maintain_order=True)


def _word_anchors(c: CompiledLexicon, attrs: ClaimAttributes) -> WordAnchors:
    """One automaton over the words of every pattern the reader and the attributes scan sentences for."""
    return WordAnchors((v for holder in (c, attrs) for v in vars(holder).values() if isinstance(v, Scanner)),
                       {_QUANTITY_WORDS: ANCHOR_WORDS, _QUANTITY_OPENINGS: OPENING_WORDS})


@dataclass(frozen=True)
class _Batch:
    """The sentences of a batch's documents with a candidate, in document order, as columns, normalised in one
    pass. ``glued`` is None for a sentence that is no candidate, else whether a digit touches a letter in it."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("doc_id", "sentence_no", "paragraph_no", "char_start", "text", "_glued")

    doc_id: list[str]
    sentence_no: list[int]
    paragraph_no: list[int]
    char_start: list[int]
    text: list[str]
    glued: list[bool | None]
    texts: NormalizedBatch
    actors: _MentionTable
    places: _MentionTable
    anchors: WordAnchors


class _Document:
    """The sentences of one document (rows ``start:end`` of the batch), read only when a claim needs them:
    its own sentence, the sentences its attribution or place may come from (same paragraph, the lead, the
    sentence before)."""

    def __init__(self, batch: _Batch, start: int, end: int, attrs: ClaimAttributes) -> None:
        self.batch, self.base, self.attrs = batch, start, attrs
        self.size = end - start
        self.paragraph_no = batch.paragraph_no[start:end]
        # Per sentence: None when it is no candidate, else whether a digit touches a letter in it.
        self.glued = batch.glued[start:end]
        self._sentences: dict[int, SentenceView] = {}
        self._sources: dict[int, list[Source]] = {}
        # What the attribute rules say of a sentence regardless of the claim (its place, cause, told attackers):
        # asked again for every claim that looks back at it.
        self._memo: dict[tuple, Any] = {}
        self.paragraphs: dict[int, list[int]] = defaultdict(list)
        for i, paragraph_no in enumerate(self.paragraph_no):
            self.paragraphs[paragraph_no].append(i)
        self.lead = [i for i, paragraph_no in enumerate(self.paragraph_no) if paragraph_no <= 1]

    def is_candidate(self, i: int) -> bool:
        return self.glued[i] is not None

    def sentence(self, i: int) -> SentenceView:
        if i not in self._sentences:
            b, g = self.batch, self.base + i
            char_start = b.char_start[g]
            norm, values = b.texts.get_array(g)
            origin: Sequence[int] = _OriginMap(values)
            actors, places = b.actors.mentions(g), b.places.mentions(g)
            qs: list = []
            starts = None
            if self.is_candidate(i):
                if self.glued[i]:
                    norm, origin = unglue_numbers(norm, values.tolist())
                    # Spaces went in: the names' offsets are found again in the unglued text.
                    actors = _to_local(b.actors.rows(g), char_start, origin)
                    places = _to_local(b.places.rows(g), char_start, origin)
                # The lexicon's words and the number words in one pass; the patterns read their starts later.
                starts = b.anchors.find(norm)
                slots = b.anchors.slots
                qs = find_quantities(norm, starts.get(slots[_QUANTITY_WORDS], []),
                                     starts.get(slots[_QUANTITY_OPENINGS], []))
                # "في 18 شباط", "منذ 17 يونيو": the day of a date counts nobody.
                month = self.attrs.c.month_after
                qs = [q for q in qs if not (q.kind == "exact" and q.count_low is not None and q.count_low <= 31
                                            and month.match(norm, q.end))]
            self._sentences[i] = SentenceView(
                b.doc_id[g], b.sentence_no[g], b.paragraph_no[g], char_start, b.text[g], norm, origin, qs,
                {q.start: q for q in qs}, actors, places, b.anchors, _starts=starts)
        return self._sentences[i]

    def _ask(self, rule: str, i: int, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(sentence i, *args)``, once per sentence and arguments (the rules are pure)."""
        key = (rule, i, *args)
        if key not in self._memo:
            self._memo[key] = fn(self.sentence(i), *args)
        return self._memo[key]

    def raw_sources(self, i: int) -> list[Source]:
        if i not in self._sources:
            self._sources[i] = self.attrs.sources(self.sentence(i))
        return self._sources[i]

    def sources(self, i: int) -> list[Source]:
        """Named attributions of sentence ``i``; one without a name ("وأضاف أن") is the last source named."""
        out: list[Source] = []
        for src in self.raw_sources(i):
            if not src.text:
                # The nearest one named before it, in this sentence first ("أوردت الصحيفة أرقاماً تبين أن").
                last = next((x for x in reversed(out) if x.text), None) or next(
                    (x for j in range(i - 1, -1, -1) for x in reversed(self.raw_sources(j)) if x.text), None)
                if last is None:
                    continue
                src = Source(src.start, src.end, last.text, last.actor_id)
            out.append(src)
        return out

    def paragraph_source(self, i: int) -> Source | None:
        """The source of the nearest earlier sentence of the paragraph, else of the sentence right after
        ("لقي ستة ... مصرعهم. وقال المرصد السوري إن ..."); else, across a paragraph break, of the sentence right
        before when it told a toll too (a monitor's figures go on: "وخلال الفترة نفسها قتل 50 مدنياً"); a
        headline's figure takes the source its first paragraph names."""
        paragraph_no = self.paragraph_no[i]
        paragraph = self.paragraphs[paragraph_no]
        for j in reversed([j for j in paragraph if j < i]):
            if named := self.sources(j):
                return named[-1]
        if i + 1 in paragraph and (named := [x for x in self.sources(i + 1) if not x.ahead]):
            return named[0]
        if i > 0 and i - 1 not in paragraph and self.is_candidate(i - 1) and self.continues(i) \
                and (named := self.sources(i - 1)):
            return named[-1]
        if paragraph_no == 0:
            lead = [j for j in self.lead if self.paragraph_no[j] == 1]
            return next((x for j in lead for x in self.sources(j) if x.text), None)
        return None

    def continues(self, i: int) -> bool:
        """Whether sentence ``i`` says it goes on from the one before ("وخلال الفترة نفسها", "كما قتل"), and does
        not open on background ("وكان ... قد")."""
        lex = self.attrs.c.lexicon
        words = self.sentence(i).norm.split()
        return bool(words) and words[0] not in lex.background_openers \
            and any(w in lex.continuation_markers for w in words)

    def fallback_perpetrator(self, i: int, claim: ClaimSpan) -> Mention | None:
        """The attacker told before a sentence that names none of its own: the sentence before, within the
        paragraph ("قصفت قوات النظام ... . وأسفر القصف عن مقتل ..."); and when the sentence refers back to an
        attack ("وتسببت الغارات بمقتل", "وأسفر القصف عن"), the nearest earlier sentence of the document that
        names its author. An attacker that cannot have hit these victims (their own side) is passed over."""
        attrs = self.attrs
        s = self.sentence(i)
        if attrs.both_sides(s, claim):
            return None  # the dead of both sides of a battle have no single attacker, told before or not
        if claim.war or self._ask("tells_attacker", i, attrs.tells_attacker):
            # A war-wide total adds up every party's attacks (a campaign's running total still has its author);
            # a sentence that tells its own attack (even one whose author is among the victims) is not about
            # another's.
            return None
        paragraph = self.paragraphs[self.paragraph_no[i]]
        if self._ask("refers_to_attack", i, attrs.refers_to_attack):
            earlier = range(i - 1, -1, -1)
        elif self.paragraph_no[i] <= 1:
            # A headline or lead states the toll; the sentences right after it tell the attack (else a paragraph
            # before that tells the same kind of attack).
            earlier = [*(j for j in range(i + 1, min(self.size, i + 1 + _LEAD_FOLLOW))
                         if self.paragraph_no[j] <= _LEAD_FOLLOW),
                       *(self.same_attack_before(i) if i - 1 not in paragraph else ())]
        else:
            earlier = [i - 1] if i - 1 in paragraph else self.same_attack_before(i)
        for j in earlier:
            found = self._ask("told_attackers", j, attrs.told_attackers, claim.actor_id)
            if found:
                return found[0]
        # "... عن إصابة ثمانية. وأعلن تنظيم الدولة المسؤولية عن الهجوم.": a claim of the attack told just after,
        # unless a sentence between tells another attack with its author.
        ahead = range(i + 1, min(self.size, i + 1 + _CLAIMED_AHEAD))
        claiming = next((j for j in ahead if attrs.may_claim(self.batch.texts.norm_of(self.base + j))), None)
        if claiming is None or any(attrs.tells_attacker(self.sentence(j)) for j in range(i + 1, claiming)):
            return None
        return attrs.responsible(self.sentence(claiming), claim.actor_id)

    def same_attack_before(self, i: int) -> list[int]:
        """The sentences right before sentence ``i``, across paragraph breaks, that tell the same kind of attack: its
        tolls, back to the attack told before them (outlets that give every sentence a paragraph: "ألقت طائرات ...
        قنابل بغازات سامة" / "وقالت الجمعية إن 500 شخص تلقوا علاجاً من أعراض الغازات السامة"); nearest first.
        None when the sentence gives a new attack as its cause ("في غارة", "جراء قصف")."""
        s = self.sentence(i)
        cause = self.attrs.cause(s)
        if self.attrs.tells_new_attack(s):
            return []  # "وتأتي هذه الغارات غداة مقتل 20 مدنياً في غارة نفذتها طائرات ...": another attack
        out: list[int] = []
        for j in range(i - 1, max(-1, i - 1 - _SAME_ATTACK_LOOKBACK), -1):
            if cause == "unknown" or not self.attrs.names_cause(self.batch.texts.norm_of(self.base + j), cause):
                break
            out.append(j)
            if not self.is_candidate(j):
                break  # the attack told before its tolls
        return out

    def fallback_place(self, i: int) -> Mention | None:
        """The place of the sentences just before (which a claim continues: "وأضافت أنها ... قتلت"),
        else of the rest of the paragraph, else of the title and lead."""
        paragraph = self.paragraphs[self.paragraph_no[i]]
        before = list(range(i - 1, max(-1, i - 1 - _PLACE_LOOKBACK), -1))
        after = [j for j in paragraph if j > i]
        for j in dict.fromkeys([*before, *after, *self.lead]):
            place = self._ask("place", j, self.attrs.place, None)
            if place is not None:
                return place
        return None


def _document_claims(batch: _Batch, start: int, end: int, c: CompiledLexicon, attrs: ClaimAttributes) -> list[dict]:
    doc = _Document(batch, start, end, attrs)
    out = []
    for i in range(doc.size):
        # A question ("هل شاهدت جثث ...؟") asserts no toll.
        if not doc.is_candidate(i) or batch.text[start + i].rstrip().endswith(("?", "؟")):
            continue
        s = doc.sentence(i)
        claims = _settle_sentence(SentenceReader(s, c, attrs.actor_types).read(), c.lexicon.other_victims)
        enemies = attrs.mutual_enemies(s, claims)
        for k, cl in enumerate(claims):
            own = _pick_source(doc.sources(i), cl)
            # A war-wide total told without a source is the outlet's stock background, not the paragraph's source's.
            row = _row(doc, i, cl, own or (None if cl.war else doc.paragraph_source(i)))
            row["_source_rank"] = 2 if own else int(row["claimed_by_text"] is not None)
            if row["perpetrator_actor_id"] is None and k in enemies:
                row["perpetrator_actor_id"], row["perpetrator_text"] = enemies[k].id, enemies[k].surface
            out.append(row)
    return _merge_restatements(out)


def _settle_sentence(claims: list[ClaimSpan], others: frozenset[str] = frozenset()) -> list[ClaimSpan]:
    """Give victimless claims the group of a coordinated claim, and "others" ("وإصابة 30 آخرين") the victims
    counted before them; drop vague repeats inside one sentence."""
    claims = sorted(claims, key=lambda cl: cl.start)
    for k, cl in enumerate(claims):
        if k and cl.noun is not None and cl.noun in others and cl.actor_id is None:
            before = claims[k - 1]
            cl.group, cl.actor_id = before.group, before.actor_id
    for cl in claims:
        if cl.group is not None:
            continue
        # The nearest claim with a group, the first of two as near (two claims may start together: "قتلى ومصابين").
        nearest = min((o for o in claims if o is not cl and o.group is not None),
                      key=lambda o: abs(o.start - cl.start), default=None)
        cl.group = nearest.group if nearest is not None else "unknown"
        if cl.actor_id is None and nearest is not None:
            cl.actor_id = nearest.actor_id
    numbered = {cl.outcome for cl in claims if cl.low is not None or cl.high is not None}
    return [cl for cl in claims if cl.quantified or cl.low is not None or cl.outcome not in numbered]


def _pick_source(sources: list[Source], claim: ClaimSpan) -> Source | None:
    before = [s for s in sources if s.start <= claim.anchor]
    # "وفقاً للوزير، ... تسبب بمقتل أربعين شخصاً وفق ما أفاد مسعفون": a preposition's source closing the claim's
    # clause credits it rather than one that credited an earlier clause; a verb of saying before the claim
    # ("أعلن المقاتلون أنهم ... قتلوا") keeps the whole that-clause it introduced.
    closing = [s for s in sources if s.prep and s.start >= claim.end and s.text]
    if closing and (not before or before[-1].prep):
        return closing[0]
    if before:
        return before[-1]
    after = [s for s in sources if not s.ahead]
    return after[0] if after else None


def claim_key(doc_id: str, sentence_no: int, char_start: int, outcome: str, victim_group: str) -> str:
    """A claim's ``claim_id``, from columns of its own row: the same phrase read in the same place of the same
    document keeps its id from run to run, and an exact copy's claims get theirs from the copy's doc_id."""
    return hashlib.sha1(f"{doc_id}|{sentence_no}|{char_start}|{outcome}|{victim_group}".encode()).hexdigest()[:16]


def _row(doc: _Document, i: int, cl: ClaimSpan, src: Source | None) -> dict:
    s, attrs = doc.sentence(i), doc.attrs
    d0, d1 = display_span(s.origin, cl.start, cl.end, len(s.text))
    while d1 < len(s.text) and (unicodedata.category(s.text[d1]) == "Mn" or s.text[d1] == "\u0640"):
        d1 += 1  # the phrase keeps its last letter's diacritics ("مدنياً")
    start, end = s.char_start + d0, s.char_start + d1
    place = attrs.place(s, cl)
    place_in_sentence = place is not None
    if cl.war and attrs.war_country is not None:
        # A war-wide total belongs to the country, not to a town (or a fighters' homeland) named in passing.
        place, place_in_sentence = attrs.war_country, False
    if place is None:
        place = doc.fallback_place(i)
    perp = attrs.perpetrator(s, cl, src) or doc.fallback_perpetrator(i, cl)
    victim_group = cl.group or "unknown"
    return {
        "claim_id": claim_key(s.doc_id, s.sentence_no, start, cl.outcome, victim_group),
        "doc_id": s.doc_id,
        "sentence_no": s.sentence_no,
        "outcome": cl.outcome,
        "count_low": cl.low,
        "count_high": cl.high,
        "quantified": cl.quantified,
        "victim_group": victim_group,
        "victim_actor_id": cl.actor_id,
        "perpetrator_actor_id": perp.id if perp else None,
        "perpetrator_text": perp.surface if perp else None,
        "claimed_by_actor_id": src.actor_id if src else None,
        "claimed_by_text": src.text if src else None,
        "location_id": place.id if place else None,
        "location_text": place.surface if place else None,
        "cause": doc._ask("cause", i, attrs.cause),
        "scope": cl.scope,
        "evidence": s.text,
        "mention_text": s.text[d0:d1],
        "char_start": start,
        "char_end": end,
        "claimant_id": attrs.claimants.resolve(src.actor_id, src.text) if src else None,
        "_place_in_sentence": place_in_sentence,
        "_headline": s.paragraph_no == 0,
        "_noun": cl.noun,
        "_region": attrs.region.get(place.id) if place else None,
        "_governorate": place is not None and attrs.place_rank.get(place.id) == _GOVERNORATE_RANK,
        "_norm_evidence": s.norm,
        # The phrase and the words after it: a repeated headline repeats them all ("قتلى بالزبداني والمعارضة").
        "_norm_mention": " ".join([s.norm[cl.start:cl.end].lstrip("وف"), *s.norm[cl.end:].split()[:3]]),
    }


def _merge_restatements(rows: list[dict]) -> list[dict]:
    """One claim per statement: a later row that restates an earlier one (same outcome and count,
    compatible victims, no conflicting place) is folded into it, keeping the most informative row."""
    groups: list[list[dict]] = []
    for r in rows:
        for g in groups:
            if _same_claim(g[0], r):
                g.append(r)
                break
        else:
            groups.append([r])
    out = []
    for g in groups:
        best = max(g, key=_informativeness)
        if best["scope"] != "cumulative" and any(r["scope"] == "cumulative" for r in g):
            # A toll told once as a running total ("قتل حتى الآن أكثر من 2000") is one in every restatement,
            # even where the kept sentence lacks the cue.
            best = {**best, "scope": "cumulative"}
        out.append(best)   # the working keys ("_...") stay: the batch's frame takes the columns of CLAIM_SCHEMA
    return out


def _same_claim(a: dict, b: dict) -> bool:
    if a["outcome"] != b["outcome"] or a["count_low"] != b["count_low"]:
        return False
    if a["count_high"] != b["count_high"] and None not in (a["count_high"], b["count_high"]):
        return False  # "30" may restate "at least 30", but 20..99 never restates 20..20
    if "unknown" not in (a["victim_group"], b["victim_group"]) and a["victim_group"] != b["victim_group"]:
        return False
    if a["_norm_evidence"] == b["_norm_evidence"]:
        return a["mention_text"] == b["mention_text"]
    # A headline summarises the article's main toll, often with a broader or different place name
    # ("12 قتيلاً ... على مدينة الباب" for "مقتل 12 مواطناً ... في قرية قصر البريج").
    headline = a["_headline"] or b["_headline"]
    places_agree = headline or not (a["_place_in_sentence"] and b["_place_in_sentence"]
                                    and a["location_id"] != b["location_id"]) or _within(a, b) or _within(b, a)
    if a["quantified"] and b["quantified"] and a["count_low"] is not None and a["count_low"] >= 2:
        return places_agree
    # One person, "dozens", "a number of": common enough that only the same words, the same victims at
    # the same named place, or one victim named alike in the same governorate make a restatement.
    if headline:
        # One victim named by two different nouns is two people ("مقتل قيادي" and "وقتل الزعيم السابق").
        nouns_agree = None in (a["_noun"], b["_noun"]) or a["count_low"] != 1 \
            or a["_noun"].removesuffix("ا") == b["_noun"].removesuffix("ا")   # "مدني" and its accusative "مدنياً"
        return nouns_agree and (a["victim_actor_id"] == b["victim_actor_id"]
                                or None in (a["victim_actor_id"], b["victim_actor_id"]))
    if a["victim_group"] != b["victim_group"] or a["victim_actor_id"] != b["victim_actor_id"]:
        return False
    if a["_norm_mention"] == b["_norm_mention"]:
        return places_agree
    if a["location_id"] is not None and a["location_id"] == b["location_id"]:
        return True
    return a["count_low"] == 1 and a["_noun"] is not None and a["_noun"] == b["_noun"] \
        and a["_region"] is not None and a["_region"] == b["_region"]


def _within(a: dict, b: dict) -> bool:
    """``b``'s place lies in ``a``'s governorate ("هجومه على محافظة السويداء ... أوقع" and "في الشبكي")."""
    return a["_governorate"] and a["_region"] is not None and a["_region"] == b["_region"]


def _informativeness(r: dict) -> tuple:
    """Which restatement to keep: the one that names its victims, then the one whose own sentence
    names its source, then the first (a lead states a toll before the body repeats it)."""
    return (r["victim_group"] != "unknown", r["_source_rank"], -r["char_start"])
