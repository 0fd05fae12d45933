"""``newswatch feeds import|export|check``: the feed list as data, round-tripped through OPML."""

from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from newswatch.cli import _register_all, app
from newswatch.collectors.opml import OpmlError, read_opml, write_opml
from tests.support.feed_server import Page, rss

OPML = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>reader export</title></head><body>
  <outline text="Defense">
    <outline text="Ministry A" type="rss" xmlUrl="https://a.example/rss" category="mod/asia"/>
    <outline title="Wire &amp; &quot;B&quot;" text="B" type="rss" xmlUrl="https://b.example/feed?x=1&amp;y=2"/>
  </outline>
  <outline text="C" xmlUrl="https://c.example/atom"/>
  <outline text="folder without feeds"/>
</body></opml>"""


@pytest.fixture
def cli(monkeypatch, tmp_path):
    for key in ("NEWSWATCH_CONFIG", "NEWSWATCH_COLLECTOR__FEEDS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    _register_all()
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


def test_read_opml_keeps_names_folders_and_categories():
    feeds = read_opml(OPML)
    assert [(f.url, f.name, f.tags) for f in feeds] == [
        ("https://a.example/rss", "Ministry A", ("Defense", "mod", "asia")),
        ("https://b.example/feed?x=1&y=2", 'Wire & "B"', ("Defense",)),
        ("https://c.example/atom", "C", ()),
    ]
    assert read_opml(write_opml(feeds)) == feeds


@pytest.mark.parametrize("data", [b"", b"<html/>", b"<opml><head/></opml>",
                                  b'<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>'])
def test_unreadable_opml_is_refused(data):
    with pytest.raises(OpmlError):
        read_opml(data)


def test_import_appends_to_the_config_and_skips_known_urls(cli, tmp_path):
    config = tmp_path / "newswatch.toml"
    config.write_text('# my settings\n[collector]\ninterval_seconds = 600\n\n[[collector.feeds]]\nurl = "https://c.example/atom"\n')
    (tmp_path / "reader.opml").write_bytes(OPML)

    result = cli("feeds", "import", "reader.opml")
    assert result.exit_code == 0, result.output
    assert "2 feed(s) added" in result.output
    text = config.read_text()
    assert text.startswith("# my settings\n[collector]\ninterval_seconds = 600\n")
    data = tomllib.loads(text)
    assert [f["url"] for f in data["collector"]["feeds"]] == [
        "https://c.example/atom", "https://a.example/rss", "https://b.example/feed?x=1&y=2"]
    assert cli("feeds", "import", "reader.opml").output.startswith("0 feed(s) added")

    exported = cli("feeds", "export")
    assert [f.url for f in read_opml(exported.stdout_bytes)] == [f["url"] for f in data["collector"]["feeds"]]


def test_import_writes_where_config_points(cli, tmp_path):
    (tmp_path / "reader.opml").write_bytes(OPML)
    target = tmp_path / "elsewhere.toml"
    target.write_text("")
    assert cli("--config", str(target), "feeds", "import", "reader.opml").exit_code == 0
    assert len(tomllib.loads(target.read_text())["collector"]["feeds"]) == 3
    assert not (tmp_path / "newswatch.toml").exists()


def test_check_reports_each_feed(cli, tmp_path, feed_server):
    feed_server.pages["/ok.xml"] = Page(rss("Ok", [("One", "http://example.org/1"), ("Two", "http://example.org/2")]))
    (tmp_path / "newswatch.toml").write_text(
        '[collector]\nallow_networks = ["127.0.0.1/32"]\n\n'
        f'[[collector.feeds]]\nurl = "{feed_server.url("/ok.xml")}"\nname = "good"\n\n'
        f'[[collector.feeds]]\nurl = "{feed_server.url("/missing.xml")}"\nname = "bad"\n')
    result = cli("feeds", "check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()  # the report; logs (from any thread) go to stderr
    assert any(line.startswith("ok") and "2 items" in line and "good" in line for line in lines)
    assert any(line.startswith("FAIL") and "404" in line and "bad" in line for line in lines)
    assert lines[-1] == "1 ok, 1 failed"


def test_collect_once_from_the_config_then_nothing_new(cli, tmp_path, feed_server, settings, kafka):
    feed_server.pages["/f.xml"] = Page(rss("F", [("One", "http://example.org/c1"), ("Two", "http://example.org/c2")]))
    t = settings.topics
    (tmp_path / "newswatch.toml").write_text(
        f'[kafka]\nbootstrap_servers = "{kafka.bootstrap}"\n[topics]\narticles = "{t.articles}"\n'
        f'tagged = "{t.tagged}"\ndlq = "{t.dlq}"\n[metrics]\ncollector_port = 0\n'
        '[collector]\nallow_networks = ["127.0.0.1/32"]\nparse_workers = 0\n\n'
        f'[[collector.feeds]]\nurl = "{feed_server.url("/f.xml")}"\nname = "f"\n')
    first = cli("collect", "--once")
    assert first.exit_code == 0, first.output
    assert "feeds 1: 2 new, 0 duplicate, 0 errors" in first.output
    second = cli("collect", "--once")  # within the interval: nothing is due, nothing is fetched
    assert "feeds 0: 0 new" in second.output
    assert len(feed_server.hits("/f.xml")) == 1


def test_parked_feeds_are_listed_and_resumed(cli, tmp_path, feed_server, settings, kafka):
    t = settings.topics
    (tmp_path / "newswatch.toml").write_text(
        f'[kafka]\nbootstrap_servers = "{kafka.bootstrap}"\n[topics]\narticles = "{t.articles}"\n'
        f'tagged = "{t.tagged}"\ndlq = "{t.dlq}"\n[metrics]\ncollector_port = 0\n'
        '[collector]\nallow_networks = ["127.0.0.1/32"]\nparse_workers = 0\nerror_limit = 1\n\n'
        f'[[collector.feeds]]\nurl = "{feed_server.url("/gone.xml")}"\nname = "gone"\n')
    assert "1 errors" in cli("collect", "--once").output
    listed = cli("feeds", "parked")
    assert feed_server.url("/gone.xml") in listed.output and "http_404" in listed.output
    assert "feeds 0:" in cli("collect", "--once").output  # parked: not polled
    assert f"unparked {feed_server.url('/gone.xml')}\n" in cli("feeds", "unpark").output
    assert "feeds 1:" in cli("collect", "--once").output
    assert len(feed_server.hits("/gone.xml")) == 2
