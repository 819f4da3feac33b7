"""Triage the real-news ledger's pairs: for each, why figures did or did not compare them.

    python benchmarks/realnews/triage.py                 # family counts, development ledger
    python benchmarks/realnews/triage.py --pairs         # and one line per pair
    python benchmarks/realnews/triage.py --kind agree    # only agreeing pairs (agree, disagreement, distinct)

For every pair of figures the ledger puts in one claim (two articles of one event), the
script builds each event's claims as `figures check` does (default rules, no rule pack),
explains them with the code behind `figures claims` (`figures.checks.compared`), and sorts the
pair into a family:

* `compared`: the consistency check compared them (a group or a finding links them);
* `not extracted`: a side's figure was not found among the figures extracted;
* `not keyed: <reason>`: a side got no key (no measure found, with the figure's dimension; no
  entity or subject; ...);
* `time`: both have the same key, but their times do not line up (or one has none);
* `key differs: <parts>`: both are keyed, and these key parts differ.

When a surface matches more than one figure of its article, the pair of figures closest
to being compared is taken. Texts come from `texts/` as for `score.py`; articles without
text are left out. Like `score.py`, it measures and never judges, and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(HERE))

from claims import surfaces_match  # noqa: E402
from score import DEFAULT_LEDGER, front_matter, load_ledger, text_of  # noqa: E402

from figures.checks.compared import KEY_PARTS, Explanation, explain, key_parts  # noqa: E402  # noqa: E402
from figures.checks.matching import DEFAULT_THRESHOLD, evidence  # noqa: E402
from figures.context import build_claims, world_for  # noqa: E402
from figures.context.stories import group_stories  # noqa: E402
from figures.extract import extract_text  # noqa: E402
from figures.ingest import read_article  # noqa: E402
from figures.rules.loader import load_rulebook  # noqa: E402
from figures.runtime.engine import run_checks  # noqa: E402


def _article(article: dict, text: str, folder: Path):
    """The article as score.py gives it to figures: Markdown with the ledger's outlet, date and address."""
    path = folder / f"{article['id']}.md"
    path.write_text(front_matter(article) + text, encoding="utf-8")
    return read_article(path)


def _family(a: Explanation, b: Explanation) -> tuple[int, str]:
    """The pair's family, and its rank (lower is closer to being compared)."""
    ca, cb = a.claim, b.claim
    if cb.id in {c.id for c in a.compared_with} or ca.id in {c.id for c in b.compared_with}:
        return 0, "compared"
    if ca.key is None or cb.key is None:
        side = a if ca.key is None else b
        reason = side.reason.split(";")[0]
        if side.claim.thing is None:  # by what the figure is: a count, an amount, a percentage
            reason += f" ({side.claim.figure.dimension})"
        return 4, f"not keyed: {reason}"
    if ca.key == cb.key:
        e = evidence(ca, cb)
        if e.vetoed:
            return 1, f"not matched: {e.why}"
        if e.score < DEFAULT_THRESHOLD:
            return 1, f"not matched: {e.why} (score below {DEFAULT_THRESHOLD})"
        return 1, "time"
    pa, pb = key_parts(ca.key) or {}, key_parts(cb.key) or {}
    differs = [name for name, _ in KEY_PARTS if pa[name] != pb[name]]
    return 1 + len(differs), "key differs: " + "+".join(differs)


def triage(ledger: Path, kinds: set[str]) -> list[tuple[str, str, str, str, str]]:
    """(family, kind, event/claim, side a, side b) for every ledger pair of the kinds asked."""
    rulebook = load_rulebook(None)
    world = world_for(rulebook)
    rows = []
    for event in load_ledger(ledger):
        present = {a["id"]: (a, t) for a in event.articles if (t := text_of(a)) is not None}
        if len(present) < 2:
            continue
        with tempfile.TemporaryDirectory(prefix="triage-") as tmp:
            articles = [_article(a, t, Path(tmp)) for a, t in present.values()]
        claims = [
            c
            for art in articles
            for c in build_claims(art, art.in_source(extract_text(art.text, art.body_start)), rulebook, world)
        ]
        findings, comparisons = run_checks(claims, rulebook)
        explained = explain(claims, claims, comparisons, findings, group_stories(articles))
        seen: set[tuple] = set()
        for claim in event.claims:
            for kind in ("disagreement", "agree", "distinct"):
                if kind not in kinds:
                    continue
                for fa, fb in claim.pairs(kind):
                    if fa.article not in present or fb.article not in present:
                        continue
                    pair = (kind, *sorted([(fa.article, fa.surface), (fb.article, fb.surface)]))
                    if pair in seen:
                        continue
                    seen.add(pair)
                    side_a = [e for e in explained if _at(e, fa.article) and _match(e, fa.surface)]
                    side_b = [e for e in explained if _at(e, fb.article) and _match(e, fb.surface)]
                    where = f"{event.id}/{claim.id}"
                    shown_a, shown_b = f"{fa.article} {fa.surface!r}", f"{fb.article} {fb.surface!r}"
                    if not side_a or not side_b:
                        rows.append(("not extracted", kind, where, shown_a, shown_b))
                        continue
                    _, family = min((_family(x, y) for x in side_a for y in side_b), key=lambda r: r)
                    rows.append((family, kind, where, shown_a, shown_b))
    return rows


def _at(e: Explanation, article: str) -> bool:
    return Path(e.claim.path).name == f"{article}.md"


def _match(e: Explanation, surface: str) -> bool:
    return surfaces_match(e.claim.figure.surface, surface)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", nargs="?", default=str(DEFAULT_LEDGER), help="ledger file (default: ledger.yaml)")
    parser.add_argument("--kind", action="append", choices=("disagreement", "agree", "distinct"))
    parser.add_argument("--pairs", action="store_true", help="one line per pair as well")
    args = parser.parse_args(argv)
    kinds = set(args.kind or ("disagreement", "agree", "distinct"))
    rows = triage(Path(args.ledger), kinds)
    if not rows:
        print("no pairs: are the texts in benchmarks/realnews/texts/? see benchmarks/realnews/README.md")
        return 0
    for kind in ("disagreement", "agree", "distinct"):
        mine = [r for r in rows if r[1] == kind]
        if not mine:
            continue
        print(f"{kind}: {len(mine)} pairs")
        for family, count in sorted(Counter(r[0] for r in mine).items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {count:4}  {family}")
    if args.pairs:
        print()
        for family, kind, where, a, b in sorted(rows, key=lambda r: (r[1], r[2], r[0])):
            print(f"{kind:12}  {where}: {a} / {b}: {family}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
