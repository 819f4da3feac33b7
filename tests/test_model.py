"""The model's fixed sets of values are enums that read, compare and print as their strings."""

from __future__ import annotations

import json
import pickle

import pytest

from figures.context import build_claims
from figures.extract import extract_text
from figures.model import (
    Article,
    Claim,
    ClaimRole,
    Direction,
    Figure,
    Modality,
    Qualifier,
    TimeAnchor,
    TimeBasis,
    TimeResolution,
)
from figures.rules.loader import load_rulebook
from figures.runtime.index import decode_claims, encode_claims
from figures.runtime.status import Outcome, claim_statuses

TEXT = (
    "Annual inflation in Turkey rose 2.1 points to 64.3% in December 2022, the statistics office said. "
    "The central bank expects inflation to fall to 22.3% by the end of 2023."
)


def _claims() -> list[Claim]:
    article = Article(path="a.md", text=TEXT, date="2023-01-04")
    return build_claims(article, extract_text(TEXT), load_rulebook(None))


def _claim(**fields) -> Claim:
    figure = Figure(0, "12", 0, 2, 1, 1, 12.0, 12.0, Qualifier.EXACT)
    return Claim("c", "a.md", figure, "12", 0, None, None, None, None, None, **fields)


def test_a_claim_from_a_sentence_holds_enum_members():
    claims = {c.figure.surface: c for c in _claims()}
    level, change, forecast = claims["64.3%"], claims["2.1 points"], claims["22.3%"]
    assert type(level.role) is ClaimRole and level.role is ClaimRole.LEVEL
    assert change.role is ClaimRole.CHANGE and change.figure.direction is Direction.INCREASE
    assert type(level.modality) is Modality and forecast.modality is Modality.FORECAST
    assert level.time_resolution is TimeResolution.MONTH and level.time_basis is TimeBasis.STATED
    assert level.time_anchor is TimeAnchor.IN and forecast.time_anchor is TimeAnchor.AS_OF


@pytest.mark.parametrize(
    ("member", "text"),
    [
        (ClaimRole.DIFFERENCE, "difference"),
        (Modality.REQUEST, "request"),
        (TimeResolution.FISCAL_YEAR, "fiscal_year"),
        (TimeBasis.APPROXIMATE, "approximate"),
        (TimeAnchor.AS_OF, "as_of"),
        (Direction.DECREASE, "decrease"),
        (Outcome.OUTSIDE_REFERENCE, "outside reference"),
    ],
)
def test_a_member_is_its_string_wherever_it_is_written(member, text):
    assert member == text and hash(member) == hash(text)
    assert str(member) == f"{member}" == text and json.dumps(member) == json.dumps(text)
    assert "|".join(["k", member]) == f"k|{text}"


def test_strings_given_to_a_claim_become_members_and_unknown_ones_are_refused():
    claim = _claim(role="part", modality="target", time_resolution="year", time_basis="article", time_anchor="since")
    assert (claim.role, claim.modality) == (ClaimRole.PART, Modality.TARGET)
    assert type(claim.role) is ClaimRole and type(claim.time_anchor) is TimeAnchor
    assert (claim.time_resolution, claim.time_basis) == (TimeResolution.YEAR, TimeBasis.ARTICLE)
    assert _claim().time_resolution is None and _claim().role is ClaimRole.LEVEL
    with pytest.raises(ValueError):
        _claim(role="trend")
    with pytest.raises(ValueError):
        Figure(0, "12", 0, 2, 1, 1, 12.0, 12.0, Qualifier.EXACT, direction="sideways")


def test_members_survive_the_index_and_a_process_boundary():
    claims = tuple(_claims())
    for back in (decode_claims(encode_claims(claims), "a.md"), pickle.loads(pickle.dumps(claims))):
        assert back == claims
        assert all(type(c.role) is ClaimRole and type(c.modality) is Modality for c in back)
        assert {type(c.time_resolution) for c in back} == {TimeResolution}


def test_a_claims_status_is_an_outcome():
    claims = _claims()
    statuses = claim_statuses(claims, [], [], [])
    assert {type(s.status) for s in statuses.values()} == {Outcome}
    assert {s.status for s in statuses.values()} <= {Outcome.UNCHECKED, Outcome.NOT_KEYED}
