from hypothesis import given
from hypothesis import strategies as st

from figures.ingest.sentences import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = "She has helped them since Feb. 26. He is in Prison No. 6 in St. Petersburg. The U.S. Army left."
    assert texts(text) == [
        "She has helped them since Feb. 26.",
        "He is in Prison No. 6 in St. Petersburg.",
        "The U.S. Army left.",
    ]


def test_blank_line_ends_a_heading():
    assert texts("Captive Audiences\n\nOn September 20 it passed.") == [
        "Captive Audiences",
        "On September 20 it passed.",
    ]


def test_quotes_close_a_sentence():
    assert texts('He said "no." Then he left.') == ['He said "no."', "Then he left."]


@given(st.text(max_size=400))
def test_offsets_slice_the_text(text):
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
