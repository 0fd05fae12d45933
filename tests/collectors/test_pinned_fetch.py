"""The fetcher connects to the address the guard vetted (issue 12, item 4), and decodes at most one
content coding with a cap on the decoded bytes (issue 19, hole 2). Loopback only: the "refused"
address is 127.0.0.1 (not on the allow-list), the allowed one 127.0.0.2."""

from __future__ import annotations

import asyncio
import gzip
import resource
import socket
import zlib

import httpx
import pytest

from newswatch.collectors.fetch import Fetcher, FetchError, make_client
from newswatch.collectors.guard import AddressGuard
from tests.support.feed_server import rss
from tests.support.hostile_server import Answer, HostileServer, twin_servers

FEED = rss("Rebound", [("One", "http://example.org/1")])


class RebindingResolver:
    """The guard's DNS: answers from a script, one answer per lookup (a rebinding name's TTL is 0)."""

    def __init__(self, *answers: list[str]):
        self.answers = list(answers)
        self.asked = 0

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked += 1
        return self.answers.pop(0)


@pytest.fixture
def system_dns_says_refused(monkeypatch):
    """Any lookup of rebind.test *outside* the guard answers 127.0.0.1, as a rebinding server would."""
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host in ("rebind.test", b"rebind.test"):  # anyio passes the IDNA-encoded bytes
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


async def fetch(url: str, guard: AddressGuard, *, cap: int = 10 * 1024 * 1024):
    async with make_client(timeout=10, user_agent="test", concurrency=4) as client:
        return await Fetcher(client, guard, max_bytes=cap, timeout=10).get(url)


def test_a_name_that_rebinds_to_a_refused_address_is_never_connected_to(system_dns_says_refused):
    allowed, refused = twin_servers("127.0.0.2", "127.0.0.1")
    with allowed, refused:
        allowed.answers["/feed"] = Answer(FEED)
        refused.answers["/feed"] = Answer(b"internal service")
        url = allowed.url("/feed", host="rebind.test")
        resolver = RebindingResolver(["127.0.0.2"], ["127.0.0.1"])
        guard = AddressGuard(allow_networks=["127.0.0.2/32"], resolver=resolver)

        first = asyncio.run(fetch(url, guard))  # vetted 127.0.0.2, connected to 127.0.0.2
        assert first.body == FEED
        assert allowed.requests[0].headers["host"] == f"rebind.test:{allowed.port}"  # the name, not the IP
        with pytest.raises(FetchError) as refusal:  # the name now answers 127.0.0.1: refused before connecting
            asyncio.run(fetch(url, guard))
        assert refusal.value.reason == "blocked_address"
        assert resolver.asked == 2
        assert refused.connections == 0 and refused.requests == []

        # The control: a client that resolves the name itself (httpx alone) is rebound to 127.0.0.1.
        async def unpinned() -> bytes:
            async with httpx.AsyncClient(trust_env=False) as client:
                return (await client.get(url)).content

        assert asyncio.run(unpinned()) == b"internal service"
        assert refused.connections == 1


def test_a_host_the_guard_did_not_vet_is_refused_by_the_transport():
    with HostileServer() as server:
        server.answers["/"] = Answer(b"x")

        async def unguarded() -> None:
            async with make_client(timeout=5, user_agent="test", concurrency=1) as client:
                await client.get(server.url("/"))

        with pytest.raises(httpx.ConnectError, match="no vetted address"):
            asyncio.run(unguarded())
        assert server.connections == 0


# -- one decompression path, capped on decoded bytes -------------------------------------------

LOOPBACK = AddressGuard(allow_networks=["127.0.0.1/32"])


