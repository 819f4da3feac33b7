"""Who a figure is about, anywhere in the world: the gazetteer shipped in ``figures/data``.

``figures/data/gazetteer.json`` is built by ``data/gazetteer/build.py`` (see its README)
and holds every country with its names, demonyms, capital, large cities and first-level
regions, a few multi-country groups, and phrases that must match as nothing. :class:`World`
loads it, merges the rulebook's entities over it and finds mentions in text::

    world = load_world(rulebook.entities)
    world.find("Turkey's 3.2 million Syrians")   # [Place(TR country "Turkey"), Place(SY demonym "Syrians")]
    world.in_noun("Tajikistan-born workers")     # Place(TJ country "Tajikistan-born")
    world.name("KG")                             # "Kyrgyzstan"
    world.members("central_asia")                # frozenset({"KG", "KZ", "TJ", "TM", "UZ"})

Matching is case-sensitive and looks only at capitalised words: each one is looked up
in a dict keyed by the first word of every name, and the longest name that fits there
wins, so "Papua New Guinea" beats "Guinea" and "South American" (blocked) hides
"American". The pronoun "us" never matches; "US" does.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from figures.rules.records import Entity

KINDS = ("country", "demonym", "city", "region", "group")

# Capitalised words that may stand next to a place without making it part of a person's
# name ("Aid To Jordan", "Northern Israel"); any other capitalised word beside a name that
# is also a surname or a given name makes it a person ("Michael Jordan", "Jordan Peterson").
_NEIGHBOURS = frozenset(
    """A About Across After Against All Although An And As At Because Before Between Both But By
    Central East Eastern For From Greater If In Including Into Like Lower Near Neighbouring
    Neighboring Nor North Northern Of On Or Over Since South Southern Than The Through To Under
    Unlike Upper Via West Western When Where While With Without
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December""".split()
)
_SUFFIXES = ("-born", "-based")
# Same-length replacements, so offsets into the normalised text are offsets into the original.
_NORMALISE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\n": " ", "\r": " ", "\t": " ", "\u00a0": " "})
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
# A capitalised word that does not continue a word, a handle or a path.
_CANDIDATE = re.compile(rf"(?<![\w@/])[{_UPPER}][^\W\d_]*")
_FIRST_WORD = re.compile(rf"[{_UPPER}][^\W\d_]*")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'-]*) $")
_WORD_AFTER = re.compile(r" ([^\W\d_][\w.'-]*)")
_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True, slots=True)
class Place:
    """One mention of a place in text.

    ``country`` is an ISO 3166-1 alpha-2 code, a group id such as ``"central_asia"``, or
    the id of a rulebook entity. ``kind`` says what the words are: a ``country`` name, a
    ``demonym`` (adjective or people), a ``city``, a ``region`` (first-level subdivision)
    or a ``group`` name. ``name`` is the display name of the country or group for
    countries, demonyms and groups, and the city's or region's own name otherwise.
    ``text[start:end] == surface``; a possessive 's is left out, a ``-born`` or
    ``-based`` suffix is kept ("Tajikistan-born" is the country TJ).
    """

    country: str
    kind: str
    name: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class _Name:
    country: str | None  # None: a blocked phrase, matched to hide the shorter names inside it
    kind: str
    name: str
    prefix: str  # lowercase words before the first capitalised one ("sub-" in "sub-Saharan Africa")
    rest: str


@functools.cache
def _gazetteer() -> dict[str, Any]:
    """The shipped gazetteer, parsed once per process."""
    return json.loads(files("figures").joinpath("data", "gazetteer.json").read_text(encoding="utf-8"))


def _gazetteer_names(data: dict[str, Any]) -> Iterator[tuple[str, str | None, str, str]]:
    """Every name of the gazetteer as (surface, place id, kind, display name), in the order a later one wins.

    A blocked phrase has no place id: it is matched only to hide the shorter names inside it.
    """
    for code, c in data["countries"].items():
        yield from ((s, code, "country", c["name"]) for s in c["names"])
        yield from ((s, code, "demonym", c["name"]) for s in c["demonyms"])
        for kind, key in (("city", "cities"), ("region", "regions")):
            for canonical, forms in c[key].items():
                yield from ((s, code, kind, canonical) for s in forms)
    for gid, g in data["groups"].items():
        yield from ((s, gid, "group", g["name"]) for s in g["names"])
        yield from ((s, gid, "demonym", g["name"]) for s in g["demonyms"])
    yield from ((s, None, "", "") for s in data["blocked"])


def _add(surfaces: dict[str, _Name], surface: str, place_id: str | None, kind: str, name: str) -> None:
    first = _FIRST_WORD.search(surface)
    if first is None:
        return
    surfaces[surface] = _Name(place_id, kind, name, surface[: first.start()], surface[first.start() :])


class World:
    """Every country, its cities and regions, and the groups of the gazetteer, with the
    rulebook's entities merged over them.

    A rulebook entity whose id is a country (``kind: country``) adds its names and
    demonyms to that country and gives it its display name. One whose id is a country
    but whose kind is ``region`` replaces that country: its id means what the rulebook
    says (a rule that names ``CA`` for Central Asia must not catch Canada). Any other
    id adds a place of kind ``region`` or ``group``. Rulebook names win over the
    gazetteer's wherever both claim the same words.
    """

    def __init__(self, extra: Mapping[str, Entity] | None = None) -> None:
        data = _gazetteer()
        self._names: dict[str, str] = {code: c["name"] for code, c in data["countries"].items()}
        self._members: dict[str, frozenset[str]] = {}
        for gid, g in data["groups"].items():
            self._names[gid] = g["name"]
            self._members[gid] = frozenset(g["members"])
        surfaces: dict[str, _Name] = {}
        for surface, place_id, kind, name in _gazetteer_names(data):
            _add(surfaces, surface, place_id, kind, name)
        extra = extra or {}
        for eid in sorted(extra):
            self._merge(surfaces, eid, extra[eid], data["countries"])
        # A rulebook's display name also names the place on every older surface.
        for s, n in list(surfaces.items()):
            if n.country is not None and n.kind in ("country", "demonym", "group"):
                if n.name != self._names[n.country]:
                    surfaces[s] = _Name(n.country, n.kind, self._names[n.country], n.prefix, n.rest)

        self._surfaces = surfaces
        index: dict[str, list[_Name]] = {}
        for s in sorted(surfaces, key=lambda s: (-len(s), s)):
            n = surfaces[s]
            index.setdefault(_FIRST_WORD.match(n.rest).group(), []).append(n)  # type: ignore[union-attr]
        self._index = index
        self._surnames = frozenset(data["person_names"])
        self._given_names = frozenset(data["given_names"])
        self.demonyms: frozenset[str] = frozenset(
            [s for s, n in surfaces.items() if n.kind == "demonym"]
            + [s + "-born" for s, n in surfaces.items() if n.kind in ("country", "demonym")]
        )

    def _merge(self, surfaces: dict[str, _Name], eid: str, entity: Entity, countries: Mapping[str, Any]) -> None:
        """Merge one rulebook entity over the gazetteer's names, as the class says."""
        if eid in countries and entity.kind != "country":
            for s in [s for s, n in surfaces.items() if n.country == eid]:
                del surfaces[s]
        if eid in countries and entity.kind == "country":
            kind = "country"
        elif eid in self._members or entity.kind != "region":
            kind = "group"
        else:
            kind = "region"
        self._names[eid] = entity.name
        for s in (entity.name, *entity.names):
            _add(surfaces, s, eid, kind, entity.name)
        for s in entity.demonyms:
            _add(surfaces, s, eid, "demonym", entity.name)

    def name(self, place_id: str) -> str:
        """Display name of a country, group or rulebook entity id ("TR" -> "Turkey")."""
        try:
            return self._names[place_id]
        except KeyError:
            raise KeyError(f"no country or group with id {place_id!r}") from None

    def knows(self, place_id: str) -> bool:
        """Is ``place_id`` a country, group or rulebook entity id?"""
        return place_id in self._names

    def members(self, group_id: str) -> frozenset[str]:
        """The country ids of a group; empty for a country or an unknown id."""
        return self._members.get(group_id, frozenset())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Place]:
        """Every place mentioned in ``text[start:end]``, in order, without overlaps."""
        end = len(text) if end is None else end
        segment = text[start:end].translate(_NORMALISE)
        urls = [m.span() for m in _URL.finditer(segment)] if ("://" in segment or "www." in segment) else []
        out: list[Place] = []
        done = 0
        for m in _CANDIDATE.finditer(segment):
            pos = m.start()
            if pos < done or any(a <= pos < b for a, b in urls):
                continue
            for n in self._index.get(m.group(), ()):
                match = self._match(segment, pos, n)
                if match is None:
                    continue
                first, last = match
                done = last
                if n.country is not None:
                    a, b = start + first, start + last
                    out.append(Place(n.country, n.kind, n.name, a, b, text[a:b]))
                break
        return out

    def in_noun(self, noun: str) -> Place | None:
        """The single place a counted noun names ("Syrian refugees" -> SY), else ``None``."""
        places = self.find(noun)
        return places[0] if places and len({p.country for p in places}) == 1 else None

    def _match(self, text: str, pos: int, n: _Name) -> tuple[int, int] | None:
        """(start, end) of name ``n`` at ``pos`` in ``text``, or None if it is not there."""
        first = pos - len(n.prefix)
        if first < 0 or not text.startswith(n.rest, pos) or (n.prefix and text[first:pos] != n.prefix):
            return None
        last = pos + len(n.rest)
        if _joined_before(text, first) or _joined_after(text, last):
            return None
        last = _past_suffix(text, last)
        one_word_place = n.kind in ("city", "region") and " " not in n.rest
        if (one_word_place or n.rest in self._surnames) and self._name_word(
            _WORD_BEFORE.search(text, max(0, first - 40), first)
        ):
            return None
        if n.rest in self._given_names and self._name_word(_WORD_AFTER.match(text, last)):
            return None
        return first, last

    def _name_word(self, m: re.Match[str] | None) -> bool:
        """True when ``m`` found a capitalised word that is neither a place nor a function word."""
        if m is None:
            return False
        word = m.group(1)
        if not word[0].isupper() or word.rstrip(".,;:") in _NEIGHBOURS:
            return False
        return not any(w in self._surfaces for w in (word, word.rstrip(".,;:"), word.split("-")[0]))


