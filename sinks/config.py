"""Alert sink configuration. The webhook URL is a secret: never logged, never in metrics."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class AlertConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str = "newswatch-alert"
    webhook_url: SecretStr | None = None
    timeout_seconds: float = Field(default=10.0, gt=0)
    max_attempts: int = Field(default=8, ge=1)
    include_replayed: bool = False


class MetricsSinkConfig(BaseModel):
    """The metrics sink (``newswatch metrics-sink``): business metrics from the tagged topic, and lag."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str = "newswatch-metrics-sink"
    #: Seconds between two reads of every consumer group's lag.
    lag_interval_seconds: float = Field(default=15.0, gt=0)
    #: Consumer groups whose name starts with one of these are reported too (replays, backfills, demos).
    lag_group_prefixes: tuple[str, ...] = ("newswatch",)
