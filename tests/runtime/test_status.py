"""Claim statuses: one per claim an output can list, shared by the claims nothing was found about."""

from __future__ import annotations

from pathlib import Path

from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from figures.runtime.status import ClaimStatus, Outcome

ROOT = Path(__file__).resolve().parents[2]


def test_claims_nothing_was_found_about_share_one_status_per_outcome():
    """An archive's quiet claims cost a reference each, not a status each; the flagged keep their own."""
    rulebook = load_rulebook(ROOT / "examples" / "central-asia" / "rules")
    result = check([str(ROOT / "data" / "beats")], rulebook)
    quiet = [st for st in result.statuses.values() if not (st.codes or st.related or st.facts or st.verdict)]
    assert len(quiet) > 2 * len(Outcome)
    assert len({id(st) for st in quiet}) == len({st.status for st in quiet})
    assert all(st == ClaimStatus(st.status) for st in quiet)
    flagged = [st for st in result.statuses.values() if st.codes]
    assert flagged and len({id(st) for st in flagged}) == len(flagged)
