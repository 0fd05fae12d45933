"""Sinks count and show only meetings that took place; each shown meeting quotes its evidence sentence.

The tagger also reports planned, postponed, cancelled and denied meetings (for the meeting
resolver, issue 16); an alert or a metric that counted them would announce meetings that never
happened.
"""

from __future__ import annotations

import msgspec
from prometheus_client import CollectorRegistry

from newswatch.metrics import BusinessMetrics
from newswatch.schema import Evidence, Meeting, Participant
from newswatch.sinks.config import RouteConfig
from newswatch.sinks.prometheus import record_tagged
from newswatch.sinks.slack_message import EVIDENCE_LIMIT, build_message
from newswatch.sinks.watch_rules import matches
from tests.sinks.factories import tagged

PLANNED = Meeting(
    participants=[Participant(name="Kim Yong-hyun", country="KR"), Participant(name="Nobody Known", country=None)],
    status="planned",
    evidence=[Evidence(text="Kim will meet Nobody Known next week.", start=0, end=37)],
)


def with_planned(article_id: str = "a1"):
    base = tagged(article_id, counterparts=("CA",))
    return msgspec.structs.replace(base, meetings=[*base.meetings, PLANNED])


def test_message_lists_held_meetings_only():
    message = json_text(build_message(with_planned()))
    assert "Minister of CA" in message
    assert "Nobody Known" not in message


def test_metrics_count_participants_of_held_meetings_only():
    registry = CollectorRegistry()
    record_tagged(BusinessMetrics(registry), with_planned())
    assert registry.get_sample_value("newswatch_country_unresolved_total", {"field": "participant"}) == 0
    assert registry.get_sample_value(
        "newswatch_meetings_detected_total", {"host_country": "KR", "counterpart_country": "CA"}) == 1


def test_watch_keywords_ignore_a_planned_meeting():
    route = RouteConfig(name="r", keywords=("Nobody Known",))
    assert not matches(route, with_planned())


def test_evidence_sentence_is_quoted_escaped_and_truncated():
    sentence = "Kim met <!channel> Blair & agreed " + "on cooperation " * 40
    base = tagged("e1")
    held = msgspec.structs.replace(base.meetings[0], evidence=[Evidence(text=sentence, start=5, end=5 + len(sentence))])
    text = json_text(build_message(msgspec.structs.replace(base, meetings=[held])))
    quote = next(line for line in text.split("\n") if line.startswith("> _"))
    assert "&lt;!channel&gt;" in quote and "<!channel>" not in quote and "&amp;" in quote
    assert quote.endswith("…_") and len(quote) <= EVIDENCE_LIMIT + len("> __")


def json_text(message: dict) -> str:
    return "\n".join(block["text"]["text"] for block in message["blocks"] if "text" in block)
