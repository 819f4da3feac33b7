"""Words the report pages share: a figure's value with its unit as a person writes it, a source's name.

``figures extract`` keeps its unit names singular and stable ("≤ 20 year"); a page read
by editors says "≤ 20 years", "1 year", "5–12 years".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from figures.core.figure_text import interval_text, with_rate_and_change
from figures.model import Article, Claim, Figure, Location
from figures.runtime.status import ClaimStatus, Outcome

# Unit words with no plural, or an irregular one.
_SAME = {"percent", "hertz", "lux", "siemens", "celsius", "fahrenheit", "kelvin"}
_IRREGULAR = {"foot": "feet", "penny": "pence", "man": "men", "child": "children", "person": "people"}


def plural(word: str) -> str:
    """The plural of one English unit word: year -> years, inch -> inches, century -> centuries."""
    lower = word.lower()
    if lower in _SAME or not word.isalpha():
        return word
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def unit_words(unit: str, count: float | None) -> str:
    """A unit name ("year", "square metre", "mile per hour", "degree Celsius") for ``count`` of it.

    The head word is made plural unless the count is exactly one: the last word before
    "per", or the first word when a proper name follows it ("degrees Celsius").
    Currency codes (all capitals) stay as they are.
    """
    if not unit or count == 1 or unit.isupper():
        return unit
    head, sep, rest = unit.partition(" per ")
    words = head.split(" ")
    at = 0 if len(words) > 1 and words[-1][:1].isupper() else len(words) - 1
    words[at] = plural(words[at])
    return " ".join(words) + sep + rest


def value_text(figure: Figure) -> str:
    """The figure's interval as a reader checks it: "≤ 20 years", "5–12 years", "rise of 2 percent".

    A counted noun ("Tajiks") is kept as the article wrote it; a unit is plural unless the
    value is exactly one. A fraction ("a third") is given in percent.
    """
    whole = ""
    if figure.unit == "fraction":  # "a third of the budget": 33.33 percent of budget
        figure = replace(
            figure,
            low=None if figure.low is None else round(figure.low * 100, 2),
            high=None if figure.high is None else round(figure.high * 100, 2),
            unit="percent",
            unit_name="percent",
        )
        whole = f" of {figure.noun}" if figure.noun else ""
    named = figure.unit_name or figure.unit
    text, count = interval_text(figure)
    if named:
        text += f" {unit_words(named, count)}{whole}"
    elif figure.noun:
        text += f" {figure.noun}"
    return with_rate_and_change(text, figure)


def counted(count: int, word: str) -> str:
    """ "1 source", "3 sources", "2 disagreements"."""
    return f"{count:,} {unit_words(word, count)}"


def source_name(claim: Claim) -> str:
    """Who published the claim, for a chart label or a list: the outlet, else the file's name."""
    return claim.outlet or claim.path.replace("\\", "/").rsplit("/", 1)[-1]


def headline(claim: Claim) -> str:
    """The article's headline, else its file's name."""
    return claim.title or claim.path.replace("\\", "/").rsplit("/", 1)[-1]


# What the tool found, in words that never echo a checker's verdict ("confirmed", "incorrect", "needs source",
# "not a claim"): a claim flagged only because a checker said so is not "implausible".
FLAGGED_BY_CHECKER = "flagged by checker"


def status_words(status: ClaimStatus) -> str:
    """The claim's status as the worksheet and report show it."""
    from figures.checks.verdicts import CODES as CHECKER_CODES

    if status.status == Outcome.IMPLAUSIBLE and status.codes and set(status.codes) <= set(CHECKER_CODES):
        return FLAGGED_BY_CHECKER
    return str(status.status)


def source_words(location: Location, articles: Mapping[str, Article]) -> str:
    """Another source of a disagreement as an editor names it: outlet, date and its figure as written.

    The file's name stands in for an article with no outlet.
    """
    article = articles.get(location.path)
    outlet = (article.outlet if article is not None else "") or location.path.replace("\\", "/").rsplit("/", 1)[-1]
    date = article.date if article is not None else ""
    return ", ".join(x for x in (outlet, date, f'"{location.surface}"' if location.surface else "") if x)


_SAME_CLAIM = re.compile(r"; same claim: .*$", re.DOTALL)
_PLACE = re.compile(r" \(([^()\s]+):(\d+):\d+\)")


def plain_message(message: str, outlet_of: Callable[[str], str]) -> str:
    """A finding's message for a reader: sources by outlet instead of ``path:line:column``, no claim key.

    The key ("same claim: measure prison_term; ...") is the check's reasoning in internal ids;
    the report says it in words above each group, and ``figures claims`` gives it whole.
    """

    def outlet(m: re.Match[str]) -> str:
        name = outlet_of(m.group(1))
        return f" ({name})" if name else m.group(0)

    return _PLACE.sub(outlet, _SAME_CLAIM.sub("", message))


def outlet_of(articles: Mapping[str, Article]) -> Callable[[str], str]:
    """The outlet of an article by its path, "" when unknown: what :func:`plain_message` names sources by."""
    return lambda path: article.outlet if (article := articles.get(path)) is not None else ""


_MEASURE_ID = re.compile(r"\bmeasure ([a-z][a-z0-9_]*)\b")


def plain_reason(reason: str, labels: Mapping[str, str]) -> str:
    """Why claims were judged the same, with a rule measure's words in place of its id.

    ``labels`` maps measure ids to their labels; an id with no label is kept, so nothing is lost.
    """
    return _MEASURE_ID.sub(
        lambda m: f'measure "{labels[m.group(1)]}"' if labels.get(m.group(1)) else m.group(0), reason
    )


PATHS_NAMED = 10  # checked paths a report names; a pre-commit run may pass hundreds of files


def checked_words(checked: Sequence[str]) -> tuple[list[str], str]:
    """The checked paths a report names, and "and N more paths" for the rest ("" when none)."""
    named = list(checked[:PATHS_NAMED])
    rest = len(checked) - len(named)
    return named, f"and {counted(rest, 'more path')}" if rest else ""
