"""``figures server``: a language server that checks an article as it is edited.

An editor sends the text of an open article (Markdown, text or HTML) on every open,
change and save; the server checks that text, never the file on disk, with the
configuration's corpus, rules and codes, through the project's claim index, and
publishes the findings ``figures check FILE`` would print as diagnostics. A hover on a
figure that disagrees with others names them; a code action writes the suppression
comment for a finding at the end of its line.

The workspace the editor opens (its first workspace folder, else ``rootUri``) is the
folder the server works from, as if started there: its configuration and the claim
index at the project's root are the ones used, wherever the editor started the process.
Re-checks are debounced (:class:`Rechecks`): edits in quick succession are checked
once, with the last text, and a result is published only if no newer edit asked for a
check while it ran.

What the server decides lives in plain functions (:func:`buffer_findings`,
:func:`finding_range`, :func:`hover_text`, :func:`suppression_edit`,
:func:`workspace_root`) and :class:`Rechecks`; :func:`serve` only wires them to the
protocol, with pygls, the optional extra ``server``.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figures.api.run import Choices, Engine, Plan, plan_check, run_plan
from figures.cli.common import ExitCode, corpus_without, warning_line
from figures.cli.config import Config, load_config
from figures.cli.options import open_project_index
from figures.core.errors import FiguresError, InputError, UsageError
from figures.ingest import ARTICLE_SUFFIXES
from figures.model import Finding
from figures.rules.records import Rulebook
from figures.runtime.index import ClaimIndex, IndexUnavailable

EXTRA = "news-figures[server]"
# Seconds of quiet after an edit before its check starts: typing makes one check, not one a key.
DEBOUNCE = 0.25
SOURCE = "figures"  # the diagnostics' source, which the code action looks for
# A suppression comment already ending the line: a new code goes into it, before its "-->".
_TRAILING_COMMENT = re.compile(r"<!--\s*figures:\s*ignore\b[^>]*?(\s*-->)\s*$", re.IGNORECASE)


@dataclass
class Desk:
    """What every check of a buffer shares: the check planned from the configuration, and the claim index.

    The plan is ``figures check``'s (:func:`figures.api.run.plan_check`), without a
    baseline or verdicts, which the editor does not apply.
    """

    plan: Plan
    index: ClaimIndex | None = None

    @property
    def config(self) -> Config:
        return self.plan.config

    @property
    def rulebook(self) -> Rulebook:
        return self.plan.rulebook

    @property
    def corpus(self) -> list[str]:
        return list(self.plan.corpus)

    def close(self) -> None:
        """Let the claim index go."""
        if self.index is not None:
            self.index.close()
            self.index = None


def open_desk(config: Config, corpus: list[str] | None = None, rules: str | None = None, index: bool = True) -> Desk:
    """What a server checks buffers with: ``corpus`` and ``rules`` over the configuration's, as ``check`` has them.

    The claim index is the project's (``.figures/`` at its root), opened once for the
    server's life; one that cannot be used costs a warning and the buffers are checked
    without it.
    """
    choices = Choices(
        corpus=None if corpus is None else tuple(corpus), rules=rules, without_baseline=True, without_verdicts=True
    )
    plan = plan_check(choices, config)
    desk = Desk(plan)
    if index:
        try:
            desk.index = open_project_index(config, plan.rulebook, warn=warning_line)
        except IndexUnavailable as err:
            warning_line(err.warning())
    return desk


def _within(path: Path, folder: Path) -> bool:
    return folder == path or folder in path.parents


def _corpus_for(desk: Desk, path: str) -> list[str]:
    """The corpus, without the saved version of the article being edited when it is part of it.

    Only then is a corpus folder walked here; otherwise the engine reads the folder
    through the index, which is what keeps a re-check fast on a large archive.
    """
    target = Path(path).resolve()
    if any(_within(target, Path(raw).resolve()) for raw in desk.corpus):
        return corpus_without(desk.corpus, path, desk.plan.exclude, False)
    return desk.corpus


def buffer_findings(desk: Desk, path: str, text: str) -> list[Finding]:
    """The findings of the article ``path`` whose text is now ``text``, as ``figures check path`` gives them.

    The text is saved in a private temporary folder under the article's name (its
    suffix picks the format) and checked against the corpus by the command's own
    :func:`figures.api.run.run_plan`; the file ``path`` is never read or written.
    """
    from figures.runtime.parallel import Runner

    with tempfile.TemporaryDirectory(prefix="figures-buffer-") as folder:
        saved = Path(folder) / Path(path).name
        saved.write_bytes(text.encode("utf-8"))
        plan = dataclasses.replace(desk.plan, paths=(str(saved),), corpus=tuple(_corpus_for(desk, path)))
        findings, _ = run_plan(plan, Engine(Runner(jobs=1), desk.index), (str(saved), path))
        if desk.index is not None:
            desk.index.forget_missing([folder], [])  # the saved buffer is no article to keep
    return [f for f in findings if f.path == path]


def finding_range(finding: Finding) -> tuple[int, int, int, int]:
    """The finding's span as 0-based (line, column, end line, end column), the end exclusive, in characters."""
    line, column = max(finding.line - 1, 0), max(finding.column - 1, 0)
    if finding.end_line is None or finding.end_column is None:
        return line, column, line, column + max(len(finding.surface), 1)
    return line, column, finding.end_line - 1, finding.end_column - 1


