"""The Block Kit message: content, escaping of untrusted text on the exact JSON, Slack's limits."""

from __future__ import annotations

import json
import re

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newswatch.schema import Meeting, Participant
from newswatch.sinks.slack_digest import MAX_DIGEST_ALERTS, build_digest
from newswatch.sinks.slack_message import build_message
from newswatch.sinks.slack_text import safe_link, truncate
from tests.sinks.factories import tagged
from tests.support.slack_receiver import payload_problem

HOSTILE = "<!channel> Defense minister meets <@U123>"


def test_one_meeting_header_names_host_and_counterpart_with_flags_roles_event_and_place():
    payload = build_message(tagged("a", counterparts=("CA",), source="yonhap"))
    blocks = payload["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                    "text": "Defense-ministerial meeting: South Korea – Canada"}}
    assert blocks[2]["text"]["text"] == "*Host:* 🇰🇷 *Kim Yong-hyun*, defense minister (South Korea)"
    assert blocks[3]["text"]["text"] == ("*Meeting* with\n🇨🇦 *Minister of CA*, defense minister (Canada)\n"
                                         ":round_pushpin: Seoul Defense Dialogue · Seoul")
    assert blocks[-1]["elements"][0]["text"].startswith("Source: yonhap · Published 2024-11-20 08:00 UTC · "
                                                        "<https://news.example/a|Read the article>")
    assert payload["text"] == "Defense-ministerial meeting: South Korea with Canada — Story a"
    assert payload_problem(payload) is None


def test_several_meetings_of_one_article_are_one_message():
    payload = build_message(tagged("a", counterparts=("CA", "JP", "NATO")))
    sections = [b["text"]["text"] for b in payload["blocks"] if b["type"] == "section"]
    assert payload["blocks"][0]["text"]["text"] == "Defense-ministerial meetings: South Korea – Canada, Japan, NATO"
    assert sum(s.startswith("*Meeting* with") for s in sections) == 3
    assert "🌐 *Minister of NATO*, defense minister (NATO)" in sections[-1]
    assert payload["text"].startswith("Defense-ministerial meetings: South Korea with Canada, Japan and NATO")


def test_hostile_title_and_names_render_escaped_in_the_exact_json():
    article = msgspec.structs.replace(
        tagged("x", title=HOSTILE),
        meetings=[Meeting(participants=[Participant(name="<http://evil|click>", role="<!here> & co", country="KR"),
                                        Participant(name="A & B <b>", role="minister", country="CA")],
                          event="<!everyone>", location="Seoul & <Busan>")])
    raw = json.dumps(build_message(article), ensure_ascii=False)
    for live in ("<!channel>", "<@U123>", "<http://evil|click>", "<!here>", "<!everyone>", "<b>", "<Busan>"):
        assert live not in raw
    assert "&lt;!channel&gt; Defense minister meets &lt;@U123&gt;" in raw
    assert "*&lt;http://evil|click&gt;*, &lt;!here&gt; &amp; co (South Korea)" in raw
    assert "*A &amp; B &lt;b&gt;*" in raw
    assert ":round_pushpin: &lt;!everyone&gt; · Seoul &amp; &lt;Busan&gt;" in raw
    assert '"text": "Defense-ministerial meeting: South Korea with Canada — &lt;!channel&gt; Defense minister' in raw
    # the only live link syntax left is ours, pointing at the article
    assert raw.count("<https://news.example/x|") == 2


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "", None])
def test_links_are_only_made_from_http_urls(url):
    assert safe_link(url, "a <b>") == "a &lt;b&gt;"


def test_link_url_cannot_break_out_of_the_link():
    link = safe_link("https://x.example/a|b>c <!channel>&d=1", "t")
    assert link == "<https://x.example/a%7Cb%3Ec%20%3C!channel%3E&amp;d=1|t>"


def test_truncation_never_splits_an_escape():
    assert truncate("a" * 8 + "&amp;rest", 11) == "a" * 8 + "…"
    assert truncate("short", 10) == "short"


def test_huge_articles_stay_within_slack_limits():
    many = tuple(f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(120))
    article = msgspec.structs.replace(tagged("big", counterparts=many, title="T" * 5000),
                                      meetings=[msgspec.structs.replace(m, event="E" * 4000)
                                                for m in tagged("big", counterparts=many).meetings])
    payload = build_message(article)
    assert payload_problem(payload) is None
    assert len(payload["blocks"]) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in payload["blocks"] if b["type"] == "section")
    assert len(payload["blocks"][0]["text"]["text"]) <= 150
    assert len(json.dumps(payload, ensure_ascii=False)) < 30_000
    assert payload["blocks"][-3]["text"]["text"].startswith("_…and ")
    assert payload["blocks"][-3]["text"]["text"].endswith(" more meetings in the article_")


def test_digest_lists_each_alert_in_order_within_limits():
    items = [(a, a.meetings) for a in (tagged(f"d{i}", counterparts=("CA",), title="<!here>" * 600)
                                       for i in range(MAX_DIGEST_ALERTS))]
    payload = build_digest(items)
    assert payload_problem(payload) is None
    assert payload["blocks"][0]["text"]["text"] == f"Defense-ministerial meetings digest: {MAX_DIGEST_ALERTS} alerts"
    assert "<!here>" not in json.dumps(payload)
    with pytest.raises(ValueError):
        build_digest(items * 2)


_OUR_LINK = re.compile(r"<https://news\.example/[^|<>\s]*\|[^<>]*>")


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=300), name=st.text(max_size=80), place=st.text(max_size=80))
def test_no_untrusted_text_can_open_slack_syntax(title, name, place):
    article = msgspec.structs.replace(
        tagged("f", title=title),
        meetings=[Meeting(participants=[Participant(name=name, role=place, country="KR"),
                                        Participant(name=title, role=name, country="CA")],
                          event=title, location=place)])
    payload = build_message(article)
    assert payload_problem(payload) is None
    texts = [payload["text"]] + [b["text"]["text"] for b in payload["blocks"] if "text" in b]
    texts += [e["text"] for b in payload["blocks"] for e in b.get("elements", [])]
    for text in texts:
        assert "<" not in _OUR_LINK.sub("", text) and ">" not in _OUR_LINK.sub("", text)
