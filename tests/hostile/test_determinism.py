"""The example corpus gives byte-identical output in every format, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("0", "1", "4242")

pytestmark = pytest.mark.e2e

# Every output figures writes, as (file name, command line); {out} is the output folder.
OUTPUTS = [
    ("check.txt", ["check", "data/articles", "-o", "{out}/check.txt"]),
    ("check.json", ["check", "data/articles", "--format", "json", "-o", "{out}/check.json"]),
    ("check.sarif", ["check", "data/articles", "--format", "sarif", "-o", "{out}/check.sarif"]),
    ("check.github", ["check", "data/articles", "--format", "github", "-o", "{out}/check.github"]),
    ("report.html", ["report", "data/articles", "-o", "{out}/report.html"]),
    ("report.md", ["report", "data/articles", "-o", "{out}/report.md"]),
    ("worksheet.xlsx", ["worksheet", "data/articles", "-o", "{out}/worksheet.xlsx"]),
    ("worksheet.csv", ["worksheet", "data/articles", "-o", "{out}/worksheet.csv"]),
    ("extract.txt", ["extract", "data/articles", "-o", "{out}/extract.txt"]),
    ("extract.jsonl", ["extract", "data/articles", "--format", "jsonl", "-o", "{out}/extract.jsonl"]),
    ("extract.csv", ["extract", "data/articles", "--format", "csv", "-o", "{out}/extract.csv"]),
]

# One Python per seed runs every command, so the hash seed is fixed for all of them.
SCRIPT = """
import sys
from figures.cli import main
out = sys.argv[1]
for argv in {commands!r}:
    main([a.format(out=out) for a in argv])
"""


def test_every_format_is_byte_identical_under_three_hash_seeds(tmp_path):
    script = SCRIPT.format(commands=[argv for _, argv in OUTPUTS])
    for seed in SEEDS:
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}  # the report's date
        subprocess.run(
            [sys.executable, "-c", script, str(out)], cwd=ROOT, env=env, check=True, timeout=600, capture_output=True
        )
    for name, _ in OUTPUTS:
        contents = {(tmp_path / seed / name).read_bytes() for seed in SEEDS}
        assert len(contents) == 1, f"{name} differs between hash seeds"
        assert contents.pop(), f"{name} is empty"
