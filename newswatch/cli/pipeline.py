"""The pipeline's long-running stages: ``collect``, ``process``, ``alert``, all of them in ``run``,
and ``demo``."""

from __future__ import annotations

import threading
from pathlib import Path

import typer
from prometheus_client import CollectorRegistry

from newswatch.cli.common import metrics_endpoint, run_stage, state, stop_on_signals
from newswatch.collectors.config import FeedConfig
from newswatch.stages import STAGES, stage_arguments

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
    stats = run_stage(ctx, "collector", once=once,
                      feeds=[FeedConfig(url=u) for u in feeds] if feeds else None)
    typer.echo(f"feeds {stats.feeds}: {stats.new} new, {stats.duplicates} duplicate, "
               f"{stats.errors} errors, {stats.bozo} malformed, {stats.not_modified} not modified, "
               f"{stats.parked} parked")


def process(
    ctx: typer.Context,
    idle_exit: float | None = typer.Option(None, "--idle-exit", help=IDLE_HELP),
) -> None:
    """Tag articles: consume the articles topic, publish TaggedArticle records, dead-letter poison."""
    run_stage(ctx, "processor", idle_exit_after=idle_exit)


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
    run_stage(ctx, "alert", idle_exit_after=idle_exit)


def run(ctx: typer.Context) -> None:
    """Run collector, processor, alert sink, metrics sink, meeting resolver and meeting store together in
    one process until SIGTERM/Ctrl-C."""
    st = state(ctx)
    settings = st.settings()
    kafka = st.kafka()
    stop = stop_on_signals()
    registries = {name: CollectorRegistry() for name in STAGES}
    servers = [metrics_endpoint(settings, getattr(settings.metrics, STAGES[name].port_field), reg)
               for name, reg in registries.items()]
    threads = [threading.Thread(target=stage.function(), name=name, daemon=True,
                                kwargs={**stage_arguments(settings, name), "kafka": kafka, "stop": stop,
                                        "registry": registries[name]})
               for name, stage in STAGES.items()]
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
