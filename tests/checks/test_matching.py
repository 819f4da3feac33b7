"""Claims of one key matched by their frames: symmetric scores, vetoes that hold, groups without chains."""

from __future__ import annotations

import dataclasses
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from figures.checks.matching import MAX_CANDIDATES, _candidates, evidence, groups
from figures.model import Claim, ClaimTime, Figure, Qualifier, TimeBasis, TimeResolution

WORDS = ["migration", "net", "emigration", "rise", "death", "case", "measles", "job", "fee", "transfer", "rate"]
THINGS = [None, "net migration", "emigration", "measles case", "measles death", "job"]
MEASURES = [None, "people_killed", "inflation_annual"]

claim_specs = st.lists(
    st.tuples(
        st.integers(0, 3),  # article
        st.integers(0, 2),  # sentence
        st.sampled_from(THINGS),
        st.sampled_from(MEASURES),
        st.lists(st.sampled_from(WORDS), max_size=5, unique=True),
        st.booleans(),  # a time of its own, or only its article's date
    ),
    min_size=1,
    max_size=25,
)


def _claims(specs) -> list[Claim]:
    out = []
    for n, (article, sentence, thing, measure, words, dated) in enumerate(specs):
        figure = Figure(n, "x", 0, 1, 1, 1, 1.0, 1.0, Qualifier.EXACT)
        out.append(
            Claim(
                id=str(n),
                path=f"a{article}.md",
                figure=figure,
                sentence="x",
                sentence_start=sentence,
                measure=measure,
                entity="NO",
                time=ClaimTime(
                    "2022",
                    datetime.date(2022, 1, 1),
                    datetime.date(2022, 12, 31),
                    TimeResolution.YEAR,
                    TimeBasis.STATED if dated else TimeBasis.ARTICLE,
                ),
                thing=measure or thing,
                label="people killed" if measure == "people_killed" else ("annual inflation" if measure else ""),
                words=tuple(sorted(words)),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(claim_specs)
def test_scores_are_symmetric(specs):
    claims = _claims(specs)
    for a in claims:
        for b in claims:
            assert evidence(a, b).score == evidence(b, a).score


@settings(max_examples=200, deadline=None)
@given(claim_specs, st.sampled_from([0.3, 0.5, 0.8]))
def test_a_group_holds_no_veto_and_no_bad_match(specs, threshold):
    claims = _claims(specs)
    found = groups(list(range(len(claims))), claims, threshold)
    assert sorted(i for g in found for i in g.members) == list(range(len(claims)))  # each claim once
    for g in found:
        for n, i in enumerate(g.members):
            for j in g.members[:n]:
                e = evidence(claims[i], claims[j], pairs=claims[i].path != claims[j].path)
                assert not e.vetoed, (claims[i], claims[j], e)
                if claims[i].path != claims[j].path:
                    assert e.score >= threshold / 2, (claims[i], claims[j], e)
        for _i, (j, e) in g.evidence.items():
            assert j in g.members and e.score >= threshold


def test_different_measures_and_things_never_meet():
    a, b, c, d = _claims(
        [
            (0, 0, None, "people_killed", ["death"], True),
            (1, 0, None, "inflation_annual", ["death"], True),
            (2, 0, "emigration", None, ["emigration"], True),
            (3, 0, "net migration", None, ["migration", "net"], True),
        ]
    )
    assert evidence(a, b).vetoed
    assert evidence(c, d).score == 0


def test_paraphrases_meet_and_dates_alone_do_not():
    a, b, c, d = _claims(
        [
            (0, 0, "net migration", None, ["migration", "net", "rise"], True),
            (1, 0, None, None, ["migration", "net", "reach"], True),
            (2, 0, None, None, ["migration", "net"], False),
            (3, 0, None, None, ["migration", "net"], False),
        ]
    )
    assert evidence(a, b).score >= 0.5
    assert evidence(c, d).score == 0  # words only, and neither states a time


def test_a_claim_is_scored_against_a_bounded_number_of_groups():
    claims = _claims([(n % 4, n, None, None, ["migration", "net"], True) for n in range(400)])
    by_word: dict[str, list[int]] = {"migrat": list(range(300)), "net": list(range(300))}
    assert len(_candidates(claims[0], by_word)) == MAX_CANDIDATES


def test_one_own_phrase_meets_across_articles_and_not_within_one():
    import dataclasses

    a, b = _claims([(0, 0, None, None, ["film"], False), (1, 1, None, None, ["film"], False)])
    a, b = dataclasses.replace(a, own="opening"), dataclasses.replace(b, own="opening")
    assert evidence(a, b).score >= 0.5  # two articles' "opening", though neither states a time
    same_article = dataclasses.replace(b, path=a.path)
    assert evidence(a, same_article, pairs=False).score == 0  # one article's two openings are two films'
    budget = dataclasses.replace(b, own="budget")
    assert evidence(a, budget).vetoed
    part = dataclasses.replace(b, own_parts=("deferred",))
    assert evidence(a, part).vetoed


def _valued(article: int, value: float, words: list[str]) -> Claim:
    (claim,) = _claims([(article, 0, None, None, words, False)])
    figure = dataclasses.replace(claim.figure, low=value, high=value)
    return dataclasses.replace(claim, figure=figure)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9), st.integers(1, 99), st.integers(0, 6))
def test_one_exact_value_meets_and_a_round_one_does_not(first, rest, power):
    exact = float(f"{first}{rest:02d}") * 10.0**power  # three significant digits or two ("105")
    round_ = float(first) * 10.0**power
    a, b = _valued(0, exact, ["crowd"]), _valued(1, exact, ["spectator"])
    assert evidence(a, b).why == "same value" and evidence(a, b).score >= 0.5
    assert evidence(a, _valued(1, exact + 10.0**power, ["spectator"])).score < 0.5  # another value
    assert evidence(a, dataclasses.replace(b, path=a.path), pairs=False).score < 0.5  # one article
    assert evidence(_valued(0, round_, ["crowd"]), _valued(1, round_, ["spectator"])).score < 0.5


def _told(article: int, words: list[str], sentence: str) -> Claim:
    (claim,) = _claims([(article, 0, None, None, words, False)])
    return dataclasses.replace(claim, sentence=sentence)


def test_undated_claims_of_two_articles_meet_by_most_of_their_words_and_a_name():
    # one fact retold: the shorter frame's words are mostly the other's too, a name among them
    first, second = "Its hull was torn when the tanker Marisol struck a pier.", "The tanker Marisol struck the pier."
    a = _told(0, ["hull", "marisol", "tanker"], first)
    b = _told(1, ["hull", "marisol", "struck", "tanker"], second)
    assert evidence(a, b).score >= 0.5
    # the same words with no name among them may be two of a kind; a place names no one thing
    for other in ("marisol", "Norway", "Monday"):
        plain = [dataclasses.replace(c, sentence=c.sentence.replace("Marisol", other)) for c in (a, b)]
        assert evidence(*plain).score == 0
    # two words in common are a phrase, not a fact
    c, d = _told(0, ["marisol", "tanker"], first), _told(1, ["marisol", "struck", "tanker"], second)
    assert evidence(c, d).score == 0
    # three words shared by two long frames are chance
    e = _told(0, ["hull", "marisol", "tanker", "port", "crew", "cargo", "owner", "flag"], first)
    f = _told(1, ["hull", "marisol", "tanker", "harbour", "pilot", "tug", "insurer", "route"], second)
    assert evidence(e, f).score == 0
    # within one article two values of one frame are two things
    assert evidence(a, dataclasses.replace(b, path=a.path, sentence_start=1)).score == 0
