"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from pathlib import Path

from figures import __version__
from figures.checks import all_codes
from figures.model import Finding, Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def format_sarif(findings: list[Finding]) -> str:
    codes = all_codes()
    rule_ids = sorted({f.code for f in findings} | set(codes))
    index = {code: i for i, code in enumerate(rule_ids)}
    rules = []
    for code in rule_ids:
        doc = codes.get(code)
        rule = {"id": code, "name": doc.title.replace(" ", "") if doc else code}
        if doc:
            rule["shortDescription"] = {"text": doc.title}
            rule["fullDescription"] = {"text": doc.what}
            rule["help"] = {"text": f"{doc.why} Fix: {doc.fix}"}
            rule["defaultConfiguration"] = {"level": _LEVEL[doc.severity]}
        rules.append(rule)
    results = []
    for f in findings:
        region = {"startLine": f.line, "startColumn": f.column}
        if f.end_line and f.end_column:
            region.update({"endLine": f.end_line, "endColumn": f.end_column})
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
            "properties": {
                "check": f.check,
                "rule": f.rule,
                "measure": f.measure,
                "entity": f.entity,
                "time": f.time,
                "claim": f.claim_id,
            },
        }
        if f.claim_id:
            result["partialFingerprints"] = {"claim/v1": f.claim_id}
        if f.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "message": {"text": r.surface or "related claim"},
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(r.path)},
                        "region": {"startLine": r.line, "startColumn": r.column},
                    },
                }
                for i, r in enumerate(f.related)
            ]
        results.append(result)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "figures",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
