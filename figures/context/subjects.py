"""Whose figure it is when the owner is not a place: a company, a candidate, a defendant.

"Erdogan won 52.2%" and "Kilicdaroglu took 47.8%" are two claims, not a conflict;
"Apple's revenue" and "iPad revenue" likewise. In order, the subject is the name
tied right after the figure ("49.1% for Bolsonaro", "revenue at Apple"), the name
nearest before it since the previous figure, else the name nearest before it in its
clause. Names that only say who reported the figure ("the statistics office said",
"according to Reuters") are not subjects, nor are places, months and title words. A
short name is read as the longest name in the article that contains it ("Lula" in
an article that named "Luiz Inacio Lula da Silva"), so articles that name a person
in full once and briefly after agree on who they mean.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

from figures.context.clauses import DATELINE_RE
from figures.context.words import alternation, word_set

_WORD = r"(?:[A-Z][\w’'&.-]*|[a-z][A-Z][\w’'-]*)"  # "Apple", "S&P", "iPhone"


@lru_cache(maxsize=1)
def _name_re() -> re.Pattern[str]:
    """A proper name: capitalised words, with the lowercase particles of a name (``name_particles``)
    between them."""
    # A name never runs over a line break: a heading ("The Trial and Sentencing") and the name that
    # opens the next line are two names, not one.
    particle = alternation("name_particles")
    return re.compile(rf"(?<![\w@#/.])({_WORD}(?:[^\S\n]+(?:{particle}[^\S\n]+)?{_WORD}){{0,4}})")


@lru_cache(maxsize=1)
def _reporting_after() -> re.Pattern[str]:
    """After a name, words that only say who reported the figure (``reporting_words``), unless what it
    reports is its own result (``own_results``)."""
    return re.compile(
        rf"^\s*(?:[\w’'-]+\s+){{0,3}}?{alternation('reporting_words')}\b"
        # "Apple reported revenue of $89.5 billion": reporting its own result is owning it
        rf"(?!\s+(?:a\s+|an\s+|its\s+|record\s+|quarterly\s+|annual\s+|net\s+)*{alternation('own_results')}\b)"
    )


@lru_cache(maxsize=1)
def _reporting_before() -> re.Pattern[str]:
    """Before a name, words that say it only reported the figure (``reported_by``): "according to Reuters"."""
    return re.compile(rf"\b{alternation('reported_by')}\s+(?:the\s+)?$", re.IGNORECASE)


_COMPARED_BEFORE = re.compile(
    r"\b(?:than|compared\s+(?:with|to)|unlike|against)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE
)
_TIED_AFTER = re.compile(
    r"^\s*(?:(?:of\s+)?(?:the\s+)?(?:valid\s+|total\s+)?(?:votes?|ballots|support)\s+)?"
    r"(?:for|at|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _acts() -> re.Pattern[str]:
    """A verb that makes a sentence's first word a name (``acts_verbs``): "Erdogan won 52.2%"."""
    return re.compile(rf"\s+{alternation('acts_verbs')}\b")


def _sentence_end(word: str) -> tuple[bool, str]:
    """Does ``word`` end a sentence ("English."), and the word without its full stop."""
    ended = word.endswith(".") and len(word) > 3
    return ended, word[:-1] if ended else word


def _name_words(name: str) -> list[str]:
    """The words of ``name`` that are the name: a sentence that ended inside it, a possessive before
    a full name ("Kenya's Kelvin Kiptum") and an office before it ("Labour Minister X", "Minister of
    Finance X") drop what stands before."""
    words: list[str] = []
    possessor: list[str] = []
    ended, skip, split = False, 0, name.split()
    for i, w in enumerate(split):
        if ended:
            words = []  # "English. Martin Keller": a sentence ended before this name
        ended, w = _sentence_end(w)
        if w.endswith(("'s", "’s")) and i < len(split) - 1:
            # the possessor is not the possessed: "Kenya's Kelvin Kiptum" is Kelvin Kiptum, but
            # "Apple's Q1" is Apple's
            possessor, words = [*words, w[:-2]], []
            continue
        w = w[:-2] if w.endswith(("'s", "’s")) else w
        if w in word_set("title_words"):
            words, skip = [], 2 if split[i + 1 : i + 2] == ["of"] else 0
        elif skip:
            skip -= 1  # "Minister of Finance": the office's "of" and its portfolio
        elif w not in word_set("not_names"):
            words.append(w)
    if len(words) < 2:
        # one word after a possessive names a thing of the possessor ("Apple's iPhone"), not a person
        return possessor + words
    return words


