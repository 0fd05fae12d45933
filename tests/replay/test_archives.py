"""Archive readers (no broker): every kind of file, and what happens to bad input."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from newswatch.collectors.backfill.archives import BackfillError, Loaded, Unreadable, expand, load_path
from newswatch.collectors.ids import article_id
from tests.conftest import SEEDS

CAP = 1024 * 1024


def _load(path) -> list:
    return list(load_path(path, max_bytes=CAP))


def test_seed_folder_yields_the_feed_item_and_the_text_file():
    files, ignored = expand([SEEDS])
    assert [f.name for f in files] == sorted(f.name for f in SEEDS.iterdir() if f.suffix in (".xml", ".txt"))
    items = [item for f in files for item in _load(f)]
    assert all(isinstance(i, Loaded) for i in items) and len(items) == 2
    feed_item = next(i for i in items if i.article.url.startswith("https://"))
    assert feed_item.article.id == article_id("https://newswatch.example/seeds/000_93b1d132296354fd")
    assert feed_item.timestamp_ms == int(datetime(2024, 11, 20, 8, 50, tzinfo=UTC).timestamp() * 1000)
    text_item = next(i for i in items if i.article.url.startswith("file://"))
    assert text_item.article.title.startswith("South Korea's Defense Minister") and not text_item.dated


def test_jsonl_bad_lines_are_reported_with_their_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id":"1","url":"https://x/1","title":"A","published":"2024-11-02T03:00:00Z"}\n\n'
                     b'{oops\n{"id":"2","url":"https://x/2"}\n\xff\xfe\n')
    items = _load(path)
    assert isinstance(items[0], Loaded) and items[0].timestamp_ms == 1730516400000
    bad = [i for i in items if isinstance(i, Unreadable)]
    assert [(b.where.rsplit(":", 1)[1], b.error_type) for b in bad] == [
        ("3", "invalid_json"), ("4", "invalid_schema"), ("5", "invalid_utf8")]
    assert bad[0].value == b"{oops"


def test_html_main_text_title_date_and_canonical_id(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><title>Ministers meet | Daily</title><link rel="canonical" href="https://daily.example/a?utm_source=x">'
        '<meta property="article:published_time" content="2024-11-20T08:50:00+09:00"></head><body>'
        "<nav>Home World Sport</nav><article><h1>Ministers meet</h1><p>South Korea's Defense Minister held talks "
        "with Canada's defence minister in Seoul on Wednesday, his office said.</p></article>"
        "<footer>Copyright</footer></body></html>")
    [item] = _load(page)
    assert isinstance(item, Loaded)
    assert item.article.title == "Ministers meet"
    assert "Canada's defence minister" in item.article.content and "Copyright" not in item.article.content
    assert item.article.published == datetime(2024, 11, 19, 23, 50, tzinfo=UTC)
    assert item.article.id == article_id("https://daily.example/a")


def test_files_without_a_url_get_a_content_id_independent_of_their_place(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "x.txt").write_text("Title line\nBody text.\n")
    [one], [two] = _load(tmp_path / "a" / "x.txt"), _load(tmp_path / "b" / "x.txt")
    assert one.article.id == two.article.id
    assert (one.article.title, one.article.content) == ("Title line", "Body text.")
    os.utime(tmp_path / "a" / "x.txt", (1_700_000_000, 1_700_000_000))
    assert _load(tmp_path / "a" / "x.txt")[0].timestamp_ms == 1_700_000_000_000  # undated: file time


@pytest.mark.parametrize("content, reason", [(b"", "no_title"), (b"\xff\xfe", "invalid_utf8")])
def test_unusable_text_files(tmp_path, content, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    [item] = _load(path)
    assert isinstance(item, Unreadable) and item.error_type == reason


def test_opml_reads_local_feed_archives_and_refuses_to_fetch(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "seed.xml").write_bytes((SEEDS / "feed.xml").read_bytes())
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Yonhap archive" xmlUrl="feeds/seed.xml"/>'
        '<outline text="Live" xmlUrl="http://127.0.0.1:1/feed"/>'
        f'<outline text="Gone" xmlUrl="file://{tmp_path}/missing.xml"/></body></opml>')
    items = _load(opml)
    loaded = [i for i in items if isinstance(i, Loaded)]
    assert [i.article.source for i in loaded] == ["Yonhap archive"]
    assert sorted(i.error_type for i in items if isinstance(i, Unreadable)) == ["missing_file", "not_local"]


def test_opml_entity_expansion_is_refused(tmp_path):
    opml = tmp_path / "bomb.opml"
    opml.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    '<opml><body><outline text="&b;" xmlUrl="x.xml"/></body></opml>')
    [item] = _load(opml)
    assert isinstance(item, Unreadable) and item.error_type == "invalid_opml"


def test_oversized_files_are_reported_not_read(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(b"<rss>" + b" " * 2000 + b"</rss>")
    [item] = list(load_path(path, max_bytes=1000))
    assert isinstance(item, Unreadable) and item.error_type == "too_large"


def test_missing_paths_fail_fast_and_unknown_files_are_listed(tmp_path):
    (tmp_path / "notes.md").write_text("x")
    files, ignored = expand([tmp_path])
    assert files == [] and [p.name for p in ignored] == ["notes.md"]
    with pytest.raises(BackfillError, match="does not exist"):
        expand([tmp_path / "nope"])
