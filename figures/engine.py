"""Run the stages over a corpus: read, extract, build claims, check, filter.

    articles -> figures -> claims -> findings -> (suppressions, baseline, codes)

The corpus checks see every claim of every article; only findings located in the
articles being checked are kept, so a new article can be checked against an archive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from figures.checks import CHECKS
from figures.checks.base import CheckContext
from figures.context import build_claims, world_for
from figures.errors import InputError
from figures.extract import extract_text
from figures.ingest import iter_article_paths, read_article
from figures.model import Article, Claim, Comparison, Finding, Severity
from figures.rulebook import Rulebook
from figures.status import claim_groups, claim_statuses
from figures.suppress import suppressed_lines
from figures.verdicts import apply_verdicts


@dataclass
class CheckResult:
    """Everything a run produced; every output format reads from here."""

    articles: list[Article]
    claims: list[Claim]
    findings: list[Finding]
    missing: list[InputError] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
    statuses: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)
    checked: int = 0  # article files found among the paths checked, readable or not

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def read_all(
    paths: Iterable[str], exclude: tuple[str, ...] = ()
) -> tuple[list[Article], list[Finding], list[InputError]]:
    """Read articles; an unreadable one becomes an FG001 finding, a missing path an error."""
    article_paths, missing = iter_article_paths(list(paths), exclude)
    articles: list[Article] = []
    unreadable: list[Finding] = []
    for path in article_paths:
        try:
            articles.append(read_article(path))
        except InputError as err:
            where = err.path.rsplit(":", 1)
            line = int(where[1]) if len(where) == 2 and where[1].isdigit() else 1
            unreadable.append(
                Finding(
                    code="FG001",
                    severity=Severity.ERROR,
                    message=f"{err.problem}" + (f"; {err.hint}" if err.hint else ""),
                    path=str(path),
                    line=line,
                    column=1,
                    rule="engine",
                    check="engine",
                )
            )
    return articles, unreadable, missing


def analyse(articles: list[Article], rulebook: Rulebook) -> list[Claim]:
    """Claims of every article, in article then reading order."""
    world = world_for(rulebook)
    claims: list[Claim] = []
    for article in articles:
        figures = extract_text(article.text, article.body_start)
        claims.extend(build_claims(article, figures, rulebook, world))
    return claims


def run_checks(
    claims: list[Claim], rulebook: Rulebook, targets: frozenset[str] | None = None
) -> tuple[list[Finding], list[Comparison]]:
    """Every enabled rule of every type over the claims: the findings, and the groups compared."""
    ctx = CheckContext(rulebook, world_for(rulebook), targets)
    findings: list[Finding] = []
    for rule in rulebook.rules:
        findings.extend(CHECKS[rule.type].run(rule, claims, ctx))
    return findings, ctx.comparisons


def check(
    paths: list[str],
    rulebook: Rulebook,
    corpus: list[str] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    baseline: set[tuple[str, str, str]] | None = None,
    verdicts: dict | None = None,
    exclude: tuple[str, ...] = (),
) -> CheckResult:
    """Check ``paths`` against each other and against ``corpus``."""
    targets, unreadable, missing = read_all(paths, exclude)
    target_paths = {a.path for a in targets}
    context_articles: list[Article] = []
    if corpus:
        others, _, corpus_missing = read_all(corpus, exclude)
        missing.extend(corpus_missing)
        resolved = {Path(p).resolve() for p in target_paths}
        context_articles = [a for a in others if Path(a.path).resolve() not in resolved]
    articles = targets + context_articles
    claims = analyse(articles, rulebook)
    findings, comparisons = run_checks(claims, rulebook, frozenset(target_paths))
    findings += unreadable
    findings = [f for f in findings if f.path in target_paths or f.code == "FG001"]
    if verdicts:
        findings = apply_verdicts(findings, [c for c in claims if c.path in target_paths], verdicts)
    select, ignore = set(select), set(ignore)
    if select:
        findings = [f for f in findings if any(f.code.startswith(s) for s in select)]
    if ignore:
        findings = [f for f in findings if not any(f.code.startswith(s) for s in ignore)]
    texts = {a.path: a.text for a in targets}
    kept, suppressed = [], 0
    cache: dict[str, dict[int, set[str] | None]] = {}
    for f in findings:
        if f.path in texts:
            lines = cache.setdefault(f.path, suppressed_lines(texts[f.path]))
            codes = lines.get(f.line, set())
            if codes is None or (codes and f.code in codes):
                suppressed += 1
                continue
        kept.append(f)
    baselined = 0
    if baseline:
        from figures.baseline import fingerprint

        before = len(kept)
        kept = [f for f in kept if fingerprint(f) not in baseline]
        baselined = before - len(kept)
    kept.sort(key=Finding.sort_key)
    target_claims = [c for c in claims if c.path in target_paths]
    statuses = claim_statuses(target_claims, kept, comparisons, rulebook, verdicts)
    groups = claim_groups(target_claims, comparisons)
    checked = len(targets) + len(unreadable)
    return CheckResult(targets, target_claims, kept, missing, suppressed, baselined, statuses, groups, checked)
