"""Turn figures into claims: what each measures, who it is about, and when."""

from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path

from figures.context import time as timectx
from figures.context.entities import Gazetteer, attribute
from figures.context.measures import classify
from figures.ingest.sentences import Sentence, split_sentences
from figures.model import Article, Claim, Figure
from figures.rulebook import Rulebook

__all__ = ["build_claims", "claim_id"]


def claim_id(path: str, sentence: str, surface: str, occurrence: int) -> str:
    """A stable id: the same figure in the same sentence keeps it when the rest of the article changes."""
    key = f"{Path(path).name}|{' '.join(sentence.split())}|{surface}|{occurrence}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _paragraph(text: str, pos: int, floor: int) -> tuple[int, int]:
    start = text.rfind("\n\n", floor, pos)
    start = floor if start < 0 else start + 2
    end = text.find("\n\n", pos)
    return start, (len(text) if end < 0 else end)


def build_claims(
    article: Article, figures: list[Figure], rulebook: Rulebook, gazetteer: Gazetteer | None = None
) -> list[Claim]:
    """One claim per figure, in reading order."""
    gazetteer = gazetteer or Gazetteer(rulebook.entities)
    text = article.text
    sentences: list[Sentence] = split_sentences(text, article.body_start)
    starts = [s.start for s in sentences]
    fallback_year = timectx.year_of(article.date)
    article_date = timectx.parse_article_date(article.date)
    seen: dict[tuple[str, str], int] = {}
    times: dict[int, list[timectx.TimeMention]] = {}  # by sentence index
    claims: list[Claim] = []
    for k, f in enumerate(figures):
        si = max(0, bisect.bisect_right(starts, f.start) - 1)
        sent = sentences[si] if sentences else Sentence(0, len(text), text)
        nxt = figures[k + 1].start if k + 1 < len(figures) and figures[k + 1].start >= f.end else sent.end
        segment_end = min(nxt, sent.end)
        p_start, p_end = _paragraph(text, f.start, article.body_start)
        paragraph = text[p_start:p_end]
        measure_id = classify(rulebook.measures, f, sent.text, sent.start, paragraph, gazetteer.demonyms)
        measure = rulebook.measures.get(measure_id) if measure_id else None
        if f.part_of is not None and measure is None:
            # a part ("19 from Kyrgyzstan") measures what its total, read before it, measures
            measure_id = claims[f.part_of].measure
            measure = rulebook.measures.get(measure_id) if measure_id else None
        if measure is not None and measure.entity:
            entity = measure.entity
        else:
            # a noun taken from the figure before ("19" of "93 Central Asian citizens") says
            # what is counted, not whom: the figure's own words decide that
            noun = "" if "inherited_noun" in f.flags else f.noun
            entity = attribute(gazetteer, text, f.start, f.end, noun, sent.start, segment_end)
        time_low = time_high = None
        label = None
        if measure is None or measure.time != "none":
            if si not in times:
                times[si] = timectx.mentions(text, sent.start, sent.end, article_date)
            found = timectx.nearest(times[si], f.start, f.end)
            if found is not None:
                time_low, time_high, label = found.when.first_year, found.when.last_year, found.when.years_label
            elif fallback_year is not None:
                time_low = time_high = fallback_year
                label = str(fallback_year)
        key = (re.sub(r"\s+", " ", sent.text), f.surface)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        claims.append(
            Claim(
                id=claim_id(article.path, sent.text, f.surface, occurrence),
                path=article.path,
                figure=f,
                sentence=sent.text,
                sentence_start=sent.start,
                measure=measure_id,
                entity=entity,
                time=label,
                time_low=time_low,
                time_high=time_high,
                outlet=article.outlet,
                date=article.date,
                url=article.url,
                title=article.title,
            )
        )
    return claims
