"""Text that is valid but strange: Unicode digits and marks, HTML, and patterns that repeat.

Each case must run without a traceback and, where it says so, find what a reader sees.
Sizes are kept to tens of kilobytes so the suite stays fast; how the time grows at
10 KB, 100 KB and 1 MB is measured in benchmarks/hostile.py.
"""

from __future__ import annotations

import unicodedata

import pytest

from figures.cli import main
from figures.extract import extract_text

# Every decimal digit Unicode knows, in every script: each must be read or skipped, never crash.
UNICODE_DIGITS = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd")
DASHES = "".join(chr(c) for c in range(0x3000) if unicodedata.category(chr(c)) == "Pd") + "\u2212"
SPACES = "".join(chr(c) for c in range(0x3001) if unicodedata.category(chr(c)) == "Zs")
MARKS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"

STRANGE = [
    ("every Unicode digit", f"They counted {UNICODE_DIGITS} people."),
    ("digits of each script alone", " ".join(f"{UNICODE_DIGITS[i : i + 10]} people." for i in range(0, 600, 10))),
    ("every dash between numbers", " ".join(f"from 5{d}7 people." for d in DASHES)),
    ("every minus and sign", "It fell to \u22123 and \u20136 and -9 and \ufe633 and \uff0d4 degrees."),
    ("every space inside numbers", " ".join(f"1{s}000 people." for s in SPACES)),
    ("RTL and zero-width marks", " ".join(f"{m}12{m} people{m} died." for m in MARKS)),
    ("RTL override around a number", "Losses were \u202e000,05\u202c dollars."),
    ("Arabic and Persian digits", "قتل ١٢ شخصا و ۴۰ نفر."),
    ("full-width digits", "１２ people died."),
    ("combining marks on digits", "1\u03012\u0301 people died."),
    ("huge and tiny exponents", "Values 1e308, 1e309, 1e-308, 1e-400, 9.9e99, 10^400 and 10 x 10^-400 tonnes."),
    ("deep parentheses", "(" * 5000 + "12 people" + ")" * 5000),
    ("repeated 1,1,1", "1," * 5000),
    ("repeated 5-5-5", "5-" * 5000),
    ("repeated between", "between 1 and " * 700),
    ("100,000 digits", "7" * 100_000),
    ("a 50 KB line", "Officials said 12 people died and 40 were hurt, " * 1050),
    ("20,000 numbers", " ".join(str(n) for n in range(20_000))),
    ("surrogate-free astral text", "\U0001f600 12 \U0001f4a5 people \U00010000 died."),
]


# The cases that take seconds: the full run has them, the quick loop does not.
SLOW = {"a 50 KB line", "20,000 numbers", "repeated 5-5-5", "repeated between"}


@pytest.mark.parametrize(
    ("case", "text"), [pytest.param(*c, id=c[0], marks=[pytest.mark.slow] if c[0] in SLOW else []) for c in STRANGE]
)
def test_strange_text_never_crashes(case, text, tmp_path, capsys):
    figures = extract_text(text)
    for f in figures:
        assert text[f.start : f.end] == f.surface
    article = tmp_path / "story.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["check", "--isolated", str(article)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Officials said \u200b12\u200b people died.", "12"),
        ("Officials said 1\u00a0000 people died.", "1\u00a0000 people"),
        ("Officials said \u200f12 people died.", "12 people"),
    ],
)
def test_invisible_marks_do_not_hide_a_figure(text, surface):
    assert any(surface in f.surface for f in extract_text(text))


def _html(body: str) -> str:
    return f"<html><head><title>T</title></head><body><article><p>{body}</p></article></body></html>"


HTML = [
    (
        "deeply nested",
        "<div>" * 3000 + "<p>Officials said 12 people died in the blast on Monday.</p>" + "</div>" * 3000,
    ),
    ("malformed", "<html><body><p>Officials said 12 people died<p>and 40 <b>were <i>hurt</b></i> <table><tr><td>x"),
    ("full of scripts", _html("Officials said 12 people died.") + "<script>alert(1)</script>" * 2000),
    ("script in the text", _html("Officials said 12 people died. <script>window.pwned=1</script>")),
    ("entities", _html("Officials said &#49;&#50; people died &amp; 40&nbsp;were hurt.")),
]


@pytest.mark.parametrize(("case", "html"), HTML, ids=[h[0] for h in HTML])
def test_hostile_html_never_crashes(case, html, tmp_path, capsys):
    article = tmp_path / "page.html"
    article.write_text(html, encoding="utf-8")
    assert main(["check", "--isolated", str(article)]) in (0, 1)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "internal error" not in captured.err


def test_a_20_mb_html_page_is_over_the_default_limit(tmp_path, capsys):
    # Sparse, so the test writes nothing: the size alone decides.
    article = tmp_path / "page.html"
    with article.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    assert main(["check", "--isolated", str(article)]) == 1
    assert "20.0 MB, more than the 10 MB limit" in capsys.readouterr().out
