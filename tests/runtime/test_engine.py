"""The engine gives the same output whatever runs the extraction: one process, a pool, Dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from figures.outputs import format_findings
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from figures.runtime.parallel import POOL_MIN_FILES, Runner

ROOT = Path(__file__).resolve().parents[2]


def _output(paths: list[str], runner: Runner, rulebook, corpus: list[str] | None = None) -> str:
    result = check(paths, rulebook, corpus=corpus, runner=runner)
    claims = "\n".join(repr(c) for c in result.claims)
    groups = "\n".join(repr(g) for g in result.groups)
    return format_findings(result.findings, "json", True, result.checked) + claims + groups + repr(result.statuses)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(ROOT / "examples" / "central-asia" / "rules")


@pytest.mark.slow
def test_one_process_and_a_pool_of_two_say_the_same(rulebook):
    beats = ROOT / "data" / "beats"
    assert len(list(beats.rglob("*.md"))) >= POOL_MIN_FILES  # enough files that the pool really runs
    one = _output([str(beats)], Runner(jobs=1), rulebook)
    two = _output([str(beats)], Runner(jobs=2), rulebook)
    assert one == two
    assert '"FG301"' in one


@pytest.mark.slow
def test_a_new_article_against_the_corpus_with_a_pool(rulebook):
    articles = ROOT / "data" / "articles"
    story = str(articles / "dw-2023-09-recruitment.md")
    one = _output([story], Runner(jobs=1), rulebook, corpus=[str(articles), str(ROOT / "data" / "beats")])
    two = _output([story], Runner(jobs=2), rulebook, corpus=[str(articles), str(ROOT / "data" / "beats")])
    assert one == two
    assert '"FG301"' in one


@pytest.mark.dask
def test_dask_and_local_say_the_same(rulebook):
    """Extraction and the consistency check, key by key, on Dask: the same findings and groups as one process."""
    distributed = pytest.importorskip("distributed")
    articles, beats = str(ROOT / "data" / "articles"), str(ROOT / "data" / "beats")
    story = str(ROOT / "data" / "articles" / "dw-2023-09-recruitment.md")
    runs = {"corpus": ([articles, beats], None), "new story": ([story], [articles, beats])}
    local = {name: _output(paths, Runner(jobs=1), rulebook, corpus) for name, (paths, corpus) in runs.items()}
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        dask = Runner(jobs=2, engine="dask", scheduler=cluster.scheduler_address)
        on_dask = {name: _output(paths, dask, rulebook, corpus) for name, (paths, corpus) in runs.items()}
    assert on_dask == local
    assert '"FG301"' in local["corpus"] and '"FG301"' in local["new story"]
    assert "ClaimGroup(" in local["corpus"]


@pytest.mark.dask
def test_dask_reads_and_checks_on_the_cluster(rulebook):
    """Reading and the consistency rules run as the cluster's tasks, not in the calling process."""
    distributed = pytest.importorskip("distributed")
    from dask.utils import key_split

    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster.scheduler_address) as client, distributed.get_task_stream(client) as stream:
            dask = Runner(jobs=2, engine="dask", scheduler=cluster.scheduler_address)
            assert '"FG301"' in _output([str(ROOT / "data" / "beats")], dask, rulebook)
        ran = {key_split(task["key"]) for task in stream.data}
    assert {"read_batch", "check_partition"} <= ran


@pytest.mark.slow
def test_a_linter_run_keeps_no_claims_and_finds_the_same(rulebook):
    """Without ``keep`` the main process holds findings only; the findings are those of a full run."""
    beats = [str(ROOT / "data" / "beats")]
    full = check(beats, rulebook, runner=Runner(jobs=2))
    lean = check(beats, rulebook, runner=Runner(jobs=2), keep=False)
    assert lean.findings == full.findings and lean.findings
    assert not lean.claims and not lean.articles and not lean.groups
    assert (lean.checked, lean.read) == (full.checked, full.read) == (35, 35)


@pytest.mark.slow
def test_partitions_written_to_disk_change_nothing(rulebook, monkeypatch):
    """A spool that must write its partitions out gives the output of one held in memory."""
    from figures.runtime import spool

    paths = [str(ROOT / "data" / "beats"), str(ROOT / "data" / "articles")]
    held = _output(paths, Runner(jobs=2), rulebook)
    monkeypatch.setattr(spool, "MEMORY_LIMIT", 1)
    monkeypatch.setattr(spool, "ARTICLES_PER_PART", 3)
    assert _output(paths, Runner(jobs=2), rulebook) == held
    assert _output(paths, Runner(jobs=1), rulebook) == held


