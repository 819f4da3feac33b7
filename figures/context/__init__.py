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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from figures.context import time as timectx
from figures.context.clauses import clause_bounds, clause_breaks
from figures.context.entities import (
    Attachment,
    attach,
    hosted,
    main_country,
    main_origin,
    sentence_topic,
    unknown_scope,
)
from figures.context.frames import frame_words, reader_name
from figures.context.gazetteer import World, load_world
from figures.context.keys import MIN_WORDS, claim_key
from figures.context.measures import classify, local_window
from figures.context.roles import requester, role_of, without_forecast_comparisons
from figures.context.segments import earned, is_sales, segment_of
from figures.context.subjects import (
    canonical,
    compared_before,
    full_names,
    main_subject,
    offence_of,
    refers_to_organisation,
    refers_to_person,
    subject_of,
)
from figures.context.things import CHANGED, count_thing, property_thing
from figures.context.when import figure_time, reported_period, sentence_times, standards_times
from figures.context.words import alternation
from figures.core import limits
from figures.ingest.sentences import Sentence, split_sentences
from figures.model import Article, Claim, ClaimTime, Figure
from figures.rules.records import Rulebook

__all__ = ["build_claims", "claim_id", "world_for"]


def claim_id(path: str, sentence: str, surface: str, occurrence: int, spaced: str | None = None) -> str:
    """A stable id: the same figure in the same sentence keeps it when the rest of the article changes.

    ``spaced`` is the sentence with its white space folded, when the caller has it already.
    """
    folded = " ".join(sentence.split()) if spaced is None else spaced
    key = f"{Path(path).name}|{folded}|{surface}|{occurrence}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]  # a file name may not be UTF-8


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
    standards: dict[int, tuple[int, int]]  # times that belong to a comparison's standard figure


