"""The whole application's settings: every section, from arguments, environment, file and defaults.

Sources, highest priority first: keyword arguments, environment variables
(``NEWSWATCH_`` prefix, ``__`` between nested keys, e.g. ``NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS``),
a TOML file (``--config``, ``$NEWSWATCH_CONFIG`` or ``./newswatch.toml``), then defaults that work
out of the box. Unknown keys are rejected. Secrets are ``SecretStr`` and never logged.

This is the composition layer: it knows every stage's config section; the stages themselves only
receive their own section, the topics and the Kafka connection.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from newswatch.collectors.config import CollectorConfig
from newswatch.config import BrokerConfig, KafkaConfig, MetricsConfig, TopicsConfig
from newswatch.errors import ConfigError
from newswatch.processors.config import ProcessorConfig
from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.sinks.config import AlertConfig, MetricsSinkConfig
from newswatch.sinks.meeting_pages.config import ServeConfig
from newswatch.sinks.meeting_store.config import MeetingStoreConfig


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSWATCH_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    kafka: KafkaConfig = KafkaConfig()
    topics: TopicsConfig = TopicsConfig()
    broker: BrokerConfig = BrokerConfig()
    metrics: MetricsConfig = MetricsConfig()
    collector: CollectorConfig = CollectorConfig()
    processor: ProcessorConfig = ProcessorConfig()
    meetings: ResolverConfig = ResolverConfig()
    alert: AlertConfig = AlertConfig()
    metrics_sink: MetricsSinkConfig = MetricsSinkConfig()
    meeting_store: MeetingStoreConfig = MeetingStoreConfig()
    serve: ServeConfig = ServeConfig()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "text"

    @model_validator(mode="after")
    def _alerts_link_to_the_pages(self) -> Settings:
        """With ``serve.public_url`` set, alerts link to the meetings' pages there (``alert.pages_url``)."""
        if self.serve.public_url and not self.alert.pages_url:
            object.__setattr__(self, "alert", self.alert.model_copy(update={"pages_url": self.serve.public_url}))
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _CONFIG_FILE.get("path")
        if path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)


_CONFIG_FILE: dict[str, Path | None] = {}


def config_path(explicit: Path | None = None) -> Path | None:
    """The TOML file to read: ``--config``, then ``$NEWSWATCH_CONFIG``, then ``./newswatch.toml``."""
    if explicit is not None:
        return explicit
    env = os.environ.get("NEWSWATCH_CONFIG")
    if env:
        return Path(env)
    local = Path("newswatch.toml")
    return local if local.exists() else None


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings, turning every validation problem into one clear ConfigError."""
    path = config_path(path)
    if path is not None and not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    _CONFIG_FILE["path"] = path
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        where = f" in {path}" if path else ""
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid configuration{where}: {problems}") from None
    except ValueError as exc:  # TOML syntax errors
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    finally:
        _CONFIG_FILE.clear()
