"""Addresses of the pages, for whoever links to them (alerts). Pure functions, no web framework."""

from __future__ import annotations

from urllib.parse import quote


def article_meetings_url(public_url: str, article_id: str) -> str:
    """The page of the meetings an article reported (it redirects to the meeting when there is one)."""
    return f"{public_url.rstrip('/')}/view/reports/{quote(article_id, safe='')}"


def meeting_url(public_url: str, meeting_id: str) -> str:
    return f"{public_url.rstrip('/')}/view/meetings/{quote(meeting_id, safe='')}"
