"""The pre-commit setups the README documents, run with pre-commit itself in a scratch repository."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GIT = shutil.which("git")
pytestmark = [pytest.mark.precommit, pytest.mark.skipif(GIT is None, reason="git is not installed")]
pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install -e '.[test]'")

A = "---\ndate: 2023-10-01\n---\nTajik mercenaries face up to 20 years in prison.\n"
B = "---\ndate: 2023-10-01\n---\nIn Tajikistan, mercenaries face five to 12 years in prison.\n"
# Were the README or a rule file read as an article, its figure would conflict too, under its own name.
README = "# Desk\n\nTajik mercenaries face up to 30 years in prison.\n"
# A fixed date makes a commit's id depend on its content only, so pre-commit reuses a hook environment.
FIXED = {"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}


def readme_snippet(marker: str, language: str = "yaml") -> str:
    """The README's ```yaml (or other) block that contains ``marker``: the documentation is what is tested."""
    pattern = rf"```{language}\n(.*?)```"
    blocks = re.findall(pattern, (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    found = [b for b in blocks if marker in b]
    assert len(found) == 1, f"README.md should have one {language} block with {marker!r}"
    return found[0]


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **FIXED, "GIT_CONFIG_GLOBAL": os.devnull}
    cmd = [GIT, "-c", "user.name=figures", "-c", "user.email=figures@example.org", "-c", "init.defaultBranch=main"]
    return subprocess.run([*cmd, *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def desk(folder: Path, config: str) -> Path:
    """A newsroom repository: two articles that disagree, a README, the example rules, a pre-commit config."""
    folder.mkdir()
    git("init", "-q", cwd=folder)
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", folder / "rules")
    (folder / "stories").mkdir()
    (folder / "stories" / "a.md").write_text(A, encoding="utf-8")
    (folder / "b.md").write_text(B, encoding="utf-8")
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git("add", "-A", cwd=folder)
    return folder


def pre_commit(repo: Path, home: Path, **env: str) -> subprocess.CompletedProcess:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # figures on PATH
    full = {**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull, **env}
    full.pop("PRE_COMMIT_NO_CONCURRENCY", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=full,
        timeout=1200,
    )


def assert_conflict_found_in_articles_only(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "figures check" in out and "Failed" in out
    conflicts = [line for line in out.splitlines() if " FG301 error prison term for mercenaries (Tajikistan)" in line]
    assert len(conflicts) == 1
    assert conflicts[0].startswith("stories/a.md:4:24: ") and "(b.md:4:33)" in conflicts[0]
    assert "1 finding in 2 articles" in out  # README.md and the rules' YAML files were not read
    assert "README.md" not in out and "rules/" not in out


def test_the_readme_local_hook_reports_a_conflict_between_files(tmp_path):
    repo = desk(tmp_path / "desk", readme_snippet("repo: local"))
    assert_conflict_found_in_articles_only(pre_commit(repo, tmp_path / "cache"))


def test_require_serial_makes_one_run_of_every_file(tmp_path):
    """Why the snippet has require_serial: without it pre-commit gives each process a batch of files,
    and two articles in different batches are never compared."""
    snippet = readme_snippet("repo: local")
    assert "require_serial: true" in snippet
    runs = {}
    for serial in ("true", "false"):
        repo = desk(tmp_path / f"desk-{serial}", snippet.replace("require_serial: true", f"require_serial: {serial}"))
        for n in range(8):
            (repo / "stories" / f"council-{n}.md").write_text("The council met on Monday.\n", encoding="utf-8")
        git("add", "-A", cwd=repo)
        # pre-commit makes one batch per core, of at least four files; TRAVIS makes it two on any machine
        runs[serial] = pre_commit(repo, tmp_path / "cache", TRAVIS="1").stdout
    assert re.findall(r"in (\d+) articles", runs["true"]) == ["10"]
    assert re.findall(r"in (\d+) articles", runs["false"]) == ["5", "5"]


def package_digest() -> str:
    """A digest of what a hook environment installs: the package's files and its metadata."""
    digest = hashlib.sha256()
    files = [ROOT / "pyproject.toml", ROOT / ".pre-commit-hooks.yaml", *sorted((ROOT / "figures").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def hook_repository(home: Path) -> tuple[str, str]:
    """The README's hook-repository snippet, with its repository URL pointing at a clone of this tree
    tagged with the release tag the snippet names; the snippet's ``rev`` is kept as written."""
    snippet = readme_snippet("rev:")
    (url,) = re.findall(r"repo: (\S+)", snippet)
    (rev,) = re.findall(r"rev: (\S+)", snippet)
    # pre-commit keeps a hook environment by repository and rev, not by content: the clone's path
    # names the package's content, so an unchanged package reuses the environment it built (as a
    # user's does) and a changed one, in this tree or another on the machine, gets its own.
    hooks = home / f"figures-hooks-{package_digest()}"
    shutil.rmtree(hooks, ignore_errors=True)
    hooks.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hooks / name)
    shutil.copytree(ROOT / "figures", hooks / "figures", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git("init", "-q", cwd=hooks)
    git("add", "-A", cwd=hooks)
    git("commit", "-q", "-m", "figures", cwd=hooks)
    git("tag", rev, cwd=hooks)
    return snippet.replace(f"repo: {url}", f"repo: {hooks}"), rev


def test_the_hook_repository_form_installs_and_reports(tmp_path):
    """``repo:`` a clone at the release tag ``rev:`` names: pre-commit installs figures with pip from it."""
    home = Path(tempfile.gettempdir()) / "figures-test-pre-commit"
    config, rev = hook_repository(home)
    assert re.fullmatch(r"v\d+\.\d+\.\d+", rev)  # a tag a release makes (docs/releasing.md)
    repo = desk(tmp_path / "desk", config)
    result = pre_commit(repo, home)
    if result.returncode not in (0, 1) or "An unexpected error" in result.stdout + result.stderr:
        pytest.skip(f"pre-commit could not install the hook environment (offline?): {result.stdout[-300:]}")
    assert_conflict_found_in_articles_only(result)


def newsroom(folder: Path, config: str, corpus: bool = True) -> Path:
    """A newsroom repository with a committed archive, the README's configuration naming it as the
    corpus (unless ``corpus`` is off), the hook installed, and a new story staged that contradicts it."""
    folder.mkdir()
    git("init", "-q", cwd=folder)
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", folder / "rules")
    (folder / "archive").mkdir()
    (folder / "archive" / "b.md").write_text(B, encoding="utf-8")
    if corpus:
        (folder / "pyproject.toml").write_text(
            readme_snippet("# pre-commit checks each staged article", "toml"), encoding="utf-8"
        )
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git("add", "-A", cwd=folder)
    git("commit", "-qm", "the archive", cwd=folder)
    (folder / "stories").mkdir()
    (folder / "stories" / "a.md").write_text(A, encoding="utf-8")
    git("add", "stories/a.md", cwd=folder)
    return folder


def commit(repo: Path, home: Path) -> subprocess.CompletedProcess:
    """``git commit`` with the hook pre-commit installs, as a reporter runs it."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # figures on PATH
    env = {**os.environ, **FIXED, "PATH": path, "PRE_COMMIT_HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull}
    env.pop("PRE_COMMIT_NO_CONCURRENCY", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True, env=env)
    cmd = [GIT, "-c", "user.name=figures", "-c", "user.email=figures@example.org", "commit", "-m", "new story"]
    return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env, timeout=1200)


def assert_refused_against_the_archive(repo: Path, result: subprocess.CompletedProcess) -> None:
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    conflicts = [line for line in out.splitlines() if " FG301 error " in line]
    assert len(conflicts) == 1 and conflicts[0].startswith("stories/a.md:4:24: "), out
    assert "(archive/b.md:4:33)" in conflicts[0]
    assert git("rev-list", "--count", "HEAD", cwd=repo).strip() == "1"  # the commit was refused


def test_a_staged_story_that_contradicts_the_archive_is_refused_by_the_local_hook(tmp_path):
    repo = newsroom(tmp_path / "desk", readme_snippet("repo: local"))
    assert_refused_against_the_archive(repo, commit(repo, tmp_path / "cache"))


def test_without_the_corpus_in_the_configuration_the_staged_story_is_checked_alone(tmp_path):
    """Why the README names the corpus: pre-commit passes only the staged story."""
    repo = newsroom(tmp_path / "desk", readme_snippet("repo: local"), corpus=False)
    result = commit(repo, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_staged_story_that_contradicts_the_archive_is_refused_by_the_hook_repository(tmp_path):
    home = Path(tempfile.gettempdir()) / "figures-test-pre-commit"
    config, _ = hook_repository(home)
    repo = newsroom(tmp_path / "desk", config)
    result = commit(repo, home)
    if result.returncode not in (0, 1) or "An unexpected error" in result.stdout + result.stderr:
        pytest.skip(f"pre-commit could not install the hook environment (offline?): {result.stdout[-300:]}")
    assert_refused_against_the_archive(repo, result)
