"""Delivery against the real broker and the Slack-like receiver: nothing lost, nothing sent twice,
per-route order, 429 honoured, permanent failures dead-lettered, dead channels disabled."""

from __future__ import annotations

import msgspec
from pydantic import SecretStr

from newswatch.schema import DeadLetter
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.sinks.factories import FakeClock, tagged
from tests.sinks.kafka_helpers import publish, routed_order, titles, with_alert
from tests.support.settle import alert_sink_settled
from tests.support.slack_receiver import Answer
from tests.support.stages import running
from tests.support.topics import read_records, wait_for_count

FAST = {"rate_per_second": 1000.0, "burst": 1000, "retry_initial_seconds": 0.02, "retry_max_seconds": 0.1}


def test_outage_then_recovery_delivers_each_alert_once_in_order(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), **FAST)
    outage = 6
    slack.respond(*[Answer(503, "service_unavailable")] * (outage - 2), Answer(500, "oops"), Answer(502, "bad"))
    stories = [tagged(f"s{i}", counterparts=(c,), minutes=i)
               for i, c in enumerate(("CA", "JP", "FI", "MN", "MY", "CM", "AE", "DE"))]
    publish(kafka, settings, stories, by_id=True)
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="default") == len(stories))
        assert sink.wait_until(lambda: alert_sink_settled(kafka, settings, sink.registry))  # nothing more can go out
    failed = [r for r in slack.requests if r.status != 200]
    assert len(failed) == outage
    assert sorted(titles(slack.accepted)) == sorted(f"s{i}" for i in range(len(stories)))  # each exactly once
    assert titles(slack.accepted) == routed_order(kafka, settings, "default")  # in the route's order
    assert sink.value("newswatch_alert_delivery_retries_total", route="default", reason="http_503") == outage - 2
    assert sink.value("newswatch_alerts_failed_total", route="default", reason="webhook_503") == 0


def test_429_pauses_only_that_route_until_retry_after(settings, kafka, slack):
    clock = FakeClock()
    routes = [
        {"name": "slow", "webhook_url": slack.url, "counterpart_countries": ["CA"]},
        {"name": "fast", "webhook_url": slack.url.replace("/services/", "/services/fast/"),
         "counterpart_countries": ["JP"]},
    ]
    settings = with_alert(settings, routes=routes, **FAST)
    slack.respond(Answer(429, "rate_limited", headers={"Retry-After": "30"}))
    publish(kafka, settings, [tagged("c1", counterparts=("CA",))])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka, clock=clock) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_throttled_total", route="slow",
                                                  reason="retry_after") == 1)
        # Each later fast alert is sent by a dispatch pass that looked at the slow route first (routes
        # are visited in config order) and, at that clock reading, left it paused. Ten days apart:
        # distinct meetings, never merged by the dedup window.
        day = 60 * 24 * 10
        publish(kafka, settings, [tagged("j1", counterparts=("JP",), minutes=1)])
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="fast") == 1)
        publish(kafka, settings, [tagged("j2", counterparts=("JP",), minutes=day)])
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="fast") == 2)
        # real time passed, the clock did not: the slow route stays paused
        assert [r.status for r in slack.requests if "/fast/" not in r.path] == [429]
        clock.advance(29)
        publish(kafka, settings, [tagged("j3", counterparts=("JP",), minutes=2 * day)])
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="fast") == 3)
        assert [r.status for r in slack.requests if "/fast/" not in r.path] == [429]  # 29 s < Retry-After
        clock.advance(2)
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="slow") == 1)
    assert titles(slack.accepted) == ["j1", "j2", "j3", "c1"]


def test_400_lands_on_the_dlq_with_the_body_and_the_next_alert_goes_on(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), **FAST)
    slack.respond(Answer(400, "invalid_payload"))
    publish(kafka, settings, [tagged("bad"), tagged("good", counterparts=("JP",))])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1)
    assert titles(slack.accepted) == ["good"]
    dead = [d for d in read_records(kafka, settings.topics.dlq, DeadLetter)]
    assert [(d.stage, d.error_type) for d in dead] == [("alert", "webhook_400")]
    assert "invalid_payload" in dead[0].error
    assert b'"article_id":"bad"' in dead[0].value
    assert SecretStr(slack.url).get_secret_value() not in dead[0].error
    assert sink.value("newswatch_alerts_failed_total", route="default", reason="webhook_400") == 1


