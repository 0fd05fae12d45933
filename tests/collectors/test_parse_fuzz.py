"""Property tests on the parse path (as Miniflux fuzzes its parser): whatever bytes a feed sends,
parse_feed returns, and every article it returns has an id, a URL and a title."""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswatch.collectors.rss import html_to_text, parse_feed
from tests.support.feed_server import rss

SEED = rss("Seed", [("One", "http://example.org/1"), ("Two &amp; more", "/relative/2")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise(body):
    parsed = parse_feed(body, source="fuzz")
    assert all(a.id and a.title for a in parsed.articles)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(SEED) - 1), st.integers(1, 40), st.binary(max_size=40))
def test_mutated_feeds_never_raise(start, length, replacement):
    body = SEED[:start] + replacement + SEED[start + length:]
    parsed = parse_feed(body, source="fuzz", headers={"content-type": "application/rss+xml"},
                        base_url="http://127.0.0.1/feed.xml")
    assert len({a.id for a in parsed.articles}) <= len(parsed.articles) <= 2
    assert all(a.id and a.url and a.title for a in parsed.articles)


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=300))
def test_escaped_text_survives_as_text_and_scripts_vanish(text):
    """Text stays text: an escaped "<b>" comes back as the characters "<b>"; script content never shows."""
    escaped = html.escape(text)
    assert html_to_text(f"<p>{escaped}</p><script>var x = '{escaped}';</script>") == " ".join(text.split())
