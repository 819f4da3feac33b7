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

from figures.model import Figure

# Nouns that say nothing about what is counted without an event.
VAGUE_NOUNS = frozenset(
    """people person persons individuals men women children kids others those ones times cases units items things
    figures points percent years months days weeks hours minutes members residents citizens nationals adults""".split()
)
_WORDS = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en)")
_TIME_WORDS = frozenset("last this next previous year years month months week weeks day days so far".split())
_OF_NOUN = re.compile(r"^\s+of\s+((?:[a-z][\w-]*\s*){1,3})(?=[\s,.;:]|$)")
# Words dropped from a thing: they do not change what is measured.
_DROP = frozenset(
    """the a an its their his her our this that these those such some any all each every of its' total overall
    current latest new official officially reported estimated roughly about around nearly almost some just only
    than more less fewer over under own country country's nation's nation national and or both""".split()
)
_AUX = frozenset(
    """have has had were was are is been being be reportedly also already now so far still officially
    reported believed thought said feared known confirmed estimated to who that which""".split()
)
_NOT_EVENT = frozenset(
    """in on at of for from by with and or but as to into than per a an the this that these those their its his her
    aged each who which while whom according last this next since between during over under about around""".split()
)
# Verb forms of one event, so that paraphrases meet: the class name is what the key says.
_EVENTS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "died", "dead", "die", "dies", "perished", "lost their lives", "lost his life", "slain"),
    "injured": ("injured", "wounded", "hurt"),
    "missing": ("missing",),
    "displaced": ("displaced", "fled", "flee", "flees", "evacuated", "uprooted", "homeless"),
    "arrived": ("arrived", "arrive", "arrives", "entered", "enter", "enters", "crossed", "came", "come", "landed"),
    "detained": ("arrested", "detained", "held", "captured"),
    "deported": ("deported", "expelled", "returned", "removed"),
    "naturalised": (
        "naturalised",
        "naturalized",
        "became citizens",
        "received citizenship",
        "acquired citizenship",
        "obtained citizenship",
        "granted citizenship",
        "were granted citizenship",
    ),
    "voted": ("voted", "vote", "cast", "turned out"),
    "vaccinated": ("vaccinated", "inoculated", "immunised", "immunized", "jabbed"),
    "infected": ("infected", "tested positive", "fell ill", "sickened"),
    "hospitalised": ("hospitalised", "hospitalized", "admitted"),
    "employed": ("employed", "working", "work", "works", "worked"),
    "hosted": (
        "live",
        "lives",
        "living",
        "reside",
        "resides",
        "residing",
        "sheltered",
        "hosted",
        "registered",
        "registered for temporary protection",
        "registered for protection",
        "granted temporary protection",
        "granted protection",
        "given temporary protection",
        "given protection",
        "taken in",
        "stay",
        "stayed",
        "staying",
    ),
    "sold": ("sold", "shipped", "delivered"),
    "laid off": ("laid off", "cut", "fired", "dismissed", "lost their jobs"),
}
_EVENT_OF = {form: name for name, forms in _EVENTS.items() for form in forms}
_EVENT_RE = re.compile(
    r"\b(" + "|".join(re.escape(f) for f in sorted(_EVENT_OF, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Verbs that put a value on a noun phrase: "inflation eased to 64.3%", "turnout was 87%".
_LINK = (
    r"(?:was|is|were|are|stood|stands|came\s+in|reached|reaches|hit|hits|rose|rises|fell|falls|climbed|jumped|"
    r"dropped|eased|slowed|accelerated|surged|totalled|totaled|totals|amounted|topped|exceeded|averaged|"
    r"remained|stayed|held|increased|decreased|declined|grew|shrank|edged|ticked|soared|plunged|slid|hovered|"
    r"reported|posted|recorded|registered|came)"
)
_NP_WORD = r"[A-Za-z][\w'’-]*"
_BEFORE_LINK = re.compile(
    rf"((?:{_NP_WORD}\s+){{0,7}}{_NP_WORD})\s+{_LINK}(?:\s+(?:up|down|out|in))?"
    r"(?:\s+(?:at|to|of|by|around|about|nearly|almost|some|roughly|only|just))*\s+$"
)
_OF_AFTER = re.compile(rf"^\s+of\s+(?:(?:the|a|an|its|their|all|total)\s+)*((?:{_NP_WORD}\s*){{1,4}})")
_NOUN_OF_BEFORE = re.compile(rf"\b(?:a|an|the|its|their)\s+((?:{_NP_WORD}\s+){{0,2}}{_NP_WORD})\s+of\s+$")
_PRONOUNS = frozenset("them these those which whom it they us all its their this that".split())
_STOP_AFTER_OF = frozenset("in on at for from by with and or but as to since during while".split())


_SINGULAR_ALREADY = frozenset(
    "measles mumps rabies diabetes herpes news series species means physics economics politics".split()
)


def singular(word: str) -> str:
    """A rough singular, enough to make "refugees" and "refugee" one word."""
    w = word.lower()
    if w in _SINGULAR_ALREADY:
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
        if not w or w.lower() in _DROP or w.isdigit():
            continue
        words.append(w.lower())
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def event_near(text: str) -> str | None:
    """The event class named first in ``text`` (a short stretch next to a figure), if any."""
    m = _EVENT_RE.search(text)
    return _EVENT_OF[m.group(1).lower()] if m else None


def _verb_next(text: str) -> bool:
    """Does ``text`` go on with a verb ("... of Kyrgyzstan became citizens"), not a noun ("of Russian men")?"""
    words = text.split()
    if not words:
        return False
    first = words[0].lower()
    return (
        first in _AUX
        or first in ("became", "become", "becomes", "got", "get", "gets")
        or bool(_EVENT_RE.match(text.lstrip()))
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
    # The event: the verb after the noun ("were killed"), or one right before the figure ("killed 412").
    # "1.45 million citizens of Tajikistan were working": the place was the entity's, the verb follows it
    m = _OF_PLACE_LEFT.match(after)
    of_place = bool(m) and not strip_places(m.group(1)).strip() and _verb_next(after[m.end() :])
    if of_place:
        after = after[m.end() :]
    words = strip_places(after).split()
    event = None
    for i, w in enumerate(words[:6]):
        lw = w.strip(",.;:").lower()
        if lw in _AUX:
            continue
        if lw in _NOT_EVENT:
            break  # "14 people and injured 62": the verb after "and" belongs to the next figure
        if w[-1:] in ",;:":
            m = _EVENT_RE.fullmatch(lw)  # "1.56 million refugees registered, followed by ..."
            if m:
                event = _EVENT_OF[m.group(1).lower()]
            break
        m = _EVENT_RE.match(" ".join(words[i : i + 3]))
        if m:
            event = _EVENT_OF[m.group(1).lower()]
        elif _PARTICIPLE.fullmatch(lw):
            event = lw
        break
    if (event is None or event == "displaced") and _HOSTING_BEFORE.search(before[-60:]):
        event = "hosted"  # "Germany has taken in 1.6 million people fleeing the war"
    if event is None:
        m = re.search(r"(\w+(?:\s+\w+)?)\s+(?:some\s+|about\s+|nearly\s+|at\s+least\s+)?$", before[-40:])
        if m and _EVENT_RE.fullmatch(m.group(1).split()[-1]):
            event = _EVENT_OF[m.group(1).split()[-1].lower()]
    m = _OF_NOUN.match(after)
    if m and not place_only:
        kept = []
        for w in m.group(1).split():
            if w.lower() in _STOP_AFTER_OF or w.lower() in _NOT_EVENT or w.lower() in _TIME_WORDS:
                break
            kept.append(w)
        of = normalise(" ".join(kept), strip_places)
        if of:
            noun = f"{of} {noun}"  # "386 cases of measles" is "measles case"
    noun = " ".join(noun.split()[-2:])  # "368 laboratory-confirmed measles cases" is "measles case" too
    nationality = of_place or normalise(figure.noun, lambda p: p) != normalise(figure.noun, strip_places)
    if noun in _MIGRANTS and event in (None, "employed", "hosted"):
        event = "hosted"  # "Tajik migrants working in Russia" and "living in Russia": the migrants a country holds
    if noun in _HOSTED_PEOPLE | _MIGRANTS and (event == "hosted" or (event is not None and nationality)):
        # "refugees registered in Poland" and "Ukrainians in Poland"; "Tajik nationals naturalised" and
        # "Tajiks naturalised": one count of people
        noun = "people"
    if event is None:
        # a count says what it counts and what happened to it; a noun phrase specific on its own
        # ("measles cases", "border crossings") is enough, a bare noun ("120,000 soldiers") is not
        words = noun.split()
        if words[-1] in _EVENT_NOUNS and words[0] not in VAGUE_NOUNS:
            return noun, f'counted noun "{figure.noun}"'  # "11.5 million crossings": the noun is the event
        if len(words) < 2 or words[0] in VAGUE_NOUNS or words[0] in _VAGUE_SINGULAR:
            return None  # a bare noun, or a vague one qualified by another ("people cases") says too little
        return noun, f'counted noun "{figure.noun}"'
    return f"{noun} {event}", f'"{figure.noun}" {event}'


# Nouns that name an event, so a count of them says what happened without a verb.
_EVENT_NOUNS = frozenset(
    """crossing arrival departure death birth arrest deportation expulsion removal asylum-application
    naturalisation naturalization evacuation hospitalisation hospitalization admission layoff job-cut""".split()
)

# Verbs before a count that say a country holds the people it counts.
_HOSTING_BEFORE = re.compile(
    r"\b(?:hosts|hosted|hosting|home\s+to|taken\s+in|took\s+in|takes\s+in|taking\s+in|shelters|sheltered|"
    r"sheltering|registered|granted\s+(?:temporary\s+)?protection\s+to|welcomed|has\s+received|had\s+received)\s+"
    r"(?:(?:some|about|nearly|almost|roughly|around|more\s+than|at\s+least|over|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_OF_PLACE_LEFT = re.compile(r"^\s*of\s+(?:the\s+)?((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,3})", re.IGNORECASE)
# Workers abroad: their count is the people a host country holds, whether they "work" or "live" there.
_MIGRANTS = frozenset(("migrant", "labour migrant", "labor migrant", "migrant worker", "guest worker"))
# Words for people a host country counts, whatever their status: one count in many wordings.
_HOSTED_PEOPLE = frozenset("people refugee migrant national citizen person evacuee".split())

# The cue of a thing that a change was made to ("raised the minimum wage by 55%"): the figure is
# the change, and whoever made it is not whose value it is.
CHANGED = "change in"

# What a change changes: "a 45% increase in the minimum wage", "raised the minimum wage by 55%".
_CHANGE_IN_AFTER = re.compile(
    r"^[\s-]*(?:[a-z-]+\s+)?(?:increase|rise|jump|cut|drop|fall|decline|hike|reduction|gain|surge)\s+in\s+"
    r"(?:the\s+|its\s+|their\s+)?((?:[a-z][\w-]*\s*){1,3})"
)
_OBJECT_BY_BEFORE = re.compile(
    r"\b(?:raised|raises|lifted|lifts|increased|increases|cut|cuts|lowered|lowers|reduced|reduces|hiked|hikes|"
    r"boosted|boosts|slashed|slashes|trimmed|trims)\s+(?:the\s+|its\s+|their\s+)?((?:[A-Za-z][\w-]*\s+){1,3})by\s+"
    r"(?:(?:about|nearly|almost|some|roughly|around)\s+)?$"
)


_PREPOSITIONS = frozenset("of among in for at on by with from to across within between during under over".split())


def _head_phrase(words: str) -> str:
    """The head of a noun phrase: up to three words before its first preposition ("coverage of the
    two-dose course among five-year-olds in England" is "coverage")."""
    out = []
    for w in words.split():
        if w.lower() in _PREPOSITIONS and out:
            break
        out.append(w)
    return " ".join(out[-3:])


# What is done with an amount: "ordered to forfeit $4.2 billion", "paid $30 million in fines".
_MONEY_VERBS = {
    "forfeit": "forfeit forfeits forfeited",
    "pay": "pay pays paid paying repay repaid",
    "fine": "fine fined fines",
    "raise": "raise raised raises raising",
    "spend": "spend spends spent spending",
    "invest": "invest invests invested investing",
    "borrow": "borrow borrows borrowed borrowing",
    "lend": "lend lends lent lending",
    "owe": "owe owes owed owing",
    "donate": "donate donates donated donating",
    "award": "award awards awarded",
    "seize": "seize seized seizes",
    "cost": "cost costs costing",
    "allocate": "allocate allocated allocates earmarked earmark",
    "bill": "billed",
}
_MONEY_VERB_OF = {form: base for base, forms in _MONEY_VERBS.items() for form in forms.split()}
_MONEY_VERB_BEFORE = re.compile(
    r"\b(" + "|".join(sorted(_MONEY_VERB_OF, key=len, reverse=True)) + r")\s+(?:(?:a|an|about|some|nearly|almost|"
    r"roughly|more\s+than|at\s+least|up\s+to|another|a\s+further|over)\s+)*$",
    re.IGNORECASE,
)


def _phrase(words: str) -> str:
    kept = []
    for w in words.split():
        if w.lower() in _STOP_AFTER_OF or w.lower() in _TIME_WORDS:
            break
        kept.append(w)
    return " ".join(kept)


def property_thing(
    figure: Figure, before: str, after: str, strip_places: Callable[[str], str]
) -> tuple[str, str] | None:
    """(thing, cue) for a share, amount or measurement: the noun phrase the value belongs to."""
    if figure.dimension == "currency":
        m = _MONEY_VERB_BEFORE.search(before[-60:])
        if m:
            return f"amount to {_MONEY_VERB_OF[m.group(1).lower()]}", f'"{m.group(1)}"'
    for m in (_CHANGE_IN_AFTER.match(after), _OBJECT_BY_BEFORE.search(before)):
        if m:
            thing = " ".join(normalise(_phrase(m.group(1)), strip_places).split()[-2:])
            if thing and thing.split()[-1] not in VAGUE_NOUNS:
                return thing, f'{CHANGED} "{m.group(1).strip()}"'
    m = _OF_AFTER.match(after)
    if m and m.group(1).split()[0].lower() in _PRONOUNS:
        return None  # "a third of them": the whole is named elsewhere
    if m and figure.dimension in ("percent", "currency"):
        words = []
        for w in m.group(1).split():
            if w.lower() in _STOP_AFTER_OF:
                break
            words.append(w)
        thing = normalise(" ".join(words), strip_places)
        if thing:
            return f"share of {thing}" if figure.dimension == "percent" else thing, f'"of {" ".join(words)}"'
    m = _NOUN_OF_BEFORE.search(before)
    if m:
        thing = normalise(m.group(1), strip_places)
        if thing and thing.split()[-1] not in ("total", "number", "figure", "amount", "sum", "value", "level"):
            return thing, f'"{m.group(1)} of"'
    m = _BEFORE_LINK.search(before[-160:])  # a noun phrase and its verb stand right before the value
    if m:
        phrase = _head_phrase(m.group(1))
        thing = normalise(phrase, strip_places)
        if thing and thing.split()[-1] not in VAGUE_NOUNS and not thing.endswith(("it", "they", "he", "she", "which")):
            return thing, f'"{phrase}"'
    return None


_VAGUE_SINGULAR = frozenset(singular(w) for w in VAGUE_NOUNS)
