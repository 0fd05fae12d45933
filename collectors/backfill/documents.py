"""Single-article files: HTML pages (main text extracted by trafilatura) and plain text.

An article from a file has no feed link, so its id is the hash of its canonical URL when the page
declares one, else of its content (``sha256:<digest>``): moving the archive does not change it,
and loading the same file twice finds the same id.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from newswatch.collectors.backfill.items import Item, Unreadable, read_capped, stamp
from newswatch.collectors.ids import article_id
from newswatch.schema import Article

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def _content_id(body: bytes) -> str:
    ident = article_id(None, "sha256:" + hashlib.sha256(body).hexdigest())
    assert ident is not None
    return ident


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def load_html(path: Path, *, max_bytes: int) -> Item:
    body = read_capped(path, max_bytes)
    if isinstance(body, Unreadable):
        return body
    html = body.decode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - trafilatura on hostile HTML: report, do not crash
        return Unreadable(str(path), "invalid_html", f"{path}: extraction failed: {exc}", body[:4096])
    meta: dict = doc if isinstance(doc, dict) else doc.as_dict() if doc is not None else {}
    text = str(meta.get("text") or "").strip()
    if not text:
        return Unreadable(str(path), "no_text", f"{path}: no main text found", body[:4096])
    title = str(meta.get("title") or "").strip() or text.splitlines()[0][:300]
    first, _, rest = text.partition("\n")
    content = rest.strip() if first.strip() == title else text
    url = str(meta.get("url") or "")
    ident = article_id(url) if url.startswith(("http://", "https://")) else None
    article = Article(id=ident or _content_id(body), url=url if ident else path.resolve().as_uri(),
                      title=title, content=content, published=_date(meta.get("date")),
                      source=str(meta.get("sitename") or meta.get("hostname") or path.parent.name).strip())
    return stamp(article, path, str(path))


def load_text(path: Path, *, max_bytes: int) -> Item:
    body = read_capped(path, max_bytes)
    if isinstance(body, Unreadable):
        return body
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Unreadable(str(path), "invalid_utf8", f"{path}: not UTF-8 text: {exc}", body[:4096])
    title, _, content = text.strip().partition("\n")
    if not title.strip():
        return Unreadable(str(path), "no_title", f"{path}: empty, expected a title on the first line", body[:4096])
    article = Article(id=_content_id(body), url=path.resolve().as_uri(), title=title.strip(),
                      content=content.strip(), source=path.parent.name)
    return stamp(article, path, str(path))
