"""How fast this machine runs the pipeline's kind of work right now: one fixed workload, timed.

A run's time here is mostly interpreted Python and ``re`` over Arabic text, and this 2-core machine's speed moves
by 10-30% within an hour (the same +1% run took 15.9 s and 21.4 s on one afternoon). ``bench.run`` times this
workload before and after its runs and reports both, so two reports taken at different times compare through the
ratio of their calibrations, not their seconds alone. The workload uses no project code (a faster pipeline must
not move it) and no data file: its text is drawn from a fixed generator.

    python -m bench.calibrate            # {"best_cpu_s": ..., "checksum": ...}
"""

from __future__ import annotations

import json
import random
import re
import time

# Arabic letters the generated words are made of, and the words a pattern looks for (a trigger alternation with
# proclitics and the article, as the claim and place patterns are written).
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_TRIGGERS = ("قتل", "جرح", "اصاب", "قصف", "غاره", "هجوم", "مقتل", "اصابه")
_PATTERN = re.compile(rf"(?<!\w)[وف]?[بل]?(?:ال)?(?:{'|'.join(_TRIGGERS)})(?:ت|وا|ه|ها)?(?!\w)")
WORDS = 200_000


def _text(seed: int = 0, words: int = WORDS) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(words):
        if rng.random() < 0.03:
            out.append(rng.choice("وفبل") * (rng.random() < 0.3) + rng.choice(_TRIGGERS))
        else:
            out.append("".join(rng.choice(_LETTERS) for _ in range(rng.randint(2, 7))))
    return " ".join(out)


def workload(text: str) -> int:
    """The fixed work: words counted in a dict, each word's neighbours sliced and joined, the trigger pattern
    scanned, the counts sorted. Returns a checksum of what it found (the same on every machine)."""
    counts: dict[str, int] = {}
    words = text.split()
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    pairs = 0
    for k in range(1, len(words)):
        if words[k - 1][-1] == words[k][0]:
            pairs += len(" ".join(words[k - 1:k + 1]))
    hits = [(m.start(), m.end()) for m in _PATTERN.finditer(text)]
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:50]
    return (len(counts) * 31 + pairs * 7 + sum(a + b for a, b in hits) + sum(n for _, n in top)) % 1_000_000_007


def machine_speed(repeat: int = 5) -> dict:
    """The least CPU seconds of ``repeat`` runs of the workload, and its checksum."""
    text = _text()
    best, checksum = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        checksum = workload(text)
        best = min(best, time.process_time() - start)
    return {"best_cpu_s": round(best, 4), "repeat": repeat, "checksum": checksum}


def calibration_line(before: dict, after: dict) -> str:
    return (f"Calibration (bench/calibrate.py, best of {before['repeat']}): {before['best_cpu_s']:.3f} CPU-s "
            f"before the runs, {after['best_cpu_s']:.3f} after")


if __name__ == "__main__":
    print(json.dumps(machine_speed()))
