"""Synthetic corpora for the benchmark: N articles recombined from real paragraphs, with injected duplicates.

Every file has the layout of ``seeds/articles``: a title line, a blank line, then paragraphs separated by
blank lines. A *base* article takes a random title and random distinct paragraphs from the pool until it
reaches a random length of 150-750 words (the dev corpus has a median of 350 and a mean of 440). Then
5% of the files are byte-identical copies of a base article and 10% are near copies of one (a sentence
dropped, adjacent words swapped, a byline added). Each copy has its own base article, so the ground truth
is a set of disjoint (copy, source) pairs; every near pair keeps a true 3-word-shingle Jaccard of at least
``MIN_NEAR_JACCARD`` (edits are redrawn, milder, until it does), which makes "near duplicate at threshold
0.8" well defined for every injected pair.

Generation streams: a base article is kept as a list of paragraph indices and rendered when its file is
written, so 100,000 articles never sit in memory as text.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.lib.arabic.normalize import normalize

MIN_WORDS, MAX_WORDS = 150, 750
MIN_PARAGRAPHS = 3
MAX_PARAGRAPH_WORDS = 80
MIN_NEAR_JACCARD = 0.85
FILES_PER_FOLDER = 1000
TRUTH_FIELDS = ("doc_id", "source_id", "kind", "edits", "jaccard")
# Bylines are "<city> - <agency>" lines, the way wire copy is re-filed; the combinations are what varies.
_BYLINE_CITIES = ("دمشق", "بيروت", "عمان", "إسطنبول", "حلب", "القاهرة", "جنيف", "موسكو")
_BYLINE_AGENCIES = ("رويترز", "وكالات", "أ ف ب", "الأناضول", "د ب أ", "مراسلنا", "خاص")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?؟])\s+")
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class Pool:
    """Distinct titles and body paragraphs of the source articles, with each paragraph's word count."""

    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    n_words: tuple[int, ...]

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for text in (*self.titles, "\0", *self.paragraphs):
            h.update(text.encode("utf-8") + b"\n")
        return h.hexdigest()[:16]


@dataclass(frozen=True)
class Generated:
    corpus: Path
    truth: Path
    n_files: int
    n_bytes: int
    n_exact: int
    n_near: int


def split_long(paragraph: str, max_words: int = MAX_PARAGRAPH_WORDS) -> list[str]:
    """Cut a paragraph into pieces of at most ``max_words`` words, at sentence ends where possible.

    Some sources print a whole article as one paragraph; two base articles drawing that one paragraph
    would be near duplicates by accident, which would blur the ground truth.
    """
    pieces: list[list[str]] = [[]]
    for sentence in _SENTENCE_BREAK.split(paragraph):
        words = sentence.split()
        while words:
            room = max_words - len(pieces[-1])
            if room <= 0 or (pieces[-1] and len(words) > room and len(words) <= max_words):
                pieces.append([])
                continue
            pieces[-1] += words[:room]
            words = words[room:]
    return [" ".join(p) for p in pieces if p]


def load_pool(folders: Sequence[Path]) -> Pool:
    """Titles and paragraphs of every ``*.txt`` under ``folders`` (first non-empty line = title).

    Long paragraphs are cut (:func:`split_long`) and every paragraph is kept once (by normalised text),
    so a syndicated copy in the source corpus does not make two base articles accidentally similar.
    """
    titles: dict[str, None] = {}
    paragraphs: dict[str, str] = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.txt")):
            lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
            if len(lines) < 2:
                continue
            titles.setdefault(lines[0], None)
            for line in lines[1:]:
                for piece in split_long(line):
                    paragraphs.setdefault(normalize(piece), piece)
    if not titles or len(paragraphs) < MIN_PARAGRAPHS * 4:
        raise ValueError(f"too few source articles under {', '.join(map(str, folders))} to recombine")
    paras = tuple(paragraphs.values())
    return Pool(tuple(titles), paras, tuple(len(p.split()) for p in paras))


