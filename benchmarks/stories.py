"""Score the story grouping against stories known in advance.

    python benchmarks/stories.py                 # both corpora, default settings
    python benchmarks/stories.py --sweep         # and the scores over a range of thresholds and windows
    python benchmarks/stories.py --json
    python benchmarks/stories.py --scale 100     # and the time per article for 100 copies of the real news

Two corpora, each mixed into one run of ``figures.context.stories.group_stories``:

* the real-news development ledger (``benchmarks/realnews/ledger.yaml``): each event's
  articles are one story; the texts come from ``benchmarks/realnews/texts/`` (git-ignored;
  see ``benchmarks/realnews/README.md`` to collect them), dated as the ledger dates them.
  Articles whose text is missing are left out with a note.
* ``data/beats``: 35 articles written for the project; its README's table names each beat's
  story, and two beats hold two (inflation: Turkey and Argentina; courts: the Leeds charity
  fraud and the Volkov crypto case). The truth is written out below.

Scores: pairwise precision and recall (of the pairs of articles put in one story, how many
share a true story; of the pairs that share one, how many were put together), the adjusted
Rand index, purity (each found story counted by its most common true story) and the
number of stories found against the number true. The script measures and never judges:
it exits 0.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from figures.context.stories import StorySettings, group_stories  # noqa: E402
from figures.context.time import parse_article_date  # noqa: E402
from figures.ingest import read_article  # noqa: E402
from figures.model import Article  # noqa: E402

LEDGER = ROOT / "benchmarks" / "realnews" / "ledger.yaml"
TEXTS = ROOT / "benchmarks" / "realnews" / "texts"
BEATS = ROOT / "data" / "beats"

# data/beats: the story of each article, by file name stem, as its README's table tells it
BEAT_STORIES = {
    "inflation": {"turkey": "inflation-turkey", "argentina": "inflation-argentina"},
    "courts": {"leeds": "courts-leeds", "volkov": "courts-volkov"},
}


def realnews() -> tuple[list[Article], dict[str, str], list[str]]:
    """The ledger's articles with text, their true story (the event), and notes on those missing."""
    data = yaml.safe_load(LEDGER.read_text(encoding="utf-8"))
    articles, truth, notes = [], {}, []
    for event in data["events"]:
        for a in event["articles"]:
            path = TEXTS / a["text"]
            if not path.is_file():
                notes.append(f"note: no text for {event['id']}/{a['id']}; left out")
                continue
            name = f"{event['id']}/{a['id']}"
            articles.append(Article(path=name, text=path.read_text(encoding="utf-8"), date=str(a["date"])))
            truth[name] = event["id"]
    return articles, truth, notes


def beats() -> tuple[list[Article], dict[str, str]]:
    """The data/beats articles and their true stories."""
    articles, truth = [], {}
    for path in sorted(BEATS.glob("*/*.md")):
        beat = path.parent.name
        story = beat
        for word, name in BEAT_STORIES.get(beat, {}).items():
            if path.stem.endswith(word) or f"-{word}" in path.stem:
                story = name
        article = read_article(path)
        articles.append(article)
        truth[article.path] = story
    return articles, truth


def _comb2(n: int) -> int:
    return n * (n - 1) // 2


def score(found: dict[str, str], truth: dict[str, str]) -> dict:
    """Pairwise precision/recall, adjusted Rand index and purity of a grouping against the truth."""
    names = sorted(truth)
    same_found = {(a, b) for a, b in combinations(names, 2) if found[a] == found[b]}
    same_true = {(a, b) for a, b in combinations(names, 2) if truth[a] == truth[b]}
    both = len(same_found & same_true)
    precision = both / len(same_found) if same_found else 1.0
    recall = both / len(same_true) if same_true else 1.0
    table = Counter((found[n], truth[n]) for n in names)
    rows = Counter(found[n] for n in names)
    cols = Counter(truth[n] for n in names)
    index = sum(_comb2(v) for v in table.values())
    expected = sum(_comb2(v) for v in rows.values()) * sum(_comb2(v) for v in cols.values()) / _comb2(len(names))
    best = (sum(_comb2(v) for v in rows.values()) + sum(_comb2(v) for v in cols.values())) / 2
    ari = (index - expected) / (best - expected) if best != expected else 1.0
    purity = sum(max(v for (f, _), v in table.items() if f == story) for story in rows) / len(names)
    return {
        "articles": len(names),
        "stories_true": len(cols),
        "stories_found": len(rows),
        "pair_precision": round(precision, 3),
        "pair_recall": round(recall, 3),
        "adjusted_rand": round(ari, 3),
        "purity": round(purity, 3),
    }


