"""Hostile input costs what its size costs: patterns, one claim stated many times, a restating archive.

    python benchmarks/hostile.py                          # everything below, full sizes
    python benchmarks/hostile.py --quick                  # smaller files and archives, a few minutes
    python benchmarks/hostile.py --only patterns --sizes 10000 100000
    python benchmarks/hostile.py --only claims files archive --files 5000 --archives 1000 10000

``patterns``: each pattern is repeated to the size and written as one article with no
sentence end; the article is read, extracted, put in context and checked (the default
rules, as ``figures check --isolated`` does). A flat ms-per-KB column means linear growth.

``claims``: one article stating one claim with 1,000, 2,000 and 4,000 different values
(every pair conflicts); a flat ms-per-value column means linear growth.

``files``: ``--files`` one-line files (50,000 by default), each stating one claim with one
of 50 values, checked together: one group of that many claims, most pairs in conflict.

``archive``: variants of ``data/articles`` (dates spread over a year, 15% of numbers
changed), ``--archives`` of them; the CPU seconds of ``figures check --no-index --jobs 1``
on each (the process and its children), then the largest indexed with ``figures index``
and a new story checked against it (``--corpus``; the median wall time of three runs, beside
the story checked alone).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import restated  # noqa: E402

from figures.rules.loader import load_rulebook  # noqa: E402
from figures.runtime.engine import check  # noqa: E402

PATTERNS = {
    "1,1,1,...": "1,",
    "5-5-5-...": "5-",
    "between 1 and between 2 and ...": "between 1 and ",
    "1 1 1 ... (a figure every 2 chars)": "1 ",
    "20 buses with 53 people each and ...": "20 buses with 53 people each and ",
    "prose, one long line": "Officials said 12 people died and 40 were hurt, ",
    "deep parentheses": "(",
}


def _text(unit: str, size: int) -> str:
    if unit == "(":
        half = (size - 9) // 2
        return "(" * half + "12 people" + ")" * half
    return (unit * (size // len(unit) + 1))[:size]


def patterns(sizes: list[int], rulebook) -> None:
    print(f"{'pattern':40s}" + "".join(f"{s // 1000:>9d} KB" for s in sizes) + "   (ms per KB)")
    with tempfile.TemporaryDirectory() as folder:
        for name, unit in PATTERNS.items():
            row = []
            for size in sizes:
                path = Path(folder) / "story.txt"
                path.write_text(_text(unit, size), encoding="utf-8")
                start = time.perf_counter()
                check([str(path)], rulebook)
                row.append((time.perf_counter() - start) * 1000 / (size / 1000))
            print(f"{name:40s}" + "".join(f"{ms:12.2f}" for ms in row), flush=True)


CLAIM = "Annual inflation in Turkey was {value:.1f}% in December 2022.\n"


def one_claim(counts: list[int], rulebook) -> None:
    """One article, one claim, ``count`` values: the cost per value, and the finding's size."""
    print(f"{'values of one claim in one article':40s}{'seconds':>10}{'ms/value':>10}{'findings':>10}{'related':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            path = Path(folder) / f"one-{count}.txt"
            path.write_text("".join(CLAIM.format(value=1 + n * 0.5) for n in range(count)), encoding="utf-8")
            start = time.perf_counter()
            result = check([str(path)], rulebook, keep=False)
            seconds = time.perf_counter() - start
            related = max((len(f.related) for f in result.findings), default=0)
            print(
                f"{count:>40,}{seconds:10.2f}{seconds * 1000 / count:10.3f}{len(result.findings):10}{related:9}",
                flush=True,
            )


def many_files(count: int, rulebook) -> None:
    """``count`` one-line files stating one claim with one of 50 values, checked together in one process."""
    print(f"{'one-line files, one claim, 50 values':40s}{'seconds':>10}{'ms/file':>10}{'findings':>10}{'related':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for n in range(count):
            sub = Path(folder) / f"{n // 1000:04d}"
            sub.mkdir(exist_ok=True)
            (sub / f"f{n:06d}.txt").write_text(CLAIM.format(value=1 + (n % 50) * 2.5), encoding="utf-8")
        start = time.perf_counter()
        result = check([folder], rulebook, keep=False)
        seconds = time.perf_counter() - start
        related = max((len(f.related) for f in result.findings), default=0)
        print(f"{count:>40,}{seconds:10.2f}{seconds * 1000 / count:10.3f}{len(result.findings):10}{related:9}")


def _run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user and system, children included) and output of a ``figures`` command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "figures", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def archive(sizes: list[int], work: Path) -> None:
    """The full check of each restating archive, then a new story against the largest, indexed."""
    print(f"{'restating archive':40s}{'CPU s':>10}{'wall s':>10}{'FG301':>10}{'vs first':>10}")
    first = None
    check_args = ["check", "--format", "json", "--fail-on", "never", "--no-index", "--jobs", "1"]
    for size in sizes:
        folder = work / f"restating-{size}"
        if not folder.is_dir():
            restated(folder, size)
        wall, cpu, out = _run([*check_args, str(folder)], work)
        first = first or (size, cpu)
        ratio = f"{cpu / first[1]:.1f}x" if size != first[0] else ""
        print(f"{size:>40,}{cpu:10.1f}{wall:10.1f}{out.count('FG301'):10}{ratio:>10}", flush=True)
    largest = work / f"restating-{max(sizes)}"
    shutil.rmtree(work / ".figures", ignore_errors=True)
    wall, cpu, _ = _run(["index", str(largest), "--jobs", "2"], work)
    print(f"{'index ' + format(max(sizes), ','):>40}{cpu:10.1f}{wall:10.1f}")
    story = work / "new.md"
    newest = sorted(largest.rglob("*.md"))[-1].read_text(encoding="utf-8")
    story.write_text(re.sub(r"date: .*", "date: 2024-01-10", newest, count=1), encoding="utf-8")
    story_args = ["check", "new.md", "--format", "json", "--fail-on", "never", "--jobs", "1"]
    against, alone = [], []
    for _ in range(3):  # side by side: a run's fixed cost moves with the machine's load
        against.append(_run([*story_args, "--corpus", str(largest)], work))
        alone.append(_run(story_args, work)[0])
    wall, cpu, out = sorted(against)[1]
    print(
        f"{'new story against the index':>40}{cpu:10.1f}{wall:10.2f}{out.count('FG301'):10}"
        f"   alone {statistics.median(alone):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=("patterns", "claims", "files", "archive"))
    parser.add_argument("--quick", action="store_true", help="5,000 files, archives of 1,000 and 2,000")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="pattern bytes")
    parser.add_argument("--values", type=int, nargs="+", default=[1_000, 2_000, 4_000])
    parser.add_argument("--files", type=int, help="one-line files (default 50,000)")
    parser.add_argument("--archives", type=int, nargs="+", help="restating archives (default 1,000 and 10,000)")
    parser.add_argument("--work", type=Path, help="keep the archives here, and reuse them")
    args = parser.parse_args()
    files = args.files or (5_000 if args.quick else 50_000)
    archives = args.archives or ([1_000, 2_000] if args.quick else [1_000, 10_000])
    only = set(args.only or ("patterns", "claims", "files", "archive"))
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    rulebook = load_rulebook(None)
    if "patterns" in only:
        patterns(args.sizes, rulebook)
    if "claims" in only:
        one_claim(args.values, rulebook)
    if "files" in only:
        many_files(files, rulebook)
    if "archive" in only:
        with tempfile.TemporaryDirectory(prefix="figures-hostile-") as tmp:
            work = args.work or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            archive(archives, work)


if __name__ == "__main__":
    main()
