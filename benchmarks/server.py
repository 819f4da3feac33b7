"""The editor server's re-check of an edited article against an indexed archive, beside ``figures check FILE``.

    python benchmarks/server.py                    # 1,000 and 10,000 generated articles
    python benchmarks/server.py --sizes 1000       # one size

For each size, an archive of generated articles (``generate.py``) is indexed once
(``figures index``), as a newsroom's archive is. A draft, one of the archive's
articles under a new name with its first figure misstated, is then checked two ways against it: by
``figures check drafts/new.md`` (the corpus from the configuration, the index in
use; a fresh process each time, as an editor without the server would run it), and
by the server's :func:`figures.cli.server.buffer_findings` in one long-lived process,
after each of a series of edits to the draft's text. Both must give the same
findings; the script prints the median milliseconds of each and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _figures(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "figures", *args], cwd=project, env=ENV, capture_output=True, text=True, check=False
    )


def _project(folder: Path, count: int) -> tuple[str, float]:
    """An indexed archive of ``count`` articles and a draft beside it; the draft's text and the index's seconds."""
    generate(folder / "archive", count)
    (folder / "figures.toml").write_text('corpus = ["archive"]\n', encoding="utf-8")
    source = sorted((folder / "archive").rglob("*.md"))[count // 2]
    # its inflation figure misstated by ten points, so that the draft disagrees with its story
    draft = re.sub(
        r"(\d+)\.(\d)%", lambda m: f"{int(m.group(1)) + 10}.{m.group(2)}%", source.read_text("utf-8"), count=1
    )
    (folder / "drafts").mkdir()
    (folder / "drafts" / "new.md").write_text(draft, encoding="utf-8")
    started = time.perf_counter()
    _figures(folder, "index", "archive")
    return draft, time.perf_counter() - started


def _edits(text: str, count: int) -> list[str]:
    """The draft as it is typed: a sentence added at the end, a word longer each time."""
    return [text.rstrip("\n") + "\n\nThe editor adds" + " more" * k + ".\n" for k in range(count)]


def _cli_ms(folder: Path, runs: int) -> tuple[float, list[dict]]:
    times, found = [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = _figures(folder, "check", "drafts/new.md", "--format", "json")
        times.append(time.perf_counter() - started)
        found = json.loads(out.stdout)
    return statistics.median(times) * 1000, found


def _server_ms(folder: Path, draft: str, runs: int) -> tuple[float, list[dict]]:
    from figures.cli.config import load_config
    from figures.cli.server import buffer_findings, open_desk

    os.chdir(folder)
    desk = open_desk(load_config(None))
    try:
        found = [f.to_dict() for f in buffer_findings(desk, "drafts/new.md", draft)]  # warm: rules, caches
        times = []
        for text in _edits(draft, runs):
            started = time.perf_counter()
            buffer_findings(desk, "drafts/new.md", text)
            times.append(time.perf_counter() - started)
    finally:
        desk.close()
        os.chdir(ROOT)
    return statistics.median(times) * 1000, found


def measure(count: int, runs: int) -> dict:
    """One size: the index's seconds, the plain check's and the server's median milliseconds, and their ratio."""
    with tempfile.TemporaryDirectory(prefix="figures-server-bench-") as tmp:
        folder = Path(tmp)
        draft, index_s = _project(folder, count)
        cli_ms, cli_found = _cli_ms(folder, runs=max(3, runs // 4))
        server_ms, server_found = _server_ms(folder, draft, runs)
    assert cli_found == server_found, "the server and figures check disagree"
    return {
        "articles": count,
        "index_s": round(index_s, 1),
        "check_ms": round(cli_ms),
        "server_ms": round(server_ms, 1),
        "ratio": round(server_ms / cli_ms, 3),
        "findings": len(server_found),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=20, help="edits re-checked by the server at each size")
    args = parser.parse_args()
    print("articles  index(s)  figures check(ms)  server re-check(ms)  ratio  findings")
    for count in args.sizes:
        r = measure(count, args.runs)
        print(
            f"{r['articles']:>8}  {r['index_s']:>8}  {r['check_ms']:>17}  {r['server_ms']:>19}  "
            f"{r['ratio']:>5}  {r['findings']:>8}",
            flush=True,
        )


if __name__ == "__main__":
    main()
