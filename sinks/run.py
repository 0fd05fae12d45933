"""Wiring for ``newswatch alert``: the router step and the delivery step, in one process.

router:   newswatch.meetings (a status change that matters; or newswatch.tagged with source = "articles")
          -> (watch rules) -> newswatch.alerts, keyed by route                     (stage alert-router)
delivery: newswatch.alerts -> per-route queues -> webhook or console               (stage alert)
keys:     newswatch.alert-keys (compacted): (route, meeting) already alerted
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

import httpx
from prometheus_client import CollectorRegistry

from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka
from newswatch.metrics import AlertMetrics, PipelineMetrics
from newswatch.schema import Alert
from newswatch.sinks.config import AlertConfig
from newswatch.sinks.console import ConsoleSink
from newswatch.sinks.delivery import DeliveryLoop
from newswatch.sinks.meeting_keys import KeyStore, keys_topic_config
from newswatch.sinks.rate_limit import TokenBucket
from newswatch.sinks.route_state import RouteState
from newswatch.sinks.router import RouteAlerts, RouteMeetingAlerts
from newswatch.sinks.slack_webhook import SlackWebhook
from newswatch.stream import StreamLoop


def ensure_alert_topics(cfg: AlertConfig, topics: TopicsConfig, kafka: Kafka) -> tuple[str, str]:
    alerts, keys = cfg.topic_names(topics.tagged)
    spec = {"num_partitions": topics.partitions, "replication_factor": topics.replication_factor}
    big = {"max.message.bytes": str(8 * 1024 * 1024)}
    extra = {alerts: {**spec, "configs": big}, keys: {**spec, "configs": keys_topic_config(cfg.keys_retention_seconds)}}
    if cfg.source == "meetings":  # the resolver's output, created as the resolver creates it
        extra[topics.meetings_topic] = {**spec, "configs": {**big, "cleanup.policy": "compact"}}
    kafka.ensure_topics(topics, extra=extra)
    return alerts, keys


def router_for(cfg: AlertConfig, topics: TopicsConfig, alerts_topic: str,
               metrics: AlertMetrics) -> tuple[str, RouteAlerts | RouteMeetingAlerts]:
    """The router's input topic and handler for ``cfg.source``."""
    if cfg.source == "meetings":
        return topics.meetings_topic, RouteMeetingAlerts(cfg.effective_routes(), alerts_topic, metrics,
                                                         retention_seconds=cfg.keys_retention_seconds,
                                                         include_replayed=cfg.include_replayed)
    return topics.tagged, RouteAlerts(cfg.effective_routes(), alerts_topic, metrics,
                                      include_replayed=cfg.include_replayed)


def build_routes(cfg: AlertConfig, client: httpx.Client, console: TextIO | None,
                 clock: Callable[[], float]) -> dict[str, RouteState]:
    routes = {}
    for route in cfg.effective_routes():
        url = route.webhook()
        destination: Any = SlackWebhook(url, client) if url is not None else ConsoleSink(console)
        bucket = TokenBucket(route.rate_per_second or cfg.rate_per_second, route.burst or cfg.burst, clock)
        routes[route.name] = RouteState(route, destination, bucket)
    return routes


def alerts_settled(registry: CollectorRegistry) -> bool:
    """True when every alert this process routed was sent, suppressed as a duplicate or dead-lettered."""
    return AlertMetrics.in_flight_of(registry) <= 0


def run_alert_sink(cfg: AlertConfig, topics: TopicsConfig, kafka: Kafka, *, stop: threading.Event,
                   registry: CollectorRegistry,
                   idle_exit_after: float | None = None, console: TextIO | None = None,
                   clock: Callable[[], float] = time.monotonic, rng: random.Random | None = None,
                   after_keys: Callable[[list[Alert]], None] | None = None) -> int:
    """Route and deliver alerts until stopped; returns the number of alerts finished by delivery."""
    # httpx logs each request's URL at INFO: for a webhook that URL is the secret.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger(name).getEffectiveLevel()))
    alerts_topic, keys_topic = ensure_alert_topics(cfg, topics, kafka)
    metrics, pipeline = AlertMetrics(registry), PipelineMetrics(registry)
    client = httpx.Client(timeout=cfg.timeout_seconds, follow_redirects=False)
    routes = build_routes(cfg, client, console, clock)
    source, handler = router_for(cfg, topics, alerts_topic, metrics)
    router_consumer = kafka.consumer(source, group=f"{cfg.group}-router", max_poll_records=200)
    router_producer = kafka.producer()
    router = StreamLoop(consumer=router_consumer, producer=router_producer, dlq_topic=topics.dlq,
                        handler=handler, metrics=pipeline, max_records=200, poll_timeout_ms=100)
    router_stop = threading.Event()
    router_error: list[BaseException] = []

    def route_forever() -> None:
        try:
            router.run(router_stop)
        except BaseException as exc:  # surfaced below: the delivery loop stops too
            router_error.append(exc)
            stop.set()

    producer = kafka.producer(linger_ms=0)
    keys = KeyStore(keys_topic, kafka.consumer(group=None), producer, cfg.dedup_window_hours * 3600,
                    retention_seconds=cfg.keys_retention_seconds)
    consumer = kafka.consumer(alerts_topic, group=cfg.group, max_poll_records=500)
    delivery = DeliveryLoop(consumer=consumer, producer=producer, keys=keys, routes=routes, config=cfg,
                            dlq_topic=topics.dlq, metrics=metrics, pipeline=pipeline, clock=clock, rng=rng,
                            after_keys=after_keys)
    thread = threading.Thread(target=route_forever, name="alert-router", daemon=True)
    try:
        keys.catch_up()
        consumer.subscribe([alerts_topic], listener=delivery)  # same topic, now with the rebalance listener
        thread.start()
        delivery.run(stop, idle_exit_after=idle_exit_after, upstream_done=lambda: router.records_done)
    finally:
        router_stop.set()
        if thread.is_alive():
            thread.join(timeout=30)
        consumer.close(autocommit=False)
        keys.consumer.close()
        producer.close()
        router_consumer.close(autocommit=False)
        router_producer.close()
        client.close()
    if router_error:
        raise router_error[0]
    return delivery.alerts_done
