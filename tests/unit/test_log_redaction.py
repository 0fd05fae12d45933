"""Secrets (webhook URLs, SASL and TLS key passwords) never reach the terminal or a log collector,
even when a client library quotes them: the log handler masks every secret the settings hold."""

from __future__ import annotations

import json
import logging
import os

import pytest
from kafka import KafkaAdminClient

from newswatch.kafka_io import security_options
from newswatch.logs import configure_logging
from newswatch.redaction import secrets_in
from newswatch.settings import load_settings

WEBHOOK = "https://hooks.slack.example/services/T0001/B0002/Zx9SecretToken42"
TOKEN_PATH = "/services/T0001/B0002/Zx9SecretToken42"
PASSWORD = 'sasl-"pa55"-never-shown'


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path):
    for key in list(os.environ):
        if key.startswith("NEWSWATCH_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    key_password = tmp_path / "key-password"
    key_password.write_text("tls-key-passphrase\n")
    return load_settings(kafka={"security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-256",
                                "sasl_username": "nw", "sasl_password": PASSWORD,
                                "ssl_password_file": str(key_password)},
                         alert={"webhook_url": WEBHOOK})


@pytest.fixture
def root_logging():
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("kafka").level)
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    logging.getLogger("kafka").setLevel(saved[2])


def test_secrets_in_finds_every_secret_the_settings_hold(settings):
    found = set(secrets_in(settings))
    assert {PASSWORD, WEBHOOK, TOKEN_PATH, "tls-key-passphrase"} <= found


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_secret_in_a_message_a_field_or_a_traceback_is_masked(settings, root_logging, capsys, fmt):
    configure_logging("DEBUG", fmt, secrets_in(settings))
    log = logging.getLogger("newswatch.test")
    log.warning("delivery to %s failed", WEBHOOK, extra={"path": TOKEN_PATH, "auth": PASSWORD})
    try:
        raise RuntimeError(f"Server error '500' for url '{WEBHOOK}' with password {PASSWORD}")
    except RuntimeError:
        log.exception("webhook call raised")
    out = capsys.readouterr().err
    assert "delivery to *** failed" in out and "webhook call raised" in out
    for secret in (WEBHOOK, TOKEN_PATH, "Zx9SecretToken42", "pa55", "tls-key-passphrase"):
        assert secret not in out
    if fmt == "json":
        assert all(json.loads(line)["level"] for line in out.splitlines() if line.startswith("{"))


def test_kafka_pythons_debug_dump_of_its_configuration_is_masked(settings, root_logging, capsys):
    """KafkaAdminClient logs its whole configuration, SASL password included, at DEBUG."""
    configure_logging("DEBUG", "json", secrets_in(settings))
    logging.getLogger("kafka").setLevel(logging.DEBUG)  # as a user debugging a connection would
    options = security_options(settings.kafka)
    with pytest.raises(Exception):  # noqa: B017 - nothing listens there; only the log matters
        KafkaAdminClient(bootstrap_servers="127.0.0.1:9", bootstrap_timeout_ms=300, request_timeout_ms=1000,
                         **options)
    out = capsys.readouterr().err
    assert "Starting KafkaAdminClient with configuration" in out
    assert "sasl_plain_password" in out and "pa55" not in out and "tls-key-passphrase" not in out


def test_secrets_kept_in_files_and_named_environment_variables_are_found(monkeypatch, tmp_path):
    from pydantic import BaseModel

    class Route(BaseModel):
        name: str
        webhook_url_env: str | None = None
        webhook_url_file: object = None

    hook_file = tmp_path / "hook"
    hook_file.write_text("https://hooks.slack.example/services/T1/B1/FromAFile99\n")
    monkeypatch.setenv("TEAM_HOOK", "https://hooks.slack.example/services/T2/B2/FromTheEnv77")
    routes = [Route(name="a", webhook_url_file=hook_file), Route(name="b", webhook_url_env="TEAM_HOOK")]
    found = set(secrets_in(routes))
    assert {"https://hooks.slack.example/services/T1/B1/FromAFile99", "/services/T1/B1/FromAFile99",
            "https://hooks.slack.example/services/T2/B2/FromTheEnv77", "/services/T2/B2/FromTheEnv77"} <= found
    assert "a" not in found and "TEAM_HOOK" not in found


def test_logging_survives_a_swapped_and_closed_stderr(root_logging, capsys):
    """Regression: the handler kept the stderr of the moment it was configured; a CLI test runner's
    closed capture stream then made every later log line print '--- Logging error ---'."""
    import io
    import sys

    swapped = io.StringIO()
    real, sys.stderr = sys.stderr, swapped
    try:
        configure_logging("INFO", "text")
        logging.getLogger("newswatch.test").warning("while swapped")
    finally:
        sys.stderr = real
    swapped.close()
    logging.getLogger("newswatch.test").warning("after the swap")
    err = capsys.readouterr().err
    assert "Logging error" not in err and "after the swap" in err


def test_configure_logging_keeps_other_handlers(root_logging):
    other = logging.NullHandler()
    logging.getLogger().addHandler(other)
    configure_logging("INFO", "json")
    configure_logging("INFO", "text")
    handlers = logging.getLogger().handlers
    assert other in handlers
    assert sum(type(h).__name__ == "StderrHandler" for h in handlers) == 1
