"""Alerts link to the meetings' page when ``serve.public_url`` is set, and only then."""

from __future__ import annotations

from newswatch.config import load_settings
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