def build_claims(
    article: Article, figures: list[Figure], rulebook: Rulebook, world: World | None = None
) -> list[Claim]:
    """One claim per figure, in reading order."""
    world = world or world_for(rulebook)
    read_frame = _frame_reader()
    text = article.text
    sentences: list[Sentence] = split_sentences(text, article.body_start)
    starts = [s.start for s in sentences]
    article_date = timectx.parse_article_date(article.date)
    lead = _lead(article)
    main = main_country(world, article.title, lead)
    origin = main_origin(world, article.title, lead)
    reported = reported_period(article.title, lead, article_date)
    names: dict[str, str] | None = None  # full names, read from the article when first needed
    seen: dict[tuple[str, str], int] = {}
    cache: dict[int, _SentenceContext] = {}
    is_place, strip_places = _place_tests(world)
    owner = main_subject(article.title, lead, text, is_place)
    claims: list[Claim] = []
    fig_starts = [g.start for g in figures]  # figures come in reading order
    for k, f in enumerate(figures):
        si = max(0, bisect.bisect_right(starts, f.start) - 1)
        sent = sentences[si] if sentences else Sentence(0, len(text), text)
        if si not in cache:
            places = world.find(sent.text)
            times = sentence_times(sent.text, article_date)
            first, last = bisect.bisect_left(fig_starts, sent.start), bisect.bisect_left(fig_starts, sent.end)
            spans = [(g.start - sent.start, g.end - sent.start) for g in figures[first:last]]
            cache[si] = _SentenceContext(
                places,
                times,
                sentence_topic(places, sent.text),
                " ".join(sent.text.split()),
                clause_breaks(sent.text),
                standards_times(times, sent.text, spans),
            )
        ctx = cache[si]
        fs, fe = f.start - sent.start, f.end - sent.start
        clause = clause_bounds(sent.text, fs, ctx.breaks)
        prev_end = figures[k - 1].end - sent.start if k and figures[k - 1].end <= f.start else 0
        nxt = figures[k + 1].start if k + 1 < len(figures) and figures[k + 1].start >= f.end else sent.end
        segment_end = min(nxt, sent.end) - sent.start
        p_start, p_end = _paragraph(text, f.start, article.body_start)
        paragraph = _with_previous(text, p_start, p_end, article.body_start)
        local = without_forecast_comparisons(local_window(sent.text, fs, fe, max(prev_end, clause[0]), clause[1]))
        if not f.noun or "inherited_noun" in f.flags:
            # "2,681 dead and 2,562 injured": a word of its own right after the figure says what it counts
            own = _own_word().match(sent.text, fe)
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
        previous = cache.get(si - 1) if si > 0 and sentences[si - 1].start >= p_start else None
        where = _who(world, f, measure, sent.text, fs, fe, clause, segment_end, local, ctx, previous, main)
        # -- when
        when, own_time = figure_time(
            ctx.times,
            sent.text,
            (fs, fe),
            (max(prev_end, clause[0]), segment_end),
            clause,
            article_date,
            measure.time if measure is not None else "interval",
            ctx.standards,
        )
        if when is not None and when.basis == "article" and reported is not None:
            when = reported  # a results story's undated figures are for the period its lead reports
        role_name = role.role
        if role_name == "prior" and own_time:
            role_name = "level"  # "from 84.3% in November": a level at a stated time
        # -- what
        subject = None
        thing, thing_cue, label = None, "", ""
        if measure is not None:
            thing, label = measure.id, measure.label
            thing_cue = f"measure {measure.id}"
        else:
            before = sent.text[max(prev_end, clause[0]) : fs]
            after = sent.text[fe : min(segment_end, clause[1])]
            found_thing = (
                count_thing(f, after, before, strip_places)
                if f.dimension == "count"
                else property_thing(f, sent.text[clause[0] : fs], after, strip_places)
            )
            if found_thing is None and f.dimension == "count" and not f.noun:
                # "net migration rose to 606,000": a count with no counted noun measures its verb's subject
                found_thing = property_thing(f, sent.text[clause[0] : fs], after, strip_places)
            if found_thing is None:
                # "..., while Kilicdaroglu took 47.8%": a clause that names nothing borrows its sentence's measure
                borrowed = classify(
                    rulebook.measures, f_for_measure, sent.text, sent.start, paragraph, world.demonyms, clause, local
                )
                if borrowed is not None:
                    measure_id, measure = borrowed, rulebook.measures[borrowed]
                    thing, label, thing_cue = measure.id, measure.label, f"measure {measure.id}"
            if (
                found_thing is None
                and "inherited_noun" in f.flags
                and claims
                and claims[-1].measure is None
                and not _ACTS_AFTER.match(after)
            ):
                prior = claims[-1]  # "1.56 million refugees registered, followed by Germany with 1.06 million"
                if prior.sentence_start == sent.start and prior.figure.noun == f.noun and prior.thing:
                    found_thing = (prior.thing, f'as "{prior.figure.surface}" before it')
            if found_thing is not None:
                thing, thing_cue = found_thing
                label = thing
                if thing == "people hosted":
                    where = hosted(
                        world, sent.text, fs, fe, f.noun, clause, (prev_end, segment_end), ctx.places, origin
                    ) or Attachment(None, None, "no host country and origin")
        # -- whose: only for a claim that can be compared, and only when its measure or key needs it
        if measure is not None and measure.offence:
            subject = offence_of(sent.text, fs, fe, clause)  # whose penalty: the offence's
        elif thing_cue.startswith(CHANGED):
            role_name = "change" if role_name == "level" else role_name  # "raised the minimum wage by 55%"
        elif thing is not None and (measure is None or measure.subject):
            compared = compared_before(sent.text, clause[0], fs)
            if owner is not None and not compared and _described(sent.text, clause[0], fs):
                subject = owner  # "The former treasurer of a Bristol club was jailed": not Bristol's
            else:
                subject = subject_of(sent.text, fs, fe, clause, is_place, (prev_end, segment_end))
            if subject is None and owner is not None and not compared and _anaphor(sent.text, clause[0], fs):
                subject = owner  # "the company", "he", "the former director": the article's own subject
            if subject is not None:
                names = full_names(text) if names is None else names
                subject = canonical(subject, names)
        if role.modality == "request" and thing is not None:
            side = requester(sent.text, fs)  # "prosecutors sought ...": the side that asked is its author
            subject = side  # one story's requests are for its one defendant, named or not
        if owner is not None and (
            is_sales(thing)
            or (thing is None and f.dimension == "currency" and earned(sent.text[max(prev_end, clause[0]) : fs]))
        ):
            segment = segment_of(
                sent.text[clause[0] : clause[1]], fs - clause[0], subject, owner, sent.text[:fs], is_place
            )
            if segment is not None:
                # "services revenue", "Mac sales": the company's revenue from one of its businesses
                thing = label = f"revenue ({segment})"
                thing_cue, subject = f'segment "{segment}" of {owner}', owner
        if measure is not None and measure.rate and role_name == "change":
            role_name = "level"  # "consumer prices rose 84.3%" states the inflation rate
        frame_from = max(prev_end, clause[0])
        if prev_end > clause[0] and not frame_words(sent.text, fs, fs, (prev_end, fs), None, is_place):
            frame_from = clause[0]  # "raised rates by a quarter point to 0.75%": both figures are of "rates"
        if sent.text[max(clause[0] - 1, 0) : clause[0]] == "(" and not sent.text[clause[0] : fs].strip():
            # "non-EU nationals (925,000)": a value in brackets counts what stands before them
            frame_from = max(prev_end, clause_bounds(sent.text, max(clause[0] - 2, 0), ctx.breaks)[0])
        words = read_frame(
            sent.text,
            fs,
            fe,
            (frame_from, min(segment_end, clause[1])),
            None if measure else " ".join(p for p in (thing, f.noun) if p),
            is_place,
        )
        if (
            subject is None
            and owner is not None
            and (thing is not None or len(words) >= MIN_WORDS)
            and (where is None or where.entity is None)
            and role.modality == "actual"
            and (measure is None or (measure.subject and not measure.offence))
            and not compared_before(sent.text, clause[0], fs)  # "shorter than the nine years given to ...": not its own
        ):
            subject = owner  # "77.3 million iPhones sold", and no name or place near it: the article's own subject
        key, reason = claim_key(f, measure, thing, thing_cue, where, subject, role_name, role, when, world, words)
        if key is not None and f.dimension == "time" and _time_point_after().match(sent.text, fe):
            key, reason = None, "a point in time, not a duration"  # "his conviction five months ago"
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
                time=ClaimTime(when.label, when.start, when.end, when.resolution, when.basis, when.anchor)
                if when
                else None,
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
                key=key,
                key_reason=reason,
                words=words,
            )
        )
    return claims


