"""`newswatch run` as a real process: all three stages, one alert for the seed, clean exit on SIGTERM."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time

import msgspec

from newswatch.schema import TaggedArticle
from newswatch.sinks.meeting_store.database import Database
from tests.conftest import SEEDS
from tests.sinks.kafka_helpers import with_alert
from tests.support.processes import stage_env, topic_env, wait_until
from tests.support.settle import inputs_of_pipeline, scraped_in_flight, settled
from tests.support.timing import scaled
from tests.support.topics import wait_for_count


def wait_for_meetings(url: str, count: int, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db = Database(url)
        try:
            if db.query("SELECT count(*) AS n FROM meetings")[0]["n"] >= count:
                return True
        except sqlite3.OperationalError:  # not created yet
            pass
        finally:
            db.close()
        time.sleep(0.3)
    return False


def test_run_delivers_the_seed_alert_and_stops_on_sigterm(settings, kafka, slack, tmp_path):
    settings = with_alert(settings, source="meetings")  # as `newswatch run` runs: alerts on meeting records
    config = tmp_path / "newswatch.toml"
    config.write_text(
        f'[[collector.feeds]]\nurl = "{SEEDS / "feed.xml"}"\nname = "seeds"\n'
        "[metrics]\ncollector_port = 0\nprocessor_port = 0\nalert_port = 0\nmetrics_sink_port = 0\n"
        "resolver_port = 0\nmeeting_store_port = 0\n"
    )
    env = stage_env({
        **topic_env(settings),
        "NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS": kafka.bootstrap,
        "NEWSWATCH_METRICS_SINK__GROUP": f"{settings.alert.group}-metrics-sink",
        "NEWSWATCH_ALERT__WEBHOOK_URL": slack.url,
    })
    log = tmp_path / "run.log"
    with open(log, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "--log-format", "json",
                                 "run"], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        assert slack.wait_for(1, timeout=120), "no alert reached the receiver"
        # the seed's eight meetings reach the meeting store (the SQLite default, in the test's folder)
        assert wait_for_meetings(settings.meeting_store.url.get_secret_value(), 8), "the meeting store stayed empty"
        urls = re.findall(r"metrics: (http://\S+/metrics)", log.read_text())
        assert len(urls) == 6  # all served before any stage starts

        def idle() -> bool:  # only the alert sink's registry has alert counters; the others add 0
            return sum(scraped_in_flight(url) for url in urls) <= 0

        # nothing more can arrive once every stage committed all its input and the sink is idle
        wait_until(settled(kafka, inputs_of_pipeline(settings), idle), 60, what="the pipeline to settle")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=scaled(60))
    finally:
        if proc.poll() is None:
            proc.kill()
    err = log.read_text()
    assert proc.returncode == 0, err[-2000:]
    assert len(slack.requests) == 1
    # collector, processor, alert, metrics sink, meeting resolver and meeting store
    assert err.count("metrics: http://127.0.0.1:") == 6
    assert slack.url.rsplit("/", 1)[1] not in err  # the webhook secret never reaches the logs
    # the tagged topic holds what the settled pipeline wrote (a busy machine can be slow to read it back)
    records = wait_for_count(kafka, settings.topics.tagged, 1)
    tagged = [msgspec.json.decode(r.value, type=TaggedArticle) for r in records]
    assert [t.host_country for t in tagged] == ["KR"]
