"""Why every other country a Korean or Japanese story names is no counterpart, for ``newswatch tag --explain``.

The reasons are those of :mod:`rejections` (the English chain's), read from the CJK reader's sentences
instead of spaCy spans: the first that applies of a meeting not held (its status and modality rule), an
office holder who is no principal (a foreign minister's country), the venue or forum of a held meeting, a
third party in a held meeting's sentence (``meeting.without_host`` when that meeting did not include the
host), an earlier meeting recalled, a capital, or only mentioned.
"""

from __future__ import annotations

from newswatch.processors.tag_meetings.cjk_reading import UNHELD_RANK, ArticleReader
from newswatch.processors.tag_meetings.kinds import Status
from newswatch.processors.tag_meetings.rejections import Reason, Rejection
from newswatch.processors.tag_meetings.verdict import Verdict


def rejected_countries(reader: ArticleReader, verdict: Verdict) -> list[Rejection]:
    """The reasons of :mod:`rejections`, read from the CJK reader's sentences: the first that applies of
    a meeting not held, an office holder who is no principal, the venue or forum of a held meeting, a third
    party in its sentence, an earlier meeting recalled, a capital, or only mentioned."""
    keep = {verdict.host, *verdict.counterparts}
    first_hit: dict[str, object] = {}
    for hit in reader.hits:
        if not hit.is_("country"):
            continue
        entry = reader.lex.countries[hit.form]
        if entry.kind == "not":
            continue
        for code in entry.codes:
            if code not in keep:
                first_hit.setdefault(code, hit)
    found: list[Rejection] = []
    text = reader.text
    for code, hit in first_hit.items():
        found.append(_why(reader, code, hit, text))
    return sorted(found, key=lambda r: r.country)


def _why(reader: ArticleReader, code: str, hit, text: str) -> Rejection:
    def sentence(a: int, b: int) -> str:
        return text[a:b].strip()

    for reading in reader.readings:
        if reading.status in UNHELD_RANK and code in reading.countries:
            rule = next((r for r in reading.rules if r.startswith("modality")), None)
            return Rejection(code, Reason(str(reading.status)), sentence(reading.start, reading.end), rule)
    for side, a, b in reader.office_holders:
        if side.country == code:
            return Rejection(code, Reason.NOT_A_PRINCIPAL, sentence(a, b), f"role.other:{side.role}")
    for reading in reader.readings:
        if reading.status is Status.HELD and reading.start <= hit.start < reading.end:
            place = reader.places.location(reading.start, reading.end, reading.trigger_at)
            forum = reader.places.event(reading.start, reading.end)
            if forum is not None and forum.start <= hit.start < forum.end:
                return Rejection(code, Reason.VENUE, sentence(reading.start, reading.end), "event.name")
            if place is not None and place.start <= hit.start < place.end:
                return Rejection(code, Reason.VENUE, sentence(reading.start, reading.end), "place.particle")
            rule = "meeting.without_host" if code in reading.countries else "meeting.not_a_party"
            return Rejection(code, Reason.THIRD_PARTY, sentence(reading.start, reading.end), rule)
    for reading in reader.readings:
        if reading.status is Status.BACKGROUND and code in reading.countries:
            rule = next((r for r in reading.rules if r.startswith("modality")), None)
            return Rejection(code, Reason.BACKGROUND, sentence(reading.start, reading.end), rule)
    a, b = next(((a, b) for a, b in reader._sentences if a <= hit.start < b), (hit.start, hit.end))
    if reader.lex.countries[hit.form].kind == "capital":
        return Rejection(code, Reason.VENUE, sentence(a, b), "country.capital")
    return Rejection(code, Reason.MENTIONED, sentence(a, b), None)
