"""`newswatch alert` as a real process, SIGKILLed mid-batch and restarted: nothing lost, nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

from newswatch.settings import Settings
from tests.sinks.factories import tagged
from tests.sinks.kafka_helpers import publish, routed_order, titles
from tests.support.processes import StageProcess, topic_env, wait_until
from tests.support.settle import inputs_of_alert_sink, scraped_in_flight, settled
from tests.support.slack_receiver import Answer


def start_sink(settings: Settings, url: str, name: str, workdir: Path) -> StageProcess:
    env = {
        **topic_env(settings),
        "NEWSWATCH_ALERT__ROUTES": json.dumps([{"name": "desk", "webhook_url_env": "DESK_WEBHOOK"}]),
        "DESK_WEBHOOK": url, "NEWSWATCH_ALERT__RATE_PER_SECOND": "1000", "NEWSWATCH_ALERT__BURST": "1000",
        "NEWSWATCH_ALERT__RETRY_INITIAL_SECONDS": "0.05", "NEWSWATCH_ALERT__RETRY_MAX_SECONDS": "0.2",
        "NEWSWATCH_METRICS__ALERT_PORT": "0",
        # the killed member leaves the group after 10 s instead of the client default 45 s
        "NEWSWATCH_KAFKA__SESSION_TIMEOUT_MS": "10000",
    }
    return StageProcess(name, settings.kafka.bootstrap_servers or "", ["alert"], env, workdir)


def test_sigkill_mid_batch_then_restart_sends_each_alert_exactly_once(settings, kafka, slack, tmp_path):
    stories = [tagged(f"p{i}", counterparts=(c,), minutes=i)
               for i, c in enumerate(("CA", "JP", "FI", "MN", "MY", "CM"))]
    accepted_before_kill = 3
    slack.respond(*[Answer()] * accepted_before_kill, *[Answer(503, "unavailable")] * 1000)
    publish(kafka, settings, stories)
    first = start_sink(settings, slack.url, "alert-first", tmp_path)
    try:
        # the kill lands at an observed point: the 4th message is being refused, so the keys of the
        # first three are durable by now
        wait_until(lambda: len(slack.requests) > accepted_before_kill, 90, interval=0.05,
                   what="the sink to get going")
    finally:
        first.kill()
    assert "XXXXSECRETXXXX" not in first.log_text()  # the webhook URL never reaches the logs
    slack.clear_script()
    second = start_sink(settings, slack.url, "alert-second", tmp_path)
    try:
        url = second.metrics_url()
        wait_until(lambda: len(slack.accepted) == len(stories), 90, interval=0.05, what=f"{slack.requests}")
        # a duplicate could only come from input not yet finished: wait until there is none
        wait_until(settled(kafka, inputs_of_alert_sink(settings), lambda: scraped_in_flight(url) <= 0), 60,
                   what="the sink to commit everything and go idle")
    finally:
        code = second.terminate()
    assert code == 0, second.log_text()[-2000:]
    assert titles(slack.accepted) == routed_order(kafka, settings, "desk")
    assert sorted(titles(slack.accepted)) == sorted(s.article_id for s in stories)
