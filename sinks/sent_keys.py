"""What the alert sink remembers having sent: one idempotency key per (route, meeting signature, article).

A meeting's *signature* is the set of its parties' countries, host included, in code order
(``CA+JP+KR``): who reports the talks, and in which language, does not change it, so Yonhap's Korean
story, the Korea Herald's English one and a Japanese report of the Ahn–Nakatani talks are one meeting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

import msgspec

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
    others = {p.country for p in meeting.participants if p.country and p.country != host}
    if not others:
        others = set(tagged.counterpart_countries)
    return "+".join(sorted({host, *others}))


def published_at(tagged: TaggedArticle) -> float:
    return (tagged.published or tagged.tagged_at).timestamp()


def alert_id(route: str, article_id: str) -> str:
    return hashlib.sha256(f"{route}|{article_id}".encode()).hexdigest()[:20]


def keys_for(route: str, tagged: TaggedArticle, meetings: Iterable[Meeting]) -> list[SentKey]:
    ts = published_at(tagged)
    sigs = dict.fromkeys(signature(m, tagged) for m in meetings)
    return [SentKey(route=route, signature=s, article_id=tagged.article_id, published=ts) for s in sigs]
