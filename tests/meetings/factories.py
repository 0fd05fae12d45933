"""Tagged records for meeting tests, built directly (no tagger): outlets, dates, statuses."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from newswatch.schema import Evidence, Meeting, Participant, TaggedArticle

T0 = datetime(2024, 6, 2, 9, 0, tzinfo=UTC)

KR_MINISTER = Participant(name="Shin Won-sik", role="Defense Minister", country="KR")
JP_MINISTER = Participant(name="Minoru Kihara", role="Defense Minister", country="JP")


def tagged(outlet: str, *, day: float = 0.0, status: str = "held", host: str = "KR",
           people: tuple[Participant, ...] = (KR_MINISTER, JP_MINISTER), kind: str = "in-person",
           article: str | None = None, replayed: bool = False, location: str | None = "Singapore",
           sentence: str | None = None, language: str = "en") -> TaggedArticle:
    """One outlet's story about a KR-JP defense ministers' meeting, ``day`` days after T0."""
    published = T0 + timedelta(days=day)
    article_id = article or hashlib.sha256(f"{outlet}|{day}|{status}".encode()).hexdigest()[:16]
    text = sentence or (f"The defense ministers {'held talks' if status == 'held' else 'will meet'} in Singapore.")
    meeting = Meeting(participants=list(people), kind=kind, location=location,  # type: ignore[arg-type]
                      event="Shangri-La Dialogue", status=status,  # type: ignore[arg-type]
                      evidence=[Evidence(text=text, start=0, end=len(text), rules=["test"])])
    held = status == "held"
    return TaggedArticle(article_id=article_id, url=f"https://{outlet}.example/{article_id}",
                         title=f"{outlet}: Korea, Japan defense chiefs", is_defense_ministerial_meeting=held,
                         score=0.9 if held else 0.2, host_country=host,
                         counterpart_countries=["JP"] if held else [], meetings=[meeting],
                         tagger_version="test", language=language, source=outlet, published=published,
                         fetched_at=published + timedelta(minutes=5), replayed=replayed)
