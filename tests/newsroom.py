"""A newsroom's repository for tests of the git-aware parts: stories that disagree, and git run in isolation."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

GIT = shutil.which("git")

# Two stories that disagree on a prison term (the example pack's measure), two on inflation (the defaults').
TERM_OLD = "---\ndate: 2023-10-01\n---\nIn Tajikistan, mercenaries face five to 12 years in prison.\n"
TERM_NEW = "---\ndate: 2023-10-02\n---\nTajik mercenaries face up to 20 years in prison.\n"
PRICES_1 = "---\ndate: 2023-01-04\n---\nTurkey's annual inflation reached 64.3% in December 2022.\n"
PRICES_2 = "---\ndate: 2023-01-04\n---\nTurkey's annual inflation reached 57.7% in December 2022.\n"


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` with no user or system configuration, as a fixed committer, on branch main."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    cmd = [GIT, "-c", "user.name=figures", "-c", "user.email=figures@example.org", "-c", "init.defaultBranch=main"]
    return subprocess.run([*cmd, *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout
