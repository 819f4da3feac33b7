"""Who a figure is about, and whether it is limited to a city or region.

Places come from the world gazetteer (``figures.context.gazetteer``) merged with the
entities of rule files. A figure's entity is, in order:

1. a place or demonym in its counted noun ("63,389 Tajiks", "Syrian refugees");
2. a place tied to it by a preposition right after it, inside its clause ("64.3% in
   Turkey", "28% of Kyrgyzstan's GDP", "in Ankara alone");
3. the nearest place before it in its clause that is not the object of another verb
   ("Turkey's annual inflation", "In Kyrgyzstan, those who fight for Russia face ..."
   is Kyrgyzstan, not Russia);
4. the topic of the sentence or the paragraph's previous sentence;
5. the article's main country (title, first paragraph, dateline).

A city or region keeps its scope (``place``), so a figure for Ankara is never compared
with one for all of Turkey. A count of people a country hosts is about where the people
are from, with the host as its place (:func:`hosted`): "1.36 million Ukrainians in
Poland" and "Poland hosts 1.56 million refugees" (in an article about refugees from
Ukraine) are one claim.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from figures.context.figure_context import FigureContext
from figures.context.gazetteer import Place, World
from figures.context.words import alternation, word_set


@dataclass(frozen=True)
class Attachment:
    """The entity a figure is about, its sub-national scope, and why."""

    entity: str | None
    place: str | None = None
    how: str = ""
    locative: bool = False  # named as where the figure holds ("in China"), not as an owner ("Brazil's")


# A place right after the figure, tied to it: "in Turkey", "of Kyrgyzstan's", "across the EU".
_TIED_AFTER = re.compile(
    r"\s*(?:[\w'’%-]+\s+){0,3}?(?:in|from|of|for|across|among|within|throughout|at)\s+(?:the\s+|all\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _object_before() -> re.Pattern[str]:
    """A place that is the object of another word (``object_words``) is not what the clause is about:
    "fight for Russia"."""
    return re.compile(rf"\b{alternation('object_words')}\s+(?:the\s+)?$", re.IGNORECASE)


# A locative or subject reading: "In Turkey," "Turkey's", "Turkish inflation".
_TOPIC_BEFORE = re.compile(
    r"\W*(?:[A-Z][A-Z ]+,?\s+\w+\s+\d+\s*(?:\([^)]*\))?\s*[—–-]+\s*)?"  # a dateline: "ANKARA, Jan 3 (Wire) -"
    r"(?:(?:in|across|throughout|within|inside|for|at)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)


def _scope(place: Place, sentence: str) -> Attachment:
    """The entity of a place, and its city or region when that narrows the figure: a place that names
    something else (:func:`names_other`) only says which country."""
    if place.kind in ("city", "region") and not names_other(sentence, place):
        return Attachment(place.country, place.name)
    return Attachment(place.country)


@lru_cache(maxsize=1)
def _name_goes_on() -> re.Pattern[str]:
    """After a place, words that make it part of another name or a body's name: "the Denver Broncos", "a
    Texas jury", "the Nebraska volleyball team" (``place_bodies``). Not an area word ("Gaziantep Province",
    "Kansas City") nor the place's own authority ("the Ohio Department of Health", ``place_authorities``):
    what they count is the place's."""
    keeps = rf"(?:{alternation('area_nouns')}\b(?!\s+of\b)|{alternation('place_authorities')}\b|city\b)"
    return re.compile(
        rf"\s+(?!{keeps})(?:(?-i:[A-Z])[\w'’-]*[a-z]|(?:(?-i:[a-z])[\w-]+\s+)?{alternation('place_bodies')}\b)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _venue_of_before() -> re.Pattern[str]:
    """A venue's or body's name ending in "of" before a place (``venue_nouns``, ``place_bodies``): "the
    University of Kansas", "the Court of Appeal of Paris"."""
    nouns = rf"(?:{alternation('venue_nouns')}|{alternation('place_bodies')})"
    return re.compile(rf"\b(?=(?-i:[A-Z])){nouns}\s+of\s+(?:the\s+)?$", re.IGNORECASE)


# A dateline that ends with a colon: "Pune: At least 18 ..." (the city where the story was written).
_COLON_DATELINE = re.compile(r"\s*(?:\([^)]*\)\s*)?:\s")


def names_other(sentence: str, place: Place) -> bool:
    """Whether a city or region is part of another name, names a body that acts, or is a dateline:
    where the story was written, whose jury or team it is, says nothing of where a figure holds
    against its country."""
    if place.start == 0 and _COLON_DATELINE.match(sentence, place.end):
        return True
    if _venue_of_before().search(sentence, max(0, place.start - 40), place.start):
        return True
    return place.surface.endswith("-based") or bool(_name_goes_on().match(sentence, place.end))


def main_country(places: World, title: str, lead: str) -> str | None:
    """The country an article is about: the one named most in its title and first paragraph, if clear."""
    counts: Counter[str] = Counter()
    for text, weight in ((title, 2), (lead, 1)):
        for p in places.find(text):
            if p.kind != "group":
                counts[p.country] += weight
    if not counts:
        return None
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None  # no clear main country: better none than a guess
    return ranked[0][0]


def attach(places: World, fc: FigureContext, noun: str) -> Attachment | None:
    """The entity of the figure from its own sentence, or ``None``; ``noun`` is what it counts."""
    if noun:
        p = places.in_noun(noun)
        if p is not None:
            # "Syrian refugees in Turkey": the nationality is the entity, where they are is the scope
            where = _residence(fc)
            if where is not None and where.country != p.country:
                return Attachment(p.country, where.name, f'"{noun}" in {where.surface}')
            return Attachment(p.country, p.name if p.kind in ("city", "region") else None, f'"{noun}"')
        if len({q.country for q in places.find(noun)}) > 1:
            return Attachment(None, None, f'several places in "{noun}"')
    where = _location(fc)
    if where is not None:
        a = _scope(where, fc.sentence)
        how = "after the figure" if where.start >= fc.end else "in its clause"
        # "sales in China" narrows a subject's figure; "In Turkey, Erdogan won ..." before it sets its scene
        scene = where.end <= fc.start and _SUBJECT_BETWEEN.match(fc.sentence, where.end, fc.start) is not None
        locative = not scene and bool(_LOCATIVE_BEFORE.search(fc.sentence[max(0, where.start - 30) : where.start]))
        return Attachment(a.entity, a.place, f'"{where.surface}" {how}', locative)
    topic = sentence_topic(fc.places, fc.sentence, fc.start)
    if topic is not None:
        return Attachment(topic.entity, topic.place, topic.how)
    return None


def _location(fc: FigureContext) -> Place | None:
    """The place a figure is tied to in its clause: right after it, or the nearest before it that is
    not the object of another word."""
    found, sentence, fig_start, fig_end = fc.places, fc.sentence, fc.start, fc.end
    c_start, c_end = fc.clause
    after = [p for p in found if fig_end <= p.start < min(fc.segment[1], c_end) and p.kind != "demonym"]
    if after and _TIED_AFTER.fullmatch(sentence[fig_end : after[0].start]):
        return after[0]
    for p in reversed([p for p in found if c_start <= p.start and p.end <= fig_start]):
        if not _object_before().search(sentence[max(c_start, p.start - 40) : p.start]):
            return p
    return None


# A name between a place and the figure: the place is the scene of that name's act, "In Turkey, Erdogan won".
_SUBJECT_BETWEEN = re.compile(r",?\s+(?-i:[A-Z])[\w-]+\s+(?-i:[a-z])")  # not a possessive: "China, Apple's region"

_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|across|within|throughout|inside|at)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+){0,2}$", re.IGNORECASE
)