def _joined_before(text: str, first: int) -> bool:
    """Whether a name starting at ``first`` continues a word, a handle or a path."""
    before = text[max(0, first - 2) : first]
    if before[-1:].isalnum() or before[-1:] in ("_", "@", "/"):
        return True
    return before[-1:] in ("'", ".") and before[:1].isalpha() and len(before) == 2  # "d'Ivoire", "news.Turkey"


def _joined_after(text: str, last: int) -> bool:
    """Whether a name ending at ``last`` goes on as a word, an elision, a domain, a path or an address."""
    after = text[last : last + 2]
    if after[:1].isalnum() or after[:1] == "_":
        return True
    possessive = after == "'s" and not text[last + 2 : last + 3].isalnum()
    if after[:1] == "'" and after[1:2].isalpha() and not possessive:
        return True
    return after[:1] in "./@" and after[1:2].isalnum()  # a domain, path or address


def _past_suffix(text: str, last: int) -> int:
    """The end of a name with a ``-born`` or ``-based`` after it ("Tajikistan-born"), else ``last``."""
    for suffix in _SUFFIXES:
        if text.startswith(suffix, last) and not text[last + len(suffix) : last + len(suffix) + 1].isalnum():
            return last + len(suffix)
    return last


@functools.cache
def _default_world() -> World:
    return World()


def load_world(extra: Mapping[str, Entity] | None = None) -> World:
    """The world with ``extra`` (usually ``rulebook.entities``) merged in; without it, one shared World."""
    return World(extra) if extra else _default_world()
