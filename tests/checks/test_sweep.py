"""The consistency check's walk of the conflict graph finds exactly what comparing every pair finds."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.checks.consistency import MAX_RELATED, _PairTest, _pairwise, _sweep, _Terms
from figures.core.intervals import Interval
from figures.model import Claim, ClaimTime, Figure, Qualifier

TIMES = [
    ("2022-12-01", "2022-12-31", "month", "stated", "in"),
    ("2022-11-01", "2022-11-30", "month", "stated", "in"),
    ("2022-01-01", "2022-12-31", "year", "stated", "in"),
    ("2021-01-01", "2021-12-31", "year", "stated", "in"),
    ("2014-01-01", "2022-12-31", "span", "stated", "since"),
    ("2022-12-05", "2022-12-05", "day", "article", "in"),
    ("2022-12-07", "2022-12-07", "day", "article", "in"),
    ("2022-12-04", "2022-12-04", "day", "stated", "as_of"),
    ("2022-12-04", "2022-12-04", "day", "stated", "in"),
    ("2022-12-01", "2022-12-31", "month", "approximate", "in"),
    ("2019-03-01", "2019-03-31", "month", "stated", "in"),
    ("2019-01-01", "2019-12-31", "year", "stated", "in"),
    ("2012-01-01", "2012-12-31", "year", "stated", "in"),
    ("2019-03-04", "2019-03-04", "day", "article", "in"),
    (None, None, None, None, None),
]

claim_specs = st.lists(
    st.tuples(
        st.integers(0, 3),  # article
        st.integers(0, len(TIMES) - 1),  # time
        st.integers(-5, 30),  # low
        st.integers(0, 6),  # width
        st.booleans(),  # open above
        st.sampled_from([None, 0, 1]),  # part of
        st.sampled_from(list(Qualifier)),  # for measures compared by their bounds
    ),
    min_size=2,
    max_size=30,
)


def _claims(specs):
    claims, intervals = [], {}
    for n, (article, t, low, width, open_high, part_of, qualifier) in enumerate(specs):
        start, end, resolution, basis, anchor = TIMES[t]
        time = None
        if start is not None:
            days = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
            time = ClaimTime(f"time {t}", *days, resolution, basis, anchor)
        figure = Figure(n, "x", 0, 1, 1, 1, float(low), float(low + width), Qualifier.EXACT, part_of=part_of)
        claims.append(
            Claim(
                id=str(n),
                path=f"a{article}.md",
                figure=figure,
                sentence="x",
                sentence_start=0,
                measure=None,
                entity=None,
                time=time,
                key="k",
            )
        )
        # Tenths, so that interval ends touch after float rounding as widened rounded figures do.
        high = float("inf") if open_high else (low + width) / 10
        if qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
            intervals[n] = Interval(min(0.0, low / 10), (low + width) / 10, qualifier)
        elif qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
            intervals[n] = Interval(low / 10, float("inf"), qualifier)
        else:
            intervals[n] = Interval(low / 10, high, qualifier)
    return claims, intervals


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    claim_specs,
    st.sampled_from([None, "none", "year", "interval"]),
    st.integers(0, 2),
    st.tuples(st.sampled_from([0.0, 0.1, 0.25]), st.sampled_from([0.0, 0.1])),  # absolute, relative
    st.booleans(),
    st.sampled_from(["value", "bounds"]),
)
def test_sweep_equals_pairwise(specs, mode, window, tolerance, same_article, compare):
    claims, intervals = _claims(specs)
    if mode is None and compare == "bounds":
        mode = "interval"
    measure = None
    if mode is not None:
        measure = SimpleNamespace(time=mode, time_window=window, undated_days=None, compare=compare, dimension=None)
    pair = _PairTest(claims, intervals, _Terms(measure, same_article, 3, *tolerance))
    members = list(range(len(claims)))
    expected = _pairwise(members, claims, intervals, pair)
    found = _sweep(members, pair)
    assert found.compared == expected.compared
    assert found.parts == expected.parts
    for part in found.parts:
        for i in part:
            if len(part) <= MAX_RELATED + 1:
                assert found.partners[i] == expected.partners[i]
            else:  # a large part names some of each claim's partners, never one that is not
                truth = {j for j in part if j != i and pair.compared(i, j) and pair.conflict(i, j)}
                assert found.partners[i] and found.partners[i] <= truth and len(found.partners[i]) <= MAX_RELATED


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(claim_specs, st.sampled_from([0.0, 0.1]), st.sampled_from([0.0, 0.1]), st.integers(0, 3))
def test_a_new_story_meets_only_its_own_pairs(specs, tol_abs, tol_rel, target):
    claims, intervals = _claims(specs)
    pair = _PairTest(claims, intervals, _Terms(None, True, 3, tol_abs, tol_rel))
    members = list(range(len(claims)))
    targets = frozenset({f"a{target}.md"})
    expected = _pairwise(members, claims, intervals, pair, targets)
    found = _sweep(members, pair, targets)
    assert found.parts == expected.parts
    assert {i: found.partners[i] for i in found.partners} == expected.partners
    mine = {i for i in members if claims[i].path in targets}
    assert found.compared & mine == expected.compared & mine


def test_when_is_a_hashable_signature():
    from figures.checks.base import claim_when

    claims, _ = _claims([(0, 0, 1, 1, False, None, Qualifier.EXACT)])
    assert hash(claim_when(claims[0])) == hash(claim_when(claims[0]))
    assert claim_when(claims[0]).start == datetime.date(2022, 12, 1)
