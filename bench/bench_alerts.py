"""The alert sink: tagged records per second through router + delivery to a local Slack-like receiver,
and delivery latency at a steady 20 meetings per second.

    python bench/bench_alerts.py [--records 1000] [--routes 1 4] [--seconds 15] [--bootstrap host:port]

Side by side in one run, against the same receiver on 127.0.0.1:
  * the limit: bare httpx POSTs of the same payloads, one connection, no Kafka at all;
  * throughput: ``--records`` tagged meeting records (all distinct meetings) through ``run_alert_sink``
    with one route and with several routes. The routes' rate limits are RAISED (10,000 msg/s) for
    this part: with Slack's ~1 msg/s per webhook the sink would (correctly) fold a burst into digests;
  * latency: one tagged record every 50 ms (20 meetings/s) for ``--seconds``, measured from the
    moment the tagged record is acknowledged by the broker to the receiver answering 200 (rate limit
    raised too: the target is p95 < 250 ms when not rate-limited);
  * the same steady stream with the DEFAULT rate limit (1 msg/s, burst 3), to show the digests.

Without ``--bootstrap`` it uses the configured Kafka (or starts the embedded broker). Topics are
fresh per run and deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newswatch.config import TopicsConfig  # noqa: E402
from newswatch.kafka_io import Kafka, connect  # noqa: E402
from newswatch.schema import encode  # noqa: E402
from newswatch.settings import Settings, load_settings  # noqa: E402
from newswatch.sinks.slack_message import build_message  # noqa: E402
from tests.sinks.factories import tagged  # noqa: E402
from tests.support.slack_receiver import SlackReceiver  # noqa: E402

COUNTRIES = ["CA", "JP", "FI", "MN", "MY", "CM", "AE", "DE", "FR", "GB", "AU", "IN", "PL", "SE", "NO", "BR"]


def article(i: int, run: str):
    # distinct meetings: a different counterpart pair or a publication ten days apart each time
    pair = (COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i // len(COUNTRIES)) % len(COUNTRIES)])
    return tagged(f"{run}-{i}", counterparts=tuple(sorted(set(pair))), minutes=60 * 24 * 10 * i)


def settings_for(base: Settings, kafka: Kafka, run: str) -> Settings:
    topics = TopicsConfig(articles=f"bench-alerts-{run}.articles", tagged=f"bench-alerts-{run}.tagged",
                          dlq=f"bench-alerts-{run}.dlq", partitions=6)
    kafka.ensure_topics(topics)
    return base.model_copy(update={"topics": topics, "alert": base.alert.model_copy(
        update={"group": f"bench-{run}", "source": "articles"})})  # tagged records straight in


def with_routes(settings: Settings, url: str, routes: int, *, fast: bool) -> Settings:
    cfg = settings.alert.model_dump()
    cfg["routes"] = [{"name": f"r{n}", "webhook_url": url.replace("/services/", f"/services/r{n}/"),
                      "keywords": [f"story-{n}"] if routes > 1 else []} for n in range(routes)]
    if fast:
        cfg.update(rate_per_second=10_000.0, burst=10_000)
    return settings.model_copy(update={"alert": type(settings.alert).model_validate(cfg)})


class AlertProcess:
    """``python -m newswatch alert`` in its own process, configured through the environment."""

    def __init__(self, settings: Settings):
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
        routes = [{**r.model_dump(mode="json", exclude_none=True),
                   "webhook_url": r.webhook().get_secret_value()} for r in settings.alert.routes]
        env.update({
            "NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS": settings.kafka.bootstrap_servers or "",
            "NEWSWATCH_TOPICS__ARTICLES": settings.topics.articles, "NEWSWATCH_TOPICS__TAGGED": settings.topics.tagged,
            "NEWSWATCH_TOPICS__DLQ": settings.topics.dlq,
            "NEWSWATCH_TOPICS__PARTITIONS": str(settings.topics.partitions),
            "NEWSWATCH_ALERT__GROUP": settings.alert.group, "NEWSWATCH_ALERT__ROUTES": json.dumps(routes),
            "NEWSWATCH_ALERT__SOURCE": settings.alert.source,
            "NEWSWATCH_ALERT__RATE_PER_SECOND": str(settings.alert.rate_per_second),
            "NEWSWATCH_ALERT__BURST": str(settings.alert.burst), "NEWSWATCH_METRICS__ALERT_PORT": "0",
            "NEWSWATCH_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT),
        })
        self.proc = subprocess.Popen([sys.executable, "-m", "newswatch", "alert"], env=env, cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def produce(kafka: Kafka, topic: str, articles: list) -> None:
    producer = kafka.producer()
    for a in articles:
        producer.send(topic, key=a.article_id.encode(), value=encode(a))
    producer.flush()
    producer.close()


def warm_up(kafka: Kafka, settings: Settings, receiver: SlackReceiver, run: str, routes: int) -> None:
    """One alert per route first: the sink's consumer groups have joined before the clock starts."""
    warm = [msgspec.structs.replace(tagged(f"{run}-warm{n}", counterparts=("ZA",), minutes=-10**6),
                                    title=f"Story story-{n}") for n in range(routes)]
    produce(kafka, settings.topics.tagged, warm)
    if len(receiver.wait_for(routes, timeout=180)) < routes:
        raise SystemExit("the alert sink did not start (is Kafka reachable?)")


