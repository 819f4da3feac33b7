"""Cold-start time and matching speed of the world gazetteer.

    python benchmarks/gazetteer.py [--size 1000000]

Prints, in a fresh process, the time to import the module, parse the shipped JSON and
build the World index; then the mentions found per second and KB/s when every sentence
of the example articles (data/articles/*.md, repeated to --size bytes) goes through
World.find, as the context stage calls it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from figures.context.gazetteer import load_world
from figures.ingest.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent

COLD = """
import time
t0 = time.perf_counter()
import figures.context.gazetteer as g
t1 = time.perf_counter()
g._gazetteer()
t2 = time.perf_counter()
g.load_world()
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def cold_start(runs: int = 5) -> tuple[float, float, float]:
    """Best of ``runs`` fresh processes: (import, JSON parse, index build) in seconds."""
    best = (float("inf"),) * 3
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, cwd=ROOT, check=True)
        times = tuple(float(x) for x in out.stdout.split())
        best = tuple(min(a, b) for a, b in zip(best, times, strict=True))
    return best  # type: ignore[return-value]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000, help="corpus size in bytes")
    args = ap.parse_args()
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.md"))]
    sentences = [s.text for d in docs for s in split_sentences(d)]
    size_one = sum(len(s.encode("utf-8")) for s in sentences)
    corpus = sentences * max(1, args.size // size_one)
    size_kb = sum(len(s.encode("utf-8")) for s in corpus) / 1024

    imported, parsed, built = cold_start()
    print(f"cold start: import {imported * 1000:.0f} ms, JSON {parsed * 1000:.1f} ms, index {built * 1000:.1f} ms")

    world = load_world()
    start = time.perf_counter()
    mentions = sum(len(world.find(s)) for s in corpus)
    elapsed = time.perf_counter() - start
    print(
        f"{len(corpus):,} sentences, {size_kb:,.0f} KB: {mentions:,} mentions in {elapsed:.2f} s, "
        f"{mentions / elapsed:,.0f} mentions/s, {len(corpus) / elapsed:,.0f} sentences/s, {size_kb / elapsed:,.0f} KB/s"
    )


if __name__ == "__main__":
    main()
