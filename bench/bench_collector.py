"""Polling benchmark: 1,000 feeds served on loopback, published to a real Kafka broker.

    python bench/bench_collector.py [--feeds 1000] [--items 20] [--ports 20]

A separate process serves the feeds (HTTP/1.1, ETag + Last-Modified, 304 on a match) on
``--ports`` loopback ports, so the per-host limit applies as it would to many publishers. This
process runs only the collector, so its peak RSS is the collector's. Cycles:

1. first cycle: every feed answers 200 with its full body; every item is new;
2. second cycle: every request is conditional and answered 304; nothing is published;
3. restart: a fresh collector reads its memory back from Kafka and polls again (304s).

Kafka: ``$NEWSWATCH_BENCH_BOOTSTRAP``, else the dev broker at 127.0.0.1:29092 when it answers,
else an embedded broker started in a temporary folder. Targets on 2 cores: first cycle < 10 s,
304 cycle < 3 s, peak RSS < 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import http.server
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LAST_MODIFIED = "Sun, 29 Nov 2026 00:00:00 GMT"


def feed_body(n: int, items: int) -> bytes:
    entries = "".join(
        f"<item><title>Feed {n} story {i}: ministers discuss regional security</title>"
        f"<link>https://news{n % 50}.example/world/{n}/{i}?utm_source=rss&amp;utm_medium=feed</link>"
        f'<guid isPermaLink="false">feed-{n}-item-{i}</guid>'
        f"<pubDate>Sun, 29 Nov 2026 0{i % 10}:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Defence ministers from several countries met on {i} November to discuss "
        f"cooperation, exercises and procurement. Story {i} of feed {n}.&lt;/p&gt;</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>https://news{n % 50}.example/</link><ttl>5</ttl>{entries}</channel></rss>").encode()


def serve(ports: int, items: int, ready: Path) -> None:
    """The feed farm (runs in its own process)."""
    cache: dict[int, tuple[bytes, str]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

        def do_GET(self) -> None:  # noqa: N802
            n = int(self.path.rsplit("/", 1)[1].split(".")[0])
            if n not in cache:
                body = feed_body(n, items)
                cache[n] = (body, '"' + hashlib.md5(body).hexdigest() + '"')
            body, etag = cache[n]
            if self.headers.get("if-none-match") == etag:
                self.send_response(304)
                self.send_header("etag", etag)
                self.send_header("content-length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("content-type", "application/rss+xml; charset=utf-8")
            self.send_header("etag", etag)
            self.send_header("last-modified", LAST_MODIFIED)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for _ in range(ports):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.write_text(" ".join(str(s.server_address[1]) for s in servers))
    threading.Event().wait()


def kafka_bootstrap(stack: list) -> str:
    from newswatch.broker import LocalBroker

    explicit = os.environ.get("NEWSWATCH_BENCH_BOOTSTRAP")
    if explicit:
        return explicit
    try:
        socket.create_connection(("127.0.0.1", 29092), timeout=1).close()
        return "127.0.0.1:29092"
    except OSError:
        broker = LocalBroker(tempfile.mkdtemp(prefix="nw-bench-broker-"), port=0)
        stack.append(broker)
        return broker.start(timeout=180)


class RssSampler:
    """Peak RSS of this process plus its parse workers (not the feed farm), sampled every 50 ms."""

    def __init__(self, exclude: int):
        import psutil

        self.me = psutil.Process()
        self.exclude = exclude
        self.peak = 0.0
        self.stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self.stop.wait(0.05):
            self.sample()

    def worker_cpu(self) -> float:
        """CPU seconds used so far by the parse workers (children other than the feed farm)."""
        total = 0.0
        for child in self.me.children(recursive=True):
            if child.pid != self.exclude:
                with contextlib.suppress(Exception):
                    times = child.cpu_times()
                    total += times.user + times.system
        return total

    def sample(self) -> float:
        total = self.me.memory_info().rss
        for child in self.me.children(recursive=True):
            if child.pid != self.exclude:
                with contextlib.suppress(Exception):  # a worker that just exited
                    total += child.memory_info().rss
        self.peak = max(self.peak, total / 2**20)
        return self.peak


SAMPLER: RssSampler | None = None


def peak_rss_mb() -> float:
    if SAMPLER is not None:
        return SAMPLER.sample()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--ports", type=int, default=20)
    parser.add_argument("--parse-workers", type=int, default=1, help="collector.parse_workers (0: in the loop)")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.ports, args.items, args.serve)
        return

    import threading as _threading

    from prometheus_client import CollectorRegistry

    from newswatch.collectors.config import FeedConfig
    from newswatch.collectors.poller import Poller
    from newswatch.collectors.run import parse_pool, run_collector
    from newswatch.collectors.service import Publisher
    from newswatch.collectors.state_store import KafkaStateStore
    from newswatch.config import TopicsConfig
    from newswatch.kafka_io import Kafka
    from newswatch.metrics import CollectorMetrics, PipelineMetrics
    from newswatch.settings import Settings

    stack: list = []
    ready = Path(tempfile.mkdtemp(prefix="nw-bench-")) / "ports"
    farm = subprocess.Popen([sys.executable, __file__, "--serve", str(ready), "--ports", str(args.ports),
                             "--items", str(args.items)])
    global SAMPLER
    SAMPLER = RssSampler(exclude=farm.pid)
    try:
        while not ready.exists():
            time.sleep(0.05)
        ports = ready.read_text().split()
        bootstrap = kafka_bootstrap(stack)
        run = uuid.uuid4().hex[:8]
        topics = TopicsConfig(articles=f"bench-collector-{run}.articles", tagged=f"bench-collector-{run}.tagged",
                              dlq=f"bench-collector-{run}.dlq",
                              partitions=6)
        settings = Settings(kafka={"bootstrap_servers": bootstrap}, topics=topics.model_dump(),
                            collector={"allow_networks": ["127.0.0.0/8"], "interval_seconds": 300,
                                       "parse_workers": args.parse_workers})
        kafka = Kafka(bootstrap=bootstrap, config=settings.kafka)
        kafka.ensure_topics(settings.topics)
        feeds = [FeedConfig(url=f"http://127.0.0.1:{ports[n % len(ports)]}/feeds/{n}.xml", name=f"feed-{n}")
                 for n in range(args.feeds)]
        clock_offset = [0.0]

        def clock() -> float:
            return time.time() + clock_offset[0]

        print(f"newswatch collector benchmark: {args.feeds} feeds x {args.items} items on {len(ports)} loopback "
              f"ports, Kafka {bootstrap}, {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}), "
              f"{settings.collector.parse_workers} parse worker(s), Python {sys.version.split()[0]}")
        print(f"baseline RSS after imports: {peak_rss_mb():.0f} MB")

        producer = kafka.producer()
        store = KafkaStateStore(kafka, settings.collector.state_topic_for(topics.articles), producer)
        states, seen = store.load()
        registry = CollectorRegistry()
        parser = parse_pool(settings.collector)
        poller = Poller(settings.collector, Publisher(producer, topics.articles, store, seen), states,
                        metrics=CollectorMetrics(registry), pipeline=PipelineMetrics(registry), clock=clock,
                        parser=parser)
        results = []
        with asyncio.Runner() as runner:
            for label in ("first cycle (200, full bodies)", "second cycle (304 Not Modified)"):
                worker = SAMPLER.worker_cpu() if SAMPLER else 0.0
                started, cpu = time.perf_counter(), time.process_time()
                stats, changed = runner.run(poller.cycle(feeds))
                store.save_feeds(changed)
                store.flush()
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                worker = (SAMPLER.worker_cpu() if SAMPLER else 0.0) - worker
                results.append((label, seconds, stats))
                print(f"{label:<34} {seconds:6.2f} s  {stats.feeds / seconds:7.0f} feeds/s  "
                      f"cpu {cpu:5.2f} s + parse worker {worker:5.2f} s  "
                      f"new={stats.new} not_modified={stats.not_modified} errors={stats.errors}  "
                      f"peak RSS {peak_rss_mb():.0f} MB")
                clock_offset[0] += 3600
        producer.close()
        if parser is not None:
            parser.shutdown()

        started = time.perf_counter()
        restart = run_collector(settings.collector, settings.topics, kafka, stop=_threading.Event(),
                                registry=CollectorRegistry(), feeds=feeds,
                                once=True, clock=clock)
        seconds = time.perf_counter() - started
        print(f"{'restart: load memory + 304 cycle':<34} {seconds:6.2f} s  {restart.feeds / seconds:7.0f} feeds/s  "
              f"new={restart.new} not_modified={restart.not_modified}  peak RSS {peak_rss_mb():.0f} MB")
        first, second = results[0][1], results[1][1]
        print(f"targets: first cycle {first:.2f} s (< 10 s: {'ok' if first < 10 else 'MISSED'}), "
              f"304 cycle {second:.2f} s (< 3 s: {'ok' if second < 3 else 'MISSED'}), "
              f"peak RSS {peak_rss_mb():.0f} MB (< 200 MB: {'ok' if peak_rss_mb() < 200 else 'MISSED'})")
        admin = kafka.admin()
        admin.delete_topics([topics.articles, topics.tagged, topics.dlq,
                             settings.collector.state_topic_for(topics.articles)])
        admin.close()
    finally:
        farm.terminate()
        farm.wait()
        for broker in stack:
            broker.stop()


if __name__ == "__main__":
    main()
