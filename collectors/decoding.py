"""One decompression path for response bodies, limited on the decoded bytes as they stream.

httpx decodes each network chunk completely before a caller sees it, and decodes stacked
codings (``Content-Encoding: gzip, gzip``) in turn, so a 600-byte answer can become hundreds of
megabytes before any size check runs. The fetcher therefore reads the raw bytes and decodes them
here, asking zlib for at most the bytes still allowed (``max_length``), so memory never exceeds
the cap. One content coding at most (gzip or deflate, the ones we ask for); more than one, or
another one, is refused.
"""

from __future__ import annotations

import zlib


class DecodingError(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # "too_large", "bad_encoding", "decoding_error"


def coding_of(header: str | None) -> str | None:
    """The single content coding a ``Content-Encoding`` value names (None: identity)."""
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1:
        raise DecodingError("bad_encoding", f"more than one content coding ({header}) is refused")
    if not codings:
        return None
    if codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise DecodingError("bad_encoding", f"content coding {codings[0]!r} was not asked for")
    return "gzip" if codings[0] == "x-gzip" else codings[0]


class CappedDecoder:
    """Feed raw chunks in, get decoded chunks out; raises DecodingError("too_large") past ``cap``."""

    def __init__(self, coding: str | None, cap: int):
        self.coding = coding
        self.cap = cap
        self.size = 0
        self._zlib = self._new() if coding else None
        self._started = False

    def _new(self) -> zlib._Decompress:
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.coding == "gzip" else zlib.MAX_WBITS)

    def _count(self, piece: bytes) -> bytes:
        self.size += len(piece)
        if self.size > self.cap:
            raise DecodingError("too_large", f"larger than {self.cap} bytes once decoded")
        return piece

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            return self._count(data)
        out: list[bytes] = []
        while data:
            try:
                piece = self._zlib.decompress(data, self.cap - self.size + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._started:  # raw deflate, as some servers send
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise DecodingError("decoding_error", f"cannot decode {self.coding}: {exc}") from None
            self._started = True
            out.append(self._count(piece))
            if self._zlib.eof:
                data = self._zlib.unused_data
                if data and self.coding == "gzip":  # a multi-member gzip stream
                    self._zlib = self._new()
                else:
                    break
            else:
                data = self._zlib.unconsumed_tail
        return b"".join(out)

    def finish(self) -> bytes:
        if self._zlib is None:
            return b""
        return self._count(self._zlib.flush())
