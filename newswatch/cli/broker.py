"""``newswatch broker start|stop|status``: the embedded local Kafka broker."""

from __future__ import annotations

import typer

from newswatch.broker import LocalBroker
from newswatch.cli.common import state

broker_app = typer.Typer(
    help=(
        "Run a real Apache Kafka 4.x broker (KRaft, single node) on 127.0.0.1, assembled from Maven "
        "Central on first use (needs Java 17+ and Maven once; jars cached per user). Every command "
        "that needs Kafka and has no bootstrap servers configured uses this broker."
    ),
    no_args_is_help=True,
)


def _broker(ctx: typer.Context) -> LocalBroker:
    cfg = state(ctx).settings().broker
    return LocalBroker(cfg.home, port=cfg.port, heap=cfg.heap)


@broker_app.command()
def start(ctx: typer.Context,
          timeout: float = typer.Option(120.0, help="Seconds to wait for the broker to answer.")) -> None:
    """Start the broker (or reuse a running one) and print its bootstrap address."""
    broker = _broker(ctx)
    bootstrap = broker.start(timeout=timeout)
    typer.echo(bootstrap)


@broker_app.command()
def stop(ctx: typer.Context) -> None:
    """Stop the broker cleanly (SIGTERM, then SIGKILL after 30 s)."""
    stopped = _broker(ctx).stop()
    typer.echo("stopped" if stopped else "not running")


@broker_app.command()
def status(ctx: typer.Context) -> None:
    """Say whether the broker runs, its pid and bootstrap address. Exit code 1 when stopped."""
    result = _broker(ctx).status()
    typer.echo(result.describe())
    raise typer.Exit(0 if result.running else 1)


def register(app: typer.Typer) -> None:
    app.add_typer(broker_app, name="broker")
