"""A webhook URL and a SASL password never appear in a process's logs (JSON, DEBUG level) or on its
``/metrics`` page, whatever happens: deliveries that fail, retries, a broker that refuses the login."""

from __future__ import annotations

import json
import re

import httpx

from newswatch.schema import Meeting, Participant, TaggedArticle, encode
from tests.support.processes import StageProcess, topic_env, wait_until
from tests.support.slack_receiver import Answer, SlackReceiver
from tests.support.topics import produce

TOKEN = "XXXXSECRETXXXX"  # the credential part of SlackReceiver.url
PASSWORD = "sasl-pw-0f-the-cluster"


def _meeting(i: int) -> bytes:
    """A distinct meeting each (another counterpart), so none is merged as "reported twice"."""
    other = ("CA", "JP", "FI")[i]
    host = Participant(name="Kim Yong-hyun", role="defense minister", country="KR")
    guest = Participant(name="A. Minister", role="defence minister", country=other)
    return encode(TaggedArticle(
        article_id=f"secret-{i}", url=f"https://news.example/secret/{i}", title=f"Korea meets {other}",
        is_defense_ministerial_meeting=True, score=0.9, host_country="KR", counterpart_countries=[other],
        meetings=[Meeting(participants=[host, guest], kind="in-person", location="Seoul", event=None)],
        tagger_version="test", source="wire.example"))


def _env(settings) -> dict[str, str]:
    return {**topic_env(settings), "NEWSWATCH_METRICS__ALERT_PORT": "0", "NEWSWATCH_METRICS__PROCESSOR_PORT": "0"}


def test_webhook_url_stays_out_of_logs_and_metrics(settings, kafka, tmp_path):
    with SlackReceiver() as slack:
        # a rejection, two server errors, then acceptance: every failure path logs something
        slack.respond(Answer(500, "internal_error"), Answer(503, "unavailable"))
        env = {**_env(settings), "NEWSWATCH_ALERT__WEBHOOK_URL": slack.url}
        alert = StageProcess("alert", kafka.bootstrap, ["--log-level", "DEBUG", "alert"], env, tmp_path)
        try:
            url = alert.metrics_url()
            produce(kafka, settings.topics.tagged, [_meeting(i) for i in range(3)])
            # one message each, or a digest of them: count the article links that got through
            wait_until(lambda: len(set(re.findall(r"news\.example/secret/\d", json.dumps(slack.accepted)))) == 3,
                       120, what="three alerts accepted")
            metrics = httpx.get(url, timeout=5).text
        finally:
            code = alert.terminate()
    log = alert.log_text()
    assert code == 0, log[-3000:]
    assert sum(1 for r in slack.requests if r.status >= 500) == 2
    assert "newswatch_" in metrics
    for secret in (slack.url, TOKEN, "/services/T000/B000"):
        assert secret not in log
        assert secret not in metrics
    # the log is structured: one JSON object per line (the metrics URL line is plain text for people)
    events = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert events and all("level" in e and "msg" in e for e in events)
    assert any(e["level"] == "warning" for e in events), "the failed deliveries were logged"


def test_sasl_password_stays_out_of_logs_when_the_login_fails(settings, kafka, tmp_path):
    secret_file = tmp_path / "kafka-password"
    secret_file.write_text(PASSWORD + "\n")
    env = {**_env(settings), "NEWSWATCH_KAFKA__SECURITY_PROTOCOL": "SASL_PLAINTEXT",
           "NEWSWATCH_KAFKA__SASL_MECHANISM": "SCRAM-SHA-512", "NEWSWATCH_KAFKA__SASL_USERNAME": "newswatch",
           "NEWSWATCH_KAFKA__SASL_PASSWORD_FILE": str(secret_file),
           "NEWSWATCH_KAFKA__CONNECT_TIMEOUT_SECONDS": "3"}
    # the test broker speaks PLAINTEXT only: the SASL handshake is refused
    proc = StageProcess("processor", kafka.bootstrap, ["--log-level", "DEBUG", "process"], env, tmp_path)
    code = proc.wait(timeout=120)
    log = proc.log_text()
    assert code != 0
    assert "cannot reach Kafka" in log or "error" in log.lower()
    assert PASSWORD not in log
    assert "Traceback" not in log

