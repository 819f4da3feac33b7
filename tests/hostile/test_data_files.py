"""YAML, TOML and JSON from strangers: no aliases, bounded nesting, bounded size, one line each.

Every file figures parses (rule files, configuration, baseline, verdicts, an article's
front matter) goes through one loader; a file it refuses is one line naming the file
and exit 2, and a bad front matter is FG001 for that article while the others are checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.cli import main
from tests.hostile.story_project import GOOD, _project  # noqa: F401 - the autouse fixture
from tests.hostile.story_project import one_error_line as _one_error_line

DEEP = 5000  # far past the limit and past Python's recursion limit
BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
)


def test_an_alias_bomb_in_the_verdicts_file_is_refused(capsys):
    Path("v.yaml").write_text(
        f"version: 1\nverdicts:\n  x: {{verdict: confirmed, notes: *f}}\n{BOMB}", encoding="utf-8"
    )
    assert main(["check", "story.txt", "--verdicts", "v.yaml"]) == 2
    assert "aliases" in _one_error_line(capsys, "v.yaml")


def test_an_anchor_without_alias_is_still_fine(capsys):
    Path("v.yaml").write_text("version: 1\nverdicts: &v {}\n", encoding="utf-8")
    assert main(["check", "story.txt", "--verdicts", "v.yaml"]) == 0


NESTED = {
    "figures.toml": ("figures.toml", "exclude = " + "[" * DEEP + "]" * DEEP + "\n"),
    "pyproject.toml": ("pyproject.toml", "[tool.figures]\nexclude = " + "[" * DEEP + "]" * DEEP + "\n"),
    "inline TOML tables": ("figures.toml", "x = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n"),
}


@pytest.mark.parametrize("case", sorted(NESTED))
def test_deeply_nested_configuration_is_one_line(case, capsys):
    name, text = NESTED[case]
    Path(name).write_text(text, encoding="utf-8")
    assert main(["check", "story.txt"]) == 2
    assert "nests more than" in _one_error_line(capsys, f"{name}:")


def test_brackets_inside_toml_strings_and_comments_are_not_nesting(capsys):
    brackets = "[" * 200  # past any depth limit
    Path("figures.toml").write_text(
        f"# {brackets}\nexclude = ['{brackets}', \"{brackets}\\\"\", '''{brackets}''']\n", encoding="utf-8"
    )
    assert main(["check", "story.txt"]) == 0, capsys.readouterr().err


def test_a_deeply_nested_baseline_is_one_line(capsys):
    Path("b.json").write_text('{"version": 1, "findings": ' + "[" * DEEP + "]" * DEEP + "}", encoding="utf-8")
    assert main(["check", "story.txt", "--baseline", "b.json"]) == 2
    assert "nests more than" in _one_error_line(capsys, "b.json")


def test_a_baseline_with_brackets_in_its_strings_still_loads(capsys):
    claim = "[" * 200 + '\\"{'
    entry = {"path": "x.txt", "code": "FG301", "claim": json.loads(f'"{claim}"')}
    Path("b.json").write_text(json.dumps({"version": 1, "findings": [entry]}), encoding="utf-8")
    assert main(["check", "story.txt", "--baseline", "b.json"]) == 0, capsys.readouterr().err


def test_deeply_nested_verdicts_are_one_line(capsys):
    Path("v.yaml").write_text("version: 1\nverdicts: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    assert main(["check", "story.txt", "--verdicts", "v.yaml"]) == 2
    assert "nests more than" in _one_error_line(capsys, "v.yaml")


def test_a_deeply_nested_rule_file_is_one_line(capsys):
    Path("rules").mkdir()
    Path("rules/deep.yaml").write_text("type: total\ndescription: " + "[" * DEEP + "]" * DEEP, encoding="utf-8")
    assert main(["rules", "check", "rules"]) == 2
    assert "nests more than" in _one_error_line(capsys, "deep.yaml:2")


@pytest.mark.parametrize(
    "front_matter",
    [
        "title: " + "[" * DEEP + "]" * DEEP,
        "title:\n" + "".join(" " * n + "- \n" for n in range(0, 2 * DEEP // 10, 2)),
        "title: x\n" + "".join(" " * n + f"k{n}:\n" for n in range(0, 2 * DEEP // 10, 2)),
    ],
    ids=["flow", "block sequence", "block mapping"],
)
def test_deeply_nested_front_matter_is_fg001_and_the_others_are_checked(front_matter, capsys):
    Path("deep.md").write_text(f"---\n{front_matter}\n---\n{GOOD}", encoding="utf-8")
    assert main(["check", "--format", "json", "story.txt", "deep.md"]) == 1
    out = capsys.readouterr()
    findings = json.loads(out.out)
    assert [(f["path"], f["code"]) for f in findings] == [("deep.md", "FG001")]
    assert "nests more than" in findings[0]["message"] and "internal error" not in out.err


@pytest.mark.parametrize(
    ("args", "setting", "link", "name"),
    [
        (["--baseline", "/dev/zero"], "", "", "/dev/zero"),
        ([], 'baseline = "/dev/zero"\n', "", "/dev/zero"),
        (["--verdicts", "/dev/zero"], "", "", "/dev/zero"),
        ([], 'verdicts = "/dev/zero"\n', "", "/dev/zero"),
        (["--rules", "rules"], "", "rules/zero.yaml", "zero.yaml"),
        (["--config", "zero.toml"], "", "zero.toml", "zero.toml"),
    ],
    ids=["baseline", "configured baseline", "verdicts", "configured verdicts", "rule file", "configuration"],
)
def test_an_endless_file_is_refused_not_read_to_the_end(args, setting, link, name, capsys):
    if setting:
        Path("figures.toml").write_text(setting, encoding="utf-8")
    if link:
        Path(link).parent.mkdir(exist_ok=True)
        Path(link).symlink_to("/dev/zero")
    assert main(["check", "story.txt", *args]) == 2
    _one_error_line(capsys, name)


def test_a_verdicts_file_over_the_size_limit_says_so(capsys):
    with open("v.yaml", "wb") as handle:  # sparse: large on paper, nothing on disk
        handle.write(b"version: 1\n")
        handle.truncate(40 * 1024 * 1024)
    assert main(["check", "story.txt", "--verdicts", "v.yaml"]) == 2
    assert "40 MB, more than the 16 MB limit" in _one_error_line(capsys, "v.yaml")
