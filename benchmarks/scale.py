"""How ``figures check`` scales with the size of an archive: time, throughput, peak memory.

    python benchmarks/scale.py                       # 1,000 and 10,000 articles, both generators
    python benchmarks/scale.py --sizes 1000 10000 100000 --modes local pool dask index
    python benchmarks/scale.py --modes index --before /tmp/old-tree    # figures index, before and after

For each size, generates an archive with planted conflicts and its clean variant
(``generate.py``) in a temporary folder, then runs the command line in a fresh process
per mode and prints one row each: wall time, articles per second, and the peak memory
of the whole process tree (workers included, sampled every 50 ms).

Modes: ``local`` is one process (``--jobs 1 --no-index``); ``pool`` is a process pool of
``--jobs`` workers (``--no-index``); ``dask`` is ``--engine dask`` on a LocalCluster of
``--jobs`` workers; ``index`` builds the claim index with ``figures index`` and then
times ``figures check new.md --corpus archive/`` against it (``new`` column: the median
of three runs, and the same check of ``new.md`` alone, the fixed cost of a run);
``ratio`` runs ``local`` and ``pool`` one after the other ``--repeat`` times and gives
the median of their time ratios (the 2-core speed-up on a machine shared with other
work), beside the machine's own ceiling: two one-process runs started at once, each on
half the archive, against ``local`` (what two cores give work that shares nothing).
Every run is checked: each planted conflict is one FG301 finding, the clean variant has
none. A PNG plot of time against size is written when matplotlib is installed.
With ``--work DIR`` the archives are kept there and reused by the next run; ``--json``
keeps the rows, and ``--replot`` projects and plots the rows of several such files.

Two generators (``--generators``): ``diverse``, the stories above, where claims rarely
meet, and ``restated``, variants of ``data/articles`` restating a few claims all year
(``generate.py --restated``), where every new article meets thousands of earlier ones;
its FG301 count is shown, with nothing planted to compare it with.

``--before TREE`` runs ``figures index`` from another copy of the project (a ``git
archive`` of an older commit) alternately with this one, each on a fresh index in a
folder of its own: the ``idx-before`` row, and the ratio of the two rates.

At the end, a projection to ``--project`` articles (a million) on ``--cores`` cores
(16) from the largest size measured: the full audit at the one-process rate of each
core, plus the Dask overhead measured (the time the ``dask`` run took beyond
``local``/``--jobs``, per article, divided among the cores); building the index at its
measured rate per core; and a new story against the indexed archive, the story alone
plus the corpus's measured cost grown in proportion to the archive.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, restated, stories  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIGURES = [sys.executable, "-m", "figures"]


def measured(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak MB of the process tree, and standard output of one command.

    Its CPU seconds (its own and those of the processes it waited for: its workers) are
    kept in ``CPU[-1]``: on a machine shared with other work they move far less than
    wall time does.
    """
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    env = {**os.environ, "CI": "1", **(env or {})}
    proc = psutil.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        rss = 0
        try:
            for p in [proc, *proc.children(recursive=True)]:
                rss += p.memory_info().rss
        except psutil.Error:
            pass
        peak = max(peak, rss)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    CPU.append(usage.ru_utime + usage.ru_stime)
    out.seek(0)
    return wall, peak / 1e6, out.read().decode()


CPU: list[float] = []


