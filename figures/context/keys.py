"""The claim key: what must be equal for two claims to be one claim, and the reason a finding gives.

A key joins the dimension, unit and rate denominator, the entity and any city or region
scope, the subject when the value is someone's, and the role (level, change, difference,
part; actual, forecast, target; one case or the rule). What the claim measures is not in
the key: within a key the consistency check matches claims by their frames
(:mod:`figures.checks.matching`). Time is not in the key either: the check compares times
by their intervals. A claim that cannot be keyed with confidence gets none and is never
compared: no thing and fewer than :data:`MIN_WORDS` frame words, the start of a move at an
unstated time, no entity and no subject, one case or a forecast with no name, a subject's
measure with no subject.

Whose figure it is (the key's entity and subject) is in the key, so that the archive is
searched by it, but claims are grouped for comparison by their key without it
(:func:`compared_key`): an owner read only by default, the article's main country or main
subject, may meet an owner read near another figure ("Alphabet will cut 12,000 jobs" and,
in an article about Alphabet and the United States, "12,000 jobs"), and the consistency
check keeps apart the rest of the owners that differ (:func:`figures.checks.vetoes.owners_apart`).
"""

from __future__ import annotations

from dataclasses import dataclass

from figures.context import time as timectx
from figures.context.entities import Attachment
from figures.context.frames import OwnPhrase
from figures.context.gazetteer import World
from figures.context.roles import Role
from figures.model import Figure
from figures.rules.records import Measure

# A claim that names no thing needs this many frame words to be matched by them: one word says too little.
MIN_WORDS = 2
# The last part of the key of an amount keyed by its own phrase (in place of one case or the rule).
OWN_KEY = "own phrase"
# The thing of a person's age: one person's age is one claim wherever it is reported, and only theirs.
AGE = "age"
# How an entity read from the article's main country says so: an owner read by default, not near the figure.
MAIN_COUNTRY = "the article's main country"
# The places of the key's parts that say whose figure it is (its entity and its subject), and how many parts.
_ENTITY, _SUBJECT, _PARTS = 3, 5, 9


@dataclass(frozen=True)
class ClaimParts:
    """What the context stage read about one figure, of which its key and its reason are made."""

    figure: Figure
    measure: Measure | None  # the rule file's measure it states, if one fits
    thing: str | None  # what it measures: the measure's id, or a phrase read from its words
    cue: str  # the words that decided the thing
    label: str  # the thing in words, for messages
    where: Attachment | None  # its entity and scope
    subject: str | None  # whose value it is, when not a place's
    role_name: str  # its role in its clause, after what its measure and time say
    role: Role
    when: timectx.When | None
    words: tuple[str, ...] = ()  # its frame
    own: OwnPhrase = OwnPhrase()  # what its own phrase names it
    default_subject: bool = False  # the subject is the article's own, with no name or place near the figure

    @property
    def entity(self) -> str | None:
        """The entity the key holds: none when a subject says whose the value is and the place only owns it."""
        where = self.where
        if where is None or (
            self.subject is not None and (not where.locative or self.role.individual or self.thing == AGE)
        ):
            # "Apple's revenue", "Lula won Brazil's runoff with 50.9%": the subject says whose it is; only a
            # place named as where it holds ("sales in China") narrows it
            return None
        return where.entity

    @property
    def owner_default(self) -> bool:
        """Is whose figure it is read only by default: the article's main country, or its main subject?

        Never for an age or one case: they are one person's, and a story has many people.
        """
        if self.thing == AGE or self.role.individual:
            return False
        if self.subject is not None:
            return self.default_subject and self.entity is None
        where = self.where
        return where is not None and self.entity is not None and where.how.startswith(MAIN_COUNTRY)


def compared_key(key: str) -> str:
    """The key claims are grouped by for comparison: the claim key without whose figure it is.

    Two claims of one compared key whose owners differ are kept apart by the check's
    vetoes, unless one owner was only read by default.
    """
    parts = key.split("|")
    if len(parts) != _PARTS:  # a part with "|" in it: the key is compared as it is
        return key
    parts[_ENTITY] = parts[_SUBJECT] = ""
    return "|".join(parts)