def test_a_route_that_keeps_answering_404_is_disabled_and_loses_nothing(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), disable_after_gone=2, **FAST)
    slack.respond(Answer(404, "channel_not_found"), Answer(410, "channel_is_archived"))
    stories = [tagged(f"g{i}", counterparts=(c,)) for i, c in enumerate(("CA", "JP", "FI", "MN"))]
    publish(kafka, settings, stories)
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alert_route_disabled", route="default") == 1)
        assert sink.wait_until(lambda: len(read_records(kafka, settings.topics.dlq, DeadLetter)) == 4)
    dead = read_records(kafka, settings.topics.dlq, DeadLetter)
    assert sorted(d.error_type for d in dead) == ["route_disabled", "route_disabled", "webhook_404", "webhook_410"]
    assert len(slack.requests) == 2 and not slack.accepted


def test_the_same_meeting_from_three_outlets_is_one_alert(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), **FAST)
    reports = [tagged(f"o{i}", counterparts=("CA", "JP"), source=src, minutes=30 * i)
               for i, src in enumerate(("yonhap", "reuters", "korea-herald"))]
    other = tagged("later", counterparts=("CA", "JP"), minutes=60 * 24 * 10)  # ten days on: a new meeting
    publish(kafka, settings, [*reports, other])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="default")
                               + sink.value("newswatch_alerts_suppressed_total", route="default",
                                            reason="duplicate") == 4)
    assert titles(slack.accepted) == ["o0", "later"]
    assert sink.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate") == 2


def test_crash_after_accept_before_commit_sends_no_duplicate_on_restart(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), **FAST)
    stories = [tagged(f"k{i}", counterparts=(c,)) for i, c in enumerate(("CA", "JP", "FI", "MN", "MY"))]
    publish(kafka, settings, stories)

    class Crash(BaseException):
        pass

    delivered = []

    def crash_on_third(alerts):
        delivered.extend(alerts)
        if len(delivered) == 3:
            raise Crash  # keys are durable, the offsets of k0..k2 are not committed

    try:
        with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka,
                     after_keys=crash_on_third) as first:
            first.thread.join(timeout=60)
    except Crash:
        pass
    order = routed_order(kafka, settings, "default")
    assert titles(slack.accepted) == order[:3]
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as second:
        assert second.wait_until(lambda: second.value("newswatch_alerts_sent_total", route="default") == 2)
        assert second.wait_until(lambda: alert_sink_settled(kafka, settings, second.registry))
    assert titles(slack.accepted) == order
    assert sorted(order) == ["k0", "k1", "k2", "k3", "k4"]
    assert second.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate") >= 1


def test_replayed_records_are_skipped_unless_the_route_takes_them_and_never_resent(settings, kafka, slack):
    routes = [{"name": "live", "webhook_url": slack.url},
              {"name": "archive", "webhook_url": slack.url.replace("/services/", "/services/archive/"),
               "include_replayed": True}]
    settings = with_alert(settings, routes=routes, **FAST)
    original = tagged("r1")
    replay = tagged("r1", replayed=True)
    new_in_replay = tagged("r2", counterparts=("JP",), replayed=True)
    replay_with_alerts = msgspec.structs.replace(tagged("r1", replayed=True), alerts_allowed=True)
    publish(kafka, settings, [original])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: len(slack.accepted) == 2)
        publish(kafka, settings, [replay, new_in_replay, replay_with_alerts])
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_suppressed_total", route="live",
                                                  reason="replayed") == 2)
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="archive") == 2)
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_suppressed_total", route="archive",
                                                  reason="duplicate") == 2)
        # `replay --alerts` lets r1 through to the live route too, where idempotency stops it
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_suppressed_total", route="live",
                                                  reason="duplicate") == 1)
    live = [r.payload for r in slack.requests if "/archive/" not in r.path]
    archive = [r.payload for r in slack.requests if "/archive/" in r.path]
    assert titles(live) == ["r1"]
    assert titles(archive) == ["r1", "r2"]


