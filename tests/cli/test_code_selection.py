"""Which codes a check reports: --select, --extend-select, --ignore, ALL, and the more specific code wins."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figures.checks import all_codes
from figures.cli import main
from figures.cli.selection import ALL, engine_codes

KNOWN = sorted(all_codes())


def reported(select=(), extend=(), ignore=()) -> set[str]:
    """The codes the engine keeps, as it filters them by prefix."""
    chosen, ignored = engine_codes(list(select), list(extend), list(ignore))
    return {
        c
        for c in KNOWN
        if (not chosen or c.startswith(tuple(chosen))) and not (ignored and c.startswith(tuple(ignored)))
    }


def test_no_choice_is_every_code():
    assert reported() == set(KNOWN)
    assert engine_codes([], [], []) == ([], [])


def test_a_more_specific_select_wins_over_a_broader_ignore():
    assert reported(select=["FG301"], ignore=["FG3"]) == {"FG301"}
    assert reported(extend=["FG301"], ignore=["FG3"]) == set(KNOWN) - {c for c in KNOWN if c.startswith("FG3")} | {
        "FG301"
    }


def test_a_more_specific_ignore_wins_over_a_broader_select():
    assert reported(select=["FG3"], ignore=["FG301"]) == {c for c in KNOWN if c.startswith("FG3")} - {"FG301"}


def test_all_selects_everything_and_ignores_everything():
    assert reported(select=[ALL]) == set(KNOWN)
    assert reported(ignore=[ALL]) == set()
    assert reported(select=["FG5"], ignore=[ALL]) == {c for c in KNOWN if c.startswith("FG5")}


def test_extend_select_adds_to_select():
    assert reported(select=["FG5"], extend=["FG301"]) == {c for c in KNOWN if c.startswith("FG5")} | {"FG301"}


def test_without_a_narrowing_select_the_engine_is_told_what_to_ignore():
    # every code runs, so a stale suppression (FG003) can still be told
    assert engine_codes([ALL], [], ["FG3"]) == ([], [c for c in KNOWN if c.startswith("FG3")])


PREFIXES = st.sampled_from(["FG", "FG3", "FG30", "FG301", "FG302", "FG5", "FG501", ALL])


@given(st.lists(PREFIXES, max_size=3), st.lists(PREFIXES, max_size=3), st.lists(PREFIXES, max_size=3))
def test_each_code_follows_its_most_specific_choice(select, extend, ignore):
    def length(prefixes, code):
        return max((0 if p == ALL else len(p) for p in prefixes if p == ALL or code.startswith(p)), default=-1)

    for code in KNOWN:
        chosen = max(length(select or [ALL], code), length(extend, code))
        assert (code in reported(select, extend, ignore)) == (chosen >= 0 and chosen > length(ignore, code)), code


@pytest.fixture
def story(tmp_path):
    (tmp_path / "story.md").write_text("In 2020 alone, 63.389 Tajiks acquired citizenship.\n", encoding="utf-8")
    return tmp_path / "story.md"


def codes(capsys, *args: str) -> set[str]:
    main(["check", "--isolated", "--no-index", "--format", "json", *args])
    return {f["code"] for f in json.loads(capsys.readouterr().out)}


def test_the_command_line_takes_all_and_extend_select(story, capsys):
    every = codes(capsys, str(story))
    assert every and codes(capsys, str(story), "--select", "ALL") == every
    assert codes(capsys, str(story), "--ignore", "ALL") == set()
    one = sorted(every)[0]
    assert codes(capsys, str(story), "--ignore", "ALL", "--extend-select", one) == {one}
    assert codes(capsys, str(story), "--ignore", one[:3], "--select", one) == {one}


def test_the_configuration_takes_all_and_extend_select(story, capsys):
    every = codes(capsys, str(story))
    one = sorted(every)[0]
    (story.parent / "figures.toml").write_text(f'ignore = ["ALL"]\nextend-select = ["{one}"]\n', encoding="utf-8")
    main(["check", "--no-index", "--format", "json", "--config", str(story.parent / "figures.toml"), str(story)])
    assert {f["code"] for f in json.loads(capsys.readouterr().out)} == {one}


def test_an_unknown_code_beside_all_is_still_an_error(story, capsys):
    assert main(["check", "--isolated", str(story), "--extend-select", "FG999"]) == 2
    assert "FG999" in capsys.readouterr().err
