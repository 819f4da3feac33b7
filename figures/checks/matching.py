"""Claims matched by evidence: which claims of one key state the same claim.

A claim's key (:mod:`figures.context.keys`) holds what must be equal for two claims to be
one claim: dimension, unit, rate period, entity and scope, whose figure it is, and its
role. What the claim measures is not in the key: two outlets word one thing differently
("net migration surged to 606,000", "net migration rose to a record 606,000"), so it is
compared by evidence. Each claim has a frame (:mod:`figures.context.frames`): the words
near its figure that say what it measures. Two claims of one key are the same claim when
their frames score at least the threshold:

* **the same measure** of the rule files: score 1; two different measures never meet;
* **the same thing**, the phrase the context stage read for a claim no measure names
  ("measles case"), word for word once folded: score 1; two things that share no word never
  meet ("immigration" and "emigration");
* otherwise **the words they share**, weighed by the Dice coefficient, the words of a thing
  counting twice: ``2 * shared / (words of one + words of the other)``;
* and when that falls short, **the same value**: two claims of two articles that state one
  value in one unit with one qualifier, of two significant digits or more ("381", "1.41175
  billion", not "300"), score :data:`VALUE_SCORE`. Two reports of one release share its exact
  figures whatever words they put around them; a round value is said of many things. One
  exact value also meets across a measure found on one side only ("raised its key interest
  rate to 4.25%", "a bank rate of 4.25%"), the veto that stands for their cue words otherwise.

Two claims of one sentence, or a part and its whole in one article, never meet
(:mod:`figures.checks.vetoes`). Claims are taken in date order; each joins the group of
earlier claims it scores best with, when that score reaches the threshold and no member
of the group vetoes it, or starts a group of its own. The consistency check then compares
values within each group, by time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from figures.checks.vetoes import never_compared, owners_apart, part_and_whole
from figures.context.frames import fold
from figures.context.gazetteer import load_world
from figures.context.keys import OWN_KEY
from figures.context.things import NATIONALS
from figures.context.time import word_classes
from figures.context.time import word_list as time_words
from figures.context.words import classes, word_set
from figures.model import Claim

__all__ = ["DEFAULT_THRESHOLD", "Evidence", "Group", "evidence", "groups"]

DEFAULT_THRESHOLD = 0.5
# Groups a claim is scored against, the latest first: a bound on the work per claim in a key
# that holds a whole archive.
MAX_CANDIDATES = 64
# Claims of a group a new claim is scored against, the latest first.
MAX_MEMBERS = 32
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CORE_WEIGHT = 2.0  # a word of what the claim names as measured counts twice
_ONE_MEASURE = "a measure for one only"
VALUE_SCORE = 0.6  # two claims of two articles that state one exact value, whatever their words
VALUE_DIGITS = 2  # ... when it has at least this many significant digits
HEAD_SCORE = 0.7  # two claims whose measured things share their head word start from this score


@lru_cache(maxsize=1)
def _vague() -> frozenset[str]:
    """Nouns for people (``people_nouns`` of ``claim_words.yaml``) as the frame folds them: they say
    nothing about what is counted, so they are never a claim's head word. Other such nouns ("figure",
    "total") the frame leaves out already."""
    return frozenset(w for w in (fold(p) for p in word_set("people_nouns")) if w)


@dataclass(frozen=True)
class Evidence:
    """Why two claims are (or are not) the same claim: a score in [0, 1] and what decided it."""

    score: float
    shared: tuple[str, ...] = ()
    why: str = ""  # "same measure", "same thing", "shared words", or the veto

    @property
    def vetoed(self) -> bool:
        return self.score < 0


@dataclass
class Group:
    """Claims of one key matched as one claim; ``evidence`` says how each joined (the first has none)."""

    members: list[int]
    evidence: dict[int, tuple[int, Evidence]]


_STEMMER = snowballstemmer.stemmer("english")
# Words that only repeat that a count is of people of a nationality: they say nothing of what is counted.
_NATIONAL_STEMS = frozenset(_STEMMER.stemWords(["national", "citizen", "people", "person", "resident", "individual"]))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=65536)
def _phrase_core(phrase: str) -> tuple[str, ...]:
    words = [_stem(w) for w in (fold(t) for t in _WORD.findall(phrase.replace("_", " "))) if w and w not in _vague()]
    return tuple(words)


def core(claim: Claim) -> tuple[str, ...]:
    """What the claim says it measures, stemmed, its head last: its measure's label, its thing, or its counted noun."""
    if claim.measure is not None:
        return _phrase_core(claim.label or claim.measure)
    return _phrase_core(claim.thing or claim.figure.noun or claim.figure.surface)


