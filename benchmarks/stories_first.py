"""Stories decided before the consistency check, measured against the same check without them.

    python benchmarks/stories_first.py            # data/beats and the real-news development ledger
    python benchmarks/stories_first.py --beats    # data/beats only

Both sides run in this process on the same claims: the articles are read, their claims built,
and then either checked as they are, or first given their story (:func:`scope_to_stories`: a
claim with no entity and no subject takes its story's entity; across stories only claims with
an explicit entity and time are compared). `data/beats` is one mixed corpus of nine stories; the
ledger is scored event by
event (`benchmarks/realnews/score.py`) and also as one mixed corpus of all its events, which
is where the rule across stories shows. The scores are those of `benchmarks/claims.py` and
`score.py`. The script measures and never judges: it exits 0. Neither rule is part of
figures: on these sets each cost more than it gained (`docs/design/claims.md`, "Stories before the check"); the
rules live here, as the instrument to measure a later version with.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "realnews"))

import claims as beats_score  # noqa: E402
import score as ledger_score  # noqa: E402

from figures.checks import consistency, matching  # noqa: E402
from figures.context.stories import Grouping, group_stories  # noqa: E402
from figures.ingest import read_article  # noqa: E402
from figures.model import Claim, Modality  # noqa: E402
from figures.rules.loader import load_rulebook  # noqa: E402
from figures.runtime.engine import analyse, run_checks  # noqa: E402
from figures.runtime.status import claim_groups  # noqa: E402
from figures.runtime.tasks import world_of  # noqa: E402

# The reasons claim_key gives that say the entity was not stated near the figure.
_IMPLICIT_ENTITY = ("(the article's main country)", "(its story's entity)")
NO_OWNER = "no entity or subject"  # claim_key's reason for a claim it would key but for its owner
STORY_ENTITY = "its story's entity"
MIN_ARTICLES = 2  # a story's entity is stated in this many of its articles


def explicit_entity(claim: Claim) -> bool:
    """Whether the claim's owner is stated: a subject, or an entity not taken from its article or story."""
    if claim.subject:
        return True
    return claim.entity is not None and not any(cue in claim.key_reason for cue in _IMPLICIT_ENTITY)


def explicit_time(claim: Claim) -> bool:
    """Whether the claim's time is written near it (stated, or resolved from "last month"), not its article's date."""
    return claim.time_basis in ("stated", "relative")


def story_entities(claims: Iterable[Claim], grouping: Grouping) -> dict[str, str]:
    """Each story's entity: the one its claims state explicitly, when it is stated in at least
    two of its articles and by at least half of the explicit mentions (a story about the world,
    or about two countries, has none)."""
    counts: dict[str, Counter[str]] = {}
    articles: dict[tuple[str, str], set[str]] = {}
    for claim in claims:
        story = grouping.of(claim.path)
        if story is not None and claim.entity is not None and explicit_entity(claim) and not claim.subject:
            counts.setdefault(story.id, Counter())[claim.entity] += 1
            articles.setdefault((story.id, claim.entity), set()).add(claim.path)
    out = {}
    for sid, c in counts.items():
        entity, n = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
        if 2 * n >= c.total() and len(articles[(sid, entity)]) >= MIN_ARTICLES:
            out[sid] = entity
    return out


def _owned_key(claim: Claim, entity: str) -> str | None:
    """The key claim_key would have given the claim had its sentence named ``entity``."""
    if claim.modality != Modality.ACTUAL or claim.individual:
        return None  # a forecast or one case still needs a name of its own
    f = claim.figure
    per = "/".join(p for p in (f.period, f.per) if p)
    parts = [f.dimension, f.unit or "", per, entity, claim.place or "", "", claim.role, claim.modality, "general"]
    return "|".join(parts)


def _inherit(claim: Claim, entity: str | None, name_of: Callable[[str], str]) -> Claim:
    if claim.key is not None or entity is None or claim.key_reason != NO_OWNER:
        return claim
    if claim.thing is None and INHERIT == "thing":
        return claim
    key = _owned_key(claim, entity)
    if key is None:
        return claim
    reason = f"its words {', '.join(claim.words)}; {name_of(entity)} ({STORY_ENTITY})"
    return dataclasses.replace(claim, entity=entity, key=key, key_reason=reason)


STORY_OF: dict[str, str] = {}  # claim id -> story id, for the rule across stories
_PLAIN_VETO = matching.never_compared


def across_stories(a: Claim, b: Claim) -> bool:
    """Are these claims of two different stories, and is either's entity or time not explicit?"""
    sa, sb = STORY_OF.get(a.id), STORY_OF.get(b.id)
    if not sa or not sb or sa == sb:
        return False
    return not (explicit_entity(a) and explicit_time(a) and explicit_entity(b) and explicit_time(b))


def _veto(a: Claim, b: Claim) -> bool:
    return _PLAIN_VETO(a, b) or across_stories(a, b)


