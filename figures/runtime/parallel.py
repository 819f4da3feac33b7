"""Run a run's tasks: in this process, in a local process pool, or on Dask.

:meth:`Runner.map` runs one function over a list of tasks (see :mod:`figures.runtime.tasks`)
and gives the results back in the order of the tasks, so the output is the same
whatever the engine and the number of workers. A window of tasks is in flight at a
time, which bounds the memory of results waiting to be used. A runner used as a
context manager keeps its process pool or Dask client for the whole run.

Pool workers never outlive the run: leaving the runner on an exception (an
interrupt, a SIGTERM turned into one by the command line) ends them at once, and a
worker whose parent died without a word (SIGKILL) notices within a second and ends.
A worker killed outright (the out-of-memory killer) ends the run with one line.

On Dask, a worker that dies mid-run has its tasks run again on the others (the
scheduler's own retries). The rulebook is sent to every worker once, as data the
scheduler cannot make again; Dask keeps only the copies its tasks still need, so the
one worker left holding it may be the one that dies: while workers are left, the
rulebook is sent again and the tasks that lost it are submitted again. A cluster that
loses every worker, or its scheduler, ends the run with a :class:`ClusterError`, one
line that says what happened and what to do.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from figures.core.errors import FiguresError, UsageError
from figures.rules.records import Rulebook

ENGINES = ("local", "dask")
BATCH_FILES = 32
# A pool costs its start-up; below this many files one process is quicker.
POOL_MIN_FILES = 16

# How often a pool worker looks whether the process that started it is still there.
# How long a failed run waits for its pool's manager thread to end once the workers are stopped.
MANAGER_JOIN_SECONDS = 5.0
ORPHAN_CHECK_SECONDS = 0.5

_worker_rulebook: Rulebook | None = None


class ClusterError(FiguresError):
    """The workers could not finish the run: a pool's worker died, a Dask cluster lost its workers or its
    scheduler, or cannot be reached."""


def _init_worker(rulebook: Rulebook) -> None:
    global _worker_rulebook
    _worker_rulebook = rulebook
    # A forked worker inherits the command's SIGTERM handler, which unwinds instead of ending: a worker
    # blocked writing its result to a pool nobody reads any more would then never end, nor the run.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()


def _end_with_parent() -> None:
    """End this worker when its parent is gone.

    An orphaned worker waits forever for a task, holding the pipes it inherited (the
    output of a CI step, which then never ends); a daemon thread watching the parent's
    pid costs nothing while it lives.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="figures-parent-watch", daemon=True).start()


def _call(fn: Callable[[Any, Rulebook], Any], task: Any) -> Any:
    """In a pool worker: the task, with the rulebook the initializer gave this worker."""
    assert _worker_rulebook is not None
    return fn(task, _worker_rulebook)


@dataclass
class Runner:
    """How to run a run's tasks: ``jobs`` processes (0: every core) or a Dask cluster."""

    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    _client: object = field(default=None, init=False, repr=False, compare=False)
    _cluster: object = field(default=None, init=False, repr=False, compare=False)
    _pool: object = field(default=None, init=False, repr=False, compare=False)
    _pool_rulebook: object = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine '{self.engine}'; use one of: {', '.join(ENGINES)}")
        if self.jobs < 0:
            raise UsageError("--jobs must be 0 (every core) or a positive number of processes")
        if self.scheduler and self.engine != "dask":
            raise UsageError("--scheduler needs --engine dask")

    def __enter__(self) -> Runner:
        if self.engine == "dask" and self._client is None:
            self._client, self._cluster = _connect(self.workers, self.scheduler)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            _disconnect(self._client, self._cluster)
            self._client = self._cluster = None
        if self._pool is not None:
            failed = bool(exc) and exc[0] is not None
            # the pool's manager thread, which closes its wake-up pipe as it ends: see below
            manager = getattr(self._pool, "_executor_manager_thread", None)
            if failed:  # an error, an interrupt or SIGTERM: the tasks running are not waited for
                _stop_workers(self._pool)
            self._pool.shutdown(wait=not failed, cancel_futures=True)  # type: ignore[attr-defined]
            if failed and manager is not None:
                # Let it end now: were the interpreter to exit while it closes that pipe, the
                # exit would write to the closed pipe and print a traceback ("Bad file descriptor").
                manager.join(timeout=MANAGER_JOIN_SECONDS)
            self._pool = self._pool_rulebook = None

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    def parallel(self, tasks: int, files: int = 0) -> bool:
        """Whether work of this size goes to other processes: on Dask always, in a pool when worth its start."""
        if self.engine == "dask":
            return True
        if self.workers <= 1 or tasks <= 1:
            return False
        return self._pool is not None or files >= POOL_MIN_FILES

    def map(
        self,
        fn: Callable[[Any, Rulebook], Any],
        tasks: Iterable[Any],
        rulebook: Rulebook,
        parallel: bool = True,
        done: Callable[[Any], None] | None = None,
    ) -> Iterator[Any]:
        """``fn(task, rulebook)`` for each task, results in the order of the tasks.

        ``fn`` is a module-level function, so that other processes can run it; with
        ``parallel`` off (or one worker and the local engine) it runs in this process.
        ``done`` is called with each task once its result is given.
        """
        if self.engine == "dask":
            with self._dask() as client, _cluster_errors(self.scheduler):
                on_dask = _OnDask(client, fn, rulebook)
                yield from self._windowed(on_dask.submit, tasks, done, on_dask.result)
            return
        if not parallel or self.workers <= 1:
            for task in tasks:
                result = fn(task, rulebook)
                if done is not None:
                    done(task)
                yield result
            return
        pool = self._local_pool(rulebook)
        try:
            yield from self._windowed(lambda t: pool.submit(_call, fn, t), tasks, done)
        except BrokenProcessPool:
            raise ClusterError(
                f"a worker process of the pool ended abruptly (killed, or out of memory?); "
                f"run again, with fewer --jobs than {self.workers} if it happens again"
            ) from None

    def _windowed(
        self,
        submit: Callable[[Any], Any],
        tasks: Iterable[Any],
        done,
        result_of: Callable[[Any, Any], Any] = lambda task, future: future.result(),
    ) -> Iterator[Any]:
        window = self.workers * 4
        pending: list[tuple[Any, Any]] = []
        todo = iter(tasks)
        for task in todo:
            pending.append((task, submit(task)))
            if len(pending) >= window:
                break
        while pending:
            task, future = pending.pop(0)
            result = result_of(task, future)
            for nxt in todo:
                pending.append((nxt, submit(nxt)))
                break
            if done is not None:
                done(task)
            yield result

    def _local_pool(self, rulebook: Rulebook):
        from concurrent.futures import ProcessPoolExecutor

        if self._pool is not None and self._pool_rulebook is not rulebook:
            self._pool.shutdown()  # type: ignore[attr-defined]
            self._pool = None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(rulebook,))
            self._pool_rulebook = rulebook
        return self._pool

    @contextmanager
    def _dask(self) -> Iterator[Any]:
        if self._client is not None:
            yield self._client
            return
        client, cluster = _connect(self.workers, self.scheduler)
        try:
            yield client
        finally:
            _disconnect(client, cluster)


