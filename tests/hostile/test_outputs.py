"""Outputs appear whole or not at all; a failed run leaves the previous file as it was."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from figures.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = str(ROOT / "data" / "articles")
PREVIOUS = b"the previous output"


@pytest.fixture
def article(tmp_path) -> str:
    path = tmp_path / "story.txt"
    path.write_text("Officials said 12 people died and 40 were hurt.\n", encoding="utf-8")
    return str(path)


# Every command that writes a file, with the argument that names the file.
WRITERS = [
    ("report", ["report", "{article}", "-o", "{out}"], "report.html"),
    ("worksheet xlsx", ["worksheet", "{article}", "-o", "{out}"], "worksheet.xlsx"),
    ("worksheet csv", ["worksheet", "{article}", "-o", "{out}"], "worksheet.csv"),
    ("check", ["check", "--isolated", "{article}", "-o", "{out}"], "findings.txt"),
    ("extract", ["extract", "{article}", "-o", "{out}"], "figures.txt"),
]


def _argv(template: list[str], **values: str) -> list[str]:
    return [a.format(**values) for a in template]


@pytest.mark.parametrize(("case", "template", "name"), WRITERS, ids=[w[0] for w in WRITERS])
def test_a_mistyped_path_leaves_the_previous_output(case, template, name, tmp_path, article, capsys):
    out = tmp_path / name
    out.write_bytes(PREVIOUS)
    argv = _argv(template, article=article, out=str(out))
    argv.insert(argv.index(article) + 1, str(tmp_path / "no-such-story.txt"))
    if template[0] == "worksheet":
        argv.append("--force")  # the previous output is no worksheet, so it could be a person's work
    assert main(argv) == 2
    assert out.read_bytes() == PREVIOUS
    assert "not written" in capsys.readouterr().err


@pytest.mark.parametrize(("case", "template", "name"), WRITERS, ids=[w[0] for w in WRITERS])
def test_a_missing_folder_is_one_clear_error(case, template, name, tmp_path, article, capsys):
    out = tmp_path / "no-such-folder" / name
    assert main(_argv(template, article=article, out=str(out))) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not out.parent.exists()


def test_a_read_only_folder_is_one_clear_error(tmp_path, article, capsys, monkeypatch):
    # Root may write in any folder, so the refusal is simulated where the file is created.
    import tempfile

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    out = tmp_path / "report.html"
    out.write_bytes(PREVIOUS)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["report", article, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Permission denied" in err
    assert out.read_bytes() == PREVIOUS


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders; simulated in the test above")
def test_a_really_read_only_folder(tmp_path, article, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "report.html").write_bytes(PREVIOUS)
    folder.chmod(0o555)
    try:
        assert main(["report", article, "-o", str(folder / "report.html")]) == 2
        assert (folder / "report.html").read_bytes() == PREVIOUS
    finally:
        folder.chmod(0o755)


def test_a_full_disk_leaves_the_previous_file_and_no_temporary_file(tmp_path, article, capsys, monkeypatch):
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, _data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    out = tmp_path / "worksheet.xlsx"
    out.write_bytes(PREVIOUS)
    assert main(["worksheet", article, "-o", str(out), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert out.read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "worksheet.xlsx"]


def _fill_in(path: Path, verdict: str = "confirmed") -> None:
    wb = load_workbook(path)
    ws = wb["Claims"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Verdict") + 1).value = verdict
    wb.save(path)


@pytest.mark.slow
def test_a_filled_in_worksheet_is_overwritten_only_with_force(tmp_path, article, capsys):
    out = tmp_path / "worksheet.xlsx"
    assert main(["worksheet", article, "-o", str(out)]) == 0
    assert main(["worksheet", article, "-o", str(out)]) == 0  # nothing filled in yet: replaced
    _fill_in(out)
    filled = out.read_bytes()
    capsys.readouterr()
    assert main(["worksheet", article, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "1 row with something written in the checker's columns" in err and "--force" in err
    assert out.read_bytes() == filled
    assert main(["worksheet", article, "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != filled


def _xlsx_with(tmp_path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Claims"
    for row in rows:
        ws.append(row)
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    return path


def _zip_bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # 300 MB of zeros packs into about 300 KB and is never unpacked by the import.
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    return path


IMPORTS = [
    ("not a zip", lambda t: (t / "w.xlsx").write_bytes(b"just text, renamed") and t / "w.xlsx", "not an .xlsx"),
    ("zip bomb", _zip_bomb, "more than a worksheet ever holds"),
    ("wrong columns", lambda t: _xlsx_with(t, [["Name", "Value"], ["a", "1"]]), "missing column(s) ID, Verdict"),
    ("empty", lambda t: _xlsx_with(t, []), "the worksheet is empty"),
    ("formula verdict", lambda t: _xlsx_with(t, [["ID", "Verdict"], ["c1", '=HYPERLINK("http://x","y")']]), "row 2"),
    ("bad verdict", lambda t: _xlsx_with(t, [["ID", "Verdict"], ["c1", "maybe"]]), "row 2: verdict 'maybe'"),
    ("a zip that is no workbook", lambda t: _plain_zip(t), "cannot be read as a spreadsheet"),
]


def _plain_zip(tmp_path: Path) -> Path:
    path = tmp_path / "w.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return path


@pytest.mark.parametrize(
    ("case", "make", "reason"),
    [pytest.param(*i, id=i[0], marks=[pytest.mark.slow] if i[0] == "zip bomb" else []) for i in IMPORTS],
)
def test_importing_a_hostile_worksheet_is_one_clear_error(case, make, reason, tmp_path, capsys):
    path = make(tmp_path)
    verdicts = tmp_path / "verdicts.yaml"
    assert main(["worksheet", "--import", str(path), "--verdicts", str(verdicts)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err, err
    assert not verdicts.exists()
