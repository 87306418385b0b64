"""IPv6 spellings of the metadata, loopback and private IPv4 addresses are refused everywhere.

NAT64 (64:ff9b::/96, and the local-use 64:ff9b:1::/48), 6to4 (2002::/16),
Teredo (2001::/32), IPv4-mapped and IPv4-compatible forms carry an IPv4
address; ``sources add`` refuses them (the real CLI), and so does every fetch
and every redirect (a loopback server redirecting to them).
"""
from __future__ import annotations

import subprocess

import pytest

from harmattan.monitor.fetch import Fetcher, Refused
from harmattan.monitor.safety import UnsafeURL, check_url, is_public_address

from .servers import Site

EMBEDDING = {
    "http://[64:ff9b::a9fe:a9fe]/": "169.254.169.254",  # NAT64 of the metadata address
    "http://[64:ff9b::7f00:1]/": "127.0.0.1",
    "http://[64:ff9b::a00:1]/": "10.0.0.1",
    "http://[2002:a9fe:a9fe::]/": "169.254.169.254",  # 6to4
    "http://[2002:7f00:1::1]/": "127.0.0.1",
    "http://[2002:c0a8:101::]/": "192.168.1.1",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/": "127.0.0.1",  # Teredo, client 127.0.0.1 (obfuscated)
    "http://[::ffff:169.254.169.254]/": "169.254.169.254",  # IPv4-mapped
    "http://[::127.0.0.1]/": "127.0.0.1",  # IPv4-compatible (deprecated, still parsed)
    "http://[::a9fe:a9fe]/": "169.254.169.254",
}


@pytest.mark.parametrize("url", sorted(EMBEDDING))
def test_every_spelling_is_refused_by_the_check(url):
    with pytest.raises(UnsafeURL, match=EMBEDDING[url].replace(".", r"\.") + "|local-use"):
        check_url(url)


def test_local_use_nat64_and_public_spellings():
    with pytest.raises(UnsafeURL, match="local-use NAT64"):
        check_url("http://[64:ff9b:1::a9fe:a9fe]/")
    # a public IPv4 inside is still public: NAT64 and 6to4 of 8.8.8.8 are not refused
    assert is_public_address("64:ff9b::808:808") and is_public_address("2002:808:808::1")
    assert is_public_address("2606:4700::1111") and not is_public_address("::1")


@pytest.mark.parametrize("url", ["http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::]/",
                                 "http://[64:ff9b::7f00:1]/feed", "http://[2002:7f00:1::]/feed"])
def test_sources_add_refuses_them(cli, tmp_path, url):
    proc = subprocess.run([cli, "sources", "add", url, "--db", str(tmp_path / "s.sqlite")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2 and "refused" in proc.stderr and "Traceback" not in proc.stderr
    listed = subprocess.run([cli, "sources", "list", "--db", str(tmp_path / "s.sqlite")], capture_output=True,
                            text=True, timeout=120)
    assert url not in listed.stdout


@pytest.mark.parametrize("to", ["http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "http://[2002:a9fe:a9fe::]/x",
                                "http://[::ffff:a9fe:a9fe]/x"])
def test_a_redirect_to_them_is_refused_at_fetch(monitor, to):
    with Site() as site:
        site.redirect("/feed.xml", to)
        with Fetcher(monitor) as fetcher:
            with pytest.raises(Refused, match="169.254.169.254"):
                fetcher.fetch(site.url("/feed.xml"))
        assert len(site.hits("/feed.xml")) == 1


def test_a_name_resolving_to_them_is_refused_at_fetch(monitor):
    pinned = lambda host, port: {"feeds.example": ["64:ff9b::a9fe:a9fe"]}[host]  # noqa: E731
    with Fetcher(monitor, resolver=pinned) as fetcher:
        with pytest.raises(Refused, match="169.254.169.254"):
            fetcher.fetch("http://feeds.example/feed.xml")
