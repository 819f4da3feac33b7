"""Numbers no float can hold, dates that are no dates, products with open ends: never a traceback.

Each case names the text a stranger might write and what figures does with it.
"""

from __future__ import annotations

import pytest

from figures.cli import main
from figures.extract import extract_text

# (case, text, a surface that must not be read as a figure, or "")
HUGE_OR_TINY = [
    ("exponent past float", "The cost was 1e309 dollars.", ""),
    ("times ten to a huge power", "It was 10 x 10^400 people.", "400 people"),
    ("400 trailing zeros", "They paid 1" + "0" * 400 + " rubles.", ""),
    ("5,000 digits", "They paid " + "9" * 5000 + " rubles.", ""),
    ("100,000 digits", "They paid " + "7" * 100_000 + " rubles.", ""),
    ("underflow to zero", "A grain weighs 2.5e-400 grams.", ""),
    ("huge with a scale word", "They owe 1e99 billion dollars.", ""),
]


@pytest.mark.parametrize(("case", "text", "not_a_figure"), HUGE_OR_TINY, ids=[c[0] for c in HUGE_OR_TINY])
def test_numbers_that_cannot_be_held_are_skipped(case, text, not_a_figure):
    figures = extract_text(text)
    for f in figures:
        assert f.low is None or abs(f.low) <= 1e100, case
        assert f.high is None or abs(f.high) <= 1e100, case
    assert not_a_figure not in {f.surface for f in figures} or not not_a_figure


@pytest.mark.parametrize(("case", "text", "not_a_figure"), HUGE_OR_TINY, ids=[c[0] for c in HUGE_OR_TINY])
def test_every_command_survives_huge_numbers(case, text, not_a_figure, tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["extract", str(article)]) == 0
    assert main(["extract", str(article), "--format", "jsonl"]) == 0
    assert main(["check", "--isolated", str(article)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_a_front_matter_date_that_is_no_date_is_a_finding_and_the_others_are_checked(tmp_path, capsys):
    (tmp_path / "bad.md").write_text("---\ndate: 2022-13-45\n---\n12 people died.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("---\ndate: 2022-03-01\n---\n12 people died.\n", encoding="utf-8")
    code = main(["check", "--isolated", str(tmp_path), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1
    assert '"FG001"' in out and "bad.md" in out and "month must be in 1..12" in out
    assert "good.md" not in out


@pytest.mark.parametrize(
    ("case", "front_matter", "reason"),
    [
        ("python object tag", "title: !!python/object/apply:os.system ['echo owned']", "not valid YAML"),
        (
            "alias bomb",
            'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: *g",
            "aliases (*name) are not allowed",
        ),
        ("broken front matter", "title: [unclosed", "not valid YAML"),
        ("a list for a front matter", "- a\n- b", "mapping"),
    ],
)
def test_hostile_front_matter_is_fg001(case, front_matter, reason, tmp_path, capsys):
    article = tmp_path / "story.md"
    article.write_text(f"---\n{front_matter}\n---\n12 people died.\n", encoding="utf-8")
    code = main(["check", "--isolated", str(article)])
    out = capsys.readouterr().out
    assert code == 1
    assert "FG001" in out and reason in out


@pytest.mark.parametrize(
    "text",
    [
        "20 buses with at least 53 people each carried 1,200 people.",
        "Up to 20 buses with 53 people each carried 1,200 people.",
        "Dozens of buses with about 50 people each carried 1,200 people.",
    ],
)
def test_a_product_with_an_open_end_is_checked_without_error(text, tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["check", "--isolated", str(article)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch, tmp_path, capsys):
    from figures.cli import extract as extract_command

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(extract_command, "extract_text", broken)
    article = tmp_path / "story.txt"
    article.write_text("12 people died.", encoding="utf-8")
    assert main(["extract", str(article)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "--debug" in err
    with pytest.raises(RuntimeError):
        main(["--debug", "extract", str(article)])