def shingles(text: str, k: int = 3) -> set[str]:
    """Word k-shingles of the normalised text, tokenised the way the pipeline's MinHash tokenises."""
    words = _NON_WORD.sub(" ", normalize(text)).split()
    if len(words) < k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: str, b: str, k: int = 3) -> float:
    sa, sb = shingles(a, k), shingles(b, k)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def render(title: str, paragraphs: Sequence[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _drop_sentence(paragraphs: list[str], rng: random.Random, max_words: int) -> bool:
    """Remove one sentence (of at most ``max_words`` words) from a paragraph that has several."""
    choices = []
    for p_no, para in enumerate(paragraphs):
        sentences = _SENTENCE_BREAK.split(para)
        if len(sentences) > 1:
            choices += [(p_no, s_no) for s_no, s in enumerate(sentences) if len(s.split()) <= max_words]
    if not choices:
        return False
    p_no, s_no = rng.choice(choices)
    sentences = _SENTENCE_BREAK.split(paragraphs[p_no])
    del sentences[s_no]
    paragraphs[p_no] = " ".join(sentences)
    return True


def _swap_words(paragraphs: list[str], rng: random.Random) -> bool:
    """Swap two adjacent, different words of a random paragraph."""
    p_no = rng.randrange(len(paragraphs))
    words = paragraphs[p_no].split(" ")
    spots = [i for i in range(len(words) - 1) if words[i] != words[i + 1]]
    if not spots:
        return False
    i = rng.choice(spots)
    words[i], words[i + 1] = words[i + 1], words[i]
    paragraphs[p_no] = " ".join(words)
    return True


def near_copy(title: str, paragraphs: Sequence[str], rng: random.Random) -> tuple[list[str], str, float]:
    """A near copy's paragraphs, the edits made (e.g. ``drop_sentence+swap_words*2+byline``) and its
    shingle Jaccard with the source (the title is kept).

    Edits are drawn until the copy differs from the source and keeps a shingle Jaccard of at least
    ``MIN_NEAR_JACCARD``; each failed draw is milder than the one before.
    """
    source = render(title, paragraphs)
    total_words = sum(len(p.split()) for p in paragraphs)
    for attempt in range(6):
        body = list(paragraphs)
        edits: list[str] = []
        mild = attempt >= 3
        if not mild and rng.random() < 0.6 and _drop_sentence(body, rng, max(8, total_words // 12)):
            edits.append("drop_sentence")
        n_swaps = sum(_swap_words(body, rng) for _ in range(rng.randint(0, 1 if mild else 3)))
        if n_swaps:
            edits.append(f"swap_words*{n_swaps}")
        if not edits or rng.random() < 0.5:
            byline = f"{rng.choice(_BYLINE_CITIES)} - {rng.choice(_BYLINE_AGENCIES)}"
            body.insert(0, byline) if rng.random() < 0.5 else body.append(byline)
            edits.append("byline")
        text = render(title, body)
        sim = jaccard(source, text)
        if text != source and sim >= MIN_NEAR_JACCARD:
            return body, "+".join(edits), sim
    raise ValueError(f"cannot make a near copy of {title!r} that stays above Jaccard {MIN_NEAR_JACCARD}")


def _plan_bases(pool: Pool, n_base: int, rng: random.Random) -> tuple[array, array, array]:
    """Each base article as a title index and a run of paragraph indices (flat arrays, not lists)."""
    titles, flat, offsets = array("I"), array("I"), array("Q", [0])
    n_paras = len(pool.paragraphs)
    for _ in range(n_base):
        titles.append(rng.randrange(len(pool.titles)))
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        chosen: list[int] = []
        words = 0
        while words < target or len(chosen) < MIN_PARAGRAPHS:
            p = rng.randrange(n_paras)
            if p not in chosen:
                chosen.append(p)
                words += pool.n_words[p]
        flat.extend(chosen)
        offsets.append(len(flat))
    return titles, flat, offsets


# A count of one to three digits, Western or Arabic-Indic (not part of a longer number: years stay as they are).
_DIGIT = "0-9\u0660-\u0669"
_COUNT = re.compile(rf"(?<![{_DIGIT}])(?:[1-9][0-9]{{0,2}}|[\u0661-\u0669][\u0660-\u0669]{{0,2}})(?![{_DIGIT}])")
_TO_ARABIC_INDIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")


def vary_numbers(text: str, rng: random.Random) -> str:
    """``text`` with every count of one to three digits replaced by another number of as many digits, written in
    the same digits. Recombined paragraphs repeat every sentence of the pool many times; varied counts make most
    toll sentences distinct, as they are in news (see ``generate``'s ``vary``)."""
    def other(m: re.Match[str]) -> str:
        k = len(m.group())
        value = str(rng.randint(10 ** (k - 1), 10**k - 1))
        return value.translate(_TO_ARABIC_INDIC) if m.group()[0] > "9" else value

    return _COUNT.sub(other, text)


def doc_name(prefix: str, pos: int) -> str:
    return f"{prefix}{pos:07d}"


def generate(
    n: int,
    corpus: Path,
    truth: Path,
    pool: Pool,
    seed: int = 7,
    exact_rate: float = 0.05,
    near_rate: float = 0.10,
    prefix: str = "a",
    vary: bool = False,
) -> Generated:
    """Write ``n`` articles under ``corpus`` (``FILES_PER_FOLDER`` per sub-folder) and the injected
    pairs to ``truth`` (TSV: doc_id, source_id, kind exact|near, edits, jaccard). Deterministic in
    ``seed``; doc_ids are ``<prefix><position>`` (the file stem, as the pipeline names them). With ``vary``, each
    base article's counts are drawn anew (:func:`vary_numbers`, from a generator of the article's own, so its
    copies carry the same numbers)."""
    n_exact, n_near = round(n * exact_rate), round(n * near_rate)
    n_base = n - n_exact - n_near
    if n_base < n_exact + n_near:
        raise ValueError("duplicate rates too high: every copy needs its own base article")
    rng = random.Random(seed)
    titles, flat, offsets = _plan_bases(pool, n_base, rng)
    sources = rng.sample(range(n_base), n_exact + n_near)
    slots = [("base", b) for b in range(n_base)]
    slots += [("exact", b) for b in sources[:n_exact]] + [("near", b) for b in sources[n_exact:]]
    rng.shuffle(slots)
    position_of_base = {b: pos for pos, (kind, b) in enumerate(slots) if kind == "base"}

    corpus.mkdir(parents=True, exist_ok=True)
    truth.parent.mkdir(parents=True, exist_ok=True)
    n_bytes = 0
    with truth.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(TRUTH_FIELDS)
        for pos, (kind, b) in enumerate(slots):
            title = pool.titles[titles[b]]
            paragraphs = [pool.paragraphs[i] for i in flat[offsets[b] : offsets[b + 1]]]
            if vary:
                numbers = random.Random(f"{seed}:vary:{b}")
                title, paragraphs = vary_numbers(title, numbers), [vary_numbers(p, numbers) for p in paragraphs]
            name = doc_name(prefix, pos)
            edits, sim = "", 1.0
            if kind == "near":
                # A generator of its own per copy: its edits do not depend on what was drawn before.
                paragraphs, edits, sim = near_copy(title, paragraphs, random.Random(f"{seed}:{name}"))
            if kind != "base":
                out.writerow([name, doc_name(prefix, position_of_base[b]), kind, edits, f"{sim:.4f}"])
            text = render(title, paragraphs)
            folder = corpus / f"{pos // FILES_PER_FOLDER:04d}"
            if pos % FILES_PER_FOLDER == 0:
                folder.mkdir(exist_ok=True)
            data = text.encode("utf-8")
            (folder / f"{name}.txt").write_bytes(data)
            n_bytes += len(data)
    return Generated(corpus, truth, n, n_bytes, n_exact, n_near)


def parse(text: str) -> tuple[str, list[str]]:
    """The title and paragraphs of an article :func:`render` wrote."""
    title, _, body = text.partition("\n\n")
    return title, [p for p in body.strip("\n").split("\n\n") if p]


def copy_earlier(batch: Sequence[Path], earlier: Sequence[Path], seed: int, exact_rate: float = 0.05,
                 near_rate: float = 0.10) -> list[tuple[str, str, str]]:
    """Turn a share of the new articles ``batch`` into copies of articles of ``earlier`` (a corpus already
    run): ``exact_rate`` of them byte for byte, ``near_rate`` edited as :func:`near_copy` does, the way wire
    copy of a story is re-filed after the story. Each file keeps its name; the sources are distinct. Returns
    (new doc_id, source doc_id, kind) for each copy."""
    rng = random.Random(seed)
    n_exact, n_near = round(len(batch) * exact_rate), round(len(batch) * near_rate)
    targets = rng.sample(list(batch), n_exact + n_near)
    sources = rng.sample(list(earlier), n_exact + n_near)
    made = []
    for k, (target, source) in enumerate(zip(targets, sources, strict=True)):
        text = source.read_text(encoding="utf-8")
        kind = "exact" if k < n_exact else "near"
        if kind == "near":
            title, paragraphs = parse(text)
            body, _, _ = near_copy(title, paragraphs, random.Random(f"{seed}:{target.stem}"))
            text = render(title, body)
        target.write_text(text, encoding="utf-8")
        made.append((target.stem, source.stem, kind))
    return made


def read_truth(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {**row, "jaccard": float(row["jaccard"])} for row in csv.DictReader(fh, delimiter="\t")
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path, help="folder: the corpus goes to <out>/corpus, pairs to <out>/truth.tsv")
    parser.add_argument("--source", type=Path, action="append", default=None,
                        help="folders of source articles (default: seeds/articles and ../shared/corpus/dev)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vary-numbers", action="store_true",
                        help="draw each article's counts anew, so that most toll sentences are distinct")
    args = parser.parse_args(argv)
    from bench.run import default_sources

    pool = load_pool(args.source or default_sources())
    gen = generate(args.n, args.out / "corpus", args.out / "truth.tsv", pool, seed=args.seed, vary=args.vary_numbers)
    print(json.dumps({"files": gen.n_files, "bytes": gen.n_bytes, "exact": gen.n_exact, "near": gen.n_near}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
