"""Turn figures into claims: what each measures, who it is about, when, and in what role.

Per figure, from its own clause outward: the measure a rule file names (or the thing
inferred from the words: :mod:`figures.context.things`), the entity and any city or
region scope (:mod:`figures.context.entities`), the subject when the value is not a
place's (:mod:`figures.context.subjects`), the time as an interval at its resolution
(:mod:`figures.context.time`), and the role (:mod:`figures.context.roles`). Together
they make the claim's key: claims with equal keys and comparable times state the same
claim, and the key's reason says why.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from figures import limits
from figures.context import time as timectx
from figures.context.clauses import clause_bounds, clause_breaks
from figures.context.entities import Attachment, attach, main_country, sentence_topic, unknown_scope
from figures.context.gazetteer import World, load_world
from figures.context.measures import classify, local_window
from figures.context.roles import role_of
from figures.context.subjects import (
    canonical,
    full_names,
    main_subject,
    refers_to_organisation,
    refers_to_person,
    subject_of,
)
from figures.context.things import count_thing, property_thing
from figures.ingest.sentences import Sentence, split_sentences
from figures.model import Article, Claim, Figure
from figures.rulebook import Measure, Rulebook

__all__ = ["build_claims", "claim_id", "world_for"]


def claim_id(path: str, sentence: str, surface: str, occurrence: int, spaced: str | None = None) -> str:
    """A stable id: the same figure in the same sentence keeps it when the rest of the article changes.

    ``spaced`` is the sentence with its white space folded, when the caller has it already.
    """
    folded = " ".join(sentence.split()) if spaced is None else spaced
    key = f"{Path(path).name}|{folded}|{surface}|{occurrence}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def world_for(rulebook: Rulebook) -> World:
    """The world gazetteer with the rulebook's entities merged in."""
    return load_world(rulebook.entities)


def _paragraph(text: str, pos: int, floor: int) -> tuple[int, int]:
    # Looked for within a few sentences' reach: a "paragraph" of a megabyte with no blank
    # line would otherwise be scanned once per figure, and the run would grow quadratically.
    reach = 4 * limits.current().max_sentence_chars
    low = max(floor, pos - reach)
    start = text.rfind("\n\n", low, pos)
    start = low if start < 0 else start + 2
    end = text.find("\n\n", pos, pos + reach)
    return start, (min(len(text), pos + reach) if end < 0 else end)


def _with_previous(text: str, start: int, end: int, floor: int) -> str:
    """A paragraph with the one before it: news paragraphs are short, and their subject carries over."""
    floor = max(floor, start - 4 * limits.current().max_sentence_chars)  # bounded, as in _paragraph
    before = text.rfind("\n\n", floor, max(floor, start - 2))
    return text[floor if before < 0 else before + 2 : end]


def _lead(article: Article) -> str:
    """Title and first paragraph of text (headings skipped), where an article says what it is about."""
    body = article.text[article.body_start :]
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block and not block.startswith("#") and len(block) > 40:
            return block
    return ""


@dataclass
class _SentenceContext:
    """What every figure of one sentence shares, read once."""

    places: list
    times: list
    topic: Attachment | None
    folded: str  # the sentence with its white space folded, for claim ids
    breaks: list[tuple[int, int]]  # clause boundaries


