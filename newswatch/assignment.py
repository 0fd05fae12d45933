"""Consumer-group membership that never sits idle on a stale assignment.

A group's leader assigns partitions from its own metadata. When that metadata does not yet know a
topic (just created, or the broker's answer came back after the join), the assignor logs ``No
partition metadata for topic`` and hands out nothing for it; the group is then *Stable* with
partitions nobody owns, and kafka-python only looks again at its next metadata refresh
(``metadata_max_age_ms``, five minutes by default). Two defences, both here:

- ``await_topics`` blocks until the consumer's own metadata lists every topic with its partitions;
  ``Kafka.consumer`` subscribes only after it (so the first join already sees them);
- ``StarvationGuard`` runs after every ``poll`` of a ``GroupConsumer``: when this member has owned no
  partition of a subscribed topic for ``grace`` seconds, the topic has partitions, and the group is
  Stable with some of them owned by no member, it asks for a rejoin. A member left without
  partitions because the group has more members than partitions is left alone (every partition is
  owned), and checks back off to once a minute.

A third hole is kafka-python's own: a member that gets back a partition it already owned keeps its
position there (``assign_from_subscribed`` preserves it), so offsets whose commit a rebalance refused
would never be committed until that partition receives more records — the group's lag would stay
above zero although the work is done. ``GroupConsumer.defer_commit`` keeps such offsets, and the
next ``poll`` after the rejoin commits those of partitions this member still owns (never moving a
committed offset backwards).

A fourth is kafka-python 3.0's too: a rejoin that metadata asked for (the leader's metadata no longer
matches the assignment it made: partitions added, a topic's metadata learnt late) is driven only
while ``need_rejoin()`` is true, and that answer is computed from the very snapshot the leader's
assignment updates mid-join. When the join outlives the ``poll`` that started it (a short poll
timeout on a busy machine), the next ``poll`` sees nothing to rejoin and never collects the join:
the member stays *rebalancing* for good (no fetches committed, no heartbeats, evicted after the
session timeout). ``GroupConsumer.poll`` asks for the rejoin again when it finds the member out of
the group (rebalancing or unjoined) with no rejoin pending, so the next ``poll`` finishes or repeats
the join. Deferred offsets wait until the member is Stable again: only the finished join's assignment
says which of their partitions stayed with it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kafka import KafkaConsumer
from kafka.errors import CommitFailedError, KafkaError, RebalanceInProgressError
from kafka.structs import OffsetAndMetadata, TopicPartition

from newswatch.errors import BrokerError

log = logging.getLogger(__name__)

#: Seconds without a partition of a subscribed topic before the guard looks at the group.
STARVED_GRACE_SECONDS = 5.0
MAX_BACKOFF_SECONDS = 60.0

#: ``describe(group)``: the group's description as ``KafkaAdminClient.describe_groups`` gives it.
Describe = Callable[[str], Mapping[str, Any] | None]


def await_topics(consumer: KafkaConsumer, topics: Iterable[str], timeout: float) -> None:
    """Block until ``consumer``'s metadata lists each topic with at least one partition."""
    missing = list(topics)
    deadline = time.monotonic() + timeout
    while True:
        missing = [t for t in missing if not consumer.partitions_for_topic(t)]  # fetches when unknown
        if not missing:
            return
        if time.monotonic() >= deadline:
            raise BrokerError(f"topic(s) {', '.join(missing)} not found on Kafka within {timeout:.0f} s "
                              "(they are created at start; is this the right cluster?)")
        time.sleep(0.2)


def owned_partitions(description: Mapping[str, Any] | None, topic: str) -> set[int] | None:
    """Partitions of ``topic`` some member owns, or None unless the group is Stable."""
    if not description or description.get("group_state") != "Stable":
        return None
    owned: set[int] = set()
    for member in description.get("members") or ():
        assignment = member.get("member_assignment") or {}
        for entry in assignment.get("assigned_partitions") or ():
            name, parts = (entry.get("topic"), entry.get("partitions")) if isinstance(entry, dict) else entry
            if name == topic:
                owned.update(int(p) for p in parts or ())
    return owned


