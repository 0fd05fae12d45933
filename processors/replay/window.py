"""What a replay covers: a topic, a publication-time window and/or explicit start offsets.

Kafka record timestamps are the articles' publication times (collectors and ``newswatch backfill``
stamp them so), so a time window selects stories by when they were published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newswatch.errors import NewswatchError


class ReplayError(NewswatchError):
    """A replay request that cannot be honoured (bad range, a group holding another range)."""

    exit_code = 2


def parse_time(value: str, option: str) -> datetime:
    """``2024-11-01`` (midnight UTC) or an ISO 8601 date-time; a time without a zone is UTC."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ReplayError(f"{option} {value!r} is not a date (2024-11-01) or ISO 8601 time "
                          "(2024-11-01T08:00:00Z)") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def parse_offsets(value: str, option: str = "--from-offsets") -> dict[int, int]:
    """``0:120,3:7`` -> {0: 120, 3: 7}."""
    result: dict[int, int] = {}
    for part in filter(None, (p.strip() for p in value.split(","))):
        partition, sep, offset = part.partition(":")
        if not sep or not partition.strip().isdigit() or not offset.strip().isdigit():
            raise ReplayError(f"{option} expects PARTITION:OFFSET pairs separated by commas, got {part!r}")
        result[int(partition)] = int(offset)
    if not result:
        raise ReplayError(f"{option} is empty")
    return result


def to_ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


@dataclass(frozen=True)
class ReplayWindow:
    """The slice of ``topic`` to re-process. Partitions listed in ``from_offsets`` start there;
    the others start at the first record stamped at or after ``since`` (none without ``since``)."""

    topic: str
    since: datetime | None = None
    until: datetime | None = None
    from_offsets: Mapping[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.since is None and not self.from_offsets:
            raise ReplayError("say where the replay starts: --since DATE or --from-offsets P:O,...")
        if self.since and self.until and self.until <= self.since:
            raise ReplayError(f"--until {self.until.isoformat()} is not after --since {self.since.isoformat()}")

    def contains(self, timestamp_ms: int) -> bool:
        """Is a record stamped ``timestamp_ms`` inside the time window (offset-only windows: always)?"""
        if self.since is not None and timestamp_ms < to_ms(self.since):
            return False
        return self.until is None or timestamp_ms < to_ms(self.until)

    def fingerprint(self, *extra: str) -> str:
        """A short stable hash of the window plus ``extra`` (output topic, tagger version, ...)."""
        spec = {"topic": self.topic, "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "from": sorted(self.from_offsets.items()), "extra": list(extra)}
        return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]

    def describe(self) -> str:
        parts = [self.topic]
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.from_offsets:
            parts.append("from offsets " + ",".join(f"{p}:{o}" for p, o in sorted(self.from_offsets.items())))
        return " ".join(parts)
