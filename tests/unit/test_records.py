"""The record schema on the wire: round trips, and a precise reason for every kind of poison."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
import pytest

from newswatch.errors import PoisonRecordError
from newswatch.kafka_io import DLQ_MAX_ORIGINAL_BYTES, dead_letter
from newswatch.records import decode_record
from newswatch.schema import Article, DeadLetter, Meeting, Participant, TaggedArticle, encode


def test_article_round_trip_is_utf8_json_with_iso_dates() -> None:
    article = Article(id="a1", url="https://example.org/x", title="Kim Yong-hyun meets Makoto Oniki — Türkiye",
                      published=datetime(2024, 11, 20, 8, 50, tzinfo=UTC), source="yonhap")
    wire = encode(article)
    assert b'"published":"2024-11-20T08:50:00Z"' in wire
    assert "Türkiye".encode() in wire
    assert decode_record(wire, Article) == article


def test_tagged_article_round_trip() -> None:
    tagged = TaggedArticle(article_id="a1", url="u", title="t", is_defense_ministerial_meeting=True, score=0.9,
                           host_country="KR", counterpart_countries=["CA", "NATO"],
                           meetings=[Meeting(participants=[Participant(name="Bill Blair", role="defense chief",
                                                                       country="CA")], kind="in-person")],
                           tagger_version="v")
    assert decode_record(encode(tagged), TaggedArticle) == tagged


@pytest.mark.parametrize(("value", "error_type"), [
    (b"\xc3\x28 broken", "invalid_utf8"),
    (b"{not json", "invalid_json"),
    (b"", "invalid_json"),
    (b'{"id": "a"}', "invalid_schema"),
    (b'{"id": 5, "url": "u", "title": "t"}', "invalid_schema"),
    (b"[1, 2]", "invalid_schema"),
    (None, "empty_record"),
])
def test_poison_is_classified(value: bytes | None, error_type: str) -> None:
    with pytest.raises(PoisonRecordError) as info:
        decode_record(value, Article)
    assert info.value.error_type == error_type
    assert str(info.value)


def test_meeting_kind_is_validated() -> None:
    bad = b'{"participants": [], "kind": "telepathy"}'
    with pytest.raises(PoisonRecordError, match="invalid_schema|kind"):
        decode_record(bad, Meeting)


def test_dead_letter_keeps_original_bytes_and_caps_huge_ones() -> None:
    letter = msgspec.json.decode(dead_letter("processor", "invalid_json", "boom", topic="t", partition=1,
                                             offset=7, key=b"k", value=b"\xff\x00raw"), type=DeadLetter)
    assert (letter.value, letter.key, letter.offset, letter.stage) == (b"\xff\x00raw", b"k", 7, "processor")
    huge = b"x" * (5 * 1024 * 1024)
    capped = msgspec.json.decode(dead_letter("processor", "too_large", "big", value=huge), type=DeadLetter)
    assert len(capped.value or b"") == DLQ_MAX_ORIGINAL_BYTES
    assert "5242880 bytes" in capped.error
