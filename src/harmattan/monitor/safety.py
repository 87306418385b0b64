"""Which URLs may be fetched: HTTP(S) only, and only to public addresses.

A URL is checked and its host resolved once; the caller connects to the
address that was checked (so a DNS answer that changes between the check and
the connection cannot point the request at an internal service). Loopback,
private, link-local (cloud metadata at 169.254.169.254), shared, multicast and
reserved addresses are refused unless a network of ``allow_networks`` holds
them (the tests allow their loopback servers this way).

>>> is_public_address("8.8.8.8"), is_public_address("169.254.169.254"), is_public_address("::ffff:10.0.0.1")
(True, False, False)
>>> check_url("file:///etc/passwd")
Traceback (most recent call last):
...
harmattan.monitor.safety.UnsafeURL: only http and https URLs are fetched, not file
>>> check_url("http://127.0.0.1:8080/feed")
Traceback (most recent call last):
...
harmattan.monitor.safety.UnsafeURL: 127.0.0.1 is a loopback address; refused (allow it with monitor.allow_networks)
>>> check_url("http://127.0.0.1:8080/feed", allow_networks=("127.0.0.0/8",)).address
'127.0.0.1'
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

Resolver = Callable[[str, int], list[str]]


class UnsafeURL(ValueError):
    """A URL the monitor refuses to fetch (scheme, or an address it must not reach)."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (``address``) and what to ask for (``host`` for the Host header and TLS)."""

    url: str
    scheme: str
    host: str
    port: int
    address: str

    def connect_url(self) -> str:
        """The URL with the checked address in place of the host name."""
        parts = urlsplit(self.url)
        addr = f"[{self.address}]" if ":" in self.address else self.address
        default = 443 if self.scheme == "https" else 80
        netloc = addr if self.port == default else f"{addr}:{self.port}"
        return parts._replace(netloc=netloc).geturl()

    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged as the IPv4 inside)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _kind(address: str) -> str:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{name}"):
            return {"link_local": "link-local (metadata)"}.get(name, name)
    return "non-public"


def is_allowed(address: str, allow_networks: Sequence[str] = ()) -> bool:
    """True when ``address`` is public, or inside one of ``allow_networks``."""
    if is_public_address(address):
        return True
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(net.strip(), strict=False) for net in allow_networks if net.strip())


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (one DNS lookup; an IP literal is returned as is)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise UnsafeURL(f"cannot resolve {host}: {err.strerror or err}") from None
    seen: list[str] = []
    for info in infos:
        addr = info[4][0].split("%", 1)[0]  # drop an IPv6 zone
        if addr not in seen:
            seen.append(addr)
    return seen


def check_url(url: str, allow_networks: Sequence[str] = (), resolver: Resolver = resolve_host) -> Target:
    """Check ``url`` and resolve its host; raise :class:`UnsafeURL` when it must not be fetched.

    Every address the name resolves to must be allowed (a name that answers
    with one public and one private address is refused), and the first is the
    one to connect to.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURL(f"only http and https URLs are fetched, not {scheme or 'a URL without scheme'}")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"no host in {url!r}")
    if parts.username or parts.password:
        raise UnsafeURL("URLs with credentials are refused")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise UnsafeURL(f"bad port in {url!r}") from None
    addresses = resolver(host, port)
    if not addresses:
        raise UnsafeURL(f"{host} has no address")
    for address in addresses:
        if not is_allowed(address, allow_networks):
            raise UnsafeURL(f"{host} is a {_kind(address)} address; refused (allow it with monitor.allow_networks)"
                            if address == host else
                            f"{host} resolves to {address}, a {_kind(address)} address; refused")
    return Target(url=url.strip(), scheme=scheme, host=host, port=port, address=addresses[0])
