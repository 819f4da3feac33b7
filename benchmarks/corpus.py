"""The benchmark corpus: the seed articles when present, else the example articles."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def documents() -> tuple[str, list[str]]:
    """Name of the corpus and its documents' texts."""
    if SEEDS.is_dir() and any(SEEDS.glob("*.txt")):
        return "seed articles", [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = sorted((ROOT / "data" / "articles").glob("*.md"))
    return "example articles", [p.read_text(encoding="utf-8") for p in paths]


def repeated(docs: list[str], size: int) -> list[str]:
    """The documents cycled until their total size reaches ``size`` bytes."""
    out: list[str] = []
    total = 0
    while total < size:
        for doc in docs:
            out.append(doc)
            total += len(doc.encode("utf-8"))
            if total >= size:
                break
    return out
