"""The sender of a request behind the reverse proxies the README prescribes: the proxy's own
address never stands for everybody, and a client cannot choose its address by writing
X-Forwarded-For itself."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import RequestFactory
from pytest_django.fixtures import Settings

from theodoi.proxies import client_address, sender

LOOPBACK = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128")]
EDGE = [*LOOPBACK, ipaddress.ip_network("10.20.0.0/16")]


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "hops", "expected"),
    [
        # No proxy: the peer, whatever it claims.
        ("203.0.113.7", "", LOOPBACK, 1, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", LOOPBACK, 1, "203.0.113.7"),
        # nginx on this machine appends the address it was reached from.
        ("127.0.0.1", "203.0.113.7", LOOPBACK, 1, "203.0.113.7"),
        ("::1", "2001:db8::42", LOOPBACK, 1, "2001:db8::42"),
        # A client that wrote its own X-Forwarded-For: nginx appends the real one after it.
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", LOOPBACK, 1, "203.0.113.7"),
        ("127.0.0.1", "1.1.1.1,2.2.2.2,203.0.113.7", LOOPBACK, 1, "203.0.113.7"),
        # Two proxies (a load balancer in 10.20/16, then nginx here), two hops.
        ("127.0.0.1", "203.0.113.7, 10.20.0.5", EDGE, 2, "203.0.113.7"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.20.0.5", EDGE, 2, "203.0.113.7"),
        # ...but never further back than the hops configured, even through trusted addresses.
        ("127.0.0.1", "203.0.113.7, 10.20.0.9, 10.20.0.5", EDGE, 2, "10.20.0.9"),
        # The first untrusted hop is the sender, even with hops to spare.
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", EDGE, 3, "203.0.113.7"),
        # A proxy that forwarded nothing (its own health check) is the sender itself.
        ("127.0.0.1", "", LOOPBACK, 1, "127.0.0.1"),
        # Garbage where an address should be stops at the proxy that passed it on.
        ("127.0.0.1", "unknown", LOOPBACK, 1, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7, <script>", LOOPBACK, 1, "127.0.0.1"),
        # Ports and brackets some proxies write, and IPv4 mapped into IPv6.
        ("127.0.0.1", "203.0.113.7:51234", LOOPBACK, 1, "203.0.113.7"),
        ("127.0.0.1", "[2001:db8::42]:443", LOOPBACK, 1, "2001:db8::42"),
        ("::ffff:127.0.0.1", "203.0.113.7", LOOPBACK, 1, "203.0.113.7"),
        # Zero hops: X-Forwarded-For is never read.
        ("127.0.0.1", "203.0.113.7", LOOPBACK, 0, "127.0.0.1"),
    ],
)
def test_sender(
    peer: str, forwarded: str, trusted: list[ipaddress.IPv4Network], hops: int, expected: str
) -> None:
    assert sender(peer, forwarded, trusted=trusted, hops=hops) == expected


def test_client_address_reads_the_proxies_from_the_settings(settings: Settings) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.20.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7"
    )
    assert client_address(request) == "10.20.0.5"  # not a trusted proxy by default
    settings.TRUSTED_PROXIES = EDGE
    assert client_address(request) == "203.0.113.7"