def _clean(name: str) -> str:
    words = _name_words(name)
    particles, corporate = word_set("name_particles"), word_set("corporate_suffixes")
    while len(words) > 1 and (words[-1] in particles or words[-1].rstrip(".,") in corporate):
        words.pop()  # "Apple Inc" is Apple
    while words and words[0] in particles:
        words.pop(0)
    return " ".join(words)


# What may open a sentence before its first word: quotes, brackets, a dash.
_OPENERS = "\"'“‘«([—–- \t"
_LOWER_WORD = re.compile(r"(?<![\w’'./@-])[a-z][a-z’'-]*(?![\w’'-]*[./@]\w)")  # not an address's
_LINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=4)  # an article's subjects, owner and full names read it in turn
def lowercase_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case somewhere, with their stems: where it capitalises one of
    them only because of its place (a sentence's first word, a headline), the capital does not make it
    a name. The stems let "Signs" in a headline meet "sign" in the text."""
    words = set(_LOWER_WORD.findall(text))
    return frozenset(words | {_stem(w) for w in words})


def _lowercase(word: str, lower: frozenset[str]) -> bool:
    folded = word.lower()
    return folded in lower or _stem(folded) in lower


def _sentence_start(text: str, at: int) -> bool:
    """Does ``text[at]`` open a sentence or a line, quotes and brackets aside?"""
    head = text[max(0, at - 8) : at].rstrip(_OPENERS)
    return not head or head[-1] in ".!?\n"


def _title_case(text: str, at: int) -> bool:
    """Is the line around ``text[at]`` a headline in title case, every word of it capitalised but the
    short ones ("by", "of")?"""
    end = text.find("\n", at)
    words = long = 0
    for m in _LINE_WORD.finditer(text, text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end):
        word = m.group()
        if len(word) > 3:
            if not word[0].isupper():
                return False  # most lines are prose: the first long word in lower case ends it
            long += 1
        words += 1
    return words >= 4 and long >= 3


def unforced(name: str, text: str, at: int, lower: frozenset[str]) -> str:
    """``name``, read at ``text[at]``, less the words capitalised only by their place.

    A sentence's first word ("Reformist Tomas Brandt won") and the verbs and small words of a
    title-case headline ("Nadia Okafor Joins Rovers") are capitalised wherever they stand; when
    the article writes them in lower case elsewhere, they are not part of the name. In a headline
    the name is the first run of words left.
    """
    words = name.split()
    if not lower or not words:
        return name
    if _title_case(text, at):
        runs = " ".join("|" if _lowercase(w, lower) else w for w in words).split("|")
        return next((r.strip() for r in runs if r.strip()), "")
    if len(words) > 1 and _lowercase(words[0], lower) and _sentence_start(text, at):
        return " ".join(words[1:])
    return name


def _names(
    sentence: str, start: int, end: int, is_place: Callable[[str], bool], lower: frozenset[str] = frozenset()
) -> list[tuple[int, int, str]]:
    """Proper names in ``sentence[start:end]`` that may own a value: (start, end, name).

    ``lower`` holds the words the article writes in lower case (:func:`unforced`)."""
    out = []
    for m in _name_re().finditer(sentence, start, end):
        read = _clean(m.group(1))
        name = unforced(read, sentence, m.start(), lower)
        if not name or is_place(name) or any(is_place(w) for w in name.split()) or _credited(sentence, m):
            continue
        opens = m.start() < 4 and not sentence[: m.start()].strip(_OPENERS)  # quotes aside, "\"Following ..."
        # a line's or sentence's first word the article writes in lower case elsewhere: "- Share this"
        opens = opens or (_lowercase(read, lower) and _sentence_start(sentence, m.start()))
        if opens and " " not in read and not m.group(1).endswith(("'s", "’s")):
            # A sentence's first word is capitalised anyway: a name only if it acts as one.
            if not _acts().match(sentence, m.end()):
                continue
        if _reporting_before().search(sentence[max(0, m.start() - 20) : m.start()]):
            continue
        out.append((m.start(), m.end(), name))
    return out


@lru_cache(maxsize=1)
def _credit_before() -> re.Pattern[str]:
    """A credit line's label before a name (``credit_words``): "Image credit:", "Photo:"."""
    return re.compile(rf"\b(?:{'|'.join(sorted(word_set('credit_words')))})\s*:[^:\n]*$", re.IGNORECASE)


def _credited(sentence: str, m: re.Match[str]) -> bool:
    """Is the name at ``m`` a picture's credit ("Courtesy of X", "Photo: X")? It lent the picture, it
    owns no figure."""
    if m.group(1).split()[0] in word_set("credit_words"):
        return True
    line_start = sentence.rfind("\n", 0, m.start()) + 1
    return bool(_credit_before().search(sentence, line_start, m.start()))


# Between two names: a comma and a description that opens with an article or a noun and "of"
# ("Ana Pereira, the founder of the lender Banco Sol, was ...", "X, founder of Y, ..."): the second
# name describes the first, it does not own the figure.
_APPOSITION_BETWEEN = re.compile(r",\s+(?:(?:the|a|an)\s|[a-z][\w’'-]*\s+of\s)[^,;:()]*$")


def _in_apposition(sentence: str, names: list[tuple[int, int, str]], n: int, fig_start: int) -> bool:
    """Is the ``n``-th of ``names`` inside an apposition to the name before it, closed by a comma
    before the figure?"""
    if n == 0 or "," not in sentence[names[n][1] : fig_start]:
        return False
    return bool(_APPOSITION_BETWEEN.match(sentence, names[n - 1][1], names[n][0]))


def subject_of(
    sentence: str,
    figure: tuple[int, int],
    clause: tuple[int, int],
    is_place: Callable[[str], bool],
    segment: tuple[int, int] | None = None,
    lower: frozenset[str] = frozenset(),
) -> str | None:
    """The proper name whose value the figure at ``sentence[figure[0]:figure[1]]`` is, or ``None``.

    ``segment`` is the stretch of the clause between the neighbouring figures; ``lower`` the
    words the article writes in lower case (:func:`unforced`).
    """
    fig_start, fig_end = figure
    c_start, c_end = clause
    seg_start, seg_end = segment or clause
    after = _names(sentence, fig_end, min(seg_end, c_end), is_place, lower)
    if after and _TIED_AFTER.match(sentence[fig_end : after[0][0]]):
        return after[0][2]
    if compared_before(sentence, c_start, fig_start):
        # "shorter than the 25 years given to Sam Bankman-Fried": another case, named after it or not at all
        named = [n for n in after if re.search(r"\b(?:to|for|by|of)\s+$", sentence[fig_end : n[0]])]
        return named[0][2] if named else None
    for lo in (max(seg_start, c_start), c_start):
        names = _names(sentence, lo, fig_start, is_place, lower)
        owners = [
            name
            for n, (_start, end, name) in enumerate(names)
            if not _reporting_after().match(sentence[end:fig_start])
            and not _in_apposition(sentence, names, n, fig_start)
        ]
        if owners:
            return owners[-1]
    return None


# Between an age and the name it describes, at most one lower-case word of a description: "the
# 27-year-old striker Tomas Brandvik"; between a name and its age in apposition, a comma: "Brandvik,
# 27," and "Brandvik, aged 27,".
_DESCRIPTION = re.compile(r"(?:\s+[a-z][\w-]*)?\s+")
_APPOSED_NAME = re.compile(r"\b((?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,3}),\s*(?:aged\s+)?$")
_NOT_NAMES = frozenset({"The", "A", "An", "He", "She", "They", "It", "This", "That"})


def aged(
    sentence: str, figure: tuple[int, int], clause: tuple[int, int], is_place: Callable[[str], bool]
) -> str | None:
    """The person an age is of, when it stands next to their name ("Brandvik, 27,", "the 27-year-old
    striker Tomas Brandvik"), or ``None``."""
    # a comma ends the clause, and a name that opens a sentence is read here: an age after it makes it one
    before = _APPOSED_NAME.search(sentence, max(0, figure[0] - 60), figure[0])
    if before and not any(w in _NOT_NAMES or is_place(w) for w in before.group(1).split()):
        return before.group(1)
    after = _names(sentence, figure[1], clause[1], is_place)
    if after and _DESCRIPTION.fullmatch(sentence[figure[1] : after[0][0]]):
        return after[0][2]
    return None


def compared_before(sentence: str, clause_start: int, fig_start: int) -> bool:
    """Is the figure the standard of a comparison ("shorter than the 25 years given to ...")?"""
    return bool(_COMPARED_BEFORE.search(sentence, max(clause_start, fig_start - 30), fig_start))


def full_names(text: str) -> dict[str, str]:
    """Short name -> the longest name in ``text`` that holds it after its first word.

    A person named in full once ("Luiz Inacio Lula da Silva", "Jair Bolsonaro") is
    named by one of the later words after that; a company's name is its first word
    ("Apple" in "Apple Pay" stays Apple).
    """
    longest: dict[str, str] = {}
    lower = lowercase_words(text)
    for m in _name_re().finditer(text):
        if _credited(text, m):
            continue
        name = unforced(_clean(m.group(1)), text, m.start(), lower)
        words = name.split()
        for w in words[1:]:
            if len(w) > 2 and w not in word_set("name_particles") and len(name) > len(longest.get(w, "")):
                longest[w] = name
    return longest


def canonical(subject: str | None, names: dict[str, str]) -> str | None:
    """The article's full form of a subject, if it gave one."""
    if subject is None:
        return None
    full = names.get(subject.split()[-1])
    if full and all(w in full.split() for w in subject.split()):
        return full
    return subject


# Words a name needs before one letter of one of them may be spelt apart ("Luis"/"Luiz Inacio Lula da Silva").
_MIN_SPELT_WORDS = 3


def _name_folded(name: str) -> list[str]:
    """A name's words, case and accents folded: "Luíz Inácio" and "LUIZ INACIO" are one."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold().split()


def same_name(a: str, b: str) -> bool:
    """Are two subjects two articles read one name spelt apart?

    The same words once case and accents are folded, a name in capitals that is the other's
    initials ("ECB" and "European Central Bank"), or a name of three words or more with
    one letter of one word spelt apart ("Luis" and "Luiz Inacio Lula da Silva"). A word more
    before a name is not taken as the same name: it may be a title ("Asiwaju Bola Ahmed
    Tinubu") but also a garbled reading ("Peronist Sergio Massa"), and either way the names
    met figures of other people and places (another candidate's votes after "He", a
    province's share).
    """
    x, y = _name_folded(a), _name_folded(b)
    if x == y or _initials_of(a, b) or _initials_of(b, a):
        return True
    if len(x) != len(y) or len(x) < _MIN_SPELT_WORDS:
        return False
    apart = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    return len(apart) == 1 and _one_letter_apart(*apart[0])


def _initials_of(short: str, name: str) -> bool:
    """Is ``short`` a name written in capitals that spells the initials of ``name``'s words ("ECB")?"""
    if not (short.isupper() and short.isalpha() and 2 <= len(short) <= 6):
        return False
    # initials leave out the particles a subject is read with ("of", "de"); it holds no other small word
    words = [w for w in name.split() if w.lower() not in word_set("name_particles")]
    return len(words) > 1 and all(w[:1].isupper() for w in words) and "".join(w[0] for w in words) == short


def _one_letter_apart(p: str, q: str) -> bool:
    """Two words of four letters or more that differ in one letter at one place."""
    return len(p) == len(q) >= 4 and sum(c != d for c, d in zip(p, q, strict=True)) == 1


# An organisation named by description or pronoun: "The company said it took in revenue of ..."


@lru_cache(maxsize=1)
def _org_anaphor() -> re.Pattern[str]:
    """An organisation named by description (``organisation_nouns``) or pronoun: "The company said it took
    in revenue of ..."."""
    return re.compile(rf"\b(?:the\s+{alternation('organisation_nouns')}|it|its)\b", re.IGNORECASE)


def main_subject(title: str, lead: str, text: str, is_place: Callable[[str], bool]) -> str | None:
    """The organisation or person an article is about: the name its title and first paragraph give
    most, if it recurs in the article and no other name ties with it."""
    counts: dict[str, int] = {}
    names = full_names(text)
    lead = DATELINE_RE.sub("", lead, count=1) if DATELINE_RE.match(lead) else lead  # not the place and wire
    head = title + "\n" + lead  # a line each: a title-case title is read as a headline
    for _start, _end, name in _names(head, 0, len(head), is_place, lowercase_words(text)):
        name = canonical(name, names) or name  # "Lula" in the title, "Luiz Inacio Lula da Silva" in the lead
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return _named_after_lead(lead, text, is_place)

    def mentions(name: str) -> int:
        short = name.split()[-1] if name.split() else name
        return len(re.findall(rf"\b{re.escape(short)}\b", text))

    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        # a tie in the lead: the name the article keeps coming back to, if one clearly does
        tied = sorted((n for n, c in ranked if c == ranked[0][1]), key=lambda n: (-mentions(n), n))
        if mentions(tied[0]) < 2 * mentions(tied[1]):
            return None
        ranked = [(tied[0], ranked[0][1])]
    name = ranked[0][0]
    if ranked[0][1] >= 2 or mentions(name) >= 3:
        return name
    return _named_after_lead(lead, text, is_place)  # a passing name in a lead that describes its subject


def _named_after_lead(lead: str, text: str, is_place: Callable[[str], bool]) -> str | None:
    """A lead that describes its subject ("The former finance director of a charity was jailed")
    names them in the next paragraph ("Martin Keller, 54, had pleaded guilty"): that name, when
    its first name in a sentence's subject position recurs through the article."""
    at = text.find(lead) if lead else -1
    if at < 0:
        return None
    follow = re.split(r"\n\s*\n", text[at + len(lead) :].lstrip("\n"), maxsplit=1)[0]
    found = _names(follow, 0, len(follow), is_place)
    if not found or found[0][0] > 0:
        return None  # only a name that opens the paragraph is its subject
    name = canonical(found[0][2], full_names(text)) or found[0][2]
    short = name.split()[-1]
    return name if " " in name and len(re.findall(rf"\b{re.escape(short)}\b", text)) >= 3 else None


# A person named by pronoun or description as the clause's subject: "He took ...", "The former
# finance director was jailed ..."; not someone else named by relation ("his rival", "her lawyer").


@lru_cache(maxsize=1)
def _person_anaphor() -> re.Pattern[str]:
    """A person named by pronoun or description as the clause's subject, not by relation
    (``relation_nouns``)."""
    return re.compile(
        r"[\s—–-]*(?:(?:He|She)\s+[a-z]"
        rf"|(?:The|the)\s+(?!\w*\s*{alternation('relation_nouns')})(?:[a-z][\w-]*\s+){{1,6}}?(?:of\s+[\w\s-]+?)?"
        r"\s*(?:was|is|has|had|won|took|secured|got|received|polled|garnered|finished|ended|earned|made)\b)"
    )


def refers_to_organisation(sentence: str, clause_start: int, fig_start: int) -> bool:
    """Does the clause before the figure name its owner only as "the company", "it" and the like?"""
    return bool(_org_anaphor().search(sentence, clause_start, fig_start))


def refers_to_person(sentence: str, clause_start: int, fig_start: int) -> bool:
    """Does the clause open with its subject named only as "he", "she" or a description?"""
    return bool(_person_anaphor().match(sentence[clause_start:fig_start]))


# The offence a penalty is for. "Fraud by abuse of position carries up to 10 years", "admitted
# fraud, which carries a maximum of 15 years", "an offence that carries", "is punishable by".


@lru_cache(maxsize=1)
def _penalty_verb() -> re.Pattern[str]:
    """A verb that gives an offence its penalty (``penalty_verbs``), with a relative "which" before it."""
    return re.compile(
        r"(?:,?\s+(?:which|that|an?\s+(?:offence|offense|crime|charge)\s+(?:that|which)))?\s+"
        rf"{alternation('penalty_verbs')}\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _charge_verb() -> re.Pattern[str]:
    """Words before an offence (``charge_words``, "pleaded guilty ... to")."""
    return re.compile(
        rf"\b(?:{alternation('charge_words')}|(?:pleaded|pleads|pleading)\s+(?:not\s+)?guilty\b[^.;]{{0,60}}?\bto)\s+",
        re.IGNORECASE,
    )


_MAXIMUM_FOR = re.compile(
    r"\b(?:maximum|highest|longest)\s+(?:possible\s+)?(?:penalty|sentence|term|punishment)\s+for\s+"
    r"((?:[a-z][\w'’-]*\s+){1,8}?)(?:is|was|remains|stands\s+at|of)\s+",
    re.IGNORECASE,
)
_FOR_AFTER = re.compile(
    r"\s+(?:in\s+(?:prison|jail)\s+|behind\s+bars\s+|of\s+(?:imprisonment|prison)\s+)?"
    r"(?:for|if\s+(?:convicted|found\s+guilty)\s+of)\s+((?:[a-z][\w'’-]*\s*){1,6})",
    re.IGNORECASE,
)
_OFFENCE_STOP = re.compile(r"\s+(?:under|since|before|after|while|when|if|as|according)\s.*$", re.IGNORECASE)


def _last_noun_phrase(head: str) -> str:
    """The words right before a relative "which": back to a verb or function word."""
    words = head.rstrip(" ,").split()
    kept: list[str] = []
    for w in reversed(words):
        if w.lower() in word_set("np_stop") or w.endswith(","):
            break
        kept.append(w)
    return " ".join(reversed(kept))


def _offence_words(phrase: str) -> str | None:
    phrase = _OFFENCE_STOP.sub("", phrase.strip(" ,;:"))
    words = phrase.split()
    while words and words[0].lower() in word_set("offence_drop"):
        words = words[1:]  # "the offence of fraud" is "fraud"
    while words and words[-1].lower() in ("alone", "itself", "too", "also", "charge", "charges", "count", "counts"):
        words = words[:-1]  # "wire fraud alone"
    if words and words[0].lower() in word_set("np_stop") | {
        "which",
        "they",
        "it",
        "these",
        "those",
        "together",
        "both",
        "all",
    }:
        return None
    if not words or len(words) > 8 or not all(re.fullmatch(r"[A-Za-z][\w'’-]*", w) for w in words):
        return None
    if words[0][0].isupper() and len(words) > 1 and words[1][0].isupper():
        return None  # a name ("Martin Keller"), not an offence
    return " ".join(w.lower() for w in words)


def _last(matches):
    """The last of an iterator of matches, or ``None``."""
    found = None
    for found in matches:  # noqa: B007 - the loop keeps the last
        pass
    return found


def offence_of(sentence: str, fig_start: int, fig_end: int, clause: tuple[int, int]) -> str | None:
    """The offence a statutory penalty at ``sentence[fig_start:fig_end]`` is for, in plain words.

    Read from the clause only when it says so: the subject of "carries"/"is punishable by",
    the object of "admitted"/"convicted of" that "carries" refers back to, "the maximum
    penalty for X is", or "up to 10 years for X". ``None`` when no offence is named: such a
    penalty is not compared.
    """
    before = sentence[max(0, clause[0] - 200) : fig_start]  # "admitted X, which carries" may span clauses
    m = _MAXIMUM_FOR.search(before)
    if m:
        return _offence_words(m.group(1))
    verb = _last(_penalty_verb().finditer(before))
    if verb is not None and len(before) - verb.end() <= 60:  # the verb governs the figure
        head = before[: verb.start()]
        charged = _last(_charge_verb().finditer(head))
        if charged is not None:
            return _offence_words(head[charged.end() :])
        if re.match(r",?\s*(?:which|that)\b", verb.group(0).lstrip(), re.IGNORECASE) or ", an" in verb.group(0):
            return _offence_words(_last_noun_phrase(head))  # "..., money-laundering charges, which carry"
        start = max(head.rfind(". "), head.rfind("; "), head.rfind(" — "), head.rfind(", "))
        phrase = DATELINE_RE.sub("", head[start + 2 if start >= 0 else 0 :].strip(), count=1)
        return _offence_words(phrase)
    m = _FOR_AFTER.match(sentence, fig_end)
    if m:
        return _offence_words(m.group(1))
    return None