# Where people of a nationality are: "Ukrainians in Poland", "Germany has registered ... Ukrainians".
_LOCATED_AFTER = re.compile(
    r"\s*(?:[\w'’%-]+\s+){0,3}?(?:in|across|within|throughout|inside|at)\s+(?:the\s+)?$", re.IGNORECASE
)
_LOCATED_BEFORE = re.compile(r"(?:^|\b(?:in|across|within|throughout|inside|at)\s+(?:the\s+)?)$", re.IGNORECASE)


def _residence(fc: FigureContext) -> Place | None:
    """The country, city or region where the people a figure counts are, if its clause says."""
    sentence, fig_start, fig_end = fc.sentence, fc.start, fc.end
    c_start, c_end = fc.clause
    places = [p for p in fc.places if p.kind in ("country", "city", "region")]
    after = [p for p in places if fig_end <= p.start < min(fc.segment[1], c_end)]
    if after and _LOCATED_AFTER.fullmatch(sentence[fig_end : after[0].start]):
        return after[0]
    for p in reversed([p for p in places if c_start <= p.start and p.end <= fig_start]):
        if _LOCATED_BEFORE.search(sentence[c_start : p.start].rstrip(" ,")) or not sentence[c_start : p.start].strip():
            return p
    return None


def sentence_topic(found: Sequence[Place], sentence: str, before: int | None = None) -> Attachment | None:
    """The place a sentence is about, named before ``before``: one that opens it ("In Turkey, ...",
    "Turkey's ..."), else the only country named there that is not the object of a verb."""
    limit = len(sentence) if before is None else before
    ahead = [p for p in found if p.end <= limit]
    for p in ahead:
        if p.start == 0 or _TOPIC_BEFORE.fullmatch(sentence[: p.start]):
            a = _scope(p, sentence)
            return Attachment(a.entity, a.place, f'"{p.surface}" opens the sentence')
    subjects = [p for p in ahead if not _object_before().search(sentence[max(0, p.start - 40) : p.start])]
    countries = {p.country for p in subjects}
    if len(countries) == 1:
        # "hospitals in Leeds and Sheffield": one country, and no one city of it
        scopes = {_scope(p, sentence).place for p in subjects}
        a = _scope(subjects[0], sentence)
        place = a.place if len(scopes) == 1 else None
        return Attachment(a.entity, place, f'"{subjects[0].surface}" in the sentence')
    return None


