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
from collections.abc import Callable

_PARTICLE = r"(?:of|de|da|do|dos|van|von|der|al|bin|la|le|del|di|du)"
_WORD = r"(?:[A-Z][\w’'&.-]*|[a-z][A-Z][\w’'-]*)"  # "Apple", "S&P", "iPhone"
_NAME_RE = re.compile(rf"(?<![\w@#/.])({_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,4}})")
_NOT_NAMES = frozenset(
    """The A An In On At By For From To Of And Or But As It Its This That These Those There Their They He She We
    I You Our His Her Who What When Where Why How While Whereas Although Though After Before Since Until During
    Despite Under Over About Around Some Many Most More Less Few All Each Every Both Only Just Also Still Yet Even
    According Last Next This Year Month Week Day Today Yesterday Tomorrow January February March April May June
    July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mr Mrs Ms Dr Prof President Prime Minister Chancellor King Queen Governor Mayor Judge Justice Sen Rep Gen
    Chief Chairman Chairwoman CEO Officials Official Police Government Parliament Court Ministry Office Agency
    Statistics Data Figures Analysts Economists Experts Authorities Article Section Law Code GDP CPI EU UN
    Q1 Q2 Q3 Q4 H1 H2 FY Sales Revenue Revenues Profit Profits Turnover Earnings Shares Net Total Overall
    Executive Officer Director Spokesman Spokeswoman Spokesperson Secretary Deputy Senator Candidate
    President-elect Vice-President Vice Former Ex-President Acting Incumbent""".split()
)
_REPORTING_AFTER = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?:said|says|say|told|reported|reports|announced|estimated|estimates|showed|shows|"
    r"data|figures|statistics|calculations|survey|poll|report|noted|added|wrote|confirmed|according)\b"
)
_REPORTING_BEFORE = re.compile(r"\b(?:according\s+to|told|said|cited|citing|per)\s+(?:the\s+)?$", re.IGNORECASE)
_TIED_AFTER = re.compile(
    r"^\s*(?:(?:of\s+)?(?:the\s+)?(?:valid\s+|total\s+)?(?:votes?|ballots|support)\s+)?"
    r"(?:for|at|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ACTS = re.compile(r"\s+(?:won|wins|took|takes|got|gets|received|secured|posted|reported|earned|made|sold|had|has)\b")


def _clean(name: str) -> str:
    words = [w for w in (re.sub(r"['’]s$", "", w) for w in name.split()) if w not in _NOT_NAMES]
    while words and re.fullmatch(_PARTICLE, words[-1]):
        words.pop()
    while words and re.fullmatch(_PARTICLE, words[0]):
        words.pop(0)
    return " ".join(words)


def _names(sentence: str, start: int, end: int, is_place: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """Proper names in ``sentence[start:end]`` that may own a value: (start, end, name)."""
    out = []
    for m in _NAME_RE.finditer(sentence, start, end):
        name = _clean(m.group(1))
        if not name or is_place(name) or any(is_place(w) for w in name.split()):
            continue
        if m.start() == 0 and " " not in name and not m.group(1).endswith(("'s", "’s")):
            # A sentence's first word is capitalised anyway: a name only if it acts as one.
            if not _ACTS.match(sentence, m.end()):
                continue
        if _REPORTING_BEFORE.search(sentence[max(0, m.start() - 20) : m.start()]):
            continue
        out.append((m.start(), m.end(), name))
    return out


def subject_of(
    sentence: str,
    fig_start: int,
    fig_end: int,
    clause: tuple[int, int],
    is_place: Callable[[str], bool],
    segment: tuple[int, int] | None = None,
) -> str | None:
    """The proper name whose value the figure is, or ``None``.

    ``segment`` is the stretch of the clause between the neighbouring figures.
    """
    c_start, c_end = clause
    seg_start, seg_end = segment or clause
    after = _names(sentence, fig_end, min(seg_end, c_end), is_place)
    if after and _TIED_AFTER.match(sentence[fig_end : after[0][0]]):
        return after[0][2]
    for lo in (max(seg_start, c_start), c_start):
        owners = [
            name
            for start, end, name in _names(sentence, lo, fig_start, is_place)
            if not _REPORTING_AFTER.match(sentence[end:fig_start])
        ]
        if owners:
            return owners[-1]
    return None


def full_names(text: str) -> dict[str, str]:
    """Short name -> the longest name in ``text`` that holds it after its first word.

    A person named in full once ("Luiz Inacio Lula da Silva", "Jair Bolsonaro") is
    named by one of the later words after that; a company's name is its first word
    ("Apple" in "Apple Pay" stays Apple).
    """
    longest: dict[str, str] = {}
    for m in _NAME_RE.finditer(text):
        name = _clean(m.group(1))
        words = name.split()
        for w in words[1:]:
            if len(w) > 2 and not re.fullmatch(_PARTICLE, w) and len(name) > len(longest.get(w, "")):
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
