"""``newswatch replay`` (re-tag a slice of history) and ``newswatch backfill`` (load archives)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import typer
from kafka.errors import KafkaError
from prometheus_client import CollectorRegistry

from newswatch.cli.common import state, stop_on_signals
from newswatch.cli.progress import progress
from newswatch.errors import BrokerError
from newswatch.metrics import PipelineMetrics, push_metrics

QUIET_HELP = "No progress bar and no summary line (errors still go to stderr)."
JSON_HELP = "Print the summary as one JSON object on stdout (for scripts)."


@contextmanager
def _kafka_failures(command: str) -> Iterator[None]:
    """A Kafka failure mid-run (broker gone, producer fenced by a second run) is one clear line."""
    try:
        yield
    except KafkaError as exc:
        raise BrokerError(f"{command} stopped: {type(exc).__name__}: {exc}. What was committed stays done; "
                          "run the same command again to continue") from None


class _Phases:
    """Progress for successive phases: a phase's bar appears on its first update and the previous
    phase's bar is closed then (rich shows one live display at a time)."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self._stack = ExitStack()
        self._label: str | None = None
        self._update: Callable[[int, int], None] = lambda done, total: None

    def phase(self, label: str, unit: str = "records") -> Callable[[int, int], None]:
        def update(done: int, total: int) -> None:
            if self._label != label:
                self._stack.close()
                self._label = label
                self._update = self._stack.enter_context(progress(label, unit=unit, quiet=self.quiet))
            self._update(done, total)

        return update

    def __enter__(self) -> _Phases:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def _emit(summary: dict, line: str, *, as_json: bool, quiet: bool) -> None:
    if as_json:
        typer.echo(json.dumps(summary, sort_keys=True))
    elif not quiet:
        typer.echo(line, err=True)


def replay(
    ctx: typer.Context,
    topic: str | None = typer.Option(None, "--topic", help="Topic to re-read (default: the articles topic)."),
    since: str | None = typer.Option(
        None, "--since", help="First publication time to replay: 2024-11-01 or ISO 8601 (UTC)."),
    until: str | None = typer.Option(
        None, "--until", help="Stop before this publication time (default: no upper bound)."),
    from_offsets: str | None = typer.Option(
        None, "--from-offsets", help="Start partitions at these offsets instead: P:O,P:O (unlisted partitions "
        "follow --since, or are not replayed without it)."),
    to: str | None = typer.Option(None, "--to", help="Topic for the results (default: the tagged topic)."),
    group: str | None = typer.Option(
        None, "--group", help="Consumer group holding the replay's progress (default: derived from the range, "
        "target and alert mode, so rerunning the same command resumes it; after a tagger change it re-tags "
        "the whole range)."),
    alerts: bool = typer.Option(
        False, "--alerts", help="Let alert sinks send replayed meetings (never twice: they keep one key per meeting). "
        "Default: results are marked replayed and reach no Slack route."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Re-tag articles of a time or offset range with the current tagger, once each, and stop at its end.

    Safe to interrupt (Ctrl-C, SIGTERM, even SIGKILL): run the same command again and it continues from its committed offsets. Each batch's results and offsets commit as one Kafka transaction, so read_committed consumers see every record of the range exactly once.

    Exit code 0: the range is done; 1: interrupted; 2: a bad request; 3: Kafka failed mid-run (rerun to continue).
    """  # noqa: E501
    from newswatch.processors.replay import ReplayRequest, ReplayWindow, parse_offsets, parse_time, run_replay

    st = state(ctx)
    settings = st.settings()
    window = ReplayWindow(
        topic=topic or settings.topics.articles,
        since=parse_time(since, "--since") if since else None,
        until=parse_time(until, "--until") if until else None,
        from_offsets=parse_offsets(from_offsets) if from_offsets else {},
    )
    request = ReplayRequest(window=window, output_topic=to or settings.topics.tagged, group=group, alerts=alerts)
    kafka = st.kafka()
    kafka.ensure_topics(settings.topics, extra={request.output_topic: {
        "num_partitions": settings.topics.partitions, "replication_factor": settings.topics.replication_factor,
        "configs": {"max.message.bytes": str(8 * 1024 * 1024)}}})
    registry = CollectorRegistry()
    with _kafka_failures("replay"), progress("replay", quiet=quiet or as_json) as update:
        summary = run_replay(settings.processor, settings.topics, kafka, request, stop=stop_on_signals(),
                             registry=registry,
                             on_progress=update)
    push_metrics(settings.metrics.pushgateway, registry, "newswatch-replay", grouping_key={"group": summary.group})
    state_word = "done" if summary.complete else "interrupted (run the same command again to continue)"
    line = (f"replay {state_word}: group {summary.group}, {summary.read} records read, {summary.tagged} tagged "
            f"({summary.meetings} meetings), {summary.skipped} skipped, {summary.dead_letters} to DLQ, "
            f"{summary.seconds:.1f} s, tagger {summary.tagger_version}"
            + (f"; resumed at {summary.done_before}/{summary.total}" if summary.resumed else "")
            + (f"; the tagger changed since this replay last ran ({summary.retagged_from}): "
               "re-tagged the whole range" if summary.retagged_from is not None else ""))
    _emit(summary.as_dict(), line, as_json=as_json, quiet=quiet)
    if not summary.complete:
        raise typer.Exit(1)


def backfill(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Archives: .jsonl Article records, feed files (.xml/.rss/.atom), "
                                       ".opml lists of local feed files, folders of .html/.txt articles."),
    topic: str | None = typer.Option(None, "--topic", help="Topic to load into (default: the articles topic)."),
    force: bool = typer.Option(False, "--force", help="Publish even articles older than the topic's retention "
                               "(Kafka may delete them at once)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Load archived articles into the articles topic, stamped with their publication time.

    Articles already in the topic (same id) are not published again, so an interrupted backfill is finished by running it again. Unreadable records go to the dead-letter topic with the reason. Refuses archives older than the topic's retention.ms unless --force.
    """  # noqa: E501
    from newswatch.collectors.backfill import run_backfill

    st = state(ctx)
    settings = st.settings()
    kafka = st.kafka()
    silent = quiet or as_json
    with _kafka_failures("backfill"), _Phases(silent) as phases:
        summary = run_backfill(
            settings.collector, settings.topics, kafka, paths, topic=topic or settings.topics.articles, force=force,
            stop=stop_on_signals(),
            on_read=phases.phase("reading archives", "files"), on_progress=phases.phase("backfill"),
            warn=lambda msg: typer.secho(f"warning: {msg}", err=True, fg=typer.colors.YELLOW))
    registry = CollectorRegistry()
    metrics = PipelineMetrics(registry)
    metrics.received.labels("backfill").inc(summary.read)
    metrics.sent.labels("backfill").inc(summary.published)
    metrics.dead_letters.labels("backfill").inc(summary.dead_letters)
    push_metrics(settings.metrics.pushgateway, registry, "newswatch-backfill")
    state_word = "done" if summary.complete else "interrupted (run the same command again to continue)"
    line = (f"backfill {state_word}: {summary.files} files, {summary.read} records read, "
            f"{summary.published} published, {summary.skipped} skipped as already present, "
            f"{summary.dead_letters} to DLQ, {summary.seconds:.1f} s")
    _emit(summary.as_dict(), line, as_json=as_json, quiet=quiet)
    if not summary.complete:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    for fn in (replay, backfill):
        app.command()(fn)
