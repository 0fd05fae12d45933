"""Which routes a tagged article or a meeting goes to: each route's watch rules (empty rule = any)."""

from __future__ import annotations

from newswatch.schema import MeetingRecord, TaggedArticle
from newswatch.sinks.config import RouteConfig


def searchable_text(tagged: TaggedArticle) -> str:
    """What keywords are matched against: title, events, places, names and roles."""
    parts = [tagged.title]
    for meeting in tagged.held_meetings:
        parts += [meeting.event or "", meeting.location or ""]
        parts += [f"{p.name or ''} {p.role or ''}" for p in meeting.participants]
    return " ".join(parts).casefold()


def matches(route: RouteConfig, tagged: TaggedArticle) -> bool:
    if not tagged.is_defense_ministerial_meeting or tagged.score < route.min_score:
        return False
    if route.host_countries and tagged.host_country not in route.host_countries:
        return False
    if route.counterpart_countries and not set(route.counterpart_countries) & set(tagged.counterpart_countries):
        return False
    if route.keywords:
        text = searchable_text(tagged)
        if not any(k.casefold() in text for k in route.keywords):
            return False
    return True


def meeting_text(meeting: MeetingRecord) -> str:
    """What keywords are matched against for a meeting: its reports' titles, event, place, names, roles."""
    parts = [r.title for r in meeting.reports] + [meeting.event or "", meeting.location or ""]
    parts += [f"{p.name or ''} {p.role or ''}" for p in meeting.participants]
    return " ".join(parts).casefold()


def matches_meeting(route: RouteConfig, meeting: MeetingRecord) -> bool:
    """A meeting has parties, not a host: ``host_countries`` matches any party, ``counterpart_countries``
    any other party; ``min_score`` does not apply (every report of it passed the tagger)."""
    parties = set(meeting.parties)
    hosts = parties & set(route.host_countries) if route.host_countries else parties
    if not hosts:
        return False
    if route.counterpart_countries and not any(
            set(route.counterpart_countries) & (parties - {host}) for host in hosts):
        return False
    if route.keywords:
        text = meeting_text(meeting)
        if not any(k.casefold() in text for k in route.keywords):
            return False
    return True
