"""Collector configuration: the feed list and how politely to poll it.

In TOML::

    [collector]
    interval_seconds = 900
    adaptive = { enabled = false }          # on by default: false polls on the fixed interval only
    allow_networks = ["127.0.0.0/8"]      # internal addresses are refused unless listed

    [[collector.feeds]]
    url = "https://www.example.org/rss.xml"
    name = "example"
    interval_seconds = 600
    tags = ["defense"]
    full_text = true
"""

from __future__ import annotations

import ipaddress

from pydantic import ConfigDict, Field, field_validator, model_validator

from newswatch.collectors.credentials import public_url as without_credentials
from newswatch.config import Frozen


class FeedConfig(Frozen):
    """One feed: where it is, what to call it (metrics label, ``source`` field), how often to poll."""

    model_config = ConfigDict(allow_inf_nan=False)  # merged with Frozen's

    url: str = Field(min_length=1)
    name: str | None = None
    interval_seconds: float | None = Field(default=None, gt=0)
    tags: tuple[str, ...] = ()
    #: Fetch each new article's page and extract its main text (for feeds that give only a summary).
    full_text: bool = False
    #: The outlet's home country (ISO 3166-1 alpha-2: ``KR`` for a Yonhap feed), carried on every
    #: article as ``source_country``; the tagger takes it before its outlet registry.
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    #: The language the feed's articles are written in (ISO 639-1: ``ko``, ``ja``, ``en``); it beats the
    #: feed's own ``<language>`` and what the script says. None: the feed's ``<language>``, else the script.
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")

    @property
    def label(self) -> str:
        """The feed's name where one is configured, else its URL without credentials (a metric label,
        ``Article.source``, the ``feed`` of every log line: never a password)."""
        return self.name or without_credentials(self.url)


class AdaptiveConfig(Frozen):
    """Adaptive polling: spend a budget of requests where new items are most likely (``adaptive.py``)."""

    model_config = ConfigDict(allow_inf_nan=False)  # merged with Frozen's

    #: On by default; ``adaptive = { enabled = false }`` polls every feed on the fixed interval.
    enabled: bool = True
    #: Requests per hour over all feeds; default: what the fixed interval would spend (feeds x 3600 / interval).
    budget_requests_per_hour: float | None = Field(default=None, gt=0)
    #: Requests per hour towards one host (host:port), all its feeds together.
    per_host_requests_per_hour: float = Field(default=240.0, gt=0)
    #: How often the budget is shared out again over the feeds' learnt patterns.
    replan_seconds: float = Field(default=600.0, gt=0)
    #: The tail term (``budget.py``): a story found later than ``deadline_seconds`` (default: 0.45 x
    #: ``interval_seconds``) costs the schedule ``deadline_weight`` seconds of delay on top of its wait, so a
    #: feed-hour whose stories are worth it is polled at the deadline. Weight 0: the mean delay alone.
    deadline_seconds: float | None = Field(default=None, gt=0)
    deadline_weight: float = Field(default=1000.0, ge=0)


class WebSubConfig(Frozen):
    """WebSub push: subscribe to the hubs feeds name and refetch a feed as soon as its hub pings."""

    model_config = ConfigDict(allow_inf_nan=False)  # merged with Frozen's

    enabled: bool = False
    #: The callback base URL hubs can reach, e.g. "https://collector.example.org"; required when enabled.
    public_url: str | None = None
    #: Where the callback server listens (behind public_url).
    host: str = "127.0.0.1"
    #: 9110: clear of the stages' metrics ports (9101-9106), so an all-in-one host runs it beside them.
    port: int = Field(default=9110, ge=0, le=65535)
    lease_seconds: int = Field(default=10 * 86400, gt=0)
    #: Safety-net polling of a feed whose hub is active.
    poll_interval_seconds: float = Field(default=6 * 3600.0, gt=0)
    #: A story the safety-net poll finds this long after its publication, never announced: the hub is silent.
    silence_grace_seconds: float = Field(default=900.0, gt=0)
    #: After a hub went silent (or its lease ran out), how long the feed is polled before its hub is asked again.
    resubscribe_after_seconds: float = Field(default=86400.0, gt=0)

    @model_validator(mode="after")
    def _needs_public_url(self) -> WebSubConfig:
        if self.enabled and not self.public_url:
            raise ValueError("collector.websub.public_url is required when websub is enabled")
        return self


