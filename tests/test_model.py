"""The model's fixed sets of values are enums that read, compare and print as their strings."""

from __future__ import annotations

import datetime
import json
import pickle
from pathlib import Path

import pytest
import yaml

from figures.checks.verdicts import Verdict, read_verdicts, write_verdicts
from figures.context import build_claims
from figures.extract import extract_text
from figures.ingest import read_article
from figures.model import (
    Article,
    CheckerVerdict,
    Claim,
    ClaimRole,
    ClaimTime,
    CompareBy,
    CueScope,
    Dimension,
    Direction,
    EntityKind,
    Figure,
    Modality,
    Qualifier,
    SourceFormat,
    TimeAnchor,
    TimeBasis,
    TimeMatch,
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


def _claim(time: ClaimTime | None = None, **fields) -> Claim:
    figure = Figure(0, "12", 0, 2, 1, 1, 12.0, 12.0, Qualifier.EXACT)
    return Claim("c", "a.md", figure, "12", 0, None, None, time, **fields)


def test_a_claim_from_a_sentence_holds_enum_members():
    claims = {c.figure.surface: c for c in _claims()}
    level, change, forecast = claims["64.3%"], claims["2.1 points"], claims["22.3%"]
    assert type(level.role) is ClaimRole and level.role is ClaimRole.LEVEL
    assert change.role is ClaimRole.CHANGE and change.figure.direction is Direction.INCREASE
    assert type(level.modality) is Modality and forecast.modality is Modality.FORECAST
    assert level.time.resolution is TimeResolution.MONTH and level.time.basis is TimeBasis.STATED
    assert level.time.anchor is TimeAnchor.IN and forecast.time.anchor is TimeAnchor.AS_OF


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
        (Dimension.PERCENTAGE_POINT, "percentage_point"),
        (SourceFormat.HTML, "html"),
        (CheckerVerdict.NEEDS_SOURCE, "needs source"),
        (EntityKind.REGION, "region"),
        (CompareBy.BOUNDS, "bounds"),
        (TimeMatch.INTERVAL, "interval"),
        (CueScope.CLAUSE, "clause"),
    ],
)
def test_a_member_is_its_string_wherever_it_is_written(member, text):
    assert member == text and hash(member) == hash(text)
    assert str(member) == f"{member}" == text and json.dumps(member) == json.dumps(text)
    assert "|".join(["k", member]) == f"k|{text}"


def test_strings_given_to_a_claim_become_members_and_unknown_ones_are_refused():
    time = ClaimTime("2022", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "year", "article", "since")
    claim = _claim(role="part", modality="target", time=time)
    assert (claim.role, claim.modality) == (ClaimRole.PART, Modality.TARGET)
    assert type(claim.role) is ClaimRole and type(claim.time.anchor) is TimeAnchor
    assert (claim.time.resolution, claim.time.basis) == (TimeResolution.YEAR, TimeBasis.ARTICLE)
    assert _claim().time is None and _claim().role is ClaimRole.LEVEL
    with pytest.raises(ValueError):
        _claim(role="trend")
    with pytest.raises(ValueError):
        ClaimTime("2022", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "fortnight")
    with pytest.raises(ValueError):
        Figure(0, "12", 0, 2, 1, 1, 12.0, 12.0, Qualifier.EXACT, direction="sideways")


def test_members_survive_the_index_and_a_process_boundary():
    claims = tuple(_claims())
    for back in (decode_claims(encode_claims(claims), "a.md"), pickle.loads(pickle.dumps(claims))):
        assert back == claims
        assert all(type(c.role) is ClaimRole and type(c.modality) is Modality for c in back)
        assert {type(c.time.resolution) for c in back} == {TimeResolution}
        assert {type(c.figure.dimension) for c in back} == {Dimension}
        assert {type(c.time.start) for c in back} == {datetime.date}


def test_a_claims_time_is_one_value_its_years_and_label_derived_from_it():
    claims = {c.figure.surface: c for c in _claims()}
    level, forecast = claims["64.3%"].time, claims["22.3%"].time
    assert (level.label, level.start, level.end) == ("2022-12", datetime.date(2022, 12, 1), datetime.date(2022, 12, 31))
    assert (level.first_year, level.last_year) == (2022, 2022) and forecast.last_year == 2023
    assert claims["64.3%"].time_label == "2022-12" and _claim().time_label is None
    since = ClaimTime("2014-2022", datetime.date(2014, 1, 1), datetime.date(2022, 12, 31), TimeResolution.SPAN)
    assert (since.first_year, since.last_year, since.basis, since.anchor) == (2014, 2022, "stated", "in")


