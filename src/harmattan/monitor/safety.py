"""Which URLs may be fetched: HTTP(S) only, and only to public addresses.

A URL is checked and its host resolved once; the caller connects to the
address that was checked (so a DNS answer that changes between the check and
the connection cannot point the request at an internal service). Loopback,
private, link-local (cloud metadata at 169.254.169.254), shared, multicast and
reserved addresses are refused unless a network of ``allow_networks`` holds
them (the tests allow their loopback servers this way). An IPv6 address that
carries an IPv4 address inside it (IPv4-mapped ``::ffff:a.b.c.d``,
IPv4-compatible ``::a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``,
Teredo ``2001::/32``) is judged by the IPv4 address too, and the local-use
NAT64 prefix ``64:ff9b:1::/48`` is never public: the same metadata or loopback
address cannot come back in another spelling.

>>> is_public_address("8.8.8.8"), is_public_address("169.254.169.254"), is_public_address("::ffff:10.0.0.1")
(True, False, False)
>>> is_public_address("64:ff9b::a9fe:a9fe"), is_public_address("2002:a9fe:a9fe::"), is_public_address("64:ff9b::808:808")
(False, False, True)
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


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local use, never a public address
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo client).

    >>> [str(a) for a in embedded_ipv4(ipaddress.ip_address("64:ff9b::7f00:1"))]
    ['127.0.0.1']
    >>> [str(a) for a in embedded_ipv4(ipaddress.ip_address("::127.0.0.1"))]
    ['127.0.0.1']
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.append(ip.teredo[1])  # the client's address (de-obfuscated); the server's is public
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address that carries no non-public IPv4 address inside it."""
    ip = ipaddress.ip_address(address)
    inside = embedded_ipv4(ip)
    if isinstance(ip, ipaddress.IPv6Address) and ip in _NAT64_LOCAL:
        return False
    # An IPv4-mapped address is judged by the IPv4 alone (the mapped range itself is not "global").
    judged = inside if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else [ip, *inside]
    return all(each.is_global and not each.is_multicast for each in judged)


def _kind(address: str) -> str:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip in _NAT64_LOCAL:
        return "local-use NAT64"
    for each in [*embedded_ipv4(ip), ip]:  # the IPv4 inside first: it says what would really be reached
        for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
            if getattr(each, f"is_{name}"):
                kind = {"link_local": "link-local (metadata)"}.get(name, name)
                return kind if each is ip else f"{kind} (IPv4 {each} inside)"
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
