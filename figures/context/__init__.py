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
import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
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
from figures.context.figure_context import FigureContext
from figures.context.frames import frame_words, own_phrase, reader_name
from figures.context.gazetteer import Place, World, load_world
from figures.context.keys import AGE, MAIN_COUNTRY, MIN_WORDS, ClaimParts, claim_key
from figures.context.measures import classify, local_window
from figures.context.roles import Role, requester, role_of, without_forecast_comparisons
from figures.context.segments import earned, is_sales, segment_of
from figures.context.subjects import (
    aged,
    canonical,
    compared_before,
    full_names,
    lowercase_words,
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
from figures.rules.records import Measure, Rulebook

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


@dataclass(frozen=True)
class _ArticleContext:
    """What every figure of one article shares, read once."""

    article: Article
    rulebook: Rulebook
    world: World
    date: datetime.date | None  # the article's date
    main: str | None  # the country it is about
    origin: str | None  # where the people it counts come from
    reported: timectx.When | None  # the period a results story reports
    owner: str | None  # its own subject: a company, a defendant
    is_place: Callable[[str], bool]
    strip_places: Callable[[str], str]
    read_frame: Callable[..., tuple[str, ...]]

    @cached_property
    def lowercase(self) -> frozenset[str]:
        """The words the article writes in lower case somewhere, read when a subject first needs them."""
        return lowercase_words(self.article.text)

    @cached_property
    def names(self) -> dict[str, str]:
        """The full names the article gives, read when a subject first needs them."""
        return full_names(self.article.text)


def _read_article(article: Article, rulebook: Rulebook, world: World) -> _ArticleContext:
    lead = _lead(article)
    date = timectx.parse_article_date(article.date)
    is_place, strip_places = _place_tests(world)
    return _ArticleContext(
        article,
        rulebook,
        world,
        date,
        main_country(world, article.title, lead),
        main_origin(world, article.title, lead),
        reported_period(article.title, lead, date),
        main_subject(article.title, lead, article.text, is_place),
        is_place,
        strip_places,
        _frame_reader(),
    )


@dataclass(frozen=True)
class _SentenceContext:
    """What every figure of one sentence shares, read once."""

    sentence: Sentence
    places: list[Place]
    times: list[timectx.TimeMention]
    topic: Attachment | None
    folded: str  # the sentence with its white space folded, for claim ids
    breaks: list[tuple[int, int]]  # clause boundaries
    standards: dict[int, tuple[int, int]]  # times that belong to a comparison's standard figure


class _Reading:
    """An article's figures in reading order, each in its sentence; each sentence is read once."""

    def __init__(self, art: _ArticleContext, figures: list[Figure]) -> None:
        self.article, self.world, self.date, self.figures = art.article, art.world, art.date, figures
        self.sentences: list[Sentence] = split_sentences(art.article.text, art.article.body_start)
        self.starts = [s.start for s in self.sentences]
        self.figure_starts = [g.start for g in figures]  # figures come in reading order
        self.read: dict[int, _SentenceContext] = {}

    def _sentence(self, si: int) -> _SentenceContext:
        if si not in self.read:
            text = self.article.text
            sent = self.sentences[si] if self.sentences else Sentence(0, len(text), text)
            places = self.world.find(sent.text)
            times = sentence_times(sent.text, self.date)
            first = bisect.bisect_left(self.figure_starts, sent.start)
            last = bisect.bisect_left(self.figure_starts, sent.end)
            spans = [(g.start - sent.start, g.end - sent.start) for g in self.figures[first:last]]
            self.read[si] = _SentenceContext(
                sent,
                places,
                times,
                sentence_topic(places, sent.text),
                " ".join(sent.text.split()),
                clause_breaks(sent.text),
                standards_times(times, sent.text, spans),
            )
        return self.read[si]

    def figure(self, k: int) -> tuple[FigureContext, _SentenceContext, Attachment | None]:
        """The k-th figure in its context, its sentence's, and the topic of the sentence before in its paragraph."""
        f, text, body_start = self.figures[k], self.article.text, self.article.body_start
        si = max(0, bisect.bisect_right(self.starts, f.start) - 1)
        ctx = self._sentence(si)
        sent = ctx.sentence
        fs, fe = f.start - sent.start, f.end - sent.start
        clause = clause_bounds(sent.text, fs, ctx.breaks)
        before = self.figures[k - 1] if k else None
        after = self.figures[k + 1] if k + 1 < len(self.figures) else None
        prev_end = before.end - sent.start if before is not None and before.end <= f.start else 0
        nxt = after.start if after is not None and after.start >= f.end else sent.end
        segment_end = min(nxt, sent.end) - sent.start
        p_start, p_end = _paragraph(text, f.start, body_start)
        local = local_window(sent.text, fs, fe, max(prev_end, clause[0]), clause[1])
        fc = FigureContext(
            f,
            _measured(f, sent.text, fe),
            sent.text,
            sent.start,
            fs,
            fe,
            clause,
            (prev_end, segment_end),
            _with_previous(text, p_start, p_end, body_start),
            without_forecast_comparisons(local),
            ctx.places,
            ctx.times,
            ctx.standards,
        )
        previous = self.read.get(si - 1) if si > 0 and self.sentences[si - 1].start >= p_start else None
        return fc, ctx, previous.topic if previous is not None else None


def build_claims(
    article: Article, figures: list[Figure], rulebook: Rulebook, world: World | None = None
) -> list[Claim]:
    """One claim per figure, in reading order."""
    art = _read_article(article, rulebook, world or world_for(rulebook))
    reading = _Reading(art, figures)
    claims: list[Claim] = []
    seen: dict[tuple[str, str], int] = {}  # how often a figure's words came in one sentence's words
    for k in range(len(figures)):
        fc, ctx, topic = reading.figure(k)
        parts = _parts(art, fc, ctx, topic, claims)
        said = (ctx.folded, fc.figure.surface)
        occurrence = seen.get(said, 0)
        seen[said] = occurrence + 1
        claim_at = claim_id(article.path, fc.sentence, fc.figure.surface, occurrence, ctx.folded)
        claims.append(_claim(art, fc, parts, claim_at))
    return claims


def _claim(art: _ArticleContext, fc: FigureContext, parts: ClaimParts, claim_at: str) -> Claim:
    """The claim of a figure, from what the context stage read, with its key."""
    article, when, where, measure = art.article, parts.when, parts.where, parts.measure
    key, reason = claim_key(parts, art.world)
    if key is not None and fc.figure.dimension == "time" and _time_point_after().match(fc.sentence, fc.end):
        key, reason = None, "a point in time, not a duration"  # "his conviction five months ago"
    return Claim(
        id=claim_at,
        path=article.path,
        figure=fc.figure,
        sentence=fc.sentence,
        sentence_start=fc.sentence_start,
        measure=measure.id if measure is not None else None,
        entity=where.entity if where else None,
        time=ClaimTime(when.label, when.start, when.end, when.resolution, when.basis, when.anchor) if when else None,
        outlet=article.outlet,
        date=article.date,
        url=article.url,
        title=article.title,
        thing=parts.thing,
        label=parts.label,
        place=where.place if where else None,
        subject=parts.subject,
        role=parts.role_name,
        modality=parts.role.modality,
        individual=parts.role.individual,
        key=key,
        key_reason=reason,
        words=parts.words,
        own=parts.own.head,
        own_parts=parts.own.parts,
        owner_default=parts.owner_default,
        article_subject=art.owner if parts.owner_default else None,
    )


def _measured(f: Figure, sentence: str, fe: int) -> Figure:
    """The figure as measures read it: one with no noun of its own takes a word of its own right after it."""
    if f.noun and "inherited_noun" not in f.flags:
        return f
    # "2,681 dead and 2,562 injured": a word of its own right after the figure says what it counts
    own = _own_word().match(sentence, fe)
    return dataclasses.replace(f, noun=own.group(1)) if own else f


@dataclass(frozen=True)
class _What:
    """What a figure measures: a rule file's measure, or a thing read from its words, and why."""

    measure: Measure | None = None
    thing: str | None = None
    cue: str = ""
    label: str = ""
    read: bool = False  # the thing was read from the words, not given by a measure


def _of_measure(measure: Measure) -> _What:
    return _What(measure, measure.id, f"measure {measure.id}", measure.label)


def _parts(
    art: _ArticleContext, fc: FigureContext, ctx: _SentenceContext, topic: Attachment | None, claims: list[Claim]
) -> ClaimParts:
    """What one figure measures, about whom, when and in what role; ``claims`` are those read before it."""
    f, measures = fc.figure, art.rulebook.measures
    measure_id = classify(measures, fc, art.world.demonyms, borrow=False)
    if f.part_of is not None and measure_id is None:
        # a part ("19 from Kyrgyzstan") measures what its total, read before it, measures
        measure_id = claims[f.part_of].measure
    measure = measures.get(measure_id) if measure_id else None
    role = role_of(fc)
    where = _who(art, fc, measure, topic)
    when, own_time = _when(art, fc, measure)
    what = _of_measure(measure) if measure is not None else _what(art, fc, claims)
    if what.read and what.thing == "people hosted":
        where = hosted(art.world, fc, art.origin) or Attachment(None, None, "no host country and origin")
    what, subject = _segment(art, fc, what, _whose(art, fc, what, role))
    if what.thing == AGE and art.date is not None:
        # an age holds for a year: two reports of one person's age days apart state one claim
        year = art.date.year
        when = timectx.When(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", str(year), "article")
    parts = ClaimParts(
        f,
        what.measure,
        what.thing,
        what.cue,
        what.label,
        where,
        subject,
        _role_name(role, own_time, what),
        role,
        when,
        _frame(art, fc, ctx, what),
        own_phrase(fc.sentence, fc.start, fc.end, (fc.own_start, fc.own_end)),
    )
    if subject is None and _the_articles_own(art, fc, parts):
        # "77.3 million iPhones sold", and no name or place near it: the article's own subject
        parts = dataclasses.replace(parts, subject=art.owner, default_subject=True)
    return parts


def _when(art: _ArticleContext, fc: FigureContext, measure: Measure | None) -> tuple[timectx.When | None, bool]:
    """The figure's time, and whether its own stretch of its clause names it."""
    when, own = figure_time(fc, art.date, measure.time if measure is not None else "interval")
    if when is not None and when.basis == "article" and art.reported is not None:
        when = art.reported  # a results story's undated figures are for the period its lead reports
    return when, own


def _what(art: _ArticleContext, fc: FigureContext, claims: list[Claim]) -> _What:
    """What a figure no measure fits measures: a thing read from its words, else its sentence's measure."""
    found = _thing(art, fc)
    what = _What()
    if found is None:
        # "..., while Kilicdaroglu took 47.8%": a clause that names nothing borrows its sentence's measure
        borrowed = classify(art.rulebook.measures, fc, art.world.demonyms)
        if borrowed is not None:
            what = _of_measure(art.rulebook.measures[borrowed])
        found = _thing_before(fc, claims)
    if found is None:
        return what
    thing, cue = found
    return dataclasses.replace(what, thing=thing, cue=cue, label=thing, read=True)


def _thing(art: _ArticleContext, fc: FigureContext) -> tuple[str, str] | None:
    f, in_clause = fc.figure, fc.sentence[fc.clause[0] : fc.start]
    if f.dimension == "age":
        return AGE, "an age"  # "the 27-year-old", "aged 27", "27 years old": whose it is, the key says
    if f.dimension != "count":
        return property_thing(f, in_clause, fc.after, art.strip_places)
    found = count_thing(f, fc.after, fc.before, art.strip_places)
    if found is None and not f.noun:
        # "net migration rose to 606,000": a count with no counted noun measures its verb's subject
        found = property_thing(f, in_clause, fc.after, art.strip_places)
    return found


def _thing_before(fc: FigureContext, claims: list[Claim]) -> tuple[str, str] | None:
    """The thing of the figure before, for one that borrowed its noun and says nothing of its own."""
    f = fc.figure
    if "inherited_noun" not in f.flags or not claims or claims[-1].measure is not None or _ACTS_AFTER.match(fc.after):
        return None
    prior = claims[-1]  # "1.56 million refugees registered, followed by Germany with 1.06 million"
    if prior.sentence_start == fc.sentence_start and prior.figure.noun == f.noun and prior.thing:
        return prior.thing, f'as "{prior.figure.surface}" before it'
    return None


def _role_name(role: Role, own_time: bool, what: _What) -> str:
    """The figure's role as its measure and time make it."""
    name = role.role
    if name == "prior" and own_time:
        name = "level"  # "from 84.3% in November": a level at a stated time
    measure = what.measure
    if not (measure is not None and measure.offence) and what.cue.startswith(CHANGED) and name == "level":
        name = "change"  # "raised the minimum wage by 55%"
    if measure is not None and measure.rate and name == "change":
        name = "level"  # "consumer prices rose 84.3%" states the inflation rate
    return name


def _whose(art: _ArticleContext, fc: FigureContext, what: _What, role: Role) -> str | None:
    """Whose value it is: only for a claim that can be compared, and only when its measure or key needs it."""
    measure, subject = what.measure, None
    if measure is not None and measure.offence:
        subject = offence_of(fc.sentence, fc.start, fc.end, fc.clause)  # whose penalty: the offence's
    elif what.thing == AGE:
        subject = _aged(art, fc)
    elif not what.cue.startswith(CHANGED) and what.thing is not None and (measure is None or measure.subject):
        subject = _named_subject(art, fc)
    if role.modality == "request" and what.thing is not None:
        # "prosecutors sought ...": the side that asked is its author; one story's requests are for its
        # one defendant, named or not
        subject = requester(fc.sentence, fc.start)
    return subject


def _aged(art: _ArticleContext, fc: FigureContext) -> str | None:
    """Whose age a figure is: the name next to it, else, for "the 27-year-old", the article's own subject."""
    name = aged(fc.sentence, (fc.start, fc.end), fc.clause, art.is_place)
    if name is None and art.owner and _THE_BEFORE.search(fc.sentence, max(0, fc.start - 5), fc.start):
        # "the 24-year-old said in a letter": the person the story is about; "as a 14-year-old" is an
        # age they once were
        name = art.owner
    return None if name is None else canonical(name, art.names)


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _named_subject(art: _ArticleContext, fc: FigureContext) -> str | None:
    sentence, c_start, fs, owner = fc.sentence, fc.clause[0], fc.start, art.owner
    compared = compared_before(sentence, c_start, fs)
    if owner is not None and not compared and _described(sentence, c_start, fs):
        subject = owner  # "The former treasurer of a Bristol club was jailed": not Bristol's
    else:
        subject = subject_of(sentence, (fs, fc.end), fc.clause, art.is_place, fc.segment, art.lowercase)
    if subject is None and owner is not None and not compared and _anaphor(sentence, c_start, fs):
        subject = owner  # "the company", "he", "the former director": the article's own subject
    return None if subject is None else canonical(subject, art.names)


def _segment(art: _ArticleContext, fc: FigureContext, what: _What, subject: str | None) -> tuple[_What, str | None]:
    """A company's revenue from one of its businesses ("services revenue", "Mac sales"), and the company."""
    owner, f = art.owner, fc.figure
    if owner is None or not (
        is_sales(what.thing) or (what.thing is None and f.dimension == "currency" and earned(fc.before))
    ):
        return what, subject
    c_start, c_end = fc.clause
    segment = segment_of(
        fc.sentence[c_start:c_end], fc.start - c_start, subject, owner, fc.sentence[: fc.start], art.is_place
    )
    if segment is None:
        return what, subject
    name = f"revenue ({segment})"
    return dataclasses.replace(what, thing=name, label=name, cue=f'segment "{segment}" of {owner}'), owner


def _frame(art: _ArticleContext, fc: FigureContext, ctx: _SentenceContext, what: _What) -> tuple[str, ...]:
    """The words near the figure that say what it measures."""
    sentence, fs, prev_end = fc.sentence, fc.start, fc.segment[0]
    c_start = fc.clause[0]
    frame_from = fc.own_start
    if prev_end > c_start and not frame_words(sentence, fs, fs, (prev_end, fs), None, art.is_place):
        frame_from = c_start  # "raised rates by a quarter point to 0.75%": both figures are of "rates"
    if sentence[max(c_start - 1, 0) : c_start] == "(" and not sentence[c_start:fs].strip():
        # "non-EU nationals (925,000)": a value in brackets counts what stands before them
        frame_from = max(prev_end, clause_bounds(sentence, max(c_start - 2, 0), ctx.breaks)[0])
    thing = None if what.measure else " ".join(p for p in (what.thing, fc.figure.noun) if p)
    return art.read_frame(sentence, fs, fc.end, (frame_from, fc.own_end), thing, art.is_place)


def _the_articles_own(art: _ArticleContext, fc: FigureContext, parts: ClaimParts) -> bool:
    """Whether a figure with no subject and no entity is the article's own subject's."""
    measure, where, role = parts.measure, parts.where, parts.role
    return (
        art.owner is not None
        and (parts.thing is not None or len(parts.words) >= MIN_WORDS)
        and (where is None or where.entity is None)
        and role.modality == "actual"
        and (measure is None or (measure.subject and not measure.offence))
        and not compared_before(fc.sentence, fc.clause[0], fc.start)  # "shorter than the nine years given to ..."
    )


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
    art: _ArticleContext, fc: FigureContext, measure: Measure | None, topic: Attachment | None
) -> Attachment | None:
    """The entity and scope of a figure: its clause, else its sentence, the sentence before in its
    paragraph (``topic``), or the article's main country."""
    if measure is not None and measure.entity:
        return Attachment(measure.entity, None, "the measure's entity")
    f = fc.figure
    noun = "" if "inherited_noun" in f.flags else f.noun
    where = attach(art.world, fc, noun)
    if where is not None and where.entity is None:
        return where  # several places named: about none of them alone
    if where is None and topic is not None:
        where = Attachment(topic.entity, topic.place, topic.how + " (the sentence before)")
    if where is None and art.main is not None:
        where = Attachment(art.main, None, MAIN_COUNTRY)
    if where is not None and where.place is None:
        unknown = unknown_scope(art.world, fc.local, art.lowercase)
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
