"""Alerts link to the meetings' page when ``serve.public_url`` is set, and only then; ``serve`` without
the pages' assets stops at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newswatch.settings import load_settings
from newswatch.sinks.meeting_pages.links import article_meetings_url
from newswatch.sinks.slack_digest import build_digest
from newswatch.sinks.slack_message import build_message
from tests.meetings.factories import tagged


def test_public_url_fills_the_alerts_pages_url(monkeypatch):
    monkeypatch.setenv("NEWSWATCH_SERVE__PUBLIC_URL", "https://meetings.example.org/")
    settings = load_settings(None)
    assert settings.alert.pages_url == "https://meetings.example.org"
    monkeypatch.delenv("NEWSWATCH_SERVE__PUBLIC_URL")
    assert load_settings(None).alert.pages_url is None


def test_an_alert_links_to_its_meetings_page_and_a_digest_to_each():
    story = tagged("yonhap", article="a/b c")
    link = "<https://m.example/view/reports/a%2Fb%20c|Meeting page>"
    assert article_meetings_url("https://m.example/", "a/b c") == "https://m.example/view/reports/a%2Fb%20c"
    message = build_message(story, pages_url="https://m.example")
    assert link in message["blocks"][-1]["elements"][0]["text"]
    assert "Meeting page" not in str(build_message(story))
    digest = build_digest([(story, story.meetings), (story, story.meetings)], pages_url="https://m.example")
    assert str(digest).count(link) == 2


def test_serve_stops_at_start_with_one_line_when_the_page_assets_are_missing(tmp_path):
    newswatch = Path(sys.executable).with_name("newswatch")
    env = {"PATH": "/usr/bin:/bin", "NEWSWATCH_SERVE__ASSETS_DIR": str(tmp_path / "nothing"),
           "NEWSWATCH_MEETING_STORE__URL": f"sqlite:///{tmp_path / 'm.db'}"}
    done = subprocess.run([str(newswatch), "serve", "--port", "0"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].startswith("newswatch: error: the pages' assets are missing from")
    assert "make setup" in done.stderr
