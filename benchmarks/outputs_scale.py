"""How the report and the worksheet grow with a restated archive: time and peak memory, 1k against 10k.

    python benchmarks/outputs_scale.py                              # 1,000 and 10,000 articles
    python benchmarks/outputs_scale.py --sizes 1000 10000 --tree /path/to/other/checkout
    python benchmarks/outputs_scale.py --work /tmp/outputs          # keep the archives, reuse them

For each size, writes a restated archive (``generate.py --restated``, seed 1), then runs
``figures report`` (HTML and Markdown) and ``figures worksheet`` (xlsx and CSV) on it in
a fresh process each (``--commands`` adds ``check json``, the run without the outputs,
and ``claims json``, which explains every figure) (``--jobs 1 --no-index``, so the numbers are one process's and no
index is read), and prints the wall and CPU seconds and the peak memory (maximum resident set) of
the process, as ``/usr/bin/time -v`` gives them, with each size's ratio of CPU time
and memory to the first. ``--tree`` runs another checkout of figures the same way,
one command after the other with this one (side by side: the machine's speed moves),
to compare a change with the code before it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import restated  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# The run's own options follow the archive: one process, no index (``figures claims`` reads no index and runs
# in this process anyway).
RUN = ["--jobs", "1", "--no-index"]
COMMANDS = {
    "report html": ["report", "-o", "out.html"],
    "report md": ["report", "--format", "md", "-o", "out.md"],
    "worksheet xlsx": ["worksheet", "--force", "-o", "out.xlsx"],
    "worksheet csv": ["worksheet", "--force", "-o", "out.csv"],
    "check json": ["check", "--format", "json", "--fail-on", "never", "-o", "out.json"],
    "claims json": ["claims", "--format", "json", "-o", "claims.json"],
}
DEFAULT = ["report html", "report md", "worksheet xlsx", "worksheet csv"]


def measured(args: list[str], cwd: Path, tree: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak MB (maximum resident set) of one command.

    The CPU time and the peak are the kernel's, as ``/usr/bin/time -v`` reports them: on
    a loaded machine the wall time moves with the other processes, they do not.
    """
    env = {**os.environ, "PYTHONPATH": str(tree), "CI": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} in {tree} exited with {proc.returncode}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--commands", nargs="+", choices=list(COMMANDS), default=DEFAULT)
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another checkout to run as well")
    parser.add_argument("--work", type=Path, help="keep the archives in this folder, and reuse them")
    args = parser.parse_args()
    trees = [ROOT, *args.tree]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(
        f"{'tree':12} {'command':15} {'articles':>8} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} "
        f"{'CPU x':>6} {'memory x':>8}"
    )
    first: dict[tuple[str, str], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="figures-outputs-") as tmp:
        work = args.work or Path(tmp)
        for size in args.sizes:
            archive = work / f"restated-{size}"
            if not archive.is_dir():
                restated(archive, size)
            for name in args.commands:
                for tree in trees:
                    command = [sys.executable, "-m", "figures", *COMMANDS[name], str(archive)]
                    wall, cpu, peak = measured(command + ([] if name.startswith("claims") else RUN), work, tree)
                    base = first.setdefault((str(tree), name), (cpu, peak))
                    label = "this" if tree == ROOT else tree.name
                    print(
                        f"{label:12} {name:15} {size:>8,} {wall:>7.1f} {cpu:>7.1f} {peak:>8.0f} "
                        f"{cpu / base[0]:>5.1f}x {peak / base[1]:>7.1f}x",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
