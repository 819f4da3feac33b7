"""Stories: articles that report the same event or topic within a few days of each other.

An article's signature is the weighted set of words of its title and lead: names (a word
written with a capital inside a sentence more often than without) and other content
words, each weighed by how rarely the corpus uses it (TF-IDF), so "Ntoroko" and "ferry"
count and "said" counts little. Names count half again as much as other words, except
the names of countries and their peoples (from the gazetteer), which count half: many
unrelated stories happen in one country. Two articles are in one story when their
signatures are close (cosine similarity at least ``threshold``) and their dates at most
``window_days`` apart; stories are the connected groups of such pairs. An article with
no date joins by its words alone.

No pair of articles is scored unless both have one of their rarest words in common
(blocking): each article posts its ``top_terms`` heaviest words, and within a word's
postings, sorted by date, an article is scored against its next ``neighbours`` within the
window. The work grows with the corpus times those two constants, never with its square.

Everything is ordered by words, dates and paths, never by hash order, so the same
articles give byte-identical stories whatever ``PYTHONHASHSEED`` or the order they come
in. A story's id is drawn from the date and content of its first article (by date, then path), so
it stays when later articles join the story.
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from figures.context.gazetteer import load_world
from figures.context.time import parse_article_date
from figures.model import Article

__all__ = ["Grouping", "Story", "StorySettings", "group_stories", "signature_words"]

_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "story_words.yaml"
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_SENTENCE_END = ".!?:;\n\"“”'‘’([—–-"  # after these (and white space) a capital says nothing about a name
_ENTITY_WEIGHT = 1.5  # a name tells stories apart better than a common noun
_COUNTRY_WEIGHT = 0.5  # a country says where, not what: many unrelated stories happen in one


@dataclass(frozen=True)
class StorySettings:
    """How close two articles must be to share a story, and how much work that may take."""

    window_days: int = 7  # the most days between two articles of one story (pairwise; a story may run longer)
    threshold: float = 0.15  # the least cosine similarity of two signatures in one story
    top_terms: int = 12  # the words an article posts for blocking: its heaviest
    neighbours: int = 20  # within one word's postings, how many later articles one is scored against
    lead_words: int = 400  # the words of the body read: a news article says what it is about first


@dataclass(frozen=True)
class Story:
    """A group of articles about one event: its id, its articles (first by date), its dates and its words."""

    id: str
    paths: tuple[str, ...]
    first: str  # ISO date of its earliest dated article, "" when none is dated
    last: str  # ISO date of its latest dated article
    words: tuple[str, ...]  # its dominant names and event words, heaviest first


@dataclass(frozen=True)
class Grouping:
    """Every article's story, and how many pairs of articles were scored to find them."""

    stories: tuple[Story, ...]
    pairs_scored: int
    by_path: dict[str, Story] = field(default_factory=dict, compare=False, repr=False)

    def of(self, path: str) -> Story | None:
        """The story of the article at ``path``, or ``None`` when it was not grouped."""
        return self.by_path.get(path)


@dataclass
class _Signature:
    """One article's words. Terms and spellings are shared between articles (one string each per run),
    and what only weighing needs is let go once weighed: a run holds every article's signature at once."""

    path: str
    date: datetime.date | None
    digest: str
    # term -> occurrences in title (twice) and lead; once weighed, unit-length weights in the same order
    vector: dict[str, float]
    # for each term of ``vector`` in its order, its spelling in the lead (a name's most frequent capitalised
    # one, another word's most frequent lowercase one), None for a word of the title only
    spelled: tuple[str | None, ...]
    names: dict[str, str] | None  # term -> spelling, for terms that are names; None once weighed
    top: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    data = yaml.safe_load(_WORDS_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data["common"])


@lru_cache(maxsize=65536)
def _country_word(spelling: str) -> bool:
    """Is this name, whole, a country's name, a demonym or a group of countries ("Kenya", "Kenyan", "EU")?"""
    found = load_world().find(spelling)
    return len(found) == 1 and found[0].surface == spelling and found[0].kind in ("country", "demonym", "group")


def _weight_of(term: str, names: dict[str, str]) -> float:
    if term not in names:
        return 1.0
    return _COUNTRY_WEIGHT if _country_word(names[term]) else _ENTITY_WEIGHT


def _fold(word: str) -> str:
    """One form for a word's plural and singular ("floods", "flood"; "casualties", "casualty")."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(term, spelling, capital inside a sentence) for each content word of ``text``."""
    common = _common_words()
    out = []
    for m in _WORD.finditer(text):
        raw = m.group(0)
        for suffix in ("'s", "’s"):
            if raw.endswith(suffix):
                raw = raw[: -len(suffix)]
        lower = raw.lower()
        if len(lower) < 3 or lower in common:
            continue
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        initial = not before or before[-1] in _SENTENCE_END
        out.append((lower, raw, raw[0].isupper() and not initial))
    return out


