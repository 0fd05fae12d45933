"""``[serve]``: the pages of ``newswatch serve`` and the address alerts link to."""

from __future__ import annotations

from pathlib import Path

from pydantic import field_validator

from newswatch.config import Frozen


class ServeConfig(Frozen):
    """``public_url``: where people reach ``newswatch serve`` (e.g. ``https://meetings.example.org``);
    when set, every alert links to its meetings' pages there. ``assets_dir``: the ``node_modules``
    folder holding d3, topojson-client, world-atlas and world-countries (default: the one ``make setup``
    fills, ``build/web/node_modules`` in the checkout). ``pages = false`` serves the JSON API alone."""

    public_url: str | None = None
    assets_dir: Path | None = None
    pages: bool = True

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is None:
            return None
        if not url.startswith(("http://", "https://")):
            raise ValueError("serve.public_url must start with http:// or https://")
        return url.rstrip("/")
