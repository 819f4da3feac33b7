"""Value precision, recall and F1 of figures and quantulum3 on public quantity test sets.

    python benchmarks/accuracy.py                         # quantulum3's own English test set
    python benchmarks/accuracy.py --newsquant NewsQuant.json

With the seed articles beside the project (../shared/seeds), they are scored too,
against the hand annotation in benchmarks/gold/seeds.yaml.

The quantulum3 set ships inside the quantulum3 package (third-party, public); NewsQuant
(the news-quantity benchmark of the CQE paper) is read from a path when given. A
predicted figure matches a gold quantity when its value (or range) is the same; each
gold quantity is matched at most once.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import math
import warnings
from collections.abc import Callable
from pathlib import Path

from figures import extract_text

Values = list[tuple[float, float]]


def quantulum_set() -> list[tuple[str, Values]]:
    spec = importlib.util.find_spec("quantulum3")
    base = Path(list(spec.submodule_search_locations)[0]) / "_lang" / "en_US" / "tests" / "quantities.json"
    cases = json.loads(base.read_text(encoding="utf-8"))
    out = []
    for case in cases:
        gold = [(float(r["value"]), float(r["value"])) for r in case["res"]]
        out.append((case["req"], gold))
    return out


def newsquant_set(path: Path) -> list[tuple[str, Values]]:
    out = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        gold = []
        for q in item["quantities"]:
            raw = str(q["value"])
            if "-" in raw[1:]:
                lo, _, hi = raw.partition("-")
                gold.append((float(lo), float(hi)))
            else:
                gold.append((float(raw), float(raw)))
        out.append((item["text"], gold))
    return out


def seeds_set() -> list[tuple[str, Values]]:
    """The seed articles with their hand-annotated values, when the seeds are present."""
    import yaml

    seeds = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    gold_file = Path(__file__).resolve().parent / "gold" / "seeds.yaml"
    if not seeds.is_dir():
        return []
    out = []
    for name, values in sorted(yaml.safe_load(gold_file.read_text(encoding="utf-8")).items()):
        path = seeds / name
        if path.is_file():
            gold = [(float(v[0]), float(v[1])) if isinstance(v, list) else (float(v), float(v)) for v in values]
            out.append((path.read_text(encoding="utf-8"), gold))
    return out


def figures_values(text: str, fractions_as_ratios: bool = True) -> Values:
    """Values of every figure; test sets that write "a third" as 0.333 get ratios."""
    out = []
    for f in extract_text(text):
        lo = f.low if f.low is not None else f.high
        hi = f.high if f.high is not None else f.low
        if fractions_as_ratios and f.dimension == "percent" and "fraction" in f.flags:
            lo, hi = lo / 100, hi / 100
        out.append((lo, hi))
        if f.equivalent is not None:
            e = f.equivalent
            out.append((e.low if e.low is not None else e.high, e.high if e.high is not None else e.low))
    return out


def quantulum_values(text: str) -> Values:
    from quantulum3 import parser

    return [(float(q.value), float(q.value)) for q in parser.parse(text)]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-6)


def score(dataset: list[tuple[str, Values]], predict: Callable[[str], Values]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for text, gold in dataset:
        pred = predict(text)

        unmatched = list(gold)
        for lo, hi in pred:
            hit = next(
                (
                    g
                    for g in unmatched
                    if (_close(g[0], lo) and _close(g[1], hi))
                    or (g[0] == g[1] and (_close(g[0], lo) or _close(g[0], hi)))
                ),
                None,
            )
            if hit is None:
                fp += 1
            else:
                tp += 1
                unmatched.remove(hit)
        fn += len(unmatched)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsquant", type=Path, help="path to NewsQuant.json (CQE evaluation format)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    sets = [("quantulum3 test set", quantulum_set())]
    if args.newsquant:
        sets.append(("NewsQuant", newsquant_set(args.newsquant)))
    seeds = seeds_set()
    if seeds:
        sets.append(("seed articles (hand annotation)", seeds))
    for name, data in sets:
        print(f"{name}: {len(data)} texts, {sum(len(g) for _, g in data)} quantities")
        ours = functools.partial(figures_values, fractions_as_ratios=not name.startswith("seed"))
        for label, fn in (("figures", ours), ("quantulum3", quantulum_values)):
            p, r, f1 = score(data, fn)
            print(f"  {label:10s} value P {p * 100:5.1f}  R {r * 100:5.1f}  F1 {f1 * 100:5.1f}")


if __name__ == "__main__":
    main()
