"""Throughput of reading time mentions, sentence by sentence, as the context stage does.

    python benchmarks/time_context.py [--size 1000000] [--rounds 3]

The example articles (data/articles/*.md) are split into sentences once, repeated to
about ``--size`` bytes, and every sentence is scanned with its article's date. Prints
mentions per second and KB/s (best of ``--rounds``).
"""

from __future__ import annotations

import argparse
import time

from corpus import ROOT

from figures.context import time as timectx
from figures.ingest import read_article
from figures.ingest.sentences import split_sentences


def sentences_of_articles() -> list[tuple[str, list[tuple[int, int]], object]]:
    """Each example article's text, its sentences' offsets, and its date."""
    out = []
    for path in sorted((ROOT / "data" / "articles").glob("*.md")):
        article = read_article(path)
        spans = [(s.start, s.end) for s in split_sentences(article.text, article.body_start)]
        out.append((article.text, spans, timectx.parse_article_date(article.date)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000, help="corpus size in bytes")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes; the best is reported")
    args = ap.parse_args()
    articles = sentences_of_articles()
    one_pass = sum(len(text[a:b].encode("utf-8")) for text, spans, _ in articles for a, b in spans)
    copies = max(1, round(args.size / one_pass))
    corpus = articles * copies
    size_kb = one_pass * copies / 1024
    print(f"corpus: {len(articles)} example articles x {copies} = {size_kb:.0f} KB of sentences")

    best = float("inf")
    count = 0
    for _ in range(args.rounds):
        count = 0
        start = time.perf_counter()
        for text, spans, date in corpus:
            for a, b in spans:
                count += len(timectx.mentions(text, a, b, date))
        best = min(best, time.perf_counter() - start)
    print(f"time mentions: {count} in {best:.3f} s: {count / best:,.0f} mentions/s, {size_kb / best:,.0f} KB/s")


if __name__ == "__main__":
    main()
