"""POST a payload to a Slack incoming webhook and classify the answer.

Slack answers 200 ``ok``; 400 ``invalid_payload``; 403/404/410 for a revoked or archived
channel; 429 with ``Retry-After`` when rate-limited; 5xx when it is having a bad day.
The webhook URL is a secret: it never appears in an exception message or a log line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
from pydantic import SecretStr

from newswatch.http_headers import retry_after_seconds

PERMANENT_STATUSES = frozenset({400, 403, 404, 410})


class WebhookError(Exception):
    """Base class for webhook delivery failures."""


class WebhookRetryable(WebhookError):
    """Worth retrying: connection error, timeout, 5xx, or 429 (with ``retry_after``)."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class WebhookRejected(WebhookError):
    """Slack refused the message for good (bad payload, channel gone): dead-letter it."""

    def __init__(self, status: int, body: str):
        super().__init__(f"webhook answered HTTP {status}: {body[:500]}")
        self.status = status
        self.body = body
        self.error_type = f"webhook_{status}"


@dataclass
class SlackWebhook:
    url: SecretStr
    client: httpx.Client

    def post(self, payload: dict) -> None:
        """Deliver one payload; returns only when Slack accepted it."""
        try:
            response = self.client.post(self.url.get_secret_value(), json=payload)
        except httpx.TimeoutException:
            raise WebhookRetryable("timeout") from None
        except httpx.HTTPError as exc:
            raise WebhookRetryable(f"connection_error: {type(exc).__name__}") from None
        status = response.status_code
        if 200 <= status < 300:
            return
        body = response.text[:2000]
        if status == 429:
            wait = retry_after_seconds(response.headers.get("retry-after"), time.time())
            raise WebhookRetryable("rate_limited", retry_after=1.0 if wait is None else wait)
        if status in PERMANENT_STATUSES:
            raise WebhookRejected(status, body)
        raise WebhookRetryable(f"http_{status}")

