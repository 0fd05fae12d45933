"""Which meetings a route has already been told about: the idempotency keys behind "one alert per meeting".

A meeting's *signature* is its host and its set of counterpart countries (``KR>CA+JP``). A route
has already alerted a meeting when it sent the same signature for the same article (a replay,
a redelivery after a crash) or for an article published within the dedup window (the same
meeting reported by another outlet).

Keys live in memory and, durably, in a compacted Kafka topic (key ``route|signature|article``):
``KeyStore.catch_up()`` reads the topic to its end (at start and on every partition assignment);
``KeyStore.record(...)`` writes a key and waits for the broker's acknowledgement.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

import msgspec
from kafka import KafkaConsumer, KafkaProducer
from kafka.structs import TopicPartition

from newswatch.schema import Meeting, TaggedArticle, utcnow


class SentKey(msgspec.Struct, kw_only=True, frozen=True):
    route: str
    signature: str
    article_id: str
    published: float  # epoch seconds (the article's publication, else its tagging time)
    sent_at: datetime = msgspec.field(default_factory=utcnow)

    @property
    def kafka_key(self) -> bytes:
        return f"{self.route}|{self.signature}|{self.article_id}".encode()


def signature(meeting: Meeting, tagged: TaggedArticle) -> str:
    host = tagged.host_country or next((p.country for p in meeting.participants if p.country), None) or "?"
    others = sorted({p.country for p in meeting.participants if p.country and p.country != host})
    if not others:
        others = sorted(tagged.counterpart_countries)
    return f"{host}>{'+'.join(others)}"


def published_at(tagged: TaggedArticle) -> float:
    return (tagged.published or tagged.tagged_at).timestamp()


def alert_id(route: str, article_id: str) -> str:
    return hashlib.sha256(f"{route}|{article_id}".encode()).hexdigest()[:20]


class KeyIndex:
    """The in-memory view: per (route, signature), the (published, article id) pairs already sent."""

    def __init__(self, window_seconds: float):
        self.window = window_seconds
        self._sent: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)

    def add(self, key: SentKey) -> None:
        entries = self._sent[(key.route, key.signature)]
        if (key.published, key.article_id) not in entries:
            entries.append((key.published, key.article_id))

    def is_sent(self, route: str, sig: str, published: float, article_id: str) -> bool:
        return any(aid == article_id or abs(ts - published) <= self.window
                   for ts, aid in self._sent.get((route, sig), ()))

    def unsent(self, route: str, tagged: TaggedArticle, meetings: Sequence[Meeting]) -> list[Meeting]:
        """The meetings of ``tagged`` this route has not alerted yet (each signature once)."""
        ts = published_at(tagged)
        fresh: list[Meeting] = []
        seen: set[str] = set()
        for meeting in meetings:
            sig = signature(meeting, tagged)
            if sig not in seen and not self.is_sent(route, sig, ts, tagged.article_id):
                fresh.append(meeting)
            seen.add(sig)
        return fresh

    def __len__(self) -> int:
        return sum(len(v) for v in self._sent.values())


def keys_for(route: str, tagged: TaggedArticle, meetings: Iterable[Meeting]) -> list[SentKey]:
    ts = published_at(tagged)
    sigs = dict.fromkeys(signature(m, tagged) for m in meetings)
    return [SentKey(route=route, signature=s, article_id=tagged.article_id, published=ts) for s in sigs]


class KeyStore:
    """``KeyIndex`` backed by a compacted topic."""

    def __init__(self, topic: str, consumer: KafkaConsumer, producer: KafkaProducer, window_seconds: float):
        self.topic = topic
        self.consumer = consumer  # no group: assigned to every partition of ``topic``
        self.producer = producer
        self.index = KeyIndex(window_seconds)
        self._decoder = msgspec.json.Decoder(SentKey)
        self._assigned = False

    def catch_up(self, timeout: float = 60.0) -> int:
        """Read the keys topic up to its current end; returns the number of keys read."""
        if not self._assigned:
            parts = None
            deadline = time.monotonic() + timeout
            while not parts and time.monotonic() < deadline:
                parts = self.consumer.partitions_for_topic(self.topic)
                if not parts:
                    time.sleep(0.1)
            tps = [TopicPartition(self.topic, p) for p in sorted(parts or ())]
            self.consumer.assign(tps)
            self.consumer.seek_to_beginning(*tps)
            self._assigned = True
        tps = list(self.consumer.assignment())
        end = self.consumer.end_offsets(tps)
        read = 0
        deadline = time.monotonic() + timeout
        while any(self.consumer.position(tp) < end[tp] for tp in tps):
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not read {self.topic} to its end within {timeout:.0f} s")
            for records in self.consumer.poll(timeout_ms=200).values():
                for record in records:
                    if record.value is None:
                        continue
                    try:
                        self.index.add(self._decoder.decode(record.value))
                    except msgspec.DecodeError:
                        continue  # not ours; never let a stray record stop the sink
                    read += 1
        return read

    def write(self, keys: Sequence[SentKey], timeout: float = 60.0) -> None:
        """Write ``keys`` durably: returns once the broker acknowledged every one (thread-safe)."""
        futures = [self.producer.send(self.topic, key=k.kafka_key, value=msgspec.json.encode(k)) for k in keys]
        for future in futures:
            future.get(timeout=timeout)

    def remember(self, keys: Sequence[SentKey]) -> None:
        """Add written keys to the in-memory index (on the delivery loop's thread)."""
        for key in keys:
            self.index.add(key)

    def record(self, keys: Sequence[SentKey], timeout: float = 60.0) -> None:
        self.write(keys, timeout)
        self.remember(keys)