def together(commands: list[list[str]], cwd: Path) -> float:
    """Wall seconds for these commands started at once, until the last one ends."""
    start = time.perf_counter()
    procs = [subprocess.Popen(c, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def halves(archive: Path) -> tuple[list[str], list[str]]:
    """The archive in two halves: its subfolders when it has several, else its files."""
    parts = sorted(str(p) for p in archive.iterdir() if p.is_dir())
    if len(parts) < 2:
        parts = sorted(str(p) for p in archive.rglob("*.md"))
    return parts[: len(parts) // 2], parts[len(parts) // 2 :]


def conflicts(output: str) -> int:
    return sum(1 for f in json.loads(output) if f["code"] == "FG301")


def archives(size: int, generator: str, work: Path, seed: int) -> tuple[Path, Path | None, int | None]:
    """The archive of this size, its clean variant (diverse only) and the conflicts planted in it."""
    if generator == "restated":
        archive = work / f"restated-{size}"
        if not archive.is_dir():
            restated(archive, size, seed)
        return archive, None, None
    archive, clean = work / f"archive-{size}", work / f"clean-{size}"
    for folder, is_clean in ((archive, False), (clean, True)):
        if not folder.is_dir():
            generate(folder, size, seed, clean=is_clean)
    return archive, clean, sum(s.conflict for s in stories(size, seed, 10, False))


def index_rates(archive: Path, jobs: int, work: Path, before: Path | None) -> list[dict]:
    """``figures index`` on a fresh index, from this tree and (alternately, first) from ``before``."""
    trees = ([("idx-before", before)] if before else []) + [("index", None)]
    rows = []
    for name, tree in trees:
        folder = work / name
        shutil.rmtree(folder / ".figures", ignore_errors=True)
        folder.mkdir(exist_ok=True)
        env = {"PYTHONPATH": str(tree)} if tree else {}
        wall, peak, _ = measured([*FIGURES, "index", str(archive), "--jobs", str(jobs)], folder, env)
        rows.append({"mode": name, "seconds": wall, "cpu": CPU[-1], "peak_mb": peak, "found": None, "clean": None})
    return rows


def new_story(archive: Path, size: int, work: Path, check: list[str]) -> dict:
    """The newest article of the archive, checked as a new story against the index in ``work/index``."""
    folder = work / "index"
    new = folder / f"new-{size}.md"
    shutil.copy(sorted(archive.rglob("*.md"))[-1], new)
    runs, alone = [], []
    for _ in range(3):  # side by side: the fixed cost of a run moves with the machine's load
        runs.append(measured([*check, str(new), "--corpus", str(archive), "--jobs", "1"], folder))
        alone.append(measured([*check, str(new), "--jobs", "1"], folder)[0])
    new_wall, new_peak, _ = sorted(runs)[1]
    return {
        "new_seconds": new_wall,
        "new_peak_mb": new_peak,
        "alone_seconds": statistics.median(alone),
        "corpus_cost": statistics.median(r[0] - a for r, a in zip(runs, alone, strict=True)),
    }


def run_size(size: int, modes: list[str], jobs: int, work: Path, seed: int, repeat: int = 3, **more) -> list[dict]:
    generator, before = more.get("generator", "diverse"), more.get("before")
    archive, clean, planted = archives(size, generator, work, seed)
    check = [*FIGURES, "check", "--format", "json", "--fail-on", "never"]
    rows = []
    per_mode = {
        "local": ["--jobs", "1", "--no-index"],
        "pool": ["--jobs", str(jobs), "--no-index"],
        "dask": ["--jobs", str(jobs), "--no-index", "--engine", "dask"],
    }
    for mode in modes:
        row: dict = {"articles": size, "mode": mode, "planted": planted, "generator": generator}
        if mode == "index":
            built = index_rates(archive, jobs, work, before)
            for other in built[:-1]:
                other.update(articles=size, planted=planted, generator=generator, per_second=size / other["seconds"])
                rows.append(other)
                print(_line(other), flush=True)
            row.update(built[-1])
            if more.get("new_story", True):
                row.update(new_story(archive, size, work, check))
            if before:
                row["before_ratio"] = built[0]["seconds"] / row["seconds"]
        elif mode == "ratio":
            times: dict[str, list[float]] = {"local": [], "pool": [], "halves": []}
            split = halves(archive)
            for _ in range(repeat):
                for name in ("local", "pool"):
                    times[name].append(measured([*check, str(archive), *per_mode[name]], work)[0])
                # The machine's own ceiling: two one-process runs, each on half the archive, at once.
                times["halves"].append(together([[*check, *half, *per_mode["local"]] for half in split], work))
            ratios = [a / b for a, b in zip(times["local"], times["pool"], strict=True)]
            ceilings = [a / b for a, b in zip(times["local"], times["halves"], strict=True)]
            row.update(seconds=statistics.median(times["pool"]), peak_mb=0, found=None, clean=None)
            row.update(ratio=statistics.median(ratios), ratios=ratios, local_seconds=times["local"])
            row.update(ceiling=statistics.median(ceilings), ceilings=ceilings, halves_seconds=times["halves"])
            row["load"] = os.getloadavg()
        else:
            wall, peak, out = measured([*check, str(archive), *per_mode[mode]], work)
            row["cpu"] = CPU[-1]
            found = conflicts(out)
            cleaned = None
            if mode == "pool" and clean is not None:
                cleaned = conflicts(measured([*check, str(clean), *per_mode[mode]], work)[2])
            row.update(seconds=wall, peak_mb=peak, found=found, clean=cleaned)
        row["per_second"] = size / row["seconds"]
        rows.append(row)
        print(_line(row), flush=True)
    return rows


HEADER = (
    f"{'archive':8}  {'articles':>8}  {'mode':10}  {'seconds':>8}  {'art./s':>7}  {'CPU s':>7}  {'peak MB':>8}  "
    f"{'FG301/planted':>13}  {'clean':>5}  new"
)


def _line(row: dict) -> str:
    found = "-"
    if row["found"] is not None:
        found = f"{row['found']}/{row['planted']}" if row["planted"] is not None else str(row["found"])
    peak = f"{row['peak_mb']:.0f}" if row["peak_mb"] else "-"
    clean = str(row["clean"]) if row["clean"] is not None else "-"
    new = ""
    if row.get("new_seconds"):
        new = (
            f"{row['new_seconds']:.2f} s, {row['new_peak_mb']:.0f} MB (alone {row['alone_seconds']:.2f} s; "
            f"the corpus adds {row['corpus_cost']:.2f} s)"
        )
    if row.get("ratio"):
        ratios = ", ".join(f"{r:.2f}" for r in row["ratios"])
        ceilings = ", ".join(f"{r:.2f}" for r in row["ceilings"])
        new = (
            f"1 core / {len(row['ratios'])} runs: median {row['ratio']:.2f}x ({ratios}); two halves at once "
            f"{row['ceiling']:.2f}x ({ceilings}); load {row['load'][0]:.1f}"
        )
    if row.get("before_ratio"):
        new = f"{row['before_ratio']:.2f}x the rate before; " + new
    return (
        f"{row.get('generator', 'diverse'):8}  {row['articles']:>8,}  {row['mode']:10}  {row['seconds']:>8.1f}  "
        f"{row['per_second']:>7.0f}  {row.get('cpu', 0):>7.1f}  {peak:>8}  {found:>13}  {clean:>5}  {new}"
    )


def projection(rows: list[dict], jobs: int, cores: int, articles: int) -> list[str]:
    """Lines projecting ``articles`` on ``cores`` cores from the largest size each generator was measured at.

    Rates per core are articles per CPU second of the whole process tree (a shared
    machine's load moves wall time, far less the CPU a run needs); the Dask overhead is
    the CPU the ``dask`` run needed beyond the ``local`` one, shared among the cores.
    """
    out = []
    for generator in sorted({r["generator"] for r in rows}):
        mine = [r for r in rows if r["generator"] == generator]
        size = max(r["articles"] for r in mine)
        at = {r["mode"]: r for r in mine if r["articles"] == size}
        scale = articles / size
        if "local" in at:
            per_core = size / at["local"]["cpu"]
            audit = articles / (per_core * cores)
            text = f"{generator}, from {size:,}: full audit {audit / 60:.1f} min at {per_core:.0f} articles/s per core"
            if "dask" in at:
                extra = max(0.0, at["dask"]["cpu"] - at["local"]["cpu"]) / size
                audit += extra * articles / cores
                text += f", plus Dask's {extra * 1000:.1f} ms CPU/article: {audit / 60:.1f} min"
            out.append(text)
        if "index" in at:
            build, rate = at["index"]["cpu"] * scale / cores, size / at["index"]["cpu"]
            text = f"{generator}, from {size:,}: index {build / 60:.1f} min ({rate:.0f} articles/s per core)"
            if at["index"].get("new_seconds"):
                story = at["index"]["alone_seconds"] + max(0.0, at["index"]["corpus_cost"]) * scale
                alone = at["index"]["alone_seconds"]
                text += f"; new story {story:.1f} s (alone {alone:.2f} s + the corpus's cost x{scale:.0f})"
            out.append(text)
    return out


def plot(rows: list[dict], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"matplotlib is not installed: no plot ({path} not written)")
        return
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    # wall time moves with a shared machine's load; the CPU a run needs far less
    for ax, measure, title in ((axes[0], "seconds", "wall seconds"), (axes[1], "cpu", "CPU seconds (process tree)")):
        for generator, mode in sorted({(r.get("generator", "diverse"), r["mode"]) for r in rows}):
            mine = sorted(
                (r["articles"], r[measure])
                for r in rows
                if r["mode"] == mode and r.get("generator", "diverse") == generator and r.get(measure)
            )
            style = "-" if generator == "diverse" else "--"
            ax.plot([a for a, _ in mine], [s for _, s in mine], style, marker="o", label=f"{mode} ({generator})")
        ax.set(xscale="log", yscale="log", xlabel="articles", ylabel="seconds", title=title)
    axes[0].legend(fontsize="small")
    fig.savefig(path, dpi=120, bbox_inches="tight")
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--modes", nargs="+", default=["local", "pool", "dask", "index"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="ratio mode: side-by-side runs of one and --jobs cores")
    parser.add_argument("--work", type=Path, help="keep the archives in this folder, and reuse them")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--plot", type=Path, default=Path("scale.png"))
    parser.add_argument("--generators", nargs="+", default=["diverse", "restated"], choices=["diverse", "restated"])
    parser.add_argument("--before", type=Path, help="index mode: also run figures index from this copy of the project")
    parser.add_argument("--no-new-story", action="store_true", help="index mode: build the index only")
    parser.add_argument("--cores", type=int, default=16, help="the projection's cores")
    parser.add_argument("--project", type=int, default=1_000_000, help="the projection's articles")
    parser.add_argument("--replot", type=Path, nargs="+", help="no run: the rows of earlier --json files")
    args = parser.parse_args()
    if args.replot:
        rows = [row for path in args.replot for row in json.loads(path.read_text(encoding="utf-8"))]
        finish(rows, args)
        return
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; --jobs {args.jobs}")
    print(HEADER)
    rows = []
    more = {"before": args.before, "new_story": not args.no_new_story}
    with tempfile.TemporaryDirectory(prefix="figures-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for generator in args.generators:
            for size in args.sizes:
                rows += run_size(size, args.modes, args.jobs, work, args.seed, args.repeat, generator=generator, **more)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    finish(rows, args)


def finish(rows: list[dict], args: argparse.Namespace) -> None:
    """The projection and the plot of these rows."""
    print(f"\nProjection to {args.project:,} articles on {args.cores} cores:")
    for line in projection(rows, args.jobs, args.cores, args.project):
        print(f"  {line}")
    plot([r for r in rows if r["mode"] in ("local", "pool", "dask", "index")], args.plot)


if __name__ == "__main__":
    main()
