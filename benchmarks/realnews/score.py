"""Score figures on real news: the same events covered by several outlets, against a ledger.

    python benchmarks/realnews/score.py                          # the development ledger
    python benchmarks/realnews/score.py --details                # also every finding's verdict, every disagreement
    python benchmarks/realnews/score.py --json                   # the same as JSON
    python benchmarks/realnews/score.py --rules DIR              # figures check --rules DIR (default: --isolated)
    python benchmarks/realnews/score.py --import EVENT FILE.json # save collected texts: {article id: text}

The ledger (benchmarks/realnews/ledger.yaml) names each article by address, outlet and date,
and lists the claims that two or more articles state, each as `agree`, `disagreement` or
`distinct`, with each article's figure as written. The texts are third-party pages and are
never committed: they live in benchmarks/realnews/texts/<event>/<article>.txt (git-ignored).
Articles whose text is missing are skipped with a note; with no text at all the script says
how to collect them.

For each event the script writes the event's texts into a temporary folder as Markdown
articles with front matter (outlet, date, url from the ledger), runs
`python -m figures check FOLDER --format json --fail-on never --no-index --isolated` on that
folder as one corpus, and asks the same code, through its Python API
(`figures.runtime.engine.check(..., keep=True).groups`), which claims the consistency check put in one
group (compared). It reports per event and in total:

* disagreements found: ledgered disagreements that a consistency finding links (its own
  figure and a related one match figures on two different sides);
* false alarms: consistency findings that link no ledgered disagreement; of them, "in one
  art." have all their places in one article, "traps" link a pair the ledger says is
  `distinct`, and "on agree" link a pair it says agrees;
* agree pairs compared: of the pairs of articles whose figures the ledger says agree (within
  an `agree` claim, or on one side of a `disagreement` or `distinct` claim; a pair listed
  twice counts once), how many the check put in one group or linked in one consistency
  finding (claims of neighbouring dates can conflict across groups); the same for `distinct`
  pairs, where compared is what should not happen;
* ledger figures keyed: of the figures the ledger lists, how many figures extracted and gave a
  claim key (a figure with no key is never compared).

Surfaces match as in benchmarks/claims.py: case and spacing ignored, one may contain the
other, but not as a fragment of a longer number. The script measures and never judges: it
exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TEXTS = HERE / "texts"
DEFAULT_LEDGER = HERE / "ledger.yaml"

sys.path.insert(0, str(ROOT / "benchmarks"))
from claims import surfaces_match  # noqa: E402  (the project's own loose surface match)

# Run in a child process with the package from this checkout: the groups the consistency check
# compared, each with its members' article file and surface, and every claim's key or none.
GROUPS_HELPER = r"""
import json, sys
from pathlib import Path
from figures.runtime.engine import check
from figures.rules.loader import load_rulebook
folder, rules = sys.argv[1], sys.argv[2] or None
result = check([folder], load_rulebook(rules), keep=True)
out = {
    "groups": [
        {"key": g.key, "reason": g.reason,
         "members": [{"path": Path(c.path).name, "surface": c.figure.surface} for c in g.claims]}
        for g in result.groups
    ],
    "claims": [
        {"path": Path(c.path).name, "surface": c.figure.surface, "keyed": c.key is not None}
        for c in result.claims
    ],
}
print(json.dumps(out))
"""

HOW_TO_COLLECT = """\
No article texts found under {texts}.

The texts are third-party pages and are not in the repository. To collect them, look each
article's address up in the ledger ({ledger}) and fetch the page's text: the project used the
stored public pages corpus of the search tool (search with the headline or the address; it
returns the opening of each page, about 2,000 characters). Save each text as returned, as

    {texts}/<event id>/<article id>.txt

