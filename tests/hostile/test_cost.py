"""Cost that a stranger's input cannot blow up: one claim stated many times, an archive that restates it.

The number of pair tests (the comparator, counted) grows linearly with the claims of
a group, and a large disagreement is one finding with a bounded list of sources.
Timing lives in benchmarks/hostile.py; these tests count work instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.checks import consistency
from figures.cli import main
from figures.ingest.html_source import markup_problem
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check

LINE = "Annual inflation in Turkey was {value:.1f}% in December 2022.\n"


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(None)


@pytest.fixture
def comparisons(monkeypatch) -> list[int]:
    """Counts every call of the consistency check's comparator of two intervals."""
    calls = [0]
    real = consistency.compatible

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(consistency, "compatible", counted)
    return calls


def _one_article(folder: Path, values: int) -> Path:
    path = folder / f"one-{values}.txt"
    path.write_text("".join(LINE.format(value=100 + n * 0.5) for n in range(values)), encoding="utf-8")
    return path


def _articles(folder: Path, count: int, first: int = 0) -> Path:
    """``count`` articles a day apart, each stating the claim with its own value."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        front = f"---\ndate: 2023-01-{1 + n % 28:02d}\n---\n"
        (folder / f"a{n:05d}.md").write_text(front + LINE.format(value=100 + n * 0.5), encoding="utf-8")
    return folder


def _fg301(result) -> list:
    return [f for f in result.findings if f.code == "FG301"]


def test_many_values_of_one_claim_in_one_article_are_one_finding_with_a_bounded_list(tmp_path, capsys):
    path = _one_article(tmp_path, 300)
    assert main(["check", "--isolated", str(path), "--format", "json"]) == 1
    findings = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "FG301"]
    assert len(findings) == 1
    finding = findings[0]
    assert len(finding["related"]) == consistency.MAX_RELATED
    # the message counts what the list leaves out: the first source named, and 298 more
    assert finding["message"].count(" and 298 more") == 1
    assert finding["related"][0]["line"] == 1  # the first source the message names comes first


def test_a_small_disagreement_lists_every_source(tmp_path, rulebook):
    result = check([str(_one_article(tmp_path, 5))], rulebook)
    (finding,) = _fg301(result)
    assert len(finding.related) == 4 and "and 3 more" in finding.message


@pytest.mark.slow
def test_pair_tests_grow_linearly_with_the_values_of_one_claim_in_one_article(tmp_path, rulebook, comparisons):
    counts = {}
    for values in (200, 400, 800):
        comparisons[0] = 0
        result = check([str(_one_article(tmp_path, values))], rulebook, keep=False)
        assert len(_fg301(result)) == 1
        counts[values] = comparisons[0]
    assert counts[800] <= 2.2 * counts[400] and counts[400] <= 2.2 * counts[200], counts


@pytest.mark.slow
def test_pair_tests_grow_linearly_with_the_articles_restating_a_claim(tmp_path, rulebook, comparisons):
    counts = {}
    for size in (100, 200, 400):
        comparisons[0] = 0
        result = check([str(_articles(tmp_path / f"a{size}", size))], rulebook, keep=False)
        assert len(_fg301(result)) == 1
        counts[size] = comparisons[0]
    assert counts[400] <= 2.2 * counts[200] and counts[200] <= 2.2 * counts[100], counts


def test_pair_tests_grow_linearly_for_claims_compared_by_their_bounds(tmp_path, rulebook, monkeypatch):
    """Prison terms compare by their bounds, which are no order; one person's sentence stated many times."""
    calls = [0]
    real = consistency.bounds_compatible

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(consistency, "bounds_compatible", counted)
    sentence = "A court in London sentenced John Keller to {n} years in prison for fraud on March 14, 2024.\n"
    counts = {}
    for values in (100, 200, 400):
        path = tmp_path / f"sentences-{values}.txt"
        path.write_text("".join(sentence.format(n=2 + n) for n in range(values)), encoding="utf-8")
        calls[0] = 0
        result = check([str(path)], rulebook, keep=False)
        (finding,) = _fg301(result)
        assert f"and {values - 2} more" in finding.message
        counts[values] = calls[0]
    assert counts[400] <= 2.2 * counts[200] and counts[200] <= 2.2 * counts[100], counts


def test_the_groups_compared_stay_bounded_for_the_report(tmp_path, rulebook):
    result = check([str(_one_article(tmp_path, 200))], rulebook, keep=True)
    statuses = [s for s in result.statuses.values() if s.status == "conflicts"]
    assert len(statuses) == 200
    assert all(0 < len(s.related) <= consistency.MAX_RELATED for s in statuses)


