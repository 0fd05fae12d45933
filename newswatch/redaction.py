"""Secrets never reach a log line: every secret the settings hold is masked in each finished line.

``configure_logging(level, fmt, secrets_in(settings))`` (called by the CLI) wraps its handler's
formatter in :class:`RedactingFormatter`, so the message, the structured fields and any traceback are masked,
whatever a client library chose to quote (KafkaAdminClient logs its whole configuration at DEBUG;
an HTTP error may quote the webhook URL).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, SecretStr


class RedactingFormatter(logging.Formatter):
    """Wraps a formatter and masks every known secret in the finished line (message, fields, traceback).

    Defense in depth: no call site logs a secret on purpose, but an exception from a client library
    may quote a URL or a configuration dict; that line still reaches the terminal masked.
    """

    MASK = "***"

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str]):
        super().__init__()
        self.inner = inner
        # As written and as JSON-escaped; longest first, so a URL is masked whole before its path.
        forms = {form for s in secrets if len(s) >= 6 for form in (s, json.dumps(s, ensure_ascii=False)[1:-1])}
        self.secrets = sorted(forms, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        line = self.inner.format(record)
        for secret in self.secrets:
            if secret in line:
                line = line.replace(secret, self.MASK)
        return line


def secrets_in(config: object) -> list[str]:
    """Every secret a config object holds: ``SecretStr`` values, the contents of secret files
    (``*password_file``, ``webhook_url_file``) and the values of the variables named by ``*_env``
    fields; for a URL also its path and query, the part that is the credential."""
    found: list[str] = []

    def add(secret: str) -> None:
        found.append(secret)
        parts = urlsplit(secret)
        if parts.scheme in ("http", "https") and len(parts.path) >= 8:
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))

    def walk(value: object, name: str = "") -> None:
        if isinstance(value, SecretStr):
            add(value.get_secret_value())
        elif isinstance(value, BaseModel):
            for field_name in type(value).model_fields:
                walk(getattr(value, field_name), field_name)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, name)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, name)
        elif isinstance(value, Path) and name.endswith("_file") and _names_a_secret(name):
            with contextlib.suppress(OSError, UnicodeDecodeError):
                add(value.read_text(encoding="utf-8").strip())
        elif isinstance(value, str) and name.endswith("_env") and _names_a_secret(name):
            add(os.environ.get(value, "").strip())  # the name of a variable holding the secret
        elif isinstance(value, str) and name.endswith("url"):  # credentials in a URL (user:password@host)
            found.extend(_url_credentials(value))

    walk(config)
    return [s for s in found if s]


def _names_a_secret(field_name: str) -> bool:
    return any(word in field_name for word in ("password", "secret", "token", "url"))



def _url_credentials(url: str) -> list[str]:
    """The user-info of a URL that carries one, and its password: both secrets."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return []
    if "@" not in parts.netloc:
        return []
    return [s for s in (parts.netloc.rsplit("@", 1)[0], password) if s]
