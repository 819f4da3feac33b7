"""The direction of a change: "slid 2%", "gained 3.1%", "+0.4%", "a 7% rise", "grew by 3,000".

A figure right after a verb of change (or before a noun of change) states a change,
not a level, and gets a direction. A verb followed by "to" or "from" introduces a
level ("rose to 5.2%", "fell from 4.6% to 3.9%"), so those figures get none, and a
change followed by "to" and a second figure ("rose 6.5% to 164p") is two figures,
never one range.
"""

from __future__ import annotations

import re

INCREASE = "increase"
DECREASE = "decrease"

_UP_VERBS = (
    "rose|rise|rises|rising|risen|grew|grow|grows|growing|grown|increase|increased|increases|increasing|"
    "climb|climbed|climbs|climbing|jump|jumped|jumps|jumping|soar|soared|soars|soaring|surge|surged|surges|surging|"
    "rallied|rallies|advanced|advances|leapt|leaped|leaps|spiked|spikes|expanded|expands|"
    "swelled|swells|gained|gains|gaining|added|adds|adding|edged\\s+up|ticked\\s+up|higher"
)
_DOWN_VERBS = (
    "fell|fall|falls|falling|fallen|drop|dropped|drops|dropping|decline|declined|declines|declining|slid|"
    "slide|slides|sliding|slip|slipped|slips|slump|slumped|slumps|plunge|plunged|plunges|plummet|plummeted|"
    "plummets|sank|sink|sinks|sunk|tumble|tumbled|tumbles|dip|dipped|dips|ease|eased|eases|decrease|"
    "decreased|decreases|decreasing|shrink|shrank|shrinks|shrunk|contract|contracted|"
    "contracts|retreated|lost|loses|losing|shed|sheds|shedding|cut|cuts|slashed|slashes|trimmed|"
    "reduced|reduces|edged\\s+down|ticked\\s+down|lower"
)
# Verbs whose object is usually a thing, not a change ("raised $5m"), unless "by" follows.
_BY_ONLY = "raised|raises|lifted|lifts|lowered|lowers|boosted|boosts|hiked|hikes"
_FILLER = r"(?:sharply|steeply|slightly|marginally|further|again|just|some|about|around|nearly|almost|roughly|a|an)"
_VERB_BEFORE = re.compile(
    rf"\b(?:(?P<up>{_UP_VERBS})|(?P<down>{_DOWN_VERBS})|(?P<byonly>{_BY_ONLY}))"
    rf"(?:[ \u00a0]+{_FILLER})*(?P<by>(?:[ \u00a0]+[\w'’]+){{0,3}}?[ \u00a0]+by)?"
    rf"(?:[ \u00a0]+{_FILLER})*[ \u00a0]*$",
    re.IGNORECASE,
)
# "up" and "down" state a change after a form of "be" or a closing price, or opening a
# phrase ("Sales, up 3%, ..."); after other verbs they are particles ("made up 30%").
_UP_DOWN_BEFORE = re.compile(
    r"(?:\b(?:is|was|were|are|be|been|being|closed|ended|finished|stood|now|also|still)|[,(—–:]|^)"
    rf"[ \u00a0]+(?:(?P<up>up)|(?P<down>down))(?:[ \u00a0]+(?:by|{_FILLER}))*[ \u00a0]*$",
    re.IGNORECASE,
)
_LEVEL_BEFORE = re.compile(
    rf"\b(?:{_UP_VERBS}|{_DOWN_VERBS}|{_BY_ONLY})(?:[ \u00a0]+{_FILLER})*"
    rf"[ \u00a0]+(?:from|to)[ \u00a0]+(?:{_FILLER}[ \u00a0]+)*$",
    re.IGNORECASE,
)
_THRESHOLD = re.compile(r"(?:below|above|under|past|beyond)\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(
    r"\b(?:(?P<up>rise|increase|gain|jump|climb|growth|hike|surge)|(?P<down>fall|drop|decline|decrease|"
    r"cut|reduction|loss|slump|dip|slide))[ \u00a0]+of[ \u00a0]+(?:[a-z]+[ \u00a0]+)?$",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(
    r"[ \u00a0-]+(?:(?P<up>rise|increase|gain|jump|climb|growth|hike|surge|higher|more|up)|(?P<down>fall|drop|"
    r"decline|decrease|cut|reduction|loss|slump|dip|slide|lower|less|down))\b",
    re.IGNORECASE,
)
_SIGN = re.compile(r"[+]$")
_CHANGE_DIMENSIONS = frozenset({"percent", "percentage_point", "currency"})
# Verbs that are a change only for shares and money ("lost 2%", not "lost 3 children").
_WEAK = re.compile(r"(?i)^(?:lost|loses|losing|shed|sheds|shedding|cut|cuts|added|adds|adding|gained|gains|gaining)$")


def direction_before(text: str, pos: int, floor: int, dimension: str) -> str | None:
    """The direction stated by a verb or noun of change just before ``pos``."""
    window_start = max(floor, pos - 40)
    m = _VERB_BEFORE.search(text, window_start, pos)
    if m:
        if m.group("byonly") and not m.group("by"):
            return None
        verb = m.group("up") or m.group("down") or ""
        if _WEAK.match(verb) and not m.group("by") and dimension not in _CHANGE_DIMENSIONS:
            return None
        if m.group("down") or (m.group("byonly") and m.group("byonly").lower().startswith("lower")):
            return DECREASE
        return INCREASE
    m = _UP_DOWN_BEFORE.search(text, window_start, pos) or _NOUN_BEFORE.search(text, window_start, pos)
    if m:
        return INCREASE if m.group("up") else DECREASE
    return None


def level_before(text: str, pos: int, floor: int) -> bool:
    """Is the number the level a change reached or started from ("rose to 5%", "fell from 10")?

    A threshold crossed is a level too: "slumped below $40,000", "climbed above 5%".
    """
    return _LEVEL_BEFORE.search(text, max(floor, pos - 50), pos) is not None or _THRESHOLD.match(text, pos) is not None


def direction_after(text: str, pos: int, limit: int, dimension: str) -> str | None:
    """A noun or comparative of change right after a share or an amount: "a 7% rise", "4% higher"."""
    if dimension not in _CHANGE_DIMENSIONS:
        return None
    m = _NOUN_AFTER.match(text, pos, limit)
    if m is None:
        return None
    word = (m.group("up") or m.group("down")).lower()
    if word in ("more", "less", "up", "down"):
        # "10% more" is a change; "10% more than" and "up to" are comparisons and bounds.
        rest = text[m.end() : m.end() + 6].lower()
        if rest.startswith((" than", " to")):
            return None
    return INCREASE if m.group("up") else DECREASE


def sign_before(text: str, pos: int) -> bool:
    """Is the number written with a plus sign ("+0.4%")?"""
    return pos > 0 and text[pos - 1] == "+" and (pos < 2 or not text[pos - 2].isalnum())
