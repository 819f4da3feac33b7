"""One answer on every engine: the same bytes in every output, however the work is run.

A project's configuration sets a limit (one figure read per sentence) that changes the
answer: with it, "150,000 men" in a sentence that names "14 regions" first is never
read, so it cannot conflict with "300,000 men" in another article. Each output is
written by one process, a pool of two forked workers, a pool of two spawned workers
(which inherit nothing from the main process) and a Dask cluster of two worker
processes started here; each must be byte-identical to the one process's, and must
show the configured limit at work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from figures.runtime.parallel import POOL_MIN_FILES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e

MOBILIZATION_ENDS = """---
title: "Mobilization ends"
outlet: Daily A
date: 2022-11-01
---

Russia's defence ministry said that 300,000 men were called up in the 2022 mobilization.
"""
# The first figure of the sentence is "14 regions": under the limit the 150,000 is not read;
# "45.120 Kyrgyz migrants" stands alone in its sentence, so its finding is there under any limit.
MOBILIZATION_TALLY = """---
title: "Mobilization tally"
outlet: Daily B
date: 2022-11-02
---

In 14 regions, officials said 150,000 men were called up in Russia's 2022 mobilization.

Officials counted 45.120 Kyrgyz migrants at the border.
"""
FILLER = """---
title: "Bridge traffic {n}"
outlet: Daily {n}
date: 2021-05-{n:02d}
---

In 2021, {n},200 cars and {n}40 lorries crossed the bridge at Town {n}, the council said.
"""

# Every output whose bytes are compared, as (file, command line); {out} is the output folder.
OUTPUTS = [
    ("check.txt", ["check", "articles", "--no-index", "-o", "{out}/check.txt"]),
    ("check.json", ["check", "articles", "--no-index", "--format", "json", "-o", "{out}/check.json"]),
    ("check.sarif", ["check", "articles", "--no-index", "--format", "sarif", "-o", "{out}/check.sarif"]),
    ("check.github", ["check", "articles", "--no-index", "--format", "github", "-o", "{out}/check.github"]),
    ("report.md", ["report", "articles", "--no-index", "-o", "{out}/report.md"]),
    ("worksheet.csv", ["worksheet", "articles", "--no-index", "-o", "{out}/worksheet.csv"]),
]

# One Python per engine runs every command, with the start method the engine asks for.
SCRIPT = """
import multiprocessing, sys
from figures.cli import main
out, method, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
multiprocessing.set_start_method(method, force=True)
codes = []
for argv in {commands!r}:
    codes.append(str(main([a.format(out=out) for a in argv] + extra)))
open(out + "/exit-codes", "w").write(" ".join(codes))
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project with a limit in its configuration and enough articles for a pool to start."""
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    (articles / "mobilization-ends.md").write_text(MOBILIZATION_ENDS, encoding="utf-8")
    (articles / "mobilization-tally.md").write_text(MOBILIZATION_TALLY, encoding="utf-8")
    for n in range(1, POOL_MIN_FILES):
        (articles / f"bridge-{n:02d}.md").write_text(FILLER.format(n=n), encoding="utf-8")
    (tmp_path / "figures.toml").write_text("max_figures_per_sentence = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # Dask's workers start here, so they read the paths the run names
    return tmp_path


def _env() -> dict[str, str]:
    """This figures in every process the test starts, and one report date for all of them."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "SOURCE_DATE_EPOCH": "1700000000"}


def _run(project: Path, name: str, method: str, extra: list[str]) -> Path:
    out = project / "out" / name
    out.mkdir(parents=True)
    script = SCRIPT.format(commands=[argv for _, argv in OUTPUTS])
    subprocess.run(
        [sys.executable, "-c", script, str(out), method, *extra],
        cwd=project,
        env=_env(),
        check=True,
        timeout=300,
        capture_output=True,
    )
    return out


@pytest.mark.dask
def test_every_output_is_byte_identical_on_every_engine(project):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        runs = {"dask": _run(project, "dask", "fork", ["--engine", "dask", "--scheduler", cluster.scheduler_address])}
    runs["one process"] = _run(project, "local", "fork", ["--jobs", "1"])
    runs["pool"] = _run(project, "pool", "fork", ["--jobs", "2"])
    runs["spawned pool"] = _run(project, "spawn", "spawn", ["--jobs", "2"])
    alone = runs["one process"]
    # the limit is at work: the 150,000 men are never read, so nothing conflicts
    assert "150,000" not in (alone / "check.txt").read_text(encoding="utf-8")
    assert "FG301" not in (alone / "check.txt").read_text(encoding="utf-8")
    assert "45.120" in (alone / "check.github").read_text(encoding="utf-8")
    for name, _ in [*OUTPUTS, ("exit-codes", None)]:
        expected = (alone / name).read_bytes()
        assert expected, f"{name} is empty"
        for engine, out in runs.items():
            assert (out / name).read_bytes() == expected, f"{name} differs under {engine}"


def test_an_index_built_under_other_limits_is_not_reused(project):
    """Claims built under the default limits are not the claims of a run under the configured ones."""

    def figures(*argv: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "figures", *argv]
        return subprocess.run(command, cwd=project, env=_env(), capture_output=True, text=True, timeout=300)

    # --isolated ignores the configuration: the index holds claims read under the default limits
    assert figures("index", "articles", "--isolated").returncode == 0
    indexed = figures("check", "articles")
    fresh = figures("check", "articles", "--no-index")
    assert "FG301" not in fresh.stdout
    assert (indexed.stdout, indexed.returncode) == (fresh.stdout, fresh.returncode)
