"""Parse functions for tests of the parse workers: the real parse, unless the body asks otherwise."""

from __future__ import annotations

import os

from newswatch.collectors.rss import ParsedFeed, parse_job


def parse(body: bytes, source: str, headers: dict[str, str], url: str, language: str | None = None) -> ParsedFeed:
    if body == b"spin":  # a parse that never ends (what 10 MiB of '&' does to feedparser, for minutes)
        while True:
            pass
    if body == b"die":  # a worker killed under it (out of memory, a crash in a C extension)
        os._exit(9)
    if body == b"eat":  # grows until the worker's address-space limit stops it
        hoard = []
        while True:
            hoard.append(bytearray(16 * 1024 * 1024))
    return parse_job(body, source, headers, url, language)
