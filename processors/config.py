"""Processor configuration."""

from __future__ import annotations

from pydantic import Field

from newswatch.config import Frozen


class ReplayConfig(Frozen):
    """``newswatch replay``: re-tagging a slice of history in its own consumer group."""

    #: Default groups are ``<group_prefix>-<hash of the range and tagger version>``.
    group_prefix: str = "newswatch-replay"
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
    #: Each batch's outputs and offsets commit as one Kafka transaction (exactly-once for
    #: ``read_committed`` readers). False falls back to at-least-once plus dedup by article id.
    transactional: bool = True
    #: A replay killed mid-batch leaves its transaction open until a rerun fences it or this timeout
    #: aborts it; until then read_committed readers of the output partitions wait. Keep it short, but
    #: longer than one batch takes to tag.
    transaction_timeout_ms: int = Field(default=30_000, ge=1_000)


class ProcessorConfig(Frozen):
    group: str = "newswatch-processor"
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
    #: Larger article records are dead-lettered (``too_large``) instead of tagged: no story is that long.
    max_record_bytes: int = Field(default=1024 * 1024, ge=1024)
    replay: ReplayConfig = ReplayConfig()

