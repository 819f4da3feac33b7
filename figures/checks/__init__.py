"""The checks: one module per rule type, and ``CHECKS``, the one registry of rule types.

A rule type's module owns everything about it: ``RULE_TYPE``; ``CODES``, each finding
code with its documentation and SARIF name; ``SETTINGS``, the keys of its rule files
(the loader validates them, and the JSON Schema and docs/rules.md are made from them);
its module docstring; ``check_settings`` when a rule file can be well-formed and still
mean nothing (a fact's time, a pay floor's currency); and ``run``, which reads claims and
returns :class:`~figures.model.Finding` objects. None of them formats output. A new rule type
is one module here and one entry in ``CHECKS``.
"""

from __future__ import annotations

from types import ModuleType

from figures.checks import consistency, conversion, plausibility, reference, total
from figures.checks.base import Code
from figures.model import Severity

# The rule types, in the order the docs and the JSON Schema list them.
CHECKS: dict[str, ModuleType] = {m.RULE_TYPE: m for m in (reference, consistency, total, conversion, plausibility)}

# Findings the engine itself raises, not a rule type.
ENGINE_CODES = {
    "FG001": Code(
        code="FG001",
        name="UnreadableArticle",
        title="Article cannot be read",
        what="An article file is binary, not UTF-8, empty, or its front matter is broken.",
        why="An article that cannot be read is not checked at all; a silent skip would hide its figures.",
        example="A Word document saved as story.txt.",
        fix="Save the article as UTF-8 text, Markdown or HTML, and fix its front matter.",
    ),
    "FG002": Code(
        code="FG002",
        name="BrokenSuppression",
        title="Suppression comment that silences nothing",
        what="A `<!-- figures ... -->` comment is misspelt, or names a code that does not exist.",
        why="A suppression that does not parse silences nothing, and the writer believes it does.",
        example="<!-- figures: ignroe FG301 --> or <!-- figures: ignore FG31O -->",
        fix="Write `<!-- figures: ignore FG301 -->` with codes from 'figures codes'.",
        severity=Severity.WARNING,
    ),
    "FG003": Code(
        code="FG003",
        name="UnusedSuppression",
        title="Suppression that is no longer needed",
        what="A `<!-- figures: ignore ... -->` comment covers lines where none of its codes is found any more.",
        why="A stale suppression hides the next real finding on those lines; like an unused noqa, it should go.",
        example="<!-- figures: ignore FG301 --> left on a paragraph whose conflicting figure was corrected.",
        fix="Delete the comment, or narrow it to the codes still found there.",
        severity=Severity.INFO,
    ),
}


def all_codes() -> dict[str, Code]:
    """Every finding code, sorted: the engine's, each rule type's, verdicts' and diff's."""
    # They build on the checks, so they load after them.
    from figures.checks import diff, verdicts

    codes = dict(ENGINE_CODES)
    for module in CHECKS.values():
        codes.update(module.CODES)
    codes.update(verdicts.CODES)
    codes.update(diff.CODES)
    return dict(sorted(codes.items()))


def unknown_codes(codes: list[str]) -> list[str]:
    """The codes (or code prefixes, like ``FG3``) in ``codes`` that name no finding code."""
    known = all_codes()
    return [c for c in codes if not any(k.startswith(c.upper()) for k in known)]