def test_watch_rules_send_one_article_to_every_matching_route(settings, kafka, slack):
    base = slack.url
    routes = [
        {"name": "korea", "webhook_url": base.replace("/services/", "/services/korea/"), "host_countries": ["KR"]},
        {"name": "japan", "webhook_url": base.replace("/services/", "/services/japan/"),
         "counterpart_countries": ["jp"]},
        {"name": "confident", "webhook_url": base.replace("/services/", "/services/confident/"), "min_score": 0.95},
        {"name": "dialogue", "webhook_url": base.replace("/services/", "/services/dialogue/"),
         "keywords": ["shangri-la"]},
    ]
    settings = with_alert(settings, routes=routes, **FAST)
    publish(kafka, settings, [tagged("both", counterparts=("JP",), score=0.97, event="Shangri-La Dialogue"),
                              tagged("korea-only", counterparts=("CA",), score=0.5),
                              tagged("neither", host="DE", counterparts=("FR",), score=0.5)])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_records_received_total", stage="alert-router") == 3)
        assert slack.wait_for(5, timeout=30)
        assert sink.wait_until(lambda: alert_sink_settled(kafka, settings, sink.registry))
    by_route: dict[str, list[str]] = {}
    for request in slack.requests:
        by_route.setdefault(request.path.split("/")[2], []).extend(titles([request.payload]))
    assert by_route == {"korea": ["both", "korea-only"], "japan": ["both"], "confident": ["both"],
                        "dialogue": ["both"]}


def test_a_burst_beyond_the_rate_becomes_a_digest(settings, kafka, slack):
    clock = FakeClock()
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), rate_per_second=1.0, burst=1,
                          digest_min_queue=3)
    stories = [tagged(f"d{i}", counterparts=(c,), minutes=i) for i, c in enumerate(("CA", "JP", "FI", "MN", "MY"))]
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka, clock=clock) as sink:
        publish(kafka, settings, stories[:1])
        assert sink.wait_until(lambda: len(slack.accepted) == 1)  # the burst token
        publish(kafka, settings, stories[1:])
        assert sink.wait_until(lambda: sink.value("newswatch_alert_queue_depth", route="default") == 4)
        # a dispatch pass saw all four queued and found no token: each queued record is counted as throttled once,
        # by its offset (a rebalance while the group settles reads the queue again: the same records, not counted)
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_throttled_total", route="default",
                                                  reason="rate_limit") == 4)
        assert len(slack.requests) == 1  # no token yet: all four wait
        clock.advance(1.0)
        assert sink.wait_until(lambda: len(slack.accepted) == 2)
        assert sink.wait_until(lambda: alert_sink_settled(kafka, settings, sink.registry))
        assert sink.value("newswatch_alerts_throttled_total", route="default", reason="rate_limit") == 4
    digest = slack.accepted[1]
    assert digest["blocks"][0]["text"]["text"] == "Defense-ministerial meetings digest: 4 alerts"
    assert titles(slack.accepted) == routed_order(kafka, settings, "default")
    assert sorted(titles(slack.accepted)) == ["d0", "d1", "d2", "d3", "d4"]
    assert sink.value("newswatch_alert_messages_sent_total", route="default", kind="digest") == 1
    assert sink.value("newswatch_alerts_sent_total", route="default") == 5


def test_webhook_url_never_appears_in_metrics(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), **FAST)
    publish(kafka, settings, [tagged("m1")])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: len(slack.accepted) == 1)
        from prometheus_client import generate_latest

        exposition = generate_latest(sink.registry).decode()
    assert "XXXXSECRETXXXX" not in exposition and "127.0.0.1" not in exposition
    assert 'route="default"' in exposition
    assert wait_for_count(kafka, settings.alert.topic_names(settings.topics.tagged)[1], 1)