def build_claims(
    article: Article, figures: list[Figure], rulebook: Rulebook, world: World | None = None
) -> list[Claim]:
    """One claim per figure, in reading order."""
    world = world or world_for(rulebook)
    text = article.text
    sentences: list[Sentence] = split_sentences(text, article.body_start)
    starts = [s.start for s in sentences]
    article_date = timectx.parse_article_date(article.date)
    main = main_country(world, article.title, _lead(article))
    names: dict[str, str] | None = None  # full names, read from the article when first needed
    seen: dict[tuple[str, str], int] = {}
    cache: dict[int, _SentenceContext] = {}
    is_place, strip_places = _place_tests(world)
    owner = main_subject(article.title, _lead(article), text, is_place)
    claims: list[Claim] = []
    for k, f in enumerate(figures):
        si = max(0, bisect.bisect_right(starts, f.start) - 1)
        sent = sentences[si] if sentences else Sentence(0, len(text), text)
        if si not in cache:
            places = world.find(sent.text)
            cache[si] = _SentenceContext(
                places,
                timectx.mentions(sent.text, 0, len(sent.text), article_date),
                sentence_topic(places, sent.text),
                " ".join(sent.text.split()),
                clause_breaks(sent.text),
            )
        ctx = cache[si]
        fs, fe = f.start - sent.start, f.end - sent.start
        clause = clause_bounds(sent.text, fs, ctx.breaks)
        prev_end = figures[k - 1].end - sent.start if k and figures[k - 1].end <= f.start else 0
        nxt = figures[k + 1].start if k + 1 < len(figures) and figures[k + 1].start >= f.end else sent.end
        segment_end = min(nxt, sent.end) - sent.start
        p_start, p_end = _paragraph(text, f.start, article.body_start)
        paragraph = _with_previous(text, p_start, p_end, article.body_start)
        local = local_window(sent.text, fs, fe, max(prev_end, clause[0]), clause[1])
        if not f.noun or "inherited_noun" in f.flags:
            # "2,681 dead and 2,562 injured": a word of its own right after the figure says what it counts
            own = _OWN_WORD.match(sent.text, fe)
            if own:
                f_for_measure = dataclasses.replace(f, noun=own.group(1))
            else:
                f_for_measure = f
        else:
            f_for_measure = f
        measure_id = classify(
            rulebook.measures,
            f_for_measure,
            sent.text,
            sent.start,
            paragraph,
            world.demonyms,
            clause,
            local,
            borrow=False,
        )
        if f.part_of is not None and measure_id is None:
            # a part ("19 from Kyrgyzstan") measures what its total, read before it, measures
            measure_id = claims[f.part_of].measure
        measure = rulebook.measures.get(measure_id) if measure_id else None
        role = role_of(f, sent.text, fs, fe, clause)
        # -- who
        noun = "" if "inherited_noun" in f.flags else f.noun
        where: Attachment | None
        if measure is not None and measure.entity:
            where = Attachment(measure.entity, None, "the measure's entity")
        else:
            where = attach(world, sent.text, fs, fe, noun, clause, segment_end, ctx.places)
            if where is not None and where.entity is None:
                pass  # several places named: about none of them alone
            elif where is None and si > 0 and sentences[si - 1].start >= p_start:
                prev = cache.get(si - 1)
                if prev is not None and prev.topic is not None:
                    where = Attachment(prev.topic.entity, prev.topic.place, prev.topic.how + " (the sentence before)")
            if where is None and main is not None:
                where = Attachment(main, None, "the article's main country")
        if where is not None and where.entity is not None and where.place is None:
            unknown = unknown_scope(world, local)
            if unknown is not None:
                where = Attachment(where.entity, unknown, f'{where.how}, in "{unknown}"')
        # -- when
        time_mode = measure.time if measure is not None else "interval"
        when = None
        own_time = False
        if time_mode != "none":
            found, own_time, uncertain = _time_of(
                ctx.times, sent.text, fs, fe, max(prev_end, clause[0]), segment_end, clause
            )
            if found is not None:
                when = found.when
                if uncertain or _VAGUE_AGO.search(sent.text, found.start, found.end):
                    when = dataclasses.replace(when, basis="approximate")
            else:
                named = (
                    _period_named(sent.text[clause[0] : clause[1]], article_date) if time_mode == "interval" else None
                )
                when = named or timectx.article_when(article_date, "year" if time_mode == "year" else "day")
        role_name = role.role
        if role_name == "prior" and own_time:
            role_name = "level"  # "from 84.3% in November": a level at a stated time
        # -- what
        subject = None
        thing, thing_cue, label = None, "", ""
        if measure is not None:
            thing, label = measure.id, measure.label
            thing_cue = f"measure {measure.id}"
            if measure.subject:
                subject = subject_of(sent.text, fs, fe, clause, is_place, (prev_end, segment_end))
        else:
            before = sent.text[max(prev_end, clause[0]) : fs]
            after = sent.text[fe : min(segment_end, clause[1])]
            found_thing = (
                count_thing(f, after, before, strip_places)
                if f.dimension == "count"
                else property_thing(f, sent.text[clause[0] : fs], after, strip_places)
            )
            if found_thing is None:
                # "..., while Kilicdaroglu took 47.8%": a clause that names nothing borrows its sentence's measure
                borrowed = classify(
                    rulebook.measures, f, sent.text, sent.start, paragraph, world.demonyms, clause, local
                )
                if borrowed is not None:
                    measure_id, measure = borrowed, rulebook.measures[borrowed]
                    thing, label, thing_cue = measure.id, measure.label, f"measure {measure.id}"
            if found_thing is not None:
                thing, thing_cue = found_thing
                label = thing
            if thing is not None:  # a claim with no thing is never compared: whose it is does not matter
                subject = subject_of(sent.text, fs, fe, clause, is_place, (prev_end, segment_end))
        if (
            subject is None
            and thing is not None
            and owner is not None
            and (refers_to_organisation(sent.text, clause[0], fs) or refers_to_person(sent.text, clause[0], fs))
        ):
            subject = owner  # "the company", "he", "the former director": the article's own subject
        if subject is not None:
            names = full_names(text) if names is None else names
            subject = canonical(subject, names)
        if measure is not None and measure.rate and role_name == "change":
            role_name = "level"  # "consumer prices rose 84.3%" states the inflation rate
        key, reason = _key(f, measure, thing, thing_cue, where, subject, role_name, role, when, world)
        seen_key = (ctx.folded, f.surface)
        occurrence = seen.get(seen_key, 0)
        seen[seen_key] = occurrence + 1
        claims.append(
            Claim(
                id=claim_id(article.path, sent.text, f.surface, occurrence, ctx.folded),
                path=article.path,
                figure=f,
                sentence=sent.text,
                sentence_start=sent.start,
                measure=measure_id,
                entity=where.entity if where else None,
                time=when.label if when else None,
                time_low=when.first_year if when else None,
                time_high=when.last_year if when else None,
                outlet=article.outlet,
                date=article.date,
                url=article.url,
                title=article.title,
                thing=thing,
                label=label,
                place=where.place if where else None,
                subject=subject,
                role=role_name,
                modality=role.modality,
                individual=role.individual,
                time_start=when.start.isoformat() if when else None,
                time_end=when.end.isoformat() if when else None,
                time_resolution=when.resolution if when else None,
                time_basis=when.basis if when else None,
                time_anchor=when.anchor if when else None,
                key=key,
                key_reason=reason,
            )
        )
    return claims


