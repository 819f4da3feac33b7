"""A baseline of known findings, so a newsroom can adopt the check on an archive.

A finding is known when its article, code and claim (or message) are in the
baseline; line numbers are left out so edits elsewhere in an article keep the
baseline valid. ``figures check --write-baseline FILE`` records the current
findings; ``--baseline FILE`` then reports only new ones.
"""

from __future__ import annotations

import json
from pathlib import Path

from figures.core.datafile import load_json, read_text
from figures.core.errors import UsageError
from figures.model import Finding

VERSION = 1
# A baseline grows with the archive it was written on: about 150 bytes a finding.
MAX_BASELINE_BYTES = 256 * 1024 * 1024


def fingerprint(finding: Finding) -> tuple[str, str, str]:
    return (Path(finding.path).as_posix(), finding.code, finding.claim_id or finding.message)


def write_baseline(findings: list[Finding]) -> str:
    entries = sorted({fingerprint(f) for f in findings})
    data = {
        "version": VERSION,
        "findings": [{"path": p, "code": c, "claim": k} for p, c, k in entries],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_baseline(path: str) -> set[tuple[str, str, str]]:
    hint = "recreate it with --write-baseline"
    try:
        data = load_json(read_text(path, what="baseline", limit=MAX_BASELINE_BYTES, hint=hint), path, hint=hint)
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline file not found; create it with --write-baseline") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise UsageError(f"{path}: not a figures baseline (version {VERSION}); recreate it with --write-baseline")
    out = set()
    for entry in data["findings"]:
        try:
            out.add((entry["path"], entry["code"], entry["claim"]))
        except (KeyError, TypeError):
            raise UsageError(f"{path}: a baseline entry lacks path, code or claim; recreate it") from None
    return out