def owner_of(key: str | None) -> tuple[str, str]:
    """Whose figure a claim key says it is: its entity and its subject ("" for none)."""
    parts = (key or "").split("|")
    if len(parts) != _PARTS:
        return key or "", ""
    return parts[_ENTITY], parts[_SUBJECT]


def claim_key(parts: ClaimParts, world: World) -> tuple[str | None, str]:
    """The claim key and the reason it gives; ``None`` when the claim cannot be compared with confidence."""
    refused = _refused(parts)
    if refused is not None:
        return None, refused
    return "|".join(_key(parts)), "; ".join(_reason(parts, world))


def _refused(p: ClaimParts) -> str | None:
    """Why a claim gets no key, or ``None`` when it gets one."""
    measure, subject, role = p.measure, p.subject, p.role
    if p.thing is None and len(p.words) < MIN_WORDS:
        return ""
    if p.thing == AGE and subject is None:
        return "an age with no named person"
    if p.role_name == "prior":
        return "the starting level of a move, at a time not stated"
    if measure is None and p.entity is None and subject is None:
        return "no entity or subject"
    if role.individual and subject is None and measure is None:
        return "one case with no name"
    if measure is not None and measure.subject and subject is None:
        return f"{measure.label} with no named subject"
    if role.modality != "actual" and subject is None:
        return f"a {role.modality} with no named author"  # two forecasters may both be right
    return None


def _key(p: ClaimParts) -> list[str]:
    """The key's parts: dimension, unit, rate denominator, entity, scope, subject and role."""
    f, measure, where, subject, role = p.figure, p.measure, p.where, p.subject, p.role
    unit = f.unit if (measure is None or not measure.unit) else measure.unit
    per = "/".join(q for q in (f.period, f.per) if q)  # "per month", "$60 a barrel"
    # one person's case, or a law's penalty for an offence, holds wherever it is reported
    anywhere = (
        where is None
        or ((role.individual or role.modality == "request") and subject)
        or (measure is not None and measure.offence)
        or p.thing == AGE  # a person's age is theirs wherever they are
    )
    whose = measure is None or measure.subject or role.modality != "actual"
    if f.dimension == "currency" and measure is None and p.own.head is not None and role.modality == "actual":
        # "a $550 million award": whose it is and where its court sat are compared by the evidence
        # (matching vetoes two named owners or places that differ), not required equal by the key
        return [f.dimension, unit, per, "", "", "", p.role_name, role.modality, OWN_KEY]
    return [
        f.dimension,
        unit,
        per,
        p.entity or "",
        "" if anywhere else where.place or "",
        subject or "" if whose else "",
        p.role_name,
        role.modality,
        "individual" if role.individual else "general",
    ]


def _reason(p: ClaimParts, world: World) -> list[str]:
    """The key in words: the thing, the entity and scope, the subject, the time and the role."""
    measure, where, role, when = p.measure, p.where, p.role, p.when
    if measure is not None:
        said = [f"measure {measure.id}"]
    elif p.thing is not None:
        said = [f'"{p.thing}"' + (f" ({p.cue})" if p.cue and not p.cue.startswith("measure") else "")]
    else:
        said = ["its words " + ", ".join(p.words)]
    if p.entity:
        said.append(
            world.name(p.entity)
            + (f", {where.place}" if where and where.place else "")
            + (f" ({where.how})" if where and where.how else "")
        )
    if p.subject:
        said.append(p.subject)
    if when is not None and (measure is None or measure.time != "none"):
        said.append(when.label + ("" if when.basis == "stated" else f" ({when.basis} date)"))
    said.append(p.role_name if role.modality == "actual" else f"{role.modality} {p.role_name}")
    if role.individual:
        said.append("one case")
    return said
