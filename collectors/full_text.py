"""Full text for feeds that give only a summary: fetch the article page, extract its main text.

The link comes from an untrusted feed, so the fetch goes through the same Fetcher as feeds:
address guard on every hop, size cap, time limit. Extraction is trafilatura's (maintained,
precision-oriented). Any failure leaves the article as the feed gave it.
"""

from __future__ import annotations

import logging

import msgspec

from newswatch.collectors.credentials import public_url
from newswatch.collectors.fetch import Fetcher, FetchError
from newswatch.schema import Article

log = logging.getLogger(__name__)


def extract_text(html: bytes, url: str | None = None) -> str:
    """The page's main text, or "" when trafilatura finds none."""
    # Imported here: trafilatura and its dependencies add about 20 MB to a collector whose feeds
    # (by default, all of them) never ask for full text.
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=False)
    except Exception:  # noqa: BLE001 - extractor bugs on hostile HTML must not stop the feed
        log.warning("full-text extraction failed", extra={"url": public_url(url or "")}, exc_info=True)
        return ""
    return (text or "").strip()


async def with_full_text(article: Article, fetcher: Fetcher, *, max_bytes: int, timeout: float) -> tuple[Article, str]:
    """The article with ``content`` filled from its page, and an outcome label for metrics."""
    if not article.url.startswith(("http://", "https://")):
        return article, "no_url"
    try:
        page = await fetcher.get(article.url, max_bytes=max_bytes, timeout=timeout)
    except FetchError as exc:
        log.info("full-text fetch failed", extra={"url": public_url(article.url), "reason": exc.reason})
        return article, exc.reason
    text = extract_text(page.body, page.url)
    if not text or len(text) <= len(article.content):
        return article, "empty"
    return msgspec.structs.replace(article, content=text), "ok"
