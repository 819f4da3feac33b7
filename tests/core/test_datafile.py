"""The flat ``key: value`` reader gives what the full YAML loader gives, value for value and error for error."""

import datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.core import datafile
from figures.core.datafile import MAX_NESTING, load_flat_yaml, load_yaml
from figures.core.errors import RuleFileError

# Keys and values whose YAML meaning is easy to get wrong: resolved types, indicators,
# comments, quotes, escapes, aliases, collections, and characters YAML reads as line breaks.
KEYS = ["title", "date", "url", "yes", "on", "1", "0x1F", "1_000", "2020-01-01", "a.b", "-k", "? k", "<<", "=", "~"]
KEYS += ["k#", "k k", "'q'", '"q"', "&a k", "*a", "!!str k", "[k]", "null", "Null", "1.5", ".nan", "x\tx"]
VALUES = [
    "",
    "T",
    "yes",
    "No",
    "off",
    "~",
    "null",
    "1",
    "-1",
    "+1",
    "0o17",
    "017",
    "0x1F",
    "1_000",
    "1:30",
    "190:20:30",
]
VALUES += ["1.5", "1e3", "1.5e3", ".inf", "-.Inf", ".nan", "2020-01-01", "2022-13-45", "2020-01-01 10:00:00"]
VALUES += ["2001-12-14t21:59:43.10-05:00", "2020-1-1", "<<", "=", "- a", "-a", "--- x", "[a, b]", "{a: 1}", "a, b"]
VALUES += ["&a x", "*a", "!!str 1", "!x y", "|", ">", "%x", "@x", "`x", "a #c", "a#c", "a: b", "b:", "a:b", "a : b"]
VALUES += ["'it''s'", "'a: b # c'", "'unclosed", '"x: y"', '"a\\tb"', '"a\\"b"', '"a" b', "'a' 'b'", "https://x.org/a"]
VALUES += ["Poland: prices", "caf\u00e9", "a\u00a0b", "a\u2028b", "a\x85b", "a\ufeffb", "a\x07b", "a\tb", "x  ", "?x"]
PIECES = st.sampled_from(list(" :#'\"-\t\\[]{}&*!|>%@`,?=<~.\u00e9\u00a0\u2028\x85\r\n") + ["1", "a", "T", "x"])
TEXT = st.text(PIECES, max_size=8)


@st.composite
def front_matter_lines(draw: st.DrawFn) -> str:
    """One line: mostly ``key: value``, sometimes indented, a comment, a marker or noise."""
    kind = draw(st.sampled_from(["pair", "pair", "pair", "pair", "other", "noise"]))
    if kind == "other":
        return draw(st.sampled_from(["", "  ", "# note: x", " # note", "---", "...", "  - x", "  more", "- x", "k:"]))
    if kind == "noise":
        return draw(TEXT)
    key = draw(st.one_of(st.sampled_from(KEYS), TEXT))
    sep = draw(st.sampled_from([": ", ": ", ":  ", ":", " : ", ":\t"]))
    value = draw(st.one_of(st.sampled_from(VALUES), TEXT))
    indent = draw(st.sampled_from(["", "", "", " "]))
    return f"{indent}{key}{sep}{value}{draw(st.sampled_from(['', '', ' ', ' #c']))}"


@st.composite
def flat_looking_lines(draw: st.DrawFn) -> str:
    """A ``key: value`` line as front matter has them, with values near the edges of plain YAML."""
    key = draw(st.sampled_from([k for k in KEYS if k.replace("_", "").replace(".", "").isalnum()]))
    value = draw(st.one_of(st.sampled_from(VALUES), st.text(st.sampled_from(list("aT1 :#'\"-.,[]{}&*!~")), max_size=8)))
    return f"{key}: {value}{draw(st.sampled_from(['', ' ']))}"


def outcome(load, text: str) -> tuple[str, str]:
    """What a loader made of ``text``: the values with their types, or the error it gave."""
    try:
        data = load(text, "fm.md", line_offset=1)
    except RuleFileError as err:
        return ("error", str(err))
    if isinstance(data, dict):
        return ("value", repr([(type(k), k, type(v), v) for k, v in data.items()]))
    return ("value", repr((type(data), data)))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(front_matter_lines(), flat_looking_lines(), flat_looking_lines()), max_size=6).map("\n".join))
def test_flat_reader_agrees_with_the_loader(text):
    assert outcome(load_flat_yaml, text) == outcome(load_yaml, text)


@pytest.mark.parametrize("value", VALUES)
def test_each_tricky_value_agrees_with_the_loader(value):
    text = f"title: T\nvalue: {value}\n"
    assert outcome(load_flat_yaml, text) == outcome(load_yaml, text)


def test_flat_front_matter_does_not_start_the_parser(monkeypatch):
    def no_parser(*args, **kwargs):
        raise AssertionError("the YAML parser was started")

    monkeypatch.setattr(yaml, "load", no_parser)
    text = "title: \"Poland: prices\"\noutlet: Market Post\ndate: 1998-08-08\nnote: 'it''s'\nempty:\n"
    got = load_flat_yaml(text, "a.md")
    assert got == {
        "title": "Poland: prices",
        "outlet": "Market Post",
        "date": datetime.date(1998, 8, 8),
        "note": "it's",
        "empty": None,
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: &x [1, 2]\nb: *x\n", "aliases"),
        ("a: " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n", "nests more than"),
        ("a: [unclosed\n", "invalid YAML"),
        ("date: 2022-13-45\n", "invalid value"),
    ],
)
def test_what_the_loader_refuses_is_still_refused(text, problem):
    with pytest.raises(RuleFileError, match=problem) as info:
        load_flat_yaml(text, "a.md")
    assert str(info.value).startswith("a.md")


def test_the_scalar_tables_are_the_loaders():
    # the fast path builds values with the loader's own resolvers and constructors
    assert datafile._SCALARS.yaml_constructors is datafile.SafeYamlLoader.yaml_constructors


@settings(max_examples=1000, deadline=None)
@given(st.lists(flat_looking_lines(), min_size=1, max_size=6).map("\n".join))
def test_flat_looking_front_matter_agrees_with_the_loader(text):
    assert outcome(load_flat_yaml, text) == outcome(load_yaml, text)
