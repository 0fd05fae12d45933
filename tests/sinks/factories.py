"""Building TaggedArticle records for alert tests, and a clock tests can move by hand."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from newswatch.schema import Meeting, Participant, TaggedArticle

BASE_TIME = datetime(2024, 11, 20, 8, 0, tzinfo=UTC)


def tagged(article_id: str, *, host: str = "KR", counterparts: tuple[str, ...] = ("CA",), title: str | None = None,
           source: str = "wire", minutes: float = 0.0, score: float = 0.9, replayed: bool = False,
           event: str | None = "Seoul Defense Dialogue", location: str | None = "Seoul") -> TaggedArticle:
    meetings = [Meeting(participants=[Participant(name="Kim Yong-hyun", role="defense minister", country=host),
                                      Participant(name=f"Minister of {c}", role="defense minister", country=c)],
                        event=event, location=location) for c in counterparts]
    return TaggedArticle(
        article_id=article_id, url=f"https://news.example/{article_id}", title=title or f"Story {article_id}",
        is_defense_ministerial_meeting=True, score=score, host_country=host,
        counterpart_countries=sorted(counterparts), meetings=meetings, tagger_version="test_v1",
        source=source, published=BASE_TIME + timedelta(minutes=minutes), replayed=replayed,
        tagged_at=BASE_TIME + timedelta(minutes=minutes + 1),
    )


class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self, start: float = 1000.0):
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds
