"""Hostile patterns grow linearly: the cost per KB of a whole check at 10 KB, 100 KB and 1 MB.

    python benchmarks/hostile.py              # 10 KB, 100 KB, 1 MB
    python benchmarks/hostile.py --sizes 10000 100000

Each pattern is repeated to the size and written as one article with no sentence end;
the article is read, extracted, put in context and checked (the default rules, as
``figures check --isolated`` does). A flat ms-per-KB column means linear growth.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures.engine import check  # noqa: E402
from figures.rulebook import load_rulebook  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    rulebook = load_rulebook(None)
    sizes = args.sizes
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


if __name__ == "__main__":
    main()
