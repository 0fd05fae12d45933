"""The pages' routes, mounted on the API's FastAPI app by :func:`mount_pages`.

Every page is server-rendered HTML (Jinja2, autoescaped) that works without JavaScript for its
filters; the Network, Map and Timeline pages then draw from JSON with the vendored d3. Pages carry
a Content-Security-Policy that allows only this server's own scripts, so text that slipped through
as markup still could not run.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import msgspec
from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newswatch.countries import display_name
from newswatch.sinks.meeting_pages.assets import VENDOR_FILES, WORLD_COUNTRIES, assets_dir
from newswatch.sinks.meeting_pages.config import ServeConfig
from newswatch.sinks.meeting_pages.graph import STATUSES, graph
from newswatch.sinks.meeting_pages.regions import Regions
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.query import MeetingFilter, find_meetings

HERE = Path(__file__).resolve().parent
Status = Literal["held", "planned", "postponed", "cancelled", "denied"]
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a report's link becomes a link only when it is a web address."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _moment(d: date | None) -> datetime | None:
    return None if d is None else datetime(d.year, d.month, d.day, tzinfo=UTC)


def _code(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value or None


def mount_pages(app: FastAPI, store: MeetingStoreConfig, serve: ServeConfig) -> None:
    """Add the pages to ``app``; raises :class:`AssetsMissingError` at start when npm's files are missing."""
    vendor = assets_dir(serve.assets_dir)
    regions = Regions.load(vendor / WORLD_COUNTRIES)
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                            trim_blocks=True, lstrip_blocks=True)
    templates.globals.update(display_name=display_name, safe_url=safe_url, statuses=STATUSES,
                             regions=regions.names())
    local = threading.local()

    def db() -> Database:
        conn = getattr(local, "db", None)
        if conn is None:
            conn = local.db = Database(store.url.get_secret_value())
        return conn

    def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = templates.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)

    app.mount("/static/newswatch", StaticFiles(directory=HERE / "static"), name="newswatch-static")

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor_file(name: str) -> FileResponse:
        if name not in VENDOR_FILES:
            raise HTTPException(404, "no such file")
        return FileResponse(vendor / VENDOR_FILES[name], headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/view/network")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/graph", summary="Meetings as a network: parties as nodes, pairs that met as edges",
             response_class=JSONResponse)
    def network_data(since: date | None = None, until: date | None = None, status: Status | None = None,
              region: str | None = Query(None, description="Keep meetings with a party in this region.")) -> Any:
        if region and region not in regions.names():
            raise HTTPException(422, f"unknown region {region!r}; one of {', '.join(regions.names())}")
        flt = MeetingFilter(since=_moment(since), until=_moment(until), status=status)
        # msgspec encodes thousands of edges in a fraction of the time FastAPI's encoder takes
        return Response(msgspec.json.encode(graph(db(), flt, regions, region)),
                        media_type="application/json")

    @app.get("/view/data/countries.json", include_in_schema=False)
    def countries() -> JSONResponse:
        return JSONResponse(regions.as_json(), headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/view/network", response_class=HTMLResponse, include_in_schema=False)
    def network(since: date | None = None, until: date | None = None, status: Status | None = None,
                region: str | None = None, focus: str | None = None) -> HTMLResponse:
        return page("network.html", title="Network", active="network",
                    filters={"since": since, "until": until, "status": status, "region": region,
                             "focus": _code(focus)})

    @app.get("/view/map", response_class=HTMLResponse, include_in_schema=False)
    def world_map(country: str | None = None, since: date | None = None, until: date | None = None,
                  status: Status | None = None) -> HTMLResponse:
        return page("map.html", title="Map", active="map",
                    filters={"country": _code(country) or "", "since": since, "until": until, "status": status})

    @app.get("/view/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline(a: str | None = None, b: str | None = None, since: date | None = None,
                 until: date | None = None) -> HTMLResponse:
        return page("timeline.html", title="Timeline", active="timeline",
                    filters={"a": _code(a) or "", "b": _code(b) or "", "since": since, "until": until})

    @app.get("/view/meetings/{meeting_id}", response_class=HTMLResponse, include_in_schema=False)
    def meeting(meeting_id: str) -> HTMLResponse:
        found = find_meetings(db(), MeetingFilter(), limit=1, meeting_id=meeting_id)
        if not found:
            return page("missing.html", status_code=404, title="No such meeting", active="",
                        what=f"No meeting {meeting_id} in the store.")
        row = found[0]
        parties = row.record.parties
        pair = urlencode({"a": parties[0], "b": parties[1]}) if len(parties) >= 2 else ""
        return page("meeting.html", title=" – ".join(display_name(p) for p in parties), active="",
                    row=row, record=row.record, timeline_query=pair)

    @app.get("/view/reports/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def report(article_id: str) -> Response:
        """Where an alert links: the meetings an article reported (straight to the page when it is one)."""
        ids = [r["meeting_id"] for r in db().query(
            "SELECT DISTINCT meeting_id FROM reports WHERE article_id = ? ORDER BY meeting_id", [article_id])]
        if len(ids) == 1:
            return RedirectResponse(f"/view/meetings/{ids[0]}")
        rows = [r for i in ids for r in find_meetings(db(), MeetingFilter(), limit=1, meeting_id=i)]
        if not rows:
            return page("missing.html", status_code=404, title="Not recorded yet", active="",
                        what="The meeting store has no meeting from this article yet: it may still be on its way.")
        return page("reports.html", title="Meetings in one article", active="", rows=rows)
