"""What a figure measures when no rule file names it: the open claim key's thing.

A count measures what it counts and what happened to it: "412 people were killed"
is ``people killed``, "3.6 million Syrian refugees live in Turkey" is ``people
hosted`` (verbs of one event meet in a class, and refugees, migrants and nationals a
country holds are one count of people). A noun that names an event ("2.1 million
crossings") needs no verb. Without an event the figure has no
thing and is never compared: "120,000 soldiers" alone may be any such count. A share, an amount or a measurement
measures the noun phrase tied to it: "annual inflation eased to 64.3%" (``annual
inflation``), "52.2% of the vote", "a turnout of 87%", "revenue of $94.8bn".

Things are compared as normalised words: lower case, no articles, possessives or
place names, the last word singular. Synonyms are the job of measures in rule files
(``figures/rules/measures.yaml`` ships general ones); this module is the fallback,
and it is conservative: no thing is better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from figures.context.words import alternation, classes, word_set
from figures.model import Figure


@lru_cache(maxsize=1)
def vague_nouns() -> frozenset[str]:
    """Nouns that say nothing about what is counted without an event: the people nouns and the
    vague nouns of ``claim_words.yaml``."""
    return word_set("people_nouns") | word_set("vague_nouns")


# The thing of a count of people of one nationality with no event: the nationality is its entity.
NATIONALS = "nationals"


@lru_cache(maxsize=1)
def _people_singular() -> frozenset[str]:
    """The people nouns (``people_nouns``), singular: with a nationality they count its people."""
    return frozenset(singular(w) for w in word_set("people_nouns"))


@lru_cache(maxsize=1)
def _vague_singular() -> frozenset[str]:
    return frozenset(singular(w) for w in vague_nouns())


_WORDS = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en)")
_OF_NOUN = re.compile(r"^\s+of\s+((?:[a-z][\w-]*\s*){1,3})(?=[\s,.;:]|$)")


@lru_cache(maxsize=1)
def _event_re() -> re.Pattern[str]:
    """A verb form of one event (``events`` of ``claim_words.yaml``), the longest first."""
    forms = sorted(classes("events"), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


def _event_of(form: str) -> str:
    return classes("events")[form.lower()]


# Verbs that put a value on a noun phrase: "inflation eased to 64.3%", "turnout was 87%".
_NP_WORD = r"[A-Za-z][\w'’-]*"


@lru_cache(maxsize=1)
def _before_link() -> re.Pattern[str]:
    """A noun phrase and a linking verb (``link_verbs``) right before the value."""
    return re.compile(
        rf"((?:{_NP_WORD}\s+){{0,7}}{_NP_WORD})\s+{alternation('link_verbs')}(?:\s+(?:up|down|out|in))?"
        r"(?:\s+(?:at|to|of|by|around|about|nearly|almost|some|roughly|only|just))*\s+$"
    )


_OF_AFTER = re.compile(rf"^\s+of\s+(?:(?:the|a|an|its|their|all|total)\s+)*((?:{_NP_WORD}\s*){{1,4}})")
_NOUN_OF_BEFORE = re.compile(rf"\b(?:a|an|the|its|their)\s+((?:{_NP_WORD}\s+){{0,2}}{_NP_WORD})\s+of\s+$")


def singular(word: str) -> str:
    """A rough singular, enough to make "refugees" and "refugee" one word."""
    w = word.lower()
    if w in word_set("singular_already"):
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        return w[:-1]
    return w


def normalise(phrase: str, strip_places: Callable[[str], str]) -> str:
    """A noun phrase as a thing: lower case, without articles, possessives, places; last word singular."""
    words = []
    for raw in _WORDS.findall(strip_places(phrase)):
        w = _POSSESSIVE.sub("", raw)
        if not w or w.lower() in word_set("thing_drop") or w.isdigit():
            continue
        words.append(w.lower())
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def event_near(text: str) -> str | None:
    """The event class named first in ``text`` (a short stretch next to a figure), if any."""
    m = _event_re().search(text)
    return _event_of(m.group(1)) if m else None


def _verb_next(text: str) -> bool:
    """Does ``text`` go on with a verb ("... of Kyrgyzstan became citizens"), not a noun ("of Russian men")?"""
    words = text.split()
    if not words:
        return False
    first = words[0].lower()
    return (
        first in word_set("auxiliaries")
        or first in ("became", "become", "becomes", "got", "get", "gets")
        or bool(_event_re().match(text.lstrip()))
        or (first.endswith("ed") and len(first) > 3)
    )


def count_thing(figure: Figure, after: str, before: str, strip_places: Callable[[str], str]) -> tuple[str, str] | None:
    """(thing, cue) for a count: its counted noun and the event that happened to it."""
    noun = normalise(figure.noun, strip_places) if figure.noun else ""
    place_only = bool(figure.noun) and not noun
    if place_only:
        noun = "people"  # "63,389 Tajiks": the place goes to the entity, the count is of people
    if not noun:
        return None
    # "1.45 million citizens of Tajikistan were working": the place was the entity's, the verb follows it
    skipped = _place_of(after, strip_places)
    after = after[skipped:]
    event = _event(after, before, strip_places)
    if not place_only:
        noun = _with_of_noun(noun, after, strip_places)
    noun = " ".join(noun.split()[-2:])  # "368 laboratory-confirmed measles cases" is "measles case" too
    nationality = bool(skipped) or normalise(figure.noun, lambda p: p) != normalise(figure.noun, strip_places)
    noun, event = _as_people(noun, event, nationality)
    if event is None and nationality and noun in _people_singular():
        # "five Indians", "5 Indian nationals": people of one nationality, which is the claim's entity
        return NATIONALS, f'counted noun "{figure.noun}" (a nationality)'
    if event is None:
        return _without_event(noun, figure.noun)
    return f"{noun} {event}", f'"{figure.noun}" {event}'


def _place_of(after: str, strip_places: Callable[[str], str]) -> int:
    """The length of a place the counted people are "of" right after the count, when a verb follows it; else 0."""
    m = _OF_PLACE_LEFT.match(after)
    if m and not strip_places(m.group(1)).strip() and _verb_next(after[m.end() :]):
        return m.end()
    return 0


def _event(after: str, before: str, strip_places: Callable[[str], str]) -> str | None:
    """The event: the verb after the noun ("were killed"), or one right before the figure ("killed 412")."""
    event = _event_after(strip_places(after).split())
    if (event is None or event == "displaced") and _hosting_before().search(before[-60:]):
        return "hosted"  # "Germany has taken in 1.6 million people fleeing the war"
    return event or _event_before(before)


def _event_after(words: list[str]) -> str | None:
    """The event the first words after a count name, past its auxiliaries."""
    for i, w in enumerate(words[:6]):
        lw = w.strip(",.;:").lower()
        if lw in word_set("auxiliaries"):
            continue
        if lw in word_set("not_event"):
            return None  # "14 people and injured 62": the verb after "and" belongs to the next figure
        if w[-1:] in ",;:":
            m = _event_re().fullmatch(lw)  # "1.56 million refugees registered, followed by ..."
            return _event_of(m.group(1)) if m else None
        m = _event_re().match(" ".join(words[i : i + 3]))
        if m:
            return _event_of(m.group(1))
        return lw if _PARTICIPLE.fullmatch(lw) else None
    return None


def _event_before(before: str) -> str | None:
    """An event verb right before the figure, past a word of approximation: "killed 412", "displaced some 300"."""
    m = re.search(r"(\w+(?:\s+\w+)?)\s+(?:some\s+|about\s+|nearly\s+|at\s+least\s+)?$", before[-40:])
    if m and _event_re().fullmatch(m.group(1).split()[-1]):
        return _event_of(m.group(1).split()[-1])
    return None


def _with_of_noun(noun: str, after: str, strip_places: Callable[[str], str]) -> str:
    """The counted noun with what an "of" after it names: "386 cases of measles" is "measles case"."""
    m = _OF_NOUN.match(after)
    if not m:
        return noun
    stops = word_set("stop_after_of") | word_set("not_event") | word_set("time_words")
    kept = []
    for w in m.group(1).split():
        if w.lower() in stops:
            break
        kept.append(w)
    of = normalise(" ".join(kept), strip_places)
    return f"{of} {noun}" if of else noun


def _as_people(noun: str, event: str | None, nationality: bool) -> tuple[str, str | None]:
    """Refugees, migrants and nationals a country holds as one count of people, and their event."""
    if noun in word_set("migrants") and event in (None, "employed", "hosted"):
        event = "hosted"  # "Tajik migrants working in Russia" and "living in Russia": the migrants a country holds
    if noun in (_hosted_people() | word_set("migrants")) and (event == "hosted" or (event is not None and nationality)):
        # "refugees registered in Poland" and "Ukrainians in Poland"; "Tajik nationals naturalised" and
        # "Tajiks naturalised": one count of people
        noun = "people"
    return noun, event


def _without_event(noun: str, counted: str) -> tuple[str, str] | None:
    """A count with no event: a noun phrase specific on its own ("measles cases", "border crossings") is
    enough, a bare noun ("120,000 soldiers") is not."""
    words = noun.split()
    if words[-1] in word_set("event_nouns") and words[0] not in vague_nouns():
        return noun, f'counted noun "{counted}"'  # "11.5 million crossings": the noun is the event
    if len(words) < 2 or words[0] in vague_nouns() or words[0] in _vague_singular():
        return None  # a bare noun, or a vague one qualified by another ("people cases") says too little
    return noun, f'counted noun "{counted}"'


@lru_cache(maxsize=1)
def _hosting_before() -> re.Pattern[str]:
    """A verb before a count that says a country holds the people it counts (``hosting_verbs``)."""
    return re.compile(
        rf"\b{alternation('hosting_verbs')}\s+"
        r"(?:(?:some|about|nearly|almost|roughly|around|more\s+than|at\s+least|over|an\s+estimated)\s+)?$",
        re.IGNORECASE,
    )


_OF_PLACE_LEFT = re.compile(r"^\s*of\s+(?:the\s+)?((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,3})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _hosted_people() -> frozenset[str]:
    """Words for people a host country counts, whatever their status: one count in many wordings."""
    return frozenset(singular(w) for w in word_set("people_nouns")) | word_set("hosted_people")


# The cue of a thing that a change was made to ("raised the minimum wage by 55%"): the figure is
# the change, and whoever made it is not whose value it is.
CHANGED = "change in"


@lru_cache(maxsize=1)
def _change_in_after() -> re.Pattern[str]:
    """What a change changes, after its noun (``change_nouns``): "a 45% increase in the minimum wage"."""
    return re.compile(
        rf"^[\s-]*(?:[a-z-]+\s+)?{alternation('change_nouns')}\s+in\s+"
        r"(?:the\s+|its\s+|their\s+)?((?:[a-z][\w-]*\s*){1,3})"
    )


@lru_cache(maxsize=1)
def _object_by_before() -> re.Pattern[str]:
    """... and the object of its verb (``change_verbs``): "raised the minimum wage by 55%"."""
    return re.compile(
        rf"\b{alternation('change_verbs')}\s+(?:the\s+|its\s+|their\s+)?((?:[A-Za-z][\w-]*\s+){{1,3}})by\s+"
        r"(?:(?:about|nearly|almost|some|roughly|around)\s+)?$"
    )


def _head_phrase(words: str) -> str:
    """The head of a noun phrase: up to three words before its first preposition ("coverage of the
    two-dose course among five-year-olds in England" is "coverage")."""
    out = []
    for w in words.split():
        if w.lower() in word_set("prepositions") and out:
            break
        out.append(w)
    return " ".join(out[-3:])


@lru_cache(maxsize=1)
def _money_verb_before() -> re.Pattern[str]:
    """What is done with an amount (``money_verbs``): "ordered to forfeit $4.2 billion"."""
    forms = sorted(classes("money_verbs"), key=len, reverse=True)
    return re.compile(
        r"\b(" + "|".join(forms) + r")\s+(?:(?:a|an|about|some|nearly|almost|"
        r"roughly|more\s+than|at\s+least|up\s+to|another|a\s+further|over)\s+)*$",
        re.IGNORECASE,
    )


def _phrase(words: str) -> str:
    kept = []
    for w in words.split():
        if w.lower() in word_set("stop_after_of") or w.lower() in word_set("time_words"):
            break
        kept.append(w)
    return " ".join(kept)


def property_thing(
    figure: Figure, before: str, after: str, strip_places: Callable[[str], str]
) -> tuple[str, str] | None:
    """(thing, cue) for a share, amount or measurement: the noun phrase the value belongs to.

    The readers are tried in order; the first that finds a thing, or that finds the whole named
    elsewhere, decides.
    """
    for read in (_money_use, _changed, _of_whole, _noun_of_before, _linked_phrase):
        found = read(figure, before, after, strip_places)
        if found is not None:
            return None if found == _ELSEWHERE else found
    return None


# What a reader finds when the figure's whole is named elsewhere ("a third of them"): no thing, and no
# later reader may find one.
_ELSEWHERE = ("", "")


def _money_use(figure: Figure, before: str, after: str, strip_places: Callable[[str], str]) -> tuple[str, str] | None:
    """What is done with an amount: "ordered to forfeit $4.2 billion" is an amount to forfeit."""
    if figure.dimension != "currency":
        return None
    m = _money_verb_before().search(before[-60:])
    if m:
        return f"amount to {classes('money_verbs')[m.group(1).lower()]}", f'"{m.group(1)}"'
    return None


def _changed(figure: Figure, before: str, after: str, strip_places: Callable[[str], str]) -> tuple[str, str] | None:
    """What a change changes: "a 45% increase in the minimum wage", "raised the minimum wage by 55%"."""
    for m in (_change_in_after().match(after), _object_by_before().search(before)):
        if m:
            thing = " ".join(normalise(_phrase(m.group(1)), strip_places).split()[-2:])
            if thing and thing.split()[-1] not in vague_nouns():
                return thing, f'{CHANGED} "{m.group(1).strip()}"'
    return None


def _of_whole(figure: Figure, before: str, after: str, strip_places: Callable[[str], str]) -> tuple[str, str] | None:
    """The whole a share or an amount is of: "52.2% of the vote", "revenue of $94.8bn" reads on."""
    m = _OF_AFTER.match(after)
    if m and m.group(1).split()[0].lower() in word_set("pronouns"):
        return _ELSEWHERE  # "a third of them": the whole is named elsewhere
    if not m or figure.dimension not in ("percent", "currency"):
        return None
    words = []
    for w in m.group(1).split():
        if w.lower() in word_set("stop_after_of"):
            break
        words.append(w)
    thing = normalise(" ".join(words), strip_places)
    if not thing:
        return None
    return f"share of {thing}" if figure.dimension == "percent" else thing, f'"of {" ".join(words)}"'


def _noun_of_before(
    figure: Figure, before: str, after: str, strip_places: Callable[[str], str]
) -> tuple[str, str] | None:
    """A noun and "of" right before the value: "a turnout of 87%"."""
    m = _NOUN_OF_BEFORE.search(before)
    if m:
        thing = normalise(m.group(1), strip_places)
        if thing and thing.split()[-1] not in word_set("whole_nouns"):
            return thing, f'"{m.group(1)} of"'
    return None


def _linked_phrase(
    figure: Figure, before: str, after: str, strip_places: Callable[[str], str]
) -> tuple[str, str] | None:
    """A noun phrase and its verb right before the value: "annual inflation eased to 64.3%"."""
    m = _before_link().search(before[-160:])
    if not m:
        return None
    phrase = _head_phrase(m.group(1))
    thing = normalise(phrase, strip_places)
    if thing and thing.split()[-1] not in vague_nouns() and not thing.endswith(("it", "they", "he", "she", "which")):
        return thing, f'"{phrase}"'
    return None
