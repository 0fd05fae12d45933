"""Kafka TLS and SASL settings from configuration become exactly the kafka-python keyword arguments
a production cluster needs; secrets come from the environment or from files, and never show."""

from __future__ import annotations

import os

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from newswatch.config import KafkaConfig
from newswatch.errors import ConfigError
from newswatch.kafka_io import Kafka, security_options
from newswatch.settings import load_settings

PASSWORD = "pa55-w0rd-that-must-never-show"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for key in list(os.environ):
        if key.startswith("NEWSWATCH_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


def _accepted_by_kafka_python(options: dict) -> None:
    for client in (KafkaProducer, KafkaConsumer, KafkaAdminClient):
        unknown = set(options) - set(client.DEFAULT_CONFIG)
        assert not unknown, f"{client.__name__} does not know {unknown}"


def test_plaintext_by_default():
    assert security_options(KafkaConfig()) == {"security_protocol": "PLAINTEXT"}


def test_sasl_scram_over_tls_from_the_environment(monkeypatch, tmp_path):
    ca = tmp_path / "ca.pem"
    monkeypatch.setenv("NEWSWATCH_KAFKA__SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_USERNAME", "newswatch")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_PASSWORD", PASSWORD)
    monkeypatch.setenv("NEWSWATCH_KAFKA__SSL_CAFILE", str(ca))
    options = security_options(load_settings().kafka)
    assert options == {"security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512",
                       "sasl_plain_username": "newswatch", "sasl_plain_password": PASSWORD,
                       "ssl_check_hostname": True, "ssl_cafile": str(ca)}
    _accepted_by_kafka_python(options)


def test_sasl_plain_password_from_a_file(tmp_path):
    secret = tmp_path / "kafka-password"
    secret.write_text(PASSWORD + "\n")  # as `echo` or a Kubernetes secret writes it
    cfg = KafkaConfig(security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN", sasl_username="nw",
                      sasl_password_file=secret)
    assert security_options(cfg) == {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN",
                                     "sasl_plain_username": "nw", "sasl_plain_password": PASSWORD}


def test_mutual_tls_with_an_encrypted_key(tmp_path):
    key_password = tmp_path / "key-password"
    key_password.write_text("k3y\n")
    cfg = KafkaConfig(security_protocol="SSL", ssl_cafile=tmp_path / "ca.pem", ssl_certfile=tmp_path / "c.pem",
                      ssl_keyfile=tmp_path / "k.pem", ssl_password_file=key_password, ssl_check_hostname=False)
    options = security_options(cfg)
    assert options == {"security_protocol": "SSL", "ssl_check_hostname": False,
                       "ssl_cafile": str(tmp_path / "ca.pem"), "ssl_certfile": str(tmp_path / "c.pem"),
                       "ssl_keyfile": str(tmp_path / "k.pem"), "ssl_password": "k3y"}
    _accepted_by_kafka_python(options)


def test_every_client_gets_the_security_settings_and_the_session_timeout():
    kafka = Kafka(bootstrap="127.0.0.1:1", config=KafkaConfig(
        security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-256", sasl_username="nw",
        sasl_password=PASSWORD, session_timeout_ms=10_000))
    common = kafka._common()
    assert common["sasl_plain_password"] == PASSWORD and common["sasl_mechanism"] == "SCRAM-SHA-256"
    assert common["bootstrap_servers"] == ["127.0.0.1:1"]


@pytest.mark.parametrize(("settings", "complaint"), [
    ({"security_protocol": "SASL_SSL"}, "needs a sasl_mechanism"),
    ({"sasl_mechanism": "PLAIN", "sasl_username": "u", "sasl_password": "p"}, "takes no sasl_mechanism"),
    ({"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN", "sasl_password": "p"},
     "needs sasl_username"),
    ({"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN", "sasl_username": "u"},
     "exactly one of sasl_password and sasl_password_file"),
    ({"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN", "sasl_username": "u",
      "sasl_password": "p", "sasl_password_file": "/run/secrets/p"}, "exactly one of"),
    ({"sasl_password": "p"}, "security_protocol is PLAINTEXT"),
    ({"ssl_cafile": "/etc/ca.pem"}, "ssl_cafile set but security_protocol is PLAINTEXT"),
    ({"session_timeout_ms": 1000}, "session_timeout_ms"),
])
def test_inconsistent_security_settings_are_one_clear_error(settings, complaint):
    with pytest.raises(ConfigError, match=complaint) as raised:
        load_settings(kafka=settings)
    assert "\n" not in str(raised.value)


def test_a_missing_secret_file_names_the_file_not_a_secret(tmp_path):
    cfg = KafkaConfig(security_protocol="SASL_SSL", sasl_mechanism="PLAIN", sasl_username="nw",
                      sasl_password_file=tmp_path / "absent")
    with pytest.raises(ConfigError, match="cannot read the SASL password from .*absent: FileNotFoundError"):
        security_options(cfg)


def test_the_password_never_shows_in_the_settings(monkeypatch):
    monkeypatch.setenv("NEWSWATCH_KAFKA__SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_MECHANISM", "PLAIN")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_USERNAME", "nw")
    monkeypatch.setenv("NEWSWATCH_KAFKA__SASL_PASSWORD", PASSWORD)
    settings = load_settings()
    for shown in (repr(settings), str(settings), settings.model_dump_json(), repr(settings.kafka)):
        assert PASSWORD not in shown
