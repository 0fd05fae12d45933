"""The ``newswatch`` command line: one typer app, one module per command group.

Each module under ``newswatch.cli`` exposes ``register(app)``; this file only lists them,
so a new command is a new module plus one line here.
"""

from __future__ import annotations

import sys

import typer

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


def _register_all() -> None:
    from newswatch.cli import broker, pipeline, tag

    for module in (broker, pipeline, tag):
        module.register(app)


def main() -> None:
    """Console-script entry point: clear one-line errors, never a traceback for expected failures."""
    _register_all()
    try:
        app()
    except NewswatchError as exc:
        typer.secho(f"newswatch: error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(exc.exit_code)