def scope_to_stories(claims: list[Claim], grouping: Grouping, name_of: Callable[[str], str]) -> list[Claim]:
    """The claims with their story's entity where they name none (``MODE`` both or inherit), their
    stories recorded for the rule across stories (``MODE`` both or veto)."""
    entities = story_entities(claims, grouping) if MODE in ("both", "inherit") else {}
    out = []
    for claim in claims:
        story = grouping.of(claim.path)
        if story is not None:
            claim = _inherit(claim, entities.get(story.id), name_of)
            if MODE in ("both", "veto"):
                STORY_OF[claim.id] = story.id
        out.append(claim)
    return out


# Which claims may take the story's entity: "thing" (those with a thing: a measure or a counted
# noun) or "words" (any keyable frame).
INHERIT = os.environ.get("STORIES_FIRST_INHERIT", "thing")
# Which half to measure: both, inherit (the story's entity only) or veto (the rule across stories only).
MODE = os.environ.get("STORIES_FIRST_PART", "both")


def run_in_process(folder: Path, stories_first: bool) -> tuple[list[dict], dict]:
    """Findings as the JSON output gives them, and the groups and claims as score.py's helper gives them."""
    rulebook = load_rulebook(None)
    articles = [read_article(p) for p in sorted(folder.rglob("*.md")) if p.name != "README.md"]
    claims = analyse(articles, rulebook)
    STORY_OF.clear()
    if stories_first:
        claims = scope_to_stories(claims, group_stories(articles), world_of(rulebook).name)
    matching.never_compared = consistency.never_compared = _veto if stories_first else _PLAIN_VETO
    findings, comparisons = run_checks(claims, rulebook)
    as_json = [
        {
            "check": f.check,
            "code": f.code,
            "path": f.path,
            "line": f.line,
            "message": f.message,
            "surface": f.surface,
            "related": [{"path": r.path, "surface": r.surface} for r in f.related],
        }
        for f in findings
    ]
    groups = {
        "groups": [
            {"members": [{"path": Path(c.path).name, "surface": c.figure.surface} for c in g.claims]}
            for g in claim_groups(claims, comparisons)
        ],
        "claims": [
            {"path": Path(c.path).name, "surface": c.figure.surface, "keyed": c.key is not None} for c in claims
        ],
    }
    return as_json, groups


def beats(stories_first: bool) -> str:
    conflicts, traps = beats_score.load_key(ROOT / beats_score.KEY)
    corpus = ROOT / beats_score.CORPUS
    findings, _ = run_in_process(corpus, stories_first)
    for f in findings:  # claims.py matches paths relative to the repository
        f["path"] = str(Path(f["path"]).relative_to(ROOT))
        for r in f["related"]:
            r["path"] = str(Path(r["path"]).relative_to(ROOT))
    scores, _ = beats_score.score(findings, conflicts, traps, beats_score.count_articles(corpus), corpus)
    total = beats_score.BeatScore()
    for s in scores.values():
        total.add(s)
    d = total.as_dict()
    return f"data/beats: {d}"


def ledger(stories_first: bool) -> str:
    ledger_score.run_figures = lambda folder, rules: (*run_in_process(folder, stories_first), "")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ledger_score.main(["--details"])
    text = out.getvalue()
    summary = [line for line in text.splitlines() if line.startswith("disagreements found")]
    return "ledger by event: " + (summary[0] if summary else text[-400:]), text


def mixed_ledger(stories_first: bool) -> str:
    """Every event's texts in one folder: how many findings and groups span two events."""
    events = ledger_score.load_ledger(ledger_score.DEFAULT_LEDGER)
    with tempfile.TemporaryDirectory(prefix="realnews-mixed-") as tmp:
        folder = Path(tmp)
        for event in events:
            for article in event.articles:
                text = ledger_score.text_of(article)
                if text is not None:
                    name = f"{event.id}--{article['id']}.md"
                    (folder / name).write_text(ledger_score.front_matter(article) + text, encoding="utf-8")
        findings, groups = run_in_process(folder, stories_first)
        shutil.rmtree(folder, ignore_errors=True)

    def event_of(path: str) -> str:
        return Path(path).name.split("--")[0]

    consistency = [f for f in findings if f["check"] == "consistency"]
    across = [f for f in consistency if len({event_of(f["path"])} | {event_of(r["path"]) for r in f["related"]}) > 1]
    spans = [g for g in groups["groups"] if len({event_of(m["path"]) for m in g["members"]}) > 1]
    return (
        f"ledger mixed: {len(consistency)} consistency findings, {len(across)} spanning two events; "
        f"{len(groups['groups'])} groups compared, {len(spans)} spanning two events"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--beats", action="store_true", help="data/beats only")
    parser.add_argument("--details", action="store_true", help="print the ledger's details for both runs")
    args = parser.parse_args(argv)
    for stories_first in (False, True):
        print("stories first" if stories_first else "as is")
        print("  " + beats(stories_first))
        if args.beats:
            continue
        line, text = ledger(stories_first)
        print("  " + line)
        print("  " + mixed_ledger(stories_first))
        if args.details:
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
