"""A run stopped from outside leaves nothing behind: no worker process, no half-written output.

CI cancels a job with SIGTERM, and a runner that dies outright takes no one with it:
the pool's workers must end with the process that started them, or they keep the
step's output pipe open and the step never ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.generated import generate

psutil = pytest.importorskip("psutil")

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(sys.platform != "linux", reason="process trees are read from /proc")]


def _corpus(folder: Path, count: int) -> Path:
    generate(folder, count)
    return folder


def _start(tmp_path: Path, output: Path) -> psutil.Popen:
    corpus = _corpus(tmp_path / "archive", 600)
    args = [sys.executable, "-m", "figures", "check", str(corpus), "--jobs", "2", "--no-index"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    return psutil.Popen(
        [*args, "--format", "json", "-o", str(output)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _workers(proc, wanted: int = 2, timeout: float = 60) -> list:
    """The pool's worker processes, once the run has started them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = [c for c in proc.children(recursive=True) if c.is_running()]
        if len(children) >= wanted:
            time.sleep(0.5)  # mid-run: the workers have tasks
            return proc.children(recursive=True)
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    pytest.fail("the pool never started")


def _left(children, timeout: float = 5) -> list:
    """The processes still alive (not zombies) after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    alive = children
    while time.monotonic() < deadline:
        alive = []
        for child in children:
            try:
                if child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
                    alive.append(child)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return []
        time.sleep(0.1)
    return alive


@pytest.fixture
def output(tmp_path: Path) -> Path:
    out = tmp_path / "findings.json"
    out.write_text("the previous output\n", encoding="utf-8")
    return out


def _kill(children) -> None:
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


def test_sigterm_during_a_pool_run_ends_the_workers(tmp_path, output):
    proc = _start(tmp_path, output)
    children = _workers(proc)
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        _, err = proc.communicate(timeout=10)  # ends only when no process holds the output pipe
        left = _left(children)
        assert left == [], f"workers left behind: {left}"
    finally:
        _kill(children)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    assert output.read_text(encoding="utf-8") == "the previous output\n"  # never half-written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "findings.json"]


def test_workers_end_when_the_main_process_dies(tmp_path, output):
    proc = _start(tmp_path, output)
    children = _workers(proc)
    try:
        proc.kill()  # no chance to clean up: the workers notice on their own
        proc.wait(timeout=30)
        left = _left(children, timeout=10)
        assert left == [], f"workers left behind: {left}"
    finally:
        _kill(children)
    assert output.read_text(encoding="utf-8") == "the previous output\n"


def test_index_killed_outright_leaves_no_worker_and_no_lock_held(tmp_path):
    corpus = _corpus(tmp_path / "archive", 600)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1", "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    args = [sys.executable, "-m", "figures", "index", str(corpus), "--jobs", "2"]
    proc = psutil.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children = _workers(proc)
    try:
        proc.kill()
        proc.wait(timeout=30)
        left = _left(children, timeout=10)
        assert left == [], f"workers left behind: {left}"
    finally:
        _kill(children)
    again = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0, again.stderr
    assert "waiting" not in again.stderr  # the lock died with the run
    assert "indexed 600 articles" in again.stderr
    assert os.listdir(tmp_path / "tmp") == []


def test_a_pool_worker_killed_outright_ends_the_run_with_one_line(tmp_path, output):
    proc = _start(tmp_path, output)
    children = _workers(proc)
    try:
        children[-1].kill()  # the system's out-of-memory killer does no more
        try:
            _, err = proc.communicate(timeout=120)  # ends, and no worker holds the output pipe
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("the run hung after one of its workers was killed")
        left = _left(children)
        assert left == [], f"workers left behind: {left}"
    finally:
        _kill(children)
    text = err.decode()
    assert proc.returncode == 2, text
    assert text.count("\n") == 1 and text.startswith("figures: error: "), text
    assert "worker process" in text and "internal error" not in text
    assert output.read_text(encoding="utf-8") == "the previous output\n"