(the ledger's `text` field gives the path), or put an event's texts in a JSON object
{{"<article id>": "<text>", ...}} and run

    python benchmarks/realnews/score.py --import <event id> FILE.json

Then run this script again. A text that differs from the one the ledger was written from
shows up as warnings about figures not found in it."""


@dataclass
class Fig:
    article: str
    surface: str
    side: str = ""


@dataclass
class LedgerClaim:
    event: str
    id: str
    what: str
    kind: str
    reason: str
    figures: list[Fig]

    def pairs(self, kind: str) -> list[tuple[Fig, Fig]]:
        """Pairs of figures from different articles that the ledger says are of this kind."""
        out = []
        for i, a in enumerate(self.figures):
            for b in self.figures[i + 1 :]:
                if a.article == b.article:
                    continue
                if self.kind != "agree" and (a.side or b.side):
                    pair_kind = "agree" if a.side == b.side else self.kind
                else:
                    pair_kind = self.kind
                if pair_kind == kind:
                    out.append((a, b))
        return out


@dataclass
class Event:
    id: str
    beat: str
    description: str
    articles: list[dict]
    claims: list[LedgerClaim]


@dataclass
class Score:
    articles: int = 0
    articles_missing: int = 0
    findings: int = 0  # consistency findings
    other_findings: int = 0
    disagreements: int = 0
    found: int = 0
    duplicates: int = 0
    false_alarms: int = 0
    within: int = 0  # false alarms whose places are all in one article
    traps: int = 0
    on_agree: int = 0
    agree_pairs: int = 0
    agree_compared: int = 0
    distinct_pairs: int = 0
    distinct_compared: int = 0
    figures: int = 0
    extracted: int = 0
    keyed: int = 0
    details: list[str] = field(default_factory=list)

    COUNTS = (
        "articles",
        "articles_missing",
        "findings",
        "other_findings",
        "disagreements",
        "found",
        "duplicates",
        "false_alarms",
        "within",
        "traps",
        "on_agree",
        "agree_pairs",
        "agree_compared",
        "distinct_pairs",
        "distinct_compared",
        "figures",
        "extracted",
        "keyed",
    )

    def add(self, other: Score) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        d = {name: getattr(self, name) for name in self.COUNTS}
        d["agree_share_compared"] = round(self.agree_compared / self.agree_pairs, 3) if self.agree_pairs else None
        d["false_alarms_per_40_articles"] = round(self.false_alarms * 40 / self.articles, 2) if self.articles else None
        return d


def load_ledger(path: Path) -> list[Event]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    events = []
    for e in data.get("events") or []:
        claims = [
            LedgerClaim(
                e["id"],
                c["id"],
                c.get("what", ""),
                c["kind"],
                c.get("reason", ""),
                [Fig(f["article"], str(f["surface"]), str(f.get("side", ""))) for f in c["figures"]],
            )
            for c in e.get("claims") or []
        ]
        events.append(Event(e["id"], e.get("beat", ""), e.get("description", ""), e["articles"], claims))
    return events


def check_ledger(events: list[Event]) -> list[str]:
    """Problems in the ledger itself: unknown articles or kinds, disagreements without two sides."""
    problems = []
    for event in events:
        ids = {a["id"] for a in event.articles}
        for claim in event.claims:
            where = f"{event.id}/{claim.id}"
            if claim.kind not in ("agree", "disagreement", "distinct"):
                problems.append(f"{where}: unknown kind {claim.kind!r}")
            for fig in claim.figures:
                if fig.article not in ids:
                    problems.append(f"{where}: unknown article {fig.article!r}")
            if len({f.article for f in claim.figures}) < 2:
                problems.append(f"{where}: figures from fewer than two articles")
            if claim.kind == "disagreement" and len({f.side for f in claim.figures}) < 2:
                problems.append(f"{where}: a disagreement needs figures on two sides")
    return problems


def text_of(article: dict) -> str | None:
    path = TEXTS / article["text"]
    return path.read_text(encoding="utf-8") if path.is_file() else None


def front_matter(article: dict) -> str:
    lines = ["---"]
    for key in ("outlet", "date", "url"):
        if article.get(key) is not None:
            lines.append(f"{key}: {json.dumps(str(article[key]), ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def run_figures(folder: Path, rules: str | None) -> tuple[list[dict] | None, dict | None, str]:
    """Findings (stable JSON) and compared groups (Python API) for one folder; a note when either failed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    command = [sys.executable, "-m", "figures", "check", str(folder), "--format", "json", "--fail-on", "never"]
    command += ["--no-index", "-q"] + (["--rules", rules] if rules else ["--isolated"])
    notes = []
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    findings = None
    if done.returncode in (0, 1):
        try:
            findings = json.loads(done.stdout or "[]")
        except json.JSONDecodeError as error:
            notes.append(f"figures check did not print JSON ({error})")
    else:
        notes.append(f"figures check exited {done.returncode}: {done.stderr.strip()[-400:]}")
    helper = subprocess.run(
        [sys.executable, "-c", GROUPS_HELPER, str(folder), rules or ""],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    groups = None
    if helper.returncode == 0:
        try:
            groups = json.loads(helper.stdout)
        except json.JSONDecodeError as error:
            notes.append(f"the groups helper did not print JSON ({error})")
    else:
        notes.append("could not read the compared groups (agree pairs not measured): " + helper.stderr.strip()[-400:])
    return findings, groups, "; ".join(notes)


def places(finding: dict) -> list[tuple[str, str]]:
    out = [(Path(finding.get("path", "")).name, finding.get("surface") or "")]
    out += [(Path(r.get("path", "")).name, r.get("surface") or "") for r in finding.get("related") or []]
    return out


def links(a: Fig, b: Fig, found: list[tuple[str, str]]) -> bool:
    """True when two different places match figure a and figure b."""
    hits_a = {i for i, (path, s) in enumerate(found) if path == a.article + ".md" and surfaces_match(s, a.surface)}
    hits_b = {i for i, (path, s) in enumerate(found) if path == b.article + ".md" and surfaces_match(s, b.surface)}
    return any(x != y for x in hits_a for y in hits_b)


def score_event(event: Event, rules: str | None, keep: Path | None) -> Score:
    score = Score()
    present = present_texts(event, score)
    claims = [
        LedgerClaim(c.event, c.id, c.what, c.kind, c.reason, [f for f in c.figures if f.article in present])
        for c in event.claims
    ]
    if len(present) < 2:
        if present:
            score.details.append(f"note: {event.id}: only one text present; event not run")
        return score
    findings, groups, note = run_event(event, present, rules, keep)
    if note:
        score.details.append(f"note: {event.id}: {note}")
    findings = findings or []
    score_findings(score, event.id, claims, findings)
    members = [[(m["path"], m["surface"]) for m in g["members"]] for g in ((groups or {}).get("groups") or [])]
    # a conflict finding compared its places too, even when they sit in groups of neighbouring dates
    members += [places(f) for f in findings if f.get("check") == "consistency"]
    score_pairs(score, claims, members)
    score_figures(score, claims, (groups or {}).get("claims") or [])
    return score


def present_texts(event: Event, score: Score) -> dict[str, tuple[dict, str]]:
    """The event's articles whose text is present, with it, by id; notes the missing, warns of figures not found."""
    present = {}
    for article in event.articles:
        text = text_of(article)
        if text is None:
            score.articles_missing += 1
            score.details.append(f"note: {event.id}: no text for {article['id']} ({TEXTS / article['text']}); skipped")
        else:
            present[article["id"]] = (article, text)
    score.articles = len(present)
    for claim in event.claims:
        for fig in claim.figures:
            if fig.article in present and fig.surface not in present[fig.article][1]:
                score.details.append(
                    f"warning: {event.id}/{claim.id}: {fig.surface!r} not found in {fig.article}'s text"
                )
    return present


def run_event(
    event: Event, present: dict[str, tuple[dict, str]], rules: str | None, keep: Path | None
) -> tuple[list[dict] | None, dict | None, str]:
    """:func:`run_figures` on the event's texts, written as Markdown articles (also into ``keep``)."""
    with tempfile.TemporaryDirectory(prefix=f"realnews-{event.id}-") as tmp:
        folder = Path(tmp)
        for article_id, (article, text) in present.items():
            (folder / f"{article_id}.md").write_text(front_matter(article) + text, encoding="utf-8")
        if keep:
            target = keep / event.id
            target.mkdir(parents=True, exist_ok=True)
            for file in folder.glob("*.md"):
                (target / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
        return run_figures(folder, rules)


def score_findings(score: Score, event_id: str, claims: list[LedgerClaim], findings: list[dict]) -> None:
    """Each consistency finding found a disagreement, found one again, or is a false alarm; then the missed."""
    disagreements = [c for c in claims if c.kind == "disagreement" and c.pairs("disagreement")]
    score.disagreements = len(disagreements)
    found: set[str] = set()
    for finding in findings:
        if finding.get("check") != "consistency":
            score.other_findings += 1
            continue
        score.findings += 1
        where = places(finding)
        matched = [c.id for c in disagreements if any(links(a, b, where) for a, b in c.pairs("disagreement"))]
        fresh = [m for m in matched if m not in found]
        name = Path(finding.get("path", "")).name
        short = f"{finding.get('code')} {name}:{finding.get('line')} {finding.get('message', '')}"
        if fresh:
            found.update(fresh)
            score.details.append(f"found      {event_id}: {', '.join(fresh)}: {short}")
        elif matched:
            score.duplicates += 1
            score.details.append(f"duplicate  {event_id}: {', '.join(matched)}: {short}")
        else:
            score.details.append(f"false alarm, {false_alarm(score, claims, where)}  {event_id}: {short}")
    score.found = len(found)
    for claim in disagreements:
        if claim.id not in found:
            score.details.append(f"missed     {event_id}/{claim.id}: {claim.what}")


# What a false alarm may link that the ledger knows, in this order: the pairs' kind, its count, its label.
FALSE_ALARM_KINDS = (("distinct", "traps", "trap"), ("agree", "on_agree", "on agree"))


def false_alarm(score: Score, claims: list[LedgerClaim], where: list[tuple[str, str]]) -> str:
    """Count a false alarm, in one article or not, and by the first kind of ledgered pair it links; its label."""
    score.false_alarms += 1
    if len({path for path, _ in where}) == 1:
        score.within += 1
    for kind, count, label in FALSE_ALARM_KINDS:
        linked = [c.id for c in claims if any(links(a, b, where) for a, b in c.pairs(kind))]
        if linked:
            setattr(score, count, getattr(score, count) + 1)
            return f"{label} ({', '.join(linked)})"
    return "unledgered"


# The counts of the pairs of each kind, and of those compared.
PAIR_COUNTS = {"agree": ("agree_pairs", "agree_compared"), "distinct": ("distinct_pairs", "distinct_compared")}


def score_pairs(score: Score, claims: list[LedgerClaim], members: list[list[tuple[str, str]]]) -> None:
    """Count the agree and distinct pairs, and those put in one compared group (``members``)."""
    counted: set[tuple] = set()  # a pair listed under two claims counts once
    for claim in claims:
        for kind, (pairs, compared) in PAIR_COUNTS.items():
            for a, b in claim.pairs(kind):
                pair = (kind, *sorted([(a.article, a.surface), (b.article, b.surface)]))
                if pair in counted:
                    continue
                counted.add(pair)
                setattr(score, pairs, getattr(score, pairs) + 1)
                setattr(score, compared, getattr(score, compared) + any(links(a, b, group) for group in members))


def score_figures(score: Score, claims: list[LedgerClaim], extracted: list[dict]) -> None:
    """Count the ledger's figures, once each, and those extracted and keyed."""
    seen: set[tuple[str, str]] = set()
    for claim in claims:
        for fig in claim.figures:
            if (fig.article, fig.surface) in seen:
                continue
            seen.add((fig.article, fig.surface))
            score.figures += 1
            mine = [
                c for c in extracted if c["path"] == fig.article + ".md" and surfaces_match(c["surface"], fig.surface)
            ]
            score.extracted += bool(mine)
            score.keyed += any(c["keyed"] for c in mine)


def format_table(rows: list[tuple[str, str, Score]], total: Score) -> str:
    header = (
        "event",
        "beat",
        "art.",
        "findings",
        "found/disagr.",
        "false alarms",
        "in one art.",
        "traps",
        "on agree",
        "agree compared",
        "keyed/figures",
    )

    def cells(name: str, beat: str, s: Score) -> tuple[str, ...]:
        share = f" ({s.agree_compared / s.agree_pairs:.0%})" if s.agree_pairs else ""
        arts = f"{s.articles}" + (f"+{s.articles_missing} missing" if s.articles_missing else "")
        return (
            name,
            beat,
            arts,
            str(s.findings),
            f"{s.found}/{s.disagreements}",
            str(s.false_alarms),
            str(s.within),
            str(s.traps),
            str(s.on_agree),
            f"{s.agree_compared}/{s.agree_pairs}{share}",
            f"{s.keyed}/{s.figures}",
        )

    table = [header] + [cells(*r) for r in rows] + [cells("total", "", total)]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in table
    ]
    rule = "  ".join("-" * w for w in widths)
    lines.insert(1, rule)
    lines.insert(len(lines) - 1, rule)
    return "\n".join(lines)


def import_texts(event_id: str, file: Path, ledger: Path) -> int:
    data = json.loads(file.read_text(encoding="utf-8"))
    known = {}
    for event in load_ledger(ledger):
        if event.id == event_id:
            known = {a["id"]: a for a in event.articles}
    if not known:
        print(f"score.py: no event {event_id!r} in {ledger}", file=sys.stderr)
        return 2
    for article_id, text in data.items():
        if article_id not in known:
            print(f"score.py: {event_id} has no article {article_id!r}; not saved", file=sys.stderr)
            continue
        target = TEXTS / known[article_id]["text"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"saved {target.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", nargs="?", default=str(DEFAULT_LEDGER), help="ledger file (default: ledger.yaml)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--details", action="store_true", help="every finding's verdict, every missed disagreement")
    parser.add_argument("--rules", metavar="DIR", help="passed to figures check (default: --isolated)")
    parser.add_argument("--event", action="append", help="only this event (repeatable)")
    parser.add_argument("--keep", metavar="DIR", help="also write the Markdown articles here, one folder per event")
    parser.add_argument("--import", dest="import_", nargs=2, metavar=("EVENT", "FILE"), help="save texts from JSON")
    args = parser.parse_args(argv)
    ledger = Path(args.ledger)

    if args.import_:
        return import_texts(args.import_[0], Path(args.import_[1]), ledger)

    events = load_ledger(ledger)
    problems = check_ledger(events)
    for problem in problems:
        print(f"ledger: {problem}", file=sys.stderr)
    if args.event:
        events = [e for e in events if e.id in args.event]
    if not any(text_of(a) is not None for e in events for a in e.articles):
        print(HOW_TO_COLLECT.format(texts=TEXTS.relative_to(ROOT), ledger=ledger))
        return 0

    keep = Path(args.keep) if args.keep else None
    rows = []
    total = Score()
    for event in events:
        s = score_event(event, args.rules, keep)
        rows.append((event.id, event.beat, s))
        total.add(s)
        for line in s.details:
            if line.startswith(("note", "warning")):
                print(line, file=sys.stderr)

    if args.json:
        out = {"ledger": str(ledger), "events": {name: s.as_dict() for name, _, s in rows}, "total": total.as_dict()}
        if args.details:
            out["details"] = [d for _, _, s in rows for d in s.details]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(format_table(rows, total))
    d = total.as_dict()
    print()
    print(
        f"disagreements found {total.found}/{total.disagreements}; "
        f"false alarms {total.false_alarms} ({d['false_alarms_per_40_articles']} per 40 articles; "
        f"{total.within} within one article, {total.traps} on distinct pairs, {total.on_agree} on agreeing pairs); "
        f"agree pairs compared {total.agree_compared}/{total.agree_pairs}"
        + (f" ({d['agree_share_compared']:.1%})" if d["agree_share_compared"] is not None else "")
        + f"; distinct pairs compared {total.distinct_compared}/{total.distinct_pairs}; "
        f"ledger figures keyed {total.keyed}/{total.figures} (extracted {total.extracted}); "
        f"other findings {total.other_findings}"
    )
    if args.details:
        print()
        for _, _, s in rows:
            for line in s.details:
                if not line.startswith(("note", "warning")):
                    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
