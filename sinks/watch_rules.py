"""Which routes a tagged article goes to: each route's watch rules (empty rule = any)."""

from __future__ import annotations

from newswatch.schema import TaggedArticle
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
