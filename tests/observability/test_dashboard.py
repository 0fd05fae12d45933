"""The committed dashboard is what the generator builds, and every panel asks about a real metric."""

from __future__ import annotations

import json

import yaml

from tests.support.dashboard import DASHBOARD, ROOT, builder, exported_names, expressions, metric_names, panels


def test_committed_json_is_the_generator_output():
    assert DASHBOARD.read_text(encoding="utf-8") == builder().render(), \
        "stale dashboard: run python deploy/grafana/build_dashboard.py"


def test_rows_are_overview_collectors_processors_sinks_in_order():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    rows = [p["title"].split(":")[0] for p in dashboard["panels"] if p["type"] == "row"]
    assert rows == ["Overview", "Collectors", "Processors", "Sinks"]
    titles = {p["title"] for p in panels(dashboard)}
    for wanted in ("Alerts today", "Meetings by counterpart country (24 h)", "End-to-end latency (p50 / p95) by hop",
                   "Feed health: seconds since last successful fetch", "Fetch errors by reason",
                   "304 Not Modified ratio", "Throughput by stage", "Consumer lag by group",
                   "Dead letters and errors by stage", "Alert deliveries by route", "Alert throttling"):
        assert wanted in titles


def test_panels_do_not_overlap():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    cells: dict[tuple[int, int], str] = {}
    for panel in panels(dashboard):
        g = panel["gridPos"]
        assert g["x"] + g["w"] <= 24, panel["title"]
        for x in range(g["x"], g["x"] + g["w"]):
            for y in range(g["y"], g["y"] + g["h"]):
                assert (x, y) not in cells, f"{panel['title']} overlaps {cells[(x, y)]}"
                cells[(x, y)] = panel["title"]


def test_every_expression_uses_only_metrics_newswatch_exports():
    known = exported_names() | {"up"}
    exprs = expressions()
    assert len(exprs) >= 20
    for title, expr in exprs:
        names = metric_names(expr)
        assert names, f"{title}: no metric in {expr}"
        assert names <= known, f"{title}: unknown metric(s) {names - known}"


def test_panels_use_the_provisioned_datasource():
    provisioned = yaml.safe_load((ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text())
    uid = provisioned["datasources"][0]["uid"]
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    for panel in panels(dashboard):
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == uid, panel["title"]
            assert all(t["datasource"]["uid"] == uid for t in panel["targets"])


def test_every_panel_is_described_in_the_docs():
    docs = (ROOT / "docs/observability.md").read_text(encoding="utf-8")
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    for panel in panels(dashboard):
        title = panel["title"].split(":")[0] if panel["type"] == "row" else panel["title"]
        assert (f"*{title}*" if panel["type"] != "row" else f"**{title} —") in docs, title


def test_the_docs_list_exactly_the_metrics_newswatch_exports():
    import re

    docs = (ROOT / "docs/observability.md").read_text(encoding="utf-8")
    documented = {name.removesuffix("_total") for name in re.findall(r"^\| `(newswatch_[a-z0-9_]+)` \|", docs,
                                                                       flags=re.M)}
    exported = {name.removesuffix("_total").removesuffix("_bucket") for name in exported_names()
                if not name.endswith(("_sum", "_count"))}
    assert documented == exported, (f"undocumented: {sorted(exported - documented)}; "
                                    f"documented but not exported: {sorted(documented - exported)}")
