"""Value precision, recall and F1 of figures and quantulum3 on public quantity test sets.

    python benchmarks/accuracy.py                         # quantulum3's own English test set
    python benchmarks/accuracy.py --newsquant NewsQuant.json
    python benchmarks/accuracy.py --families              # only the case files and held-out sentences
    python benchmarks/accuracy.py --set benchmarks/gold/news_dev.yaml   # one gold file alone

Every case file of tests/extract/cases/ is a family ("direction", "units", ...): each is
scored on its own for value, value+unit and value+change (the direction of a change),
so a family's progress is measured, not assumed. benchmarks/gold/news_sentences.yaml holds
news-style sentences written after the rules and never tuned to; they are scored at the
same three levels, and so are gold/news_dev.yaml (the development half of a second,
larger held-out set) and, with ``--sealed``, gold/news_sealed.yaml (its sealed half,
scored only at the end of a round of work). With the seed articles beside the
project (../shared/seeds), they are scored too, against the hand annotation in
benchmarks/gold/seeds.yaml.

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
from dataclasses import replace
from pathlib import Path

from figures import extract_text
from figures.model import Figure

Values = list[tuple[float, float]]


def quantulum_set() -> list[tuple[str, Values]]:
    """quantulum3's own English test set, from inside the installed package."""
    spec = importlib.util.find_spec("quantulum3")
    base = Path(list(spec.submodule_search_locations)[0]) / "_lang" / "en_US" / "tests" / "quantities.json"
    cases = json.loads(base.read_text(encoding="utf-8"))
    out = []
    for case in cases:
        gold = [(float(r["value"]), float(r["value"])) for r in case["res"]]
        out.append((case["req"], gold))
    return out


def newsquant_set(path: Path) -> list[tuple[str, Values]]:
    """NewsQuant sentences and their gold values ("a-b" is a range) from a copy in CQE's format."""
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
    """Values of every figure; test sets that write "a third" as 33.3 get percentages."""
    out = []
    for f in extract_text(text):
        lo = f.low if f.low is not None else f.high
        hi = f.high if f.high is not None else f.low
        if not fractions_as_ratios and f.unit == "fraction":
            lo, hi = lo * 100, hi * 100
        out.append((lo, hi))
        if f.equivalent is not None:
            e = f.equivalent
            out.append((e.low if e.low is not None else e.high, e.high if e.high is not None else e.low))
    return out


def quantulum_values(text: str) -> Values:
    """Values quantulum3 finds in ``text``."""
    from quantulum3 import parser

    return [(float(q.value), float(q.value)) for q in parser.parse(text)]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-6)


def score(dataset: list[tuple[str, Values]], predict: Callable[[str], Values]) -> tuple[float, float, float]:
    """Value precision, recall and F1 of ``predict``; each gold value is matched at most once."""
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


CASES = Path(__file__).resolve().parent.parent / "tests" / "extract" / "cases"
LEVELS = ("value", "value+unit", "value+change")


