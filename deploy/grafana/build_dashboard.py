"""Generate the newswatch Grafana dashboard (grafanalib) as ``dashboards/newswatch.json``.

    python deploy/grafana/build_dashboard.py           # rewrite the committed JSON
    python deploy/grafana/build_dashboard.py --check   # exit 1 when the committed JSON is stale

Four rows, each answering one operator question (docs/observability.md describes every panel):
Overview (is the pipeline finding and alerting meetings?), Collectors (is every feed alive?),
Processors (is anything lagging or dead-lettered?), Sinks (are alerts getting through?).
Every expression uses only metrics defined in ``newswatch/metrics.py``; the ``prometheus``
integration test evaluates each one against a real Prometheus and requires data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from grafanalib._gen import DashboardEncoder
from grafanalib.core import (
    BarGauge,
    Dashboard,
    GridPos,
    RowPanel,
    Stat,
    Target,
    Time,
    TimeSeries,
)
from grafanalib.core import Panel as _Panel

OUTPUT = Path(__file__).resolve().parent / "dashboards" / "newswatch.json"
DATASOURCE = {"type": "prometheus", "uid": "newswatch-prometheus"}
RATE = "$__rate_interval"
RANGE = "$__range"


def target(expr: str, legend: str = "", ref: str = "A", instant: bool = False) -> Target:
    return Target(expr=expr, legendFormat=legend, refId=ref, instant=instant, datasource=DATASOURCE)


def series(title: str, description: str, targets: list[Target], grid: tuple[int, int, int, int], *,
           unit: str = "short", stacked: bool = False) -> TimeSeries:
    h, w, x, y = grid
    return TimeSeries(title=title, description=description, dataSource=DATASOURCE, targets=targets,
                      gridPos=GridPos(h=h, w=w, x=x, y=y), unit=unit, legendDisplayMode="table",
                      legendCalcs=["lastNotNull", "max"], tooltipMode="multi",
                      stacking={"mode": "normal", "group": "A"} if stacked else {})


def stat(title: str, description: str, targets: list[Target], grid: tuple[int, int, int, int], *,
         unit: str = "none", time_from: str | None = None, reduce: str = "lastNotNull") -> Stat:
    h, w, x, y = grid
    return Stat(title=title, description=description, dataSource=DATASOURCE, targets=targets,
                gridPos=GridPos(h=h, w=w, x=x, y=y), format=unit, reduceCalc=reduce, graphMode="none",
                timeFrom=time_from, noValue="0")


def bars(title: str, description: str, targets: list[Target], grid: tuple[int, int, int, int], *,
         time_from: str | None = None) -> BarGauge:
    h, w, x, y = grid
    return BarGauge(title=title, description=description, dataSource=DATASOURCE, targets=targets,
                    gridPos=GridPos(h=h, w=w, x=x, y=y), orientation="horizontal", displayMode="gradient",
                    calc="lastNotNull", allValues=False, max=None, timeFrom=time_from)


def row(title: str, y: int) -> RowPanel:
    return RowPanel(title=title, gridPos=GridPos(h=1, w=24, x=0, y=y))


def overview(y: int) -> list[_Panel]:
    return [
        row("Overview: is the pipeline finding meetings and alerting on them?", y),
        stat("Alerts today", "Alerts the alert sink delivered since midnight (dashboard time zone).",
             [target(f"sum(increase(newswatch_alerts_sent_total[{RANGE}]))", instant=True)],
             (5, 4, 0, y + 1), time_from="now/d"),
        stat("Meetings today", "Meetings (not articles: three outlets reporting the same talks count once) "
             "the meeting resolver saw held since midnight: new meetings first reported held, plus planned "
             "meetings reported held.",
             [target(f'sum(increase(newswatch_meetings_total{{status="held"}}[{RANGE}])) + '
                     f'(sum(increase(newswatch_meeting_status_changes_total{{status="held"}}[{RANGE}])) '
                     f'or vector(0))', instant=True)],
             (5, 4, 4, y + 1), time_from="now/d"),
        stat("Stages up", "Scrape targets answering /metrics, out of all configured (collector, processor, "
             "alert, metrics sink, meeting resolver, meeting store).",
             [target('sum(up{job=~"newswatch-.*"})', "up", instant=True),
              target('count(up{job=~"newswatch-.*"})', "configured", ref="B", instant=True)],
             (5, 4, 8, y + 1)),
        bars("Meetings by counterpart country (24 h)",
             "Host/counterpart pairs found in the last 24 hours, by counterpart (ISO code or organisation).",
             [target(f"sort_desc(sum by (counterpart_country) "
                     f"(increase(newswatch_meetings_detected_total[{RANGE}])))",
                     "{{counterpart_country}}", instant=True)],
             (10, 8, 12, y + 1), time_from="24h"),
        bars("Meetings by host country (24 h)", "The same pairs by host (the reporting side's country).",
             [target(f"sort_desc(sum by (host_country) (increase(newswatch_meetings_detected_total[{RANGE}])))",
                     "{{host_country}}", instant=True)],
             (10, 4, 20, y + 1), time_from="24h"),
        series("End-to-end latency (p50 / p95) by hop",
               "Seconds from an article's publication to each hop: collected, tagged, alerted.",
               [target("histogram_quantile(0.95, sum by (le, hop) "
                       f"(rate(newswatch_end_to_end_latency_seconds_bucket[{RATE}])))", "p95 {{hop}}"),
                target("histogram_quantile(0.5, sum by (le, hop) "
                       f"(rate(newswatch_end_to_end_latency_seconds_bucket[{RATE}])))", "p50 {{hop}}", ref="B")],
               (5, 12, 0, y + 6), unit="s"),
        series("Publication → Slack, end to end",
               "Seconds from an article's publication to the webhook accepting its alert (p50, p95), beside "
               "the share of it spent before the collector found the story (detection delay, all feeds).",
               [target("histogram_quantile(0.95, sum by (le) "
                       f"(rate(newswatch_alert_delivery_latency_seconds_bucket[{RATE}])))", "p95 publication → Slack"),
                target("histogram_quantile(0.5, sum by (le) "
                       f"(rate(newswatch_alert_delivery_latency_seconds_bucket[{RATE}])))", "p50 publication → Slack",
                       ref="B"),
                target("histogram_quantile(0.95, sum by (le) "
                       f"(rate(newswatch_collector_detection_delay_seconds_bucket[{RATE}])))", "p95 detection",
                       ref="C")],
               (5, 24, 0, y + 11), unit="s"),
    ]


def collectors(y: int) -> list[_Panel]:
    return [
        row("Collectors: is every feed alive?", y),
        series("Feed health: seconds since last successful fetch",
               "Per configured feed; a line climbing past the poll interval is a feed that stopped answering.",
               [target("max by (feed) (newswatch_collector_seconds_since_last_success)", "{{feed}}")],
               (8, 12, 0, y + 1), unit="s"),
        series("Fetch errors by reason", "Failed feed polls and parse warnings per second, by reason "
               "(http_404, timeout, too_large, bozo, blocked_address, ...), and feeds parked after "
               "repeated errors.",
               [target(f"sum by (reason) (rate(newswatch_collector_feed_errors_total[{RATE}]))", "{{reason}}"),
                target("sum(newswatch_collector_parked_feeds)", "parked feeds", ref="B")],
               (8, 6, 12, y + 1)),
        series("304 Not Modified ratio", "Share of feed fetches answered 304 Not Modified (ETag / "
               "Last-Modified honoured): high is polite and cheap.",
               [target(f'sum(rate(newswatch_collector_fetches_total{{status_class="3xx"}}[{RATE}])) '
                       f"/ sum(rate(newswatch_collector_fetches_total[{RATE}]))", "304 ratio")],
               (8, 6, 18, y + 1), unit="percentunit"),
        series("Feed items by outcome", "Feed items per second: new (published to the articles topic), "
               "duplicate (already published) or skipped (no link or GUID).",
               [target(f"sum by (outcome) (rate(newswatch_collector_items_total[{RATE}]))", "{{outcome}}")],
               (6, 12, 0, y + 9), stacked=True),
        series("Fetch duration (p95)", "Seconds to fetch one feed, 95th percentile.",
               [target("histogram_quantile(0.95, sum by (le) "
                       f"(rate(newswatch_collector_fetch_duration_seconds_bucket[{RATE}])))", "p95")],
               (6, 12, 12, y + 9), unit="s"),
        series("Detection delay by feed (p95)",
               "Seconds from a story's publication to the poll that found it, per feed (stories published since "
               "the feed's previous poll). The adaptive schedule keeps this low where stories are frequent; "
               "a feed held back by its max-age or TTL shows here.",
               [target("topk(10, histogram_quantile(0.95, sum by (le, feed) "
                       f"(rate(newswatch_collector_detection_delay_seconds_bucket[{RATE}]))))", "{{feed}}")],
               (6, 24, 0, y + 15), unit="s"),
    ]


def processors(y: int) -> list[_Panel]:
    return [
        row("Processors: is anything lagging or dead-lettered?", y),
        series("Throughput by stage", "Records each stage reads and writes per second (the same trio on "
               "every component).",
               [target(f"sum by (stage) (rate(newswatch_records_received_total[{RATE}]))", "in {{stage}}"),
                target(f"sum by (stage) (rate(newswatch_records_sent_total[{RATE}]))", "out {{stage}}", ref="B")],
               (8, 12, 0, y + 1)),
        series("Consumer lag by group", "Records each consumer group has yet to read (end offset minus "
               "committed offset, summed over partitions).",
               [target("sum by (group, topic) (newswatch_consumer_lag_records)", "{{group}} on {{topic}}")],
               (8, 12, 12, y + 1)),
        series("Dead letters and errors by stage", "Records sent to the dead-letter topic, and errors by type.",
               [target(f"sum by (stage) (rate(newswatch_dlq_records_total[{RATE}]))", "DLQ {{stage}}"),
                target(f"sum by (stage, error_type) (rate(newswatch_errors_total[{RATE}]))",
                       "{{stage}}: {{error_type}}", ref="B")],
               (8, 12, 0, y + 9)),
        series("Batch duration (p95)", "Seconds to handle one polled batch, by stage.",
               [target("histogram_quantile(0.95, sum by (le, stage) "
                       f"(rate(newswatch_batch_duration_seconds_bucket[{RATE}])))", "{{stage}}")],
               (8, 12, 12, y + 9), unit="s"),
        series("Articles tagged by outcome", "meeting, no_meeting, or replayed (not counted twice).",
               [target(f"sum by (outcome) (rate(newswatch_articles_tagged_total[{RATE}]))", "{{outcome}}")],
               (8, 8, 0, y + 17), stacked=True),
        bars("Tagger score distribution (24 h)", "How many live articles fell under each score bound.",
             [target(f"sum by (le) (increase(newswatch_tagger_score_bucket[{RANGE}]))", "≤ {{le}}",
                     instant=True)],
             (8, 8, 8, y + 17), time_from="24h"),
        series("Countries not resolved", "Meeting articles with no host country, no counterpart, or a "
               "participant without a country (per second).",
               [target(f"sum by (field) (rate(newswatch_country_unresolved_total[{RATE}]))", "{{field}}")],
               (8, 8, 16, y + 17)),
    ]


def sinks(y: int) -> list[_Panel]:
    return [
        row("Sinks: are alerts getting through?", y),
        series("Alert deliveries by route", "Alerts each route's webhook (or the console) accepted per "
               "second, and alerts suppressed as duplicates of one already sent.",
               [target(f"sum by (route) (rate(newswatch_alerts_sent_total[{RATE}]))", "sent {{route}}"),
                target(f"sum by (route, reason) (rate(newswatch_alerts_suppressed_total[{RATE}]))",
                       "suppressed {{route}}: {{reason}}", ref="B")],
               (8, 8, 0, y + 1)),
        series("Alert throttling", "Times a route had to wait, by reason: rate_limit (our own token "
               "bucket, about one message per second) or retry_after (Slack answered 429).",
               [target(f"sum by (route, reason) (rate(newswatch_alerts_throttled_total[{RATE}]))",
                       "{{route}}: {{reason}}")],
               (8, 8, 8, y + 1)),
        series("Alert failures and retries", "Alerts dead-lettered (webhook_400, route_disabled, ...) and "
               "transient delivery failures retried, by route and reason.",
               [target(f"sum by (route, reason) (rate(newswatch_alerts_failed_total[{RATE}]))",
                       "failed {{route}}: {{reason}}"),
                target(f"sum by (route, reason) (rate(newswatch_alert_delivery_retries_total[{RATE}]))",
                       "retried {{route}}: {{reason}}", ref="B")],
               (8, 8, 16, y + 1)),
        series("Alerts waiting", "Alerts queued in memory per route, waiting for their turn.",
               [target("sum by (route) (newswatch_alert_queue_depth)", "{{route}}")],
               (6, 8, 0, y + 9)),
        series("Alert sink latency (p95)", "Seconds from the tagged record to the webhook accepting its "
               "alert: the sink's own share of end-to-end latency.",
               [target("histogram_quantile(0.95, sum by (le, route) "
                       f"(rate(newswatch_alert_sink_latency_seconds_bucket[{RATE}])))", "{{route}}")],
               (6, 8, 8, y + 9), unit="s"),
        series("Metrics sink throughput", "Tagged records the metrics sink turned into business metrics, "
               "and the age in seconds of its last consumer-lag reading.",
               [target(f'sum(rate(newswatch_records_sent_total{{stage="metrics_sink"}}[{RATE}]))', "exported"),
                target("time() - max(newswatch_consumer_lag_updated_timestamp_seconds)", "lag age (s)", ref="B")],
               (6, 8, 16, y + 9)),
    ]


def build() -> Dashboard:
    panels = overview(0) + collectors(17) + processors(38) + sinks(63)
    return Dashboard(
        title="newswatch", uid="newswatch", description="newswatch pipeline health and business signal",
        tags=["newswatch"], timezone="browser", refresh="30s", time=Time("now-6h", "now"),
        panels=panels,
    ).auto_panel_ids()


def render() -> str:
    data: dict[str, Any] = build().to_json_data()
    return json.dumps(data, cls=DashboardEncoder, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail when the committed JSON is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale: run python deploy/grafana/build_dashboard.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
