"""Who sent a request: the peer's address, or, when the peer is a trusted reverse proxy, the
address that proxy says it received the request from (``X-Forwarded-For``).

Behind a proxy every request comes from the proxy's address; counting failures or messages per
that address counts the whole public as one sender. A forwarded address is believed only from
a proxy listed in ``TRUSTED_PROXIES``, and only as far back as ``PROXY_HOPS`` proxies: each
proxy appends the address it was reached from, so the entries a client wrote itself stand
further left and are never read. Login throttling (django-axes, ``AXES_CLIENT_IP_CALLABLE``) and
the public feedback limit both use :func:`client_address`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def sender(peer: str, forwarded_for: str, *, trusted: Sequence[Network], hops: int) -> str:
    """The sender's address: ``peer`` unless it is a trusted proxy, then the entry that proxy
    appended to ``forwarded_for``, and so on for at most ``hops`` trusted proxies. A forwarded
    entry that is not an address stops the walk at the proxy that passed it on."""
    current = _address(peer)
    if current is None:
        return peer
    chain = [entry for entry in forwarded_for.split(",") if entry.strip()]
    for _hop in range(hops):
        if not chain or not any(current in network for network in trusted):
            break
        previous = _address(chain.pop())
        if previous is None:
            break
        current = previous
    return str(current)


def client_address(request: HttpRequest) -> str:
    """The address of whoever sent ``request`` (see the module's docstring)."""
    return sender(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted=settings.TRUSTED_PROXIES,
        hops=settings.PROXY_HOPS,
    )
