"""Scenario 3: the Slack webhook is down for a while, then back. Every alert is delivered exactly once,
and each route receives its alerts in the order they were routed.

"Down for a minute" is scaled to ~24 s to keep the suite short; what matters is that the outage
outlasts every retry back-off of the delivery step and spans both failure kinds: 12 s of
``503 service_unavailable`` answers, then 12 s of connection refused (receiver stopped), then the
receiver comes back on the same port. Articles keep arriving before, during and after.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from newswatch.schema import Alert, encode
from tests.support.corpus import COUNTRIES, article_stream
from tests.support.processes import wait_until
from tests.support.settle import inputs_of_pipeline, scraped_in_flight, settled
from tests.support.slack_receiver import Answer, SlackReceiver
from tests.support.topics import read_all

pytestmark = pytest.mark.faults

OUTAGE_503_SECONDS = 12.0
OUTAGE_REFUSED_SECONDS = 12.0
EUROPE = ["DE", "PL", "FR", "IT", "ES", "NO", "SE", "FI", "DK", "GR", "PT", "AT", "HU", "RO"]
URL = re.compile(r"https://news\.example/[\w/-]+")


def urls_in(payload: object) -> list[str]:
    """Article links in one Slack payload, in order, each once (a message links its article twice)."""
    return list(dict.fromkeys(URL.findall(json.dumps(payload))))


def publish_over(kafka, topic: str, articles, seconds: float) -> None:
    producer = kafka.producer()
    started = time.monotonic()
    for i, article in enumerate(articles):
        ahead = started + i * seconds / max(1, len(articles)) - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
        producer.send(topic, key=article.id.encode(), value=encode(article))
    producer.flush()
    producer.close()


def test_webhook_outage_then_recovery_delivers_every_alert_once_in_route_order(pipeline):
    kafka, s = pipeline.kafka, pipeline.settings
    assert {code for _name, code, _city in COUNTRIES} > set(EUROPE)
    rest = sorted({code for _n, code, _c in COUNTRIES} - set(EUROPE))
    # One stream, cut in four: every meeting is a distinct pair of countries, so none is merged with
    # another as "the same meeting from another outlet".
    stream, truth = article_stream(480, prefix="outage", defense_share=0.25,
                                   start=datetime.now(UTC) - timedelta(hours=1))
    phases = {name: stream[i * 120:(i + 1) * 120] for i, name in enumerate(("before", "during503", "refused", "after"))}
    expected = {a.url for a in stream if a.id in truth.meetings}

    first = SlackReceiver().__enter__()
    port = first.port
    base = f"http://127.0.0.1:{port}/services/T000/B000"
    routes = [{"name": "europe", "webhook_url": f"{base}/EUROPE", "host_countries": EUROPE},
              {"name": "world", "webhook_url": f"{base}/WORLD", "host_countries": rest}]
    env = {"NEWSWATCH_ALERT__ROUTES": json.dumps(routes), "NEWSWATCH_ALERT__RATE_PER_SECOND": "50",
           "NEWSWATCH_ALERT__BURST": "20"}
    second: SlackReceiver | None = None
    try:
        processor = pipeline.start("processor", "process")
        alert = pipeline.start("alert", "alert", **env)
        alert_url = alert.metrics_url()

        publish_over(kafka, s.topics.articles, phases["before"], 4)
        before = {a.url for a in phases["before"] if a.id in truth.meetings}
        wait_until(lambda: before <= {u for p in first.accepted for u in urls_in(p)}, 90,
                   what="the alerts before the outage")

        first.outage = Answer(503, "service_unavailable")
        publish_over(kafka, s.topics.articles, phases["during503"], OUTAGE_503_SECONDS)
        first.__exit__(None, None, None)  # connection refused from now on
        publish_over(kafka, s.topics.articles, phases["refused"], OUTAGE_REFUSED_SECONDS)
        refused_503 = sum(1 for r in first.requests if r.status == 503)

        second = SlackReceiver(port=port).__enter__()
        publish_over(kafka, s.topics.articles, phases["after"], 4)
        delivered = lambda: [u for r in (first, second) for p in r.accepted for u in urls_in(p)]  # noqa: E731
        wait_until(lambda: expected <= set(delivered()), 180, what="every alert after the outage")
        # a wrong second delivery could only come from unfinished input: wait until there is none
        wait_until(settled(kafka, inputs_of_pipeline(s), lambda: scraped_in_flight(alert_url) <= 0), 60,
                   what="every stage to commit all its input and the sink to go idle")
        assert processor.terminate() == 0 and alert.terminate() == 0, alert.log_text()[-3000:]
    finally:
        first.__exit__(None, None, None)
        if second is not None:
            second.__exit__(None, None, None)

    assert refused_503 > 0, "the outage must have been hit"
    urls = delivered()
    assert sorted(urls) == sorted(expected)  # every meeting once: none lost, none twice

    # Per-route order: what each route received is what the router put on its partition, in order.
    alerts_topic, _keys = s.alert.topic_names(s.topics.tagged)
    routed: dict[str, list[str]] = {"europe": [], "world": []}
    for record in read_all(kafka, alerts_topic):
        alert_record = msgspec.json.decode(record.value, type=Alert)
        if alert_record.article.url not in routed[alert_record.route]:
            routed[alert_record.route].append(alert_record.article.url)
    for route, path in (("europe", "/EUROPE"), ("world", "/WORLD")):
        got = [u for r in (first, second) for q in r.requests if q.status == 200 and q.path.endswith(path)
               for u in urls_in(q.payload)]
        assert got == routed[route], route
        assert got, f"route {route} got nothing"