def test_a_claims_status_is_an_outcome():
    claims = _claims()
    statuses = claim_statuses(claims, [], [], [])
    assert {type(s.status) for s in statuses.values()} == {Outcome}
    assert {s.status for s in statuses.values()} <= {Outcome.UNCHECKED, Outcome.NOT_KEYED}


def test_a_figure_holds_its_dimension_as_a_member_and_refuses_an_unknown_one():
    dimensions = {c.figure.surface: c.figure.dimension for c in _claims()}
    assert dimensions == {
        "2.1 points": Dimension.PERCENTAGE_POINT,
        "64.3%": Dimension.PERCENT,
        "22.3%": Dimension.PERCENT,
    }
    assert {type(d) for d in dimensions.values()} == {Dimension}
    figure = Figure(0, "12 km", 0, 5, 1, 1, 12.0, 12.0, Qualifier.EXACT, unit="kilometer", dimension="length")
    assert figure.dimension is Dimension.LENGTH and json.dumps(figure.to_dict()["dimension"]) == '"length"'
    with pytest.raises(ValueError):
        Figure(0, "12", 0, 2, 1, 1, 12.0, 12.0, Qualifier.EXACT, dimension="loudness")


def test_every_dimension_the_unit_words_name_is_a_member():
    words = yaml.safe_load((Path(__file__).resolve().parent.parent / "figures/data/extract_words.yaml").read_text())

    def dimensions(node: object) -> set[str]:
        if isinstance(node, dict):
            own = {node["dimension"]} if isinstance(node.get("dimension"), str) else set()
            return own.union(*(dimensions(v) for v in node.values()))
        return set().union(*(dimensions(v) for v in node)) if isinstance(node, list) else set()

    named = dimensions(words)
    assert {"currency", "length", "percentage_point"} <= named
    assert named <= {d.value for d in Dimension}, "add the new dimension to figures.model.Dimension"


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("a.txt", "12 dogs.", "txt"),
        ("a.md", "12 dogs.", "md"),
        (
            "a.html",
            "<html><body><article><h1>Dogs</h1><p>Twelve dogs were found in a park on Monday, and 12 more on Tuesday, "
            "the shelter said in a statement.</p></article></body></html>",
            "html",
        ),
    ],
)
def test_an_article_read_from_a_file_holds_its_format_as_a_member(tmp_path, name, text, kind):
    path = tmp_path / name
    path.write_text(text)
    article = read_article(path)
    assert type(article.source_format) is SourceFormat and article.source_format == kind
    assert Article("b.txt", "x", source_format="md").source_format is SourceFormat.MD


def test_a_rulebook_holds_members_for_its_fixed_settings():
    rulebook = load_rulebook(Path(__file__).resolve().parent.parent / "examples/central-asia/rules")
    for m in rulebook.measures.values():
        assert (type(m.dimension), type(m.compare), type(m.time), type(m.scope)) == (
            Dimension,
            CompareBy,
            TimeMatch,
            CueScope,
        )
    assert {type(e.kind) for e in rulebook.entities.values()} == {EntityKind}
    assert {m.compare for m in rulebook.measures.values()} >= {CompareBy.VALUE, CompareBy.BOUNDS}


def test_a_verdict_is_a_member_and_its_file_keeps_the_words(tmp_path):
    verdicts = {"c1": Verdict("c1", "needs source"), "c2": Verdict("c2", CheckerVerdict.CONFIRMED, notes="ok")}
    assert verdicts["c1"].verdict is CheckerVerdict.NEEDS_SOURCE
    text = write_verdicts(verdicts)
    assert "verdict: needs source" in text and "verdict: confirmed" in text and "CheckerVerdict" not in text
    (tmp_path / "v.yaml").write_text(text)
    assert read_verdicts(str(tmp_path / "v.yaml")) == verdicts
    with pytest.raises(ValueError):
        Verdict("c3", "maybe")
