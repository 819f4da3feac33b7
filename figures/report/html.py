"""The discrepancy report as one self-contained HTML page.

CSS and script are inline, charts are inline SVG, nothing is fetched: the page
opens from ``file://`` with no network. Every piece of article text is escaped, so
an article that contains ``<script>`` shows it as text.
"""

from __future__ import annotations

import html
import math
from collections import Counter

from figures import __version__
from figures.checks.base import normalized
from figures.context import world_for
from figures.engine import CheckResult
from figures.intervals import from_figure
from figures.model import Claim
from figures.report.chart import Bar, range_plot
from figures.report.extraction import normalized as normalized_text
from figures.rulebook import Rulebook
from figures.status import ClaimGroup

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c1c1c;background:#fafafa}
header{background:#14213d;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}
main{padding:16px 24px;max-width:1200px}
.summary{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:20px}
.filters{position:sticky;top:0;background:#fafafa;padding:8px 0;border-bottom:1px solid #ddd;z-index:1}
.filters label{margin-right:14px}
section.group{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:8px 16px}
section.group h2{font-size:16px;margin:8px 0}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f3f3f3;white-space:nowrap}th:after{content:" \\2195";color:#999}
mark{background:#ffe08a}
section.group td:nth-child(4){min-width:300px}
.st-conflicts,.st-implausible,.st-outside-reference{color:#b71c1c;font-weight:600}
.st-agrees{color:#2e7d32}.st-unchecked,.st-no-rule{color:#777}
.sev-error{color:#b71c1c}.sev-warning{color:#e65100}.sev-info{color:#555}
.hidden{display:none}
details{margin:16px 0}
"""

_JS = """
(function(){
  function cell(row,i){return row.children[i].getAttribute('data-sort')||row.children[i].textContent.trim();}
  document.querySelectorAll('table.sortable').forEach(function(table){
    table.querySelectorAll('th').forEach(function(th,i){
      th.addEventListener('click',function(){
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        var asc=th.getAttribute('data-asc')!=='1';th.setAttribute('data-asc',asc?'1':'0');
        rows.sort(function(a,b){var x=cell(a,i),y=cell(b,i),nx=parseFloat(x),ny=parseFloat(y);
          var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?r:-r;});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  var selects=document.querySelectorAll('.filters select');
  function apply(){
    var f={};selects.forEach(function(s){f[s.name]=s.value;});
    document.querySelectorAll('[data-row]').forEach(function(row){
      var ok=(!f.severity||row.getAttribute('data-severity')===f.severity)&&
             (!f.measure||row.getAttribute('data-measure')===f.measure)&&
             (!f.entity||row.getAttribute('data-entity')===f.entity)&&
             (!f.article||row.getAttribute('data-article')===f.article);
      row.classList.toggle('hidden',!ok);
    });
    document.querySelectorAll('section.group').forEach(function(sec){
      var any=sec.querySelector('[data-row]:not(.hidden)');sec.classList.toggle('hidden',!any);
    });
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
})();
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _safe_url(url: str) -> str | None:
    return url if url.lower().startswith(("http://", "https://")) else None


def _options(name: str, label: str, values: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in values)
    return f'<label>{esc(label)} <select name="{name}"><option value="">all</option>{opts}</select></label>'


def highlighted_sentence(claim: Claim) -> str:
    """The claim's sentence, escaped, with its figure in <mark>."""
    before, figure, after = claim.sentence_parts()
    return f"{esc(before)}<mark>{esc(figure)}</mark>{esc(after)}" if figure else esc(before)


def _article_cell(claim: Claim) -> str:
    name = esc(claim.path)
    url = _safe_url(claim.url)
    title = f'<a href="{esc(url)}" rel="noopener">{name}</a>' if url else name
    meta = " · ".join(esc(x) for x in (claim.outlet, claim.date) if x)
    return f"{title}<br><small>{meta}</small>" if meta else title


def _reference_for(rulebook: Rulebook, group: ClaimGroup) -> tuple[float, float] | None:
    if group.measure is None:
        return None
    for rule in rulebook.rules_of("reference"):
        for fact in rule.settings["facts"]:
            if fact["measure"] != group.measure or (fact.get("entity") and fact["entity"] != group.entity):
                continue
            if "value" in fact:
                v = float(fact["value"])
                return v, v
            return float(fact.get("low", -math.inf)), float(fact.get("high", math.inf))
    return None


def _group_section(result: CheckResult, group: ClaimGroup, rulebook: Rulebook, index: int) -> str:
    measure = rulebook.measures.get(group.measure or "")
    statuses = result.statuses
    title = group.label
    if (measure is not None and measure.time == "none") or not group.time:
        heading = title
    else:
        heading = title if group.time in title else f"{title} — {group.time}"
    bars = []
    unit = (measure.unit if measure is not None else None) or (
        group.claims[0].figure.unit or group.claims[0].figure.noun
    )
    period = measure.period if measure is not None else group.claims[0].figure.period
    description = measure.description if measure is not None else f"Judged the same claim: {group.reason}"
    for c in group.claims:
        interval = normalized(c, measure) or from_figure(c.figure)
        st = statuses[c.id]
        label = f"{c.outlet or c.path.rsplit('/', 1)[-1]}: {c.figure.surface}"
        bars.append(Bar(label, interval.low, interval.high, st.status == "conflicts", f"{c.path}:{c.figure.line}"))
    chart = range_plot(bars, _reference_for(rulebook, group), unit + (f" per {period}" if period else ""))
    rows = []
    for c in group.claims:
        rows.append(_claim_row(c, result, rulebook))
    return (
        f'<section class="group" id="group-{index}" data-measure="{esc(group.claims[0].thing or "")}" '
        f'data-entity="{esc(group.entity or "")}">'
        f"<h2>{esc(heading)}</h2><p><small>{esc(description)}</small></p>{chart}"
        f'<table class="sortable"><thead><tr><th>Article</th><th>As written</th><th>Normalized</th><th>Sentence</th>'
        f"<th>Verdict</th><th>Checker</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _claim_row(c: Claim, result: CheckResult, rulebook: Rulebook) -> str:
    st = result.statuses[c.id]
    css = "st-" + st.status.replace(" ", "-")
    detail = "".join(f"<br><small>{esc(m)}</small>" for m in st.messages)
    checker = ""
    if st.verdict:
        checker = esc(st.verdict.verdict)
        if st.verdict.corrected:
            checker += f"<br><small>corrected: {esc(st.verdict.corrected)}</small>"
        if st.verdict.notes:
            checker += f"<br><small>{esc(st.verdict.notes)}</small>"
    severity = st.severity.value if st.severity else "none"
    interval = normalized_text(c.figure)
    return (
        f'<tr data-row data-severity="{severity}" data-measure="{esc(c.thing or "")}" '
        f'data-entity="{esc(c.entity or "")}" data-article="{esc(c.path)}">'
        f'<td data-sort="{esc(c.path)}">{_article_cell(c)}</td><td>{esc(c.figure.surface)}</td>'
        f'<td data-sort="{esc(c.figure.low if c.figure.low is not None else c.figure.high)}">{esc(interval)}</td>'
        f'<td>{highlighted_sentence(c)}</td><td class="{css}">{esc(st.label)}{detail}</td><td>{checker}</td></tr>'
    )


def format_html(result: CheckResult, rulebook: Rulebook) -> str:
    """The whole report page."""
    groups = result.groups
    counts = result.counts()
    by_code = Counter(f.code for f in result.findings)
    classified = sum(1 for c in result.claims if c.key)
    cards = [
        ("articles", len(result.articles)),
        ("figures", len(result.claims)),
        ("claims keyed", classified),
        ("claim groups", len(groups)),
        ("errors", counts["error"]),
        ("warnings", counts["warning"]),
        ("info", counts["info"]),
    ]
    summary = "".join(f'<div class="card"><b>{v}</b>{esc(k)}</div>' for k, v in cards)
    code_list = ", ".join(f"{esc(c)}: {n}" for c, n in sorted(by_code.items())) or "none"
    world = world_for(rulebook)
    measures = sorted({(g.claims[0].thing or "", g.claims[0].label or g.label) for g in groups})
    entities = sorted({(g.entity, world.name(g.entity)) for g in groups if g.entity})
    articles = sorted({(a.path, a.path) for a in result.articles})
    filters = (
        '<div class="filters">'
        + _options(
            "severity",
            "Severity",
            [("error", "error"), ("warning", "warning"), ("info", "info"), ("none", "no finding")],
        )
        + _options("measure", "Measure", measures)
        + _options("entity", "Entity", entities)
        + _options("article", "Article", articles)
        + "</div>"
    )
    finding_rows = "".join(
        f'<tr data-row data-severity="{f.severity.value}" data-measure="{esc(f.measure or "")}" '
        f'data-entity="{esc(f.entity or "")}" data-article="{esc(f.path)}">'
        f'<td>{esc(f.code)}</td><td class="sev-{f.severity.value}">{esc(f.severity.value)}</td>'
        f'<td data-sort="{esc(f.path)}:{f.line:06d}">{esc(f.path)}:{f.line}:{f.column}</td>'
        f"<td>{esc(f.message)}</td></tr>"
        for f in result.findings
    )

    # Groups with findings first, so an editor sees what needs work before what agrees.
    def needs_work(g):
        return not any(result.statuses[c.id].codes for c in g.claims)

    ordered = sorted(groups, key=needs_work)
    sections = "".join(_group_section(result, g, rulebook, i) for i, g in enumerate(ordered))
    grouped = {c.id for g in result.groups for c in g.claims}
    unclassified = [c for c in result.claims if c.id not in grouped]
    other_rows = "".join(_claim_row(c, result, rulebook) for c in unclassified)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>figures: discrepancy report</title><style>{_CSS}</style></head><body>"
        f"<header><h1>Discrepancy report</h1><div>figures {esc(__version__)} · "
        f"{len(result.articles)} articles</div></header><main>"
        f'<div class="summary">{summary}</div><p>Findings by code: {code_list}</p>{filters}'
        f'<section class="group" id="findings" data-measure="" data-entity=""><h2>Findings</h2>'
        f'<table class="sortable"><thead><tr><th>Code</th><th>Severity</th><th>Where</th><th>Message</th></tr></thead>'
        f"<tbody>{finding_rows}</tbody></table></section>"
        f"{sections}"
        f"<details><summary>Figures not compared with another source ({len(unclassified)})</summary>"
        f'<section class="group" data-measure="" data-entity=""><table class="sortable"><thead><tr><th>Article</th>'
        f"<th>As written</th><th>Normalized</th><th>Sentence</th><th>Verdict</th><th>Checker</th></tr></thead>"
        f"<tbody>{other_rows}</tbody></table></section></details>"
        f"</main><script>{_JS}</script></body></html>\n"
    )
