"""Cost of the context stage against extraction, per KB, on the same corpus in one run.

    python benchmarks/context_speed.py [--size 500000]

The context stage (what each figure measures, who and when it is about, its role and
key) may not cost more than extraction per KB. Prints KB/s of both, their ratio, and
the context cost per copy of the longest document at 1x, 2x, 4x and 8x (flat is
linear).
"""

from __future__ import annotations

import argparse
import time

from corpus import documents, repeated

from figures.context import build_claims, world_for
from figures.context.measures import _has
from figures.extract import extract_text
from figures.model import Article
from figures.rules.loader import load_rulebook


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=500_000, help="corpus size in bytes")
    args = ap.parse_args()
    name, docs = documents()
    corpus = repeated(docs, args.size)
    size_kb = sum(len(d.encode("utf-8")) for d in corpus) / 1024
    rulebook = load_rulebook(None)
    world = world_for(rulebook)
    build_claims(Article("warm.md", docs[0], date="2023-01-01"), extract_text(docs[0]), rulebook, world)

    # as the engine runs them: each article extracted, then its claims built
    t_extract = t_context = 0.0
    claims = 0
    for i, doc in enumerate(corpus):
        _has.cache_clear()  # the corpus repeats its documents; real ones would not hit the cache
        start = time.perf_counter()
        figures = extract_text(doc)
        middle = time.perf_counter()
        claims += len(build_claims(Article(f"doc{i}.md", doc, date="2023-01-01"), figures, rulebook, world))
        t_extract += middle - start
        t_context += time.perf_counter() - middle
    print(f"corpus: {name}, {len(corpus)} documents, {size_kb:.0f} KB, {claims} claims")
    print(f"extraction: {size_kb / t_extract:8.1f} KB/s")
    print(f"context:    {size_kb / t_context:8.1f} KB/s")
    print(f"context cost / extraction cost: {t_context / t_extract:.2f}")

    base = max(docs, key=len)
    per_copy = []
    for k in (1, 2, 4, 8):
        text = "\n\n".join([base] * k)
        figures = extract_text(text)
        start = time.perf_counter()
        for _ in range(3):
            build_claims(Article("long.md", text, date="2023-01-01"), figures, rulebook, world)
        per_copy.append((time.perf_counter() - start) / 3 / k)
    print(
        "context linearity (cost per copy at 1x, 2x, 4x, 8x, relative to 1x): "
        + ", ".join(f"{t / per_copy[0]:.2f}" for t in per_copy)
    )


if __name__ == "__main__":
    main()
