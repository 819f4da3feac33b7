"""``figures report --format claimreview``: checkers' final verdicts as schema.org ClaimReview (JSON-LD).

For fact-checkers who publish: each claim a checker marked ``confirmed`` or ``incorrect``
in the worksheet becomes one ClaimReview (https://schema.org/ClaimReview) that names the
sentence reviewed, the article it appeared in (headline, outlet, date, link), the rating
and the checker's notes, correction and source. ``needs source`` is not a final verdict
and ``not a claim`` reviews nothing, so neither is exported. Reviews are in article and
line order, dated like the report (``SOURCE_DATE_EPOCH`` when set): the same verdicts give
the same bytes.
"""

from __future__ import annotations

import json

from figures.checks.verdicts import Verdict
from figures.model import CheckerVerdict, Claim
from figures.outputs import generated_on
from figures.runtime.engine import CheckResult

# A checker's final verdict as a rating on a scale of 1 to 5: worst false, best true.
RATINGS = {CheckerVerdict.CONFIRMED: (5, "Correct"), CheckerVerdict.INCORRECT: (1, "Incorrect")}


def _appearance(claim: Claim) -> dict[str, object]:
    work: dict[str, object] = {"@type": "CreativeWork"}
    if claim.url.lower().startswith(("http://", "https://")):
        work["url"] = claim.url
    if claim.title:
        work["headline"] = claim.title
    if claim.date:
        work["datePublished"] = claim.date
    if claim.outlet:
        work["publisher"] = {"@type": "Organization", "name": claim.outlet}
    return work


def _body(verdict: Verdict) -> str:
    parts = [f"Corrected value: {verdict.corrected}." if verdict.corrected else "", verdict.notes]
    return " ".join(p.strip() for p in parts if p.strip())


def claim_review(claim: Claim, verdict: Verdict, publisher: str, date: str) -> dict[str, object]:
    """One ClaimReview of ``claim``, which a checker gave a final ``verdict``."""
    value, words = RATINGS[verdict.verdict]
    review: dict[str, object] = {
        "@type": "ClaimReview",
        "identifier": claim.id,
        "datePublished": date,
        "claimReviewed": claim.sentence,
        "itemReviewed": {"@type": "Claim", "name": claim.figure.surface, "appearance": _appearance(claim)},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": words,
        },
    }
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
    if _body(verdict):
        review["reviewBody"] = _body(verdict)
    if verdict.source:
        review["citation"] = verdict.source
    return review


def format_claimreview(result: CheckResult, publisher: str = "") -> str:
    """The JSON-LD document: a ``@graph`` of one ClaimReview per claim with a final verdict."""
    date = generated_on()
    final = [
        (c, v)
        for c in sorted(result.claims, key=lambda c: (c.path, c.figure.line, c.figure.column, c.id))
        if (v := result.statuses[c.id].verdict) is not None and v.verdict in RATINGS
    ]
    graph = [claim_review(c, v, publisher, date) for c, v in final]
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, indent=2, ensure_ascii=False) + "\n"
