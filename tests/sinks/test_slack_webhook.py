"""``SlackWebhook`` against the local Slack-like receiver: how each answer is classified."""

from __future__ import annotations

import time
from email.utils import formatdate

import httpx
import pytest
from pydantic import SecretStr

from newswatch.sinks.slack_webhook import SlackWebhook, WebhookRejected, WebhookRetryable
from tests.support.slack_receiver import Answer, SlackReceiver

PAYLOAD = {"text": "hello", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hello"}}]}


@pytest.fixture
def hook():
    with SlackReceiver() as receiver, httpx.Client(timeout=5) as client:
        yield receiver, SlackWebhook(SecretStr(receiver.url), client)


def test_retry_after_as_an_http_date_is_honoured(hook):
    """Regression: the webhook read only delta-seconds, so an HTTP-date Retry-After became 1 s."""
    receiver, webhook = hook
    receiver.respond(Answer(429, "rate_limited", headers={"Retry-After": formatdate(time.time() + 120, usegmt=True)}))
    with pytest.raises(WebhookRetryable) as raised:
        webhook.post(PAYLOAD)
    assert raised.value.reason == "rate_limited"
    assert 100 <= raised.value.retry_after <= 120


def test_retry_after_in_seconds_and_missing(hook):
    receiver, webhook = hook
    receiver.respond(Answer(429, "rate_limited", headers={"Retry-After": "7"}), Answer(429, "rate_limited"))
    with pytest.raises(WebhookRetryable) as first:
        webhook.post(PAYLOAD)
    with pytest.raises(WebhookRetryable) as second:
        webhook.post(PAYLOAD)
    assert (first.value.retry_after, second.value.retry_after) == (7.0, 1.0)


def test_a_revoked_channel_is_rejected_for_good(hook):
    receiver, webhook = hook
    receiver.respond(Answer(404, "no_service"))
    with pytest.raises(WebhookRejected) as raised:
        webhook.post(PAYLOAD)
    assert raised.value.error_type == "webhook_404"
    webhook.post(PAYLOAD)  # the script is used up: the receiver accepts again
    assert receiver.accepted[-1] == PAYLOAD
