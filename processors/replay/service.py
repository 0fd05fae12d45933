"""The replay handler: the live processor's tagging, restricted to a time window, marked as replayed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import msgspec
from kafka.consumer.fetcher import ConsumerRecord

from newswatch.processors.replay.window import ReplayWindow
from newswatch.processors.service import TagArticles
from newswatch.records import decode_record
from newswatch.schema import Article, encode
from newswatch.stream import Output


@dataclass
class ReplayCounts:
    read: int = 0
    tagged: int = 0
    meetings: int = 0
    skipped: int = 0  # in the offset range but stamped outside the time window


class ReplayArticles:
    """Handler for ``StreamLoop``: re-tag each article of the window with the current tagger.

    Results carry ``replayed=True`` so alert sinks skip them; with ``alerts_allowed`` they are
    still marked replayed but a sink may send them (its per-meeting idempotency keeps anything
    already sent from being sent again).
    """

    stage = "replay"

    def __init__(self, tagging: TagArticles, window: ReplayWindow, *, alerts_allowed: bool = False):
        if not tagging.replayed:
            raise ValueError("a replay must mark its records as replayed")
        self.tagging = tagging
        self.window = window
        self.alerts_allowed = alerts_allowed
        self.counts = ReplayCounts()

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        self.counts.read += 1
        if not self.window.contains(record.timestamp):
            self.counts.skipped += 1
            return []
        article = decode_record(record.value, Article)
        tagged = self.tagging.tag(article)
        if self.alerts_allowed:
            tagged = msgspec.structs.replace(tagged, alerts_allowed=True)
        self.counts.tagged += 1
        self.counts.meetings += int(tagged.is_defense_ministerial_meeting)
        return [Output(self.tagging.output_topic, encode(tagged), key=article.id.encode(),
                       timestamp_ms=record.timestamp)]