@lru_cache(maxsize=65536)
def _stems(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_stem(w) for w in words)


def _dice(a: frozenset[str], b: frozenset[str], heavy: frozenset[str]) -> float:
    """The Dice coefficient of two word sets, the words of ``heavy`` counting twice."""
    if not a or not b:
        return 0.0

    def weight(words: frozenset[str]) -> float:
        return sum(_CORE_WEIGHT if w in heavy else 1.0 for w in words)

    return 2 * weight(a & b) / (weight(a) + weight(b))


def evidence(a: Claim, b: Claim, pairs: bool = True) -> Evidence:
    """How strongly two claims of one key state the same claim; a negative score is a veto.

    With ``pairs`` off, two claims of one sentence, or a part and its whole, are scored as
    any other pair: grouping needs to know they measure one thing, even if the check will
    not compare them with each other.
    """
    if pairs and (never_compared(a, b) or (a.path == b.path and part_and_whole(a.figure, b.figure))):
        return Evidence(-1.0, why="one sentence, or a part and its whole")
    owners = owners_apart(a, b)
    if owners:  # "Alphabet" and "Microsoft"; not "Alphabet" and the United States its article is about
        return Evidence(-1.0, why=owners)
    if _parts_apart(a, b):
        # "$4.1 billion in punitive damages" and "$550 million in compensatory damages"; a deferred
        # part and the whole: their own phrases name different parts
        return Evidence(-1.0, why="own phrases name different parts: " + _parts_words(a, b))
    if a.own is not None and b.own is not None and a.own != b.own:
        # "a $90 million opening" and "a $90 million budget", "a $700 million settlement" and "$175
        # million in fines": what each phrase says it is differs, whatever thing the clause named
        return Evidence(-1.0, why=f'own phrases name different things: "{a.own}", "{b.own}"')
    whose = _whose_apart(a, b) if _by_own_key(a) and _by_own_key(b) else ""
    if whose:
        return Evidence(-1.0, why=whose)
    named = _by_name(a, b)
    found = named if named is not None else _by_words(a, b)
    if (0 <= found.score < VALUE_SCORE or found.why == _ONE_MEASURE) and a.path != b.path and same_value(a, b):
        # two reports of one release that state one exact figure: the value is evidence their words lack
        return Evidence(VALUE_SCORE, found.shared, "same value")
    return found


def _digits(value: float) -> int:
    """The significant digits of a stated value ("12,000": 2; "1.41175 billion": 6)."""
    return len(f"{abs(value):.12g}".split("e")[0].replace(".", "").strip("0"))


def same_value(a: Claim, b: Claim) -> bool:
    """Do two claims state one value, in one unit and with one qualifier, of :data:`VALUE_DIGITS`
    significant digits or more?

    A round value ("300", "$700 million") is said of many things in one story; "381" or "1.41175
    billion" of one.
    """
    fa, fb = a.figure, b.figure
    if (fa.unit, fa.qualifier, fa.low, fa.high) != (fb.unit, fb.qualifier, fb.low, fb.high):
        return False
    stated = [v for v in (fa.low, fa.high) if v is not None]
    return bool(stated) and min(_digits(v) for v in stated) >= VALUE_DIGITS


