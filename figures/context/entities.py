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
from dataclasses import dataclass
from functools import lru_cache

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


def _scope(place: Place) -> Attachment:
    if place.kind in ("city", "region"):
        return Attachment(place.country, place.name)
    return Attachment(place.country)


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


def attach(
    places: World,
    sentence: str,
    fig_start: int,
    fig_end: int,
    noun: str,
    clause: tuple[int, int],
    segment_end: int,
    mentions: list[Place] | None = None,
) -> Attachment | None:
    """The entity of the figure at ``sentence[fig_start:fig_end]`` from its own sentence, or ``None``.

    ``mentions`` are the places of the sentence (found once per sentence by the caller).
    """
    found = places.find(sentence) if mentions is None else mentions
    if noun:
        p = places.in_noun(noun)
        if p is not None:
            # "Syrian refugees in Turkey": the nationality is the entity, where they are is the scope
            where = _residence(found, sentence, fig_start, fig_end, clause, segment_end)
            if where is not None and where.country != p.country:
                return Attachment(p.country, where.name, f'"{noun}" in {where.surface}')
            return Attachment(p.country, p.name if p.kind in ("city", "region") else None, f'"{noun}"')
        if len({q.country for q in places.find(noun)}) > 1:
            return Attachment(None, None, f'several places in "{noun}"')
    where = _location(found, sentence, fig_start, fig_end, clause, segment_end)
    if where is not None:
        a = _scope(where)
        how = "after the figure" if where.start >= fig_end else "in its clause"
        locative = bool(_LOCATIVE_BEFORE.search(sentence[max(0, where.start - 30) : where.start]))
        return Attachment(a.entity, a.place, f'"{where.surface}" {how}', locative)
    topic = sentence_topic(found, sentence, fig_start)
    if topic is not None:
        return Attachment(topic.entity, topic.place, topic.how)
    return None


def _location(
    found: list[Place], sentence: str, fig_start: int, fig_end: int, clause: tuple[int, int], segment_end: int
):
    """The place a figure is tied to in its clause: right after it, or the nearest before it that is
    not the object of another word."""
    c_start, c_end = clause
    after = [p for p in found if fig_end <= p.start < min(segment_end, c_end) and p.kind != "demonym"]
    if after and _TIED_AFTER.fullmatch(sentence[fig_end : after[0].start]):
        return after[0]
    for p in reversed([p for p in found if c_start <= p.start and p.end <= fig_start]):
        if not _object_before().search(sentence[max(c_start, p.start - 40) : p.start]):
            return p
    return None


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|across|within|throughout|inside|at)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+){0,2}$", re.IGNORECASE
)

# Where people of a nationality are: "Ukrainians in Poland", "Germany has registered ... Ukrainians".
_LOCATED_AFTER = re.compile(
    r"\s*(?:[\w'’%-]+\s+){0,3}?(?:in|across|within|throughout|inside|at)\s+(?:the\s+)?$", re.IGNORECASE
)
_LOCATED_BEFORE = re.compile(r"(?:^|\b(?:in|across|within|throughout|inside|at)\s+(?:the\s+)?)$", re.IGNORECASE)


def _residence(
    found: list[Place], sentence: str, fig_start: int, fig_end: int, clause: tuple[int, int], segment_end: int
):
    """The country, city or region where the people a figure counts are, if its clause says."""
    c_start, c_end = clause
    places = [p for p in found if p.kind in ("country", "city", "region")]
    after = [p for p in places if fig_end <= p.start < min(segment_end, c_end)]
    if after and _LOCATED_AFTER.fullmatch(sentence[fig_end : after[0].start]):
        return after[0]
    for p in reversed([p for p in places if c_start <= p.start and p.end <= fig_start]):
        if _LOCATED_BEFORE.search(sentence[c_start : p.start].rstrip(" ,")) or not sentence[c_start : p.start].strip():
            return p
    return None


def sentence_topic(found: list[Place], sentence: str, before: int | None = None) -> Attachment | None:
    """The place a sentence is about, named before ``before``: one that opens it ("In Turkey, ...",
    "Turkey's ..."), else the only country named there that is not the object of a verb."""
    limit = len(sentence) if before is None else before
    ahead = [p for p in found if p.end <= limit]
    for p in ahead:
        if p.start == 0 or _TOPIC_BEFORE.fullmatch(sentence[: p.start]):
            a = _scope(p)
            return Attachment(a.entity, a.place, f'"{p.surface}" opens the sentence')
    subjects = [p for p in ahead if not _object_before().search(sentence[max(0, p.start - 40) : p.start])]
    countries = {p.country for p in subjects}
    if len(countries) == 1:
        a = _scope(subjects[0])
        return Attachment(a.entity, a.place, f'"{subjects[0].surface}" in the sentence')
    return None


_LOCATIVE = re.compile(
    r"\b(?:in|at|across|throughout|within)\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]*\s+){0,4}?(?:of\s+(?:the\s+)?)?"
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


def unknown_scope(places: World, text: str) -> str | None:
    """A place the gazetteer does not know, named as where a figure holds ("In Taroudant the ministry
    counted 492 deaths"): kept as the figure's scope, so a province is never compared with its country."""
    for m in (*_LOCATIVE.finditer(text), *_named_area().finditer(text)):
        name = m.group(1)
        if name.split()[0] in word_set("not_places") or places.find(name):
            continue
        return name
    return None


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
def _host_before() -> re.Pattern[str]:
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


def hosted(
    places: World,
    sentence: str,
    fig_start: int,
    fig_end: int,
    noun: str,
    clause: tuple[int, int],
    segment: tuple[int, int],
    found: list[Place],
    origin: str | None,
) -> Attachment | None:
    """Entity (where the people are from) and place (the host country) of a count of people hosted.

    ``origin`` is the article's (see :func:`main_origin`), used when the sentence names none.
    ``None`` when either side cannot be told: such a count is not compared.
    """
    c_start, c_end = clause
    seg_start, seg_end = segment
    if noun and len({p.country for p in places.find(noun)}) > 1:
        return None  # "10 Tajik and Uzbek citizens": about neither country alone
    noun_place = places.in_noun(noun) if noun else None
    source = noun_place.country if noun_place is not None and noun_place.kind != "city" else None
    how_from = f'"{noun}"' if source else ""
    host: Place | None = None
    for p in found:
        if not (fig_end <= p.start < min(seg_end, c_end)) or p.kind == "demonym":
            continue
        gap = sentence[max(fig_end, p.start - 40) : p.start]
        if _origin_before().search(gap):
            if source is None:
                source, how_from = p.country, f'from "{p.surface}"'
        elif host is None and _host_before().search(gap) and p.kind == "country":
            host = p
    if host is None:
        for p in reversed([p for p in found if max(c_start, seg_start) <= p.start and p.end <= fig_start]):
            if p.kind == "country" and _host_verb_after().match(sentence[p.end : fig_start]):
                host = p
                break
    if source is None and origin is not None:
        source, how_from = origin, "the article's refugees"
    if host is None or source is None or host.country == source:
        return None
    return Attachment(source, host.name, f"{how_from} in {host.surface}", True)