def signature_words(article: Article, lead_words: int = 400) -> tuple[Counter, dict[str, str]]:
    """The content words of an article's title (counted twice) and lead, and which of them are names.

    Returns term counts and, for each term written with a capital inside sentences more
    often than without, its most frequent spelling. Other words are folded to one form
    for singular and plural.
    """
    body = _tokens(article.text[article.body_start :])[:lead_words]
    return _counted(body, _tokens(article.title))


def _counted(body: list[tuple[str, str, bool]], title: list[tuple[str, str, bool]]) -> tuple[Counter, dict[str, str]]:
    """:func:`signature_words` from the tokens of the lead and of the title."""
    capital: Counter = Counter()
    lower: Counter = Counter()
    spellings: dict[str, Counter] = {}
    for term, raw, named in body:
        if named:
            capital[term] += 1
            spellings.setdefault(term, Counter())[raw] += 1
        elif raw[0].islower():
            lower[term] += 1
    names = {t: _most_frequent(s) for t, s in spellings.items() if capital[t] > lower[t]}
    counts: Counter = Counter()
    for term, _, _ in title:
        counts[term if term in names else _fold(term)] += 2
    for term, _, _ in body:
        counts[term if term in names else _fold(term)] += 1
    return counts, names


def _spellings(body: list[tuple[str, str, bool]], names: dict[str, str]) -> dict[str, str]:
    """The most frequent lowercase spelling of each folded term that is not a name ("measles", not "measle")."""
    seen: dict[str, Counter] = {}
    for term, _, _ in body:
        if term not in names:
            seen.setdefault(_fold(term), Counter())[term] += 1
    return {t: _most_frequent(c) for t, c in seen.items()}


def _most_frequent(spellings: Counter) -> str:
    """The most frequent spelling; of equally frequent ones, the first in code point order."""
    return min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _signature(article: Article, settings: StorySettings, shared: dict[str, str]) -> _Signature:
    """An article's signature, its terms and spellings drawn from ``shared`` (one string for each, across articles)."""
    body = _tokens(article.text[article.body_start :])[: settings.lead_words]
    counts, names = _counted(body, _tokens(article.title))
    # the date too: the same wire text published again a month later founds a story of its own
    content = f"{article.date}\n{article.title}\n{article.text[article.body_start :]}"
    # surrogatepass: a lone surrogate of a broken escape still hashes, to bytes of its own
    digest = hashlib.sha1(content.encode("utf-8", "surrogatepass")).hexdigest()
    spelled = _spellings(body, names)
    one = shared.setdefault
    vector = {one(t, t): c for t, c in counts.items()}
    spellings = tuple(_shared(names[t] if t in names else spelled.get(t), shared) for t in vector)
    names = {one(t, t): one(raw, raw) for t, raw in names.items()}
    return _Signature(article.path, parse_article_date(article.date), digest, vector, spellings, names)


def _shared(word: str | None, shared: dict[str, str]) -> str | None:
    return None if word is None else shared.setdefault(word, word)


def _weigh(signatures: list[_Signature], settings: StorySettings) -> None:
    """TF-IDF weights over the corpus, unit length; and each article's heaviest words for blocking."""
    df: Counter = Counter()
    for s in signatures:
        df.update(s.vector.keys())
    n = len(signatures)
    for s in signatures:
        counts, names = s.vector, s.names or {}
        weights = [(1 + math.log(c)) * math.log(1 + n / df[t]) * _weight_of(t, names) for t, c in counts.items()]
        norm = math.sqrt(sum(w * w for w in weights)) or 1.0
        shared = sorted((-w, t) for t, w in zip(counts, weights, strict=True) if df[t] > 1)
        s.top = tuple(t for _, t in shared[: settings.top_terms])
        s.vector = {t: w / norm for t, w in zip(counts, weights, strict=True)}  # the weights replace the counts
        s.names = None  # only weighing reads it; ``spelled`` has the names' spellings


def _similarity(a: _Signature, b: _Signature) -> float:
    small, large = (a.vector, b.vector) if len(a.vector) <= len(b.vector) else (b.vector, a.vector)
    return sum(w * large[t] for t, w in small.items() if t in large)


def _order(s: _Signature) -> tuple:
    return (s.date or datetime.date.max, s.path, s.digest)


def group_stories(articles: Sequence[Article], settings: StorySettings | None = None) -> Grouping:
    """Group articles into stories; every article is in exactly one (alone, if nothing is close to it)."""
    settings = settings or StorySettings()
    shared: dict[str, str] = {}
    signatures = sorted((_signature(a, settings, shared) for a in articles), key=_order)
    shared.clear()  # the signatures hold the strings now
    _weigh(signatures, settings)
    forest = _Forest(len(signatures))
    scored = 0
    for i, j in _pairs(signatures, settings):
        scored += 1
        if forest.root(i) != forest.root(j) and _similarity(signatures[i], signatures[j]) >= settings.threshold:
            forest.join(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(signatures)):
        groups.setdefault(forest.root(i), []).append(i)
    stories = [_story([signatures[i] for i in members]) for _, members in sorted(groups.items())]
    by_path = {p: s for s in stories for p in s.paths}
    return Grouping(tuple(stories), scored, by_path)


