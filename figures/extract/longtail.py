"""The long tail of units, read from quantulum3's unit lexicon.

quantulum3 ships a curated list of a few hundred units with their written
surfaces and symbols. Its parser is slow to load and not deterministic across hash
seeds, so figures reads only the data file: surfaces become entries of a lookup
table keyed by lower-cased phrase, symbols by their exact spelling. Units whose
names are ordinary English words ("set", "barn", "gray"), and the families the core
lexicon already covers (currencies, time, plain counts), are left out so that a
plain number never turns into a nonsense unit.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

from figures.extract.lexicon import UnitWord
from figures.extract.words import word_map, word_set
from figures.model import Dimension

_SKIP_ENTITIES = word_set("longtail_skip_entities")
# Unit names and surfaces that are ordinary words in news text.
_SKIP_WORDS = word_set("longtail_skip_words")
# quantulum3's entity names that are a figure's dimension under another name. A kind
# of quantity with no dimension of its own (pressure, force, charge) keeps its unit
# under "count": dropping the unit would make "5,000mAh" look like a model code.
_ENTITY_DIMENSIONS: dict[str, str] = word_map("longtail_dimensions")
_DIMENSIONS = {d.value for d in Dimension}


_PINT_NAMES = {
    "degree fahrenheit": "degree_Fahrenheit",
    "degree rankine": "degree_Rankine",
    "degree angle": "degree",
    "minute of arc": "arcminute",
    "second of arc": "arcsecond",
    "inverse second": "1 / second",
    "newton metre": "newton * meter",
    "light-year": "light_year",
    "millimetre of mercury": "millimeter_Hg",
    "inch of mercury": "inch_Hg",
}


def _pint_name(name: str) -> str:
    """Turn a quantulum3 unit name into the spelling pint parses."""
    name = name.strip()
    if name.lower() in _PINT_NAMES:
        return _PINT_NAMES[name.lower()]
    name = re.sub(r"\bsquare (\w+)", r"\1 ** 2", name)
    name = re.sub(r"\bcubic (\w+)", r"\1 ** 3", name)
    name = name.replace(" per ", " / ")
    name = re.sub(r"metre\b", "meter", re.sub(r"litre\b", "liter", name))  # pint's own spelling, as figures writes it
    name = re.sub(r"(?<=\w)-(?=\w)", "_", name)  # "pound-force" -> pound_force
    parts = re.split(r"(\s*(?:\*\*|\*|/)\s*)", name)
    return "".join(p.strip().replace(" ", "_") if not re.fullmatch(r"\s*(?:\*\*|\*|/)\s*", p) else p for p in parts)


def _plural(surface: str) -> str:
    if " per " in surface:
        head, _, tail = surface.partition(" per ")
        return f"{_plural(head)} per {tail}"
    words = surface.split(" ")
    last = words[-1]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and not last.endswith(("ay", "ey", "oy", "uy")):
        last = last[:-1] + "ies"
    elif last.endswith("foot"):
        last = last[:-4] + "feet"
    else:
        last += "s"
    return " ".join(words[:-1] + [last])


def _data_path() -> Path | None:
    spec = importlib.util.find_spec("quantulum3")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "units.json"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def longtail_units() -> tuple[dict[str, UnitWord], dict[str, UnitWord]]:
    """Return ``(by_surface, by_symbol)``: lower-cased phrases and exact symbols."""
    path = _data_path()
    by_surface: dict[str, UnitWord] = {}
    by_symbol: dict[str, UnitWord] = {}
    if path is None:
        return by_surface, by_symbol
    data = json.loads(path.read_text(encoding="utf-8"))
    for name in sorted(data):
        entry = data[name]
        entity = entry.get("entity", "")
        if entity in _SKIP_ENTITIES or name.lower() in _SKIP_WORDS:
            continue
        dimension = _ENTITY_DIMENSIONS.get(entity, entity.replace(" ", "_"))
        if dimension not in _DIMENSIONS:
            dimension = Dimension.COUNT.value
        unit = UnitWord(_pint_name(name), dimension)
        surfaces = [name, *entry.get("surfaces", [])]
        for surface in surfaces:
            low = surface.lower().strip()
            if len(low) < 3 or low in _SKIP_WORDS or not re.fullmatch(r"[a-z][a-z \-]*[a-z]", low):
                continue
            by_surface.setdefault(low, unit)
            by_surface.setdefault(_plural(low), unit)
        for symbol in entry.get("symbols", []):
            # Mixed-case or non-letter symbols ("kPa", "km²", "m/s") are safe; an
            # all-lower or all-upper run of letters is too often a word or acronym.
            if len(symbol) < 2 or (symbol.isalpha() and (symbol.islower() or symbol.isupper())):
                continue
            by_symbol.setdefault(symbol, unit)
    return by_surface, by_symbol
