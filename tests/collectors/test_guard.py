"""The address guard decides on resolved addresses; the resolver is injected, so no packet is
ever sent to 10.0.0.1 or 169.254.169.254 by these tests."""

from __future__ import annotations

import asyncio

import pytest

from newswatch.collectors.guard import AddressGuard, BlockedAddressError


class FakeResolver:
    def __init__(self, answers: dict[str, list[str]]):
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.answers:
            raise OSError(f"no such host {host}")
        return self.answers[host]


DNS = FakeResolver({
    "localhost.example": ["127.0.0.1"],
    "news.example": ["93.184.216.34"],
    "mixed.example": ["93.184.216.34", "10.1.2.3"],
    "v6-loop.example": ["::1"],
    "mapped.example": ["::ffff:169.254.169.254"],
    "intranet.example": ["192.168.1.10"],
})


def check(url: str, **allow) -> None:
    asyncio.run(AddressGuard(resolver=DNS, **allow).check(url))


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://localhost.example/feed", "http://[::1]/", "http://v6-loop.example/", "http://mapped.example/",
    "http://mixed.example/", "http://0.0.0.0/", "http://224.0.0.1/", "http://240.0.0.1/",
    "http://100.64.0.1/", "http://intranet.example/", "http://unknown.example/", "file:///etc/passwd",
    "gopher://news.example/", "http:///nohost",
    # IPv4 inside IPv6 forms (issue 19): 6to4 of 127.0.0.1 and 169.254.169.254, Teredo, NAT64
    "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b::7f00:1]/",
])
def test_refuses_internal_and_unresolvable(url):
    with pytest.raises(BlockedAddressError):
        check(url)


def test_allows_public_addresses():
    check("https://news.example/rss")
    check("http://93.184.216.34:8080/rss")


def test_allow_list_by_network_and_by_host():
    check("http://127.0.0.1:8080/feed", allow_networks=["127.0.0.0/8"])
    check("http://localhost.example/feed", allow_networks=["127.0.0.1/32"])
    check("http://intranet.example/feed", allow_hosts=["intranet.example"])
    with pytest.raises(BlockedAddressError):
        check("http://10.0.0.1/", allow_networks=["127.0.0.0/8"])
    with pytest.raises(BlockedAddressError):  # one internal answer among public ones is enough to refuse
        check("http://mixed.example/", allow_hosts=["news.example"])


def test_literal_addresses_are_not_resolved():
    resolver = FakeResolver({})
    with pytest.raises(BlockedAddressError):
        asyncio.run(AddressGuard(resolver=resolver).check("http://10.0.0.1/"))
    assert resolver.asked == []


def test_6to4_of_a_public_address_is_allowed():
    check("http://[2002:5db8:d822::1]/")  # 6to4 of 93.184.216.34 (NAT64 stays refused: not global)


def test_the_guard_returns_the_addresses_it_vetted():
    assert asyncio.run(AddressGuard(resolver=DNS).check("https://news.example/rss")) == ["93.184.216.34"]
    assert asyncio.run(AddressGuard(resolver=DNS, allow_hosts=["intranet.example"]).check(
        "http://intranet.example/")) is None  # allow-listed by name: resolved when connecting
