"""Properties of extraction that hold for any input."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from figures import extract_text
from figures.extract import _clean
from figures.extract.numerals import parse_digits, words_to_number

_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """English words for 1..999999, the way newspapers write them."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return spell(head) + " thousand" + (" " + spell(rest) if rest else "")
    if n >= 100:
        head, rest = divmod(n, 100)
        return _ONES[head] + " hundred" + (" and " + spell(rest) if rest else "")
    if n >= 20:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    if n >= 10:
        return _TEENS[n - 10]
    return _ONES[n]


def group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=1, max_value=999_999_999), st.sampled_from([",", " ", "\u00a0", "\u202f"]))
def test_grouped_digits_read_back(n, sep):
    text = f"Officials counted {group(n, sep)} workers last spring."
    figures = extract_text(text)
    assert len(figures) == 1
    assert figures[0].low == n


@given(st.integers(min_value=2, max_value=999_999))
def test_number_words_read_back(n):
    text = f"Officials counted {spell(n)} workers last spring."
    figures = extract_text(text)
    assert len(figures) == 1, [f.surface for f in figures]
    assert figures[0].low == n


@given(st.integers(min_value=1, max_value=999_999))
def test_words_to_number_inverts_spelling(n):
    assert words_to_number(spell(n)) == n


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["million", "billion", "thousand"]),
)
def test_decimal_with_scale(whole, frac, scale):
    factor = {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
    text = f"The budget is {whole}.{frac:03d} {scale} dollars."
    figures = extract_text(text)
    assert len(figures) == 1
    assert abs(figures[0].low - float(f"{whole}.{frac:03d}") * factor) <= factor * 1e-9


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_are_ordered(a, b):
    lo, hi = sorted((a, b))
    figures = extract_text(f"Sentences range from {lo:,} to {hi:,} years.")
    assert len(figures) == 1
    f = figures[0]
    assert f.low == lo and f.high == hi


@pytest.mark.slow
@settings(max_examples=300)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes_and_spans_slice_exactly(text):
    for f in extract_text(text):
        assert text[f.start : f.end] == f.surface
        assert f.low is None or f.high is None or f.low <= f.high


_PIECES = st.sampled_from(
    [
        "up to ",
        "more than ",
        "about ",
        "between ",
        " and ",
        " to ",
        "5",
        "12",
        "63,389",
        "4.5 million",
        " years",
        " rubles",
        " ($475)",
        "%",
        " percent",
        "a third of",
        "dozens of",
        " migrants",
        "In 2021, ",
        "Feb. 26",
        " (19 from A, 34 from B)",
        "-year-old",
        " each",
        ". ",
        "\n\n",
        "twenty-two",
        "$3,000",
        " per month",
        "half a minute",
        "three or maybe four",
        "in his 50s",
        "No. 6",
        " rose ",
        " fell by ",
        " to ",
        "+",
        "-",
        "HK $",
        "RM",
        "30k",
        "2.5m tonnes",
        "½ tsp",
        " and a quarter",
        " or greater",
        "less than or equal to ",
        " (31 miles)",
        " a barrel",
        " per 100,000 people",
        "0-0",
        "5.8GHz",
        "six point two",
        "4 dollars 25 cents",
        "1,00,000",
        " lakh",
        "the Pixel 8 Pro",
        "0300 GMT",
    ]
)


@pytest.mark.slow
@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=14))
def test_newsy_text_spans_and_intervals(pieces):
    text = "".join(pieces)
    lines = text.split("\n")
    for f in extract_text(text):
        assert text[f.start : f.end] == f.surface
        assert f.low is None or f.high is None or f.low <= f.high
        line = lines[f.line - 1]
        assert line[f.column - 1 :].startswith(f.surface.split("\n")[0])


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_european_dot_thousands_in_counts(head, tail):
    numeral = parse_digits(f"{head}.{tail:03d}", count_context=True)
    assert numeral.value == head * 1000 + tail
    assert "ambiguous_separator" in numeral.flags


_UP = ["rose", "gained", "climbed", "jumped", "grew by", "increased by", "was up"]
_DOWN = ["fell", "slid", "dropped", "declined", "shrank by", "decreased by", "was down"]


