"""The processor stage: articles in, tagged articles out (``newswatch process``)."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from kafka.consumer.fetcher import ConsumerRecord

from newswatch.metrics import PipelineMetrics
from newswatch.records import decode_record
from newswatch.schema import Article, TaggedArticle, encode
from newswatch.stream import Output
from processors.tag_meetings import MeetingTagger


class TagArticles:
    """Handler for ``StreamLoop``: decode an Article, tag it, emit a TaggedArticle keyed by article id."""

    stage = "processor"

    def __init__(self, tagger: MeetingTagger, output_topic: str, *, replayed: bool = False,
                 metrics: PipelineMetrics | None = None):
        self.tagger = tagger
        self.output_topic = output_topic
        self.replayed = replayed
        self.metrics = metrics

    def tag(self, article: Article) -> TaggedArticle:
        tagged = self.tagger.tag(article)
        if self.replayed:
            tagged = msgspec.structs.replace(tagged, replayed=True)
        return tagged

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        article = decode_record(record.value, Article)
        tagged = self.tag(article)
        if self.metrics is not None and tagged.published is not None and not tagged.replayed:
            delay = (tagged.tagged_at - tagged.published).total_seconds()
            self.metrics.latency.labels("tagged").observe(max(0.0, delay))
        return [Output(self.output_topic, encode(tagged), key=article.id.encode(),
                       timestamp_ms=record.timestamp)]
