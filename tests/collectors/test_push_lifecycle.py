"""A WebSub subscription's life through the loopback test hub and the real Poller and callback server,
under a hand-driven clock: it survives a restart (kept in the feed's state), its lease is renewed
when 10% remains, a hub that lets a story go unannounced is dropped for polling, and a feed removed
from the list is unsubscribed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate

from prometheus_client import CollectorRegistry

from newswatch.collectors.config import CollectorConfig, FeedConfig, WebSubConfig
from newswatch.collectors.poller import Poller
from newswatch.collectors.schedule import FeedState
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.collectors.websub_server import CallbackServer
from newswatch.metrics import CollectorMetrics, PipelineMetrics
from tests.collectors.test_push import free_port
from tests.support.feed_server import Page
from tests.support.websub_hub import TestHub


class Recorder:
    """The producer: counts what the collector publishes (Kafka is not what these tests are about)."""

    class Done:
        def get(self, timeout: float | None = None) -> None:
            return None

    def __init__(self) -> None:
        self.titles: list[str] = []

    def send(self, topic: str, *, value: bytes, **_record: object) -> Done:
        self.titles.append(value.decode())
        return self.Done()

    def flush(self) -> None:
        return None


def page(hub: str, topic: str, published: list[float]) -> Page:
    items = "".join(f"<item><title>Story {i}</title><link>https://news.example/pushed/{i}</link>"
                    f"<pubDate>{formatdate(t, usegmt=True)}</pubDate></item>" for i, t in enumerate(published))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Pushed</title>'
            f"<link>https://news.example/</link>{items}</channel></rss>").encode()
    return Page(body, headers={"link": f'<{hub}>; rel="hub", <{topic}>; rel="self"'})


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


class Collector:
    """A Poller and its callback server, as ``run_collector`` wires them, driven cycle by cycle."""

    def __init__(self, config: CollectorConfig, store: MemoryStateStore, clock: Callable[[], float]):
        self.store = store
        states, seen = store.load()
        self.producer = Recorder()
        self.registry = CollectorRegistry()
        self.poller = Poller(config, Publisher(self.producer, "articles", store, seen), states,  # type: ignore[arg-type]
                             metrics=CollectorMetrics(self.registry), pipeline=PipelineMetrics(self.registry),
                             clock=clock)
        assert self.poller.push is not None
        self.push = self.poller.push

    def cycle(self, feeds: list[FeedConfig]) -> None:
        _stats, changed = asyncio.run(self.poller.cycle(feeds))
        self.store.save_feeds(changed)

    @contextmanager
    def listening(self, port: int) -> Iterator[CallbackServer]:
        with CallbackServer(self.push.by_callback, self.push.ping, metrics=self.poller.metrics, port=port,
                            clock=self.poller.clock) as server:
            yield server


def config_for(port: int, **websub: float) -> CollectorConfig:
    return CollectorConfig(allow_networks=("127.0.0.1/32",), interval_seconds=300.0, parse_workers=0,
                           websub=WebSubConfig(enabled=True, public_url=f"http://127.0.0.1:{port}", port=port,
                                               poll_interval_seconds=3600.0, silence_grace_seconds=600.0,
                                               **websub))


def subscribed(collector: Collector, hub: TestHub, feeds: list[FeedConfig], count: int = 1) -> None:
    """Poll until the hub has confirmed ``count`` subscriptions, then let the collector save them."""
    collector.cycle(feeds)
    assert wait_for(lambda: len([c for c in hub.confirmed if c[0] == "subscribe"]) >= count)
    collector.cycle(feeds)  # nothing due: the confirmation is saved with the feed's state
    assert collector.push.pushed() == 1


def test_a_subscription_survives_a_restart(feed_server, clock):
    port = free_port()
    store = MemoryStateStore()
    with TestHub() as hub:
        topic = feed_server.url("/pushed.xml")
        feed_server.pages["/pushed.xml"] = page(hub.url, topic, [clock.now - 60])
        feeds = [FeedConfig(url=topic)]
        first = Collector(config_for(port), store, clock)
        with first.listening(port):
            subscribed(first, hub, feeds)
        assert store.feeds[topic].extra["websub"]["verified_at"] == clock.now

        clock.advance(120)
        second = Collector(config_for(port), store, clock)  # a restart: state read back from the store
        assert second.push.pushed() == 1
        with second.listening(port):
            feed_server.pages["/pushed.xml"] = page(hub.url, topic, [clock.now - 180, clock.now])
            assert hub.publish(topic, b"").status_code == 202  # signed with the secret the first run chose
            assert second.poller.due(feeds) == feeds
            second.cycle(feeds)
        assert len(second.producer.titles) == 1 and "Story 1" in second.producer.titles[0]
        assert [r["hub.mode"] for r in hub.requests] == ["subscribe"]  # never asked again
        assert second.registry.get_sample_value("newswatch_collector_websub_notifications_total",
                                                {"outcome": "accepted"}) == 1


def test_the_lease_is_renewed_when_a_tenth_remains(feed_server, clock):
    port = free_port()
    with TestHub(lease_seconds=1000) as hub:
        topic = feed_server.url("/pushed.xml")
        feed_server.pages["/pushed.xml"] = page(hub.url, topic, [clock.now - 60])
        feeds = [FeedConfig(url=topic)]
        collector = Collector(config_for(port), MemoryStateStore(), clock)
        with collector.listening(port):
            subscribed(collector, hub, feeds)
            sub = collector.push.by_feed[topic]
            first_expiry = sub.expires_at()
            assert first_expiry == clock.now + 1000
            clock.advance(850)
            collector.cycle(feeds)  # 15% left: nothing to do
            assert len(hub.requests) == 1
            clock.advance(60)  # 9% left: renew, although the feed is not due (polled hourly as a safety net)
            assert collector.poller.due(feeds) == []
            collector.cycle(feeds)
            assert wait_for(lambda: len(hub.confirmed) == 2)
        assert [r["hub.mode"] for r in hub.requests] == ["subscribe", "subscribe"]
        assert hub.requests[0]["hub.callback"] == hub.requests[1]["hub.callback"]  # the same subscription
        assert hub.requests[0]["hub.secret"] == hub.requests[1]["hub.secret"]
        assert sub.expires_at() == clock.now + 1000 > first_expiry and collector.push.pushed() == 1


def test_a_silent_hub_is_dropped_and_the_feed_polled_again(feed_server, clock):
    port = free_port()
    with TestHub(lease_seconds=86400) as hub:
        topic = feed_server.url("/pushed.xml")
        feed_server.pages["/pushed.xml"] = page(hub.url, topic, [clock.now - 60])
        feeds = [FeedConfig(url=topic)]
        collector = Collector(config_for(port), MemoryStateStore(), clock)
        with collector.listening(port):
            subscribed(collector, hub, feeds)
            published = clock.now + 10
            feed_server.pages["/pushed.xml"] = page(hub.url, topic, [clock.now - 60, published])  # never announced
            clock.advance(3600)  # the safety-net poll
            assert collector.poller.due(feeds) == feeds
            collector.cycle(feeds)
        state = collector.poller.state(feeds[0])
        assert collector.push.pushed() == 0
        assert state.next_check == clock.now + 300  # back on the normal interval
        assert len(collector.producer.titles) == 2 and "Story 1" in collector.producer.titles[1]  # found by polling
        assert [r["hub.mode"] for r in hub.requests] == ["subscribe"]  # the silent hub is not asked again today
        assert "websub" not in collector.store.feeds[topic].extra


def test_a_removed_feed_is_unsubscribed(feed_server, clock):
    port = free_port()
    with TestHub() as hub:
        topic = feed_server.url("/pushed.xml")
        feed_server.pages["/pushed.xml"] = page(hub.url, topic, [clock.now - 60])
        feed_server.pages["/other.xml"] = Page(b'<?xml version="1.0"?><rss version="2.0"><channel><title>o'
                                               b"</title></channel></rss>")
        collector = Collector(config_for(port), MemoryStateStore(), clock)
        other = FeedConfig(url=feed_server.url("/other.xml"))
        with collector.listening(port):
            subscribed(collector, hub, [FeedConfig(url=topic), other])
            clock.advance(60)
            collector.cycle([other])  # the pushed feed left the list
            assert wait_for(lambda: ("unsubscribe", hub.requests[-1]["hub.callback"]) in hub.confirmed)
            collector.cycle([other])
        assert topic not in hub.subscriptions and collector.push.pushed() == 0
        assert [r["hub.mode"] for r in hub.requests] == ["subscribe", "unsubscribe"]
        assert "websub" not in collector.store.feeds[topic].extra
        assert isinstance(collector.store.feeds[topic], FeedState)
