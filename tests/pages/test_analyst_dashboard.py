"""The analysts' Grafana dashboard: every SQL query it holds runs against a real PostgreSQL holding what
a real pipeline run stored, and returns the frames its panel needs (the node graph's ``nodes`` with
id/title/mainstat and ``edges`` with id/source/target). Grafana's macros are expanded as Grafana would."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import datetime

import psycopg
import pytest
import yaml

from tests.conftest import ROOT
from tests.pages.test_pages_browser import EXPECTED_EDGES, EXPECTED_NODES

GRAFANA = ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "newswatch-analyst.json"
#: Per panel type: refId -> columns every row must have filled.
REQUIRED = {
    "nodegraph": {"nodes": ["id", "title", "mainstat"], "edges": ["id", "source", "target", "mainstat"]},
    "geomap": {"A": ["country", "meetings"]},
    "timeseries": {"A": ["time", "metric", "value"]},
    "bargauge": {"A": ["outlet", "meetings"]},
    "table": {"A": ["time", "parties", "status", "meeting_id"]},
}


def expand(sql: str, country: str = "KR") -> str:
    """What Grafana sends for a range covering the data set, with ``$country`` chosen."""
    sql = re.sub(r"\$__timeFilter\(([^)]+)\)", r"\1 BETWEEN '2020-01-01T00:00:00Z' AND '2030-01-01T00:00:00Z'", sql)
    assert "$__" not in sql, sql
    return sql.replace("$country", country)


def run(url: str, sql: str) -> list[dict]:
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.execute(sql)
        names = [d.name for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text())


def test_the_committed_dashboard_is_what_the_builder_makes():
    spec = importlib.util.spec_from_file_location("build_analyst_dashboard", GRAFANA / "build_analyst_dashboard.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == DASHBOARD.read_text()


def test_every_panel_reads_the_provisioned_postgresql_datasource():
    provisioned = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "meetings.yml").read_text())
    source = provisioned["datasources"][0]
    wanted = {"type": source["type"], "uid": source["uid"]}
    for panel in dashboard()["panels"]:
        assert panel["datasource"] == wanted
        assert all(t["datasource"] == wanted for t in panel["targets"])
    assert {p["type"] for p in dashboard()["panels"]} == set(REQUIRED)


@pytest.mark.parametrize("panel", dashboard()["panels"], ids=lambda p: p["title"])
def test_each_query_returns_the_frames_its_panel_needs(pipeline_database, panel):
    required = REQUIRED[panel["type"]]
    assert {t["refId"] for t in panel["targets"]} == set(required)
    for target in panel["targets"]:
        rows = run(pipeline_database, expand(target["rawSql"]))
        assert rows, f"{panel['title']} / {target['refId']}: no rows"
        for row in rows:
            for column in required[target["refId"]]:
                assert row.get(column) is not None, f"{panel['title']} / {target['refId']}: empty {column} in {row}"


def test_the_node_graph_shows_the_pipelines_network(pipeline_database):
    graph = next(p for p in dashboard()["panels"] if p["type"] == "nodegraph")
    sql = {t["refId"]: expand(t["rawSql"]) for t in graph["targets"]}
    nodes = run(pipeline_database, sql["nodes"])
    edges = run(pipeline_database, sql["edges"])
    assert {n["id"] for n in nodes} == EXPECTED_NODES
    assert {(e["source"], e["target"]): e["mainstat"] for e in edges} == EXPECTED_EDGES
    assert len({e["id"] for e in edges}) == len(edges)
    for node in nodes:  # the ring's arcs fill the circle
        assert float(node["arc__held"] + node["arc__planned"] + node["arc__off"]) == pytest.approx(1.0)


def test_the_geomap_and_the_monthly_series_hold_the_known_meetings(pipeline_database):
    panels = {p["type"]: p for p in dashboard()["panels"]}
    counterparts = run(pipeline_database, expand(panels["geomap"]["targets"][0]["rawSql"], country="KR"))
    assert {r["country"]: r["meetings"] for r in counterparts} == {
        "AE": 1, "CA": 1, "CM": 1, "FI": 1, "JP": 2, "MN": 1, "MY": 1, "NATO": 1}
    months = run(pipeline_database, expand(panels["timeseries"]["targets"][0]["rawSql"]))
    assert all(isinstance(r["time"], datetime) for r in months)
    assert sum(r["value"] for r in months) == 14
    assert {r["metric"] for r in months} == {"held", "cancelled"}
    variable = dashboard()["templating"]["list"][0]
    assert "KR" in {r["__value"] for r in run(pipeline_database, variable["query"])}
