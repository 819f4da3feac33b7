"""Score `figures check` on the multi-beat corpus against its answer key.

    python benchmarks/claims.py                    # a table per beat and overall
    python benchmarks/claims.py --json             # the same as JSON
    python benchmarks/claims.py --details          # also list each conflict found or missed, each trap triggered
    python benchmarks/claims.py --rules DIR --isolated

Runs `python -m figures check data/beats --format json --fail-on never` from the repository
root and reads the findings. A finding's locations are its own {path, surface} and its
`related` entries. A finding matches a planted conflict of data/beats/expected.yaml when
its locations cover two sides of the conflict from different camps; it triggers a trap when
they cover two sides of the trap. The first finding that matches a conflict is a true
positive, later ones are duplicates; a finding that matches no conflict but a trap counts
as a trap triggered; any other finding is a false alarm.

Surfaces match loosely: case and runs of whitespace are ignored, and one surface may
contain the other ("up to 10 years" matches "10 years"), but not as a fragment of a longer
number ("5" does not match "15.1%").

Precision is true positives over true positives, false alarms and traps triggered
(duplicates left out); recall is true positives over planted conflicts; "wrong per 20
articles" counts false alarms and traps triggered. The script measures and never judges:
it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = "data/beats"
KEY = "data/beats/expected.yaml"
SKIPPED_NAMES = ("readme", "index", "license")
ARTICLE_SUFFIXES = {".md", ".txt", ".html", ".htm"}


@dataclass(frozen=True)
class Side:
    path: str
    surface: str
    camp: str


@dataclass(frozen=True)
class Planted:
    beat: str
    why: str
    sides: tuple[Side, ...]
    kind: str = ""


@dataclass
class BeatScore:
    articles: int = 0
    findings: int = 0
    conflicts: int = 0
    true_positives: int = 0
    false_alarms: int = 0
    traps_triggered: int = 0
    duplicates: int = 0
    trap_kinds: Counter = field(default_factory=Counter)

    def add(self, other: BeatScore) -> None:
        for name in (
            "articles",
            "findings",
            "conflicts",
            "true_positives",
            "false_alarms",
            "traps_triggered",
            "duplicates",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.trap_kinds.update(other.trap_kinds)

    def as_dict(self) -> dict:
        judged = self.true_positives + self.false_alarms + self.traps_triggered
        wrong = self.false_alarms + self.traps_triggered
        return {
            "articles": self.articles,
            "findings": self.findings,
            "conflicts": self.conflicts,
            "true_positives": self.true_positives,
            "false_alarms": self.false_alarms,
            "traps_triggered": self.traps_triggered,
            "duplicates": self.duplicates,
            "precision": round(self.true_positives / judged, 3) if judged else None,
            "recall": round(self.true_positives / self.conflicts, 3) if self.conflicts else None,
            "false_alarms_per_20_articles": round(wrong * 20 / self.articles, 2) if self.articles else None,
            "traps_triggered_by_kind": dict(sorted(self.trap_kinds.items())),
        }


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def normalise_path(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(ROOT)
        except ValueError:
            pass
    return p.as_posix().removeprefix("./")


def surfaces_match(found: str, expected: str) -> bool:
    a, b = normalise(found), normalise(expected)
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    # The shorter surface must not be a piece of a longer number ("5" inside "15.1%").
    pattern = r"(?<![\d.,])" + re.escape(short) + r"(?!\d|[.,]\d)"
    return re.search(pattern, long) is not None


def load_key(path: Path) -> tuple[list[Planted], list[Planted]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def planted(entry: dict, with_camps: bool) -> Planted:
        sides = tuple(
            Side(
                normalise_path(s["path"]),
                str(s["surface"]),
                str(s.get("camp", f"side{i}")) if with_camps else f"side{i}",
            )
            for i, s in enumerate(entry["sides"])
        )
        return Planted(entry["beat"], entry.get("why", ""), sides, entry.get("kind", ""))

    conflicts = [planted(e, True) for e in data.get("conflicts") or []]
    traps = [planted(e, False) for e in data.get("traps") or []]
    return conflicts, traps


def check_surfaces(planted: list[Planted]) -> list[str]:
    """Warnings for answer-key surfaces that do not occur verbatim in their article."""
    warnings = []
    texts: dict[str, str | None] = {}
    for item in planted:
        for side in item.sides:
            if side.path not in texts:
                file = ROOT / side.path
                texts[side.path] = file.read_text(encoding="utf-8") if file.is_file() else None
            text = texts[side.path]
            if text is None:
                warnings.append(f"{KEY}: {side.path} does not exist ({item.beat}: {item.why})")
            elif side.surface not in text:
                warnings.append(f"{KEY}: {side.surface!r} not found in {side.path} ({item.beat}: {item.why})")
    return warnings


def count_articles(corpus: Path) -> Counter:
    counts: Counter = Counter()
    for file in sorted(corpus.rglob("*")):
        if (
            file.is_file()
            and file.suffix.lower() in ARTICLE_SUFFIXES
            and not file.name.lower().startswith(SKIPPED_NAMES)
        ):
            counts[beat_of(normalise_path(str(file)), corpus)] += 1
    return counts


def beat_of(path: str, corpus: Path) -> str:
    prefix = normalise_path(str(corpus)).rstrip("/") + "/"
    if path.startswith(prefix):
        rest = path[len(prefix) :]
        if "/" in rest:
            return rest.split("/", 1)[0]
    return "(other)"


def run_figures(corpus: str, rules: str | None, isolated: bool) -> list[dict] | None:
    command = [sys.executable, "-m", "figures", "check", corpus, "--format", "json", "--fail-on", "never"]
    if rules:
        command += ["--rules", rules]
    if isolated:
        done = subprocess.run(command + ["--isolated"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode == 2 and "--isolated" in done.stderr:
            print("claims.py: figures check does not accept --isolated; running without it", file=sys.stderr)
        else:
            return parse_findings(done)
    return parse_findings(subprocess.run(command, cwd=ROOT, capture_output=True, text=True))


def parse_findings(done: subprocess.CompletedProcess) -> list[dict] | None:
    if done.returncode not in (0, 1):
        print(f"claims.py: figures check exited {done.returncode}: {done.stderr.strip()}", file=sys.stderr)
        return None
    try:
        return json.loads(done.stdout or "[]")
    except json.JSONDecodeError as error:
        print(f"claims.py: figures check did not print JSON ({error})", file=sys.stderr)
        return None


def locations(finding: dict) -> list[tuple[str, str]]:
    found = [(normalise_path(finding.get("path", "")), finding.get("surface") or "")]
    for other in finding.get("related") or []:
        found.append((normalise_path(other.get("path", "")), other.get("surface") or ""))
    return found


def covers(item: Planted, places: list[tuple[str, str]]) -> bool:
    """True when two different places match two sides of different camps."""
    hits = [
        {i for i, (path, surface) in enumerate(places) if path == side.path and surfaces_match(surface, side.surface)}
        for side in item.sides
    ]
    for a, side_a in enumerate(item.sides):
        for b in range(a + 1, len(item.sides)):
            if side_a.camp == item.sides[b].camp:
                continue
            if any(x != y for x in hits[a] for y in hits[b]):
                return True
    return False


def score(
    findings: list[dict], conflicts: list[Planted], traps: list[Planted], articles: Counter, corpus: Path
) -> tuple[dict[str, BeatScore], list[dict]]:
    beats: dict[str, BeatScore] = {}

    def beat(name: str) -> BeatScore:
        return beats.setdefault(name, BeatScore())

    for name, n in articles.items():
        beat(name).articles = n
    for item in conflicts:
        beat(item.beat).conflicts += 1

    found: dict[int, int] = {}
    triggered: dict[int, int] = {}
    verdicts = []
    for finding in findings:
        places = locations(finding)
        here = beat(beat_of(places[0][0], corpus))
        here.findings += 1
        matched = [i for i, item in enumerate(conflicts) if covers(item, places)]
        fresh = [i for i in matched if i not in found]
        if fresh:
            for i in fresh:
                found[i] = found.get(i, 0) + 1
                beat(conflicts[i].beat).true_positives += 1
            verdict = "true positive"
        elif matched:
            here.duplicates += 1
            verdict = "duplicate"
        else:
            trapped = [i for i, item in enumerate(traps) if covers(item, places)]
            if trapped:
                here.traps_triggered += 1
                for i in trapped:
                    triggered[i] = triggered.get(i, 0) + 1
                here.trap_kinds.update({traps[trapped[0]].kind})
                verdict = "trap " + ", ".join(sorted({traps[i].kind for i in trapped}))
            else:
                here.false_alarms += 1
                verdict = "false alarm"
        verdicts.append(
            {
                "verdict": verdict,
                "path": places[0][0],
                "line": finding.get("line"),
                "code": finding.get("code"),
                "message": finding.get("message", ""),
            }
        )
    details = verdicts + [
        {"verdict": "found" if i in found else "missed", "beat": item.beat, "why": item.why}
        for i, item in enumerate(conflicts)
    ]
    return beats, details


def format_table(beats: dict[str, BeatScore], total: BeatScore) -> str:
    header = (
        "beat",
        "articles",
        "findings",
        "TP/planted",
        "false alarms",
        "traps",
        "duplicates",
        "precision",
        "recall",
        "wrong/20 art.",
    )
    rows = []
    for name, beat in [*sorted(beats.items()), ("overall", total)]:
        d = beat.as_dict()
        rows.append(
            (
                name,
                str(d["articles"]),
                str(d["findings"]),
                f"{d['true_positives']}/{d['conflicts']}",
                str(d["false_alarms"]),
                str(d["traps_triggered"]),
                str(d["duplicates"]),
                "n/a" if d["precision"] is None else f"{d['precision']:.2f}",
                "n/a" if d["recall"] is None else f"{d['recall']:.2f}",
                "n/a" if d["false_alarms_per_20_articles"] is None else f"{d['false_alarms_per_20_articles']:.1f}",
            )
        )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    if total.trap_kinds:
        lines.append("traps triggered by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(total.trap_kinds.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--details", action="store_true", help="list every finding's verdict and every conflict")
    parser.add_argument("--rules", metavar="DIR", help="passed to figures check as --rules DIR")
    parser.add_argument("--isolated", action="store_true", help="passed to figures check (ignore project rule files)")
    parser.add_argument("--corpus", default=CORPUS, help=f"folder of beat folders (default {CORPUS})")
    parser.add_argument("--key", default=KEY, help=f"answer key (default {KEY})")
    args = parser.parse_args(argv)

    conflicts, traps = load_key(ROOT / args.key)
    for warning in check_surfaces(conflicts + traps):
        print("warning: " + warning, file=sys.stderr)

    corpus = ROOT / args.corpus
    findings = run_figures(args.corpus, args.rules, args.isolated)
    if findings is None:
        return 0
    beats, details = score(findings, conflicts, traps, count_articles(corpus), corpus)
    total = BeatScore()
    for beat in beats.values():
        total.add(beat)

    if args.json:
        out = {"beats": {name: b.as_dict() for name, b in sorted(beats.items())}, "overall": total.as_dict()}
        if args.details:
            out["details"] = details
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(format_table(beats, total))
    if args.details:
        print()
        for d in details:
            if "why" in d:
                print(f"{d['verdict']:>7}  {d['beat']}: {d['why']}")
            else:
                print(f"{d['verdict']}  {d['path']}:{d['line']} {d['code']} {d['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