def _covers(finding: Finding, line: int, character: int) -> bool:
    start_line, start, end_line, end = finding_range(finding)
    return (start_line, start) <= (line, character) <= (end_line, end)


def source_of(path: str) -> tuple[str, str]:
    """The outlet and date an article's front matter or page gives; empty when it names none or cannot be read."""
    from figures.ingest import read_article

    try:
        article = read_article(Path(path))
    except InputError:
        return "", ""
    return article.outlet, article.date


def hover_text(
    findings: Iterable[Finding], line: int, character: int, describe: Callable[[str], tuple[str, str]]
) -> str | None:
    """Markdown naming the other sources of each disagreement the figure at (``line``, ``character``) is part of.

    Each source is ``path:line "surface"``, its outlet and date (``describe`` reads them
    from the path); ``None`` when no finding with other sources spans the position.
    """
    parts = []
    for finding in findings:
        if not finding.related or not _covers(finding, line, character):
            continue
        lines = [f"**{finding.code}** {finding.message}", "", "Other sources:"]
        for other in finding.related:
            outlet, date = describe(other.path)
            lines.append(
                f'- `{other.path}:{other.line} "{other.surface}"`, {outlet or "no outlet"}, {date or "no date"}'
            )
        parts.append("\n".join(lines))
    return "\n\n---\n\n".join(parts) if parts else None


def suppression_edit(line_text: str, code: str) -> tuple[int, str]:
    """Where on the line (a 0-based column) and what to insert so that ``code`` is silenced on it.

    A suppression comment that already ends the line takes the code; otherwise
    ``<!-- figures: ignore CODE -->`` goes at the end of the line, after a space.
    """
    existing = _TRAILING_COMMENT.search(line_text)
    if existing:
        return existing.start(1), f" {code}"
    separator = " " if line_text and not line_text[-1].isspace() else ""
    return len(line_text), f"{separator}<!-- figures: ignore {code} -->"


def is_article(path: str) -> bool:
    """Whether the server checks this file: one whose suffix names an article format."""
    return Path(path).suffix.lower() in ARTICLE_SUFFIXES