def _gold_matches(want: dict, have: Figure, level: str) -> bool:
    """Does a predicted figure match an expected one of a case file at this level?"""
    if "low" in want or "high" in want:
        # Only the ends a case states are compared, as the case runner does; a case that
        # states one end of a point value also asks for a point.
        pairs = [(want[k], getattr(have, k)) for k in ("low", "high") if k in want]
        open_end = want.get("qualifier") in ("at_least", "more_than", "at_most", "less_than")
        if "low" in want and "high" not in want and not open_end:
            pairs.append((want["low"], have.high))
        for expected, actual in pairs:
            if (expected is None) != (actual is None):
                return False
            if expected is not None and not _close(float(expected), float(actual)):
                return False
    elif "surface" in want and want["surface"] != have.surface:
        return False
    if level in ("value+unit", "value+change") and "unit" in want and want["unit"] != have.unit:
        return False
    if level == "value+change" and want.get("direction") != have.direction:
        return False
    return True


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def family_counts() -> list[tuple[str, int, int, dict[str, tuple[int, int, int]]]]:
    """Per case file: (family, cases, expected figures, {level: (tp, fp, fn)})."""
    import yaml

    out = []
    for path in sorted(CASES.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append((path.stem, len(cases), sum(len(c["figures"]) for c in cases), score_levels(cases)))
    return out


HELD_OUT = Path(__file__).resolve().parent / "gold" / "news_sentences.yaml"
NEWS_DEV = Path(__file__).resolve().parent / "gold" / "news_dev.yaml"
NEWS_SEALED = Path(__file__).resolve().parent / "gold" / "news_sealed.yaml"


def _with_equivalents(figures: list[Figure]) -> list[Figure]:
    """Each figure, then its bracketed equivalent ("£42m (€49m)") as a figure of its own."""
    out = []
    for f in figures:
        out.append(f)
        if f.equivalent is not None:
            e = f.equivalent
            out.append(replace(f, surface=e.surface, low=e.low, high=e.high, qualifier=e.qualifier, unit=e.unit))
    return out


def score_levels(cases: list[dict], equivalents: bool = False) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) at each level for cases of ``{text, figures}``.

    With ``equivalents``, an amount restated in brackets is scored as a quantity of its
    own, as the news-sentence gold files list it; the case files state it inside its figure.
    """
    predicted = [(case["figures"], extract_text(case["text"])) for case in cases]
    if equivalents:
        predicted = [(gold, _with_equivalents(pred)) for gold, pred in predicted]
    levels = {}
    for level in LEVELS:
        tp = fp = fn = 0
        for gold, pred in predicted:
            unmatched = list(gold)
            for f in pred:
                hit = next((g for g in unmatched if _gold_matches(g, f, level)), None)
                if hit is None:
                    fp += 1
                else:
                    tp += 1
                    unmatched.remove(hit)
            fn += len(unmatched)
        levels[level] = (tp, fp, fn)
    return levels


def _is_range(want: dict) -> bool:
    return want.get("low") is not None and want.get("high") is not None and want["low"] != want["high"]


def range_recall(cases: list[dict]) -> tuple[int, int]:
    """(found, total) of the gold ranges ("5 to 12 years", "between 200 and 350") found whole."""
    found = total = 0
    for case in cases:
        ranges = [g for g in case["figures"] if _is_range(g)]
        if not ranges:
            continue
        pred = extract_text(case["text"])
        total += len(ranges)
        found += sum(any(_gold_matches(g, f, "value") for f in pred) for g in ranges)
    return found, total


def print_held_out(path: Path = HELD_OUT, label: str = "news sentences (held out)") -> None:
    """P/R/F1 on a gold file of news sentences (by default benchmarks/gold/news_sentences.yaml)."""
    import yaml

    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    levels = score_levels(cases, equivalents=True)
    print(f"{label}: {len(cases)} texts, {sum(len(c['figures']) for c in cases)} quantities")
    for lv in LEVELS:
        p, r, f1 = _prf(*levels[lv])
        print(f"  figures    {lv:13s} P {p * 100:5.1f}  R {r * 100:5.1f}  F1 {f1 * 100:5.1f}")
    found, total = range_recall(cases)
    if total:
        print(f"  figures    range cases found whole: {found} of {total} ({found / total * 100:.1f}%)")
    sections = sorted({c["section"] for c in cases if "section" in c})
    if sections:
        print(f"  {'section':20s} {'texts':>5s} {'figures':>7s}" + "".join(f"{lv + ' F1':>16s}" for lv in LEVELS))
    for section in sections:
        part = [c for c in cases if c.get("section") == section]
        levels = score_levels(part, equivalents=True)
        cells = "".join(f"{_prf(*levels[lv])[2] * 100:16.1f}" for lv in LEVELS)
        print(f"  {section:20s} {len(part):5d} {sum(len(c['figures']) for c in part):7d}{cells}")


def print_families() -> None:
    """P/R/F1 per family of case files at each level, then over all of them."""
    import yaml

    rows = family_counts()
    print("extraction case files (tests/extract/cases): P/R/F1 per family")
    print(f"  {'family':20s} {'cases':>5s} {'figures':>7s}" + "".join(f"{lv:>19s}" for lv in LEVELS))
    totals = {lv: [0, 0, 0] for lv in LEVELS}
    for family, n_cases, n_figs, levels in rows:
        cells = ""
        for lv in LEVELS:
            cells += "{:>19s}".format("/".join(f"{x * 100:.0f}" for x in _prf(*levels[lv])))
            totals[lv] = [t + c for t, c in zip(totals[lv], levels[lv], strict=True)]
        print(f"  {family:20s} {n_cases:5d} {n_figs:7d}{cells}")
    for lv in LEVELS:
        p, r, f1 = _prf(*totals[lv])
        print(f"  all families {lv:13s} P {p * 100:5.1f}  R {r * 100:5.1f}  F1 {f1 * 100:5.1f}")
    cases = [c for path in sorted(CASES.glob("*.yaml")) for c in yaml.safe_load(path.read_text(encoding="utf-8"))]
    found, total = range_recall(cases)
    print(f"  all families range cases found whole: {found} of {total} ({found / total * 100:.1f}%)")


def main() -> None:
    """Print the scores of every available set."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsquant", type=Path, help="path to NewsQuant.json (CQE evaluation format)")
    ap.add_argument("--families", action="store_true", help="score only the extraction case files")
    ap.add_argument("--set", type=Path, metavar="PATH", help="score only this gold file of {text, figures} sentences")
    ap.add_argument(
        "--sealed", action="store_true", help="also score gold/news_sealed.yaml (only at the end of a round of work)"
    )
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    if args.set:
        import yaml

        if not args.set.is_file():
            ap.exit(2, f"accuracy.py: {args.set}: no such gold file; give a YAML list of {{text, figures}}\n")
        try:
            print_held_out(args.set, str(args.set))
        except (yaml.YAMLError, UnicodeDecodeError, KeyError, TypeError, AttributeError):
            ap.exit(2, f"accuracy.py: {args.set}: not a YAML list of {{text, figures}} entries; fix the file\n")
        return
    print_families()
    print_held_out()
    print_held_out(NEWS_DEV, "news sentences, development half (gold/news_dev.yaml)")
    if args.sealed:
        print_held_out(NEWS_SEALED, "news sentences, sealed half (gold/news_sealed.yaml)")
    if args.families:
        return
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