class StarvationGuard:
    """Asks ``consumer`` to rejoin its group when an assignment left a subscribed topic's partitions unowned."""

    def __init__(self, consumer: KafkaConsumer, describe: Describe, *, grace: float = STARVED_GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.consumer = consumer
        self.describe = describe
        self.grace = grace
        self.clock = clock
        self.rejoins = 0
        self._starved_since: float | None = None
        self._next_check = 0.0
        self._backoff = grace

    def check(self) -> bool:
        """Called after each poll; True when it asked for a rejoin."""
        group = self.consumer.config.get("group_id")
        subscribed = self.consumer.subscription()
        if group is None or not subscribed:
            return False
        owned_topics = {tp.topic for tp in self.consumer.assignment()}
        starved = sorted(set(subscribed) - owned_topics)
        now = self.clock()
        if not starved:
            self._starved_since, self._backoff = None, self.grace
            return False
        if self._starved_since is None:
            self._starved_since = now
            self._next_check = now + self.grace
        if now < self._next_check:
            return False
        self._next_check = now + self._backoff
        self._backoff = min(self._backoff * 2, MAX_BACKOFF_SECONDS)
        try:
            description = self.describe(group)
        except Exception as exc:  # noqa: BLE001 - a broker hiccup: look again later
            log.debug("could not describe the consumer group", extra={"group": group, "error": str(exc)[:200]})
            return False
        for topic in starved:
            partitions = self.consumer.partitions_for_topic(topic)
            owned = owned_partitions(description, topic)
            if partitions and owned is not None and not set(partitions) <= owned:
                log.warning("no member owns some partitions of a subscribed topic: rejoining the group",
                            extra={"group": group, "topic": topic, "unowned": sorted(set(partitions) - owned)})
                self.rejoin()
                return True
        return False

    def rejoin(self) -> None:
        self.rejoins += 1
        self._starved_since = None
        self._backoff = self.grace
        self.consumer._coordinator.request_rejoin()  # kafka-python: the next poll joins again


class GroupConsumer(KafkaConsumer):
    """A ``KafkaConsumer`` whose ``poll`` also runs a ``StarvationGuard`` and commits what a rebalance deferred."""

    def __init__(self, *topics: str, describe: Describe, **configs: Any):
        super().__init__(*topics, **configs)
        self.starvation = StarvationGuard(self, describe)
        self._deferred: dict[TopicPartition, OffsetAndMetadata] = {}
        self.deferred_commits = 0  # deferred offsets committed after a rejoin (a test observes it)
        self.abandoned_joins = 0  # joins found left unfinished and asked for again

    def defer_commit(self, offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        """Keep ``offsets`` (work already durable) to commit after the rebalance that refused them."""
        for tp, meta in offsets.items():
            if tp not in self._deferred or self._deferred[tp].offset < meta.offset:
                self._deferred[tp] = meta

    def poll(self, timeout_ms: int = 0, max_records: int | None = None, update_offsets: bool = True) -> Any:
        records = super().poll(timeout_ms=timeout_ms, max_records=max_records, update_offsets=update_offsets)
        self._resume_abandoned_join()
        if self._deferred:
            self._commit_deferred()
        self.starvation.check()
        return records

    def _resume_abandoned_join(self) -> None:
        """Out of the group (rebalancing or unjoined), yet kafka-python sees no rejoin to drive: ask for it,
        or the member never joins again (no fetches, every commit refused)."""
        coordinator = self._coordinator
        if (self._subscription.partitions_auto_assigned() and not coordinator.stable()
                and not coordinator.need_rejoin()):
            self.abandoned_joins += 1
            log.info("a group join was left unfinished: rejoining",
                     extra={"group": self.config.get("group_id"), "state": str(coordinator.state)})
            coordinator.request_rejoin()

    def _commit_deferred(self) -> None:
        coordinator = self._coordinator
        if not coordinator.stable() or coordinator.need_rejoin():
            return  # the rejoin is not over: only its assignment says which partitions stay here
        owned = self.assignment()
        self._deferred = {tp: meta for tp, meta in self._deferred.items() if tp in owned}
        if not self._deferred:
            return  # the partitions moved on: their new owner resumes from the last committed offset
        try:
            committed = {tp: self.committed(tp) for tp in self._deferred}
            due = {tp: meta for tp, meta in self._deferred.items()
                   if committed[tp] is None or committed[tp] < meta.offset}
            if due:
                self.commit(due)
        except (CommitFailedError, RebalanceInProgressError) as exc:
            log.debug("offsets deferred by a rebalance refused again; retrying after the next poll",
                      extra={"error": str(exc)[:200]})
            return  # rebalancing again: try after the next poll
        except KafkaError as exc:
            log.warning("could not commit offsets deferred by a rebalance; retrying after the next poll",
                        extra={"error": str(exc)[:200]})
            return
        if due:
            self.deferred_commits += 1
            log.info("committed offsets a rebalance had refused",
                     extra={"partitions": sorted(f"{tp.topic}[{tp.partition}]" for tp in due)})
        self._deferred = {}
