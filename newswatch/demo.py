"""``newswatch demo``: the whole pipeline on ``seeds/``, through a real Kafka broker, in one command.

It serves ``seeds/feed.xml`` on loopback, collects it, tags it, prints the alert, prints each
stage's ``/metrics`` URL, and exits. Each run uses fresh topics and consumer groups so it shows
the alert every time, and deletes them afterwards.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from prometheus_client import CollectorRegistry

from newswatch.broker import LocalBroker
from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.config import TopicsConfig
from newswatch.errors import NewswatchError
from newswatch.kafka_io import Kafka, connect
from newswatch.metrics import MetricsServer, serve
from newswatch.processors.resolve_meetings.run import run_meeting_resolver
from newswatch.processors.run import run_processor
from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.settings import Settings
from newswatch.sinks.run import alerts_settled, run_alert_sink
from newswatch.stages import stage_arguments


@dataclass
class DemoResult:
    collected: int
    tagged: int
    alerted: int  # Slack messages (one message can tell of several meetings of one report)
    metrics_urls: dict[str, str]
    seconds: float
    meetings: int = 0  # alerts sent: meetings (or, with alert.source = "articles", articles)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def demo_settings(settings: Settings, run_id: str) -> Settings:
    prefix = f"newswatch.demo-{run_id}"
    topics = TopicsConfig(articles=f"{prefix}.articles", tagged=f"{prefix}.tagged", dlq=f"{prefix}.dlq",
                          partitions=settings.topics.partitions)
    processor = settings.processor.model_copy(update={"group": f"{prefix}-processor"})
    alert = settings.alert.model_copy(update={"group": f"{prefix}-alert"})
    meetings = settings.meetings.model_copy(update={"group": f"{prefix}-meetings"})
    # The seed feed is served on loopback, which the collector's address guard refuses unless allowed.
    collector = settings.collector.model_copy(update={
        "state_topic": f"{prefix}.articles.collector-state",
        "allow_networks": (*settings.collector.allow_networks, "127.0.0.1/32")})
    return settings.model_copy(update={"topics": topics, "processor": processor, "alert": alert, "meetings": meetings,
                                       "collector": collector})


def _value(registry: CollectorRegistry, name: str, stage: str) -> int:
    return int(registry.get_sample_value(name, {"stage": stage}) or 0)


def _messages(registry: CollectorRegistry) -> int:
    return int(sum(s.value for m in registry.collect() for s in m.samples
                   if s.name == "newswatch_alert_messages_sent_total"))


def _settled(registries: dict[str, CollectorRegistry], collected: int, source: str) -> bool:
    """Every collected article went through every stage, and no alert is still to go out."""
    if source == "articles":
        routed = _value(registries["alert"], "newswatch_records_committed_total", "alert-router") >= collected
        return routed and alerts_settled(registries["alert"])
    resolver = registries["resolver"]
    reported = _value(resolver, "newswatch_records_committed_total", "meeting-reports") >= collected
    resolved = (_value(resolver, "newswatch_records_committed_total", "meeting-resolver")
                >= _value(resolver, "newswatch_records_sent_total", "meeting-reports"))
    routed = (_value(registries["alert"], "newswatch_records_committed_total", "alert-router")
              >= _value(resolver, "newswatch_records_sent_total", "meeting-resolver"))
    return reported and resolved and routed and alerts_settled(registries["alert"])


def run_demo(settings: Settings, seeds: Path, *, out: TextIO | None = None, follow: bool = False,
             timeout: float = 180.0, say: Callable[[str], None] = print) -> DemoResult:
    feed = seeds / "feed.xml"
    if not feed.is_file():
        raise NewswatchError(f"no seed feed at {feed}: run the demo from the project folder or pass --seeds")
    started = time.monotonic()
    broker: LocalBroker | None = None
    if not settings.kafka.bootstrap_servers:
        broker = LocalBroker(settings.broker.home, port=settings.broker.port, heap=settings.broker.heap)
        if broker.status().running:
            broker = None  # someone else's broker: reuse it, leave it running
        else:
            say("starting the embedded Kafka broker (first run downloads it from Maven Central)…")
    kafka: Kafka = connect(settings.kafka, settings.broker)
    say(f"Kafka: {kafka.bootstrap}")
    run_id = time.strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:6]
    cfg = demo_settings(settings, run_id)
    kafka.ensure_topics(cfg.topics)
    registries = {stage: CollectorRegistry() for stage in ("collector", "processor", "resolver", "alert")}
    servers: dict[str, MetricsServer] = {stage: serve(reg, cfg.metrics.host, 0) for stage, reg in registries.items()}
    stop = threading.Event()
    tagger = MeetingTagger(cfg.processor.tagger)
    threads = [
        threading.Thread(target=run_processor, name="processor", daemon=True,
                         kwargs={**stage_arguments(cfg, "processor"), "kafka": kafka, "stop": stop,
                                 "registry": registries["processor"], "tagger": tagger}),
        threading.Thread(target=run_meeting_resolver, name="resolver", daemon=True,
                         kwargs={**stage_arguments(cfg, "resolver"), "kafka": kafka, "stop": stop,
                                 "registry": registries["resolver"]}),
        threading.Thread(target=run_alert_sink, name="alert", daemon=True,
                         kwargs={**stage_arguments(cfg, "alert"), "kafka": kafka, "stop": stop,
                                 "registry": registries["alert"], "console": out}),
    ]
    try:
        for thread in threads:
            thread.start()
        with serve_folder(seeds) as base:
            feeds = [FeedConfig(url=f"{base}/feed.xml", name="seeds")]
            say(f"collecting {feeds[0].url}")
            stats = run_collector(cfg.collector, cfg.topics, kafka, stop=stop, registry=registries["collector"],
                                  feeds=feeds, once=True)
            deadline = time.monotonic() + timeout
            while not _settled(registries, stats.new, cfg.alert.source):
                if time.monotonic() > deadline:
                    raise NewswatchError(f"the demo did not finish within {timeout:.0f} s")
                if not all(t.is_alive() for t in threads):
                    raise NewswatchError("a pipeline stage stopped unexpectedly; see the log above")
                time.sleep(0.2)
            result = DemoResult(
                collected=stats.new,
                tagged=_value(registries["processor"], "newswatch_records_sent_total", "processor"),
                alerted=_messages(registries["alert"]),
                meetings=_value(registries["alert"], "newswatch_records_sent_total", "alert"),
                metrics_urls={stage: s.url for stage, s in servers.items()},
                seconds=time.monotonic() - started,
            )
            say(f"\ncollected {result.collected} article(s), tagged {result.tagged}, "
                f"alerted {result.alerted} ({result.meetings} meeting alert(s) in {result.alerted} message(s)) "
                f"in {result.seconds:.1f} s")
            for stage, url in result.metrics_urls.items():
                say(f"  {stage:<9} metrics: {url}")
            if follow:
                say("following: polling the seed feed every interval; Ctrl-C to stop")
                run_collector(cfg.collector, cfg.topics, kafka, stop=stop, registry=CollectorRegistry(), feeds=feeds)
        return result
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        for server in servers.values():
            server.close()
        _delete_topics(kafka, cfg.topics, cfg.alert.topic_names(cfg.topics.tagged))
        if broker is not None:
            say("stopping the embedded Kafka broker")
            broker.stop()


def _delete_topics(kafka: Kafka, topics: TopicsConfig, alert_topics: tuple[str, ...] = ()) -> None:
    try:
        admin = kafka.admin()
        try:
            names = [topics.articles, topics.tagged, topics.dlq, *alert_topics]
            memory = (f"{topics.articles}.collector-state", f"{topics.articles}.collector-seen")  # see demo_settings
            existing = set(admin.list_topics())
            admin.delete_topics(names + [t for t in memory if t in existing])
        finally:
            admin.close()
    except Exception:  # noqa: BLE001 - best-effort cleanup of a demo's topics
        pass