def _by_name(a: Claim, b: Claim) -> Evidence | None:
    """What the claims' things and measures decide alone; ``None`` when they leave it to the words."""
    if a.thing is not None and a.thing == b.thing:
        if a.thing == NATIONALS and _apart_by_words(a, b):
            # "Moldovans on farm contracts" and "Moldovans with residence permits": people of one
            # nationality, counted for different things
            return Evidence(0.0, why="people of one nationality, different words")
        # "revenue (software)": one thing, whichever measure (if any) the rule files found
        return Evidence(1.0, (a.thing,), "same measure" if a.measure and a.measure == b.measure else "same thing")
    if a.measure is not None and b.measure is not None:
        if a.measure == b.measure:
            return Evidence(1.0, (a.measure,), "same measure")
        return Evidence(-1.0, why="different measures")
    if (a.measure is None) != (b.measure is None):
        # a rule file's measure took one and not the other: its cue words tell them apart
        return Evidence(-1.0, why=_ONE_MEASURE)
    return None


def _apart_by_words(a: Claim, b: Claim) -> bool:
    """Do two claims' frames both say something of their own, and share none of it?"""
    wa, wb = _stems(a.words) - _NATIONAL_STEMS, _stems(b.words) - _NATIONAL_STEMS
    return bool(wa) and bool(wb) and not wa & wb


def _parts_apart(a: Claim, b: Claim) -> bool:
    """Do two claims' own phrases name different parts of a whole, or a part on one side only?

    A part on one side only keeps them apart even when the other side names nothing: "ordered to
    pay $4.7 billion" is the whole of which "$550 million in compensatory damages" is a part.
    """
    return a.own_parts != b.own_parts


def _by_own_key(claim: Claim) -> bool:
    """Was the claim keyed by its own phrase, whose figure it is left to the evidence?"""
    return claim.key is not None and claim.key.rsplit("|", 1)[-1] == OWN_KEY


def _whose_apart(a: Claim, b: Claim) -> str:
    """Two named owners, countries or places that differ, in words; empty when none do.

    A company on one side and only the country or city of its court on the other do not keep two
    claims apart: one names whose figure it is, the other where it was decided.
    """
    for what, x, y in (("owner", a.subject, b.subject), ("country", a.entity, b.entity), ("place", a.place, b.place)):
        if x is not None and y is not None and x != y:
            return f"different {what}: {x}, {y}"
    return ""


def _parts_words(a: Claim, b: Claim) -> str:
    return " / ".join(", ".join(c.own_parts) or "none" for c in (a, b))


def _by_words(a: Claim, b: Claim) -> Evidence:
    """Two claims no measure names and of different things (or none): what they measure, then their frames."""
    ca, cb = core(a), core(b)
    if ca and cb and ca == cb and a.thing is not None and b.thing is not None:
        return Evidence(1.0, tuple(sorted(set(ca))), "same thing")
    # within one article, two values of one own phrase are two things ("the $155 million opening ... its
    # rival's $80 million opening"): the article does not restate its own figure as another value
    same_own = a.own is not None and a.own == b.own and a.path != b.path
    if not same_own and not _many_shared(a, b) and a.time and b.time and a.time.basis == b.time.basis == "article":
        # words alone may join a paraphrase, but with no time stated on either side nothing else does
        return Evidence(0.0, why="words only, and no time of its own on either side")
    if not same_own and _undated_and_released(a, b):
        # an undated figure of a release story is as often the period before, or a revision, as the
        # period just released: words alone do not say which
        return Evidence(0.0, why="words only, and a released period on one side only")
    heavy = frozenset(ca) | frozenset(cb)
    wa, wb = _stems(a.words) | frozenset(ca), _stems(b.words) | frozenset(cb)
    shared = tuple(sorted(wa & wb))
    words = _dice(wa, wb, heavy)
    if same_own:
        return _by_own(str(a.own), shared, words)
    if ca and cb:
        return _by_cores(ca, cb, shared, words)
    # what one side names as measured (if either does), against the other side's words
    return _by_frames(ca or cb, wb if ca else wa, shared, words)


