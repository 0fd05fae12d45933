"""Structured logging: one JSON object per line (``log_format = "json"``) or readable key=value text.

Call sites pass context as ``extra={...}``; those keys become fields. Nothing here runs at import.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, SecretStr

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def _fields(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in record.__dict__.items() if k not in _RESERVED and not k.startswith("_")}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ts = time.strftime("%H:%M:%S", time.localtime(record.created))
        extra = " ".join(f"{k}={v}" for k, v in _fields(record).items())
        line = f"{ts} {record.levelname:<7} {record.name}: {record.getMessage()}" + (f"  {extra}" if extra else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


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
    """Every secret a config object holds: ``SecretStr`` values (for URLs also their path, the part
    that is the credential) and the contents of ``*password_file`` / ``*_secret_file`` files."""
    found: list[str] = []

    def walk(value: object, name: str = "") -> None:
        if isinstance(value, SecretStr):
            secret = value.get_secret_value()
            found.append(secret)
            parts = urlsplit(secret)
            if parts.scheme in ("http", "https") and len(parts.path) >= 8:
                found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        elif isinstance(value, BaseModel):
            for field_name in type(value).model_fields:
                walk(getattr(value, field_name), field_name)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, name)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, name)
        elif isinstance(value, Path) and name.endswith("_file") and ("password" in name or "secret" in name
                                                                     or "url" in name):
            with contextlib.suppress(OSError, UnicodeDecodeError):
                found.append(value.read_text(encoding="utf-8").strip())

    walk(config)
    return [s for s in found if s]


def configure_logging(level: str = "INFO", fmt: str = "text", secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    formatter: logging.Formatter = JsonFormatter() if fmt == "json" else TextFormatter()
    secrets = list(secrets)
    handler.setFormatter(RedactingFormatter(formatter, secrets) if secrets else formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # kafka-python is chatty at INFO (every connection); keep its warnings.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # httpx logs every request URL at INFO, and a webhook URL is a secret: never let it through.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