@given(
    st.sampled_from([(v, "increase") for v in _UP] + [(v, "decrease") for v in _DOWN]),
    st.decimals(min_value="0.1", max_value="99.9", places=1),
    st.integers(min_value=100, max_value=99_999),
)
def test_change_then_level_is_two_figures(verb_direction, change, level):
    verb, direction = verb_direction
    text = f"The index {verb} {change}% to {level:,} on Friday."
    figures = extract_text(text)
    assert len(figures) == 2, [f.surface for f in figures]
    first, second = figures
    assert (first.low, first.direction) == (float(change), direction)
    assert (second.low, second.direction) == (level, None)
    for f in figures:
        assert text[f.start : f.end] == f.surface


@given(st.decimals(min_value="0.1", max_value="99.9", places=1), st.sampled_from(["+", "-"]))
def test_signed_percentages_carry_their_direction(value, sign):
    text = f"Output changed by {sign}{value}% in the quarter."
    (figure,) = extract_text(text)
    assert text[figure.start : figure.end] == figure.surface == f"{sign}{value}%"
    assert figure.direction == ("increase" if sign == "+" else "decrease")


@given(
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["barrel", "share", "head", "gallon", "tonne", "capita"]),
    st.sampled_from([" a ", " per ", "/"]),
)
def test_non_time_denominators_go_to_per(amount, word, joiner):
    if word == "capita" and joiner != " per ":
        return
    text = f"The price was ${amount:,}{joiner}{word} on Friday."
    (figure,) = extract_text(text)
    assert (figure.low, figure.unit, figure.per, figure.period) == (amount, "USD", word, None)
    assert text[figure.start : figure.end] == figure.surface


@given(
    st.decimals(min_value="0.1", max_value="9999.9", places=1),
    st.sampled_from(
        [
            ("GHz", "gigahertz"),
            ("mg", "milligram"),
            ("ml", "milliliter"),
            ("m2", "meter ** 2"),
            ("lb", "pound"),
            ("kmph", "kilometer / hour"),
            ("kg", "kilogram"),
            ("km", "kilometer"),
        ]
    ),
    st.sampled_from(["", " "]),
)
def test_glued_or_spaced_units_keep_their_number(value, symbol_unit, space):
    symbol, unit = symbol_unit
    text = f"The label says {value}{space}{symbol} in small print."
    (figure,) = extract_text(text)
    assert (figure.low, figure.unit) == (float(value), unit)
    assert text[figure.start : figure.end] == figure.surface == f"{value}{space}{symbol}"


@given(
    st.integers(min_value=1, max_value=999_999),
    st.sampled_from(
        [("RM", "MYR"), ("AUD", "AUD"), ("HK $", "HKD"), ("HK$", "HKD"), ("C$", "CAD"), ("₹", "INR"), ("₿", "BTC")]
    ),
)
def test_currency_prefixes(amount, prefix_code):
    prefix, code = prefix_code
    text = f"It sold for {prefix}{amount:,} last week."
    (figure,) = extract_text(text)
    assert (figure.low, figure.unit, figure.dimension) == (amount, code, "currency")
    assert text[figure.start : figure.end] == figure.surface


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from([("a half", 0.5), ("a quarter", 0.25), ("three quarters", 0.75), ("a third", 1 / 3)]),
)
def test_mixed_numbers_compose(n, part):
    words, value = part
    # "one hundred and three quarters" also reads as 103 quarters; news writes 100¾ otherwise.
    assume(not (words == "three quarters" and n % 100 == 0))
    text = f"The trip took {spell(n)} and {words} hours."
    (figure,) = extract_text(text)
    assert abs(figure.low - (n + value)) <= 1e-8 * (n + 1)
    assert figure.unit == "hour"
    assert text[figure.start : figure.end] == figure.surface


@given(st.integers(min_value=0, max_value=99), st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=3))
def test_spoken_decimals_compose(whole, digits):
    if whole == 0:
        return  # "zero point ..." is not how news writes a share
    spoken = " ".join(_ONES[d] if d else "zero" for d in digits)
    text = f"Growth was {spell(whole)} point {spoken} percent."
    (figure,) = extract_text(text)
    assert figure.low == float(f"{whole}.{''.join(map(str, digits))}")


@given(st.integers(min_value=1, max_value=9), st.sampled_from([("hundred", 100), ("thousand", 1000), ("lakh", 10**5)]))
def test_digits_with_scale_words(n, scale):
    word, factor = scale
    text = f"Officials counted {n} {word} workers."
    (figure,) = extract_text(text)
    assert figure.low == n * factor


