"""Extraction alone loads no later stage: a fresh process pays only for what it uses."""

from __future__ import annotations

import subprocess
import sys


def test_extracting_imports_no_claim_stage():
    code = (
        "import sys; from figures import extract_text; extract_text('Prices rose 5% to $10 in 2023.'); "
        "later = ('figures.context', 'figures.checks', 'figures.runtime'); "
        "print(sorted(m for m in sys.modules if m.startswith(later)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
