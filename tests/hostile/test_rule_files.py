"""Rule files edited by hand: every mistake is one line naming the file and line, exit 2.

A mistake that only changes what a value means (a unit typo, a period typo, a time
the reference check cannot read, a rates file that is not there) would otherwise
switch a check off without a word, so it is refused when the rules load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from figures.cli import main

MEASURE = """type: measures
measures:
  wage:
    description: Pay per period
    dimension: currency
    {extra}
    sentence: [[salary, wage]]
"""
FACT = """type: reference
facts:
  - measure: mobilization_called_up
    entity: RU
    {extra}
    source: {{title: Ministry}}
"""
FLOOR = """type: plausibility
pay_floors:
  - measure: salary
    currency: {currency}
    per: {per}
    min: 100
    source: {{title: Law}}
"""
CONVERSION = "type: conversion\nrates: {rates}\n"
RATES_HEADER = "month,base,quote,rate\n"

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("bcdefgh", "cdefghi", strict=True)
)

# (case, {file name: text}, the line the error names, what it says)
CASES = [
    ("malformed YAML", {"m.yaml": "type: measures\nmeasures: [unclosed\n"}, "m.yaml:2", "invalid YAML"),
    ("python tag", {"m.yaml": "type: !!python/object/apply:os.system [ls]\n"}, "m.yaml:1", "invalid YAML"),
    ("alias bomb", {"m.yaml": "type: measures\n" + BOMB}, "m.yaml:3", "aliases"),
    ("unknown key", {"m.yaml": MEASURE.format(extra="colour: red")}, "m.yaml:6", "unknown key 'colour'"),
    ("wrong type", {"m.yaml": MEASURE.format(extra="priority: high")}, "m.yaml:6", "'priority' must be a whole"),
    ("unit typo", {"m.yaml": MEASURE.format(extra="unit: yeer")}, "m.yaml:6", "'unit' is 'yeer'"),
    ("period typo", {"m.yaml": MEASURE.format(extra="period: mnth")}, "m.yaml:6", "'period' is 'mnth'"),
    ("unknown dimension", {"m.yaml": MEASURE.replace("currency", "money").format(extra="")}, "m.yaml:5", "money"),
    ("empty file", {"m.yaml": ""}, "m.yaml:1", "must be a mapping"),
    ("fact time by month", {"r.yaml": FACT.format(extra="value: 3\n    time: 2022-10")}, "r.yaml:6", "'2022-10'"),
    ("fact time backwards", {"r.yaml": FACT.format(extra="value: 3\n    time: 2014-2008")}, "r.yaml:6", "2014-2008"),
    ("fact date no date", {"r.yaml": FACT.format(extra="value: 3\n    time: 2022-13-45")}, "r.yaml", "month must be"),
    ("fact unit typo", {"r.yaml": FACT.format(extra="value: 3\n    unit: peple")}, "r.yaml:6", "'peple'"),
    ("fact low above high", {"r.yaml": FACT.format(extra="low: 5\n    high: 3")}, "r.yaml:5", "above 'high'"),
    (
        "fact unknown measure",
        {"r.yaml": FACT.replace("mobilization_called_up", "nope").format(extra="value: 1")},
        "r.yaml:3",
        "unknown measure 'nope'",
    ),
    ("fact no value", {"r.yaml": FACT.format(extra="note: x")}, "r.yaml:3", "needs 'value'"),
    ("pay floor period typo", {"p.yaml": FLOOR.format(currency="RUB", per="mnth")}, "p.yaml:5", "'per' is 'mnth'"),
    ("pay floor currency typo", {"p.yaml": FLOOR.format(currency="RUR", per="month")}, "p.yaml:4", "'RUR'"),
    (
        "duplicate measure",
        {"m.yaml": MEASURE.format(extra="") + MEASURE.format(extra="").split("measures:\n")[1]},
        "m.yaml",
        "duplicate key 'wage'",
    ),
    ("duplicate id", {"x.yaml": "type: total\n", "x.yml": "type: total\n"}, "x.yml", "has the id 'x'"),
    (
        "duplicate entity",
        {
            "a.yaml": "type: entities\nentities:\n  XX: {name: X}\n",
            "b.yaml": "type: entities\nentities:\n  XX: {name: Y}\n",
        },
        "b.yaml:3",
        "defined twice",
    ),
    ("rates file missing", {"c.yaml": CONVERSION.format(rates="nope.csv")}, "c.yaml:2", "not found"),
    ("rates malformed", {"c.yaml": CONVERSION.format(rates="r.csv"), "r.csv": "a;b\n1;2\n"}, "r.csv:1", "lacks"),
    (
        "rates zero",
        {"c.yaml": CONVERSION.format(rates="r.csv"), "r.csv": RATES_HEADER + "2022-03,USD,RUB,0\n"},
        "r.csv:2",
        "positive",
    ),
    (
        "rates negative",
        {"c.yaml": CONVERSION.format(rates="r.csv"), "r.csv": RATES_HEADER + "2022-03,USD,RUB,-3\n"},
        "r.csv:2",
        "positive",
    ),
    (
        "rates not a number",
        {"c.yaml": CONVERSION.format(rates="r.csv"), "r.csv": RATES_HEADER + "2022-03,USD,RUB,x\n"},
        "r.csv:2",
        "not a number",
    ),
    (
        "rates bad month",
        {"c.yaml": CONVERSION.format(rates="r.csv"), "r.csv": RATES_HEADER + "March,USD,RUB,90\n"},
        "r.csv:2",
        "YYYY-MM",
    ),
    (
        "rates short row",
        {"c.yaml": CONVERSION.format(rates="r.csv"), "r.csv": RATES_HEADER + "2022-03,USD\n"},
        "r.csv:2",
        "columns",
    ),
    (
        "a line break quoted from the file",
        {"a.yaml": 'type: "consist\\nency"\n'},
        "a.yaml:1",
        "unknown rule type 'consist\\nency'",
    ),
]


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("case", "files", "where", "what"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_rule_file_is_one_line_with_file_and_line(case, files, where, what, tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    _write(rules, files)
    assert main(["rules", "check", str(rules)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"{rules}/{where}" in err and what in err, err


def test_a_100_mb_rule_file_is_refused_unread(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    with (rules / "big.yaml").open("wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.truncate(100 * 1024 * 1024)
    assert main(["rules", "check", str(rules)]) == 2
    assert "100 MB" in capsys.readouterr().err


def test_a_cue_is_words_not_a_pattern(tmp_path):
    """A cue written like a catastrophic regex is matched as literal words, in linear time."""
    from figures.rules.records import cue_pattern

    pattern = cue_pattern("(a+)+$")
    assert pattern.search("a" * 50_000 + "!") is None
    assert pattern.search("cue (a+)+$ here")


def test_the_shipped_rules_and_the_example_pack_still_load(capsys):
    root = Path(__file__).resolve().parents[2]
    assert main(["rules", "check", str(root / "examples" / "central-asia" / "rules")]) == 0
    assert main(["rules", "check", str(root / "figures" / "rules")]) == 0


@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["--select", "FG9999"], "--select: unknown code(s) FG9999"),
        (["--ignore", "FG1,XY1"], "--ignore: unknown code(s) XY1"),
    ],
)
def test_unknown_codes_on_the_command_line_are_usage_errors(argv, what, tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text("12 people died.", encoding="utf-8")
    assert main(["check", "--isolated", str(article), *argv]) == 2
    assert what in capsys.readouterr().err


def test_unknown_codes_in_the_configuration_name_file_and_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "figures.toml").write_text('fail_on = "error"\nignore = ["FG301", "FG31O"]\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text("12 people died.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "story.txt"]) == 2
    assert "figures.toml:2: ignore: unknown code(s) FG31O" in capsys.readouterr().err
