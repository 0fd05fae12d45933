"""Hostile text in alerts (issue 19, the smaller holes): links survive truncation, bare URLs are not
auto-linked, invisible formatting characters are dropped, links never show credentials, and a
webhook URL that is not http(s) is refused at start."""

from __future__ import annotations

import msgspec
import pytest

from newswatch.errors import ConfigError
from newswatch.settings import load_settings
from newswatch.sinks.config import AlertConfig, RouteConfig
from newswatch.sinks.slack_message import build_message
from newswatch.sinks.slack_text import SECTION_LIMIT, escape, safe_link, truncate
from tests.sinks.factories import tagged


def texts(message: dict) -> list[dict]:
    found = [b["text"] for b in message["blocks"] if "text" in b]
    found += [e for b in message["blocks"] for e in b.get("elements", [])]
    return found


def test_a_title_cut_at_the_section_limit_keeps_its_link_whole():
    """Regression: a 5,000-character title was cut inside `<url|label>`, breaking the title link."""
    message = build_message(tagged("a1", title="Defense talks " * 400))
    title = message["blocks"][1]["text"]["text"]
    assert len(title) <= SECTION_LIMIT
    assert title.startswith("*<https://news.example/a1|Defense talks") and title.endswith("…>*")


def test_truncate_never_leaves_half_a_link():
    text = "before " + safe_link("https://news.example/x", "label " * 50)
    cut = truncate(text, 40)
    assert cut == "before…" and "<" not in cut


def test_a_link_longer_than_its_room_becomes_plain_text():
    long_url = "https://news.example/" + "p" * 5000
    assert safe_link(long_url, "Title", 3000) == "Title"


def test_text_objects_are_verbatim_so_bare_urls_and_channels_are_not_linked():
    message = build_message(tagged("a2", title="see https://evil.example #general"))
    mrkdwn = [t for t in texts(message) if t.get("type") == "mrkdwn"]
    assert mrkdwn and all(t.get("verbatim") is True for t in mrkdwn)


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200d", "\u200f", "\ufeff",
                                  "\u2060", "\u061c"])
def test_invisible_formatting_characters_are_dropped(char):
    title = f"Kim meets {char}Blair"
    message = build_message(tagged("a3", title=title, source=f"wire{char}"))
    rendered = msgspec.json.encode(message).decode("unicode_escape")
    assert char not in rendered
    assert escape(title) == "Kim meets Blair"


def test_links_never_show_credentials():
    link = safe_link("https://newsuser:s3cretpass@news.example/story", "Story")
    assert link == "<https://news.example/story|Story>"


@pytest.mark.parametrize("url", ["ftp://hooks.example/x", "file:///etc/passwd", "hooks.slack.com/services/x",
                                 "https:///nohost", "http://host:notaport/"])
def test_webhook_urls_must_be_http_urls(url):
    with pytest.raises(ValueError, match="webhook_url"):
        AlertConfig(webhook_url=url)
    with pytest.raises(ValueError, match="webhook_url"):
        RouteConfig(name="desk", webhook_url=url)


def test_a_bad_webhook_from_the_environment_is_refused_without_quoting_it(monkeypatch):
    monkeypatch.setenv("DESK_HOOK", "ftp://s3cret.example/hook")
    route = RouteConfig(name="desk", webhook_url_env="DESK_HOOK")
    with pytest.raises(ConfigError) as refusal:
        route.webhook()
    assert "http(s)" in str(refusal.value) and "s3cret" not in str(refusal.value)


def test_the_config_loader_refuses_an_ftp_webhook_at_start(monkeypatch):
    """Regression: `ftp://` was accepted and then retried forever, ignoring --idle-exit."""
    monkeypatch.setenv("NEWSWATCH_ALERT__WEBHOOK_URL", "ftp://s3cret.example/hook")
    with pytest.raises(ConfigError) as refusal:
        load_settings()
    assert "webhook_url" in str(refusal.value) and "s3cret" not in str(refusal.value)


def test_timeouts_must_be_finite():
    with pytest.raises(ValueError):
        AlertConfig(timeout_seconds=float("inf"))
