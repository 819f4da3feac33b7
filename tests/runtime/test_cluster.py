"""A real Dask cluster: a scheduler and worker processes started apart, in a folder of their own.

A newsroom runs ``dask scheduler`` and ``dask worker`` on its machines and points
``figures check --engine dask --scheduler ADDRESS`` at it from the project's folder.
The workers do not share the client's working folder: relative article paths and the
index must still name the client's files. A worker that dies mid-run has its tasks
run again on another; a cluster that loses every worker ends the run with one line.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.generated import generate

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.dask
distributed = pytest.importorskip("distributed")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}


def _generate(folder: Path, count: int) -> None:
    generate(folder, count)


class Cluster:
    """A scheduler and its workers, each a process of its own started in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.scheduler = self._start("scheduler", "--scheduler-file", str(self.file), "--port", "0")
        self.workers: list[subprocess.Popen] = []

    def _start(self, *argv: str) -> subprocess.Popen:
        dask = Path(sys.executable).parent / "dask"
        log = open(self.folder / f"{argv[0]}-{time.monotonic_ns()}.log", "wb")  # noqa: SIM115 - the process holds it
        return subprocess.Popen(
            [str(dask), *argv, "--no-dashboard"], cwd=self.folder, env=_env(), stdout=log, stderr=log
        )

    def add_worker(self) -> subprocess.Popen:
        worker = self._start(
            "worker", "--scheduler-file", str(self.file), "--nthreads", "1", "--no-nanny", "--death-timeout", "30"
        )
        self.workers.append(worker)
        return worker

    @property
    def address(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                return json.loads(self.file.read_text(encoding="utf-8"))["address"]
            except (OSError, ValueError, KeyError):
                time.sleep(0.2)
        pytest.fail("the scheduler never started")

    def wait_for_workers(self, count: int) -> None:
        with distributed.Client(self.address, timeout=60) as client:
            client.wait_for_workers(count, timeout=120)

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    elsewhere = tmp_path / "cluster"
    elsewhere.mkdir()
    started = Cluster(elsewhere)
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    _generate(folder / "archive", 120)
    return folder


def _check(project: Path, *argv: str, output: str = "findings.json") -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "figures", "check", "archive", "--isolated", "--format", "json", "-o", output]
    return subprocess.run(
        [*command, *argv], cwd=project, env=_env(), capture_output=True, text=True, timeout=900, check=False
    )


def _started(project: Path, *argv: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "figures", "check", "archive", "--isolated", "--format", "json"]
    return subprocess.Popen(
        [*command, "-o", "findings.json", *argv],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _when_reading(address: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    """Wait until the run's batches are running on the workers."""
    with distributed.Client(address, timeout=60) as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any("read_batch" in key for tasks in client.processing().values() for key in map(str, tasks)):
                return
            if proc.poll() is not None:
                pytest.fail(f"the run ended before any batch ran: {proc.stderr.read()}")
            time.sleep(0.05)
    pytest.fail("no batch ever ran on the cluster")


def test_a_cluster_whose_workers_run_elsewhere_finds_what_one_process_finds(cluster, project):
    cluster.add_worker()
    cluster.add_worker()
    cluster.wait_for_workers(2)
    alone = _check(project, "--jobs", "1", "--no-index", output="alone.json")
    assert alone.returncode == 1, alone.stderr
    expected = (project / "alone.json").read_text(encoding="utf-8")
    assert '"FG301"' in expected
    on_dask = ["--engine", "dask", "--scheduler", cluster.address]
    for run in ("no index", "builds the index", "reads the index"):
        extra = ["--no-index"] if run == "no index" else []
        done = _check(project, *on_dask, *extra)
        assert done.returncode == 1, f"{run}: {done.stderr}"
        assert "warning" not in done.stderr, f"{run}: {done.stderr}"
        assert (project / "findings.json").read_text(encoding="utf-8") == expected, run
    assert (project / ".figures" / "index.sqlite").is_file()
    assert not (cluster.folder / ".figures").exists()  # the workers read the client's index, never their own


def _doubled(task: int, rulebook: object) -> int:
    """A task for the workers: they import it from this module (the test's folder is on their path)."""
    return 2 * task


def test_a_run_goes_on_when_the_only_worker_holding_its_rulebook_dies(cluster):
    """The rulebook goes to every worker, but Dask keeps only the copies its tasks still need there: the one
    worker left holding it may be the one that dies, and the run's tasks then have none. They get it again."""
    from figures.rules.loader import load_rulebook
    from figures.runtime.parallel import Runner

    cluster.add_worker()
    cluster.add_worker()
    cluster.wait_for_workers(2)
    tasks = list(range(40))
    with Runner(engine="dask", scheduler=cluster.address) as runner, distributed.Client(cluster.address) as watch:
        results = runner.map(_doubled, tasks, load_rulebook(None))
        got = [next(results)]  # the first tasks are in, the rest wait until asked for
        holders = _once_held_by_one(watch, "Rulebook-")
        os.kill(watch.run(os.getpid, workers=holders)[holders[0]], signal.SIGKILL)
        got += list(results)
    assert got == [2 * t for t in tasks]


def _once_held_by_one(client, prefix: str) -> list[str]:
    """The worker holding the data whose key starts with ``prefix``, once only one holds it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        held = [list(w) for key, w in client.who_has().items() if str(key).startswith(prefix)]
        if len(held) == 1 and len(held[0]) == 1:
            return held[0]
        time.sleep(0.2)
    pytest.fail(f"{prefix} never came to be held by one worker alone")


@pytest.mark.slow
def test_a_worker_killed_mid_run_changes_nothing(cluster, project, tmp_path):
    _generate(project / "archive" / "more", 1500)
    cluster.add_worker()
    doomed = cluster.add_worker()
    cluster.wait_for_workers(2)
    alone = _check(project, "--jobs", "1", "--no-index", output="alone.json")
    assert alone.returncode == 1, alone.stderr
    run = _started(project, "--engine", "dask", "--scheduler", cluster.address, "--no-index")
    _when_reading(cluster.address, run)
    doomed.kill()
    _, err = run.communicate(timeout=900)
    assert run.returncode == 1, err
    assert (project / "findings.json").read_bytes() == (project / "alone.json").read_bytes()


@pytest.mark.slow
def test_a_cluster_that_loses_every_worker_says_so_in_one_line(cluster, project):
    _generate(project / "archive" / "more", 1500)
    only = cluster.add_worker()
    cluster.wait_for_workers(1)
    run = _started(project, "--engine", "dask", "--scheduler", cluster.address, "--no-index")
    _when_reading(cluster.address, run)
    only.kill()
    _, err = run.communicate(timeout=900)
    assert run.returncode == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("figures: error: ")
    assert "lost its workers" in lines[0] and cluster.address in lines[0]
    assert "internal error" not in err and "Traceback" not in err
    assert not (project / "findings.json").exists()


def test_a_scheduler_that_cannot_be_reached_is_one_line(project):
    env = {**_env(), "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    nowhere = ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    command = [sys.executable, "-m", "figures", "check", "archive", *nowhere]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("figures: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert "--scheduler" in done.stderr
