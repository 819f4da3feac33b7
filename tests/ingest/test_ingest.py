import os
from pathlib import Path

import pytest

from figures.core.errors import InputError
from figures.ingest import article_files, iter_article_paths, read_article


def test_markdown_front_matter(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: T\noutlet: DW\ndate: 2023-09-25\nurl: https://example.org/a\n---\nBody with 5 years.\n")
    art = read_article(p)
    assert (art.title, art.outlet, art.date, art.url) == ("T", "DW", "2023-09-25", "https://example.org/a")
    assert art.text[art.body_start :].startswith("Body")


def test_bad_front_matter_names_the_line(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: [unclosed\n---\nBody\n")
    with pytest.raises(InputError, match=r"a\.md:\d+: front matter is not valid YAML"):
        read_article(p)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01binary", "binary"), (b"caf\xe9 5 years", "not valid UTF-8"), (b"  \n", "is empty")],
)
def test_unreadable_articles(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(p)


def test_missing_paths_are_errors_not_crashes(tmp_path):
    (tmp_path / "x.txt").write_text("5 years")
    paths, errors = iter_article_paths([str(tmp_path), str(tmp_path / "nope.txt")])
    assert [p.name for p in paths] == ["x.txt"]
    assert len(errors) == 1 and "no such file" in str(errors[0])


def test_a_folder_walk_orders_by_path_parts_follows_only_links_to_files_and_names_the_rest(tmp_path):
    for name in ("a/-drafts/2.md", "a/1.md", "a-b/3.md", "b/4.MD", "b/README.md", "b/notes.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("5 years")
    (tmp_path / "a" / "to-b").symlink_to(tmp_path / "b")  # a folder link: not walked, or 4.MD would come twice
    (tmp_path / "a" / "copy.md").symlink_to(tmp_path / "b" / "4.MD")
    (tmp_path / "a" / "broken.md").symlink_to(tmp_path / "nowhere")
    os.mkfifo(tmp_path / "a" / "pipe.md")
    paths, errors = iter_article_paths([str(tmp_path)])
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    assert names == ["a/-drafts/2.md", "a/1.md", "a/copy.md", "a-b/3.md", "b/4.MD"]  # "a/..." before "a-b/..."
    assert sorted(os.path.basename(e.path) for e in errors) == ["broken.md", "pipe.md"]  # said, never opened
    # walked from "a", copy.md leads out of the folder: reported and not read, unless links are followed
    files, errors = article_files([str(tmp_path / "a") + "/", str(tmp_path / "a" / "1.md")])
    assert files == [str(tmp_path / "a" / n) for n in ("-drafts/2.md", "1.md")]
    assert sorted(Path(e.path).name for e in errors) == ["broken.md", "copy.md", "pipe.md"]
    assert article_files([str(tmp_path / "a") + "/", str(tmp_path / "a" / "1.md")], follow_links=True)[0] == [
        str(tmp_path / "a" / n) for n in ("-drafts/2.md", "1.md", "copy.md")
    ]


def test_html_main_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Migrants</title></head><body><nav>Menu 1 2 3</nav><article>"
        "<h1>Migrants</h1><p>"
        + "Officials said 4.5 million workers came from Uzbekistan in 2021. "
        * 5
        + "</p><p>They earn 50,000 rubles a month on building sites across the country.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    art = read_article(p)
    assert art.source_format == "html"
    assert "4.5 million workers" in art.text


def test_flat_front_matter_is_read_without_the_yaml_parser(tmp_path, monkeypatch):
    import yaml

    def no_parser(*args, **kwargs):
        raise AssertionError("the YAML parser was started")

    monkeypatch.setattr(yaml, "load", no_parser)
    p = tmp_path / "a.md"
    p.write_text('---\ntitle: "Poland: prices"\noutlet: Market Post\ndate: 1998-08-08\n---\nBody with 5 years.\n')
    art = read_article(p)
    assert (art.title, art.outlet, art.date) == ("Poland: prices", "Market Post", "1998-08-08")
