"""``newswatch tag`` and ``newswatch eval``: the meeting tagger on files, without Kafka."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from newswatch.errors import NewswatchError


class LabelError(NewswatchError):
    """A record given to ``newswatch eval`` has no usable label."""

    exit_code = 2


def tag(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        None,
        help="Article files: .json (object or list), .jsonl, or .txt whose first line is the title. Default: stdin.",
    ),
    version: bool = typer.Option(
        False, "--version", help="Print the tagger version (a digest of its rules, language and model) and exit."
    ),
    explain: bool = typer.Option(
        False,
        "--explain",
        help="Instead of JSON, print per article each counterpart with its sentences and rules, the meetings "
        "that did not take place, and every other country named with the reason it was rejected.",
    ),
) -> None:
    """Tag articles and print one TaggedArticle JSON object per line, in input order.

    With metrics.pushgateway configured, the run's counts (articles read and tagged, meetings by
    country, scores) are pushed to the Pushgateway as job ``newswatch-tag`` when it finishes.
    The tagger is configured by \\[processor.tagger] in the config (language, model, data_dir).
    """
    from prometheus_client import CollectorRegistry

    from newswatch.cli.common import state
    from newswatch.metrics import BusinessMetrics, PipelineMetrics, push_metrics
    from newswatch.processors.tag_meetings import MeetingTagger
    from newswatch.processors.tag_meetings.article_files import read_articles
    from newswatch.schema import encode
    from newswatch.sinks.prometheus import record_tagged

    settings = state(ctx).settings()
    if version:
        from newswatch.processors.tag_meetings.multilingual import version_of

        typer.echo(version_of(settings.processor.tagger))
        return
    if explain:
        from newswatch.processors.tag_meetings.explain import explain as explain_lines

        tagger = MeetingTagger(settings.processor.tagger)
        for article, _label in read_articles(list(paths or []), sys.stdin):
            tagged, rejected = tagger.explain(article)
            for line in explain_lines(tagged, rejected):
                typer.echo(line)
        return
    registry = CollectorRegistry()
    pipeline, business = PipelineMetrics(registry), BusinessMetrics(registry)
    articles = [article for article, _label in read_articles(list(paths or []), sys.stdin)]
    pipeline.received.labels("tag").inc(len(articles))
    tagger = MeetingTagger(settings.processor.tagger)
    out = sys.stdout
    for tagged in tagger.tag_many(articles):
        out.write(encode(tagged).decode("utf-8") + "\n")
        pipeline.sent.labels("tag").inc()
        record_tagged(business, tagged)
    out.flush()
    push_metrics(settings.metrics.pushgateway, registry, "newswatch-tag")


def evaluate(
    ctx: typer.Context,
    labeled: Path = typer.Argument(..., help="JSON lines: Article records each with a 'label' object."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures and errors as one JSON object."),
) -> None:
    """Score the tagger on labelled articles: P/R/F1 for meetings and counterparts, host accuracy, errors."""
    from newswatch.cli.common import state
    from newswatch.processors.tag_meetings import MeetingTagger
    from newswatch.processors.tag_meetings.article_files import read_articles
    from newswatch.processors.tag_meetings.evaluate import Report, add

    records = list(read_articles([labeled], sys.stdin))
    labels: list[dict] = []
    for number, (article, label) in enumerate(records, start=1):
        if not isinstance(label, dict) or "is_defense_ministerial_meeting" not in label:
            raise LabelError(
                f"{labeled}: record {number} ({article.id}) has no label.is_defense_ministerial_meeting"
            )
        labels.append(label)
    tagger = MeetingTagger(state(ctx).settings().processor.tagger)
    titles = frozenset(h.rstrip(".").casefold() for h in tagger.lexicon.honorifics)
    report = Report()
    for tagged, label in zip(tagger.tag_many(a for a, _ in records), labels, strict=True):
        add(report, tagged, label, titles)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    for title, scores in (
        ("meeting detection", report.meetings),
        ("counterpart countries", report.counterparts),
    ):
        typer.echo(
            f"{title:<22} P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f} "
            f"(tp={scores.tp} fp={scores.fp} fn={scores.fn})"
        )
    typer.echo(
        f"{'host accuracy':<22} {report.host_accuracy:.3f} ({report.host_correct}/{report.host_total})"
    )
    people = report.participants
    if report.participant_articles:
        typer.echo(
            f"{'participants':<22} P={people.precision:.3f} R={people.recall:.3f} F1={people.f1:.3f} "
            f"(tp={people.tp} fp={people.fp} fn={people.fn}; {report.participant_articles} articles "
            "with labelled meetings)"
        )
    else:
        typer.echo(f"{'participants':<22} n/a (no label lists meetings)")
    typer.echo(f"articles               {report.articles}")
    confusion = ", ".join(f"{kind} {count}" for kind, count in report.confusion.items() if count)
    typer.echo(f"errors by class        {confusion or 'none'}")
    if report.errors:
        typer.echo(f"errors ({len(report.errors)}):")
        for error in report.errors:
            typer.echo(f"  {error['article_id']}: {'; '.join(error['problems'])} | {error['title'][:80]}")


def register(app: typer.Typer) -> None:
    app.command("tag")(tag)
    app.command("eval")(evaluate)
