"""Fuzzing every file figures reads, through the command line: never a traceback.

Front matter, rule files, the configuration, the verdicts file, the baseline and an
imported worksheet (CSV and XLSX) get arbitrary content, and content built from the
pieces those files are made of. Whatever it is, the run succeeds, reports findings, or
says what is wrong in one line: exit 0, 1 or 2, never "internal error".

Examples are derandomized so every run tries the same ones; about 700 in all.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figures.cli import main
from figures.core.limits import Limits, configure

pytestmark = pytest.mark.fuzz

GOOD = "Officials said 12 people died on 3 March 2022.\n"
FUZZ = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=12),
        st.dates().map(str),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=12,
)


def pieces(*words: str, size: int = 40) -> st.SearchStrategy[str]:
    """Text made of the pieces a file of one kind is made of, in any order."""
    return st.lists(st.sampled_from(words), max_size=size).map("".join)


# The pieces each kind of file is made of, and the odd ones that broke a parser once.
# fmt: off
YAML_PIECES = (
    "key: ", "value", "\n", "  ", "- ", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ",
    "!!binary ", "!!set ", "? ", "|\n", ">\n", "'", '"', "#", "---\n", "...\n", "\t", "1e309", ".nan", ".inf",
    "2022-13-45", "2023-02-30", "0x1F", "9" * 5000, "~", "null", "<<: ", "\\u0000", "\udcff", "\x85", "[" * 1000,
)
TOML_PIECES = (
    "[tool.figures]\n", "[figures]\n", "rules", "baseline", "verdicts", "corpus", "exclude", "fail_on", "format",
    "max_article_mb", "max_sentence_chars", "max_figures_per_sentence", " = ", "\n", '"', "'", "'''", '"""', "[",
    "]", "{", "}", ",", "inf", "nan", "-1", "0", "1e309", "99999999999999999999", "2.5", "true", "#", "/dev/zero",
    "error", "json", "FG301", "x.y", "\\", "[" * 1000,
)
# fmt: on


def nested(head: st.SearchStrategy[str], brackets: tuple[str, ...] = ("[]", "{}")) -> st.SearchStrategy[str]:
    """``head`` followed by brackets nested up to a few thousand deep, closed or not."""
    return st.builds(
        lambda start, pair, depth, closed: start + pair[0] * depth + (pair[1] * depth if closed else "") + "\n",
        head,
        st.sampled_from(brackets),
        st.integers(min_value=1, max_value=3000),
        st.booleans(),
    )


def yaml_documents(keys: tuple[str, ...]) -> st.SearchStrategy[str]:
    """YAML text: arbitrary, pieced together, a well-formed mapping with odd values, or deeply nested."""
    return st.one_of(
        st.text(max_size=200),
        pieces(*YAML_PIECES, *(k + ": " for k in keys)),
        st.dictionaries(st.sampled_from(keys), values, max_size=5).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
        nested(st.sampled_from([k + ": " for k in keys])),
    )


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    configure(Limits())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    yield tmp_path
    configure(Limits())


def _run(args: list[str], allowed: tuple[int, ...] = (0, 1, 2)) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    said = err.getvalue()
    assert code in allowed, (code, said)
    assert "internal error" not in said and "Traceback" not in said, said
    assert said.count("\n") <= 1, said
    if code == 2:
        assert said.startswith("figures: error: "), said
    return code, out.getvalue()


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    st.one_of(
        yaml_documents(("title", "date", "outlet", "url", "tags")),
        pieces("date: ", "title: ", "1e309", ".nan", '"2023-02-30"', "2022-03-01", "\n", "[", "]", "*a", "&a "),
    )
)
def test_any_front_matter_is_read_or_fg001(project, front_matter):
    _write(project / "fm.md", "---\n" + front_matter + "\n---\n" + GOOD)
    # exit 1 is FG001 for the article, or a finding the fuzzed text made
    _, out = _run(["check", "--no-index", "--format", "json", "fm.md", "story.txt"], allowed=(0, 1))
    assert all(f["path"] == "fm.md" for f in json.loads(out))


# fmt: off
RULE_KEYS = (
    "type", "measures", "facts", "entities", "unit", "period", "time", "rates", "pay_floors", "sentence",
    "description", "dimension", "measure", "value", "source", "per", "currency", "min", "tolerance",
    "approx_percent", "share_max", "age_max", "undated_days",
)
# fmt: on
rule_types = st.sampled_from(["measures", "entities", "reference", "consistency", "total", "plausibility"])


@FUZZ
@given(
    st.one_of(
        yaml_documents(RULE_KEYS),
        st.builds(
            lambda t, body: yaml.safe_dump({"type": t, **body}, allow_unicode=True),
            rule_types,
            st.dictionaries(st.sampled_from(RULE_KEYS), values, max_size=4),
        ),
        st.binary(max_size=200),
    )
)
def test_any_rule_file_loads_or_is_one_line(project, text):
    rules = project / "rules"
    rules.mkdir(exist_ok=True)
    _write(rules / "fuzz.yaml", text)
    _run(["rules", "check", "rules"], allowed=(0, 2))


