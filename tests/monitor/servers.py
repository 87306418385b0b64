"""Loopback HTTP and SMTP servers for the monitor's tests (127.0.0.1, free ports, threads, bounded).

A :class:`Site` serves what a test puts in its ``routes`` and records every
request; helpers build the usual responses (a feed with an ETag, a redirect,
a stall, an endless body) and the feed items, written in our own words.
"""
from __future__ import annotations

import email.utils
import hashlib
import http.server
import socket
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

Route = Callable[["_Handler"], None]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""
    at: float = field(default_factory=time.monotonic)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: "_Server"

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(min(length, 1 << 20)) if length else b""
        site = self.server.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.requests.append(Request(self.command, path, {k.lower(): v for k, v in self.headers.items()}, body))
            route = site.routes.get(path)
        if route is None:
            self.send_error(404)
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up (the size limit did its job)

    do_GET = _handle
    do_POST = _handle

    def log_message(self, *args) -> None:  # quiet
        pass

    def reply(self, status: int, body: bytes = b"", content_type: str = "text/plain", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    site: "Site"


class Site:
    """A loopback web site for one test; use as a context manager (it stops its threads on exit)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.sent: dict[str, int] = {}  # bytes written by streaming routes
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "Site":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str, method: str = "GET") -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path and r.method == method]

    # --- responses ---------------------------------------------------------------------------

    def serve(self, path: str, body: bytes | Callable[[], bytes], content_type: str = "application/rss+xml",
              validators: bool = True) -> None:
        """Serve ``body`` (or what a callable returns now), with an ETag honoured by 304 when ``validators``."""
        def route(h: _Handler) -> None:
            data = body() if callable(body) else body
            tag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            if validators and h.headers.get("If-None-Match") == tag:
                h.reply(304, headers={"ETag": tag})
                return
            h.reply(200, data, content_type, {"ETag": tag} if validators else None)
        self.routes[path] = route

    def status(self, path: str, code: int) -> None:
        self.routes[path] = lambda h: h.reply(code, b"server error", "text/plain")

    def redirect(self, path: str, to: str, code: int = 302) -> None:
        self.routes[path] = lambda h: h.reply(code, b"", headers={"Location": to})

    def stall(self, path: str, seconds: float = 10.0) -> None:
        """Answer nothing for ``seconds`` (stops early when the site closes)."""
        def route(h: _Handler) -> None:
            self.closing.wait(seconds)
        self.routes[path] = route

    def endless(self, path: str, limit: int = 1 << 30, chunk: int = 64 * 1024) -> None:
        """A body of up to ``limit`` bytes (1 GB) without Content-Length, until the client hangs up."""
        def route(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.end_headers()
            h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>')
            block = b"<!-- " + b"x" * (chunk - 9) + b" -->"
            sent = 0
            while sent < limit and not self.closing.is_set():
                h.wfile.write(block)
                sent += len(block)
                self.sent[path] = sent
        self.routes[path] = route

    def receive(self, path: str, code: int = 200) -> None:
        """A webhook receiver: accept POSTs (they are in ``hits(path, "POST")``)."""
        self.routes[path] = lambda h: h.reply(code, b'{"ok": true}', "application/json")


@dataclass
class Item:
    guid: str
    title: str
    text: str
    published: str = "Tue, 10 Jun 2025 08:00:00 GMT"
    link: str | None = None


def rss(items: list[Item], title: str = "Test desk") -> bytes:
    """An RSS 2.0 feed of ``items``."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
             f"<link>http://127.0.0.1/</link><description>test</description>"]
    for i in items:
        link = f"<link>{escape(i.link)}</link>" if i.link else ""
        parts.append(f'<item><guid isPermaLink="false">{escape(i.guid)}</guid><title>{escape(i.title)}</title>{link}'
                     f"<pubDate>{i.published}</pubDate><description>{escape(i.text)}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


class SMTPSink:
    """A minimal SMTP server on loopback that keeps the messages it receives (enough for smtplib)."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 5

            def handle(self) -> None:
                self.wfile.write(b"220 sink ESMTP\r\n")
                while True:
                    line = self.rfile.readline(4096)
                    if not line:
                        return
                    cmd = line.strip().upper()
                    if cmd.startswith((b"EHLO", b"HELO")):
                        self.wfile.write(b"250 sink\r\n")
                    elif cmd == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        data = b""
                        while not data.endswith(b"\r\n.\r\n") and len(data) < 1 << 20:
                            chunk = self.rfile.readline(65536)
                            if not chunk:
                                return
                            data += chunk
                        sink.messages.append(data)
                        self.wfile.write(b"250 queued\r\n")
                    elif cmd == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "SMTPSink":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def closed_port() -> int:
    """A loopback port with nothing listening (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check: Callable[[], object], timeout: float, step: float = 0.05):
    """Poll ``check`` until it returns something true or ``timeout`` passes; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)