def run(articles: list[Article], truth: dict[str, str], settings: StorySettings) -> tuple[dict, list]:
    start = time.perf_counter()
    grouping = group_stories(articles, settings)
    elapsed = time.perf_counter() - start
    found = {p: s.id for s in grouping.stories for p in s.paths}
    out = score(found, truth)
    out["pairs_scored"] = grouping.pairs_scored
    out["pairs_possible"] = _comb2(len(articles))
    out["ms_per_article"] = round(1000 * elapsed / max(1, len(articles)), 2)
    mixed = [
        (s.id, s.words, sorted(Counter(truth[p] for p in s.paths).items()))
        for s in grouping.stories
        if len({truth[p] for p in s.paths}) > 1
    ]
    return out, mixed


def scale(articles: list[Article], truth: dict[str, str], copies: int) -> list[dict]:
    """The real-news corpus copied, each copy 30 days after the last: time and pairs scored per article."""
    out = []
    for n in sorted({1, max(1, copies // 10), copies}):
        many, many_truth = [], {}
        for k in range(n):
            for a in articles:
                date = parse_article_date(a.date)
                shifted = (date + datetime.timedelta(days=30 * k)).isoformat() if date else ""
                path = f"copy{k}/{a.path}"
                many.append(Article(path=path, text=a.text, date=shifted))
                many_truth[path] = f"{k}/{truth[a.path]}"
        row, _ = run(many, many_truth, StorySettings())
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sweep", action="store_true", help="also score a range of thresholds and windows")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--scale", type=int, default=0, metavar="N", help="also time N copies of the corpus")
    args = parser.parse_args(argv)
    real, real_truth, notes = realnews()
    for note in notes:
        print(note, file=sys.stderr)
    corpora = {"data/beats": beats()}
    if real:
        corpora = {"realnews (development)": (real, real_truth), **corpora}
    else:
        print("note: no real-news texts; see benchmarks/realnews/README.md to collect them", file=sys.stderr)
    defaults = StorySettings()
    results: dict = {}
    for name, (articles, truth) in corpora.items():
        scores, mixed = run(articles, truth, defaults)
        results[name] = {"default": scores, "mixed_stories": [list(map(str, m)) for m in mixed]}
        if args.sweep:
            sweep = []
            for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
                for window in (3, 7, 30):
                    s, _ = run(articles, truth, StorySettings(threshold=threshold, window_days=window))
                    sweep.append({"threshold": threshold, "window_days": window, **s})
            results[name]["sweep"] = sweep
    if args.scale and real:
        results["scale"] = scale(real, real_truth, args.scale)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    print(
        f"settings: threshold {defaults.threshold}, window {defaults.window_days} days, top terms "
        f"{defaults.top_terms}, neighbours {defaults.neighbours}, lead words {defaults.lead_words}"
    )
    for name, r in results.items():
        if name == "scale":
            for row in r:
                print(
                    f"scale: {row['articles']} articles: {row['ms_per_article']} ms per article, "
                    f"pairs scored {row['pairs_scored']} ({row['pairs_scored'] / row['articles']:.1f} per article), "
                    f"adjusted Rand {row['adjusted_rand']:.3f}"
                )
            continue
        s = r["default"]
        print(
            f"{name}: {s['articles']} articles, {s['stories_found']} stories found / {s['stories_true']} true; "
            f"pairwise precision {s['pair_precision']:.3f}, recall {s['pair_recall']:.3f}; "
            f"adjusted Rand {s['adjusted_rand']:.3f}; purity {s['purity']:.3f}; "
            f"pairs scored {s['pairs_scored']}/{s['pairs_possible']}; {s['ms_per_article']} ms per article"
        )
        for story_id, words, counts in r["mixed_stories"]:
            print(f"  mixed story {story_id} {words}: {counts}")
        if "sweep" in r:
            print("  threshold  window  found/true  precision  recall  ARI")
            for row in r["sweep"]:
                print(
                    f"  {row['threshold']:>9}  {row['window_days']:>6}  "
                    f"{row['stories_found']:>4}/{row['stories_true']:<5}  {row['pair_precision']:>9.3f}  "
                    f"{row['pair_recall']:>6.3f}  {row['adjusted_rand']:.3f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
