"""The ``newswatch`` command line: one typer app, one module per command group.

Each module under ``newswatch.cli`` exposes ``register(app)``; this file only lists them,
so a new command is a new module plus one line here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from newswatch.cli.common import CliState
from newswatch.errors import NewswatchError

app = typer.Typer(
    name="newswatch",
    help=(
        "Watch the world's news for defense-ministerial meetings.\n\n"
        "Data flow: collectors (RSS/Atom) -> Kafka newswatch.articles -> processors (spaCy tagger) "
        "-> Kafka newswatch.tagged -> sinks (Slack webhook alerts, Prometheus metrics). "
        "With no Kafka bootstrap servers configured, commands start (or reuse) an embedded local broker."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    config: Path | None = typer.Option(
        None, "--config", "-c", envvar="NEWSWATCH_CONFIG", dir_okay=False,
        help="TOML config file (default: ./newswatch.toml when present). "
        "Env vars NEWSWATCH_<SECTION>__<KEY> override it.",
    ),
    bootstrap_servers: str | None = typer.Option(
        None, "--bootstrap-servers", "-b",
        help="Kafka bootstrap servers (host:port,...). Default: the embedded local broker, started on demand.",
    ),
    log_level: str | None = typer.Option(None, "--log-level", help="DEBUG, INFO, WARNING or ERROR."),
    log_format: str | None = typer.Option(
        None, "--log-format", help="'text' (default) or 'json' (one object per line)."
    ),
) -> None:
    overrides: dict[str, Any] = {}
    if bootstrap_servers:
        overrides["kafka"] = {"bootstrap_servers": bootstrap_servers}
    if log_level:
        overrides["log_level"] = log_level.upper()
    if log_format:
        overrides["log_format"] = log_format
    ctx.obj = CliState(config=config, overrides=overrides)


_REGISTERED: list[str] = []


def _register_all() -> None:
    """Add every command module's commands to ``app`` (idempotent)."""
    if _REGISTERED:
        return
    from newswatch.cli import broker, feeds, meetings, observability, pipeline, replay, tag

    for module in (broker, pipeline, meetings, tag, observability, replay, feeds):
        module.register(app)
        _REGISTERED.append(module.__name__)


def main() -> None:
    """Console-script entry point: clear one-line errors, never a traceback for expected failures."""
    _register_all()
    try:
        app()
    except NewswatchError as exc:
        typer.secho(f"newswatch: error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(exc.exit_code)