def shown_path(path: str) -> str:
    """The path as ``figures check`` run from the working folder names it: relative when it is under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith(os.pardir) else relative


def workspace_root(params: Any) -> Path | None:
    """The folder an editor opened, from LSP ``initialize`` parameters; ``None`` when they name no folder.

    The first workspace folder, else ``rootUri``, else the deprecated ``rootPath``: the
    project whose configuration and claim index the server uses.
    """
    from pygls.uris import to_fs_path

    folders = getattr(params, "workspace_folders", None) or []
    uri = folders[0].uri if folders else getattr(params, "root_uri", None)
    path = to_fs_path(uri) if uri else getattr(params, "root_path", None)
    return Path(path) if path and Path(path).is_dir() else None


def rebased(path: str | None, start: Path) -> str | None:
    """A path given relative to the folder the server started in, relative to the working folder now."""
    if path is None or os.path.isabs(path):
        return path
    return os.path.relpath(start / path)


class Rechecks:
    """Checks of each open document, debounced: edits in quick succession make one check, of the last text.

    :meth:`request` asks for a check of a document after ``delay`` seconds of quiet; a
    request not yet started gives way to a newer one. ``snapshot`` reads the document
    when its check starts (so the last text wins), ``check`` runs in ``executor``, and
    ``publish`` gets the finished future only when no newer request came in while it ran:
    a stale result is dropped, never published over a newer one.
    """

    def __init__(
        self,
        snapshot: Callable[[str], Any],
        check: Callable[[Any], Any],
        publish: Callable[[str, Any, Future], None],
        executor: Executor,
        delay: float = DEBOUNCE,
    ) -> None:
        self._snapshot, self._check, self._publish, self._executor = snapshot, check, publish, executor
        self.delay = delay
        self._latest: dict[str, int] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._running: set[Future] = set()

    def request(self, uri: str, delay: float | None = None) -> None:
        """Check ``uri`` after ``delay`` seconds (default :attr:`delay`) with no newer request; call it on the loop."""
        token = self._latest[uri] = self._latest.get(uri, 0) + 1
        self._cancel_timer(uri)
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(self.delay if delay is None else delay, self._start, uri, token)

    def forget(self, uri: str) -> None:
        """Drop the document's pending check and any result still to come (it was closed)."""
        self._cancel_timer(uri)
        self._latest[uri] = self._latest.get(uri, 0) + 1

    def _cancel_timer(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def _start(self, uri: str, token: int) -> None:
        self._timers.pop(uri, None)
        snapshot = self._snapshot(uri)
        if snapshot is None:
            return
        loop = asyncio.get_running_loop()
        future = self._executor.submit(self._check, snapshot)
        self._running.add(future)
        # the result is handled on the loop, where requests are counted and messages sent
        future.add_done_callback(lambda done: loop.call_soon_threadsafe(self._done, uri, token, snapshot, done))

    def _done(self, uri: str, token: int, snapshot: Any, future: Future) -> None:
        self._running.discard(future)
        if self._latest.get(uri) == token:
            self._publish(uri, snapshot, future)

    async def idle(self) -> None:
        """Wait until no check is waiting or running (for a caller that must see the last result)."""
        while self._timers or self._running:
            await asyncio.sleep(0.01)


def _diagnostic(types, finding: Finding, document):
    """The finding as an LSP diagnostic, its range in the client's units (UTF-16 by default)."""
    from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

    start_line, start, end_line, end = finding_range(finding)
    span = ServerTextRange(ServerTextPosition(start_line, start), ServerTextPosition(end_line, end))
    return types.Diagnostic(
        range=document.range_to_client_units(span),
        message=finding.message,
        severity=types.DiagnosticSeverity(_SEVERITIES[finding.severity.value]),
        code=finding.code,
        source=SOURCE,
    )


# Severity values to LSP's DiagnosticSeverity numbers.
_SEVERITIES = {"error": 1, "warning": 2, "info": 3}


@dataclass(frozen=True)
class _Snapshot:
    """A document as its check reads it: its path as ``figures check`` names it, version and text."""

    path: str
    version: int | None
    text: str


class _Session:
    """The server's state: the desk (opened once the workspace is known), the checks, the latest findings."""

    def __init__(self, server, open_desk: Callable[[], Desk], executor: Executor) -> None:
        self.server = server
        self.desk: Desk | None = None
        self.findings: dict[str, list[Finding]] = {}
        self.rechecks = Rechecks(self.snapshot, self.check, self.publish, executor)
        self._open_desk = open_desk
        self._executor = executor
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self, root: Path | None) -> None:
        """Work from the workspace ``root`` and open the desk there, in the thread that runs the checks.

        Every check is queued after the opening, in the one worker thread, which also
        keeps the claim index in one thread.
        """
        if root is not None:
            os.chdir(root)
        self._loop = asyncio.get_running_loop()
        self._executor.submit(self._open)

    def _open(self) -> None:
        try:
            self.desk = self._open_desk()
        except FiguresError as err:  # a broken configuration: say so in the editor and on standard error
            message = f"figures: {err}"
            print(f"figures: error: {err}", file=sys.stderr)
            self._loop.call_soon_threadsafe(self._tell, message)

    def _tell(self, message: str) -> None:
        from lsprotocol import types

        self.server.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))

    def snapshot(self, uri: str) -> _Snapshot | None:
        """The document's text now, when it is an article the server checks."""
        document = self.server.workspace.get_text_document(uri)
        if not document.path or not is_article(document.path):
            return None
        return _Snapshot(shown_path(document.path), document.version, document.source)

    def check(self, snapshot: _Snapshot) -> list[Finding] | None:
        """The findings of a snapshot (in the worker thread); ``None`` without a desk."""
        if self.desk is None:
            return None
        return buffer_findings(self.desk, snapshot.path, snapshot.text)

    def publish(self, uri: str, snapshot: _Snapshot, future: Future) -> None:
        from lsprotocol import types

        try:
            found = future.result()
        except FiguresError as err:  # a bad rule file edited meanwhile: tell the editor, keep serving
            self._tell(f"figures: {err}")
            return
        if found is None:
            return
        self.findings[uri] = found
        document = self.server.workspace.get_text_document(uri)
        diagnostics = [_diagnostic(types, f, document) for f in found]
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=snapshot.version)
        self.server.text_document_publish_diagnostics(params)

    def hover(self, server, params):
        from lsprotocol import types

        document = server.workspace.get_text_document(params.text_document.uri)
        position = document.position_from_client_units(params.position)
        text = hover_text(self.findings.get(params.text_document.uri, []), position.line, position.character, source_of)
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    def code_actions(self, server, params):
        from lsprotocol import types

        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        actions = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
                continue
            line = document.position_from_client_units(diagnostic.range.start).line
            text = document.lines[line].rstrip("\r\n") if line < len(document.lines) else ""
            column, insert = suppression_edit(text, diagnostic.code)
            from pygls.workspace.position_codec import ServerTextPosition

            at = document.position_to_client_units(ServerTextPosition(line, column))
            edit = types.TextEdit(range=types.Range(at, at), new_text=insert)
            actions.append(
                types.CodeAction(
                    title=f"Ignore {diagnostic.code} on this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
        return actions


def serve(open_desk: Callable[[], Desk]) -> None:
    """Serve the language server protocol over standard input and output until the editor says exit.

    ``open_desk`` is called once the editor has named its workspace, from that folder.
    """
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from figures import __version__

    server = LanguageServer("figures", __version__)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="figures-check")
    session = _Session(server, open_desk, executor)

    @server.feature(types.INITIALIZE)
    def initialize(ls, params) -> None:
        session.start(workspace_root(params))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params) -> None:
        session.rechecks.request(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params) -> None:
        session.rechecks.request(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params) -> None:
        session.rechecks.request(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params) -> None:
        session.rechecks.forget(params.text_document.uri)
        session.findings.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls, params):
        return session.hover(ls, params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls, params):
        return session.code_actions(ls, params)

    try:
        server.start_io()
    finally:
        executor.submit(lambda: session.desk and session.desk.close())
        executor.shutdown(wait=True)


def cmd_server(args: argparse.Namespace) -> int:
    try:
        import pygls.lsp.server  # noqa: F401 - only to know it is installed before the server starts
    except ImportError:
        raise UsageError(f"server: the language server needs the 'server' extra: pip install '{EXTRA}'") from None
    start = Path.cwd()

    def desk_in_workspace() -> Desk:
        # paths on the command line were given from the folder the server started in
        corpus = None if args.corpus is None else [rebased(c, start) for c in args.corpus]
        config = load_config(rebased(args.config, start))
        return open_desk(config, corpus, rebased(args.rules, start), index=not args.no_index)

    serve(desk_in_workspace)
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    from figures.cli.options import add_corpus

    p = sub.add_parser("server", help="a language server: check articles in an editor as they are written")
    add_corpus(p)
    p.add_argument("--rules", help="folder of project rule files over the default ones (default: the configuration's)")
    p.add_argument(
        "--config", help="configuration file (default: the nearest figures.toml or pyproject.toml, here or above)"
    )
    p.add_argument(
        "--no-index", action="store_true", help="extract the corpus again on each check; leave .figures/ alone"
    )
    p.set_defaults(func=cmd_server)