# Adjectives that stand for people: "2,681 dead and 2,562 injured".
_OWN_WORD = re.compile(
    r"\s+(dead|injured|wounded|missing|displaced|homeless|unemployed|employed|sick|elderly|hospitalised|"
    r"hospitalized|evacuated|rescued|detained|arrested)\b",
    re.IGNORECASE,
)

# A time that is the base of a comparison is not the figure's time: "up 110 from its count a day
# earlier", "1.18% from the previous month", "69,953 more than in 2021".
_BASE_BEFORE = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:(?:its|the|a|an|their|his|her)\s+)?"
    r"(?:[^\W\d]+\s+){0,2}$",
    re.IGNORECASE,
)
# A time right after the figure is its time: "64.3% in December", "2,122 on Sunday".
_RIGHT_AFTER = re.compile(r"\s*(?:[^\W\d]+\s+){0,3}$")
_SHIFT = re.compile(r"\b(?:earlier|ago|before|previous|prior)\b", re.IGNORECASE)
# "five years ago": a round number of years back, not a date to compare.
_VAGUE_AGO = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|many|\d+)\s+(?:years|decades)\s+"
    r"(?:ago|earlier|before|back)\b",
    re.IGNORECASE,
)


_PERIOD_WORDS = re.compile(
    r"\b(?:(?P<year>full[- ]year|whole[- ]year|fiscal[- ]year|financial[- ]year|for\s+the\s+year|annual)"
    r"|(?P<quarter>the\s+quarter|quarterly|three\s+months\s+to))\b",
    re.IGNORECASE,
)