# "at" is left out: what a figure holds "at" is a club, a company or a venue ("at Northfield Rovers")
_LOCATIVE = re.compile(
    r"\b(?:in|across|throughout|within)\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]*\s+){0,4}?(?:of\s+(?:the\s+)?)?"
    r"((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,2})",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _named_area() -> re.Pattern[str]:
    """A name followed by a word for an area within a country (``area_nouns``): "Al Haouz province"."""
    return re.compile(
        rf"((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){{0,2}})\s+{alternation('area_nouns')}\b",
        re.IGNORECASE,
    )


def unknown_scope(places: World, text: str, lower: frozenset[str] = frozenset()) -> str | None:
    """A place the gazetteer does not know, named as where a figure holds ("In Taroudant the ministry
    counted 492 deaths"): kept as the figure's scope, so a province is never compared with its country.

    ``lower`` holds the words the article writes in lower case: a name that opens with one of them
    ("in Incredible style") is capitalised by its place, not a name. A name that ends with a word
    for an organisation or a venue (``venue_nouns``: "the Coastal League") is not an area.
    """
    for m in (*_LOCATIVE.finditer(text), *_named_area().finditer(text)):
        name = m.group(1)
        words = [_POSSESSIVE_END.sub("", w) for w in name.split()]
        if (
            words[0] in word_set("not_places")
            or words[0].lower() in lower
            or words[-1].lower() in word_set("venue_nouns")
            or places.find(name)
        ):
            continue
        return name
    return None


_POSSESSIVE_END = re.compile(r"['’]s?$")


# --- people hosted: a count of people of one nationality in another country ---------------------
#
# "1.36 million Ukrainians in Poland", "Poland hosts 1.56 million refugees", "Germany has taken in
# 1.6 million people fleeing the war in Ukraine" state one kind of claim: how many people from one
# country a host country holds. Its entity is where the people are from, its place the host.


@lru_cache(maxsize=1)
def _origin_before() -> re.Pattern[str]:
    """Where the people come from, after the figure (``origin_words``, ``conflict_nouns``): "fleeing the war
    in Ukraine", "from Syria"."""
    return re.compile(
        rf"\b(?:{alternation('origin_words')}|{alternation('conflict_nouns')}\s+(?:in|on))"
        r"\s+(?:the\s+(?:war\s+in\s+)?)?$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _hosted_in() -> re.Pattern[str]:
    """A place the people are in: "in Poland", "to Germany", "hosted by Turkey" (``hosted_by``)."""
    return re.compile(rf"\b(?:in|into|to|across|within|{alternation('hosted_by')}\s+by)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _host_verb_after() -> re.Pattern[str]:
    """A host named before the figure (``host_verbs``): the clause's subject, or "followed by Germany
    with 1.06 million"."""
    return re.compile(
        rf"^[\s,]*(?:(?:[\w'’-]+,?\s+){{0,5}}?{alternation('host_verbs')}\b|\s*,?\s*with\b)", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _origin_people() -> re.Pattern[str]:
    """People after a nationality (``people_nouns``, ``origin_people``): "Syrian refugees"."""
    nouns = sorted(word_set("people_nouns") | word_set("origin_people"), key=lambda w: (-len(w), w))
    return re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in nouns) + r")\b")


def main_origin(places: World, title: str, lead: str) -> str | None:
    """The country the people an article counts come from, if its title and lead make it clear:
    "Ukrainians", "refugees from Ukraine", "Syrian refugees", "fleeing the war in Sudan"."""
    found: Counter[str] = Counter()
    for text in (title, lead):
        for p in places.find(text):
            if p.kind == "group":
                continue
            plural_people = p.kind == "demonym" and p.surface.endswith("s")
            if plural_people or _origin_before().search(text[max(0, p.start - 40) : p.start]):
                found[p.country] += 1
            elif p.kind == "demonym" and _origin_people().match(text, p.end):
                found[p.country] += 1
    if len(found) != 1:
        return None
    return next(iter(found))


def hosted(places: World, fc: FigureContext, origin: str | None) -> Attachment | None:
    """Entity (where the people are from) and place (the host country) of a count of people hosted.

    ``origin`` is the article's (see :func:`main_origin`), used when the sentence names none.
    ``None`` when either side cannot be told: such a count is not compared.
    """
    noun = fc.figure.noun
    if noun and len({p.country for p in places.find(noun)}) > 1:
        return None  # "10 Tajik and Uzbek citizens": about neither country alone
    noun_place = places.in_noun(noun) if noun else None
    in_noun = (noun_place.country, f'"{noun}"') if noun_place is not None and noun_place.kind != "city" else None
    host, named = _host_and_origin_after(fc)
    source = in_noun or named or ((origin, "the article's refugees") if origin is not None else None)
    host = host or _host_before(fc)
    if host is None or source is None or host.country == source[0]:
        return None
    return Attachment(source[0], host.name, f"{source[1]} in {host.surface}", True)


def _host_and_origin_after(fc: FigureContext) -> tuple[Place | None, tuple[str, str] | None]:
    """The host country ("in Poland") and the origin, with how it was named ("from Syria"), after the figure."""
    host: Place | None = None
    origin: tuple[str, str] | None = None
    for p in fc.places:
        if not (fc.end <= p.start < fc.own_end) or p.kind == "demonym":
            continue
        gap = fc.sentence[max(fc.end, p.start - 40) : p.start]
        if _origin_before().search(gap):
            origin = origin or (p.country, f'from "{p.surface}"')
        elif host is None and _hosted_in().search(gap) and p.kind == "country":
            host = p
    return host, origin


def _host_before(fc: FigureContext) -> Place | None:
    """A host country before the figure that a host verb follows: "Poland hosts 1.56 million refugees"."""
    for p in reversed([p for p in fc.places if fc.own_start <= p.start and p.end <= fc.start]):
        if p.kind == "country" and _host_verb_after().match(fc.sentence[p.end : fc.start]):
            return p
    return None