class _Terminal:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_only_at_a_terminal_outside_ci(monkeypatch):
    import io

    from figures.runtime.progress import MIN_FILES, Progress, wanted

    monkeypatch.delenv("CI", raising=False)
    assert not wanted(MIN_FILES, io.StringIO())  # piped
    assert not wanted(MIN_FILES - 1, _Terminal())  # short
    assert wanted(MIN_FILES, _Terminal())
    monkeypatch.setenv("CI", "true")
    assert not wanted(MIN_FILES, _Terminal())
    terminal = _Terminal()
    bar = Progress(10, stream=terminal)
    bar(10)
    bar.close()
    assert "10" in terminal.text


def test_a_kept_run_groups_its_articles_into_stories_once(rulebook):
    """The run decides the stories: every article kept has one, and each claim's explanation names it."""
    courts = [str(ROOT / "data" / "beats" / "courts")]
    result = check(courts, rulebook)
    assert result.stories is not None
    assert {p for s in result.stories.stories for p in s.paths} == {a.path for a in result.articles}
    shared = [s for s in result.stories.stories if len(s.paths) > 1]
    assert len(shared) == 2
    assert set(result.explanations) == {c.id for c in result.claims}
    for claim in result.claims:
        assert result.explanations[claim.id].story == result.stories.of(claim.path)
    lean = check(courts, rulebook, keep=False)
    assert lean.stories is None and not lean.explanations


def test_a_kept_run_explains_a_claim_only_when_an_output_asks(rulebook, monkeypatch):
    """Explaining is the costliest thing a run keeps: only the claims an output shows are explained."""
    from figures.checks import compared as compared_module

    asked: list[str] = []
    reason = compared_module._status

    def counted(claim, *args):
        asked.append(claim.id)
        return reason(claim, *args)

    monkeypatch.setattr(compared_module, "_status", counted)
    result = check([str(ROOT / "data" / "beats" / "courts")], rulebook)
    assert len(result.claims) > 2 and asked == []
    first, last = result.claims[0], result.claims[-1]
    assert result.explanations[last.id].claim == last
    assert result.explanations.get(first.id).claim == first
    assert result.explanations.get("no such claim") is None
    assert asked == [last.id, first.id]


def test_a_run_whose_output_reads_no_explanation_builds_nothing_to_explain_with(rulebook, monkeypatch):
    """The report reads no explanation: the indexes one is made from are built on the first read, once."""
    from figures.runtime import engine

    built: list[int] = []

    class Counted(engine.Explainer):
        def __init__(self, *args, **kwargs) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(engine, "Explainer", Counted)
    result = check([str(ROOT / "data" / "beats" / "courts")], rulebook)
    assert len(result.explanations) == len(result.claims) and result.claims[0].id in result.explanations
    assert built == []
    for claim in result.claims[:3]:
        assert result.explanations[claim.id].claim == claim
    assert built == [1]


def test_a_claim_compared_only_with_the_corpus_is_explained_as_compared(rulebook):
    """The corpus claims a target was compared with are kept, so its explanation says compared."""
    inflation = ROOT / "data" / "beats" / "inflation"
    target = str(inflation / "harbourpost-2023-01-05-turkey.md")
    result = check([target], rulebook, corpus=[str(inflation)])
    compared = [e for e in result.explanations.values() if e.status.value == "compared"]
    assert compared
    assert all(o.path != target for e in compared for o in e.compared_with)


@pytest.mark.parametrize("indexed", [False, True])
def test_a_target_shares_its_story_with_the_corpus_articles_it_can_be_compared_with(rulebook, tmp_path, indexed):
    """Against a corpus, the corpus articles that share a claim key with the targets are grouped with them."""
    from figures.runtime.engine import open_index

    inflation = ROOT / "data" / "beats" / "inflation"
    target = str(inflation / "harbourpost-2023-01-05-turkey.md")
    other = str(inflation / "ledger-2023-01-04-turkey.md")  # the same story, another outlet
    runs = 2 if indexed else 1  # the second run loads the corpus's claims from the index
    for _ in range(runs):
        index = open_index(tmp_path / "index", rulebook) if indexed else None
        try:
            result = check([target], rulebook, corpus=[str(inflation)], index=index)
        finally:
            if index is not None:
                index.close()
    assert other in result.stories.of(target).paths
    assert other in {a.path for a in result.corpus_articles}
    assert {a.path for a in result.articles} == {target}