@FUZZ
@given(
    st.one_of(
        st.text(max_size=200),
        pieces(*TOML_PIECES),
        st.binary(max_size=200),
        nested(st.sampled_from(["exclude = ", "x = ", "[tool.figures]\nexclude = "]), ("[]",)),
        nested(st.just("x = "), ("{}",)).map(lambda s: s.replace("{", "{a = ")),
    )
)
def test_any_configuration_loads_or_is_one_line(project, text):
    _write(project / "figures.toml", text)
    (project / "pyproject.toml").unlink(missing_ok=True)
    _run(["check", "--no-index", "story.txt"])


@FUZZ
@given(
    st.one_of(
        yaml_documents(("version", "verdicts", "verdict", "notes", "path")),
        st.builds(
            lambda entries: yaml.safe_dump({"version": 1, "verdicts": entries}, allow_unicode=True),
            st.dictionaries(
                st.text(max_size=10),
                st.one_of(
                    values,
                    st.fixed_dictionaries(
                        {"verdict": st.sampled_from(["confirmed", "incorrect", "needs source", "not a claim", "x"])},
                        optional={"notes": values, "corrected": values, "source": values, "path": values},
                    ),
                ),
                max_size=3,
            ),
        ),
        st.binary(max_size=200),
    )
)
def test_any_verdicts_file_is_honoured_or_one_line(project, text):
    _write(project / "v.yaml", text)
    _run(["check", "--no-index", "story.txt", "--verdicts", "v.yaml"])


baseline_entries = st.lists(
    st.one_of(
        values,
        st.fixed_dictionaries({"path": values, "code": values, "claim": values}),
        st.fixed_dictionaries({"path": st.text(max_size=10), "code": st.text(max_size=6), "claim": st.text()}),
    ),
    max_size=4,
)


@FUZZ
@given(
    st.one_of(
        st.text(max_size=200),
        pieces(
            '{"version": 1, "findings": ',
            "[",
            "]",
            "{",
            "}",
            ",",
            '"',
            "\\",
            "1e400",
            "NaN",
            "9" * 5000,
            ":",
            "[" * 1000,
        ),
        st.builds(lambda v, e: json.dumps({"version": v, "findings": e}), values, baseline_entries),
        nested(st.just('{"version": 1, "findings": ')),
        st.binary(max_size=200),
    )
)
def test_any_baseline_is_honoured_or_one_line(project, text):
    _write(project / "b.json", text)
    _run(["check", "--no-index", "story.txt", "--baseline", "b.json"])


# fmt: off
CSV_PIECES = (
    "ID", "Verdict", "Notes", "Article", "Corrected value", ",", ";", "\n", "\r\n", '"', "confirmed", "incorrect",
    "needs source", "yes", "=1+1", "'=1+1", "\x00", "\ufeff", "x" * 140_000, "abc123", " ",
)
# fmt: on


@FUZZ
@given(st.one_of(st.text(max_size=200), pieces(*CSV_PIECES), st.binary(max_size=200)))
def test_any_csv_worksheet_imports_or_is_one_line(project, text):
    _write(project / "ws.csv", text)
    _run(["worksheet", "--import", "ws.csv"], allowed=(0, 2))


@pytest.fixture(scope="module")
def worksheet_parts(tmp_path_factory) -> dict[str, bytes]:
    """The parts of a real worksheet, to damage one at a time."""
    folder = tmp_path_factory.mktemp("worksheet")
    (folder / "a.md").write_text("---\ndate: 2023-01-04\n---\n" + GOOD, encoding="utf-8")
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["worksheet", str(folder / "a.md"), "-o", str(folder / "ws.xlsx")]) == 0
    with zipfile.ZipFile(folder / "ws.xlsx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@settings(FUZZ, max_examples=60)
@given(st.data())
def test_any_damage_to_an_xlsx_worksheet_imports_or_is_one_line(project, worksheet_parts, data):
    names = sorted(worksheet_parts)
    damaged = data.draw(st.sampled_from(names))
    body = worksheet_parts[damaged]
    at = data.draw(st.integers(min_value=0, max_value=len(body)))
    cut = data.draw(st.integers(min_value=0, max_value=64))
    patch = data.draw(st.one_of(st.binary(max_size=32), st.sampled_from([b"<", b"&", b'"', b"<!ENTITY", b"\x00"])))
    dropped = data.draw(st.sets(st.sampled_from(names), max_size=1))
    with zipfile.ZipFile(project / "ws.xlsx", "w") as archive:
        for name in names:
            if name in dropped:
                continue
            part = body[:at] + patch + body[at + cut :] if name == damaged else worksheet_parts[name]
            archive.writestr(name, part)
    _run(["worksheet", "--import", "ws.xlsx"], allowed=(0, 2))
