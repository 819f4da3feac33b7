"""figures server: the editor's check of a buffer, its hover and its suppression action, as plain functions."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from figures.cli import main
from figures.cli.config import load_config
from figures.cli.server import (
    Rechecks,
    buffer_findings,
    finding_range,
    hover_text,
    open_desk,
    source_of,
    suppression_edit,
    workspace_root,
)

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "central-asia" / "rules"
OLD = "---\ndate: 2023-10-02\noutlet: Steppe Daily\n---\nIn Tajikistan, mercenaries face five to 12 years in prison.\n"
DRAFT = "---\ndate: 2023-10-01\n---\nA calm opening line.\n\nTajik mercenaries face up to 20 years in prison.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "b.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "figures.toml").write_text(f'corpus = ["archive"]\nrules = "{RULES.as_posix()}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cli_json(path: str) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "figures", "check", path, "--format", "json", "--no-index"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    return json.loads(out.stdout)


def test_a_buffer_gets_the_findings_figures_check_gives_its_file(project):
    (project / "new.md").write_text(DRAFT, encoding="utf-8")
    desk = open_desk(load_config(None))
    try:
        found = buffer_findings(desk, "new.md", DRAFT)
    finally:
        desk.close()
    expected = _cli_json("new.md")
    assert [f.to_dict() for f in found] == expected
    assert [f.code for f in found] == ["FG301"]


def test_the_buffer_is_checked_not_the_file_on_disk(project):
    (project / "new.md").write_text("---\ndate: 2023-10-01\n---\nNothing to see.\n", encoding="utf-8")
    desk = open_desk(load_config(None))
    try:
        assert [f.code for f in buffer_findings(desk, "new.md", DRAFT)] == ["FG301"]
        assert buffer_findings(desk, "new.md", "---\ndate: 2023-10-01\n---\nNothing to see.\n") == []
    finally:
        desk.close()
    assert (project / "new.md").read_text(encoding="utf-8").endswith("Nothing to see.\n")  # never written


def test_an_edited_corpus_article_is_not_compared_with_its_own_saved_version(project):
    edited = OLD.replace("five to 12", "three to 8")
    desk = open_desk(load_config(None))
    try:
        found = buffer_findings(desk, "archive/b.md", edited)
    finally:
        desk.close()
    assert [f for f in found if f.related and f.related[0].path.endswith("b.md")] == []


def test_a_finding_range_is_zero_based_and_spans_the_figure(project):
    desk = open_desk(load_config(None))
    try:
        (finding,) = buffer_findings(desk, "new.md", DRAFT)
    finally:
        desk.close()
    line = DRAFT.split("\n")[finding.line - 1]
    start_line, start, end_line, end = finding_range(finding)
    assert start_line == end_line == 5
    assert line[start:end] == finding.surface


def test_hover_on_a_disagreeing_figure_names_the_other_sources(project):
    desk = open_desk(load_config(None))
    try:
        findings = buffer_findings(desk, "new.md", DRAFT)
    finally:
        desk.close()
    _, start, _, end = finding_range(findings[0])
    text = hover_text(findings, 5, (start + end) // 2, source_of)
    assert text is not None
    assert 'archive/b.md:5 "five to 12 years"' in text
    assert "Steppe Daily" in text and "2023-10-02" in text and "FG301" in text
    assert hover_text(findings, 5, 0, source_of) is None  # the start of the line holds no figure
    assert hover_text(findings, 3, start, source_of) is None


def test_hover_says_when_a_source_names_no_outlet_or_date():
    from figures.model import Finding, Location, Severity

    finding = Finding(
        "FG301", Severity.ERROR, "differs", "a.md", 1, 1, "r", "consistency", surface="5", end_line=1, end_column=2
    )
    finding = finding.__class__(**{**finding.__dict__, "related": (Location("gone.md", 3, 1, "6"),)})
    text = hover_text([finding], 0, 0, lambda path: ("", ""))
    assert text is not None and 'gone.md:3 "6"' in text and "no outlet" in text and "no date" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tajik mercenaries face up to 20 years.", (38, " <!-- figures: ignore FG301 -->")),
        ("Ends with a space ", (18, "<!-- figures: ignore FG301 -->")),
        ("", (0, "<!-- figures: ignore FG301 -->")),
        ("A figure, 5. <!-- figures: ignore FG302 -->", (39, " FG301")),
        ("A figure, 5. <!--figures: ignore FG302-->  ", (38, " FG301")),
    ],
)
def test_the_suppression_edit_goes_at_the_end_of_the_line(line, expected):
    assert suppression_edit(line, "FG301") == expected


def test_the_suppression_edit_silences_the_finding(project):
    desk = open_desk(load_config(None))
    try:
        (finding,) = buffer_findings(desk, "new.md", DRAFT)
        lines = DRAFT.split("\n")
        column, text = suppression_edit(lines[finding.line - 1], finding.code)
        target = lines[finding.line - 1]
        lines[finding.line - 1] = target[:column] + text + target[column:]
        assert buffer_findings(desk, "new.md", "\n".join(lines)) == []
    finally:
        desk.close()


def test_without_the_server_extra_one_line_names_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    assert main(["server"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "news-figures[server]" in err[0]


def _message(body: dict) -> bytes:
    data = json.dumps(body).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def _read_message(stream) -> dict:
    length = 0
    while True:
        header = stream.readline()
        assert header, "the server closed its output"
        if header == b"\r\n":
            break
        if header.lower().startswith(b"content-length:"):
            length = int(header.split(b":")[1])
    return json.loads(stream.read(length))


@contextlib.contextmanager
def _server_over_stdio(started_in: Path | None, initialize: dict, document: dict) -> Iterator[subprocess.Popen]:
    """``figures server`` started in ``started_in``, initialised and with ``document`` open; shut down on leaving."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "figures", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=started_in,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    watchdog = threading.Timer(120, proc.kill)  # a server that never answers fails the test, not the run
    watchdog.start()
    try:
        proc.stdin.write(_message({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": initialize}))
        proc.stdin.write(_message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        proc.stdin.write(
            _message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
        )
        yield proc
        proc.stdin.write(_message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.write(_message({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.flush()
        assert proc.wait(timeout=30) == 0
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()


def _diagnostics_over_stdio(started_in: Path, initialize: dict, uri: str) -> dict:
    """Start ``figures server`` in ``started_in``, open ``DRAFT`` as ``uri``; the first diagnostics it publishes."""
    document = {"uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}
    with _server_over_stdio(started_in, initialize, document) as proc:
        proc.stdin.flush()
        message = _read_message(proc.stdout)
        while message.get("method") != "textDocument/publishDiagnostics":
            message = _read_message(proc.stdout)
    return message


@pytest.mark.e2e
def test_the_server_publishes_diagnostics_over_stdio(project):
    pytest.importorskip("pygls")
    uri = (project / "new.md").as_uri()
    message = _diagnostics_over_stdio(project, {"capabilities": {}}, uri)
    (diagnostic,) = message["params"]["diagnostics"]
    assert message["params"]["uri"] == uri
    assert diagnostic["code"] == "FG301" and diagnostic["severity"] == 1 and diagnostic["source"] == "figures"
    assert diagnostic["range"]["start"]["line"] == 5


@pytest.mark.e2e
@pytest.mark.parametrize("named_by", ["rootUri", "workspaceFolders"])
def test_the_workspace_root_decides_the_configuration_and_the_index(project, tmp_path_factory, named_by):
    """An editor that starts the server in another folder still gets the project's corpus, rules and index."""
    pytest.importorskip("pygls")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    root = project.as_uri()
    initialize = {"capabilities": {}, "rootUri": root if named_by == "rootUri" else None}
    if named_by == "workspaceFolders":
        initialize["workspaceFolders"] = [{"uri": root, "name": "project"}]
    message = _diagnostics_over_stdio(elsewhere, initialize, (project / "new.md").as_uri())
    assert [d["code"] for d in message["params"]["diagnostics"]] == ["FG301"]  # the configuration's corpus
    assert (project / ".figures").is_dir() and not (elsewhere / ".figures").exists()


def test_workspace_root_takes_the_first_folder_then_the_root_uri(tmp_path):
    types = pytest.importorskip("lsprotocol.types")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    folders = [types.WorkspaceFolder(uri=(tmp_path / "a").as_uri(), name="a")]
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=(tmp_path / "b").as_uri(), workspace_folders=folders
    )
    assert workspace_root(params) == tmp_path / "a"
    params = types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=(tmp_path / "b").as_uri())
    assert workspace_root(params) == tmp_path / "b"
    params = types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=None)
    assert workspace_root(params) is None
    gone = types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=(tmp_path / "c").as_uri())
    assert workspace_root(gone) is None  # a folder that is not there: the server stays where it started


def _rechecks(texts: dict[str, str], check, pool, published: list) -> Rechecks:
    return Rechecks(texts.get, check, lambda uri, text, done: published.append((text, done.result())), pool, 0.05)


def test_rapid_edits_are_checked_once_with_the_last_text():
    texts, checked, published = {"u": "v1"}, [], []

    def check(text: str) -> str:
        checked.append(text)
        return text.upper()

    async def typing() -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            rechecks = _rechecks(texts, check, pool, published)
            for version in range(1, 6):
                texts["u"] = f"v{version}"
                rechecks.request("u")
            await rechecks.idle()

    asyncio.run(typing())
    assert checked == ["v5"] and published == [("v5", "V5")]


def test_a_stale_result_is_never_published_over_a_newer_one():
    """The check of v1 is still running when v2 comes in: v1's findings are dropped, v2's published."""
    texts, checked, published = {"u": "v1"}, [], []
    started, release = threading.Event(), threading.Event()

    def check(text: str) -> str:
        checked.append(text)
        if text == "v1":
            started.set()
            release.wait(30)
        return text.upper()

    async def editing() -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            rechecks = _rechecks(texts, check, pool, published)
            rechecks.request("u", delay=0)
            while not started.is_set():
                await asyncio.sleep(0.01)
            texts["u"] = "v2"
            rechecks.request("u")
            release.set()
            await rechecks.idle()

    asyncio.run(editing())
    assert checked == ["v1", "v2"] and published == [("v2", "V2")]


def test_a_closed_document_publishes_nothing_more():
    texts, published = {"u": "v1"}, []

    async def closing() -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            rechecks = _rechecks(texts, str.upper, pool, published)
            rechecks.request("u")
            rechecks.forget("u")
            await rechecks.idle()

    asyncio.run(closing())
    assert published == []


@pytest.mark.e2e
def test_a_burst_of_edits_over_stdio_publishes_the_last_text_and_no_text_between(project):
    """didOpen, then three changes at once: no diagnostics for versions 2 or 3, and the last ones are version 4's."""
    pytest.importorskip("pygls")
    uri = (project / "new.md").as_uri()
    calm = "---\ndate: 2023-10-01\n---\nNothing to see.\n"
    document = {"uri": uri, "languageId": "markdown", "version": 1, "text": calm}
    published = []
    with _server_over_stdio(None, {"capabilities": {}}, document) as proc:
        for version, text in ((2, DRAFT), (3, calm), (4, DRAFT)):
            change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
            proc.stdin.write(_message({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": change}))
        proc.stdin.flush()
        while not published or published[-1]["version"] != 4:
            message = _read_message(proc.stdout)
            if message.get("method") == "textDocument/publishDiagnostics":
                published.append(message["params"])
    assert {p["version"] for p in published} <= {1, 4}  # the open's check, perhaps, then the last edit's
    assert [d["code"] for d in published[-1]["diagnostics"]] == ["FG301"]