def test_a_new_story_is_compared_with_what_it_shares_not_with_its_group(tmp_path, rulebook, comparisons):
    """The archive's own disagreements are not tested again for each new story."""
    story = tmp_path / "new.md"
    story.write_text("---\ndate: 2023-02-01\n---\n" + LINE.format(value=90.0), encoding="utf-8")
    counts = {}
    for size in (40, 80, 160):
        archive = _articles(tmp_path / f"archive-{size}", size)
        comparisons[0] = 0
        result = check([str(story)], rulebook, corpus=[str(archive)], keep=False)
        (finding,) = _fg301(result)
        assert finding.path == str(story)
        assert f"and {size - 1} more" in finding.message  # it conflicts with every article of the archive
        assert len(finding.related) == consistency.MAX_RELATED
        counts[size] = comparisons[0]
    assert counts[160] <= 2.2 * counts[80] and counts[80] <= 2.2 * counts[40], counts


def test_a_new_story_keeps_its_findings_and_leaves_the_archives_disagreements_out(tmp_path, rulebook):
    archive = tmp_path / "archive"
    archive.mkdir()
    # two archive articles disagree with each other; the new story agrees with the first
    (archive / "a.md").write_text("---\ndate: 2023-01-05\n---\n" + LINE.format(value=64.3), encoding="utf-8")
    (archive / "b.md").write_text("---\ndate: 2023-01-06\n---\n" + LINE.format(value=84.3), encoding="utf-8")
    (archive / "c.md").write_text("---\ndate: 2023-01-07\n---\n" + LINE.format(value=30.0), encoding="utf-8")
    story = tmp_path / "new.md"
    story.write_text("---\ndate: 2023-01-08\n---\n" + LINE.format(value=64.3), encoding="utf-8")
    result = check([str(story)], rulebook, corpus=[str(archive)])
    (finding,) = _fg301(result)
    # the story disagrees with b and c; a's disagreement with them is the archive's business
    assert finding.path == str(story)
    assert sorted(Path(r.path).name for r in finding.related) == ["b.md", "c.md"]
    assert "and 1 more" in finding.message
    assert result.statuses[finding.claim_id].status == "conflicts"


# HTML: a page is parsed only when its tags are within bounds (lxml's cost grows with the
# square of one tag's attributes); past them the page is FG001, with the reason and its line.
PAGE = (
    "<html><head><title>Flood</title></head><body><article>\n{body}\n"
    "<p>Officials said 12 people died in the flood on Monday, and 40 were hurt.</p>\n"
    "<p>Rescuers reached 30 villages by Tuesday evening, the agency said.</p>\n</article></body></html>\n"
)


def _page(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(PAGE.format(body=body), encoding="utf-8")
    return path


def _fg001(tmp_path: Path, path: Path, capsys) -> list[dict]:
    (tmp_path / "zz-good.txt").write_text("Officials said 12 people died.\n", encoding="utf-8")
    main(["check", "--isolated", str(path), str(tmp_path / "zz-good.txt"), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    return [f for f in findings if f["code"] == "FG001"]


def test_a_tag_with_too_many_attributes_is_refused_before_it_is_parsed(tmp_path, capsys, monkeypatch):
    import lxml.html

    parsed = []
    real = lxml.html.document_fromstring
    monkeypatch.setattr(lxml.html, "document_fromstring", lambda *a, **k: parsed.append(1) or real(*a, **k))
    attributes = " ".join(f'data-a{n}="x"' for n in range(20_000))
    path = _page(tmp_path, "attrs.html", f"<div>\n<p {attributes}>Hello</p></div>")
    (finding,) = _fg001(tmp_path, path, capsys)
    assert finding["path"] == str(path) and finding["line"] == 3
    assert "attributes" in finding["message"] and "1,000" in finding["message"]
    assert parsed == []


def test_tags_nested_too_deep_are_refused(tmp_path, capsys):
    path = _page(tmp_path, "deep.html", "<div>" * 5_000 + "Hello" + "</div>" * 5_000)
    (finding,) = _fg001(tmp_path, path, capsys)
    assert finding["path"] == str(path) and "deep" in finding["message"]


def test_too_many_tags_are_refused(tmp_path, capsys):
    path = _page(tmp_path, "tags.html", "<br>" * 300_000)
    (finding,) = _fg001(tmp_path, path, capsys)
    assert "tags" in finding["message"]


@pytest.mark.slow
def test_ordinary_pages_stay_within_the_bounds(tmp_path, capsys):
    """Unclosed paragraphs and list items, void elements, many attributes, scripts: all read."""
    old = "".join(f"<p>Paragraph {n}" for n in range(2_000)) + "<ul>" + "<li>item" * 2_000 + "</ul>"
    wide = "<div " + " ".join(f'data-a{n}="x"' for n in range(500)) + ">x</div>"
    script = "<script>" + "if (a<b) { x = '<div>'; }" * 2_000 + "</script>"
    tables = "<table>" + "<tr><td>1<td>2" * 2_000 + "</table>" + "<img src=x>" * 2_000
    path = _page(tmp_path, "ordinary.html", old + wide + script + tables)
    assert _fg001(tmp_path, path, capsys) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/=\"' abp!-\n", max_size=300))
def test_the_markup_bounds_read_any_text(source):
    problem = markup_problem(source)
    assert problem is None or (problem[0] and 1 <= problem[1] <= source.count("\n") + 1)
