"""Generate the analysts' Grafana dashboard, "newswatch: who meets whom", as ``dashboards/newswatch-analyst.json``.

    python deploy/grafana/build_analyst_dashboard.py           # rewrite the committed JSON
    python deploy/grafana/build_analyst_dashboard.py --check   # exit 1 when the committed JSON is stale

Every panel reads the meeting store in PostgreSQL (datasource uid ``newswatch-meetings``, provisioned
in provisioning/datasources/meetings.yml): a node graph of who met whom (a ``nodes`` and an ``edges``
frame), a geomap of one country's counterparts by ISO code, meetings per month by status, the latest
meetings with links to their pages on ``newswatch serve``, and the outlets that reported first.
tests/pages/test_analyst_dashboard.py runs every query against a real PostgreSQL holding pipeline data.
The panels are plain Grafana JSON (grafanalib has no node graph or geomap panel).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent / "dashboards" / "newswatch-analyst.json"
DATASOURCE = {"type": "grafana-postgresql-datasource", "uid": "newswatch-meetings"}
STATUS_COLOURS = {"held": "blue", "planned": "orange", "postponed": "purple", "cancelled": "red", "denied": "gray"}

#: ``$__timeFilter(...)`` keeps the dashboard's time range; ``$country`` is the dashboard's country variable.
IN_RANGE = "$__timeFilter(m.meeting_date)"

NODES_SQL = f"""SELECT p.country AS id, p.country AS title, count(*) AS mainstat,
  avg(CASE WHEN m.status = 'held' THEN 1.0 ELSE 0.0 END) AS arc__held,
  avg(CASE WHEN m.status = 'planned' THEN 1.0 ELSE 0.0 END) AS arc__planned,
  avg(CASE WHEN m.status IN ('postponed', 'cancelled', 'denied') THEN 1.0 ELSE 0.0 END) AS arc__off
FROM meetings m JOIN meeting_parties p ON p.meeting_id = m.meeting_id
WHERE {IN_RANGE}
GROUP BY p.country ORDER BY mainstat DESC"""

EDGES_SQL = f"""SELECT a.country || '-' || b.country AS id, a.country AS source, b.country AS target,
  count(*) AS mainstat, sum(CASE WHEN m.status = 'held' THEN 1 ELSE 0 END) AS secondarystat
FROM meetings m
JOIN meeting_parties a ON a.meeting_id = m.meeting_id
JOIN meeting_parties b ON b.meeting_id = m.meeting_id AND a.country < b.country
WHERE {IN_RANGE}
GROUP BY a.country, b.country ORDER BY mainstat DESC"""

COUNTERPARTS_SQL = f"""SELECT c.country AS country, count(*) AS meetings
FROM meetings m
JOIN meeting_parties a ON a.meeting_id = m.meeting_id AND a.country = '$country'
JOIN meeting_parties c ON c.meeting_id = m.meeting_id AND c.country <> a.country
WHERE {IN_RANGE}
GROUP BY c.country ORDER BY meetings DESC"""

PER_MONTH_SQL = f"""SELECT date_trunc('month', m.meeting_date) AS time, m.status AS metric, count(*) AS value
FROM meetings m
WHERE {IN_RANGE}
GROUP BY 1, 2 ORDER BY 1, 2"""

LATEST_SQL = f"""SELECT m.meeting_date AS time, replace(m.parties, '+', ' – ') AS parties, m.status, m.kind,
  m.location, m.report_count AS reports, m.first_outlet AS first_outlet, m.meeting_id
