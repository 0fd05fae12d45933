"""Decoding records from the wire, with a precise reason when a record is poison."""

from __future__ import annotations

from typing import TypeVar

import msgspec

from newswatch.errors import PoisonRecordError

T = TypeVar("T", bound=msgspec.Struct)

_decoders: dict[type, msgspec.json.Decoder] = {}


def decode_record(value: bytes | None, kind: type[T]) -> T:
    """Decode one JSON record of type ``kind`` or raise PoisonRecordError saying what is wrong."""
    if value is None:
        raise PoisonRecordError("empty_record", "record has no value (tombstone)")
    try:
        value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PoisonRecordError("invalid_utf8", f"record is not valid UTF-8: {exc}") from None
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.json.Decoder(kind)
    try:
        return decoder.decode(value)
    except msgspec.ValidationError as exc:
        raise PoisonRecordError("invalid_schema", f"record is not a valid {kind.__name__}: {exc}") from None
    except msgspec.DecodeError as exc:
        raise PoisonRecordError("invalid_json", f"record is not valid JSON: {exc}") from None
