"""A run for the report and the worksheet keeps what they show, and they write the same as from every claim.

The limits are lowered so that a restated archive of a few dozen articles (claims
restated many times, large groups, many quiet claims) reaches each of them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figures.checks.verdicts import Verdict
from figures.model import Article
from figures.outputs import problems, worksheet
from figures.outputs.html import format_html
from figures.outputs.markdown import format_markdown
from figures.outputs.wording import value_text
from figures.outputs.worksheet import reason_text
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from figures.runtime.parallel import Runner
from figures.runtime.shown import Bounds, Unpacked, pack
from figures.runtime.status import flag_rank
from tests.generated import restated

ROOT = Path(__file__).resolve().parents[2]

SAMPLE, ROWS, GROUPS = 7, 3, 1


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("restated")
    restated(folder, 24)
    return folder


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(None)


@pytest.fixture
def limits(monkeypatch):
    monkeypatch.setattr(problems, "ROWS_SHOWN", ROWS)
    monkeypatch.setattr(problems, "GROUPS_LISTED", GROUPS)
    monkeypatch.setattr(problems, "ARTICLES_SHOWN", 2)
    monkeypatch.setattr(worksheet, "SAMPLE", SAMPLE)


def _bounds(explain: bool = False) -> Bounds:
    return Bounds(sample=SAMPLE, rows=ROWS, groups=GROUPS, value_text=value_text, explain=explain)


@pytest.fixture(scope="module")
def whole(archive, rulebook):
    return check([str(archive)], rulebook)


@pytest.fixture(scope="module")
def kept(archive, rulebook):
    return check([str(archive)], rulebook, bounds=_bounds(explain=True))


def test_the_archive_reaches_every_limit(whole):
    quiet = [c for c in whole.claims if flag_rank(whole.statuses[c.id]) < 0]
    assert len(quiet) > SAMPLE
    assert max(len(g.claims) for g in whole.groups) > ROWS
    troubled, agreeing = problems.split_groups(whole)
    assert troubled and len(agreeing) > GROUPS


def test_only_flagged_claims_and_a_sample_are_kept_as_rows(whole, kept):
    flagged = {c.id for c in whole.claims if flag_rank(whole.statuses[c.id]) >= 0}
    rows = {c.id for c in kept.claims}
    assert flagged <= rows and len(rows) == len(flagged) + SAMPLE
    assert kept.totals.figures == len(whole.claims)
    assert kept.totals.keyed == sum(1 for c in whole.claims if c.key)
    assert kept.totals.unsampled == len(whole.claims) - len(flagged) - SAMPLE
    assert len(kept.statuses) < len(whole.statuses)


def test_groups_keep_what_a_report_lists_and_count_the_rest(whole, kept):
    assert [g.key for g in kept.groups] == [g.key for g in whole.groups]
    for small, full in zip(kept.groups, whole.groups, strict=True):
        assert small.summary.size == len(full.claims)
        assert len(small.claims) <= ROWS
        assert small.summary.first == full.claims[0]


def test_the_sample_is_the_same_as_from_every_claim(whole, kept, limits):
    assert worksheet.select(kept).claims == worksheet.select(whole).claims


def test_the_worksheet_rows_are_the_same(whole, kept, rulebook, limits):
    chosen = worksheet.select(whole).claims
    assert list(worksheet.rows(kept, rulebook, worksheet.select(kept).claims)) == list(
        worksheet.rows(whole, rulebook, chosen)
    )


def test_the_report_is_the_same(archive, rulebook, whole, limits):
    small = check([str(archive)], rulebook, bounds=replace(_bounds(), sample=0, flagged=False))
    assert not small.claims  # it lists no claim as a row: a group's first ones, and the first compared with nothing
    assert format_html(small, rulebook) == format_html(whole, rulebook)
    assert format_markdown(small, rulebook) == format_markdown(whole, rulebook)


def test_with_verdicts_every_claim_is_kept(archive, rulebook, whole):
    claim = whole.claims[0]
    verdicts = {claim.id: Verdict(claim.id, "confirmed")}
    result = check([str(archive)], rulebook, bounds=_bounds(), verdicts=verdicts)
    assert result.totals is None and len(result.claims) == len(whole.claims)


def test_across_partitions_and_processes_the_same_rows(rulebook, limits):
    """Two workers cut the claims into several partitions: a claim's nearest in its story may be in another one."""
    beats = str(ROOT / "data" / "beats")
    whole = check([beats], rulebook)
    result = check([beats], rulebook, bounds=_bounds(explain=True), runner=Runner(jobs=2))
    reasons = [reason_text(result.explanations[c.id]) for c in result.claims]
    assert any("no other claim has its key; nearest" in r for r in reasons)
    assert list(worksheet.rows(result, rulebook, worksheet.select(result).claims)) == list(
        worksheet.rows(whole, rulebook, worksheet.select(whole).claims)
    )


def test_the_articles_kept_hold_what_the_outputs_show_not_their_text(whole, kept):
    assert kept.stories == whole.stories  # the stories were made from the whole texts
    assert [a.path for a in kept.articles] == [a.path for a in whole.articles]
    for small, full in zip(kept.articles, whole.articles, strict=True):
        assert small.text == "" and full.text
        assert (small.title, small.outlet, small.date, small.url) == (full.title, full.outlet, full.date, full.url)


@given(st.text() | st.just("a lone \ud800 surrogate"), st.integers(min_value=0, max_value=5), st.text(max_size=5))
def test_a_packed_article_reads_back_whole(text, body_start, title):
    article = Article("a.md", text, body_start=body_start, title=title, page="<!-- x -->")
    back = Unpacked([pack(article), pack(article)])
    assert len(back) == 2 and back[1].text == text and back[0:1][0].title == title
    assert back[0] == article  # the page is no part of an article's equality, nor of what the stories read


def test_a_kept_explanation_holds_its_words_not_other_claims(whole, kept):
    assert kept.explanations
    for claim_id, why in kept.explanations.items():
        assert why.nearest is None and not why.same_key and not why.compared_with and not why.conflicts_with
        full = whole.explanations[claim_id]
        assert (why.status, why.reason, why.story) == (full.status, full.reason, full.story)
