"""Linter conventions at the desk: standard input, explain, statistics, quiet, colour, completion,
configuration found in parent folders, one path per --corpus, --force-exclude, JSON Schemas."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from figures.cli import main
from figures.outputs.schemas import names, schema

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ARTICLES = ROOT / "data" / "articles"
NEW = "---\ndate: 2023-10-01\n---\nTajik mercenaries face up to 20 years in prison.\n"
HTML = (
    "<html><head><title>Story</title></head>\n<body>\n<nav>Home | World</nav>\n<article>\n"
    "<p>Tajik mercenaries face up to 20 years in prison, the court said on Monday after a long trial.</p>\n"
    "<p>Officials added more details about the case and the people involved in it over time.</p>\n"
    "</article>\n</body></html>\n"
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def with_rules(folder: Path) -> None:
    """The example story's rule pack in ``folder/rules``, with the rates table inside it."""
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", folder / "rules")


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT, env: dict | None = None):
    """``figures ARGS`` in a new process, as a shell or an editor runs it."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "figures", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
    )


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


# standard input


def test_an_article_on_standard_input_is_named_by_stdin_filename():
    result = run(
        "check", "-", "--stdin-filename", "drafts/new.md", "--corpus", "data/articles", "--no-index", stdin=NEW
    )
    assert result.returncode == 1, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("drafts/new.md:4:24: FG301 error ")
    assert "figures-stdin" not in result.stdout  # the saved copy never shows


def test_the_suffix_of_stdin_filename_picks_the_format():
    page = HTML.replace("<nav>Home | World</nav>", "<nav>Tajik mercenaries face 3 years in prison</nav>")
    common = ("--corpus", "data/articles", "--no-index", "--format", "json")
    as_html = json.loads(run("check", "--stdin-filename", "page.html", *common, stdin=page).stdout)
    as_text = json.loads(run("check", "-", "--stdin-filename", "page.txt", *common, stdin=page).stdout)
    # Either way a finding points at the line and column of the file the user opens; read as HTML the
    # page's menu (line 3) is not article text, read as plain text it is one more conflicting claim.
    assert [(f["path"], f["line"], f["column"]) for f in as_html] == [("page.html", 5, 27)]
    assert [(f["path"], f["line"], f["column"]) for f in as_text] == [("page.txt", 5, 27)]
    assert ("page.html", 3) not in {(r["path"], r["line"]) for r in as_html[0]["related"]}
    assert ("page.txt", 3) in {(r["path"], r["line"]) for r in as_text[0]["related"]}


def test_a_buffer_is_not_compared_with_its_own_saved_file_in_the_corpus():
    name = "data/articles/dw-2023-09-recruitment.md"
    buffer = (ROOT / name).read_text(encoding="utf-8")
    from_stdin = run(
        "check",
        "-",
        "--stdin-filename",
        name,
        "--corpus",
        "data/articles",
        "--format",
        "json",
        "--no-index",
        stdin=buffer,
    )
    from_file = run("check", name, "--corpus", "data/articles", "--format", "json", "--no-index")
    assert from_stdin.stdout == from_file.stdout
    assert json.loads(from_stdin.stdout)  # the other articles still conflict with it


def test_standard_input_leaves_nothing_in_the_index(tmp_path):
    shutil.copytree(ARTICLES, tmp_path / "archive")
    with_rules(tmp_path)
    result = run("check", "-", "--stdin-filename", "new.md", "--corpus", "archive", stdin=NEW, cwd=tmp_path)
    assert result.returncode == 1
    with sqlite3.connect(tmp_path / ".figures" / "index.sqlite") as db:
        paths = [p for (p,) in db.execute("SELECT path FROM files")]
    assert paths and all(p.startswith("archive") for p in paths)


def test_stdin_filename_without_dash_among_other_paths_is_a_usage_error():
    result = run("check", "data/articles", "--stdin-filename", "new.md", stdin=NEW)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pass '-'" in result.stderr


# --force-exclude


@pytest.fixture
def project(tmp_path):
    """Two conflicting articles, one under drafts/, a README and a configuration that excludes drafts."""
    with_rules(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "a.md").write_text(NEW, encoding="utf-8")
    (tmp_path / "drafts" / "b.md").write_text(
        "---\ndate: 2023-10-01\n---\nIn Tajikistan, mercenaries face five to 12 years in prison.\n", encoding="utf-8"
    )
    (tmp_path / "README.md").write_text(NEW, encoding="utf-8")
    (tmp_path / "figures.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    return tmp_path


def test_explicit_files_are_checked_unless_force_exclude(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["check", "a.md", "drafts/b.md", "--no-index"]) == 1
    assert "drafts/b.md" in capsys.readouterr().out
    assert main(["check", "a.md", "drafts/b.md", "README.md", "--force-exclude", "--no-index"]) == 0
    assert capsys.readouterr().out == "no findings in 1 article\n"


def test_force_exclude_applies_to_stdin_filename(project):
    result = run("check", "--stdin-filename", "drafts/new.md", "--force-exclude", "--no-index", stdin=NEW, cwd=project)
    assert (result.returncode, result.stdout) == (0, "no findings in 0 articles\n")


# --corpus


def test_corpus_takes_one_path_per_flag(tmp_path, capsys):
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(NEW.replace("Tajik", "Uzbek").replace("20 years", "15 years"), encoding="utf-8")
    code = main(
        ["check", str(tmp_path / "new.md"), "--corpus", "data/articles", str(other), "--format", "json", "--no-index"]
    )
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {f["path"] for f in findings} == {str(tmp_path / "new.md"), str(other)}  # other.md is checked, not corpus


def test_corpus_flags_add_up(tmp_path, capsys):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    shutil.copy(ARTICLES / "dw-2023-09-recruitment.md", tmp_path / "one")
    shutil.copy(ARTICLES / "mt-2022-03-central-asians.md", tmp_path / "two")
    # 25 years: the new story disagrees with an article of each corpus ("five to 12", "up to 20")
    (tmp_path / "new.md").write_text(NEW.replace("20 years", "25 years"), encoding="utf-8")
    argv = ["check", str(tmp_path / "new.md"), "--format", "json", "--no-index"]
    main([*argv, "--corpus", str(tmp_path / "one"), "--corpus", str(tmp_path / "two")])
    related = {Path(r["path"]).parent.name for f in json.loads(capsys.readouterr().out) for r in f["related"]}
    assert related == {"one", "two"}


# configuration in parent folders


def test_configuration_is_found_from_a_sub_folder(tmp_path):
    shutil.copytree(ARTICLES, tmp_path / "archive")
    with_rules(tmp_path)  # the default rules folder is the one beside the file
    (tmp_path / "pyproject.toml").write_text('[tool.figures]\ncorpus = ["archive"]\nfail_on = "never"\n')
    desk = tmp_path / "desk" / "today"
    desk.mkdir(parents=True)
    (desk / "pyproject.toml").write_text('[project]\nname = "not-figures-settings"\n')  # no [tool.figures]: passed over
    (desk / "new.md").write_text(NEW, encoding="utf-8")
    result = run("check", "new.md", "--no-index", cwd=desk)
    assert result.returncode == 0  # fail_on = "never" from the project's root
    # the corpus path in the file is relative to the file
    assert "(../../archive/dw-2023-09-recruitment.md:22:150)" in result.stdout


def test_the_nearest_configuration_wins(tmp_path):
    (tmp_path / "figures.toml").write_text('fail_on = "never"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "figures.toml").write_text('fail_on = "error"\ncorpus = ["../archive"]\nrules = "../rules"\n')
    shutil.copytree(ARTICLES, tmp_path / "archive")
    with_rules(tmp_path)
    (inner / "new.md").write_text(NEW, encoding="utf-8")
    assert run("check", "new.md", "--no-index", cwd=inner).returncode == 1
    assert run("check", "inner/new.md", "--corpus", "archive", "--no-index", cwd=tmp_path).returncode == 0


# explain


def test_explain_prints_title_meaning_example_fix_and_suppression():
    result = run("explain", "fg301")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("FG301: Conflicting claims\n")
    for heading in ("What it does:", "Why it matters:", "Example:", "Fix:", "How to suppress:"):
        assert heading in text
    assert "<!-- figures: ignore FG301 -->" in text


def test_explain_markdown_is_the_page_in_docs():
    result = run("explain", "FG503", "--format", "md")
    assert result.stdout == (ROOT / "docs" / "codes" / "FG503.md").read_text(encoding="utf-8")


def test_explain_json_validates_against_its_schema():
    entry = json.loads(run("explain", "FG002", "--format", "json").stdout)
    jsonschema.validate(entry, schema("explain-json"))
    assert entry["code"] == "FG002" and "cannot silence" in entry["suppress"]


def test_explain_an_unknown_code_is_one_line_and_exit_2():
    result = run("explain", "FG999")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "figures: error: FG999: no such finding code; 'figures codes' lists them all\n"


# statistics, quiet, colour


def test_statistics_count_each_code():
    findings = json.loads((GOLDEN / "check_articles.json").read_text(encoding="utf-8"))
    expected = Counter(f["code"] for f in findings)
    result = run("check", "data/articles", "--statistics", "--no-index")
    assert result.returncode == 1
    rows = result.stdout.splitlines()
    assert {line.split()[1]: int(line.split()[0]) for line in rows[:-1]} == expected
    assert rows[-1].split() == [str(sum(expected.values())), "total"]
    as_json = json.loads(run("check", "data/articles", "--statistics", "--format", "json", "--no-index").stdout)
    jsonschema.validate(as_json, schema("statistics-json"))
    assert {r["code"]: r["count"] for r in as_json} == expected
    assert [r["count"] for r in as_json] == sorted(expected.values(), reverse=True)


def test_quiet_prints_only_findings_and_qq_nothing():
    full = run("check", "data/articles", "--no-index").stdout
    quiet = run("check", "data/articles", "-q", "--no-index")
    assert quiet.returncode == 1
    assert quiet.stdout == "".join(full.splitlines(keepends=True)[:-1])  # all but the summary
    silent = run("check", "data/articles", "-qq", "--no-index")
    assert (silent.returncode, silent.stdout, silent.stderr) == (1, "", "")
    missing = run("check", "no-such-folder", "-qq", "--no-index")
    assert (missing.returncode, missing.stdout, missing.stderr) == (2, "", "")


def test_colour_only_when_asked_or_on_a_terminal():
    plain = run("check", "data/articles", "--no-index").stdout  # piped: no colour
    assert "\x1b[" not in plain
    forced = run("check", "data/articles", "--no-index", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;31mFG301\x1b[0m" in forced
    assert ANSI.sub("", forced) == plain  # colour changes no word
    assert run("check", "data/articles", "--no-index", "--color", "always").stdout == forced
    both = run("check", "data/articles", "--no-index", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert both == plain
    never = run("check", "data/articles", "--no-index", "--color", "never", env={"FORCE_COLOR": "1"}).stdout
    assert never == plain
    json_out = run("check", "data/articles", "--format", "json", "--no-index", "--color", "always").stdout
    assert "\x1b[" not in json_out


def test_colour_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    out = tmp_path / "tty.txt"
    code = (
        "import os, pty, sys\n"
        f"pid, fd = pty.fork()\n"
        f"if pid == 0:\n"
        f"    os.chdir({str(ROOT)!r})\n"
        f"    os.execv(sys.executable, [sys.executable, '-m', 'figures', 'check', 'data/articles', '--no-index'])\n"
        "chunks = []\n"
        "while True:\n"
        "    try:\n"
        "        data = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not data:\n"
        "        break\n"
        "    chunks.append(data)\n"
        "os.waitpid(pid, 0)\n"
        f"open({str(out)!r}, 'wb').write(b''.join(chunks))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=300)
    assert pty and b"\x1b[1;31mFG301\x1b[0m" in out.read_bytes()
    subprocess.run([sys.executable, "-c", code], check=True, env={**env, "NO_COLOR": "1"}, timeout=300)
    assert b"\x1b[" not in out.read_bytes()


# completion


def test_bash_completion_sources_and_completes_subcommands():
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = run("completion", "bash").stdout
    probe = (
        f"{script}\n"
        "COMP_WORDS=(figures ''); COMP_CWORD=1; COMP_LINE='figures '; COMP_POINT=${#COMP_LINE}\n"
        '_shtab_figures; echo "${COMPREPLY[@]}"\n'
        "COMP_WORDS=(figures check --st); COMP_CWORD=2; COMP_LINE='figures check --st'; COMP_POINT=${#COMP_LINE}\n"
        '_shtab_figures; echo "${COMPREPLY[@]}"\n'
        "COMP_WORDS=(figures check data/art); COMP_CWORD=2; COMP_LINE='figures check data/art'\n"
        "COMP_POINT=${#COMP_LINE}\n"
        '_shtab_figures; echo "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run([bash, "--norc", "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0 and result.stderr == ""
    subcommands, options, paths = result.stdout.splitlines()
    assert paths == "data/articles"  # an article path completes as a file name
    assert {"check", "extract", "explain", "report", "completion", "schema"} <= set(subcommands.split())
    assert set(options.split()) == {"--statistics", "--stdin-filename"}


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_subcommand(shell):
    result = run("completion", shell)
    assert result.returncode == 0
    for sub in ("check", "explain", "schema", "completion"):
        assert sub in result.stdout
    program = shutil.which(shell)
    if program and shell == "zsh":
        assert subprocess.run([program, "-n"], input=result.stdout, text=True).returncode == 0


# JSON Schemas


def test_every_json_output_validates_against_its_schema(tmp_path):
    checked = json.loads((GOLDEN / "check_articles.json").read_text(encoding="utf-8"))
    assert checked
    jsonschema.validate(checked, schema("check-json"))
    live = json.loads(run("check", "data/articles", "--format", "json", "--no-index").stdout)
    jsonschema.validate(live, schema("check-json"))
    lines = run("extract", "data/articles", "--format", "jsonl").stdout.splitlines()
    assert len(lines) > 50
    validator = jsonschema.Draft202012Validator(schema("extract-jsonl"))
    for line in lines:
        validator.validate(json.loads(line))
    baseline = tmp_path / "baseline.json"
    run("check", "data/articles", "--write-baseline", str(baseline), "--no-index")
    jsonschema.validate(json.loads(baseline.read_text(encoding="utf-8")), schema("baseline"))
    diff = run(
        "diff",
        "data/articles/mt-2022-03-central-asians.md",
        "data/articles/rewrite-2022-04-central-asians.md",
        "--format",
        "json",
    )
    jsonschema.validate(json.loads(diff.stdout), schema("check-json"))


def test_schemas_are_valid_and_a_wrong_finding_fails():
    for name in names():
        jsonschema.Draft202012Validator.check_schema(schema(name))
    finding = json.loads((GOLDEN / "check_articles.json").read_text(encoding="utf-8"))[0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**finding, "severity": "fatal"}], schema("check-json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{k: v for k, v in finding.items() if k != "related"}], schema("check-json"))


def test_schema_command_prints_one_or_lists_them():
    listing = run("schema").stdout.split()
    assert listing == names() and "check-json" in listing
    assert json.loads(run("schema", "check-json").stdout) == schema("check-json")
    assert run("schema", "nope").returncode == 2


def test_schemas_name_every_key_the_outputs_write():
    from figures.model import Finding, Severity
    from figures.outputs.extraction import JSONL_KEYS

    finding = Finding(
        code="FG301", severity=Severity.ERROR, message="m", path="a.md", line=1, column=1, rule="r", check="c"
    )
    check = schema("check-json")["$defs"]["finding"]
    assert set(check["required"]) == set(check["properties"]) == set(finding.to_dict())
    extract = schema("extract-jsonl")
    assert set(extract["required"]) == set(extract["properties"]) == set(JSONL_KEYS)
