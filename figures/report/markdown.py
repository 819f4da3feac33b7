"""The discrepancy report as Markdown, for a pull-request comment: the HTML page's content, no charts."""

from __future__ import annotations

from collections import Counter

from figures.engine import CheckResult
from figures.model import Claim
from figures.report.extraction import normalized as normalized_text
from figures.rulebook import Rulebook


def _cell(text: object) -> str:
    """Table cells may not break the table or inject markup."""
    return (
        str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
    )


def _sentence(claim: Claim) -> str:
    before, figure, after = claim.sentence_parts()
    return f"{_cell(before)}**{_cell(figure)}**{_cell(after)}" if figure else _cell(before)


def _claim_row(c: Claim, result: CheckResult) -> str:
    st = result.statuses[c.id]
    article = f"[{_cell(c.path)}]({c.url})" if c.url.startswith(("http://", "https://")) else _cell(c.path)
    meta = ", ".join(_cell(x) for x in (c.outlet, c.date) if x)
    verdict = _cell(st.label) + ("; " + "; ".join(_cell(m) for m in st.messages) if st.messages else "")
    checker = _cell(st.verdict.verdict) if st.verdict else ""
    return (
        f"| {article}{' (' + meta + ')' if meta else ''}:{c.figure.line} | {_cell(c.figure.surface)} | "
        f"{_cell(normalized_text(c.figure))} | {_sentence(c)} | {verdict} | {checker} |"
    )


def format_markdown(result: CheckResult, rulebook: Rulebook) -> str:
    counts = result.counts()
    by_code = Counter(f.code for f in result.findings)
    out = [
        "# Discrepancy report",
        "",
        f"{len(result.articles)} articles · {len(result.claims)} figures · "
        f"{sum(1 for c in result.claims if c.key)} claims keyed · {len(result.groups)} claim groups · "
        f"{counts['error']} errors · {counts['warning']} warnings · {counts['info']} info",
        "",
        "Findings by code: " + (", ".join(f"{c}: {n}" for c, n in sorted(by_code.items())) or "none"),
        "",
        "## Findings",
        "",
    ]
    if result.findings:
        out += ["| code | severity | where | message |", "|---|---|---|---|"]
        out += [
            f"| {f.code} | {f.severity.value} | {_cell(f.path)}:{f.line}:{f.column} | {_cell(f.message)} |"
            for f in result.findings
        ]
    else:
        out.append("No findings.")
    header = ["| article | as written | normalized | sentence | verdict | checker |", "|---|---|---|---|---|---|"]
    ordered = sorted(result.groups, key=lambda g: not any(result.statuses[c.id].codes for c in g.claims))
    for group in ordered:
        measure = rulebook.measures.get(group.measure or "")
        description = measure.description if measure is not None else f"Judged the same claim: {group.reason}"
        out += ["", f"## {_cell(group.label)}", "", f"_{_cell(description)}_", ""]
        out += header + [_claim_row(c, result) for c in group.claims]
    grouped = {c.id for g in result.groups for c in g.claims}
    unclassified = [c for c in result.claims if c.id not in grouped]
    if unclassified:
        out += ["", f"## Figures not compared with another source ({len(unclassified)})", ""]
        out += header + [_claim_row(c, result) for c in unclassified]
    return "\n".join(out) + "\n"
