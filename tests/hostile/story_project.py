"""A working folder with one good story, and the one-line error every bad input must give."""

from __future__ import annotations

import pytest

from figures.core.limits import Limits, configure

GOOD = "Officials said 12 people died.\n"


@pytest.fixture(autouse=True)
def _project(tmp_path, monkeypatch):
    """The test's own folder as the working folder, holding ``story.txt``; default limits before and after."""
    configure(Limits())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    yield
    configure(Limits())


def one_error_line(capsys, where: str) -> str:
    """Standard error, checked to be one line that names ``where`` and is no internal error or traceback."""
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert where in err and "internal error" not in err and "Traceback" not in err, err
    return err
