"""The word lists of ``figures/data/claim_words.yaml`` and ``figures/data/context_words.yaml``: each
has its cases, each file keeps its schema, and a broken file is one line that names it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from figures.checks.matching import DEFAULT_THRESHOLD, evidence
from figures.context import build_claims, words
from figures.context import time as timectx
from figures.core.errors import RuleFileError
from figures.extract import extract_text
from figures.model import Article
from figures.rules.loader import load_rulebook

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]


def _schema() -> dict:
    return json.loads(words.SCHEMA_FILE.read_text(encoding="utf-8"))


def _real() -> dict:
    return yaml.safe_load(words.WORDS_FILE.read_text(encoding="utf-8"))


def _context_schema() -> dict:
    return json.loads(timectx.SCHEMA_FILE.read_text(encoding="utf-8"))


def _context_real() -> dict:
    return yaml.safe_load(timectx.WORDS_FILE.read_text(encoding="utf-8"))


def test_every_list_has_a_case():
    named: set[str] = set()
    # the lists the consistency check reads have their cases among the check's
    for path in [*sorted(CASES.glob("*.yaml")), ROOT / "tests" / "checks" / "cases" / "consistency.yaml"]:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict):
                named.update(case.get("lists", ()))
    lists = set(_schema()["properties"]) | set(_context_schema()["properties"])
    assert not set(_schema()["properties"]) & set(_context_schema()["properties"]), "a list name in both files"
    assert sorted(lists - named) == [], "lists with no case naming them"
    assert sorted(named - lists) == [], "cases name lists the word file does not have"


def test_the_word_file_meets_its_schema():
    data = _real()
    jsonschema.validate(data, _schema())  # the full validator agrees with the reader's own check
    assert words.problems(data, _schema()) == []
    assert list(data) == _schema()["required"]  # the schema lists every list, in the file's order


def test_the_context_word_file_meets_its_schema():
    data = _context_real()
    jsonschema.validate(data, _context_schema())
    assert words.problems(data, _context_schema()) == []
    assert list(data) == _context_schema()["required"]
    assert all(p.get("description") for p in _context_schema()["properties"].values()), "a list with no description"


_CONTEXT_BROKEN = [
    ("an unknown list", lambda d: d.update(no_such_list=["word"])),
    ("a missing list", lambda d: d.pop("shift_back")),
    ("a word twice", lambda d: d["shift_back"].append("earlier")),
    ("a capital letter", lambda d: d["weekdays"].append("Monday")),
    ("one form in two classes", lambda d: d["months"]["june"].append("jan")),
]


@pytest.mark.parametrize("change", [c for _, c in _CONTEXT_BROKEN], ids=[n for n, _ in _CONTEXT_BROKEN])
def test_a_broken_context_word_file_is_one_line_naming_it(change, tmp_path):
    data = _context_real()
    change(data)
    path = tmp_path / "context_words.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        timectx.load_words(path)
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)


# A broken word file: what is changed in the real one, and whether JSON Schema can say it too.
_BROKEN = [
    ("an unknown list", lambda d: d.update(no_such_list=["word"]), True),
    ("a missing list", lambda d: d.pop("increment"), True),
    ("an empty list", lambda d: d.update(increment=[]), True),
    ("a capital letter in a list matched ignoring case", lambda d: d["increment"].append("Another"), True),
    ("a word twice", lambda d: d["increment"].append("another"), True),
    ("a number where a word goes", lambda d: d["pronouns"].append(3), True),
    ("a list where classes go", lambda d: d.update(events=["killed"]), True),
    ("a class with a capital letter", lambda d: d["events"].update(Killed=["slain"]), True),
    ("one form in two classes", lambda d: d["events"]["injured"].append("killed"), False),
]


@pytest.mark.parametrize(("change", "schema_says"), [(c, s) for _, c, s in _BROKEN], ids=[n for n, _, _ in _BROKEN])
def test_a_broken_word_file_is_one_line_naming_it(change, schema_says, tmp_path):
    data = _real()
    change(data)
    path = tmp_path / "claim_words.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        words.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    if schema_says:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, _schema())


@pytest.mark.parametrize(
    "text",
    ["increment: [another, an extra\n", "increment: &more [another]\nrecord: *more\n", "- just\n- a list\n"],
    ids=["bad syntax", "an alias", "not a mapping"],
)
def test_a_word_file_that_is_not_lists_is_one_line_naming_it(text, tmp_path):
    path = tmp_path / "claim_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        words.load(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_the_command_line_says_a_broken_word_file_in_one_line(tmp_path):
    broken = tmp_path / "claim_words.yaml"
    broken.write_text(words.WORDS_FILE.read_text(encoding="utf-8") + "\nno_such_list: [word]\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("Annual inflation reached 64.3% in Turkey last month.\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; import figures.context.words as w; "
        f"w.WORDS_FILE = Path({str(broken)!r}); from figures.cli import main; "
        f"sys.exit(main(['claims', {str(article)!r}, '--isolated']))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and str(broken) in run.stderr and "no_such_list" in run.stderr
    assert "Traceback" not in run.stderr


def _matching_cases():
    for case in yaml.safe_load((CASES / "matching.yaml").read_text(encoding="utf-8")):
        yield pytest.param(case, id=case["name"])


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(None)


def _claim(side: dict, path: str, date: str, rulebook):
    text = side["text"]
    claims = build_claims(Article(path, text, date=date), extract_text(text), rulebook)
    found = [c for c in claims if c.figure.surface == side["surface"]]
    assert found, f"no figure {side['surface']!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize("case", list(_matching_cases()))
def test_matching_case(case, rulebook):
    date = str(case["date"])
    a, b = _claim(case["a"], "a.md", date, rulebook), _claim(case["b"], "b.md", date, rulebook)
    assert a.key == b.key, "a case compares two claims of one key"
    got = evidence(a, b, pairs=False)
    assert (got.score >= DEFAULT_THRESHOLD) == case["same"], got
    if "why" in case:
        assert got.why == case["why"]
