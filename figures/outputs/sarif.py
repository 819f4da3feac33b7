"""SARIF 2.1.0, for GitHub code scanning and other dashboards.

Paths are relative to the repository root (:mod:`figures.outputs.locations`), so an
alert is placed whatever folder the check ran in. Each result carries a
``partialFingerprints`` entry made from the finding's stable identity (its code, its
article and its claim's stable id, never a line number), so an alert keeps its
identity when a paragraph is inserted above it. Each rule has a readable name, its
descriptions, its page in ``docs/codes/`` as ``help.markdown``, a ``helpUri`` to that
page built from the repository URL in the project's metadata, and
``properties.precision``: how often its findings are right, which dashboards sort by.
The run's ``invocations`` say whether it succeeded and with what exit code; a run
that failed (a bad rule file, a missing path, no article that could be read) lists
why in ``toolExecutionNotifications``, so it never looks like a clean run.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from figures import DISTRIBUTION, __version__
from figures.checks import all_codes
from figures.model import Finding, Location, Severity
from figures.outputs.docs import code_page
from figures.outputs.locations import in_repository, repository_root

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "figuresFinding/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Labels of [project.urls] that name the repository holding docs/codes/, in order of preference.
_REPOSITORY_LABELS = ("repository", "source", "source code", "homepage")
_PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# How often a code's findings are right (GitHub's precision: very-high, high, medium, low). Facts about
# a file or a person's verdict are certain; a comparison of two claims rests on judging them the same
# claim, and a heuristic (a decimal separator, a pay floor that depends on the job) on reading the text.
PRECISION = {
    "FG001": "very-high",
    "FG002": "very-high",
    "FG003": "high",
    "FG101": "high",
    "FG201": "high",
    "FG202": "high",
    "FG203": "high",
    "FG301": "medium",
    "FG401": "high",
    "FG402": "high",
    "FG501": "medium",
    "FG502": "high",
    "FG503": "medium",
    "FG504": "high",
    "FG601": "very-high",
    "FG602": "very-high",
    "FG701": "very-high",
    "FG702": "very-high",
    "FG703": "high",
    "FG704": "very-high",
    "FG705": "very-high",
    "FG706": "high",
}


def rule_name(code: str, title: str = "") -> str:
    """The rule's PascalCase name, as its code declares it: ``FG301`` is ``ConflictingClaims``.

    A code that declares none gets one made from its title.
    """
    declared = all_codes().get(code)
    if declared is not None and declared.name:
        return declared.name
    words = [w for w in re.split(r"[^A-Za-z0-9]+", title) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) or code


def _project_urls() -> dict[str, str]:
    """``[project.urls]`` of the installed package, else of the pyproject.toml of this checkout."""
    urls: dict[str, str] = {}
    try:
        for entry in metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            urls[label.strip().lower()] = url.strip()
    except metadata.PackageNotFoundError:
        pass
    if urls or not _PYPROJECT.is_file():
        return urls
    try:
        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    if project.get("name") != DISTRIBUTION:
        return {}
    return {str(k).lower(): str(v) for k, v in (project.get("urls") or {}).items()}


@lru_cache(maxsize=1)
def repository_url() -> str | None:
    """The project's GitHub repository, from ``[project.urls]``; ``None`` when it names none."""
    urls = _project_urls()
    for label in _REPOSITORY_LABELS:
        url = urls.get(label, "")
        if url.startswith("https://github.com/"):
            return url.rstrip("/")
    return None


def code_page_url(code: str) -> str | None:
    """The URL of a code's page, ``docs/codes/FG301.md`` in the repository, or ``None``."""
    repository = repository_url()
    return f"{repository}/blob/HEAD/docs/codes/{code}.md" if repository else None


def _uri(path: str, root: Path) -> str:
    """The path relative to the repository root, or a ``file:`` URI when it lies outside."""
    inside = in_repository(path, root)
    return str(inside) if inside is not None else Path(path).absolute().as_uri()


def _identity(f: Finding, root: Path) -> str:
    """What a finding is, whatever line it is on: its code, its article, and its claim (or its words)."""
    what = f.claim_id or f.surface or re.sub(r"\d+", "#", f.message)
    return "\0".join((f.code, _uri(f.path, root), what))


def _rules() -> list[dict]:
    codes = all_codes()
    rules = []
    for code in sorted(codes):
        doc = codes[code]
        rule: dict = {
            "id": code,
            "name": rule_name(code, doc.title),
            "shortDescription": {"text": doc.title},
            "fullDescription": {"text": doc.what},
            "help": {"text": f"{doc.why} Fix: {doc.fix}", "markdown": code_page(code)},
            "defaultConfiguration": {"level": _LEVEL[doc.severity]},
            "properties": {"precision": PRECISION.get(code, "medium")},
        }
        help_uri = code_page_url(code)
        if help_uri:
            rule["helpUri"] = help_uri
        rules.append(rule)
    return rules


def _related(related: tuple[Location, ...], root: Path) -> list[dict]:
    return [
        {
            "id": i,
            "message": {"text": r.surface or "related claim"},
            "physicalLocation": {"artifactLocation": {"uri": _uri(r.path, root)}}
            | ({"region": {"startLine": r.line, "startColumn": max(1, r.column)}} if r.line >= 1 else {}),
        }
        for i, r in enumerate(related)
    ]


def _location(f: Finding, root: Path) -> dict:
    location: dict = {"artifactLocation": {"uri": _uri(f.path, root)}}
    if f.line >= 1:
        region = {"startLine": f.line, "startColumn": max(1, f.column)}
        if f.end_line and f.end_column:
            region.update({"endLine": f.end_line, "endColumn": f.end_column})
        location["region"] = region
    return location


def _result(f: Finding, index: dict[str, int], fingerprint: str, root: Path) -> dict:
    location = _location(f, root)
    result: dict = {"ruleId": f.code}
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    result.update(
        {
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT: fingerprint},
            "properties": {
                "check": f.check,
                "rule": f.rule,
                "measure": f.measure,
                "entity": f.entity,
                "time": f.time,
                "claim": f.claim_id,
            },
        }
    )
    if f.related:
        result["relatedLocations"] = _related(f.related, root)
    return result


def format_sarif(findings: list[Finding], exit_code: int | None = None, errors: Sequence[str] = ()) -> str:
    """The findings as a SARIF 2.1.0 log.

    ``exit_code`` is the code the run exits with; ``errors`` are the reasons a run
    failed (each one a line the command line printed), which make it unsuccessful.
    """
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    root = repository_root()
    results = []
    seen: dict[str, int] = {}
    for f in findings:
        identity = _identity(f, root)
        seen[identity] = seen.get(identity, 0) + 1  # the same finding twice in one article: keep both alerts
        # surrogatepass: a file name that is not UTF-8 still has a fingerprint
        digest = hashlib.sha256(f"{identity}\0{seen[identity]}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        results.append(_result(f, index, digest, root))
    invocation: dict = {"executionSuccessful": not errors and exit_code != 2}
    if exit_code is not None:
        invocation["exitCode"] = int(exit_code)
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": message}} for message in errors
        ]
    driver: dict = {"name": "figures", "version": __version__}
    if repository_url():
        driver["informationUri"] = repository_url()
    driver["rules"] = rules
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def format_failed_run(message: str, exit_code: int = 2) -> str:
    """A SARIF log for a run that stopped before checking anything, saying why."""
    return format_sarif([], exit_code, [message])


def format_findings(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    """The findings for ``--format sarif``: a log of one run, with no exit code or errors to tell."""
    return format_sarif(findings)
