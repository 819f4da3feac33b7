"""The report groups its discrepancies by story: a part per story, then the articles in no shared story."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from figures.outputs.html import format_html
from figures.outputs.markdown import format_markdown
from figures.outputs.markdown import text as md_text
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check

ROOT = Path(__file__).resolve().parents[2]
COURTS = ROOT / "data" / "beats" / "courts"  # two trials, each reported by more than one outlet
ALONE = ROOT / "data" / "articles" / "rewrite-2022-04-central-asians.md"  # findings of its own, no other article
LAST = "Articles in no shared story"


@pytest.fixture(scope="module")
def run():
    rulebook = load_rulebook(ROOT / "examples" / "central-asia" / "rules")
    result = check([str(COURTS), str(ALONE)], rulebook)
    return result, rulebook


def _parts(md: str) -> dict[str, str]:
    """The Markdown report's parts by their heading."""
    pieces = re.split(r"^## ", md, flags=re.MULTILINE)[1:]
    return {p.split("\n", 1)[0]: p for p in pieces}


def _shared(result):
    return [s for s in result.stories.stories if len(s.paths) > 1]


def test_two_stories_in_one_run_each_get_their_part(run):
    result, rulebook = run
    stories = _shared(result)
    assert len(stories) == 2
    parts = _parts(format_markdown(result, rulebook))
    page = format_html(result, rulebook)
    for story in stories:
        (heading,) = [h for h in parts if h.startswith("Story: " + md_text(", ".join(story.words)))]
        part = parts[heading]
        for path in story.paths:  # its articles, with outlet and date
            article = next(a for a in result.articles if a.path == path)
            assert f"{md_text(article.outlet)}, {article.date}" in part.split("\n\n")[1]
        # every group whose claims all come from this story is shown in its part, and in no other
        own = [
            g for g in result.groups if len(g.claims) > 1 and {result.stories.of(c.path) for c in g.claims} == {story}
        ]
        assert own
        for g in own:
            assert md_text(g.label) in part
        # the page: one section per story, named by its words, holding its groups
        section = re.search(rf'<section class="story" id="story-{story.id}".*?</section>\n<!-- /story -->', page, re.S)
        assert section is not None and ", ".join(story.words) in section.group()
        for g in own:
            assert g.label in section.group()


def test_an_article_alone_in_its_story_lands_in_the_last_part(run):
    result, rulebook = run
    alone = next(a.path for a in result.articles if a.path.endswith(ALONE.name))
    assert result.stories.of(alone).paths == (alone,)
    parts = _parts(format_markdown(result, rulebook))
    assert list(parts)[-1].startswith(LAST)
    last = parts[list(parts)[-1]]
    mine = [f for f in result.findings if f.path.endswith(ALONE.name)]
    assert mine
    for f in mine:
        assert f.code in last
    for heading, part in parts.items():
        if heading.startswith("Story: "):
            assert ALONE.name not in part
    page = format_html(result, rulebook)
    assert page.rindex(LAST) > max(page.index(f'id="story-{s.id}"') for s in _shared(result))


def test_a_story_lists_the_corpus_articles_its_figures_were_compared_with(run):
    _, rulebook = run
    inflation = ROOT / "data" / "beats" / "inflation"
    target = str(inflation / "harbourpost-2023-01-05-turkey.md")
    result = check([target], rulebook, corpus=[str(inflation)])
    story = result.stories.of(target)
    corpus = [a for a in result.corpus_articles if a.path in story.paths]
    assert corpus
    parts = _parts(format_markdown(result, rulebook))
    (heading,) = [h for h in parts if h.startswith("Story: ")]
    for a in corpus:
        assert f"{md_text(a.outlet)}, {a.date}" in parts[heading]