SHARED_FRAME = 3  # frame words two undated claims of two articles must share to be weighed by their words


def _many_shared(a: Claim, b: Claim) -> bool:
    """Do two articles' frames share :data:`SHARED_FRAME` words or more, a name among them, besides words of movement?

    Two outlets retelling one fact ("the 300-metre cargo ship Aurora") repeat several of its words,
    at least half of the shorter frame, and a name among them; a phrase in common ("on board") is
    not enough.
    """
    if a.path == b.path:
        return False
    wa, wb = _stems(a.words) - word_set("frame_moves"), _stems(b.words) - word_set("frame_moves")
    shared = wa & wb
    # two long frames share a few words by chance ("a plant's 8,700 workers", "Ford's 20,000 employees")
    if len(shared) < SHARED_FRAME or 2 * len(shared) < min(len(wa), len(wb)):
        return False
    # one name in common that is no place says which one thing it is ("120,000 soldiers from Chile"
    # twice may be two lists)
    return bool(shared & _names(a.sentence) & _names(b.sentence))


@lru_cache(maxsize=4096)
def _names(sentence: str) -> frozenset[str]:
    """The stems of the capitalised words of a sentence, past its first word, that name no place, day or
    month (they say where and when, not which one thing)."""
    world, days = load_world(), _days_and_months()
    folded = ((word, fold(word)) for word in _WORD.findall(sentence)[1:] if word[:1].isupper())
    return frozenset(_stem(w) for word, w in folded if w and w not in days and not world.find(word))


@lru_cache(maxsize=1)
def _days_and_months() -> frozenset[str]:
    """The names of weekdays and months: they say when, not which one thing."""
    return frozenset(time_words("weekdays")) | {w for forms in word_classes("months").values() for w in forms}


_STATED_PERIODS = frozenset({"month", "quarter", "half", "year"})


def _undated_and_released(a: Claim, b: Claim) -> bool:
    """Is one claim dated only by its article and the other by a month, quarter or year it states?"""
    if a.time is None or b.time is None:
        return False
    bases = (a.time.basis == "article", b.time.basis == "article")
    stated = b.time if bases[0] else a.time
    return bases[0] != bases[1] and stated.resolution in _STATED_PERIODS


@lru_cache(maxsize=64)
def _own_stems(head: str) -> frozenset[str]:
    """The stems of every word written for one head of ``own_heads``: they repeat the phrase, nothing more."""
    forms = [form for form, cls in classes("own_heads").items() if cls == head]
    return frozenset(_stem(w) for form in forms for w in (fold(t) for t in form.split()) if w)


def _by_own(head: str, shared: tuple[str, ...], words: float) -> Evidence:
    """Two claims of two articles whose own phrases name one thing: one claim when their frames share
    something more than that phrase (a name, an event): "an $88 million opening" of another film does not."""
    if not set(shared) - _own_stems(head) - word_set("frame_moves"):
        return Evidence(0.0, shared, f'only the own phrase "{head}" in common')
    # one thing by what each figure's own phrase says it is, worded apart around it
    return Evidence(round(HEAD_SCORE + (1 - HEAD_SCORE) * words, 3), shared, f'same own phrase "{head}"')


def _by_cores(ca: tuple[str, ...], cb: tuple[str, ...], shared: tuple[str, ...], words: float) -> Evidence:
    """Two claims that both name what they measure: by their head words, then by the words they share."""
    if ca[-1] == cb[-1]:
        score = HEAD_SCORE + (1 - HEAD_SCORE) * words  # one head noun or event: the same thing, worded apart
        return Evidence(round(score, 3), shared, "same head word")
    if not set(ca) & set(cb):
        return Evidence(0.0, shared, "different things")
    return Evidence(round(words / 2, 3), shared, "shared words")


