"""Throughput of figures.extract_text against quantulum3 on the same corpus, in one run.

    python benchmarks/speed.py [--size 1000000]

Prints KB/s for both and the ratio, the cost at 1x/2x/4x one document's length
(linearity), and the time to the first extraction in a fresh process for both.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import warnings

from corpus import ROOT, documents, repeated

from figures import extract_text
from figures.ingest.sentences import split_sentences


def throughput(fn, docs: list[str]) -> tuple[float, int]:
    """KB/s of ``fn`` over ``docs``, and the number of quantities it found."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    count = 0
    for doc in docs:
        count += fn(doc)
    return size / 1024 / (time.perf_counter() - start), count


def figures_count(doc: str) -> int:
    """Figures in one whole document."""
    return len(extract_text(doc))


def quantulum_count(doc: str) -> int:
    """Quantities quantulum3 finds in a document, sentence by sentence."""
    from quantulum3 import parser

    # quantulum3 is quadratic on whole documents, so it gets sentences, as it is used in practice.
    return sum(len(parser.parse(s.text)) for s in split_sentences(doc))


def first_extraction(code: str) -> float:
    """Seconds from a fresh interpreter to the end of ``code``, imports included."""
    script = (
        "import time, warnings; warnings.simplefilter('ignore'); t = time.perf_counter(); "
        + code
        + "; print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print throughput, ratio, linearity and cold start."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000, help="corpus size in bytes")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    name, docs = documents()
    corpus = repeated(docs, args.size)
    size_kb = sum(len(d.encode("utf-8")) for d in corpus) / 1024
    print(f"corpus: {name}, {len(corpus)} documents, {size_kb:.0f} KB")

    quantulum_count("Warm-up: 5 km.")  # load quantulum3 before timing it
    q_speed, q_count = throughput(quantulum_count, corpus)
    f_speed, f_count = throughput(figures_count, corpus)
    print(f"quantulum3 (sentence by sentence): {q_speed:8.1f} KB/s  {q_count} quantities")
    print(f"figures.extract_text (whole text):  {f_speed:8.1f} KB/s  {f_count} figures")
    print(f"ratio figures / quantulum3:        {f_speed / q_speed:8.1f}x")

    base = max(docs, key=len)
    timings = []
    for k in (1, 2, 4, 8):
        text = "\n\n".join([base] * k)
        start = time.perf_counter()
        for _ in range(3):
            extract_text(text)
        timings.append((k, (time.perf_counter() - start) / 3))
    per_unit = [t / k for k, t in timings]
    print(
        "linearity (seconds per copy of the longest document at 1x, 2x, 4x, 8x): "
        + ", ".join(f"{t:.4f}" for t in per_unit)
        + f"  (8x/1x per copy: {per_unit[-1] / per_unit[0]:.2f})"
    )

    sample = "Tajik citizens face up to 20 years in prison; 63,389 Tajiks became citizens."
    f_first = first_extraction(f"import figures; figures.extract_text({sample!r})")
    q_first = first_extraction(f"from quantulum3 import parser; parser.parse({sample!r})")
    print(f"first extraction in a fresh process: figures {f_first:.2f} s, quantulum3 {q_first:.2f} s")


if __name__ == "__main__":
    main()
