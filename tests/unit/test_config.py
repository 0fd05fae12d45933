"""Configuration: file, environment, defaults, and one clear error for a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswatch.errors import ConfigError
from newswatch.settings import load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key in ("NEWSWATCH_CONFIG", "NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS", "NEWSWATCH_TOPICS__PARTITIONS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_need_no_file() -> None:
    settings = load_settings()
    assert settings.kafka.bootstrap_servers is None  # the embedded broker
    assert settings.topics.articles == "newswatch.articles"
    assert settings.topics.dlq == "newswatch.dlq"


def test_file_then_environment_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nw.toml"
    path.write_text('[kafka]\nbootstrap_servers = "k1:9092"\n[topics]\npartitions = 12\n')
    assert load_settings(path).topics.partitions == 12
    monkeypatch.setenv("NEWSWATCH_TOPICS__PARTITIONS", "3")
    settings = load_settings(path)
    assert settings.topics.partitions == 3
    assert settings.kafka.bootstrap_servers == "k1:9092"


def test_local_newswatch_toml_is_read(tmp_path: Path) -> None:
    (tmp_path / "newswatch.toml").write_text('[topics]\narticles = "my.articles"\n')
    assert load_settings().topics.articles == "my.articles"


def test_unknown_key_is_rejected_with_its_location(tmp_path: Path) -> None:
    path = tmp_path / "nw.toml"
    path.write_text("[kafka]\nbootstrap_server = 'typo:9092'\n")
    with pytest.raises(ConfigError, match=r"kafka\.bootstrap_server"):
        load_settings(path)


def test_wrong_type_and_bad_toml_are_config_errors(tmp_path: Path) -> None:
    bad_type = tmp_path / "a.toml"
    bad_type.write_text("[topics]\npartitions = 'many'\n")
    with pytest.raises(ConfigError, match="topics.partitions"):
        load_settings(bad_type)
    bad_syntax = tmp_path / "b.toml"
    bad_syntax.write_text("[kafka\n")
    with pytest.raises(ConfigError, match="b.toml"):
        load_settings(bad_syntax)
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml")


def test_secrets_are_not_shown_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWATCH_KAFKA__SECURITY_PROTOCOL", "SASL_SSL")  # a password alone is an error now
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_MECHANISM", "PLAIN")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_USERNAME", "newswatch")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_PASSWORD", "hunter2-secret")
    settings = load_settings()
    assert settings.kafka.sasl_password is not None
    assert settings.kafka.sasl_password.get_secret_value() == "hunter2-secret"
    assert "hunter2-secret" not in repr(settings) and "hunter2-secret" not in str(settings.model_dump())
