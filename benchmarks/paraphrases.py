"""How often figures judges two wordings of one claim the same, and a near-miss different.

    python benchmarks/paraphrases.py [--details]

Reads ``data/beats/paraphrases.yaml``: per measure, sentences that state one claim
(``same``) and sentences that look alike but state another (``different``). Each
sentence is read as an article of its own dated ``article_date``, with the package's
default rules only. Prints, per measure and overall: how many ``same`` sentences get
a key at all, how many pairs of them meet (equal key and time), and how many
near-misses stay apart from every ``same`` sentence.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import yaml

from figures.context import build_claims, world_for
from figures.extract import extract_text
from figures.model import Article
from figures.rules.loader import load_rulebook

ROOT = Path(__file__).resolve().parent.parent


def identity(sentence: str, surface: str, date: str, rulebook, world) -> tuple[str, str] | None:
    """(key, time) of the figure ``surface`` in ``sentence``, or None when it is not keyed."""
    claims = build_claims(Article("p.md", sentence, date=date), extract_text(sentence), rulebook, world)
    for c in claims:
        if surface in c.figure.surface or c.figure.surface in surface:
            # a claim whose time cannot be compared is no claim to compare
            return (c.key, c.time_label) if c.key and (c.time is None or c.time.basis != "approximate") else None
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true", help="print every sentence's key")
    args = ap.parse_args()
    rulebook = load_rulebook(None)
    world = world_for(rulebook)
    sets = yaml.safe_load((ROOT / "data" / "beats" / "paraphrases.yaml").read_text(encoding="utf-8"))
    totals = [0, 0, 0, 0, 0, 0]
    print(f"{'measure':48} {'keyed':>7} {'pairs met':>10} {'near-misses apart':>18}")
    for entry in sets:
        date = str(entry["article_date"])
        same = [identity(s["sentence"], s["surface"], date, rulebook, world) for s in entry["same"]]
        pairs = list(itertools.combinations(same, 2))
        met = sum(1 for a, b in pairs if a is not None and a == b)
        keyed = [k for k in same if k is not None]
        apart = 0
        for d in entry["different"]:
            k = identity(d["sentence"], d["surface"], date, rulebook, world)
            apart += k is None or k not in keyed
            if args.details:
                print(f"    different ({d['because']}): {k}")
        if args.details:
            for s, k in zip(entry["same"], same, strict=True):
                print(f"    same: {k}  <- {s['sentence'][:70]}")
        row = (len(keyed), len(same), met, len(pairs), apart, len(entry["different"]))
        totals = [t + r for t, r in zip(totals, row, strict=True)]
        print(f"{entry['measure'][:48]:48} {row[0]:>3}/{row[1]:<3} {row[2]:>4}/{row[3]:<5} {row[4]:>8}/{row[5]:<9}")
    print(f"{'overall':48} {totals[0]:>3}/{totals[1]:<3} {totals[2]:>4}/{totals[3]:<5} {totals[4]:>8}/{totals[5]:<9}")


if __name__ == "__main__":
    main()
