"""Configuration the core shares: the base class every component's config derives from, and the
sections every stage needs (Kafka, topics, the embedded broker, metrics endpoints).

Each stage defines its own section on :class:`Frozen`; the whole application's settings, which put
the sections together and read them from file and environment, live in ``newswatch.settings``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator


class Frozen(BaseModel):
    """The base of every config section: immutable, and unknown keys are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class KafkaConfig(Frozen):
    """How to reach Kafka. No ``bootstrap_servers`` means: start or reuse the embedded local broker.

    Production clusters: TLS (``SSL``), SASL (``PLAIN``, ``SCRAM-SHA-256/512``) or both (``SASL_SSL``).
    Secrets come from the environment (``NEWSWATCH_KAFKA__SASL_PASSWORD``) or, better, from a file
    (``sasl_password_file``, ``ssl_password_file``: a mounted Kubernetes/Docker secret); they are
    ``SecretStr`` and never logged.
    """

    bootstrap_servers: str | None = None
    client_id: str = "newswatch"
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    sasl_password_file: Path | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_password: SecretStr | None = None  # of an encrypted ssl_keyfile
    ssl_password_file: Path | None = None
    ssl_check_hostname: bool = True
    request_timeout_ms: int = Field(default=30_000, ge=1_000)
    #: How long a command waits for configured bootstrap servers before giving up with a clear error.
    connect_timeout_seconds: float = Field(default=15.0, gt=0)
    #: How long a crashed consumer keeps its partitions before the group hands them to the others
    #: (None: the client's default, 45 s on Kafka >= 3.0). Must lie within the broker's group limits.
    session_timeout_ms: int | None = Field(default=None, ge=6_000, le=300_000)
    #: How often a client refreshes topic metadata even when nothing asked for it (client default: 5 min).
    #: A consumer whose group was assigned from stale metadata also rejoins on its own within seconds.
    metadata_max_age_ms: int = Field(default=30_000, ge=1_000)

    @model_validator(mode="after")
    def _consistent_security(self) -> KafkaConfig:
        sasl = self.security_protocol.startswith("SASL_")
        tls = self.security_protocol.endswith("SSL")
        if sasl != (self.sasl_mechanism is not None):
            raise ValueError(f"security_protocol {self.security_protocol} "
                             + ("needs a sasl_mechanism" if sasl else "takes no sasl_mechanism"))
        if sasl and not self.sasl_username:
            raise ValueError("SASL needs sasl_username")
        if sasl and (self.sasl_password is None) == (self.sasl_password_file is None):
            raise ValueError("SASL needs exactly one of sasl_password and sasl_password_file")
        if not sasl and (self.sasl_password is not None or self.sasl_password_file is not None):
            raise ValueError(f"a SASL password is set but security_protocol is {self.security_protocol}")
        if self.ssl_password is not None and self.ssl_password_file is not None:
            raise ValueError("set only one of ssl_password and ssl_password_file")
        tls_files = [k for k in ("ssl_cafile", "ssl_certfile", "ssl_keyfile") if getattr(self, k) is not None]
        if tls_files and not tls:
            raise ValueError(f"{', '.join(tls_files)} set but security_protocol is {self.security_protocol}")
        return self


class TopicsConfig(Frozen):
    """Topic names and partition counts; topics are created at start when missing."""

    articles: str = "newswatch.articles"
    tagged: str = "newswatch.tagged"
    dlq: str = "newswatch.dlq"
    #: Meeting records (compacted, key = meeting id) and the resolver's input, meeting reports keyed by
    #: their parties. None: named after the tagged topic (``newswatch.meetings``, ``newswatch.meeting-reports``).
    meetings: str | None = None
    meeting_reports: str | None = None
    partitions: int = Field(default=6, ge=1)
    replication_factor: int = Field(default=1, ge=1)

    def _stem(self) -> str:
        return self.tagged[: -len(".tagged")] if self.tagged.endswith(".tagged") else self.tagged

    @property
    def meetings_topic(self) -> str:
        return self.meetings or f"{self._stem()}.meetings"

    @property
    def meeting_reports_topic(self) -> str:
        return self.meeting_reports or f"{self._stem()}.meeting-reports"


class BrokerConfig(Frozen):
    """The embedded broker used when no bootstrap servers are configured."""

    home: Path | None = None
    port: int = 9092
    heap: str = "512m"


class MetricsConfig(Frozen):
    """Where each process serves ``/metrics``; port 0 picks a free port."""

    host: str = "127.0.0.1"
    collector_port: int = 9101
    processor_port: int = 9102
    alert_port: int = 9103
    metrics_sink_port: int = 9104
    resolver_port: int = 9105
    meeting_store_port: int = 9106
    pushgateway: str | None = None