def _period_named(text: str, article_date) -> timectx.When | None:
    """A period named without a date ("for the full fiscal year", "in the quarter"): its resolution
    is known and its dates are not, so it is compared only with the same words' period."""
    m = _PERIOD_WORDS.search(text)
    if m is None or article_date is None:
        return None
    base = timectx.article_when(article_date, "year")
    resolution, label = ("year", f"{article_date.year} (a year)") if m.group("year") else ("quarter", "a quarter")
    return dataclasses.replace(base, resolution=resolution, label=label, basis="relative")


def _time_of(times: list, sentence: str, fs: int, fe: int, seg_start: int, seg_end: int, clause: tuple[int, int]):
    """The time mention a figure is about, and whether it is in the figure's own stretch of the clause."""
    usable = [t for t in times if not _BASE_BEFORE.search(sentence[max(0, t.start - 40) : t.start])]
    lo, hi = max(seg_start, clause[0]), min(seg_end, clause[1])
    in_segment = [t for t in usable if lo <= t.start and t.end <= hi]
    right_after = [t for t in in_segment if t.start >= fe and _RIGHT_AFTER.fullmatch(sentence[fe : t.start])]
    if right_after:
        return right_after[0], True, False
    in_clause = [t for t in usable if clause[0] <= t.start and t.end <= clause[1]]
    found = timectx.nearest(in_segment, fs, fe)
    own = found is not None
    found = found or timectx.nearest(in_clause, fs, fe) or timectx.nearest(usable, fs, fe)
    # "A year earlier, Apple's fourth-quarter revenue ...": a shift back qualifies the other time
    uncertain = found is not None and any(
        t is not found and not t.when.overlaps(found.when) and _SHIFT.search(sentence, t.start, t.end)
        for t in in_clause
    )
    return found, own, uncertain


def _place_tests(world: World):
    """(is_place, strip_places) for a world, cached: the same words recur across a corpus."""

    @lru_cache(maxsize=8192)
    def is_place(word: str) -> bool:
        return bool(world.find(word))

    @lru_cache(maxsize=8192)
    def strip_places(phrase: str) -> str:
        out, pos = [], 0
        for p in world.find(phrase):
            out.append(phrase[pos : p.start])
            pos = p.end
        out.append(phrase[pos:])
        return " ".join(out)

    return is_place, strip_places


def _key(
    f: Figure,
    measure: Measure | None,
    thing: str | None,
    thing_cue: str,
    where: Attachment | None,
    subject: str | None,
    role_name: str,
    role,
    when: timectx.When | None,
    world: World,
) -> tuple[str | None, str]:
    """The claim key and the reason it gives; ``None`` when the claim cannot be compared with confidence."""
    if thing is None:
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
    per = f.period or ""
    parts = [
        thing,
        f.dimension,
        unit,
        per,
        entity or "",
        "" if (where is None or (role.individual and subject)) else where.place or "",  # one person's case
        subject or "" if (measure is None or measure.subject or role.modality != "actual") else "",
        role_name,
        role.modality,
        "individual" if role.individual else "general",
    ]
    words = [f'"{thing}"' + (f" ({thing_cue})" if thing_cue and not thing_cue.startswith("measure") else "")]
    if measure is not None:
        words = [f"measure {measure.id}"]
    if entity:
        words.append(
            world.name(entity)
            + (f", {where.place}" if where and where.place else "")
            + (f" ({where.how})" if where and where.how else "")
        )
    if subject:
        words.append(subject)
    if when is not None and (measure is None or measure.time != "none"):
        words.append(when.label + ("" if when.basis == "stated" else f" ({when.basis} date)"))
    words.append(role_name if role.modality == "actual" else f"{role.modality} {role_name}")
    if role.individual:
        words.append("one case")
    return "|".join(parts), "; ".join(words)
