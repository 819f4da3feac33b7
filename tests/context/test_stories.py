"""Stories: articles grouped by the event they report, from their words and dates."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.context import stories
from figures.context.stories import Story, StorySettings, group_stories
from figures.context.time import parse_article_date
from figures.ingest import read_article
from figures.model import Article

CASES = Path(__file__).parent / "cases" / "stories.yaml"
ROOT = Path(__file__).resolve().parents[2]


def _articles(case: dict) -> list[Article]:
    return [
        Article(path=a["name"], text=a["text"], title=a.get("title", ""), date=str(a.get("date") or ""))
        for a in case["articles"]
    ]


def _cases():
    for case in yaml.safe_load(CASES.read_text(encoding="utf-8")):
        yield pytest.param(case, id=case["name"])


def _partition(stories: tuple[Story, ...]) -> set[frozenset[str]]:
    return {frozenset(s.paths) for s in stories}


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case):
    grouping = group_stories(_articles(case))
    names = [a["name"] for a in case["articles"]]
    expected = {frozenset(s) for s in case["stories"]}
    listed = {n for s in case["stories"] for n in s}
    expected |= {frozenset([n]) for n in names if n not in listed}
    assert _partition(grouping.stories) == expected, [(s.paths, s.words) for s in grouping.stories]


def test_every_article_is_in_exactly_one_story():
    case = next(iter(_cases())).values[0]
    grouping = group_stories(_articles(case))
    paths = [p for s in grouping.stories for p in s.paths]
    assert sorted(paths) == sorted(a["name"] for a in case["articles"])
    for name in paths:
        assert name in grouping.of(name).paths


def test_a_story_names_its_event_and_its_dates():
    case = next(c.values[0] for c in _cases() if c.values[0]["name"].startswith("the same event"))
    grouping = group_stories(_articles(case))
    ferry = grouping.of("ferry-wire.md")
    assert (ferry.first, ferry.last) == ("2025-06-02", "2025-06-03")
    assert {"albertine", "ntoroko"} <= {w.lower() for w in ferry.words}, ferry.words


def test_order_of_input_changes_nothing():
    for param in _cases():
        articles = _articles(param.values[0])
        assert group_stories(articles).stories == group_stories(list(reversed(articles))).stories


def test_a_story_keeps_its_id_when_a_later_article_joins():
    case = next(c.values[0] for c in _cases() if c.values[0]["name"].startswith("the same event"))
    articles = _articles(case)
    before = group_stories([a for a in articles if a.path != "ferry-paper.md"]).of("ferry-wire.md")
    after = group_stories(articles).of("ferry-wire.md")
    assert before.id == after.id and len(after.paths) == 2


def test_a_window_of_no_days_splits_a_story_told_over_two():
    case = next(c.values[0] for c in _cases() if c.values[0]["name"].startswith("the same event"))
    grouping = group_stories(_articles(case), StorySettings(window_days=0))
    assert grouping.of("ferry-wire.md") != grouping.of("ferry-paper.md")


def test_no_all_pairs_over_a_large_corpus():
    # 400 articles on 400 unrelated subjects: only articles that share a rare term are scored
    letters = "bcdfghjklmnprstvz"
    articles = []
    for n in range(400):
        words = [
            letters[n % 17] + "a" + letters[(n // 17) % 17] + "o" + letters[(n * 7 + k) % 17] + "u" for k in range(9)
        ]
        text = "Officials said the " + " and the ".join(words) + " were inspected on Monday."
        articles.append(Article(path=f"a{n:03}.md", text=text, title=words[0].title(), date="2025-01-01"))
    grouping = group_stories(articles)
    assert grouping.pairs_scored < 20 * len(articles), grouping.pairs_scored


@pytest.mark.e2e
def test_identical_whatever_the_hash_seed(tmp_path):
    script = (
        "import json, sys, yaml\n"
        "from figures.context.stories import group_stories\n"
        "from figures.model import Article\n"
        "case = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))[0]\n"
        "arts = [Article(path=a['name'], text=a['text'], title=a['title'], date=str(a['date']))\n"
        "        for a in case['articles']]\n"
        "print(json.dumps([[s.id, s.paths, s.words] for s in group_stories(arts).stories]))\n"
    )
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", script, str(CASES)], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())


def test_a_title_that_is_not_valid_unicode_still_gets_a_story():
    """A lone surrogate (a broken escape in front matter) must not stop the run that groups the article."""
    broken = Article(path="a.md", text="Officials said 12 people died.", title="Budget \ud800 row", date="2023-01-02")
    other = Article(path="b.md", text="Officials said 12 people died.", title="Budget \ud801 row", date="2023-01-02")
    grouping = group_stories([broken, other])
    assert grouping.of("a.md") is not None and grouping.of("b.md") is not None
    assert grouping.stories == group_stories([other, broken]).stories


def _scored_word_by_word(signatures, config: StorySettings) -> list[tuple[int, int]]:
    """The pairs as scoring word by word meets them, each the first time, the earlier of its articles first
    when both are dated, the undated one when one is: the order of the two decides a rounding."""
    postings = stories._postings(signatures)
    seen: set[frozenset[int]] = set()
    pairs = []
    for term in sorted(postings):
        members = postings[term]
        dated = [i for i in members if signatures[i].date is not None]
        met = []
        for pos, i in enumerate(dated):
            for j in dated[pos + 1 : pos + 1 + config.neighbours]:
                if (signatures[j].date - signatures[i].date).days > config.window_days:
                    break
                met.append((i, j))
        for i in members:
            if signatures[i].date is None:
                first = [m for m in members[: config.neighbours + 1] if m != i]
                met += [(i, j) for j in first[: config.neighbours]]
        for i, j in met:
            if frozenset((i, j)) not in seen:
                seen.add(frozenset((i, j)))
                pairs.append((i, j))
    return pairs


_WORDS = ["ferry", "flood", "Ntoroko", "budget", "Kasese", "strike", "measles", "harvest", "Lisbon", "tariff"]


@st.composite
def _corpora(draw):
    articles = []
    for n in range(draw(st.integers(2, 24))):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
        day = draw(st.one_of(st.none(), st.integers(1, 20)))
        date = f"2025-03-{day:02}" if day else draw(st.sampled_from(["", "9999-12-31"]))
        articles.append(
            Article(path=f"a{n:02}.md", text="Officials said the " + " and the ".join(words) + ".", date=date)
        )
    return articles


@settings(max_examples=200, deadline=None)
@given(_corpora(), st.integers(1, 4), st.integers(1, 4), st.integers(0, 10))
def test_each_pair_is_scored_once_as_scoring_word_by_word_meets_it(articles, top_terms, neighbours, window):
    # dated and undated articles, few blocking words and neighbours: the pairs met by more than one word
    config = StorySettings(window_days=window, top_terms=top_terms, neighbours=neighbours)
    shared: dict[str, str] = {}
    signatures = sorted((stories._signature(a, config, shared) for a in articles), key=stories._order)
    stories._weigh(signatures, config)
    expected = _scored_word_by_word(signatures, config)
    given_pairs = list(stories._pairs(signatures, config))
    assert sorted(given_pairs) == sorted(expected)
    assert group_stories(articles, config).pairs_scored == len(expected)


def test_grouping_holds_less_than_twice_the_articles_it_groups():
    # each article's counts, names and spellings in strings of its own, and a record of every pair scored,
    # held 5x the articles; their weights, shared strings and no record of pairs, 1.6x
    base = [read_article(p) for p in sorted((ROOT / "data" / "beats").rglob("*.md"))]
    group_stories(base)  # the word lists and the gazetteer, loaded once whatever the corpus
    tracemalloc.start()
    try:
        articles = [
            Article(path=f"{k}/{a.path}", text=f"{a.text} copy{k}", title=a.title, date=_later(a.date, 30 * k))
            for k in range(12)
            for a in base
        ]
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        group_stories(articles)
        peak = tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()
    assert peak < 2 * held, (peak, held)


def _later(date: str, days: int) -> str:
    parsed = parse_article_date(date)
    return (parsed + datetime.timedelta(days=days)).isoformat() if parsed else date
