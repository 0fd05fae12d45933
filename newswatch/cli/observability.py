"""``newswatch metrics-sink`` (business metrics and consumer lag) and ``newswatch status``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from newswatch.cli.common import run_stage, state
from newswatch.cli.pipeline import IDLE_HELP


def metrics_sink(
    ctx: typer.Context,
    idle_exit: float | None = typer.Option(None, "--idle-exit", help=IDLE_HELP),
) -> None:
    """Export business metrics and every newswatch consumer group's lag on /metrics.

    Business metrics come from the tagged topic (own consumer group): meetings by host and
    counterpart country, articles by outcome, tagger scores, countries not resolved. The port is
    metrics.metrics_sink_port (default 9104).
    """
    run_stage(ctx, "metrics_sink", idle_exit_after=idle_exit)


def status(
    ctx: typer.Context,
    interval: float = typer.Option(2.0, "--interval", min=0.1,
                                   help="Seconds between the two scrapes that measure throughput."),
) -> None:
    """Show each consumer group's lag, each stage's current throughput and the last alert.

    Lag comes from Kafka (committed vs end offsets); throughput from two scrapes of each stage's
    /metrics endpoint (the ports of the metrics config section); the last alert from the tagged topic.
    """
    from newswatch.status import pipeline_status

    st = state(ctx)
    settings = st.settings()
    result = pipeline_status(settings, st.kafka(), interval=interval)
    console = Console(highlight=False)

    lag = Table(title="Consumer lag (records)", title_justify="left")
    lag.add_column("group")
    lag.add_column("lag", justify="right")
    for group, total in sorted(result.lag.items()):
        lag.add_row(group, str(total))
    console.print(lag)

    rates = Table(title=f"Throughput (records/s over {interval:g} s)", title_justify="left")
    for column in ("stage", "endpoint", "in/s", "out/s", "errors/s", "out total"):
        rates.add_column(column, justify="left" if column in ("stage", "endpoint") else "right")
    for stage, rate in result.stages.items():
        if rate.up:
            rates.add_row(stage, rate.url, f"{rate.received_per_second:.2f}", f"{rate.sent_per_second:.2f}",
                          f"{rate.errors_per_second:.2f}", f"{rate.sent_total:.0f}")
        else:
            rates.add_row(stage, rate.url, "down", "", "", "")
    console.print(rates)

    alert = result.last_alert
    if alert is None:
        console.print("Last alert: none found on the tagged topic")
    else:
        where = ", ".join(alert.counterpart_countries) or "no resolved counterpart"
        verb = "delivered" if result.last_alert_delivered else "waiting for delivery"
        console.print(f"Last alert ({verb}): {alert.tagged_at:%Y-%m-%d %H:%M:%S} UTC  "
                      f"host {alert.host_country or 'unknown'} with {where}", soft_wrap=True)
        console.print(f"  {alert.title}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("metrics-sink")(metrics_sink)
    app.command()(status)