FROM meetings m
WHERE {IN_RANGE}
ORDER BY m.meeting_date DESC, m.meeting_id LIMIT 100"""

FIRST_OUTLETS_SQL = f"""SELECT m.first_outlet AS outlet, count(*) AS meetings
FROM meetings m
WHERE {IN_RANGE} AND m.first_outlet IS NOT NULL
GROUP BY m.first_outlet ORDER BY meetings DESC, outlet LIMIT 20"""

COUNTRIES_SQL = "SELECT DISTINCT country AS __text, country AS __value FROM meeting_parties ORDER BY 1"


def target(sql: str, ref: str, fmt: str = "table") -> dict[str, Any]:
    return {"refId": ref, "datasource": DATASOURCE, "editorMode": "code", "format": fmt, "rawQuery": True,
            "rawSql": sql}


def panel(kind: str, title: str, description: str, targets: list[dict[str, Any]], grid: tuple[int, int, int, int],
          *, options: dict[str, Any] | None = None, defaults: dict[str, Any] | None = None,
          overrides: list[dict[str, Any]] | None = None, panel_id: int) -> dict[str, Any]:
    h, w, x, y = grid
    return {"id": panel_id, "type": kind, "title": title, "description": description, "datasource": DATASOURCE,
            "gridPos": {"h": h, "w": w, "x": x, "y": y}, "targets": targets, "options": options or {},
            "fieldConfig": {"defaults": defaults or {}, "overrides": overrides or []}}


def colour_of(field: str, colour: str) -> dict[str, Any]:
    return {"matcher": {"id": "byName", "options": field},
            "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": colour}}]}


def panels() -> list[dict[str, Any]]:
    return [
        panel("nodegraph", "Who meets whom",
              "Parties as nodes (main figure: meetings; ring: share held, planned, called off), pairs that met as "
              "edges (meetings, of which held). The pages of newswatch serve draw the same network at /view/network.",
              [target(NODES_SQL, "nodes"), target(EDGES_SQL, "edges")], (14, 14, 0, 0), panel_id=1,
              overrides=[colour_of("arc__held", STATUS_COLOURS["held"]),
                         colour_of("arc__planned", STATUS_COLOURS["planned"]),
                         colour_of("arc__off", STATUS_COLOURS["cancelled"])],
              options={"nodes": {"mainStatUnit": "none"}, "edges": {"mainStatUnit": "none"}}),
        panel("geomap", "Counterparts of $country",
              "Each counterpart of the chosen country (variable at the top), sized and coloured by meetings; "
              "countries are placed by ISO 3166-1 alpha-2 code. Organisations (NATO, EU...) have no place on "
              "the map: the table below lists them.",
              [target(COUNTERPARTS_SQL, "A")], (14, 10, 14, 0), panel_id=2,
              defaults={"color": {"mode": "continuous-BlPu"}, "unit": "none"},
              options={"view": {"id": "zero", "lat": 20, "lon": 0, "zoom": 1},
                       "controls": {"showZoom": True, "mouseWheelZoom": True},
                       "basemap": {"type": "default", "name": "Basemap"},
                       "layers": [{"type": "markers", "name": "Counterparts", "tooltip": True,
                                   "location": {"mode": "lookup", "lookup": "country",
                                                "gazetteer": "public/gazetteer/countries.json"},
                                   "config": {"showLegend": True,
                                              "size": {"field": "meetings", "min": 4, "max": 24,
                                                       "fixed": 5},
                                              "color": {"field": "meetings", "fixed": "blue"}}}]}),
        panel("timeseries", "Meetings per month, by status",
              "Meetings filed under each month (the date first reported held, else the first report's), one "
              "series per status.", [target(PER_MONTH_SQL, "A", "time_series")], (9, 14, 0, 14), panel_id=3,
              defaults={"custom": {"drawStyle": "bars", "stacking": {"mode": "normal", "group": "A"},
                                   "fillOpacity": 80}, "unit": "none"},
              overrides=[colour_of(status, colour) for status, colour in STATUS_COLOURS.items()]),
        panel("bargauge", "First to report",
              "Outlets by how many meetings they reported first.", [target(FIRST_OUTLETS_SQL, "A")],
              (9, 10, 14, 14), panel_id=4,
              options={"orientation": "horizontal", "displayMode": "gradient", "showUnfilled": True,
                       "reduceOptions": {"values": True, "calcs": [], "fields": "/^meetings$/"}},
              defaults={"unit": "none", "min": 0}),
        panel("table", "Latest meetings",
              "Newest first; the meeting id opens the meeting's page on newswatch serve (variable serve_url).",
              [target(LATEST_SQL, "A")], (12, 24, 0, 23), panel_id=5,
              options={"showHeader": True, "cellHeight": "sm"},
              overrides=[{"matcher": {"id": "byName", "options": "meeting_id"},
                          "properties": [{"id": "links", "value": [
                              {"title": "Open the meeting's page", "targetBlank": True,
                               "url": "${serve_url}/view/meetings/${__value.raw}"}]}]}]),
    ]


def dashboard() -> dict[str, Any]:
    return {
        "uid": "newswatch-analyst", "title": "newswatch: who meets whom", "editable": False,
        "description": "Defense-ministerial meetings from the meeting store (PostgreSQL): who meets whom, where, "
                       "how often, and who reported it first.",
        "tags": ["newswatch", "meetings"], "timezone": "utc", "schemaVersion": 39, "version": 1,
        "time": {"from": "now-2y", "to": "now"}, "refresh": "5m",
        "links": [{"title": "Operations dashboard", "type": "dashboards", "tags": ["newswatch"], "asDropdown": False}],
        "templating": {"list": [
            {"name": "country", "label": "Country", "type": "query", "datasource": DATASOURCE,
             "query": COUNTRIES_SQL, "definition": COUNTRIES_SQL, "refresh": 1, "sort": 1,
             "current": {"text": "KR", "value": "KR"}, "includeAll": False, "multi": False},
            {"name": "serve_url", "label": "newswatch serve", "type": "textbox",
             "query": "http://localhost:8088", "current": {"text": "http://localhost:8088",
                                                           "value": "http://localhost:8088"}},
        ]},
        "panels": panels(),
    }


def render() -> str:
    return json.dumps(dashboard(), indent=2, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed JSON is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            print(f"{OUTPUT} is stale: run python deploy/grafana/build_analyst_dashboard.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
