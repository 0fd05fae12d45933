"""``newswatch status`` on a running pipeline: lag per group, throughput per stage, the last alert."""

from __future__ import annotations

import io
import socket
import threading

from prometheus_client import CollectorRegistry
from typer.testing import CliRunner

from newswatch.cli import _register_all, app
from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.demo import serve_folder
from newswatch.metrics import serve
from newswatch.processors.run import run_processor
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from newswatch.status import pipeline_status
from tests.conftest import SEEDS
from tests.support.stages import running
from tests.support.topics import produce


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_status_shows_lag_throughput_and_the_last_alert(settings, kafka, tagger):
    settings = settings.model_copy(update={
        "metrics_sink": settings.metrics_sink.model_copy(update={"lag_group_prefixes": ()}),
        "collector": settings.collector.model_copy(update={"allow_networks": ("127.0.0.0/8",)})})
    with serve_folder(SEEDS) as base, \
            running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as processor, \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka, console=io.StringIO()) as alert:
        run_collector(settings.collector, settings.topics, kafka, stop=threading.Event(), registry=CollectorRegistry(),
                      feeds=[FeedConfig(url=f"{base}/feed.xml", name="seeds")], once=True)
        assert alert.wait_until(lambda: alert.value("newswatch_records_sent_total", stage="alert") >= 1, timeout=90)
        processor.stop.set()
        processor.thread.join(timeout=30)
        produce(kafka, settings.topics.articles, [b"late-1", b"late-2"])  # nobody reads these: lag 2
        servers = {"processor": serve(processor.registry), "alert": serve(alert.registry)}
        metrics = settings.metrics.model_copy(update={
            "collector_port": closed_port(), "metrics_sink_port": closed_port(),
            "processor_port": servers["processor"].port, "alert_port": servers["alert"].port})
        settings = settings.model_copy(update={"metrics": metrics})
        try:
            status = pipeline_status(settings, kafka, interval=0.2)
            env = {"NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS": kafka.bootstrap,
                   "NEWSWATCH_TOPICS__ARTICLES": settings.topics.articles,
                   "NEWSWATCH_TOPICS__TAGGED": settings.topics.tagged,
                   "NEWSWATCH_TOPICS__DLQ": settings.topics.dlq,
                   "NEWSWATCH_PROCESSOR__GROUP": settings.processor.group,
                   "NEWSWATCH_ALERT__GROUP": settings.alert.group,
                   "NEWSWATCH_METRICS_SINK__LAG_GROUP_PREFIXES": "[]",
                   "NEWSWATCH_METRICS__PROCESSOR_PORT": str(metrics.processor_port),
                   "NEWSWATCH_METRICS__ALERT_PORT": str(metrics.alert_port)}
            _register_all()
            result = CliRunner().invoke(app, ["status", "--interval", "0.1"], env=env, terminal_width=200)
        finally:
            for server in servers.values():
                server.close()

    assert status.lag[settings.processor.group] == 2
    assert status.lag[settings.alert.group] == 0
    assert status.lag[settings.metrics_sink.group] == 1  # never ran: the tagged record is still to read
    assert not status.stages["collector"].up and not status.stages["metrics_sink"].up
    assert status.stages["processor"].up and status.stages["processor"].sent_total == 1
    assert status.stages["alert"].up and status.stages["alert"].sent_total == 1
    assert status.last_alert is not None and status.last_alert_delivered
    assert (status.last_alert.host_country, status.last_alert.counterpart_countries[0]) == ("KR", "AE")

    assert result.exit_code == 0, result.output
    assert settings.processor.group in result.output and "down" in result.output
    assert "Last alert (delivered)" in result.output
    assert "host KR with AE, CA, CM, FI, JP, MN, MY, NATO" in result.output
