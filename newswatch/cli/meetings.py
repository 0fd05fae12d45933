"""Meetings as records: ``resolve`` (the resolver stage), ``meeting-store`` (the database sink),
``meetings`` (questions, and ``meetings rebuild``) and ``serve`` (the read-only HTTP API)."""

from __future__ import annotations

from datetime import UTC, datetime

import typer

from newswatch.cli.common import run_stage, state

IDLE_HELP = "Exit after this many seconds without new records (default: run until SIGTERM/Ctrl-C)."


def resolve(
    ctx: typer.Context,
    idle_exit: float | None = typer.Option(None, "--idle-exit", help=IDLE_HELP),
) -> None:
    """Fold tagged meetings into meeting records: one per meeting, across outlets and languages.

    Reads the tagged topic, re-keys every meeting by its parties (newswatch.meeting-reports) and
    keeps one record per meeting on the compacted newswatch.meetings topic: its reports, merged
    participants and status history. Run more processes with the same group to share partitions.
    """
    run_stage(ctx, "resolver", idle_exit_after=idle_exit)


def meeting_store(
    ctx: typer.Context,
    idle_exit: float | None = typer.Option(None, "--idle-exit", help=IDLE_HELP),
) -> None:
    """Write meeting records into the database (SQLite by default, or PostgreSQL).

    Consumes newswatch.meetings in its own consumer group and upserts meetings, parties, participants,
    reports and status changes in one transaction per batch; the schema is migrated at start. Set
    meeting_store.url (NEWSWATCH_MEETING_STORE__URL) to postgresql://user:password@host:port/db.
    While the database is down the sink waits and commits nothing.
    """
    run_stage(ctx, "meeting_store", idle_exit_after=idle_exit)


def _date(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def meetings(
    ctx: typer.Context,
    country: str | None = typer.Option(None, "--country", help="A party to the meeting (ISO code, or NATO, EU...)."),
    with_: str | None = typer.Option(None, "--with", help="Another party (the counterpart)."),
    since: str | None = typer.Option(None, "--since", help="Meetings on or after this date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Meetings before this date (YYYY-MM-DD)."),
    status: str | None = typer.Option(None, "--status", help="held, planned, postponed, cancelled or denied."),
    output: str = typer.Option("table", "--format", help="table, csv or json."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many meetings (newest first)."),
    counts: bool = typer.Option(False, "--counts", help="Print meetings by counterpart and by month instead."),
) -> None:
    """Ask the meeting store: which meetings, newest first (`meetings rebuild` reloads it from Kafka).

    Example: newswatch meetings --country KR --with JP --since 2024-01-01 --status held
    """
    if ctx.invoked_subcommand is not None:
        return
    from newswatch.cli.meeting_output import print_counts, print_meetings
    from newswatch.sinks.meeting_store.query import MeetingFilter
    from newswatch.sinks.meeting_store.run import open_store

    if output not in ("table", "csv", "json"):
        raise typer.BadParameter("use table, csv or json", param_hint="--format")
    if status not in (None, "held", "planned", "postponed", "cancelled", "denied"):
        raise typer.BadParameter("use held, planned, postponed, cancelled or denied", param_hint="--status")
    flt = MeetingFilter(country=country, with_=with_, since=_date(since, "--since"), until=_date(until, "--until"),
                        status=status)
    store = open_store(state(ctx).settings().meeting_store)
    try:
        if counts:
            print_counts(store.db, flt, output)
        else:
            print_meetings(store.db, flt, output, limit)
    finally:
        store.db.close()


def rebuild(ctx: typer.Context) -> None:
    """Empty the meeting database and reload it from the compacted meetings topic."""
    from newswatch.sinks.meeting_store.run import rebuild as rebuild_store

    st = state(ctx)
    settings = st.settings()
    count = rebuild_store(settings.meeting_store, settings.topics, st.kafka())
    typer.echo(f"rebuilt the meeting store: {count} meetings")


def serve(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host", help="Address to listen on (default meeting_store.api_host)."),
    port: int | None = typer.Option(None, "--port", help="Port (default meeting_store.api_port; 0 picks one)."),
) -> None:
    """Serve the meeting store: pages (Network, Map, Timeline, one per meeting, under /view/) and a read-only
    JSON HTTP API (OpenAPI description at /openapi.json, docs at /docs). serve.pages = false: the API alone."""
    import uvicorn

    from newswatch.sinks.meeting_pages.routes import mount_pages
    from newswatch.sinks.meeting_store.api import create_app

    settings = state(ctx).settings()
    cfg = settings.meeting_store
    app = create_app(cfg)
    if settings.serve.pages:
        mount_pages(app, cfg, settings.serve)
    uvicorn.run(app, host=host or cfg.api_host, port=cfg.api_port if port is None else port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(resolve)
    app.command("meeting-store")(meeting_store)
    group = typer.Typer(help="Meetings as records: ask the meeting store, or rebuild it from Kafka.",
                        invoke_without_command=True, no_args_is_help=False)
    group.callback()(meetings)
    group.command()(rebuild)
    app.add_typer(group, name="meetings")
    app.command()(serve)
