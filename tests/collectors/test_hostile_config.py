"""Feed lists and collector settings from elsewhere (issue 19, the smaller holes): deep OPML, OPML
that names local files, internal addresses or credentials, infinite timeouts, and credentials in
feed URLs kept out of labels, messages and logs."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr, ValidationError

from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.credentials import public_url
from newswatch.collectors.opml import read_opml, vet_imports
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.redaction import RedactingFormatter, secrets_in
from newswatch.schema import Article


def opml(body: str) -> bytes:
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'.encode()


def test_five_thousand_nested_outlines_are_read_without_recursion():
    """Regression: 5,000 nested folders ended in a RecursionError traceback."""
    depth = 5000
    nested = '<outline text="f">' * depth + '<outline xmlUrl="https://deep.example/rss" text="deep"/>' \
        + "</outline>" * depth
    feeds = read_opml(opml(nested + '<outline xmlUrl="https://after.example/rss" text="after"/>'))
    assert [f.url for f in feeds] == ["https://deep.example/rss", "https://after.example/rss"]
    assert feeds[0].tags == ("f",)  # the same folder name repeated is one tag


def test_document_order_and_folders_are_kept():
    feeds = read_opml(opml('<outline text="A"><outline xmlUrl="https://a.example/1" text="a1"/>'
                           '<outline text="B"><outline xmlUrl="https://b.example/1" text="b1"/></outline>'
                           '<outline xmlUrl="https://a.example/2" text="a2"/></outline>'))
    assert [(f.name, f.tags) for f in feeds] == [("a1", ("A",)), ("b1", ("A", "B")), ("a2", ("A",))]


def test_an_import_refuses_local_files_internal_addresses_and_credentials_with_a_reason():
    feeds = read_opml(opml(
        '<outline xmlUrl="file:///etc/passwd" text="passwd"/>'
        '<outline xmlUrl="/var/lib/secret.xml" text="path"/>'
        '<outline xmlUrl="http://169.254.169.254/latest/meta-data/" text="metadata"/>'
        '<outline xmlUrl="http://[fe80::1]/" text="link-local v6"/>'
        '<outline xmlUrl="http://127.0.0.1:8080/admin" text="loopback"/>'
        '<outline xmlUrl="https://newsuser:s3cretpass@private.example/feed" text="creds"/>'
        '<outline xmlUrl="https://news.example/rss" text="fine"/>'))
    accepted, refused = vet_imports(feeds)
    assert [f.url for f in accepted] == ["https://news.example/rss"]
    reasons = dict(refused)
    assert len(refused) == 6
    assert "http(s)" in reasons["file:///etc/passwd"] and "http(s)" in reasons["/var/lib/secret.xml"]
    assert "internal" in reasons["http://169.254.169.254/latest/meta-data/"]
    assert "credentials" in reasons["https://private.example/feed"]
    assert not any("s3cretpass" in url for url, _ in refused)


@pytest.mark.parametrize("field", ["timeout_seconds", "interval_seconds", "max_interval_seconds",
                                   "parse_timeout_seconds", "full_text_timeout_seconds"])
def test_infinite_or_nan_durations_are_refused(field):
    """Regression: `timeout_seconds = inf` was accepted and disabled the limit."""
    for value in (float("inf"), float("nan")):
        with pytest.raises(ValidationError):
            CollectorConfig(**{field: value})
    with pytest.raises(ValidationError):
        FeedConfig(url="https://news.example/rss", interval_seconds=float("inf"))


CREDENTIALED = "http://newsuser:s3cretpass@127.0.0.1:8080/feed"


def test_a_credentialed_url_never_becomes_a_label_or_a_source():
    feed = FeedConfig(url=CREDENTIALED)
    assert feed.label == "http://127.0.0.1:8080/feed"
    assert public_url("https://u:p@h.example:8443/x?y=1#z") == "https://h.example:8443/x?y=1#z"
    assert public_url("http://[::1") == "http://[::1"


def test_feed_url_credentials_are_masked_in_every_log_line():
    config = CollectorConfig(feeds=(FeedConfig(url=CREDENTIALED),))
    secrets = secrets_in(config)
    assert "s3cretpass" in secrets and "newsuser:s3cretpass" in secrets
    formatter = RedactingFormatter(logging.Formatter("%(message)s"), secrets)
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "fetching %s", (CREDENTIALED,), None)
    assert "s3cretpass" not in formatter.format(record)
    assert secrets_in(SecretStr("x")) == ["x"]


class Recorder:
    class Done:
        def get(self, timeout=None):
            return None

    def __init__(self):
        self.sent: list[bytes] = []

    def send(self, topic, *, key, value, timestamp_ms):
        self.sent.append(key)
        return self.Done()

    def flush(self):
        return None


def test_an_article_over_the_record_cap_is_skipped_alone():
    producer = Recorder()
    publisher = Publisher(producer, "articles", MemoryStateStore(), set(), max_article_bytes=64 * 1024)
    small = Article(id="a", url="https://e.org/a", title="small")
    big = Article(id="b", url="https://e.org/b", title="big", content="x" * 70_000)
    assert publisher.send(small, "f") and not publisher.send(big, "f") and publisher.send(small, "f")
    assert producer.sent == [b"a", b"a"]
