"""Processor configuration."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ProcessorConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str = "newswatch-processor"
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