class _OnDask:
    """A run's tasks on a Dask cluster, with the rulebook sent to every worker, and sent again when it is lost."""

    def __init__(self, client, fn: Callable[[Any, Rulebook], Any], rulebook: Rulebook) -> None:
        self.client, self.fn, self.rulebook = client, fn, rulebook
        self.shared = client.scatter(rulebook, broadcast=True, hash=False)

    def submit(self, task: Any) -> Any:
        return self.client.submit(self.fn, task, self.shared, pure=False)

    def result(self, task: Any, future: Any) -> Any:
        """The task's result; a task cancelled because the workers holding the rulebook died is submitted again."""
        from distributed.client import FutureCancelledError

        while True:
            try:
                return future.result()
            except FutureCancelledError:
                # Every task lost with the rulebook is cancelled, but each loss is a worker's death: no endless loop.
                if not self.client.nthreads():  # every worker gone: nothing will run it again
                    raise
                if self.shared.status != "finished":
                    self.shared = self.client.scatter(self.rulebook, broadcast=True, hash=False)
                future = self.submit(task)


def _stop_workers(pool) -> None:
    """End a process pool's workers now, whatever they are running."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def _where(scheduler: str | None) -> str:
    return f"the Dask cluster at {scheduler}" if scheduler else "the local Dask cluster"


@contextmanager
def _cluster_errors(scheduler: str | None) -> Iterator[None]:
    """Turn a cluster that failed the run into one line: what happened, and what to do."""
    from distributed.client import FutureCancelledError
    from distributed.comm.core import CommClosedError
    from distributed.scheduler import KilledWorker

    start = f"dask worker {scheduler}" if scheduler else "workers"
    try:
        yield
    except FutureCancelledError as err:  # the scheduler forgets a run's tasks and data when no worker is left
        raise ClusterError(
            f"{_where(scheduler)} lost its workers mid-run, and the run's work with them ({err.__class__.__name__}); "
            f"start {start} again and run again"
        ) from None
    except KilledWorker as err:
        raise ClusterError(
            f"{_where(scheduler)}: the workers running one task died several times ({err}); "
            "see the workers' logs (out of memory?), or lower max_article_mb"
        ) from None
    except CommClosedError as err:
        raise ClusterError(
            f"{_where(scheduler)}: lost the connection to the scheduler ({err}); check that it runs, and run again"
        ) from None


def _connect(workers: int, scheduler: str | None) -> tuple[object, object]:
    """A Dask client: of the cluster at ``scheduler``, else of a new LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise UsageError("--engine dask needs Dask: pip install 'figures[dask]'") from err
    if scheduler:
        try:
            return Client(scheduler), None
        except (OSError, TimeoutError) as err:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} ({err}); "
                "start it (dask scheduler) or check the address given to --scheduler"
            ) from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    return Client(cluster), cluster


def _disconnect(client, cluster) -> None:
    client.close()
    if cluster is not None:
        cluster.close()
