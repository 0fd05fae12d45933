"""A replay's offset range per partition, fixed once and kept in the replay's consumer group.

The first run resolves ``[start, end)`` for every partition (``offsets_for_times`` for the start,
the log end for the end) and commits ``start`` with the range as commit metadata. Every later
commit carries the same metadata, so a rerun with the same group reads the range back and
continues from the committed offsets: an interrupted replay finishes on exactly the records an
uninterrupted one would have processed, even if the topic grew in between.

The metadata also names the tagger version that tags the range. The group is keyed by the range,
target and alert mode only, so rerunning the same command after a rule change finds the old plan,
sees another tagger version, and starts the range over (``ReplayPlan.retag_from`` says from which
version); with an unchanged tagger it resumes.

Why the end is the log end and not ``offsets_for_times(until)``: the latter is the first offset
stamped at or after ``until``, and a backfill appends old publication times *after* newer live
records, so in-window records can sit beyond it. The replay reads to the log end and the handler
skips records stamped outside the window (counted as ``skipped``).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from kafka import KafkaConsumer
from kafka.structs import OffsetAndMetadata, TopicPartition

from newswatch.processors.replay.window import ReplayError, ReplayWindow, to_ms

log = logging.getLogger(__name__)

PLAN_VERSION = 2  # 2: the tagger version is in the metadata, not in the fingerprint


@dataclass(frozen=True)
class PartitionRange:
    start: int
    end: int

    @property
    def size(self) -> int:
        return max(0, self.end - self.start)


@dataclass
class ReplayPlan:
    group: str
    fingerprint: str
    ranges: dict[TopicPartition, PartitionRange]
    positions: dict[TopicPartition, int]  # where this run continues (committed offsets)
    resumed: bool
    tagger_version: str = ""
    #: The tagger version of an earlier plan for this range that this one starts over (rules changed).
    retag_from: str | None = None

    @property
    def total(self) -> int:
        return sum(r.size for r in self.ranges.values())

    def done(self, positions: dict[TopicPartition, int] | None = None) -> int:
        """Records of the range already behind us, given current positions."""
        positions = positions or self.positions
        return sum(min(max(positions.get(tp, r.start), r.start), r.end) - r.start for tp, r in self.ranges.items())

    def pending(self) -> list[TopicPartition]:
        return sorted((tp for tp, r in self.ranges.items() if self.positions[tp] < r.end),
                      key=lambda tp: tp.partition)

    def metadata(self) -> dict[TopicPartition, str]:
        return {tp: json.dumps({"v": PLAN_VERSION, "fp": self.fingerprint, "tv": self.tagger_version,
                                "start": r.start, "end": r.end}, separators=(",", ":"))
                for tp, r in self.ranges.items()}


def topic_partitions(consumer: KafkaConsumer, topic: str, timeout: float = 10.0) -> list[TopicPartition]:
    deadline = time.monotonic() + timeout
    while True:
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return [TopicPartition(topic, p) for p in sorted(partitions)]
        if time.monotonic() >= deadline:
            raise ReplayError(f"topic {topic} does not exist (or has no partitions)")
        time.sleep(0.2)


def resolve_ranges(consumer: KafkaConsumer, window: ReplayWindow) -> dict[TopicPartition, PartitionRange]:
    """``[start, end)`` per partition from the window, against the log as it is now."""
    tps = topic_partitions(consumer, window.topic)
    unknown = set(window.from_offsets) - {tp.partition for tp in tps}
    if unknown:
        raise ReplayError(f"--from-offsets names partitions {sorted(unknown)} that {window.topic} does not have")
    begins = consumer.beginning_offsets(tps)
    ends = consumer.end_offsets(tps)
    by_time = {}
    if window.since is not None:
        by_time = consumer.offsets_for_times({tp: to_ms(window.since) for tp in tps})
    ranges = {}
    for tp in tps:
        begin, end = begins[tp], ends[tp]
        if tp.partition in window.from_offsets:
            start = window.from_offsets[tp.partition]
            if start < begin:
                log.warning("requested offset is no longer in the log (retention); starting at the earliest",
                            extra={"partition": tp.partition, "requested": start, "earliest": begin})
        elif window.since is not None:
            found = by_time.get(tp)
            start = found.offset if found is not None else end
        else:
            start = end
        ranges[tp] = PartitionRange(start=min(max(start, begin), end), end=end)
    return ranges


def load_plan(consumer: KafkaConsumer, group: str, fingerprint: str,
              tps: list[TopicPartition]) -> ReplayPlan | None:
    """The plan a previous run committed under ``group``, or None when the group is new."""
    ranges: dict[TopicPartition, PartitionRange] = {}
    positions: dict[TopicPartition, int] = {}
    versions: set[str] = set()
    for tp in tps:
        committed = consumer.committed(tp, metadata=True)
        if committed is None:
            continue
        try:
            meta = json.loads(committed.metadata or "")
            if meta.get("v") != PLAN_VERSION:
                raise ValueError(meta.get("v"))
        except (ValueError, AttributeError):
            raise ReplayError(f"consumer group {group} has offsets that are not a newswatch replay's; "
                              "pick another --group") from None
        if meta["fp"] != fingerprint:
            raise ReplayError(f"consumer group {group} holds a different replay (another range, target or "
                              "alert mode); pick another --group or repeat that replay's options")
        ranges[tp] = PartitionRange(start=int(meta["start"]), end=int(meta["end"]))
        positions[tp] = committed.offset
        versions.add(str(meta.get("tv", "")))
    if not ranges:
        return None
    if len(ranges) != len(tps):
        raise ReplayError(f"consumer group {group} has a plan for {len(ranges)} of {len(tps)} partitions; "
                          "the topic's partition count changed: pick another --group")
    version = versions.pop() if len(versions) == 1 else "(mixed)"
    return ReplayPlan(group, fingerprint, ranges, positions, resumed=True, tagger_version=version)


def prepare_plan(consumer: KafkaConsumer, window: ReplayWindow, group: str, fingerprint: str,
                 tagger_version: str = "") -> ReplayPlan:
    """Resume the group's plan, or resolve a new one and commit it before any work starts.

    A plan made by another tagger version is not resumed: the range is resolved again and re-tagged
    from its start, and the new plan's ``retag_from`` names the version it replaces.
    """
    tps = topic_partitions(consumer, window.topic)
    plan = load_plan(consumer, group, fingerprint, tps)
    retag_from = None
    if plan is not None:
        if plan.tagger_version == tagger_version:
            return plan
        retag_from = plan.tagger_version
        log.info("the tagger changed since this replay's plan was made: re-tagging the whole range",
                 extra={"group": group, "previous_tagger": retag_from, "tagger": tagger_version})
    ranges = resolve_ranges(consumer, window)
    plan = ReplayPlan(group, fingerprint, ranges, {tp: r.start for tp, r in ranges.items()}, resumed=False,
                      tagger_version=tagger_version, retag_from=retag_from)
    meta = plan.metadata()
    consumer.commit({tp: OffsetAndMetadata(r.start, meta[tp], -1) for tp, r in ranges.items()})
    return plan
