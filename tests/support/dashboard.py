"""Reading the committed Grafana dashboard: its panels' PromQL, and the metric names newswatch exports."""

from __future__ import annotations

import importlib.util
import inspect
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from prometheus_client import CollectorRegistry

from newswatch import metrics

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "newswatch.json"
BUILDER = ROOT / "deploy" / "grafana" / "build_dashboard.py"

#: What Grafana would substitute for its macros. ``$__rate_interval`` grows with the time range a panel
#: shows; 10 minutes (a view of a few hours) keeps a one-off event of the test run (the seed's single
#: alert, delivered early) inside every rate window however slowly a busy machine gets to the queries.
MACROS = {"$__rate_interval": "10m", "$__range": "1h", "$__interval": "15s"}
_METRIC = re.compile(r"\b(newswatch_[a-z0-9_]+|up)\b(?!\s*\()")


def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_dashboard", BUILDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def panels(dashboard: dict) -> Iterator[dict]:
    for panel in dashboard["panels"]:
        yield panel
        yield from panel.get("panels", [])


def expressions(path: Path = DASHBOARD) -> list[tuple[str, str]]:
    """(panel title, PromQL with Grafana's macros substituted) for every target of every panel."""
    dashboard = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for panel in panels(dashboard):
        for target in panel.get("targets", []):
            expr = target["expr"]
            for macro, value in MACROS.items():
                expr = expr.replace(macro, value)
            found.append((panel["title"], expr))
    return found


def metric_names(expr: str) -> set[str]:
    return set(_METRIC.findall(expr))


def exported_names() -> set[str]:
    """Every sample name the classes in ``newswatch.metrics`` can export."""
    registry = CollectorRegistry()
    for name, cls in vars(metrics).items():
        if inspect.isclass(cls) and cls.__module__ == metrics.__name__ and name.endswith("Metrics"):
            cls(registry)
    sample = metrics.PartitionLag(group="g", topic="t", partition=0, committed=0, start=0, end=1)
    metrics.register_lag_collector(registry, lambda: (1.0, [sample]))
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",),
                "summary": ("_sum", "_count")}
    return {family.name + suffix for family in registry.collect() for suffix in suffixes.get(family.type, ("",))}