class CollectorConfig(Frozen):
    #: No infinite or NaN numbers: ``timeout_seconds = inf`` would disable the limit.
    model_config = ConfigDict(allow_inf_nan=False)  # merged with Frozen's

    feeds: tuple[FeedConfig, ...] = ()
    #: Default poll interval; a feed's own interval, TTL, Retry-After or max-age can only lengthen it.
    interval_seconds: float = Field(default=300.0, gt=0)
    #: Adaptive polling never polls a feed sooner than this after the last poll (nor than its own
    #: interval_seconds, TTL, Retry-After or max-age).
    min_interval_seconds: float = Field(default=30.0, gt=0)
    adaptive: AdaptiveConfig = AdaptiveConfig()
    websub: WebSubConfig = WebSubConfig()
    #: Ceiling on the time between two polls of a healthy or failing feed (also caps back-off).
    max_interval_seconds: float = Field(default=24 * 3600.0, gt=0)
    timeout_seconds: float = Field(default=20.0, gt=0)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    user_agent: str = "newswatch/0.1 (+https://github.com/newswatch/newswatch)"
    #: Requests in flight at once, overall and towards one host (host:port).
    concurrency: int = Field(default=64, ge=1)
    per_host_limit: int = Field(default=2, ge=1)
    max_redirects: int = Field(default=5, ge=0)
    #: Processes that run feedparser beside the polling loop (0: parse in the loop itself). Parsing
    #: is most of a first cycle's CPU; one worker lets it overlap with HTTP and Kafka on a second core.
    #: With 0 there is no time limit on a parse (tests use it; hostile feeds need a worker).
    parse_workers: int = Field(default=1, ge=0)
    #: A parse taking longer ends its worker (a new one takes over) and fails that feed only.
    parse_timeout_seconds: float = Field(default=15.0, gt=0)
    #: Address-space limit of a parse worker (MemoryError in the worker, never in the collector).
    parse_memory_bytes: int = Field(default=1024 * 1024 * 1024, ge=256 * 1024 * 1024)
    #: Largest article record sent to Kafka (encoded JSON); keep it <= processor.max_record_bytes.
    max_article_bytes: int = Field(default=1024 * 1024, ge=64 * 1024)
    #: Consecutive failures after which a feed is parked (not polled until ``newswatch feeds unpark``).
    error_limit: int = Field(default=10, ge=1)
    #: Compacted topic holding feed state and published ids; default ``<articles topic>.collector-state``.
    state_topic: str | None = None
    #: How long the collector remembers the ids it published (a feed listing a story longer than this
    #: publishes it again); the seen topic's retention. Default topic ``<articles topic>.collector-seen``.
    seen_retention_days: float = Field(default=30.0, gt=0)
    seen_topic: str | None = None
    #: Full-text fetches: size cap and timeout per article page.
    full_text_max_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    full_text_timeout_seconds: float = Field(default=15.0, gt=0)
    #: Hosts and networks that may be fetched although they resolve to loopback, private,
    #: link-local, multicast or reserved addresses. Empty: all such addresses are refused.
    allow_hosts: tuple[str, ...] = ()
    allow_networks: tuple[str, ...] = ()

    @field_validator("allow_networks")
    @classmethod
    def _networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for net in value:
            try:
                ipaddress.ip_network(net, strict=False)
            except ValueError as exc:
                raise ValueError(f"not a network: {net!r} ({exc})") from None
        return value

    def state_topic_for(self, articles_topic: str) -> str:
        return self.state_topic or f"{articles_topic}.collector-state"