@given(st.integers(min_value=100_000, max_value=99_99_99_999))
def test_indian_grouping_reads_back(n):
    digits = str(n)
    head, last = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    grouped = ",".join([head, *pairs, last])
    text = f"Officials counted {grouped} pilgrims."
    (figure,) = extract_text(text)
    assert figure.low == n


@given(st.integers(min_value=1, max_value=8), st.integers(min_value=2, max_value=9))
def test_shared_multiplier_ranges_are_ordered(a, b):
    lo, hi = sorted((a, a + b))
    text = f"The war displaced {spell(lo)} to {spell(hi)} thousand families."
    (figure,) = extract_text(text)
    assert (figure.low, figure.high) == (lo * 1000, hi * 1000)


@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["more than", "at least", "greater than", "over"]),
    st.sampled_from(["less than", "at most", "fewer than", "under"]),
)
def test_conjoined_bounds_are_one_ordered_interval(a, b, lower, upper):
    lo, hi = sorted((a, a + b))
    text = f"Groups of {lower} {lo:,} and {upper} {hi:,} people need a permit."
    (figure,) = extract_text(text)
    assert (figure.low, figure.high) == (lo, hi)
    assert text[figure.start : figure.end] == figure.surface


@given(
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(
        [
            ("greater than", "more_than"),
            ("greater than or equal to", "at_least"),
            (">=", "at_least"),
            ("less than or equal to", "at_most"),
            ("<=", "at_most"),
            ("lower than", "less_than"),
        ]
    ),
)
def test_comparative_bounds_have_one_open_end(n, phrase_qualifier):
    phrase, qualifier = phrase_qualifier
    text = f"Claims {phrase} {n:,} are reviewed."
    (figure,) = extract_text(text)
    assert figure.qualifier.value == qualifier
    if qualifier in ("more_than", "at_least"):
        assert (figure.low, figure.high) == (n, None)
    else:
        assert (figure.low, figure.high) == (None, n)
    assert text[figure.start : figure.end] == figure.surface


@given(st.integers(min_value=0, max_value=9), st.sampled_from(["won", "drew", "ended", "lost"]))
def test_drawn_and_decided_scores_are_not_figures(n, verb):
    assert extract_text(f"The side {verb} {n}-{n} at home.") == []


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59), st.sampled_from(["GMT", "UTC"]))
def test_24_hour_clock_times_are_not_figures(hour, minute, zone):
    assert extract_text(f"Trading halted at {hour:02d}{minute:02d} {zone} on Friday.") == []


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["goals per game", "points a match", "children on average"]),
)
def test_rates_and_averages_keep_their_decimals(head, tail):
    text = f"The side averaged {head}.125 {tail} last season."
    (figure,) = extract_text(text)
    assert figure.low == float(f"{head}.125")
    assert "ambiguous_separator" not in figure.flags


@given(
    st.integers(min_value=2, max_value=99_999),
    st.lists(st.sampled_from(["social", "housing", "new", "charging", "digital", "rural"]), max_size=2),
    st.sampled_from(["flats", "points", "teachers", "schools", "workers"]),
    st.sampled_from(["were built", "opened", "arrived last year"]),
)
def test_counted_noun_is_the_chunk_up_to_its_plural_head(n, modifiers, head, rest):
    chunk = " ".join([*modifiers, head])
    text = f"Officials said {n:,} {chunk} {rest}."
    (figure,) = extract_text(text)
    assert figure.noun == chunk
    assert text[figure.start : figure.end] == figure.surface


@given(st.integers(min_value=2, max_value=99_999), st.sampled_from(["arrive", "attended", "left", "goes", "remain"]))
def test_a_verb_after_a_number_is_never_its_noun(n, verb):
    text = f"Officials said {n:,} {verb} each week."
    (figure,) = extract_text(text)
    assert figure.noun == ""


@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_plain_digits_read_as_any_numeral(digits):
    """A run of digits reads the same as the same digits written with space around them."""
    assert parse_digits(digits) == parse_digits(f" {digits} ")


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12))
def test_values_are_rounded_to_ten_significant_digits(value):
    assert _clean(value) == float(f"{value:.10g}")
