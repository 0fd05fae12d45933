"""A dropped broker connection, which kafka-python logs with its stack trace, is one log line with its error; any
other logged exception keeps its traceback."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from newswatch.logs import JsonFormatter, TextFormatter


def _record(logger: str, error: BaseException) -> logging.LogRecord:
    try:
        raise error
    except BaseException:  # noqa: BLE001 - the record needs a live exc_info
        exc_info = sys.exc_info()
    return logging.LogRecord(logger, logging.ERROR, __file__, 1, "receiving network data", (), exc_info)


@pytest.mark.parametrize("formatter", [TextFormatter(), JsonFormatter()], ids=["text", "json"])
def test_a_reset_broker_socket_is_one_line_with_its_error(formatter):
    line = formatter.format(_record("kafka.net.transport", ConnectionResetError(104, "Connection reset by peer")))
    assert "Traceback" not in line and "\n" not in line
    assert "ConnectionResetError: [Errno 104] Connection reset by peer" in line


@pytest.mark.parametrize("formatter", [TextFormatter(), JsonFormatter()], ids=["text", "json"])
def test_other_errors_keep_their_traceback(formatter):
    for logger, error in (("kafka.net.transport", ValueError("bad frame")), ("newswatch.stream", OSError("disk"))):
        line = formatter.format(_record(logger, error))
        text = json.loads(line)["exc"] if isinstance(formatter, JsonFormatter) else line
        assert "Traceback (most recent call last)" in text, logger
