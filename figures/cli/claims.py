"""``figures claims``: each figure's claim frame, its story, and why it was or was not compared."""

from __future__ import annotations

import argparse
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from figures.checks.compared import KEY_PARTS, Explanation, Status, time_words
from figures.cli.options import add_corpus, add_follow_links, add_min_confidence, with_min_confidence
from figures.context.stories import Story
from figures.core.errors import UsageError
from figures.model import Article, Claim, ClaimTime


class ClaimsFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"  # the ledger: one row per claim (figures.outputs.ledger)
    PARQUET = "parquet"


# Claims of the same key listed for a figure in the readable output: a key holds whole stories.
SHOWN = 5
# Claims (and a story's articles) listed for a figure in JSON, each list with its total beside it:
# a key or a story of a restated archive holds thousands, and listing them all for every figure
# grows with the square of the archive.
LISTED = 20


def cmd_claims(args: argparse.Namespace) -> int:
    from figures.cli.common import ExitCode, read_articles
    from figures.cli.config import Config, load_config
    from figures.cli.options import resolve_rules, walk_from
    from figures.context import world_for
    from figures.outputs import write_chunks
    from figures.rules.loader import load_rulebook
    from figures.runtime.engine import check_articles

    if args.format == ClaimsFormat.PARQUET and args.output in (None, "-"):
        raise UsageError("--format parquet writes a file: give it with -o FILE (for example -o claims.parquet)")
    config = Config() if args.isolated else load_config(args.config)
    exclude = tuple(config.exclude + (args.exclude or [])) + walk_from(args, config)
    rulebook = with_min_confidence(load_rulebook(resolve_rules(args.rules, config, args.isolated)), args.min_confidence)
    targets, failures = read_articles(args.paths, args.follow_links, exclude)
    corpus_paths = args.corpus if args.corpus is not None else config.corpus
    given = frozenset(Path(a.path).resolve() for a in targets)
    corpus, corpus_failures = read_articles(corpus_paths or [], args.follow_links, exclude, given)
    failures += corpus_failures
    world = world_for(rulebook)
    # the run decides the stories and the reasons, as it does for the report and the worksheet
    result = check_articles(targets + corpus, rulebook)
    asked = {a.path for a in targets}
    # made as they are written: an archive's explanations are never all held at once in JSON
    explanations = (result.explanations[c.id] for c in result.claims if c.path in asked)
    names = {code: world.name(code) for code in {c.entity for c in result.claims if c.entity} if world.knows(code)}
    if failures and args.output and args.output != "-":
        from figures.cli.common import error_line

        error_line(f"{args.output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    write_chunks(_formatted(args.format, explanations, targets, names), args.output)
    return ExitCode.ERROR if failures else ExitCode.OK


def _formatted(
    fmt: str, explanations: Iterable[Explanation], targets: list[Article], names: dict[str, str]
) -> Iterable[str | bytes]:
    """The explanations in the format asked for, in chunks: readable text, JSON, or the ledger as CSV or Parquet.

    JSON is written one figure at a time, as it is explained, so its memory does not
    grow with its output.
    """
    if fmt == ClaimsFormat.JSON:
        from figures.outputs.json_format import json_array

        return json_array(_as_json(e, names) for e in explanations)
    if fmt in (ClaimsFormat.CSV, ClaimsFormat.PARQUET):
        from figures.outputs import ledger

        frame = ledger.ledger(list(explanations), targets)
        return (ledger.format_csv(frame) if fmt == ClaimsFormat.CSV else ledger.format_parquet(frame),)
    return (format_text(list(explanations), targets, names),)


def _place(c: Claim) -> dict:
    """Where a claim's figure stands, as every JSON object of this command opens."""
    return {
        "path": c.path,
        "line": c.figure.line,
        "column": c.figure.column,
        "surface": c.figure.surface,
        "claim_id": c.id,
    }


def _where(c: Claim) -> dict:
    return _place(c) | {"time": c.time_label}


def _time(t: ClaimTime | None) -> dict:
    """A claim's time as the flat keys of the JSON interface, each ``None`` when it has none."""
    if t is None:
        return dict.fromkeys(("time", "time_start", "time_end", "time_resolution", "time_basis", "time_anchor"))
    return {
        "time": t.label,
        "time_start": t.start.isoformat(),
        "time_end": t.end.isoformat(),
        "time_resolution": t.resolution,
        "time_basis": t.basis,
        "time_anchor": t.anchor,
    }


def _frame(c: Claim, names: dict[str, str]) -> dict:
    f = c.figure
    return {
        "thing": c.thing,
        "words": list(c.words),
        "own": c.own,
        "own_parts": list(c.own_parts),
        "label": c.label,
        "measure": c.measure,
        "entity": c.entity,
        "entity_name": names.get(c.entity or ""),
        "place": c.place,
        "subject": c.subject,
        **_time(c.time),
        "role": c.role,
        "modality": c.modality,
        "individual": c.individual,
        "unit": f.unit,
        "dimension": f.dimension,
        "per": f.per,
        "period": f.period,
    }


def _as_json(e: Explanation, names: dict[str, str]) -> dict:
    c = e.claim
    story = None
    if e.story is not None:
        s = e.story
        story = {"id": s.id, "words": list(s.words), "first": s.first, "last": s.last}
        story |= {"articles": list(s.paths[:LISTED]), "articles_total": len(s.paths)}
    nearest = None
    if e.nearest is not None:
        nearest = _where(e.nearest.claim) | {
            "key": e.nearest.claim.key,
            "shared_parts": e.nearest.shared,
            "differs": [{"part": p, "this": a, "that": b} for p, a, b in e.nearest.differs],
        }
    return (
        _place(c)
        | {
            "story": story,
            "frame": _frame(c, names),
            "key": c.key,
            "key_reason": c.key_reason,
            "status": e.status.value,
            "reason": e.reason,
        }
        | _listed("same_key", e.same_key)
        | _listed("compared_with", e.compared_with)
        | _listed("conflicts_with", e.conflicts_with)
        | {"nearest": nearest}
    )


def _listed(name: str, claims: Sequence[Claim]) -> dict:
    """The first ``LISTED`` of ``claims`` under ``name``, and how many there are under ``name_total``."""
    return {name: [_where(o) for o in claims[:LISTED]], f"{name}_total": len(claims)}


def _at(c: Claim) -> str:
    return f'{c.path}:{c.figure.line}:{c.figure.column} "{c.figure.surface}"' + (f" ({c.time.label})" if c.time else "")


def _or_dash(value: object) -> str:
    return "-" if value in (None, "") else str(value)


def format_text(explanations: list[Explanation], articles: list[Article], names: dict[str, str]) -> str:
    """Readable output: per article its story, then per figure its frame, key and comparison."""
    lines: list[str] = []
    by_path: dict[str, list[Explanation]] = {}
    for e in explanations:
        by_path.setdefault(e.claim.path, []).append(e)
    for article in articles:
        found = by_path.get(article.path, [])
        lines.append(article.path)
        if found and found[0].story is not None:
            lines.append(_story_line(found[0].story))
        if not found:
            lines.append("  no figures")
        for e in found:
            lines += ["", *_frame_lines(e, names), *_link_lines(e)]
        lines.append("")
    counts = Counter(e.status.value for e in explanations)
    story_count = len({e.story.id for e in explanations if e.story is not None})
    summary = ", ".join(f"{counts[s.value]} {s.value}" for s in Status if counts[s.value])
    lines.append(
        f"figures: {len(explanations)} figure(s) in {len(articles)} article(s), {story_count} story(ies): "
        + (summary or "nothing to explain")
    )
    return "\n".join(lines) + "\n"


def _story_line(story: Story) -> str:
    span = story.first if story.first == story.last else f"{story.first} to {story.last}"
    return f"  story {story.id} ({span or 'undated'}, {len(story.paths)} article(s)): {', '.join(story.words)}"


def _frame_lines(e: Explanation, names: dict[str, str]) -> list[str]:
    """A figure with its reason, then its claim frame and key."""
    c, f = e.claim, e.claim.figure
    said = e.reason if e.status == Status.COMPARED else f"{e.status.value}: {e.reason}"
    thing = _or_dash(c.thing) + (f" ({c.label})" if c.label and c.label != c.thing else "")
    entity = _or_dash(c.entity) + (f" {names[c.entity]}" if c.entity in names else "")
    case = "one case" if c.individual else "general rule"
    lines = [
        f'  {f.line}:{f.column} "{f.surface}"  {said}',
        f"      thing     {thing}",
        f"      words     {_or_dash(', '.join(c.words))}",
        f"      own       {_or_dash(c.own)}   parts {_or_dash(', '.join(c.own_parts))}",
        f"      entity    {entity}   place {_or_dash(c.place)}   subject {_or_dash(c.subject)}",
        f"      time      {'-' if c.time is None else time_words(c)}",
        f"      role      {c.role}, {c.modality}, {case}",
        f"      unit      {_or_dash(f.unit)}   dimension {f.dimension}   "
        f"per {_or_dash('/'.join(p for p in (f.period, f.per) if p))}",
        f"      key       {_or_dash(c.key)}",
    ]
    if c.key is not None and c.key_reason:
        lines.append(f"      because   {c.key_reason}")
    return lines


# The claims a figure is shown with, by the label of their lines.
_LINKS = (("compared", "compared_with"), ("conflicts", "conflicts_with"))


def _link_lines(e: Explanation) -> list[str]:
    """The claims a figure was compared with, conflicts with or shares its key with, and its nearest."""
    lines = [f"      {label:<9} {_at(o)}" for label, others in _LINKS for o in getattr(e, others)]
    if e.status != Status.COMPARED:
        lines += [f"      same key  {_at(o)}" for o in e.same_key[:SHOWN]]
        if len(e.same_key) > SHOWN:
            lines.append(f"      same key  and {len(e.same_key) - SHOWN} more (the first {LISTED} in --format json)")
    if e.nearest is not None:
        n = e.nearest
        lines.append(f"      nearest   {_at(n.claim)}, {n.shared} of {len(KEY_PARTS)} key parts in common")
        part_names = dict(KEY_PARTS)
        for part, this, that in n.differs:
            lines.append(f'      differs   {part_names[part]}: "{this or "-"}" here, "{that or "-"}" there')
    return lines


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``figures claims`` to the command line."""
    p = sub.add_parser("claims", help="show each figure's claim, its story, and why it was or was not compared")
    p.add_argument("paths", nargs="+", help="article files or folders to explain")
    add_corpus(p)
    add_min_confidence(p)
    p.add_argument(
        "--format",
        choices=[f.value for f in ClaimsFormat],
        default=ClaimsFormat.TEXT.value,
        help="text or json explain each figure; csv and parquet write the ledger, one row per claim "
        "(parquet needs the parquet extra and -o FILE)",
    )
    add_follow_links(p)
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument(
        "--rules", help="folder of project rule files over the default ones (default: rules/ beside the configuration)"
    )
    p.add_argument("--isolated", action="store_true", help="only the package's default rules; ignore configuration")
    p.add_argument("--exclude", action="append", help="glob of files a folder walk skips")
    p.add_argument(
        "--config", help="configuration file (default: the nearest figures.toml or pyproject.toml, here or above)"
    )
    p.set_defaults(func=cmd_claims)
