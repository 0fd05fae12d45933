"""The pipeline's long-running stages: ``collect``, ``process``, ``alert``, all of them in ``run``,
and ``demo``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import typer
from prometheus_client import CollectorRegistry

from newswatch.cli.common import metrics_endpoint, run_stage, state, stop_on_signals
from newswatch.collectors.config import FeedConfig

IDLE_HELP = "Exit after this many seconds without new records (default: run until SIGTERM/Ctrl-C)."


def collect(
    ctx: typer.Context,
    feeds: list[str] = typer.Argument(
        None, help="Feed URLs or local feed files (default: collector.feeds from the config)."
    ),
    once: bool = typer.Option(False, "--once", help="Run one poll cycle and exit (for cron jobs and tests)."),
) -> None:
    """Poll RSS/Atom feeds and publish each new story once to the articles topic.

    Feeds come from [\\[collector.feeds]] in the config (see `newswatch feeds import`). Each poll is a
    conditional GET; a feed is next polled after max(interval, TTL, Retry-After, max-age), capped by
    collector.max_interval_seconds; failing feeds back off and are parked after collector.error_limit
    errors. What was published (and each feed's ETag/Last-Modified) is remembered in a compacted
    Kafka topic, so restarts and overlapping feeds publish nothing twice. --once polls the feeds that
    are due and exits (for cron jobs).
    """
    stats = run_stage(ctx, "newswatch.collectors.run:run_collector", "collector_port", once=once,
                      feeds=[FeedConfig(url=u) for u in feeds] if feeds else None)
    typer.echo(f"feeds {stats.feeds}: {stats.new} new, {stats.duplicates} duplicate, "
               f"{stats.errors} errors, {stats.bozo} malformed, {stats.not_modified} not modified, "
               f"{stats.parked} parked")


def process(
    ctx: typer.Context,
    idle_exit: float | None = typer.Option(None, "--idle-exit", help=IDLE_HELP),
) -> None:
    """Tag articles: consume the articles topic, publish TaggedArticle records, dead-letter poison."""
    run_stage(ctx, "newswatch.processors.run:run_processor", "processor_port", idle_exit_after=idle_exit)


def alert(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="With --render: TaggedArticle JSON-lines files (default: stdin)."),
    render: bool = typer.Option(False, "--render",
                                help="Print the Slack payload each TaggedArticle line would produce; send nothing."),
    idle_exit: float | None = typer.Option(None, "--idle-exit", help=IDLE_HELP),
) -> None:
    """Send a Slack-style alert for every tagged meeting (to the console when no webhook is configured).

    Routes, watch rules, rate limits and dedup live in the config file's alert section (see
    docs/alerts.md). Webhook URLs are secrets: NEWSWATCH_ALERT__WEBHOOK_URL, alert.webhook_url,
    or per route webhook_url_env / webhook_url_file. With --render, print the payloads instead.
    """
    if render:
        import sys

        from newswatch.sinks.render import numbered_lines
        from newswatch.sinks.render import render as render_payloads

        stats = render_payloads(numbered_lines(paths or [], sys.stdin), sys.stdout, sys.stderr)
        if stats.errors:
            raise typer.Exit(1)
        return
    run_stage(ctx, "newswatch.sinks.run:run_alert_sink", "alert_port", idle_exit_after=idle_exit)


def run(ctx: typer.Context) -> None:
    """Run collector, processor, alert sink and metrics sink together in one process until SIGTERM/Ctrl-C."""
    from newswatch.collectors.run import run_collector
    from newswatch.processors.run import run_processor
    st = state(ctx)
    settings = st.settings()
    kafka = st.kafka()
    from newswatch.sinks.metrics_run import run_metrics_sink
    from newswatch.sinks.run import run_alert_sink

    stop = stop_on_signals()
    ports = {"collector": settings.metrics.collector_port, "processor": settings.metrics.processor_port,
             "alert": settings.metrics.alert_port, "metrics_sink": settings.metrics.metrics_sink_port}
    registries = {name: CollectorRegistry() for name in ports}
    servers = [metrics_endpoint(settings, ports[name], reg) for name, reg in registries.items()]
    targets: dict[str, Callable[..., object]] = {
        "collector": run_collector, "processor": run_processor, "alert": run_alert_sink,
        "metrics_sink": run_metrics_sink}
    threads = [threading.Thread(target=fn, name=name, daemon=True,
                                kwargs={"settings": settings, "kafka": kafka, "stop": stop,
                                        "registry": registries[name]})
               for name, fn in targets.items()]
    for thread in threads:
        thread.start()
    try:
        while not stop.wait(1.0):
            if not all(t.is_alive() for t in threads):
                stop.set()
                raise typer.Exit(1)
    finally:
        for thread in threads:
            thread.join(timeout=30)
        for server in servers:
            server.close()


def demo(
    ctx: typer.Context,
    seeds: Path = typer.Option(Path("seeds"), help="Folder holding feed.xml (the seed document as a feed)."),
    follow: bool = typer.Option(False, "--follow", help="Keep polling after the first alert, until Ctrl-C."),
) -> None:
    """Show the whole pipeline on seeds/: embedded Kafka broker, collector, tagger, alert in the terminal."""
    from newswatch.demo import run_demo

    result = run_demo(state(ctx).settings(), seeds, follow=follow, say=lambda s: typer.echo(s, err=True))
    if result.alerted < 1:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    for fn in (collect, process, alert, run, demo):
        app.command()(fn)
