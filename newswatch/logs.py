"""Structured logging: one JSON object per line (``log_format = "json"``) or readable key=value text.

Call sites pass context as ``extra={...}``; those keys become fields. Nothing here runs at import:
only an entry point (the CLI) calls :func:`configure_logging`, and it touches only the handler it
installed itself, never other handlers of the root logger (a test runner's, an embedding program's).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterable

from newswatch.redaction import RedactingFormatter

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def _fields(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in record.__dict__.items() if k not in _RESERVED and not k.startswith("_")}


def _dropped_connection(record: logging.LogRecord) -> str | None:
    """kafka-python logs a dropped connection (a broker stopping or restarting, a reset socket) with its stack
    trace: an expected event, shown as one line with its error instead. Returns that error, or None."""
    error = record.exc_info[1] if record.exc_info else None
    if record.name.startswith("kafka") and isinstance(error, OSError):
        return f"{type(error).__name__}: {error}"
    return None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **_fields(record),
        }
        dropped = _dropped_connection(record)
        if dropped is not None:
            entry["error"] = dropped
        elif record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ts = time.strftime("%H:%M:%S", time.localtime(record.created))
        extra = " ".join(f"{k}={v}" for k, v in _fields(record).items())
        line = f"{ts} {record.levelname:<7} {record.name}: {record.getMessage()}" + (f"  {extra}" if extra else "")
        dropped = _dropped_connection(record)
        if dropped is not None:
            line += f"  error={dropped}"
        elif record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class StderrHandler(logging.StreamHandler):
    """Writes each record to ``sys.stderr`` as it is at that moment, so a caller that swaps stderr
    (a test runner capturing output, ``typer.testing.CliRunner``) never leaves it writing to a closed
    stream."""

    @property  # type: ignore[override]
    def stream(self):  # noqa: D102
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(level: str = "INFO", fmt: str = "text", secrets: Iterable[str] = ()) -> None:
    """Install newswatch's one log handler on the root logger (replacing the one it installed before):
    JSON or text lines on stderr, with every string of ``secrets`` masked in every line."""
    formatter: logging.Formatter = JsonFormatter() if fmt == "json" else TextFormatter()
    secrets = list(secrets)
    if secrets:
        formatter = RedactingFormatter(formatter, secrets)
    handler = StderrHandler()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, StderrHandler)] + [handler]
    root.setLevel(level)
    # kafka-python is chatty at INFO (every connection); keep its warnings.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # httpx logs every request URL at INFO, and a webhook URL is a secret: never let it through.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
