"""Meeting store configuration (``[meeting_store]``): where the database is, batching, waiting out outages."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator

from newswatch.config import Frozen


class MeetingStoreConfig(Frozen):
    """The database sink and the read side (``newswatch meetings``, ``newswatch serve``).

    ``url`` is ``sqlite:///PATH`` (the embedded default, a file next to where newswatch runs) or
    ``postgresql://USER:PASSWORD@HOST:PORT/DB``; it may hold a password, so it is a secret and never logged.
    """

    url: SecretStr = SecretStr("sqlite:///newswatch-meetings.db")
    group: str = "newswatch-meeting-store"
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
    #: While the database is unreachable the sink retries (doubling from the first wait to the cap),
    #: committing nothing; after ``max_wait_seconds`` it gives up and exits (its supervisor restarts it).
    retry_initial_seconds: float = Field(default=0.5, gt=0)
    retry_max_seconds: float = Field(default=5.0, gt=0)
    max_wait_seconds: float = Field(default=900.0, gt=0)
    #: ``newswatch serve``: the read-only HTTP API.
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8088, ge=0, le=65535)

    @field_validator("url")
    @classmethod
    def _known_scheme(cls, url: SecretStr) -> SecretStr:
        if not url.get_secret_value().startswith(("sqlite://", "postgresql://", "postgres://")):
            raise ValueError("meeting_store.url must start with sqlite:// or postgresql://")
        return url
