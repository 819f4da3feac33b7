"""Programs some tests need (a browser, LibreOffice), installed from Debian's packages when missing."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def ensure_program(names: tuple[str, ...], package: str) -> str:
    """Path of the first of ``names`` on PATH, installing ``package`` with apt-get if none is."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True, env=env, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", package], check=False, capture_output=True, env=env, timeout=1200
        )
        for name in names:
            found = shutil.which(name)
            if found:
                return found
    pytest.skip(
        f"{package} is not installed and cannot be installed here (run as root with apt-get, "
        f"or install {package} yourself)"
    )
    raise AssertionError("unreachable")
