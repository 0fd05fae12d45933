"""Collector configuration: the feed list and how politely to poll it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FeedConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str
    name: str | None = None
    interval_seconds: float | None = Field(default=None, gt=0)
    tags: tuple[str, ...] = ()


class CollectorConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    feeds: tuple[FeedConfig, ...] = ()
    interval_seconds: float = Field(default=300.0, gt=0)
    timeout_seconds: float = Field(default=20.0, gt=0)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    user_agent: str = "newswatch/0.1 (+https://github.com/newswatch/newswatch)"
