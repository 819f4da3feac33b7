"""Programs some tests need (a browser, LibreOffice): found on PATH, or the test is skipped saying what to install."""

from __future__ import annotations

import shutil

import pytest


def ensure_program(names: tuple[str, ...], package: str) -> str:
    """Path of the first of ``names`` on PATH; the test is skipped, naming ``package``, when none is.

    Tests install nothing: .ci/run installs the packages the marked tests need.
    """
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"{' or '.join(names)} is not on PATH: install the Debian package {package} (.ci/run does)")
    raise AssertionError("unreachable")
