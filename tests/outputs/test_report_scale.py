"""The report at archive scale: problems shown, the rest counted per story and measure, one story or measure whole.

Every limit is a module constant of ``figures.outputs.problems``, lowered here so that a
restated archive of a few dozen articles reaches it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from figures.cli import main
from figures.outputs import problems
from figures.outputs.problems import measure_name, split_groups
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from tests.generated import restated

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # each test renders a generated archive of restated articles


@pytest.fixture(autouse=True)
def _default_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration there: the package's default rules, as check() below


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("restated")
    restated(folder, 40)
    return folder


def _report(tmp_path: Path, archive: Path, *extra: str, fmt: str = "html") -> str:
    out = tmp_path / f"r.{fmt}"
    code = main(["report", str(archive), "--no-index", "--jobs", "1", "--format", fmt, "-o", str(out), *extra])
    assert code == 0
    return out.read_text(encoding="utf-8")


def _rows(page: str) -> int:
    return page.count("<tr data-row")


def test_a_large_group_lists_its_disagreement_and_counts_the_rest(tmp_path, archive, monkeypatch):
    whole = _report(tmp_path, archive)
    monkeypatch.setattr(problems, "ROWS_SHOWN", 4)
    page = _report(tmp_path, archive)
    assert _rows(page) < _rows(whole)
    more = re.findall(r"(\d[\d,]*) more claims? of this group not listed", page)
    assert more  # each cut group says how many it left out, and how to see them
    assert "--story" in page and "--measure" in page


def test_agreeing_groups_past_the_limit_are_counted_per_measure(tmp_path, archive, monkeypatch):
    monkeypatch.setattr(problems, "GROUPS_LISTED", 1)
    monkeypatch.setattr(problems, "ROWS_SHOWN", 4)
    page = _report(tmp_path, archive)
    assert 'class="agree-counts"' in page
    md = _report(tmp_path, archive, fmt="md")
    assert re.search(r"^- [^\n]+: \d[\d,]* groups?, \d[\d,]* sources?$", md, re.M)


def _section(page: str, story: str) -> str:
    return page.split(f'id="story-{story}"', 1)[1].split("<!-- /story -->", 1)[0]


def test_one_story_in_full(tmp_path, archive, monkeypatch):
    monkeypatch.setattr(problems, "ROWS_SHOWN", 4)
    monkeypatch.setattr(problems, "GROUPS_LISTED", 1)
    monkeypatch.setattr(problems, "ARTICLES_SHOWN", 1)
    summary = _report(tmp_path, archive)
    stories = re.findall(r'id="story-(st-[0-9a-f]+)"', summary)
    cut = [s for s in stories if 'class="agree-counts"' in _section(summary, s)]
    story = next(s for s in cut if 'class="more">and' in _section(summary, s))
    page = _report(tmp_path, archive, "--story", story)
    assert "more claims of this group not listed" not in page and 'class="agree-counts"' not in page
    assert 'class="more">and' not in page  # every article of the story named
    assert set(re.findall(r'id="story-(st-[0-9a-f]+)"', page)) == {story}
    assert _rows(_section(page, story)) > _rows(_section(summary, story))
    md = _report(tmp_path, archive, "--story", story, fmt="md")
    assert f"--story {story}" not in md and "not listed" not in md


def test_one_measure_in_full(tmp_path, archive, monkeypatch):
    result = check([str(archive)], load_rulebook(None))
    troubled, _ = split_groups(result)
    names = Counter(measure_name(g.claims, g.label) for g in troubled)
    name, count = names.most_common(1)[0]
    assert len(names) > 1
    monkeypatch.setattr(problems, "ROWS_SHOWN", 4)
    page = _report(tmp_path, archive, "--measure", name)
    assert "more claims of this group not listed" not in page
    assert page.count('<section class="group problem') == count


def test_an_unknown_story_is_one_clear_line(tmp_path, archive, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(archive), "--no-index", "--jobs", "1", "-o", str(out), "--story", "st-nothing"]) == 2
    err = capsys.readouterr().err
    assert "st-nothing" in err and "no story" in err and not out.exists()
