"""`newswatch alert` as a real process, SIGKILLed mid-batch and restarted: nothing lost, nothing twice."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.sinks.factories import tagged
from tests.sinks.kafka_helpers import publish, routed_order, titles
from tests.support.processes import stage_env, topic_env
from tests.support.slack_receiver import Answer


def start_sink(settings, url: str) -> subprocess.Popen:
    env = stage_env({
        **topic_env(settings),
        "NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS": settings.kafka.bootstrap_servers,
        "NEWSWATCH_ALERT__ROUTES": json.dumps([{"name": "desk", "webhook_url_env": "DESK_WEBHOOK"}]),
        "DESK_WEBHOOK": url, "NEWSWATCH_ALERT__RATE_PER_SECOND": "1000", "NEWSWATCH_ALERT__BURST": "1000",
        "NEWSWATCH_ALERT__RETRY_INITIAL_SECONDS": "0.05", "NEWSWATCH_ALERT__RETRY_MAX_SECONDS": "0.2",
        "NEWSWATCH_METRICS__ALERT_PORT": "0",
    })
    return subprocess.Popen([sys.executable, "-m", "newswatch", "alert"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait(predicate, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_sigkill_mid_batch_then_restart_sends_each_alert_exactly_once(settings, kafka, slack):
    stories = [tagged(f"p{i}", counterparts=(c,), minutes=i)
               for i, c in enumerate(("CA", "JP", "FI", "MN", "MY", "CM"))]
    accepted_before_kill = 3
    slack.respond(*[Answer()] * accepted_before_kill, *[Answer(503, "unavailable")] * 1000)
    publish(kafka, settings, stories)
    first = start_sink(settings, slack.url)
    try:
        # the 4th message is being refused: keys of the first three are durable by now
        assert wait(lambda: len(slack.requests) > accepted_before_kill), "the sink never got going"
    finally:
        first.send_signal(signal.SIGKILL)
        _, stderr = first.communicate(timeout=30)
    assert "XXXXSECRETXXXX" not in stderr  # the webhook URL never reaches the logs
    slack.clear_script()
    second = start_sink(settings, slack.url)
    try:
        assert wait(lambda: len(slack.accepted) == len(stories)), slack.requests
        time.sleep(1.0)  # a duplicate would arrive now
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=60)
    assert second.returncode == 0
    assert titles(slack.accepted) == routed_order(kafka, settings, "desk")
    assert sorted(titles(slack.accepted)) == sorted(s.article_id for s in stories)