def bare_posts(receiver: SlackReceiver, articles: list) -> float:
    payloads = [build_message(a) for a in articles]
    with httpx.Client(timeout=10) as client:
        started = time.perf_counter()
        for payload in payloads:
            client.post(receiver.url, json=payload).raise_for_status()
        return len(payloads) / (time.perf_counter() - started)


def throughput(base: Settings, kafka: Kafka, records: int, routes: int) -> tuple[float, int]:
    run = uuid.uuid4().hex[:8]
    settings = settings_for(base, kafka, run)
    articles = [article(i, run) for i in range(records)]
    if routes > 1:  # spread the stories over the routes by keyword
        articles = [msgspec.structs.replace(a, title=f"Story story-{i % routes}") for i, a in enumerate(articles)]
    with SlackReceiver() as receiver:
        settings = with_routes(settings, receiver.url, routes, fast=True)
        sink = AlertProcess(settings)
        warm_up(kafka, settings, receiver, run, routes)
        started = time.perf_counter()
        produce(kafka, settings.topics.tagged, articles)
        receiver.wait_for(records + routes, timeout=600)
        elapsed = time.perf_counter() - started
        sink.stop()
        delivered = len(receiver.accepted) - routes
    cleanup(kafka, settings)
    return records / elapsed, delivered


def steady(base: Settings, kafka: Kafka, seconds: float, *, fast: bool) -> dict:
    run = uuid.uuid4().hex[:8]
    settings = settings_for(base, kafka, run)
    count = int(seconds * 20)
    articles = [article(i, run) for i in range(count)]
    sent_at: dict[str, float] = {}
    with SlackReceiver() as receiver:
        settings = with_routes(settings, receiver.url, 1, fast=fast)
        sink = AlertProcess(settings)
        warm_up(kafka, settings, receiver, run, 1)
        producer = kafka.producer(linger_ms=0)
        next_at = time.monotonic()
        for a in articles:
            next_at += 0.05
            producer.send(settings.topics.tagged, key=a.article_id.encode(), value=encode(a)).get(timeout=30)
            sent_at[a.article_id] = time.monotonic()
            time.sleep(max(0.0, next_at - time.monotonic()))
        if fast:
            receiver.wait_for(count + 1, timeout=120)
        else:
            time.sleep(3)
        sink.stop()
        producer.close()
        latencies, messages, delivered = [], 0, set()
        for request in receiver.requests:
            if request.status != 200 or request.payload is None:
                continue
            messages += 1
            raw = str(request.payload)
            for article_id, at in sent_at.items():
                if f"/{article_id}|" in raw and article_id not in delivered:
                    delivered.add(article_id)
                    latencies.append(request.at - at)
    cleanup(kafka, settings)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return {"alerts": count, "delivered": len(delivered), "messages": messages - 1,
            "p50": q[49], "p95": q[94], "max": latencies[-1] if latencies else float("nan")}


def cleanup(kafka: Kafka, settings: Settings) -> None:
    admin = kafka.admin()
    try:
        topics = [settings.topics.articles, settings.topics.tagged, settings.topics.dlq,
                  *settings.alert.topic_names(settings.topics.tagged)]
        admin.delete_topics([t for t in topics if t in set(admin.list_topics())])
    except Exception:  # noqa: BLE001 - best-effort cleanup
        pass
    finally:
        admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--routes", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--bootstrap", default=None)
    args = parser.parse_args()
    base = load_settings(None)
    kafka = Kafka(bootstrap=args.bootstrap) if args.bootstrap else connect(base.kafka, base.broker)
    base = base.model_copy(update={"kafka": base.kafka.model_copy(update={"bootstrap_servers": kafka.bootstrap})})
    run = uuid.uuid4().hex[:8]
    with SlackReceiver() as receiver:
        limit = bare_posts(receiver, [article(i, run) for i in range(args.records)])
    print(f"bare httpx POSTs to the receiver (the limit):   {limit:8.0f} msg/s")
    for routes in args.routes:
        rate, delivered = throughput(base, kafka, args.records, routes)
        print(f"alert sink, {routes} route(s), rate limit raised:  {rate:8.0f} tagged records/s "
              f"({delivered}/{args.records} delivered; {rate / limit:.2f} of the limit)")
    fast = steady(base, kafka, args.seconds, fast=True)
    print(f"steady 20 meetings/s for {args.seconds:.0f} s, rate limit raised: {fast['delivered']}/{fast['alerts']} "
          f"delivered in {fast['messages']} messages; latency tagged record -> webhook 200: "
          f"p50 {fast['p50'] * 1000:.0f} ms, p95 {fast['p95'] * 1000:.0f} ms, max {fast['max'] * 1000:.0f} ms "
          f"(target p95 < 250 ms)")
    slow = steady(base, kafka, min(args.seconds, 10.0), fast=False)
    print(f"steady 20 meetings/s, default rate limit (1 msg/s, burst 3): {slow['delivered']}/{slow['alerts']} "
          f"alerts delivered in {slow['messages']} messages (digests) within 3 s of the last one")


if __name__ == "__main__":
    main()
