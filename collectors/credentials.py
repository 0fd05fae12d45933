"""Credentials in feed URLs (``https://user:password@host/feed``) are secrets.

httpx sends them as HTTP Basic auth, which is all they are for. Everywhere a URL is shown
(log lines, error messages, the ``feed`` metric label, ``Article.source`` and from there every
alert) it goes through ``public_url``, which drops the user-info part.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def has_credentials(url: str) -> bool:
    try:
        return "@" in urlsplit(url).netloc
    except ValueError:
        return False


def public_url(url: str) -> str:
    """``url`` without its user-info (``user:password@``); unparseable URLs lose everything before the
    last ``@`` of their authority, so nothing that might be a password survives."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.rsplit("@", 1)[-1] if "@" in url else url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))

