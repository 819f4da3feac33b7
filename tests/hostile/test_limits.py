"""Resource limits: configurable, with defaults far above any article, and never a slow run.

Sizes here are small on purpose: the limits are lowered in a configuration file so a
few kilobytes cross them; the linear growth itself is measured in benchmarks/hostile.py.
"""

from __future__ import annotations

import json

import pytest

from figures.cli import main
from figures.core.limits import Limits, configure
from figures.extract import extract_text


@pytest.fixture(autouse=True)
def _default_limits():
    configure(Limits())
    yield
    configure(Limits())


def _project(tmp_path, monkeypatch, settings: str, text: str) -> None:
    (tmp_path / "figures.toml").write_text(settings, encoding="utf-8")
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_an_article_over_the_size_limit_is_fg001_and_unread(tmp_path, monkeypatch, capsys):
    _project(tmp_path, monkeypatch, "max_article_mb = 0.001\n", "12 people died. " * 100)  # 1.6 KB > 1 KB
    assert main(["check", "story.txt", "--format", "json"]) == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding["code"] == "FG001" and "MB limit" in finding["message"] and "max_article_mb" in finding["message"]


def test_a_50_mb_article_is_refused_without_being_read(tmp_path, capsys):
    # Sparse: 50 MB on paper, nothing on disk, and never read, so the test is instant.
    article = tmp_path / "huge.txt"
    with article.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert main(["check", "--isolated", str(article)]) == 1
    assert "50.0 MB, more than the 10 MB limit" in capsys.readouterr().out


def test_figures_past_the_per_sentence_limit_are_not_read(tmp_path, monkeypatch, capsys):
    _project(tmp_path, monkeypatch, "max_figures_per_sentence = 3\n", "Tolls were 1 and 2 and 3 and 4 and 5 people.")
    assert main(["check", "story.txt"]) in (0, 1)
    configure(Limits(max_figures_per_sentence=3))
    assert len(extract_text("Tolls were 1 and 2 and 3 and 4 and 5 people.")) == 3


def test_a_sentence_past_the_length_limit_is_read_in_pieces():
    configure(Limits(max_sentence_chars=100))
    text = "and 12 people and 40 more " * 40  # 1,040 characters, no full stop
    figures = extract_text(text)
    assert len(figures) == 80  # every figure is still found
    assert {f.surface for f in figures} >= {"12 people", "40"}


@pytest.mark.parametrize(
    ("setting", "what"),
    [
        ("max_article_mb = -1", "'max_article_mb' must be a positive number"),
        ("max_sentence_chars = 2.5", "'max_sentence_chars' must be a positive whole number"),
        ('max_figures_per_sentence = "many"', "'max_figures_per_sentence' must be a positive whole number"),
    ],
)
def test_a_bad_limit_is_a_configuration_error(setting, what, tmp_path, monkeypatch, capsys):
    _project(tmp_path, monkeypatch, setting + "\n", "12 people died.")
    assert main(["check", "story.txt"]) == 2
    assert f"figures.toml:1: {what}" in capsys.readouterr().err
