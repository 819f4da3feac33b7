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
"""

from __future__ import annotations

from figures.context import time as timectx
from figures.context.entities import Attachment
from figures.context.gazetteer import World
from figures.context.roles import Role
from figures.model import Figure
from figures.rules.records import Measure

# A claim that names no thing needs this many frame words to be matched by them: one word says too little.
MIN_WORDS = 2


def claim_key(
    f: Figure,
    measure: Measure | None,
    thing: str | None,
    thing_cue: str,
    where: Attachment | None,
    subject: str | None,
    role_name: str,
    role: Role,
    when: timectx.When | None,
    world: World,
    words: tuple[str, ...] = (),
) -> tuple[str | None, str]:
    """The claim key and the reason it gives; ``None`` when the claim cannot be compared with confidence."""
    if thing is None and len(words) < MIN_WORDS:
        return None, ""
    if role_name == "prior":
        return None, "the starting level of a move, at a time not stated"
    entity = where.entity if where else None
    if subject is not None and where is not None and (not where.locative or role.individual):
        # "Apple's revenue", "Lula won Brazil's runoff with 50.9%": the subject says whose it is; only a
        # place named as where it holds ("sales in China") narrows it
        entity = None
    if measure is None and entity is None and subject is None:
        return None, "no entity or subject"
    if role.individual and subject is None and measure is None:
        return None, "one case with no name"
    if measure is not None and measure.subject and subject is None:
        return None, f"{measure.label} with no named subject"
    if role.modality != "actual" and subject is None:
        return None, f"a {role.modality} with no named author"  # two forecasters may both be right
    unit = f.unit if (measure is None or not measure.unit) else measure.unit
    per = "/".join(p for p in (f.period, f.per) if p)  # "per month", "$60 a barrel"
    parts = [
        f.dimension,
        unit,
        per,
        entity or "",
        # one person's case, or a law's penalty for an offence, holds wherever it is reported
        ""
        if (
            where is None
            or ((role.individual or role.modality == "request") and subject)
            or (measure is not None and measure.offence)
        )
        else where.place or "",
        subject or "" if (measure is None or measure.subject or role.modality != "actual") else "",
        role_name,
        role.modality,
        "individual" if role.individual else "general",
    ]
    if measure is not None:
        said = [f"measure {measure.id}"]
    elif thing is not None:
        said = [f'"{thing}"' + (f" ({thing_cue})" if thing_cue and not thing_cue.startswith("measure") else "")]
    else:
        said = ["its words " + ", ".join(words)]
    if entity:
        said.append(
            world.name(entity)
            + (f", {where.place}" if where and where.place else "")
            + (f" ({where.how})" if where and where.how else "")
        )
    if subject:
        said.append(subject)
    if when is not None and (measure is None or measure.time != "none"):
        said.append(when.label + ("" if when.basis == "stated" else f" ({when.basis} date)"))
    said.append(role_name if role.modality == "actual" else f"{role.modality} {role_name}")
    if role.individual:
        said.append("one case")
    return "|".join(parts), "; ".join(said)
