"""How big the discrepancy report gets: bytes, page height and load time in a headless browser.

    python benchmarks/report_size.py                    # 500 generated articles
    python benchmarks/report_size.py --sizes 5 500 2000
    python benchmarks/report_size.py --page old.html    # also measure pages written elsewhere

For each size, generates an archive with planted conflicts (``generate.py``) in a
temporary folder, writes ``figures report`` for it (run from that folder, so the
package's default rules apply), and opens the page in headless chromium at 1280 and
390 pixels wide. Prints one row per size and width: the file's bytes, the Markdown
report's characters, the seconds ``figures report`` took, the page's full height in
pixels, the load time (navigation start to the load event, in milliseconds), whether
the page scrolls sideways, and how far down the first problem starts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import generate  # noqa: E402

from tests.outputs.test_browser import FLAGS  # noqa: E402
from tests.system import ensure_program  # noqa: E402

FIGURES = [sys.executable, "-m", "figures"]
WIDTHS = (1280, 390)


def page_numbers(browser, page_file: Path, width: int) -> dict:
    """Height, load time, sideways scroll and the first problem's top at one viewport width."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    numbers = page.evaluate(
        """() => {
          const t = performance.getEntriesByType('navigation')[0];
          const first = document.querySelector('section.problem, #findings');
          return {height: document.documentElement.scrollHeight,
                  load_ms: Math.round(t.loadEventEnd - t.startTime),
                  sideways: document.documentElement.scrollWidth > window.innerWidth,
                  first_problem: first ? Math.round(first.getBoundingClientRect().top) : null};
        }"""
    )
    page.close()
    return numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--page", type=Path, nargs="*", default=[], help="also measure these HTML files")
    args = parser.parse_args()
    chromium = ensure_program(("chromium", "chromium-browser"), "chromium")
    print(
        f"{'articles':>8} {'width':>5} {'bytes':>10} {'md chars':>9} {'report s':>8} {'height px':>10} "
        f"{'load ms':>7} {'sideways':>8} {'1st problem px':>14}"
    )
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        runs = []
        runs += [(page.name, page, "-", "-") for page in args.page]
        for size in args.sizes:
            folder = Path(tmp) / f"a{size}"
            generate(folder, size, seed=args.seed)
            out = Path(tmp) / f"report{size}.html"
            start = time.perf_counter()
            subprocess.run([*FIGURES, "report", str(folder), "-o", str(out)], cwd=tmp, check=True, capture_output=True)
            seconds = f"{time.perf_counter() - start:.1f}"
            md = subprocess.run(
                [*FIGURES, "report", str(folder), "--format", "md"], cwd=tmp, check=True, capture_output=True, text=True
            ).stdout
            runs.append((size, out, len(md), seconds))
        for size, out, md_chars, seconds in runs:
            for width in WIDTHS:
                n = page_numbers(browser, out, width)
                print(
                    f"{size:>14} {width:>5} {out.stat().st_size:>10,} {md_chars:>9} {seconds:>8} {n['height']:>10,} "
                    f"{n['load_ms']:>7} {str(n['sideways']):>8} {str(n['first_problem']):>14}"
                )
        browser.close()


if __name__ == "__main__":
    main()
