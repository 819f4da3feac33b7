"""Extract every quantity stated in a text as a :class:`~figures.model.Figure`."""

from __future__ import annotations

import bisect
from dataclasses import replace

from figures.core import limits
from figures.core.units import unit_name
from figures.extract.atoms import Atom, find_atoms
from figures.extract.dollars import local_dollars
from figures.extract.draft import Draft
from figures.extract.filters import keep_draft
from figures.extract.plain import end_to_text, plain_view, to_text, to_view
from figures.extract.qualifiers import apply_bounds
from figures.extract.relations import (
    carry_direction,
    inherit_level_units,
    inherit_nouns,
    join_bounds,
    join_compound_amounts,
    link_currency_pairs,
    link_each,
    link_parts,
    share_ages,
    share_compared_units,
    share_level_units,
    share_size_units,
    share_units,
)
from figures.extract.scanner import draft_from_atoms, finish_draft
from figures.ingest.sentences import split_sentences
from figures.model import Equivalent, Figure, Qualifier

__all__ = ["extract_text", "line_starts", "position"]


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def extract_text(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text`` (or in ``text[start:end]``), in reading order.

    Offsets, lines and columns index the whole ``text``, so ``text[f.start:f.end] ==
    f.surface`` holds for every figure ``f``.
    """
    end = len(text) if end is None else end
    view, removed = plain_view(text)
    if view is text:
        return _extract(text, start, end)
    figures = _extract(view, to_view(removed, start), to_view(removed, end))
    lines = line_starts(text)
    return [_in_text(f, text, removed, lines) for f in figures]


def _in_text(figure: Figure, text: str, removed: list[int] | None, lines: list[int]) -> Figure:
    """A figure read from the plain view, pointing at the text as written."""
    start, end = to_text(removed, figure.start), end_to_text(removed, figure.end)
    line, column = position(lines, start)
    equivalent = figure.equivalent
    if equivalent is not None:
        e_start, e_end = to_text(removed, equivalent.start), end_to_text(removed, equivalent.end)
        equivalent = replace(equivalent, surface=text[e_start:e_end], start=e_start, end=e_end)
    return replace(
        figure, surface=text[start:end], start=start, end=end, line=line, column=column, equivalent=equivalent
    )


def _extract(text: str, start: int, end: int) -> list[Figure]:
    sentences = split_sentences(text, start, end)
    if not sentences:
        return []
    bounds = [(s.start, s.end) for s in sentences]
    starts = [s.start for s in sentences]
    region = text[:end]
    atoms = [a for a in find_atoms(region) if a.start >= start]
    sentence_of = [max(0, bisect.bisect_right(starts, a.start) - 1) for a in atoms]
    # An atom that falls in the white space between sentences belongs to none.
    kept = [(a, s) for a, s in zip(atoms, sentence_of, strict=False) if bounds[s][0] <= a.start < bounds[s][1]]
    kept = _first_per_sentence(kept, limits.current().max_figures_per_sentence)
    atoms = [a for a, _ in kept]
    sentence_of = [s for _, s in kept]
    drafts = draft_from_atoms(text, atoms, sentence_of, bounds)
    for d in drafts:
        s_start, s_end = bounds[d.sentence]
        finish_draft(text, d, s_start, s_end)
    share_units(text, drafts)
    share_ages(text, drafts)
    share_level_units(text, drafts)
    share_size_units(text, drafts)
    drafts = [d for d in drafts if keep_draft(text, d, bounds[d.sentence][0])]
    drafts = _without_overlaps(drafts)
    share_compared_units(text, drafts, [bounds[d.sentence][0] for d in drafts])
    drafts = join_compound_amounts(text, drafts)
    drafts = join_bounds(text, drafts)
    drafts = link_currency_pairs(text, drafts)
    local_dollars(text, drafts)
    carry_direction(text, drafts)
    inherit_nouns(text, drafts)
    inherit_level_units(text, drafts)
    link_parts(text, drafts)
    link_each(text, drafts)
    lines = line_starts(text)
    return [_to_figure(text, lines, k, d) for k, d in enumerate(drafts)]


def _first_per_sentence(kept: list[tuple[Atom, int]], most: int) -> list[tuple[Atom, int]]:
    """At most ``most`` numbers of each sentence: past that a "sentence" is a table, and reading
    all of it would make the context stage's per-figure look at its sentence quadratic."""
    counts: dict[int, int] = {}
    out = []
    for atom, sentence in kept:
        counts[sentence] = counts.get(sentence, 0) + 1
        if counts[sentence] <= most:
            out.append((atom, sentence))
    return out


def _without_overlaps(drafts: list[Draft]) -> list[Draft]:
    """Drop a number read as part of the figure before it ("6.5 per 100,000 people")."""
    out: list[Draft] = []
    for d in drafts:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def _to_figure(text: str, lines: list[int], index: int, d: Draft) -> Figure:
    apply_bounds(d)
    if d.equivalent is not None:
        apply_bounds(d.equivalent)
    line, column = position(lines, d.start)
    equivalent = None
    if d.equivalent is not None:
        e = d.equivalent
        equivalent = Equivalent(
            surface=text[e.start : e.end],
            start=e.start,
            end=e.end,
            low=_clean(e.low),
            high=_clean(e.high),
            qualifier=e.qualifier,
            unit=e.unit,
        )
    flags = tuple(sorted(set(d.flags)))
    return Figure(
        index=index,
        surface=text[d.start : d.end],
        start=d.start,
        end=d.end,
        line=line,
        column=column,
        low=_clean(d.low),
        high=_clean(d.high),
        qualifier=d.qualifier if d.qualifier else Qualifier.EXACT,
        unit=d.unit,
        noun=d.noun,
        dimension=d.dimension,
        period=d.period,
        precision=_clean(d.precision),
        flags=flags,
        equivalent=equivalent,
        parts=tuple(d.parts),
        part_of=d.part_of,
        each_of=d.each_of,
        direction=d.direction,
        per=d.per,
        unit_name=unit_name(d.unit),
    )


def _clean(value: float | None) -> float | None:
    """Round away binary noise (0.1 * 3) so output is stable and readable."""
    if value is None:
        return None
    value = float(value)
    if value.is_integer() and -1e10 < value < 1e10:
        return value  # a whole number of at most ten digits has no noise to round away
    return float(f"{value:.10g}")
