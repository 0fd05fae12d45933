"""``newswatch feeds``: the feed list as data. Import and export OPML, check every feed once,
list and resume parked feeds."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from newswatch.cli.common import state
from newswatch.errors import ConfigError, NewswatchError
from newswatch.settings import config_path

if TYPE_CHECKING:
    from newswatch.collectors.schedule import FeedState
    from newswatch.collectors.state_store import KafkaStateStore

feeds_app = typer.Typer(help="Manage the feed list: OPML import/export, a one-off check, parked feeds.",
                        no_args_is_help=True)


def _target(ctx: typer.Context) -> Path:
    return config_path(state(ctx).config) or Path("newswatch.toml")


@feeds_app.command("import")
def import_opml(
    ctx: typer.Context,
    opml: Path = typer.Argument(..., exists=True, dir_okay=False, help="OPML file exported from a feed reader."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the [\\[collector.feeds]] tables instead of writing."),
) -> None:
    """Add the feeds of an OPML file to the config file.

    Writes to the file named by --config (or $NEWSWATCH_CONFIG), else ./newswatch.toml (created when
    missing). Feeds are appended as [\\[collector.feeds]] tables; URLs already configured are skipped;
    the rest of the file is left exactly as it was. OPML folders and categories become tags.
    """
    from newswatch.collectors.opml import OpmlError, append_feeds, read_opml, toml_block, vet_imports

    try:
        feeds, refused = vet_imports(read_opml(opml.read_bytes()))
        for url, reason in refused:
            typer.echo(f"refused {url}: {reason}", err=True)
        if dry_run:
            for feed in feeds:
                typer.echo(toml_block(feed))
            return
        target = _target(ctx)
        added = append_feeds(target, feeds)
    except OpmlError as exc:
        raise ConfigError(f"{opml}: {exc}") from None
    state(ctx).config = target
    state(ctx).settings()  # the result must still be a valid config
    typer.echo(f"{len(added)} feed(s) added to {target} ({len(feeds) - len(added)} already there"
               + (f", {len(refused)} refused)" if refused else ")"))


@feeds_app.command("export")
def export_opml(
    ctx: typer.Context,
    output: Path | None = typer.Option(None, "--output", "-o", dir_okay=False, help="Write here instead of stdout."),
) -> None:
    """Write the configured feeds as OPML 2.0 (tags become the category attribute)."""
    from newswatch.collectors.opml import write_opml

    data = write_opml(state(ctx).settings().collector.feeds)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@feeds_app.command("check")
def check(ctx: typer.Context) -> None:
    """Fetch every configured feed once and report status, items and parse warnings, and when the
    collector would poll each feed next and why (its publishing pattern, or the politeness rule that
    holds it back).

    Publishes nothing and changes no stored state; honours the address guard, timeouts and size
    cap. Exits 1 when any feed fails.
    """
    from newswatch.collectors.check import check_feeds

    settings = state(ctx).settings()
    if not settings.collector.feeds:
        raise ConfigError("no feeds configured: add [[collector.feeds]] or run `newswatch feeds import FILE.opml`")
    results = asyncio.run(check_feeds(settings.collector, settings.collector.feeds))
    for r in results:
        status = str(r.status or "-")
        if r.ok:
            line = f"ok    {status:>3} {r.items:>4} items {r.seconds:6.2f}s  {r.feed.label}"
            if r.bozo:
                line += f"  (malformed: {r.bozo[:80]})"
            if r.moved_to:
                line += f"  (moved permanently to {r.moved_to})"
            if r.schedule:
                line += f"\n      {r.schedule}"
        else:
            line = f"FAIL  {status:>3}                    {r.feed.label}  {r.error}"
        typer.echo(line)
    failed = sum(1 for r in results if not r.ok)
    typer.echo(f"{len(results) - failed} ok, {failed} failed")
    if failed:
        raise typer.Exit(1)


@feeds_app.command("parked")
def parked(ctx: typer.Context) -> None:
    """List the feeds parked after too many consecutive errors (from the collector's stored state)."""
    from newswatch.collectors.credentials import public_url

    store, states = _load(ctx)
    store.producer.close()
    found = [s for s in states.values() if s.parked]
    for feed_state in found:
        typer.echo(f"{public_url(feed_state.url)}  errors={feed_state.errors}  last_error={feed_state.last_error}")
    typer.echo(f"{len(found)} parked feed(s)")


@feeds_app.command("unpark")
def unpark(
    ctx: typer.Context,
    urls: list[str] = typer.Argument(None, help="Configured feed URLs to resume (default: every parked feed)."),
) -> None:
    """Resume parked feeds: clear their error count so the next poll cycle fetches them."""
    from newswatch.collectors.credentials import public_url

    store, states = _load(ctx)
    chosen = [s for s in states.values() if s.parked and (not urls or s.url in urls)]
    for feed_state in chosen:
        feed_state.parked, feed_state.errors, feed_state.next_check = False, 0, 0.0
        typer.echo(f"unparked {public_url(feed_state.url)}")
    store.save_feeds(chosen)
    store.flush()
    store.producer.close()
    if urls and len(chosen) < len(urls):
        raise NewswatchError("some URLs are not parked feeds (see `newswatch feeds parked`)")


def _load(ctx: typer.Context) -> tuple[KafkaStateStore, dict[str, FeedState]]:
    from newswatch.collectors.state_store import KafkaStateStore

    st = state(ctx)
    settings = st.settings()
    kafka = st.kafka()
    store = KafkaStateStore(kafka, settings.collector.state_topic_for(settings.topics.articles), kafka.producer(),
                            replication_factor=settings.topics.replication_factor)
    return store, store.load()[0]


def register(app: typer.Typer) -> None:
    app.add_typer(feeds_app, name="feeds")