def _by_frames(named: tuple[str, ...], other: frozenset[str], shared: tuple[str, ...], words: float) -> Evidence:
    """Two claims of which one at most names what it measures: the words of their frames."""
    if not set(shared) - word_set("frame_moves"):
        # "rose", "fell", "reached" say how a figure moved, not what it measures
        return Evidence(0.0, shared, "only words of movement in common")
    missing = [w for w in named if w not in other]
    if missing:
        # "2,000 tents" and "tens of thousands sent by the government": what one names, the other must say
        return Evidence(0.0, shared, f'"{missing[-1]}" only on one side')
    if not shared:
        return Evidence(0.0, why="no word in common")
    return Evidence(round(words, 3), shared, "shared words")


def groups(
    members: Sequence[int],
    claims: Sequence[Claim],
    threshold: float = DEFAULT_THRESHOLD,
    comparable: Callable[[int, int], bool] | None = None,
) -> list[Group]:
    """The claims of one key, ``members`` in the order to take them, matched into groups of one claim each.

    ``comparable(i, j)`` says whether the check would compare two claims' values (their times
    line up); a claim joins a group only when it matches every claim of another article there
    that it would be compared with, so a group is never a chain of paraphrases of different things.
    """
    out: list[Group] = []
    by_word: dict[str, list[int]] = {}  # a word (or measure, or thing) -> the groups whose claims have it
    for i in members:
        claim = claims[i]
        best: tuple[int, int, Evidence] | None = None  # group, member matched, evidence
        for n in _candidates(claim, by_word):
            top = _match(i, out[n], claims, threshold, comparable)
            if top is not None and (best is None or top[1].score > best[2].score):
                best = (n, *top)
        if best is None:
            n = len(out)
            out.append(Group([i], {}))
        else:
            n, j, e = best
            out[n].members.append(i)
            out[n].evidence[i] = (j, e)
        for word in _index_words(claim):
            groups_of = by_word.setdefault(word, [])
            if not groups_of or groups_of[-1] != n:
                groups_of.append(n)
    return out


def _match(
    i: int, group: Group, claims: Sequence[Claim], threshold: float, comparable: Callable[[int, int], bool] | None
) -> tuple[int, Evidence] | None:
    """The member of ``group`` claim ``i`` matches best, with the evidence, when that reaches the threshold and
    no member vetoes it or would be compared with it while matching it badly."""
    claim = claims[i]
    top: tuple[int, Evidence] | None = None
    for j in group.members[-MAX_MEMBERS:]:
        own = claims[j].path == claim.path
        # one article's pairs in one sentence, or of one whole, are kept apart by the check, not here
        e = evidence(claim, claims[j], pairs=not own)
        if e.vetoed or (not own and e.score < threshold / 2 and (comparable is None or comparable(i, j))):
            # it matches one claim of the group well, and none it would be compared with badly: no chains
            return None
        if top is None or e.score > top[1].score:
            top = (j, e)
    if top is None or top[1].score < threshold:
        return None
    return top


def _index_words(claim: Claim) -> frozenset[str]:
    """What a claim can be found by: its measure, its thing, and the stems of its frame."""
    out = set(_stems(claim.words)) | set(core(claim))
    if claim.measure is not None:
        out.add("\0measure " + claim.measure)
    if claim.thing is not None:
        out.add("\0thing " + claim.thing)
    return frozenset(out)


def _candidates(claim: Claim, by_word: dict[str, list[int]]) -> list[int]:
    """The groups a claim may join, latest first: those that share a word with it (no other can score).

    Each word brings its latest :data:`MAX_CANDIDATES` groups, and at most that many are
    scored in all: the work per claim is bounded however large the key.
    """
    found: set[int] = set()
    for word in _index_words(claim):
        found.update(by_word.get(word, ())[-MAX_CANDIDATES:])
    return sorted(found, reverse=True)[:MAX_CANDIDATES]
