"""What every command shares: global options, settings loading, stop-on-signal, metrics servers."""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from prometheus_client import CollectorRegistry

from newswatch.kafka_io import Kafka, connect
from newswatch.logs import configure_logging
from newswatch.metrics import MetricsServer, serve
from newswatch.redaction import secrets_in
from newswatch.settings import Settings, load_settings
from newswatch.stages import STAGES, stage_arguments


@dataclass
class CliState:
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    _settings: Settings | None = None

    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config, **self.overrides)
            configure_logging(self._settings.log_level, self._settings.log_format, secrets_in(self._settings))
        return self._settings

    def kafka(self) -> Kafka:
        settings = self.settings()
        kafka = connect(settings.kafka, settings.broker)
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


def run_stage(ctx: typer.Context, name: str, **kwargs: Any) -> Any:
    """Run one long-lived stage (a key of ``newswatch.stages.STAGES``): load settings and Kafka first
    (so a bad config or an unreachable broker fails before the heavy imports), serve its ``/metrics``,
    stop on SIGTERM/Ctrl-C. The stage gets its own config section, the topics and Kafka.
    """
    st = state(ctx)
    settings = st.settings()
    kafka = st.kafka()
    stage = STAGES[name]
    function = stage.function()
    registry = CollectorRegistry()
    server = metrics_endpoint(settings, getattr(settings.metrics, stage.port_field), registry)
    try:
        return function(**stage_arguments(settings, name), kafka=kafka, stop=stop_on_signals(), registry=registry,
                        **kwargs)
    finally:
        server.close()


def metrics_endpoint(settings: Settings, port: int, registry: CollectorRegistry) -> MetricsServer:
    server = serve(registry, settings.metrics.host, port)
    typer.secho(f"metrics: {server.url}", err=True, fg=typer.colors.BRIGHT_BLACK)
    return server
