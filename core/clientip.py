"""The address of the person on the other end, through our own proxies.

Behind a load balancer every request comes from the balancer's address, so limits
keyed on REMOTE_ADDR would make everyone share one. `settings.TRUSTED_PROXIES`
(env `DJANGO_TRUSTED_PROXIES`: comma-separated addresses or networks, default none)
lists the proxies whose X-Forwarded-For we believe. Each proxy appends the address
it saw, so the chain is read from the right: the first address that is not one of
our proxies is the client. Anything further left was written by the client and may
be forged. A request that does not come from a trusted proxy is taken at its
REMOTE_ADDR, whatever its headers say.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    """The trusted proxies as networks (read at call time)."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The right-most untrusted address of the forwarding chain, or REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    nearest = remote
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # Garbage where an address should be: stop at the last proxy we trust.
            return nearest
        if not _is_trusted(hop, networks):
            return hop
        nearest = hop
    return nearest
