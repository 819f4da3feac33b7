"""Totals, parts and shares as a sentence writes them out, read for the total check.

A sentence can give a whole and its parts without a bracket:

* "Of the 214 passengers, 150 were adults and 72 were children" (an ``of`` frame);
* "3,200 refugees, of whom 1,900 came from Sudan and the other 1,100 from Chad" (``of_which``);
* "1,350 complaints: 720 in Tarnow, 410 in Kielce and 190 in Radom" (a ``colon`` list);
* "€96 million, paid in instalments of €30 million, €40 million and €20 million" (``instalments``);

and a share of a count: "120 jobs, or 15% of its staff of 800", "Of the 640 students, 96, or
15%, failed". Only what the sentence says is read: parts must cover their whole when the
construction says so (a colon list, instalments, "the rest", categories that split a whole
such as men and women), and may not exceed it when they cannot overlap (money, places,
one class of categories). Parts introduced by "including" or "among them" name some parts
only. The words are data: ``figures/data/parts_words.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from figures.context import words
from figures.core.intervals import Interval, from_figure
from figures.model import Claim, Dimension, Figure

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "parts_words.yaml"
SCHEMA_FILE = WORDS_FILE.with_name("parts_words.schema.json")

__all__ = [
    "WORDS_FILE",
    "Breakdown",
    "Product",
    "Sentence",
    "Share",
    "any_of",
    "bare",
    "countable",
    "data",
    "instalment_breakdowns",
    "load",
    "sentences",
]


def load(path: Path) -> dict[str, Any]:
    """The lists of a parts word file at ``path``; a :class:`RuleFileError` names what is wrong with it."""
    return words.load(path, SCHEMA_FILE)


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The lists of ``parts_words.yaml``, once they have passed the schema."""
    return load(WORDS_FILE)


@lru_cache(maxsize=32)
def any_of(name: str) -> str:
    """A regex (no groups) matching any phrase of one list as whole words, longest first."""
    phrases = sorted(data()[name], key=lambda p: (-len(p), p))
    return r"(?<![\w-])(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) + r")(?!\w)"


@lru_cache(maxsize=1)
def _partition_of() -> dict[str, str]:
    return {w: cls for cls, forms in data()["partitions"].items() for w in forms}