def gzip_zeros(size: int) -> bytes:
    """A gzip stream of ``size`` zeros, built in milliseconds: after a full flush the compressor
    forgets its window, so every further MiB of zeros compresses to the same bytes. (Its trailer
    only covers two MiB: nothing here decodes that far.)"""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    mib = bytes(1024 * 1024)
    head = packer.compress(mib) + packer.flush(zlib.Z_FULL_FLUSH)
    piece = packer.compress(mib) + packer.flush(zlib.Z_FULL_FLUSH)
    return head + piece * (size // len(mib) - 1) + packer.flush()


def serve(answer: Answer, cap: int = 10 * 1024 * 1024):
    with HostileServer() as server:
        server.answers["/feed"] = answer
        return asyncio.run(fetch(server.url("/feed"), LOOPBACK, cap=cap))


def test_stacked_content_codings_are_refused():
    """Hole 2: 590 bytes of `gzip, gzip` held 256 MiB of zeros and drove the collector to 586 MB."""
    bomb = gzip.compress(gzip_zeros(64 * 1024 * 1024))
    with pytest.raises(FetchError) as refusal:
        serve(Answer(bomb, headers={"content-encoding": "gzip, gzip"}))
    assert refusal.value.reason == "bad_encoding"


def test_a_gzip_bomb_stops_at_the_cap_without_holding_the_decoded_bytes():
    bomb = gzip_zeros(1024 * 1024 * 1024)  # 1 GiB of zeros in about 1 MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError) as refusal:
        serve(Answer(bomb, headers={"content-encoding": "gzip"}), cap=4 * 1024 * 1024)
    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert refusal.value.reason == "too_large"
    # httpx decoding a 64 KiB network read of this at once makes 64 MiB before any check could run
    assert grew_mb < 40, f"peak RSS grew {grew_mb:.0f} MB"


@pytest.mark.parametrize("coding, encode", [
    ("gzip", gzip.compress),
    ("x-gzip", gzip.compress),
    ("gzip", lambda b: gzip.compress(b[:100]) + gzip.compress(b[100:])),  # two gzip members
    ("deflate", zlib.compress),
    ("deflate", lambda b: zlib.compress(b, wbits=-zlib.MAX_WBITS)),  # raw deflate, as some servers send
    ("identity", lambda b: b),
])
def test_the_codings_we_ask_for_decode(coding, encode):
    assert serve(Answer(encode(FEED), headers={"content-encoding": coding})).body == FEED


def test_a_coding_we_did_not_ask_for_is_refused():
    with pytest.raises(FetchError) as refusal:
        serve(Answer(FEED, headers={"content-encoding": "br"}))
    assert refusal.value.reason == "bad_encoding"


def test_an_international_host_name_is_pinned_in_the_form_the_connection_uses():
    """httpcore connects by the IDNA form (xn--bcher-kva.test); the pin must use the same key."""
    with HostileServer("127.0.0.2") as server:
        server.answers["/feed"] = Answer(FEED)
        resolver = RebindingResolver(["127.0.0.2"])
        guard = AddressGuard(allow_networks=["127.0.0.2/32"], resolver=resolver)
        result = asyncio.run(fetch(server.url("/feed", host="bücher.test"), guard))
    assert result.body == FEED
    assert server.requests[0].headers["host"] == f"xn--bcher-kva.test:{server.port}"


@pytest.fixture
def rebind_cert(tmp_path):
    """A self-signed certificate for rebind.test (openssl is part of Debian; skipped where it is not)."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=rebind.test", "-addext", "subjectAltName=DNS:rebind.test", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    return str(cert), str(key)


def test_https_to_a_pinned_address_keeps_sni_and_checks_the_certificate_against_the_name(
        rebind_cert, system_dns_says_refused):
    import ssl

    from tests.support.hostile_server import wrap_tls

    cert, key = rebind_cert
    allowed, refused = twin_servers("127.0.0.2", "127.0.0.1")
    sni = wrap_tls(allowed, cert, key)
    trust = ssl.create_default_context(cafile=cert)
    with allowed, refused:
        allowed.answers["/feed"] = Answer(FEED)
        guard = AddressGuard(allow_networks=["127.0.0.2/32"], resolver=RebindingResolver(["127.0.0.2"]))

        async def get() -> bytes:
            async with make_client(timeout=10, user_agent="test", concurrency=2, verify=trust) as client:
                return (await Fetcher(client, guard, max_bytes=1 << 20, timeout=10).get(
                    f"https://rebind.test:{allowed.port}/feed")).body

        assert asyncio.run(get()) == FEED
        assert sni == ["rebind.test"]  # the name, not 127.0.0.2
        assert allowed.requests[0].headers["host"] == f"rebind.test:{allowed.port}"
        assert refused.connections == 0
