"""Alert sink configuration: routes (a webhook and watch rules each), delivery, dedup and rate limits.

A webhook URL is a secret: held as ``SecretStr`` (given inline, through an environment variable
or a file path), never logged, never a metric label. Route *names* are the public handle: they
key the ``newswatch.alerts`` topic and label the metrics.

With no ``routes`` configured there is one route, ``default``, posting to ``webhook_url``; with
no webhook at all the alerts are printed to the terminal.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field, SecretStr, field_validator, model_validator

from newswatch.config import Frozen
from newswatch.errors import ConfigError

ROUTE_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class _Frozen(Frozen):
    model_config = ConfigDict(allow_inf_nan=False)  # merged with Frozen's: no inf/NaN timeouts


def webhook_problem(url: str) -> str | None:
    """Why ``url`` cannot be a webhook (never quoting it: it is a secret), or None when it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"must be an http(s) URL, not {parts.scheme or 'a bare path'!r}"
    if not parts.hostname:
        return "has no host"
    return None


def _checked(value: SecretStr | None, where: str) -> SecretStr | None:
    if value is not None:
        problem = webhook_problem(value.get_secret_value())
        if problem:
            raise ValueError(f"{where} {problem}")
    return value


class RouteConfig(_Frozen):
    """One destination and the watch rules deciding which meetings reach it (empty rule = any)."""

    name: str = Field(pattern=ROUTE_NAME_PATTERN)
    webhook_url: SecretStr | None = None
    webhook_url_env: str | None = None
    webhook_url_file: Path | None = None
    host_countries: tuple[str, ...] = ()
    counterpart_countries: tuple[str, ...] = ()
    min_score: float = Field(default=0.0, ge=0.0, le=1.0)
    keywords: tuple[str, ...] = ()
    include_replayed: bool | None = None  # None: follow AlertConfig.include_replayed
    rate_per_second: float | None = Field(default=None, gt=0)  # None: AlertConfig.rate_per_second
    burst: int | None = Field(default=None, ge=1)

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, value: SecretStr | None) -> SecretStr | None:
        return _checked(value, "webhook_url")

    @field_validator("host_countries", "counterpart_countries")
    @classmethod
    def _upper(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(c.strip().upper() for c in codes if c.strip())

    @model_validator(mode="after")
    def _one_secret_source(self) -> RouteConfig:
        given = [x for x in (self.webhook_url, self.webhook_url_env, self.webhook_url_file) if x is not None]
        if len(given) > 1:
            raise ValueError(f"route {self.name}: give one of webhook_url, webhook_url_env, webhook_url_file")
        return self

    def webhook(self) -> SecretStr | None:
        """The webhook URL from wherever it is kept; a clear error (never the secret) when unreadable."""
        if self.webhook_url is not None:
            return self.webhook_url
        if self.webhook_url_env is not None:
            value = os.environ.get(self.webhook_url_env, "").strip()
            if not value:
                raise ConfigError(f"route {self.name}: environment variable {self.webhook_url_env} is not set")
            return self._valid(SecretStr(value), f"environment variable {self.webhook_url_env}")
        if self.webhook_url_file is not None:
            try:
                value = self.webhook_url_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"route {self.name}: cannot read webhook file {self.webhook_url_file}: "
                                  f"{exc.strerror}") from None
            if not value:
                raise ConfigError(f"route {self.name}: webhook file {self.webhook_url_file} is empty")
            return self._valid(SecretStr(value), f"webhook file {self.webhook_url_file}")
        return None

    def _valid(self, value: SecretStr, where: str) -> SecretStr:
        problem = webhook_problem(value.get_secret_value())
        if problem:
            raise ConfigError(f"route {self.name}: the webhook URL in {where} {problem}")
        return value


