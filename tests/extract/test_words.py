"""The word lists of extraction: the data file loads, passes its schema, and every list has cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from figures.core.errors import RuleFileError
from figures.extract import words

CASES_DIR = Path(__file__).parent / "cases"

# For each list, the cases that exercise it ("file: case name"); each case's text holds a
# word of its list.
LIST_CASES = {
    "qualifiers_before": ["qualifiers: up to", "bounds: greater than"],
    "qualifiers_after": ["qualifiers: or more", "bounds: or greater"],
    "qualifiers_after_at_end": [
        "bound_words: and higher at the end of a phrase",
        "bound_words: and higher before a noun is a comparative, not a bound",
    ],
    "currency_prefixes": ["currencies: australian dollar sign", "currencies: country letters after the dollar sign"],
    "scaled_currencies": ["currencies: MEUR", "currencies: MUSD"],
    "units_after": ["units: gigahertz glued", "unit_names: terawatt hours"],
    "spaced_short_units_ok": ["units: micrograms"],
    "time_units": ["durations: for a year"],
    "period_adjectives": ["percent_money: monthly adjective after"],
    "period_nouns": ["percent_money: per month after a currency"],
    "scale_words": ["composition: lakh", "composition: crore with rupees"],
    "scale_abbreviations": [
        "currencies: a scale written mil glued to ringgit",
        "currencies: a scale written bil glued to ringgit",
    ],
    "safe_scale_abbreviations": [
        "numerals: bn abbreviation after a currency symbol",
        "change_level: increased by billions to billions",
    ],
    "period_links": [
        "percent_money: rubles with a dollar equivalent is one amount, not a negative dollar amount",
        "percent_money: annual salary differs in period",
    ],
    "denominators": ["rates: dollars a barrel", "rates: per share"],
    "vague_amounts": ["number_words: dozens is a vague interval", "number_words: tens of thousands"],
    "group_words": ["number_words: a dozen"],
    "months": ["not_quantities: full date"],
    "month_abbreviations": [
        "not_quantities_names: lower-case date",
        "not_quantities_names: lower-case abbreviated month before a day and a comma",
    ],
    "cent_country_letters": [
        "currencies: country letters glued before cents",
        "currencies: New Zealand letters glued before cents",
    ],
    "identifier_words": ["not_quantities: article of a code", "not_quantities: section and row labels"],
    "quarter_openers": [
        "not_quantities_copy: the first three months of a year name a quarter",
        "not_quantities_copy: the previous three months name the quarter before",
    ],
    "code_titles": ["not_quantities_copy: a title of the US code is a label"],
    "time_zones": ["not_quantities_copy: a 24-hour clock time with an Australian zone"],
    "pronoun_one_before": ["not_quantities_names: one of the best"],
    "one_idiom_next": ["number_words: pronoun one is not a figure", "number_words: one another is no count"],
    "one_of_pronouns": ["number_words: one of a possessive is a pronoun"],
    "one_of_the_classes": [
        "not_quantities_names: one of the best",
        "number_words: one of the first is a class not a count",
    ],
    "year_before": ["not_quantities: calendar year"],
    "spelled_year_before": ["number_forms: a year spelled in words is a date"],
    "glued_k_words": ["number_forms: an upper-case K glued to a price"],
    "one_times_compared": ["multiplier_forms: one point two times book value is a multiplier"],
    "kind_compounds": ["left_misreads: a three-way race is no count"],
    "phrase_end_labels": [
        "not_quantities_copy: a count of an indictment is a label",
        "not_quantities_copy: labels listed after a plural label word",
    ],
    "model_determiners": ["not_quantities_names: model number before a singular noun"],
    "singular_count_nouns": [
        "quantities_in_copy: a count before a singular noun that measures it",
        "quantities_in_copy: a majority written as a bare count",
    ],
    "stopwords": ["nouns: verb is not a noun"],
    "million_nouns": ["composition: m suffix before people", "composition: m suffix before tonnes"],
    "up_verbs": ["direction: gained with a decimal", "direction: grew by a count"],
    "down_verbs": ["direction: slid", "direction: a change after contracting"],
    "up_price_verbs": ["direction: a currency that strengthened"],
    "down_price_verbs": ["direction: rebounded and depreciated"],
    "by_only_verbs": ["direction: base form of raise before by"],
    "by_only_down_verbs": ["direction: lowered by is a fall"],
    "weak_verbs": ["direction: jobs shed", "direction: children lost are not a change"],
    "particle_verbs": ["direction: edged higher", "direction: ticked up to is a level not a bound"],
    "move_verbs": ["change_level: went from one level to another is not a range"],
    "change_fillers": ["direction: fell by with qualifier"],
    "be_words": ["direction: up and down"],
    "up_nouns": ["direction: a rise of"],
    "down_nouns": ["direction: noun after the figure"],
    "up_after_figure": ["direction: firmer after a closing verb", "direction: higher after the figure"],
    "down_after_figure": ["direction: weaker after a closing verb", "direction: lower after the figure"],
    "down_comparatives": ["direction: lighter than before is a fall"],
    "earlier_periods": [
        "direction: fewer than a year earlier is a fall",
        "direction: below the level of an earlier time is a fall",
    ],
    "last_periods": ["direction: bigger than last season is a rise", "direction: above last year is a rise"],
    "past_markers": [
        "direction: fewer than a year earlier is a fall",
        "direction: below the level of an earlier time is a fall",
    ],
    "odds_nouns": [
        "direction: a lower risk compares two groups, it is no change",
        "direction: an increase in a risk compares two groups",
    ],
    "odds_adjectives": ["direction: more likely compares two groups"],
    "threshold_words": ["direction: a threshold crossed is a level", "direction: climbed above is a level"],
    "not_change_particle_verbs": ["direction: a share of a noun of change is no change"],
    "amount_nouns": ["direction: a loss of money is an amount not a fall", "direction: a loss of a share is a fall"],
    "object_determiners": ["direction: points docked"],
    "change_nouns": ["direction: jobs added", "direction: points docked"],
    "not_gapped": ["direction: a second figure with a verb of its own keeps it"],
    "noun_time_words": ["nouns: adverb is not a noun"],
    "comparatives": ["composition: a comparative after a fraction is not its whole"],
    "irregular_plurals": ["nouns: plural noun"],
    "not_plural": ["nouns: singular noun ending in -s"],
    "verbs": ["nouns: verb is not a noun"],
    "not_a_person": ["ages: a count between commas after a total is not an age"],
    "person_nouns": ["ages: an age after a word for a relative that ends the sentence"],
    "over_more_than": ["durations: for over a time is more than"],
    "rate_words": ["unit_names: points after fell by on a rate", "unit_names: a poll lead in points"],
    "index_words": [
        "unit_names: index points are not percentage points",
        "unit_names: a game's points are not percentage points",
    ],
    "person_words": ["ages: an age threshold after people at"],
    "period_count_openers": [
        "multipliers: a plural count of quarters stays a period",
        "quantities_in_copy: three quarters of a company's year are a count, not a fraction",
    ],
    "half_period_openers": ["not_quantities: the first half of a year is a period"],
    "point_openers": ["quantities_in_copy: a percentage point is one", "quantities_in_copy: a point after by is one"],
    "duration_openers": ["durations: for a year", "durations: a year before a verb is a duration"],
    "fraction_next_words": ["composition: a third is a share of its whole", "number_words: a third of GDP is a share"],
    "number_prefixes": [
        "composition: minus hyphenated to a number of degrees",
        "ages: the over-N group is an age lower bound",
    ],
    "part_openers": [
        "structure: parts opened by including are some of the total",
        "structure: parts opened by of whom are some of the total",
    ],
    "age_kinds": ["ages: a retirement age", "ages: the average age of a group"],
    "decimal_words": [
        "separators: an average before a dotted count keeps its decimals",
        "separators: a median before a dotted count keeps its decimals",
    ],
    "range_words": [
        "ranges: word to digits range shares the unit",
        "change_level: from to without a verb of change stays a range",
    ],
    "motion_words": [
        "range_ends: from and to after a verb of motion is two levels",
        "range_ends: from and to after charging is two levels",
    ],
    "street_words": ["not_quantities_names: street number"],
    "longtail_skip_entities": ["not_quantities: no nonsense unit for a plain number"],
    "longtail_dimensions": ["units: long-tail data unit is data"],
    "money_shape_only_prefixes": [
        "currencies: rand written R before the amount",
        "currencies: a road numbered with R is no money",
    ],
    "compared_nouns": ["shared_units: a limit stated as a bare number takes the unit measured against it"],
    "level_nouns": [
        "multipliers: times the figure of an earlier time is a rise",
        "multipliers: times the total of a named year is a rise",
    ],
    "height_nouns": [
        "direction: a building rising storeys is a height",
        "direction: floors a tower climbs are a height",
    ],
    "poll_words": ["unit_names: points ahead in a poll named after them are percentage points"],
    "plural_change_nouns": ["direction: plural nouns of change before a list"],
    "weight_words": [
        "units: pound as a mass when weighing",
        "unit_names: pounds a truck tows are weight",
        "unit_names: pounds of a payload are weight",
    ],
    "longtail_skip_words": ["not_quantities: a unit name that is an ordinary word is no unit"],
    "local_dollars": [
        "wire_money: a bare dollar sign in a story about an Australian city is the Australian dollar",
        "wire_money: a bare dollar sign on the Toronto exchange is the Canadian dollar",
    ],
    "us_dollar_words": ["wire_money: a bare dollar sign stays American when the story names the US too"],
    "million_noun_adjectives": ["wire_money: a capital B for billion before an adjective and its people"],
    "temperature_words": [
        "unit_naming: bare degrees in a story about the weather are degrees Celsius",
        "unit_naming: bare degrees of heat above what Celsius reaches on Earth are Fahrenheit",
    ],
}
# Lists of kinds of quantity, not of words a text holds.
_NOT_IN_TEXT = {"longtail_skip_entities", "longtail_dimensions"}


def _cases() -> dict[str, str]:
    out = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out[f"{path.stem}: {case['name']}"] = case["text"]
    return out


def _entries(name: str) -> list[str]:
    value = words.data()[name]
    if name == "units_after":
        return [s for entry in value for s in entry["surfaces"]]
    if name == "local_dollars":
        return [w for names in value.values() for w in names]
    return list(value)


def _holds(text: str, phrase: str) -> bool:
    flags = 0 if phrase != phrase.lower() else re.IGNORECASE
    return re.search(r"(?<![A-Za-z])" + re.escape(phrase) + r"(?![A-Za-z])", text, flags) is not None


def test_the_file_passes_its_schema() -> None:
    schema = json.loads(words.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(words.data(), schema, cls=jsonschema.Draft202012Validator)
    assert words.problems(words.data(), schema, schema) == []


@pytest.mark.parametrize("name", sorted(LIST_CASES))
def test_each_list_loads_and_has_cases(name: str) -> None:
    assert _entries(name), f"{name} is empty"
    cases = _cases()
    for case in LIST_CASES[name]:
        assert case in cases, f"{name}: no case {case!r}"
        if name not in _NOT_IN_TEXT:
            text = cases[case]
            assert any(_holds(text, p) for p in _entries(name)), f"{name}: {case!r} holds none of its words"


def test_every_list_is_named_here() -> None:
    assert sorted(words.data()) == sorted(LIST_CASES)


def test_skipped_kinds_are_kinds_quantulum3_has() -> None:
    from figures.extract.longtail import _data_path

    path = _data_path()
    if path is None:
        pytest.skip("quantulum3 is not installed")
    kinds = {entry.get("entity", "") for entry in json.loads(path.read_text(encoding="utf-8")).values()}
    assert set(words.data()["longtail_skip_entities"]) <= kinds


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _broken(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(words.WORDS_FILE.read_text(encoding="utf-8"))
    change(data)
    return _write(tmp_path, yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("up_verbs"), "missing 'up_verbs'"),
        (lambda d: d.update(extra_list=["x"]), "unknown key 'extra_list'"),
        (lambda d: d.update(up_verbs="rose"), "up_verbs: expected an array"),
        (lambda d: d["down_verbs"].append("fell"), "down_verbs: 'fell' is listed twice"),
        (lambda d: d["qualifiers_before"].update({"up to": "roughly"}), "qualifiers_before.up to: 'roughly'"),
        (lambda d: d["units_after"][0].pop("unit"), "units_after[0]: missing 'unit'"),
        (lambda d: d["vague_amounts"].update(dozens=[24]), "vague_amounts.dozens: fewer than 2 items"),
        (lambda d: d["stopwords"].append(""), "stopwords[172]: an empty word"),
    ],
)
def test_a_broken_file_is_one_clear_error(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleFileError) as caught:
        words.load(_broken(tmp_path, change))
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "words.yaml"))


def test_aliases_are_refused(tmp_path: Path) -> None:
    text = words.WORDS_FILE.read_text(encoding="utf-8").replace("up_verbs: [", "up_verbs: &up [", 1)
    with pytest.raises(RuleFileError, match="aliases"):
        words.load(_write(tmp_path, text))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        words.load(_write(tmp_path, "up_verbs: [rose\nfell: ]\n"))
    assert "invalid YAML" in str(caught.value)
