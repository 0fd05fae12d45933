"""What every command shares: global options, settings loading, stop-on-signal, metrics servers."""

from __future__ import annotations

import importlib
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from prometheus_client import CollectorRegistry

from newswatch.config import Settings, load_settings
from newswatch.kafka_io import Kafka, connect
from newswatch.logs import configure_logging
from newswatch.metrics import MetricsServer, serve
from newswatch.redaction import mask_secrets_in_logs, secrets_in


@dataclass
class CliState:
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    _settings: Settings | None = None

    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config, **self.overrides)
            configure_logging(self._settings.log_level, self._settings.log_format)
            mask_secrets_in_logs(secrets_in(self._settings))
        return self._settings

    def kafka(self) -> Kafka:
        settings = self.settings()
        kafka = connect(settings)
        kafka.ensure_topics(settings.topics)
        return kafka


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliState):
        obj = CliState()
        ctx.find_root().obj = obj
    return obj


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT, so loops finish their batch and commit before exiting."""
    stop = threading.Event()

    def _handler(signum: int, _frame: object) -> None:
        if stop.is_set():  # second Ctrl-C: give up at once
            raise KeyboardInterrupt
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _handler)
        signal.signal(signal.SIGINT, _handler)
    return stop


def run_stage(ctx: typer.Context, runner: str, port_field: str, **kwargs: Any) -> Any:
    """Run one long-lived stage: load settings and Kafka first (so a bad config or an unreachable
    broker fails before the heavy imports), serve its ``/metrics``, stop on SIGTERM/Ctrl-C.

    ``runner`` names the stage function as ``"module:function"``; it is called as
    ``function(settings, kafka, stop=..., registry=..., **kwargs)``.
    """
    st = state(ctx)
    settings = st.settings()
    kafka = st.kafka()
    module, _, name = runner.partition(":")
    stage = getattr(importlib.import_module(module), name)
    registry = CollectorRegistry()
    server = metrics_endpoint(settings, getattr(settings.metrics, port_field), registry)
    try:
        return stage(settings, kafka, stop=stop_on_signals(), registry=registry, **kwargs)
    finally:
        server.close()


def metrics_endpoint(settings: Settings, port: int, registry: CollectorRegistry) -> MetricsServer:
    server = serve(registry, settings.metrics.host, port)
    typer.secho(f"metrics: {server.url}", err=True, fg=typer.colors.BRIGHT_BLACK)
    return server
