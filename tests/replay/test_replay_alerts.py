"""Replays and the Slack channel: a default replay sends nothing; ``--alerts`` sends only meetings the
alert sink never sent before (its durable per-meeting keys suppress the rest)."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

from prometheus_client import CollectorRegistry
from pydantic import SecretStr

from newswatch.processors.replay import ReplayRequest, ReplayWindow, run_replay
from newswatch.processors.run import run_processor
from newswatch.sinks.meeting_keys import signature
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.replay.helpers import days_ago, dev_articles, publish, tagged
from tests.support.settle import alert_sink_settled
from tests.support.stages import running

FAST = {"rate_per_second": 1000.0, "burst": 1000, "retry_initial_seconds": 0.02, "retry_max_seconds": 0.1}


def _with_webhook(settings, url: str):
    merged = {**settings.alert.model_dump(), "webhook_url": SecretStr(url), **FAST}
    return settings.model_copy(update={"alert": type(settings.alert).model_validate(merged)})


def _distinct_meetings(tagger, count: int):
    """Meeting articles whose meetings share no (host, counterparts) signature: each is its own alert."""
    chosen, seen = [], set()
    for article, is_meeting in dev_articles():
        result = tagger.tag(article)
        if not (is_meeting and result.is_defense_ministerial_meeting and result.meetings):
            continue
        signatures = {signature(m, result) for m in result.meetings}
        if signatures & seen:
            continue
        seen |= signatures
        chosen.append(article)
        if len(chosen) == count:
            return chosen
    raise AssertionError("the dev set has too few distinct meetings")


def _mentions(payloads, article) -> bool:
    return any(article.url in json.dumps(p) for p in payloads)


def test_default_replay_is_silent_and_alerts_replay_sends_only_new_meetings(settings, kafka, slack, tagger):
    settings = _with_webhook(settings, slack.url)
    meetings = _distinct_meetings(tagger, 5)
    alerted, never_alerted = meetings[:3], meetings[3:]
    day = days_ago(2)
    publish(kafka, settings.topics.articles, [(a, day + timedelta(hours=i)) for i, a in enumerate(alerted)])

    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        # Live: the first three are tagged and alerted once each.
        with running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as processor:
            assert processor.wait_until(lambda: processor.value("newswatch_records_sent_total",
                                                                stage="processor") == 3)
        assert slack.wait_for(3, timeout=60)
        assert all(_mentions(slack.accepted, a) for a in alerted)
        # Two more meeting stories arrive by backfill, without the live processor.
        publish(kafka, settings.topics.articles,
                [(a, day + timedelta(hours=5 + i)) for i, a in enumerate(never_alerted)])

        window = ReplayWindow(topic=settings.topics.articles, since=day, until=day + timedelta(days=1))
        request = ReplayRequest(window=window, output_topic=settings.topics.tagged)
        silent = run_replay(settings.processor, settings.topics, kafka, request, stop=threading.Event(),
                            registry=CollectorRegistry(),
                            tagger=tagger)
        assert (silent.tagged, silent.meetings) == (5, 5)
        # ">=": a rebalance under load may hand the router a record twice; the Slack side must not change.
        assert sink.wait_until(lambda: sink.value("newswatch_records_received_total", stage="alert-router") >= 8)
        # no wrong alert can still arrive once the sink committed all its input and is idle
        assert sink.wait_until(lambda: alert_sink_settled(kafka, settings, sink.registry))
        assert len(slack.requests) == 3

        loud = run_replay(settings.processor, settings.topics, kafka, ReplayRequest(window=window,
                                                                                    output_topic=settings.topics.tagged,
                                                         alerts=True),
                          stop=threading.Event(), registry=CollectorRegistry(), tagger=tagger)
        assert loud.group != silent.group and loud.tagged == 5
        assert sink.wait_until(lambda: sink.value("newswatch_records_received_total", stage="alert-router") >= 13)
        assert slack.wait_for(5, timeout=60)
        assert sink.wait_until(lambda: alert_sink_settled(kafka, settings, sink.registry))

    assert len(slack.requests) == 5
    new = slack.accepted[3:]
    assert all(_mentions(new, a) for a in never_alerted)
    assert not any(_mentions(new, a) for a in alerted)
    out = tagged(kafka, settings.topics.tagged)
    assert sum(t.replayed and t.alerts_allowed for t in out) == 5