def _frame_reader() -> Callable[..., tuple[str, ...]]:
    """The frame reader in force (:func:`figures.context.frames.reader_name`).

    The parsed reader is imported only when chosen, so a default run never loads spaCy.
    """
    if reader_name() == "parsed":
        from figures.context.parsed import parsed_frame_words

        return parsed_frame_words
    return frame_words


# A word of its own after a figure that borrowed its noun: it says what this figure counts, so the
# thing of the figure before it is not this one's ("1.2 million people arrived, and 557,000 emigrated").
_ACTS_AFTER = re.compile(r"\s+(?!(?:in|on|at|for|from|with|by|of|to|and|or|a|an|the|each|apiece|respectively)\b)[a-z]")


@lru_cache(maxsize=1)
def _time_point_after() -> re.Pattern[str]:
    """Words after a duration that make it a point in time (``time_point_after``): "five months ago"."""
    return re.compile(rf"\s+{alternation('time_point_after')}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _own_word() -> re.Pattern[str]:
    """Adjectives that stand for people (``people_adjectives``): "2,681 dead and 2,562 injured"."""
    return re.compile(rf"\s+({alternation('people_adjectives')})\b", re.IGNORECASE)


def _who(
    world: World,
    f: Figure,
    measure,
    sentence: str,
    fs: int,
    fe: int,
    clause: tuple[int, int],
    segment_end: int,
    local: str,
    ctx: _SentenceContext,
    previous: _SentenceContext | None,
    main: str | None,
) -> Attachment | None:
    """The entity and scope of a figure: its clause, else its sentence, the sentence before in its
    paragraph (``previous``), or the article's main country."""
    if measure is not None and measure.entity:
        return Attachment(measure.entity, None, "the measure's entity")
    noun = "" if "inherited_noun" in f.flags else f.noun
    where = attach(world, sentence, fs, fe, noun, clause, segment_end, ctx.places)
    if where is not None and where.entity is None:
        return where  # several places named: about none of them alone
    if where is None and previous is not None and previous.topic is not None:
        topic = previous.topic
        where = Attachment(topic.entity, topic.place, topic.how + " (the sentence before)")
    if where is None and main is not None:
        where = Attachment(main, None, "the article's main country")
    if where is not None and where.place is None:
        unknown = unknown_scope(world, local)
        if unknown is not None:
            where = Attachment(where.entity, unknown, f'{where.how}, in "{unknown}"')
    return where


def _anaphor(sentence: str, clause_start: int, fig_start: int) -> bool:
    return refers_to_organisation(sentence, clause_start, fig_start) or refers_to_person(
        sentence, clause_start, fig_start
    )


def _described(sentence: str, clause_start: int, fig_start: int) -> bool:
    """Does the clause open with its subject named by a description ("The former treasurer of ...")?"""
    opening = sentence[clause_start:fig_start].lstrip(" —–-")
    return opening[:4] in ("The ", "the ") and refers_to_person(sentence, clause_start, fig_start)


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
