"""WebSub push through the whole collector: a loopback hub verifies the subscription the collector
asked for, each signed ping makes the collector refetch, and the new story reaches Kafka within
seconds; a hub that lets a story go unannounced is dropped and the feed is polled again."""

from __future__ import annotations

import socket
import statistics
import time
from email.utils import formatdate

from kafka.structs import TopicPartition

from newswatch.collectors.config import FeedConfig, WebSubConfig
from newswatch.collectors.guard import AddressGuard
from newswatch.collectors.push import PushManager
from newswatch.collectors.run import run_collector
from newswatch.collectors.schedule import FeedState
from newswatch.collectors.websub import Subscription
from newswatch.stages import stage_arguments
from tests.support.feed_server import Page
from tests.support.stages import StageThread
from tests.support.websub_hub import TestHub


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def feed(hub: str, topic: str, stories: int) -> Page:
    items = "".join(f"<item><title>Story {i}</title><link>https://news.example/push/{i}</link>"
                    f"<pubDate>{formatdate(time.time(), usegmt=True)}</pubDate></item>" for i in range(stories))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Pushed</title>'
            f"<link>https://news.example/</link>{items}</channel></rss>").encode()
    return Page(body, headers={"link": f'<{hub}>; rel="hub", <{topic}>; rel="self"'})


def test_pushed_stories_reach_kafka_within_two_seconds(collector_settings, kafka, feed_server):
    port = free_port()
    websub = WebSubConfig(enabled=True, public_url=f"http://127.0.0.1:{port}", port=port)
    settings = collector_settings.model_copy(update={"collector": collector_settings.collector.model_copy(
        update={"websub": websub, "interval_seconds": 3600.0})})  # without pushes nothing would come for an hour
    topic = feed_server.url("/pushed.xml")
    consumer = kafka.consumer(group=None, enable_auto_commit=False)
    with TestHub() as hub:
        feed_server.pages["/pushed.xml"] = feed(hub.url, topic, 1)
        collector = StageThread(run_collector, **stage_arguments(settings, "collector"), kafka=kafka,
                                feeds=[FeedConfig(url=topic)])
        collector.thread.start()
        try:
            assert hub.verified.wait(30), "the hub never verified the collector's subscription"
            assert collector.wait_until(lambda: collector.value("newswatch_collector_websub_subscriptions") == 1)
            partitions = None
            while partitions is None:
                partitions = consumer.partitions_for_topic(settings.topics.articles)
            tps = [TopicPartition(settings.topics.articles, p) for p in partitions]
            consumer.assign(tps)
            consumer.seek_to_end(*tps)
            delays = []
            for n in range(2, 12):
                feed_server.pages["/pushed.xml"] = feed(hub.url, topic, n)  # one story more
                started = time.monotonic()
                assert hub.publish(topic, b"").status_code == 202  # a ping without content: refetch
                got = 0
                while not got and time.monotonic() - started < 10:
                    got = sum(len(batch) for batch in consumer.poll(timeout_ms=50).values())
                assert got == 1
                delays.append(time.monotonic() - started)
        finally:
            collector.stop.set()
            collector.thread.join(timeout=30)
            consumer.close()
    assert collector.error is None, collector.error
    assert statistics.quantiles(delays, n=20)[-1] < 2.0, delays
    assert collector.value("newswatch_collector_websub_notifications_total", outcome="accepted") == 10


def test_a_silent_hub_is_dropped_and_the_feed_polled_again():
    states = {"https://news.example/f": FeedState(url="https://news.example/f")}
    push = PushManager(WebSubConfig(enabled=True, public_url="http://c.example", poll_interval_seconds=3600,
                                    silence_grace_seconds=600), states, AddressGuard())
    config = FeedConfig(url="https://news.example/f")
    sub = Subscription(feed_url=config.url, topic=config.url, hub="https://hub.example/", verified_at=1000.0,
                       lease_seconds=86400, pending_mode=None)
    push.by_feed[config.url] = push.by_callback[sub.callback_id] = sub
    state = states[config.url]
    state.next_check = 1300.0
    push.after_fetch(config, state, 1300.0, body=None, headers={}, url=config.url, fresh_published=[])
    assert state.next_check == 1300.0 + 3600
    assert push.pushed() == 1  # pushed: polled as a safety net only
    state.next_check = 5000.0 + 300
    push.after_fetch(config, state, 5000.0, body=None, headers={}, url=config.url, fresh_published=[4000.0])
    assert push.pushed() == 0 and state.next_check == 5300.0  # a story the hub never announced: back to polling
