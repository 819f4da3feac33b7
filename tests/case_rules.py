"""The rules a YAML case carries (sqlfluff's ``configs:``), written out and loaded over the defaults."""

from __future__ import annotations

from pathlib import Path

import yaml

from figures.rules.loader import load_rulebook
from figures.rules.records import Rulebook


def rulebook_for(case: dict, folder: Path) -> Rulebook:
    """The case's own rules (file name -> content) over the package's defaults; the defaults alone
    when it brings none."""
    if not case.get("rules"):
        return load_rulebook(None)
    for name, content in case["rules"].items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return load_rulebook(folder)
