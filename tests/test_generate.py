"""The benchmarks' generated archives: deterministic from a seed, shaped as their documentation says."""

from __future__ import annotations

import re
from pathlib import Path

from tests.generated import restated

ROOT = Path(__file__).resolve().parents[1]

_DATE = re.compile(r"^date: (\d{4}-\d\d-\d\d)$", re.M)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def test_restated_archive_is_the_same_for_a_seed_and_differs_across_seeds(tmp_path: Path) -> None:
    restated(tmp_path / "a", 40, seed=3)
    restated(tmp_path / "b", 40, seed=3)
    restated(tmp_path / "c", 40, seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert len(_files(tmp_path / "a")) == 40


def test_restated_articles_spread_over_a_year_and_change_some_numbers(tmp_path: Path) -> None:
    restated(tmp_path, 300, seed=1)
    sources = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "data" / "articles").glob("*.md")}
    dates, same, total = set(), 0, 0
    for name, text in _files(tmp_path).items():
        stem = Path(name).stem.rsplit("-", 1)[0]
        dates.add(_DATE.search(text).group(1))
        original = sources[stem].partition("\n---\n")[2]
        body = text.partition("\n---\n")[2]
        before, after = _NUMBER.findall(original), _NUMBER.findall(body)
        assert len(before) == len(after), name  # numbers are restated, not added or dropped
        same += sum(a == b for a, b in zip(before, after, strict=True))
        total += len(before)
    assert len({d[:7] for d in dates}) == 12  # every month of one year
    assert len({d[:4] for d in dates}) == 1
    assert 0.10 < 1 - same / total < 0.20  # about 15% of the numbers changed
