"""The foundation's promise: the seed, served as a feed on loopback, becomes exactly one Slack
message through a real Kafka broker, and every stage's counters move accordingly."""

from __future__ import annotations

import threading

from prometheus_client import CollectorRegistry
from pydantic import SecretStr

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.demo import serve_folder
from newswatch.processors.run import run_processor
from newswatch.schema import TaggedArticle
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.conftest import SEEDS
from tests.support.slack_receiver import payload_problem
from tests.support.stages import running
from tests.support.topics import read_records

SEED_COUNTERPARTS = ["AE", "CA", "CM", "FI", "JP", "MN", "MY", "NATO"]


def test_seed_feed_to_one_slack_message(settings, kafka, slack, tagger):
    settings = settings.model_copy(update={"alert": settings.alert.model_copy(
        update={"webhook_url": SecretStr(slack.url)})})
    collector_registry = CollectorRegistry()
    with serve_folder(SEEDS) as base, \
            running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as processor, \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as alert:
        stats = run_collector(settings.collector, settings.topics, kafka, stop=threading.Event(),
                              registry=collector_registry,
                              feeds=[FeedConfig(url=f"{base}/feed.xml", name="seeds")], once=True)
        assert (stats.new, stats.errors) == (1, 0)
        assert alert.wait_until(lambda: alert.value("newswatch_records_received_total", stage="alert") >= 1)
        assert slack.wait_for(1, timeout=30)

    tagged = read_records(kafka, settings.topics.tagged, TaggedArticle)
    assert len(tagged) == 1
    assert tagged[0].host_country == "KR"
    assert tagged[0].counterpart_countries == SEED_COUNTERPARTS
    assert "US" not in tagged[0].counterpart_countries

    assert len(slack.requests) == 1 and slack.requests[0].status == 200
    message = slack.accepted[0]
    assert payload_problem(message) is None
    assert message["blocks"][0]["text"]["text"].startswith("Defense-ministerial meetings: South Korea – ")
    for name in ("Cameroon", "Canada", "Finland", "Japan", "Malaysia", "Mongolia", "NATO", "United Arab Emirates"):
        assert name in message["text"]
    assert "United States" not in message["text"]

    assert collector_registry.get_sample_value("newswatch_records_sent_total", {"stage": "collector"}) == 1
    assert processor.value("newswatch_records_received_total", stage="processor") == 1
    assert processor.value("newswatch_records_sent_total", stage="processor") == 1
    assert alert.value("newswatch_records_sent_total", stage="alert") == 1
    assert processor.value("newswatch_dlq_records_total", stage="processor") == 0
