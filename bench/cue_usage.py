"""How many sentences trigger each relation cue, over every corpus at hand.

    python bench/cue_usage.py

Runs the real extraction on the seeds, the dev corpus, the demo corpus and the probe documents
and counts, per rule id, the distinct sentences whose edges it produced. A cue that only one
sentence anywhere triggers is fitted to that sentence: generalise it or drop it. Rows that no
sentence triggers are listed too (they rest on their own examples only).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ecograph.loaders.cues import cues
from ecograph.loaders.pipeline import extract_text

ROOT = Path(__file__).resolve().parents[1]

CORPORA = {
    "seeds": ROOT.parent / "shared" / "corpus" / "seeds",
    "dev": ROOT.parent / "shared" / "corpus" / "dev",
    "demo": ROOT / "demo" / "corpus",
    "probe": ROOT / "tests" / "loaders" / "probe",
}


def usage() -> dict[str, Counter[str]]:
    """Rule id → distinct triggering sentences per corpus."""
    seen: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for corpus, folder in CORPORA.items():
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md", ".html")):
            for e in extract_text(path.read_text(encoding="utf-8"), path.name).edges:
                seen[e.rule or "?"].add((corpus, path.name, e.start or 0))
    return {rule: Counter(c for c, _, _ in s) for rule, s in seen.items()}


def main() -> None:
    counts = usage()
    rows = [c.id for c in cues().rows]
    print(f"{'sentences':>9}  {'rule':34} " + " ".join(f"{k:>5}" for k in CORPORA))
    for rule in sorted(set(rows) | set(counts), key=lambda r: (sum(counts.get(r, Counter()).values()), r)):
        c = counts.get(rule, Counter())
        flag = "  <- one sentence" if sum(c.values()) == 1 else "  <- none" if not c else ""
        print(f"{sum(c.values()):>9}  {rule:34} " + " ".join(f"{c.get(k, 0):>5}" for k in CORPORA) + flag)


if __name__ == "__main__":
    main()
