"""When a figure is about: the case file, the article's date, comparisons, and properties."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from figures.context import time as timectx
from figures.context.time import When, article_when, comparable, from_label, mentions, nearest, parse_article_date

CASES = Path(__file__).parent / "cases" / "time.yaml"
FIELDS = ("surface", "label", "start", "end", "resolution", "basis", "anchor")


def _cases():
    for case in yaml.safe_load(CASES.read_text(encoding="utf-8")):
        yield pytest.param(case, id=case["name"])


def _described(text: str, found: list[timectx.TimeMention]) -> list[dict[str, str]]:
    return [
        {
            "surface": text[m.start : m.end],
            "label": m.when.label,
            "start": m.when.start.isoformat(),
            "end": m.when.end.isoformat(),
            "resolution": m.when.resolution,
            "basis": m.when.basis,
            "anchor": m.when.anchor,
        }
        for m in found
    ]


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case):
    text = case["text"]
    date = parse_article_date(case["article_date"]) if case["article_date"] else None
    expected = [{k: str(m[k]) for k in FIELDS} for m in case["mentions"]]
    assert _described(text, mentions(text, 0, len(text), date)) == expected


def test_case_file_is_well_formed():
    names = set()
    for case in yaml.safe_load(CASES.read_text(encoding="utf-8")):
        assert set(case) - {"lists"} == {"name", "article_date", "text", "mentions"}, case.get("name")
        assert case["name"] not in names, f"two cases named {case['name']!r}"
        names.add(case["name"])
        for m in case["mentions"]:
            assert set(m) == set(FIELDS), case["name"]
            assert m["surface"] in case["text"], case["name"]


def test_times_beyond_the_years_read_are_left_out():
    text = "In the past 999 decades, and 300 years ago, and in 2101, 40 people left."
    assert mentions(text, 0, len(text), datetime.date(2022, 1, 1)) == []
    text = "Since 2014, 40 people left."
    assert mentions(text, 0, len(text), datetime.date(2105, 1, 1)) == []


def test_offsets_are_into_the_text_passed_in():
    text = "Figures for 2019 were lower. In 2021 the ministry issued 4,100 permits."
    start = text.index("In 2021")
    found = mentions(text, start, len(text))
    assert [(text[m.start : m.end], m.when.label) for m in found] == [("2021", "2021")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-17", datetime.date(2022, 3, 17)),
        (" 2022-03-17T09:30:00Z ", datetime.date(2022, 3, 17)),
        ("2022-03", datetime.date(2022, 3, 1)),
        ("2022", datetime.date(2022, 1, 1)),
        ("17 March 2022", datetime.date(2022, 3, 17)),
        ("March 17, 2022", datetime.date(2022, 3, 17)),
        ("Thursday, March 17, 2022", datetime.date(2022, 3, 17)),
        ("2022-13-45", None),
        ("2022-02-30", None),
        ("31 Smarch 2022", None),
        ("1650", None),
        ("", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_article_date(value, expected):
    assert parse_article_date(value) == expected


def test_year_of_still_reads_the_leading_year():
    assert timectx.year_of("2022-03-17") == 2022
    assert timectx.year_of("17 March 2022") == 2022
    assert timectx.year_of("2022-13-45") == 2022
    assert timectx.year_of("") is None


def test_article_when_stands_in_at_any_resolution():
    day = datetime.date(2022, 10, 18)
    assert article_when(None) is None
    year = article_when(day)
    assert (year.label, year.basis, year.anchor) == ("2022", "article", "in")
    assert article_when(day, "month").label == "2022-10"
    assert article_when(day, "quarter").label == "2022-Q4"
    assert article_when(day, "week").label == "2022-W42"
    assert article_when(day, "fiscal_year").label == "FY2022-23"
    with pytest.raises(ValueError):
        article_when(day, "span")


def test_nearest_prefers_the_closest_then_the_one_before():
    text = "In 2020, 63,389 Tajiks, and in 2022 more."
    found = mentions(text, 0, len(text))
    figure = text.index("63,389")
    assert nearest(found, figure, figure + 6).when.label == "2020"
    middle = "2019 x 2021"
    found = mentions(middle, 0, len(middle))
    assert nearest(found, 5, 6).when.label == "2019"  # as far from both: the one before
    assert nearest(found, 0, 4).when.label == "2021"  # the figure itself is not its time
    assert nearest([], 0, 1) is None


def _when(label: str, **kw) -> When:
    w = from_label(label)
    return When(w.start, w.end, w.resolution, w.label, **kw)


@pytest.mark.parametrize(
    ("a", "b", "window", "expected"),
    [
        ("2022-12", "2022", 0, False),  # a monthly figure is not a yearly one
        ("2022-11", "2022-12", 0, False),  # two different months do not conflict
        ("2022-12", "2022-12", 0, True),
        ("2017", "2022", 0, False),  # "five years ago" is not this year's figure
        ("2021", "2022", 1, True),
        ("2008-2014", "2008", 0, True),  # "between 2008 and 2014" and "by 2008"
        ("2008-2014", "2015", 0, False),
        ("2008-2014", "2015", 1, True),
        ("2008-2014", "2010-2020", 0, True),
        ("FY2022-23", "FY2023-24", 0, False),
        ("FY2022-23", "2023", 0, False),
        ("2022-Q3", "2022-H2", 0, False),
        ("1990s", "1990s", 0, True),
    ],
)
def test_comparable(a, b, window, expected):
    assert comparable(from_label(a), from_label(b), window) is expected
    assert comparable(from_label(b), from_label(a), window) is expected


def test_a_state_at_the_end_compares_with_a_span_it_ends():
    by_2008 = _when("2008", anchor="as_of")
    assert comparable(by_2008, from_label("2008-2014"))


def test_when_refuses_an_interval_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        When(datetime.date(2022, 2, 1), datetime.date(2022, 1, 1), "span", "x")
    with pytest.raises(ValueError):
        When(datetime.date(2022, 1, 1), datetime.date(2022, 1, 1), "fortnight", "x")


def test_from_label_refuses_what_is_not_a_label():
    for label in ("2022-13", "FY2022-24", "1995s", "2022-Q5", "twenty"):
        with pytest.raises(ValueError):
            from_label(label)


# ---------------------------------------------------------------------------
# Properties

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
years = st.integers(min_value=1800, max_value=2099)
days = st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2099, 12, 31))


@st.composite
def absolute_phrases(draw) -> str:
    """A time written out in full, in one of the forms read."""
    y = draw(years)
    d = draw(days)
    form = draw(st.sampled_from(["year", "span", "fy", "decade", "month", "quarter", "half", "md", "dm", "iso"]))
    if form == "year":
        return str(y)
    if form == "span":
        return f"between {y} and {y + draw(st.integers(1, 2100 - y))}"
    if form == "fy":
        return draw(
            st.sampled_from([f"{y}-{(y + 1) % 100:02d}", f"FY{y + 1}", f"fiscal {y + 1}", f"{y}/{(y + 1) % 100:02d}"])
        )
    if form == "decade":
        return f"the {y - y % 10}s"
    if form == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    if form == "quarter":
        return draw(st.sampled_from([f"Q{(d.month - 1) // 3 + 1} {y}", f"{y} Q{(d.month - 1) // 3 + 1}"]))
    if form == "half":
        return f"H{draw(st.integers(1, 2))} {y}"
    if form == "md":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if form == "dm":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return d.isoformat()


@given(absolute_phrases(), st.sampled_from(["In ", "Prices rose in ", "By ", ""]), st.sampled_from([",", ".", " x"]))
def test_a_stated_time_is_found_whole_and_its_label_names_its_interval(phrase, before, after):
    text = f"{before}{phrase}{after}"
    found = mentions(text, 0, len(text))
    assert len(found) == 1, (text, found)
    m = found[0]
    expected = f"By {phrase}" if before == "By " else phrase.removeprefix("the ")
    assert text[m.start : m.end] == expected
    assert m.when.anchor == ("as_of" if before == "By " else "in")
    w = m.when
    assert w.start <= w.end
    again = from_label(w.label)
    assert (again.start, again.end, again.resolution) == (w.start, w.end, w.resolution)


RELATIVE_WORDS = [
    "last year", "this year", "next year", "a year earlier", "a year ago", "five years ago", "last month",
    "this month", "the previous month", "last week", "a decade ago", "the past year", "over the past five years",
    "in October", "December's", "on Monday", "yesterday", "today", "Q3", "the second half", "since 2014",
    "as of March", "by the end of 2022", "since Feb. 26", "last quarter", "three months ago", "the past 30 days",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(RELATIVE_WORDS) | absolute_phrases(), min_size=1, max_size=4),
    st.none() | st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
)
def test_every_mention_is_a_proper_interval_sliced_from_the_text(phrases, article_date):
    text = "Officials said " + ", then ".join(phrases) + ", 40 people left."
    for m in mentions(text, 0, len(text), article_date):
        assert m.when.start <= m.when.end
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end].strip() == text[m.start : m.end]
        if m.when.basis == "relative" or m.when.anchor == "since":
            assert article_date is not None


def whens():
    resolution = st.sampled_from(["day", "week", "month", "quarter", "half", "year", "fiscal_year", "decade"])
    period = st.builds(lambda r, d: article_when(d, r), resolution, days)
    span = st.builds(
        lambda a, b: from_label(f"{min(a, b).isoformat()}/{max(a, b).isoformat()}"),
        days,
        days,
    )
    return period | span


@given(whens(), whens(), st.integers(min_value=0, max_value=3))
def test_comparable_is_symmetric(a, b, window):
    assert comparable(a, b, window) == comparable(b, a, window)


@given(whens())
def test_a_time_is_comparable_with_itself_and_its_label_round_trips(w):
    assert comparable(w, w)
    again = from_label(w.label)
    assert (again.start, again.end, again.resolution) == (w.start, w.end, w.resolution)