class AlertConfig(_Frozen):
    group: str = "newswatch-alert"
    #: What alerts: ``meetings`` (the resolver's meeting records: once per meeting held, once more if
    #: a held meeting is called off) or ``articles`` (every tagged article with a held meeting, the
    #: meetings deduplicated within ``dedup_window_hours``).
    source: Literal["meetings", "articles"] = "meetings"
    #: A meeting alert waits this long after it was read, so the other meetings its report made news
    #: of join one message (they come from other partitions of the meetings topic).
    meeting_gather_seconds: float = Field(default=2.0, ge=0)
    #: The single default route's webhook (used when ``routes`` is empty). None: print to the terminal.
    webhook_url: SecretStr | None = None
    routes: tuple[RouteConfig, ...] = ()
    include_replayed: bool = False
    # Topics (None: derived from the tagged topic's name, e.g. newswatch.alerts, newswatch.alert-keys).
    alerts_topic: str | None = None
    keys_topic: str | None = None
    # Delivery.
    timeout_seconds: float = Field(default=10.0, gt=0)
    retry_initial_seconds: float = Field(default=0.5, gt=0)
    retry_max_seconds: float = Field(default=60.0, gt=0)
    disable_after_gone: int = Field(default=3, ge=1)  # consecutive 403/404/410 before a route is disabled
    max_in_flight_routes: int = Field(default=8, ge=1)
    max_queued_per_partition: int = Field(default=2000, ge=10)
    # Slack asks for about one message per second per webhook, with short bursts.
    rate_per_second: float = Field(default=1.0, gt=0)
    burst: int = Field(default=3, ge=1)
    # Digest: when at least this many alerts wait for a route and its rate cannot send them now.
    digest_min_queue: int = Field(default=3, ge=2)
    digest_max_alerts: int = Field(default=20, ge=2, le=20)  # 20/s fits in 1 msg/s
    # Cross-outlet dedup: same host, same counterparts, publication times this close.
    dedup_window_hours: float = Field(default=72.0, ge=0)
    #: How long the sink remembers what it sent (the keys topic's retention; keys expire by day). An
    #: alert redelivered or replayed with ``--alerts`` after this may be sent again. At least the window.
    keys_retention_days: float = Field(default=7.0, gt=0)
    max_attempts: int = Field(default=8, ge=1)  # kept for old configs; delivery now retries until accepted
    #: newswatch serve's address: each alert links to its meetings' page there. Filled from
    #: ``serve.public_url`` when that is set and this is not.
    pages_url: str | None = None

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, value: SecretStr | None) -> SecretStr | None:
        return _checked(value, "alert.webhook_url")

    @model_validator(mode="after")
    def _unique_routes(self) -> AlertConfig:
        names = [r.name for r in self.routes]
        if len(names) != len(set(names)):
            raise ValueError("route names must be unique")
        if self.keys_retention_days * 24 < self.dedup_window_hours:
            raise ValueError("keys_retention_days must cover dedup_window_hours")
        return self

    @property
    def keys_retention_seconds(self) -> float:
        return self.keys_retention_days * 86_400

    def effective_routes(self) -> tuple[RouteConfig, ...]:
        """The configured routes, or the single ``default`` route from ``webhook_url``."""
        if self.routes:
            return self.routes
        return (RouteConfig(name="default", webhook_url=self.webhook_url),)

    def topic_names(self, tagged_topic: str) -> tuple[str, str]:
        """(alerts topic, idempotency-keys topic)."""
        stem = tagged_topic[: -len(".tagged")] if tagged_topic.endswith(".tagged") else tagged_topic
        return self.alerts_topic or f"{stem}.alerts", self.keys_topic or f"{stem}.alert-keys"


class MetricsSinkConfig(Frozen):
    """The metrics sink (``newswatch metrics-sink``): business metrics from the tagged topic, and lag."""

    group: str = "newswatch-metrics-sink"
    #: Seconds between two reads of every consumer group's lag.
    lag_interval_seconds: float = Field(default=15.0, gt=0)
    #: Consumer groups whose name starts with one of these are reported too (replays, backfills, demos).
    lag_group_prefixes: tuple[str, ...] = ("newswatch",)
