"""The processor stage: articles in, tagged articles out (``newswatch process``)."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from kafka.consumer.fetcher import ConsumerRecord

from newswatch.errors import PoisonRecordError
from newswatch.metrics import PipelineMetrics
from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.records import decode_record
from newswatch.schema import Article, TaggedArticle, encode
from newswatch.stream import Output


class TagArticles:
    """Handler for ``StreamLoop``: decode an Article, tag it, emit a TaggedArticle keyed by article id."""

    stage = "processor"

    def __init__(self, tagger: MeetingTagger, output_topic: str, *, replayed: bool = False,
                 metrics: PipelineMetrics | None = None, max_record_bytes: int = 1024 * 1024):
        self.tagger = tagger
        self.output_topic = output_topic
        self.replayed = replayed
        self.metrics = metrics
        self.max_record_bytes = max_record_bytes

    def tag(self, article: Article) -> TaggedArticle:
        try:
            tagged = self.tagger.tag(article)
        except Exception as exc:  # the dead letter says it was the tagger, and how it failed
            raise PoisonRecordError("tagging_failed", f"tagger raised {type(exc).__name__}: {exc}") from exc
        if self.replayed:
            tagged = msgspec.structs.replace(tagged, replayed=True)
        return tagged

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        size = len(record.value or b"")
        if size > self.max_record_bytes:
            raise PoisonRecordError("too_large", f"record has {size} bytes, more than the processor's "
                                                 f"max_record_bytes ({self.max_record_bytes})")
        article = decode_record(record.value, Article)
        tagged = self.tag(article)
        if self.metrics is not None and tagged.published is not None and not tagged.replayed:
            delay = (tagged.tagged_at - tagged.published).total_seconds()
            self.metrics.latency.labels("tagged").observe(max(0.0, delay))
        return [Output(self.output_topic, encode(tagged), key=article.id.encode(),
                       timestamp_ms=record.timestamp)]