@lru_cache(maxsize=1)
def _disjoint_of() -> dict[str, str]:
    return {w: cls for cls, forms in data()["disjoint_classes"].items() for w in forms}


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# "Of the 214 passengers": the sentence opens with "of", a determiner and up to three words.
_OF_OPENING = re.compile(
    r"^\W*(?:(?:and|but)\s+)?of\s+(?:(?:the|those|these|its|their|his|her|our|all|all\s+the)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "640 million crowns, of which 410 ...": up to three words, then ", of which|whom".
_OF_WHICH = re.compile(r"^(?:\s+[\w'’-]+){0,3}\s*[,(—–]\s*(?:out\s+)?of\s+(?:which|whom)\b", re.IGNORECASE)
# "The 68 victims included 40 men ...", "900 homes, including 400 in ...": some parts, named.
_INCLUDING = re.compile(
    r"^(?:\s+[\w'’-]+){0,3}?\s*,?\s*(?:including|included|include|includes|among\s+them|among\s+whom|among\s+those)\b",
    re.IGNORECASE,
)
# "1,350 complaints last year: 720 ...": up to four words, then a colon and a space.
_COLON = re.compile(r"^(?:\s+[\w'’-]+){0,4}\s*:\s", re.IGNORECASE)
_BARE = re.compile(
    r"^\s*(?:more\s+than\s+|about\s+|some\s+|nearly\s+|almost\s+)?[\d.,\s]+(?:m|bn|k|million|billion|thousand)?\s*$",
    re.IGNORECASE,
)
_SHARE_GAP = re.compile(
    r"^\s*(?:,\s*or\s+(?:about\s+|some\s+|nearly\s+|roughly\s+|almost\s+|around\s+)?|\(\s*|[—–]\s*)$", re.IGNORECASE
)
_COUNT_OF_WHOLE = re.compile(r"^\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+|all\s+the\s+)?$", re.IGNORECASE)
_OF_PHRASE = re.compile(r"^\s+of\s+(?:[^,;()]|,(?=\d))*", re.IGNORECASE)  # "20,000" is one number
_PLACE_LABEL = re.compile(
    r"^\s*(?:(?:were|are|was|is|came|come|live|lived|work|worked)\s+)?(?:from|in|at)\s+(?:the\s+)?(?-i:[A-Z])"
)
_LABEL_WORDS = re.compile(r"[a-z][\w'’-]*(?:\s+members|\s+nationals|\s+citizens)?", re.IGNORECASE)


@dataclass(frozen=True)
class Breakdown:
    """A whole and its parts in one sentence.

    ``totals`` holds the whole, or for instalments every amount of the sentence before
    them that may be the whole (a fee, its add-ons), and is empty for shares of one whole
    ("Of the votes cast, 52% ..., 45% ... and 8% ...": the whole is 100%); ``exhaustive``:
    the parts must make the whole; ``disjoint``: they cannot overlap, so they may not exceed it.
    """

    kind: str
    totals: tuple[Claim, ...]
    parts: tuple[Claim, ...]
    exhaustive: bool
    disjoint: bool


@dataclass(frozen=True)
class Product:
    """A whole paid in equal parts: "£45m payable in four instalments of £12m"."""

    totals: tuple[Claim, ...]
    units: Claim
    each: Claim


@dataclass(frozen=True)
class Share:
    """A count, its share and the whole the sentence gives for it: "120 jobs, or 15% of its staff of 800"."""

    count: Claim
    share: Claim
    whole: Claim


# Amounts whose parts add up: money, tonnes, hectares, litres, kilometres, megawatt-hours.
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_AMOUNTS = frozenset(
    {Dimension.CURRENCY, Dimension.MASS, Dimension.AREA, Dimension.VOLUME, Dimension.LENGTH, Dimension.ENERGY}
)


def bare(f: Figure) -> bool:
    """A number with no unit or noun of its own ("720", "50 million"), whatever dimension was guessed."""
    return not f.noun and bool(_BARE.match(f.surface))  # the surface, not a guessed unit: "96, or 15%" is no age


def countable(f: Figure) -> bool:
    """A count of things, or a bare number that may be one."""
    return (f.dimension == Dimension.COUNT and not f.unit) or bare(f)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article with its claims, in the order of the text."""

    text: str
    start: int
    claims: tuple[Claim, ...]

    def before(self, k: int) -> str:
        return self.text[: self.claims[k].figure.start - self.start]

    def after(self, k: int) -> str:
        return self.text[self.claims[k].figure.end - self.start :]

    def gap(self, a: int, b: int) -> str:
        """The text between the end of ``a`` (an offset in the article) and the start of claim ``b``."""
        return self.text[a - self.start : self.claims[b].figure.start - self.start]

    @cached_property
    def breakdowns(self) -> list[Breakdown]:
        return [b for k in range(len(self.claims)) for b in _breakdowns_at(self, k)] + _shares_of_one_whole(self)

    @cached_property
    def instalments(self) -> list[tuple[Breakdown | None, Product | None]]:
        return _instalments(self)

    def products(self) -> list[Product]:
        return [p for _, p in self.instalments if p is not None]

    def shares(self) -> list[Share]:
        return [s for k in range(1, len(self.claims)) if (s := _share_at(self, k)) is not None]


def sentences(claims: list[Claim]) -> Iterator[Sentence]:
    """The sentences of one article's claims, in order."""
    by_start: dict[int, list[Claim]] = {}
    for c in claims:
        by_start.setdefault(c.sentence_start, []).append(c)
    for start in sorted(by_start):
        found = sorted(by_start[start], key=lambda c: c.figure.start)
        yield Sentence(found[0].sentence, start, tuple(found))


def _breakdowns_at(s: Sentence, k: int) -> list[Breakdown]:
    """The breakdowns whose whole is claim ``k``: an ``of`` frame, ``of which``, a colon list."""
    total = s.claims[k]
    if total.figure.parts or not (countable(total.figure) or total.figure.dimension in _AMOUNTS):
        return []
    opening = _opening(s, k)
    if opening is None:
        return []
    kind, at = opening
    partial = kind == "including" or bool(_compiled(r"\s*" + any_of("partial_openers")).match(s.text, at - s.start))
    parts = _list(s, at, total.figure, k + 1)
    if len(parts) < 2 and not (parts and kind in ("of", "of_which")):
        return []
    return [_judged(s, kind, total, parts, partial)]


def _opening(s: Sentence, k: int) -> tuple[str, int] | None:
    """Which construction opens a breakdown at claim ``k``, and where its parts start (an article offset)."""
    f, after = s.claims[k].figure, s.after(k)
    if _OF_OPENING.match(s.before(k)):
        comma = after.find(",")
        nxt = s.claims[k + 1].figure.start if k + 1 < len(s.claims) else len(s.text) + s.start
        if 0 <= comma < 100 and f.end + comma < nxt:
            return "of", f.end + comma + 1
        return None
    for kind, pattern in (("of_which", _OF_WHICH), ("including", _INCLUDING), ("colon", _COLON)):
        m = pattern.match(after)
        if m is not None:
            return kind, f.end + m.end()
    return None


def _list(s: Sentence, at: int, total: Figure, first: int) -> list[Claim]:
    """The parts listed from offset ``at``: figures of the total's kind, up to a word that ends the list."""
    parts: list[Claim] = []
    pos = at
    breaker = _compiled(any_of("list_breakers"))
    for j in range(first, len(s.claims)):
        f = s.claims[j].figure
        gap = s.gap(pos, j)
        if f.start < at:
            continue  # "£30m in three instalments: £10m ...": the count of instalments is no part
        if ";" in gap or breaker.search(gap):
            break
        if parts and f.dimension == Dimension.PERCENT and _SHARE_GAP.match(gap):
            pos = f.end  # "400, or 8%, are ...": the share of a part, not a part
            continue
        if not _part_of(f, total, bool(parts) and _nameless(parts[0].figure)):
            break
        parts.append(s.claims[j])
        pos = f.end
    return parts


def _part_of(f: Figure, total: Figure, after_bare: bool = False) -> bool:
    """Can ``f`` be a part of ``total``: its kind and unit, and its own noun is the total's or a category.

    After a part with no noun of its own, a part may name its category as its noun: "870 crimes,
    of which 450 were thefts, 300 burglaries and 140 assaults".
    """
    if total.dimension in _AMOUNTS:
        return (f.dimension == total.dimension and f.unit == total.unit and f.per == total.per) or bare(f)
    if not countable(f):
        return False
    own = f.noun if f.noun and "inherited_noun" not in f.flags else ""
    known = own.split()[-1] in _partition_of() or own.split()[-1] in _disjoint_of() if own else False
    return not own or own == total.noun or known or after_bare


def _nameless(f: Figure) -> bool:
    return not f.noun or "inherited_noun" in f.flags


def written(f: Figure) -> Interval:
    """The interval a figure gives as written beside the others of its sentence: a whole number is exact.

    "1,200 cases: 700 ..., 300 ... and 150 ..." is read as 1,200, not 1,150 to 1,250, and "£30m in
    three instalments: £10m, £10m and £8m" as £30m: parts stated beside a total are added as
    written. Decimals still say a figure is rounded ("1.3 million" is 1.25 to 1.35 million), and
    "about" still stretches it.
    """
    m = _DIGITS.search(f.surface)
    if m is None or "." in m.group(0):
        return from_figure(f)
    return from_figure(replace(f, precision=None))


def _judged(s: Sentence, kind: str, total: Claim, parts: list[Claim], partial: bool) -> Breakdown:
    """Whether the parts must make the whole and whether they may overlap, from their labels."""
    rest, one_class, partition = _kinds(s, parts)
    amounts = total.figure.dimension in _AMOUNTS
    exhaustive = not partial and (rest or partition or kind == "colon")
    disjoint = rest or one_class or amounts or _parallel(s, parts)
    return Breakdown(kind, (total,), tuple(parts), exhaustive, disjoint)


def _kinds(s: Sentence, parts: list[Claim]) -> tuple[bool, bool, bool]:
    """Is one part the rest; are the others of one class; do they split the whole with nothing left?"""
    labels = [_label(s, parts, n) for n in range(len(parts))]
    rest = "rest" in labels
    named = [label for label in labels if label != "rest"]
    classes = {label.split(":")[0] for label in named}
    one_class = len(classes) == 1 and "" not in named
    partition = (
        one_class and classes != {"place"} and not named[0].startswith("~") and len(set(named)) == len(named) >= 2
    )
    return rest, one_class, partition


# "Of the votes cast, 52% ...": a whole named without a figure, then its shares.
_OF_NAMED_WHOLE = re.compile(
    r"^\W*(?:(?:and|but)\s+)?of\s+(?:the|those|these|its|their|all)\b[^,\d%]{0,80},\s*", re.IGNORECASE
)


def _shares_of_one_whole(s: Sentence) -> list[Breakdown]:
    """Shares of a whole named without a figure: "Of the votes cast, 52% went to A, 45% to B and 8% to C"."""
    m = _OF_NAMED_WHOLE.match(s.text)
    if m is None or not s.claims or s.claims[0].figure.start < s.start + m.end():
        return []
    breaker = _compiled(any_of("list_breakers"))
    parts: list[Claim] = []
    pos = s.start + m.end()
    for k, c in enumerate(s.claims):
        gap = s.gap(pos, k)
        if c.figure.dimension != Dimension.PERCENT or ";" in gap or breaker.search(gap):
            break
        parts.append(c)
        pos = c.figure.end
    if len(parts) < 2:
        return []
    rest, one_class, _ = _kinds(s, parts)
    disjoint = rest or one_class or _parallel(s, parts)
    # a survey's shares may leave out those who gave no answer: only "the rest" says they cover it all
    return [Breakdown("shares", (), tuple(parts), rest, disjoint)] if disjoint else []


def _label(s: Sentence, parts: list[Claim], n: int) -> str:
    """What part ``n`` is: "rest", "place", "<class>:<category>" from the partitions, or ""."""
    f = parts[n].figure
    end = parts[n + 1].figure.start if n + 1 < len(parts) else len(s.text) + s.start
    after = s.text[f.end - s.start : end - s.start]
    before = s.text[max(0, f.start - s.start - 20) : f.start - s.start]
    if re.search(any_of("rest_before") + r"\s*$", before, re.IGNORECASE) or re.match(
        r"^\s*" + any_of("rest_after"), after, re.IGNORECASE
    ):
        return "rest"
    if _PLACE_LABEL.match(after):
        return "place:"
    own = f.noun if f.noun and "inherited_noun" not in f.flags else ""
    for word in ([own] if own else []) + [m.group(0).lower() for m in _LABEL_WORDS.finditer(after[:40])][:3]:
        cls = _partition_of().get(word)
        if cls:
            return f"{cls}:{word}"
        cls = _disjoint_of().get(word)
        if cls:
            return f"~{cls}:{word}"  # one class whose categories do not overlap, nor cover the whole
    return ""


def _parallel(s: Sentence, parts: list[Claim]) -> bool:
    """Do the parts name categories of one kind, the later ones with the first one's verb left out?

    "450 were thefts, 300 burglaries and 140 assaults", "1,900 came from Sudan and 1,100 from
    Chad": one verb for all, so one attribute, and its categories do not overlap. "210 were
    women and 180 worked night shifts" has a verb of its own for each part: two attributes.
    """
    if len(parts) < 2:
        return False
    spans = [(p.figure.end, q.figure.start) for p, q in zip(parts, parts[1:], strict=False)]
    spans.append((parts[-1].figure.end, len(s.text) + s.start))
    labels = [re.findall(r"[a-z][\w'’-]*", s.text[a - s.start : b - s.start].lower()) for a, b in spans]
    labels = [[w for w in label if w not in ("and", "or")] for label in labels]
    # "300 burglaries and ...": a part that names its category as its noun
    labels = [
        label or ([] if _nameless(p.figure) else p.figure.noun.split()) for label, p in zip(labels, parts, strict=True)
    ]
    if not labels[0] or any(not label for label in labels[1:]):
        return False
    verbs, prepositions = _word_set("own_verbs"), _word_set("label_prepositions")
    head = _past_auxiliaries(labels[0])  # "900 will be in Germany and 600 in France"
    if not head:
        return False
    for label in labels[1:]:
        first = label[0]
        if first in verbs or first.endswith("ed"):
            return False
        if first in prepositions and first not in head[:2]:
            return False
    return head[0] in _word_set("category_verbs") or head[0] in prepositions


def _past_auxiliaries(label: list[str]) -> list[str]:
    """A label's words from its main verb or preposition on: "will be in Germany" -> "in Germany"."""
    auxiliaries = _word_set("auxiliaries")
    k = 0
    while k < len(label) and label[k] in auxiliaries:
        k += 1
    return label[k:] if k < len(label) and (k == 0 or label[k] in _word_set("label_prepositions")) else label[:1]


@lru_cache(maxsize=16)
def _word_set(name: str) -> frozenset[str]:
    return frozenset(data()[name])


def _instalments(s: Sentence) -> list[tuple[Breakdown | None, Product | None]]:
    """ "Paid in instalments of a, b and c" (a breakdown) and "in four instalments of a" (a product)."""
    if not _compiled(any_of("instalment_nouns")).search(s.text):
        return []  # most sentences: the scan below tries a word before every word
    pattern = _compiled(
        r"(?:\b(?P<prep>in|into|over|via|through)\s+)?(?:[\w-]+\s+)?" + any_of("instalment_nouns") + r"\s+of\s+"
    )
    return [found for m in pattern.finditer(s.text) if (found := _instalments_at(s, m)) is not None]


def _instalments_at(s: Sentence, m: re.Match[str]) -> tuple[Breakdown | None, Product | None] | None:
    opens, at = s.start + m.start(), s.start + m.end()
    money = [c for c in s.claims if c.figure.dimension == Dimension.CURRENCY]
    first = next((j for j, c in enumerate(s.claims) if c.figure.start >= at), None)
    units = [c for c in s.claims if opens <= c.figure.start and c.figure.end <= at and countable(c.figure)]
    if first is None or s.claims[first] not in money or not (m.group("prep") or units):
        return None  # "payments of $2m" with neither "in" nor a number of them may be any payments
    parts = _list(s, at, s.claims[first].figure, first)
    # the whole may come before ("a £45m fee, payable in ...") or after ("..., totalling $12 million")
    before = [c for c in money if c.figure.end <= opens]
    totals = tuple(before + [c for c in money if c.figure.start >= at and c not in parts])
    if not totals:
        return None
    if len(parts) >= 2:
        return Breakdown("instalments", totals, tuple(parts), True, True), None
    if len(parts) == 1 and units:
        return None, Product(totals, units[0], parts[0])
    return None


def instalment_breakdowns(s: Sentence) -> list[Breakdown]:
    """The sentence's instalment breakdowns ("in instalments of €30 million, €40 million and €20 million")."""
    return [b for b, _ in s.instalments if b is not None]


def _share_at(s: Sentence, k: int) -> Share | None:
    """A share ``k`` stated right after a count ("120 jobs, or 15% ..."), with the whole the sentence gives."""
    share = s.claims[k]
    if share.figure.dimension != Dimension.PERCENT:
        return None
    if not _SHARE_GAP.match(s.gap(s.claims[k - 1].figure.end, k)) or not countable(s.claims[k - 1].figure):
        return None
    after = s.after(k)
    of = _OF_PHRASE.match(after)
    if of is not None:  # "or 15% of its staff of 800": the whole is in the share's own phrase, or not given
        end = share.figure.end + of.end()
        whole = next((c for c in s.claims[k + 1 :] if c.figure.end <= end and countable(c.figure)), None)
        return Share(s.claims[k - 1], share, whole) if whole is not None else None
    if k >= 2 and _COUNT_OF_WHOLE.match(s.gap(s.claims[k - 2].figure.end, k - 1)) and countable(s.claims[k - 2].figure):
        return Share(s.claims[k - 2], share, s.claims[k - 1])  # "45 of the 300 drivers, or 25%"
    return _share_of_breakdown(s, s.claims[k - 1], share)


def _share_of_breakdown(s: Sentence, count: Claim, share: Claim) -> Share | None:
    """ "Of the 640 students, 96, or 15%, failed": a part's share is of the breakdown's whole."""
    if re.match(r"^\s*" + any_of("subgroup_after"), s.text[count.figure.end - s.start :], re.IGNORECASE):
        return None  # "90 of them, or 30%": a share of a subgroup
    for b in s.breakdowns:
        if b.kind in ("of", "of_which") and count in b.parts and countable(b.totals[0].figure):
            return Share(count, share, b.totals[0])
    return None
