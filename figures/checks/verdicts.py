"""Fact-checkers' verdicts, read back from a filled-in worksheet.

``figures worksheet --import filled.xlsx`` writes ``figures-verdicts.yaml``; ``figures
check`` and ``figures report`` read it. Claims are matched by their stable id, so a
verdict survives edits elsewhere in the article:

* ``not a claim``: the figure is not a claim (a quote, a hypothetical); its
  findings are silenced.
* ``confirmed``: a checker verified the figure; its findings are silenced and the
  report shows it as checked.
* ``incorrect``: kept as an error (FG601) with the checker's note and corrected value.
* ``needs source``: a warning (FG602) until a source is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from figures.checks.base import Code
from figures.core.datafile import load_yaml, read_text
from figures.core.errors import UsageError
from figures.model import CheckerVerdict, Claim, Finding, Notice, Severity, as_members

VERDICTS = tuple(v.value for v in CheckerVerdict)
DEFAULT_FILE = "figures-verdicts.yaml"
CODES = {
    "FG601": Code(
        code="FG601",
        name="MarkedIncorrect",
        title="Marked incorrect by a fact-checker",
        what="A fact-checker's verdict on this claim, imported from the worksheet, is 'incorrect'.",
        why="A figure a checker found wrong must not be published until it is corrected.",
        example='The worksheet row for "63.389 Tajiks" has the verdict incorrect, corrected value 63,389.',
        fix="Correct the figure to the checker's value, then record the verdict 'confirmed'.",
        severity=Severity.ERROR,
    ),
    "FG602": Code(
        code="FG602",
        name="NeedsSource",
        title="A fact-checker asks for a source",
        what="A fact-checker's verdict on this claim is 'needs source'.",
        why="An unsourced figure cannot be defended when a reader challenges it.",
        example='The worksheet row for "more than 500 appeals each day" has the verdict needs source.',
        fix="Add the source to the article or the worksheet, and record 'confirmed'.",
        severity=Severity.WARNING,
    ),
}


@dataclass(frozen=True)
class Verdict:
    claim: str
    verdict: CheckerVerdict
    path: str = ""
    figure: str = ""
    corrected: str = ""
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        as_members(self, verdict=CheckerVerdict)


def read_verdicts(path: str) -> dict[str, Verdict]:
    """Read a verdicts file; a malformed one is a usage error naming the file."""
    try:
        data = load_yaml(read_text(path, what="verdicts file"), path) or {}
    except FileNotFoundError:
        raise UsageError(f"{path}: verdicts file not found; create it with 'figures worksheet --import'") from None
    entries = data.get("verdicts") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise UsageError(
            f"{path}: expected a 'verdicts' mapping of claim ids; recreate it with 'figures worksheet --import'"
        )
    out = {}
    for claim, entry in entries.items():
        if not isinstance(entry, dict) or entry.get("verdict") not in VERDICTS:
            raise UsageError(f"{path}: claim {claim}: verdict must be one of: {', '.join(VERDICTS)}")
        out[str(claim)] = Verdict(
            claim=str(claim),
            verdict=entry["verdict"],
            path=str(entry.get("path", "")),
            figure=str(entry.get("figure", "")),
            corrected=str(entry.get("corrected", "") or ""),
            source=str(entry.get("source", "") or ""),
            notes=str(entry.get("notes", "") or ""),
        )
    return out


def verdicts_in_force(explicit: str | None, configured: str | None) -> dict[str, Verdict] | None:
    """The verdicts a run honours: a named file (which must exist), else figures-verdicts.yaml if present."""
    path = explicit or configured
    if path:
        return read_verdicts(path)
    # a pipe or a device by that name is refused by name, not passed over
    return read_verdicts(DEFAULT_FILE) if Path(DEFAULT_FILE).exists() else None


def write_verdicts(verdicts: dict[str, Verdict]) -> str:
    entries = {}
    for claim in sorted(verdicts):
        v = verdicts[claim]
        entry = {"verdict": v.verdict.value, "path": v.path, "figure": v.figure}
        for key in ("corrected", "source", "notes"):
            if getattr(v, key):
                entry[key] = getattr(v, key)
        entries[claim] = entry
    header = "# Fact-checkers' verdicts, by claim id; written by 'figures worksheet --import'.\n"
    return header + yaml.safe_dump({"version": 1, "verdicts": entries}, sort_keys=False, allow_unicode=True, width=100)


# The verdicts that silence a claim's findings; the others keep a finding of their own.
_SILENCING = (CheckerVerdict.NOT_A_CLAIM, CheckerVerdict.CONFIRMED)


def apply_verdicts(findings: list[Finding], claims: list[Claim], verdicts: dict[str, Verdict]) -> list[Finding]:
    """Silence, keep or add findings as the checkers decided."""
    kept = [f for f in findings if not (f.claim_id in verdicts and verdicts[f.claim_id].verdict in _SILENCING)]
    for claim in claims:
        v = verdicts.get(claim.id)
        if v is None or v.verdict in _SILENCING:
            continue
        f = claim.figure
        if v.verdict == CheckerVerdict.INCORRECT:
            code, severity = "FG601", Severity.ERROR
            message = f'"{f.surface}" was marked incorrect by a fact-checker'
            if v.corrected:
                message += f"; corrected value: {v.corrected}"
        else:
            code, severity = "FG602", Severity.WARNING
            message = f'"{f.surface}": a fact-checker asks for a source'
        if v.notes:
            message += f" ({v.notes})"
        notice = Notice(code, severity, message, "verdicts", "verdicts", source=v.source or None)
        kept.append(Finding.at_figure(notice, claim.path, f, claim))
    return kept
