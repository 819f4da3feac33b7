"""``--diff-base REF``: only the findings a change brought, on the lines it added or in the files it touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.newsroom import GIT, PRICES_1, PRICES_2, TERM_NEW, TERM_OLD, git

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(GIT is None, reason="git is not installed")]


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A newsroom repository whose main branch already holds a disagreement on inflation."""
    repo = tmp_path / "desk"
    (repo / "stories").mkdir(parents=True)
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", repo / "rules")
    (repo / "stories" / "prices-1.md").write_text(PRICES_1, encoding="utf-8")
    (repo / "stories" / "prices-2.md").write_text(PRICES_2, encoding="utf-8")
    (repo / "stories" / "term-old.md").write_text(TERM_OLD, encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "archive", cwd=repo)
    git("checkout", "-qb", "story", cwd=repo)
    return repo


def check(repo: Path, *args: str, cwd: Path | None = None, stdin: str | None = None) -> tuple[int, list[dict], str]:
    command = [sys.executable, "-m", "figures", "check", "--no-index", "--format", "json", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_CONFIG_GLOBAL": os.devnull}
    out = subprocess.run(command, cwd=cwd or repo, capture_output=True, text=True, env=env, input=stdin)
    return out.returncode, (json.loads(out.stdout) if out.stdout.strip() else []), out.stderr


def measures(findings: list[dict]) -> set[str]:
    return {f["measure"] or f["message"].split(":")[0] for f in findings if f["code"] == "FG301"}


def test_only_the_disagreement_the_change_brought_is_reported(desk):
    (desk / "stories" / "term-new.md").write_text(TERM_NEW, encoding="utf-8")
    git("add", "-A", cwd=desk)
    git("commit", "-qm", "new story", cwd=desk)
    code, everything, _ = check(desk, "stories")
    assert code == 1 and len(measures(everything)) == 2
    code, changed, err = check(desk, "stories", "--diff-base", "main")
    assert code == 1, err
    assert len(changed) == 1 and changed[0]["code"] == "FG301"
    sides = {changed[0]["path"], *(r["path"] for r in changed[0]["related"])}
    assert sides == {"stories/term-new.md", "stories/term-old.md"}


def test_an_untracked_article_counts_as_added(desk):
    (desk / "stories" / "term-new.md").write_text(TERM_NEW, encoding="utf-8")
    code, changed, _ = check(desk, "stories", "--diff-base", "main")
    assert code == 1 and len(changed) == 1


def test_added_lines_or_whole_changed_files(desk):
    """A paragraph added to an article that already disagreed: its old lines are not the change's, its file is."""
    path = desk / "stories" / "prices-1.md"
    path.write_text(PRICES_1 + "\nThe central bank met on Thursday.\n", encoding="utf-8")
    git("commit", "-qam", "a paragraph", cwd=desk)
    code, added, _ = check(desk, "stories", "--diff-base", "main")
    assert (code, added) == (0, [])
    code, files, _ = check(desk, "stories", "--diff-base", "main", "--filter-mode", "file")
    assert code == 1 and [f["code"] for f in files] == ["FG301"]


def test_a_changed_line_that_disagrees_is_reported(desk):
    path = desk / "stories" / "prices-2.md"
    path.write_text(PRICES_2.replace("57.7%", "58.1%"), encoding="utf-8")
    code, changed, _ = check(desk, "stories", "--diff-base", "main")
    assert code == 1 and [f["code"] for f in changed] == ["FG301"]


def test_from_a_subfolder_the_change_is_found_the_same(desk):
    (desk / "stories" / "term-new.md").write_text(TERM_NEW, encoding="utf-8")
    code, changed, _ = check(desk, ".", "--diff-base", "main", "--rules", "../rules", cwd=desk / "stories")
    assert code == 1 and len(changed) == 1 and changed[0]["path"] in ("term-new.md", "term-old.md")


def test_an_editor_buffer_is_matched_to_the_change_by_the_name_it_is_given(desk):
    (desk / "stories" / "term-new.md").write_text(TERM_OLD, encoding="utf-8")  # saved: agrees; the buffer does not
    buffer = ("-", "--stdin-filename", "stories/term-new.md", "--corpus", "stories", "--diff-base", "main")
    code, changed, err = check(desk, *buffer, stdin=TERM_NEW)
    assert code == 1, err
    assert [f["path"] for f in changed] == ["stories/term-new.md"]


def test_a_base_git_does_not_know_is_one_line_and_exit_2(desk):
    code, _, err = check(desk, "stories", "--diff-base", "no-such-branch")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("figures: error: --diff-base no-such-branch:") and "Traceback" not in err


def test_outside_a_git_repository_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.md").write_text(TERM_NEW, encoding="utf-8")
    code, _, err = check(tmp_path, "a.md", "--diff-base", "main")
    assert code == 2 and err.count("\n") == 1 and "git" in err


def test_the_filter_mode_needs_a_base(desk):
    code, _, err = check(desk, "stories", "--filter-mode", "file")
    assert code == 2 and "--diff-base" in err