class _Forest:
    """Articles joined into stories: each story is a tree, its root its first article (by index)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.root(i), self.root(j)
        self.parent[max(ri, rj)] = min(ri, rj)


def _postings(signatures: list[_Signature]) -> dict[str, list[int]]:
    """For each word an article posts for blocking, the articles that post it, in date order."""
    postings: dict[str, list[int]] = {}
    for i, s in enumerate(signatures):
        for term in s.top:
            postings.setdefault(term, []).append(i)  # in date order: signatures are sorted
    return postings


class _Blocks:
    """The articles that post each blocking word, all of them and the dated ones, in date order."""

    def __init__(self, signatures: list[_Signature], settings: StorySettings) -> None:
        self.signatures = signatures
        self.neighbours = settings.neighbours
        self.window = settings.window_days
        self.postings = _postings(signatures)
        self.dated = {t: [i for i in m if signatures[i].date is not None] for t, m in self.postings.items()}
        self.days = [s.date.toordinal() if s.date is not None else 0 for s in signatures]

    def later(self, i: int) -> dict[int, None]:
        """A dated article's partners: in its words' dated postings, its next ``neighbours`` within the window."""
        days, partners = self.days, {}
        for term in self.signatures[i].top:
            dated = self.dated[term]
            pos = bisect.bisect_left(dated, i)
            for j in dated[pos + 1 : pos + 1 + self.neighbours]:
                if days[j] - days[i] > self.window:
                    break  # in date order: every later article is further away
                partners[j] = None
        return partners

    def first(self, i: int, term: str) -> list[int]:
        """An undated article's partners by one word: the word's first articles, whatever their day."""
        return [m for m in self.postings[term][: self.neighbours + 1] if m != i][: self.neighbours]

    def heeding(self, i: int, term: str) -> list[int]:
        """The undated articles after ``i`` that take it among their partners by ``term``: all of them,
        when it is one of the word's first ``neighbours``."""
        members = self.postings[term]
        if i not in members[: self.neighbours]:
            return []
        return [m for m in members if m > i and self.signatures[m].date is None]


def _pairs(signatures: list[_Signature], settings: StorySettings) -> Iterator[tuple[int, int]]:
    """Each pair of articles to score, once, with no record of the pairs already given.

    Scoring word by word (in word order), a dated article meets its next ``neighbours`` dated articles
    within the window, an undated one the word's first articles, and a pair met again by another word
    is not scored again. So a pair of dated articles is met from the earlier one, a dated and an undated
    one from the undated one, and two undated ones from either: here each pair is given once from that
    article, two undated ones from the earlier (by index), oriented as the first word to meet them meets
    them. Which pair comes first does not change the stories (connected groups), but the order of the
    two articles can, by a rounding, when their vectors are of one length.
    """
    blocks = _Blocks(signatures, settings)
    for i, s in enumerate(signatures):
        if s.date is not None:
            yield from ((i, j) for j in blocks.later(i))
        else:
            yield from _undated_pairs(i, blocks)


def _undated_pairs(i: int, blocks: _Blocks) -> Iterator[tuple[int, int]]:
    """The pairs an undated article gives: with a dated article, or a later undated one (an earlier one gave theirs)."""
    seen: set[int] = set()
    signatures = blocks.signatures
    for term in sorted(signatures[i].top):
        # within a word, articles are scored in index order: ``i`` meets its later partners before they meet it
        for j in blocks.first(i, term):
            if j not in seen and (signatures[j].date is not None or j > i):
                seen.add(j)
                yield i, j
        for j in blocks.heeding(i, term):
            if j not in seen:
                seen.add(j)
                yield j, i


def _story(members: list[_Signature]) -> Story:
    """A story from its members, which come in date order."""
    dates = [m.date for m in members if m.date is not None]
    weight: Counter = Counter()
    for m in members:
        for t, w in m.vector.items():
            weight[t] += w
    top = sorted(weight, key=lambda t: (-round(weight[t], 9), t))[:6]
    spelling: dict[str, Counter] = {}  # of the words shown only
    for m in members:
        for t, raw in zip(m.vector, m.spelled, strict=True):
            if raw is not None and t in top:
                spelling.setdefault(t, Counter())[raw] += 1
    words = tuple(_most_frequent(spelling[t]) if t in spelling else t for t in top)
    return Story(
        id="st-" + members[0].digest[:10],
        paths=tuple(m.path for m in members),
        first=min(dates).isoformat() if dates else "",
        last=max(dates).isoformat() if dates else "",
        words=words,
    )
