"""The dashboard shows data: a real Prometheus scrapes the pipeline running on seeds/ and every PromQL
expression in the committed dashboard JSON returns at least one number.

The run exercises what the panels watch: the seed feed (collected, tagged, alerted, counted by the
metrics sink), a feed that answers 404 (fetch errors), a feed polled every second (304 Not Modified,
then a story published after the first poll: detection delay),
a poison record (DLQ), a replayed meeting (suppressed), a webhook that first answers 429 then 503
(throttling, retries), and a second route whose channel is gone (failures).
"""

from __future__ import annotations

import math
import os
import time
from email.utils import formatdate

import pytest
from pydantic import SecretStr

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.demo import serve_folder
from newswatch.metrics import serve
from newswatch.processors.resolve_meetings.run import run_meeting_resolver
from newswatch.processors.run import run_processor
from newswatch.schema import Meeting, Participant, TaggedArticle, encode
from newswatch.sinks.config import RouteConfig
from newswatch.sinks.metrics_run import run_metrics_sink
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.conftest import SEEDS
from tests.support.dashboard import ROOT, expressions
from tests.support.prometheus_server import loopback_config, running_prometheus
from tests.support.slack_receiver import Answer
from tests.support.stages import StageThread, running
from tests.support.topics import produce

pytestmark = pytest.mark.prometheus

REPLAYED = TaggedArticle(
    article_id="replayed-1", url="https://example.org/replayed", title="replayed meeting", score=0.9,
    is_defense_ministerial_meeting=True, host_country="JP", counterpart_countries=["AU"], replayed=True,
    meetings=[Meeting(participants=[Participant(name="a", country="JP"), Participant(name="b", country="AU")])])


def without_data(prometheus) -> list[str]:  # noqa: ANN001
    """Every dashboard expression that returns no number (NaN counts as none)."""
    empty = []
    for title, expr in expressions():
        result = prometheus.query(expr)
        if not any(not math.isnan(float(r["value"][1])) for r in result):
            empty.append(f"{title}: {expr} -> {result}")
    return empty


def test_every_dashboard_expression_returns_data(settings, kafka, slack, tagger, tmp_path):
    slack.respond(Answer(429, "rate_limited", headers={"Retry-After": "1"}), Answer(503, "unavailable"))
    routes = (RouteConfig(name="default", webhook_url=SecretStr(slack.url)),
              # a channel that is gone: the receiver answers 404 outside /services/
              RouteConfig(name="archived", webhook_url=SecretStr(slack.url.split("/services/")[0] + "/gone")))
    settings = settings.model_copy(update={
        "alert": settings.alert.model_copy(update={"routes": routes, "retry_initial_seconds": 0.1}),
        "collector": settings.collector.model_copy(update={"interval_seconds": 1.0,
                                                           "allow_networks": ("127.0.0.0/8",)}),
        "metrics_sink": settings.metrics_sink.model_copy(update={"lag_interval_seconds": 0.5,
                                                                 "lag_group_prefixes": ()}),
    })
    feeds_dir = tmp_path / "feeds"
    feeds_dir.mkdir()
    seed_feed = (SEEDS / "feed.xml").read_text(encoding="utf-8")
    (feeds_dir / "feed.xml").write_text(seed_feed, encoding="utf-8")
    # The same items without <ttl>: polled every second, answered 304 once the collector has its
    # Last-Modified (the seed's 5-minute TTL keeps the collector away for the rest of the test).
    (feeds_dir / "no-ttl.xml").write_text(seed_feed.replace("<ttl>5</ttl>", ""), encoding="utf-8")
    with serve_folder(feeds_dir) as base, \
            running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as processor, \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as alert, \
            running(run_metrics_sink, **stage_arguments(settings, "metrics_sink"), kafka=kafka) as sink, \
            running(run_meeting_resolver, **stage_arguments(settings, "resolver"), kafka=kafka) as resolver:
        feeds = [FeedConfig(url=f"{base}/feed.xml", name="seeds"), FeedConfig(url=f"{base}/no-ttl.xml", name="again"),
                 FeedConfig(url=f"{base}/gone.xml", name="gone")]
        collector = StageThread(run_collector, **stage_arguments(settings, "collector"), kafka=kafka,
                                feeds=feeds)  # started below
        try:
            stages = {"newswatch-collector": collector, "newswatch-processor": processor,
                      "newswatch-alert": alert, "newswatch-metrics-sink": sink, "newswatch-resolver": resolver}
            servers = {job: serve(stage.registry) for job, stage in stages.items()}
            try:
                config = loopback_config(ROOT / "deploy/prometheus/prometheus.yml",
                                         {job: f"127.0.0.1:{s.port}" for job, s in servers.items()})
                with running_prometheus(config, tmp_path / "prometheus") as prometheus:
                    prometheus.wait(lambda: set(prometheus.targets_up().values()) == {"up"},
                                    what="every target scraped")
                    collector.thread.start()  # after the first scrape, so rates and quantiles see the change
                    # a story published after the collector's first look: its detection delay is measured
                    assert collector.wait_until(
                        lambda: collector.value("newswatch_collector_fetches_total", status_class="2xx") >= 2)
                    fresh = (f"<item><title>Fresh</title><link>https://example.org/fresh</link>"
                             f"<pubDate>{formatdate(time.time() + 2, usegmt=True)}</pubDate></item>")  # whole seconds
                    again, draft = feeds_dir / "no-ttl.xml", tmp_path / "no-ttl.xml.draft"
                    draft.write_text(again.read_text(encoding="utf-8").replace("<item>", fresh + "<item>", 1),
                                     encoding="utf-8")
                    os.utime(draft, (time.time() + 2, time.time() + 2))  # a Last-Modified after the last poll's
                    # Swapped in whole: a poll that read a half-written file once claimed 'Fresh' without its
                    # pubDate, so the full copy a second later was a duplicate with no delay to measure.
                    os.replace(draft, again)
                    assert collector.wait_until(lambda: collector.value(
                        "newswatch_collector_detection_delay_seconds_count", feed="again") >= 1)
                    produce(kafka, settings.topics.articles, [b"\xff not an article"])
                    produce(kafka, settings.topics.tagged, [encode(REPLAYED)])  # suppressed, not re-alerted
                    assert alert.wait_until(lambda: alert.value("newswatch_records_sent_total", stage="alert") >= 1)
                    assert sink.wait_until(
                        lambda: sink.value("newswatch_articles_tagged_total", outcome="meeting") >= 1)
                    assert processor.wait_until(
                        lambda: processor.value("newswatch_dlq_records_total", stage="processor") >= 1)
                    assert resolver.wait_until(lambda: resolver.value("newswatch_meetings_total", status="held") >= 1)
                    empty = without_data(prometheus)
                    deadline = time.monotonic() + 45  # a few scrapes for the last events to show
                    while empty and time.monotonic() < deadline:
                        time.sleep(1.0)
                        empty = without_data(prometheus)
                    assert not empty, "dashboard queries without data:\n" + "\n".join(empty)
            finally:
                for server in servers.values():
                    server.close()
        finally:
            collector.stop.set()
            if collector.thread.is_alive():
                collector.thread.join(timeout=60)
        assert collector.error is None, collector.error
    assert slack.requests[0].status == 429
    assert len([r for r in slack.requests if r.path.startswith("/services/") and r.status == 200]) == 1
