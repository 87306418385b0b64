"""HTTP for the monitor: the only module that opens connections.

:class:`Fetcher` GETs a URL the careful way: every hop (the URL, then each
redirect, at most ``max_redirects``) is checked by :mod:`.safety` and the
connection goes to the checked address; conditional requests (ETag,
Last-Modified); a connect/read timeout and a deadline for the whole response;
retries with exponential backoff on connection errors, timeouts, 429 and 5xx;
at most one request per ``host_interval_s`` to a host; the body is streamed and
dropped past ``max_bytes``. Errors form one tree under :class:`FetchError`.

>>> issubclass(TooLarge, FetchError) and issubclass(Refused, FetchError)
True
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from .config import MonitorSettings
from .safety import Resolver, Target, UnsafeURL, check_url, resolve_host


class FetchError(Exception):
    """A fetch that gave no usable response; ``transient`` errors are worth retrying."""

    transient = False

    def __init__(self, message: str, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class Refused(FetchError):
    """The URL (or a redirect) is not HTTP(S) or points at an address the monitor must not reach."""


class ConnectFailed(FetchError):
    """No connection (refused, reset, unreachable)."""

    transient = True


class TimedOut(FetchError):
    """Connect or read timeout, or the whole response over ``fetch_deadline_s``."""

    transient = True


class BadStatus(FetchError):
    """An HTTP error status; 429 and 5xx are transient."""

    @property
    def transient(self) -> bool:  # type: ignore[override]
        return self.status == 429 or (self.status or 0) >= 500


class TooLarge(FetchError):
    """The body is over ``max_bytes`` (declared or counted while streaming)."""


class TooManyRedirects(FetchError):
    """More than ``max_redirects`` hops, or a loop."""


@dataclass(frozen=True)
class FetchResult:
    """A response: final URL, status, body, and the validators for the next conditional request."""

    url: str
    status: int
    content: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostLimiter:
    """At most one request per ``interval`` seconds to each host (thread-safe)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic):
        self.interval = interval
        self.clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def delay(self, host: str) -> float:
        """Reserve the next slot for ``host``; returns how long to wait for it."""
        with self._lock:
            now = self.clock()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self.interval
            return slot - now


class Fetcher:
    """A polite, safe HTTP client; one per watch run (it keeps connections and the per-host clock).

    Args:
        settings: timeouts, limits, retries, user agent, allowed networks.
        stop: when set, waits (politeness, backoff) end at once and no retry starts.
        transport: an ``httpx`` transport (tests may pass ``httpx.MockTransport``).
        resolver: host name to addresses (tests may pin names).
    """

    def __init__(self, settings: MonitorSettings, stop: threading.Event | None = None,
                 transport: httpx.BaseTransport | None = None, resolver: Resolver = resolve_host):
        self.settings = settings
        self.stop = stop or threading.Event()
        self.resolver = resolver
        self.limiter = HostLimiter(settings.host_interval_s)
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout_s), follow_redirects=False, trust_env=False,
            headers={"User-Agent": settings.user_agent}, transport=transport)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              accept: str = "*/*") -> FetchResult:
        """GET ``url`` with retries; raise a :class:`FetchError` when no usable response came."""
        attempt = 0
        while True:
            try:
                return self._fetch_once(url, etag, last_modified, accept)
            except FetchError as err:
                if not err.transient or attempt >= self.settings.retries or self.stop.is_set():
                    raise
                wait = self.settings.backoff_s * 2 ** attempt
                retry_after = getattr(err, "retry_after", None)
                if retry_after is not None:
                    wait = min(max(wait, retry_after), 10 * self.settings.backoff_s + 60)
                attempt += 1
                if self.stop.wait(wait):
                    raise

    def _fetch_once(self, url: str, etag: str | None, last_modified: str | None, accept: str) -> FetchResult:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            target = self._check(current)
            response = self._send("GET", target, headers)
            try:
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location", "")
                    if not location:
                        raise BadStatus(f"redirect without Location ({response.status_code})", current, response.status_code)
                    current = urljoin(current, location)
                    if current in seen:
                        raise TooManyRedirects(f"redirect loop back to {current}", url)
                    seen.add(current)
                    continue
                if response.status_code == 304:
                    return FetchResult(current, 304, b"", etag=etag, last_modified=last_modified)
                if response.status_code >= 400:
                    err = BadStatus(f"HTTP {response.status_code} {response.reason_phrase}".strip(), current,
                                    response.status_code)
                    err.retry_after = _retry_after(response.headers.get("retry-after"))
                    raise err
                body = self._read(response, current)
                return FetchResult(current, response.status_code, body, response.headers.get("content-type", ""),
                                   response.headers.get("etag"), response.headers.get("last-modified"))
            finally:
                response.close()
        raise TooManyRedirects(f"more than {self.settings.max_redirects} redirects", url)

    def _check(self, url: str) -> Target:
        try:
            return check_url(url, self.settings.allow_networks, self.resolver)
        except UnsafeURL as err:
            raise Refused(str(err), url) from None

    def _send(self, method: str, target: Target, headers: dict[str, str], polite: bool = True,
              **kwargs) -> httpx.Response:
        wait = self.limiter.delay(target.host) if polite else 0.0
        if wait > 0 and self.stop.wait(wait):
            raise TimedOut("stopped while waiting for the host's turn", target.url)
        request = self.client.build_request(
            method, target.connect_url(), headers={**headers, "Host": target.host_header()},
            extensions={"sni_hostname": target.host}, **kwargs)
        try:
            return self.client.send(request, stream=True)
        except httpx.TimeoutException as err:
            raise TimedOut(f"timed out ({type(err).__name__})", target.url) from None
        except (httpx.ConnectError, httpx.NetworkError, httpx.RemoteProtocolError) as err:
            raise ConnectFailed(f"cannot connect: {err or type(err).__name__}", target.url) from None
        except httpx.HTTPError as err:
            raise FetchError(f"{type(err).__name__}: {err}", target.url) from None

    def _read(self, response: httpx.Response, url: str, limit: int | None = None) -> bytes:
        limit = self.settings.max_bytes if limit is None else limit
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLarge(f"body of {int(declared)} bytes is over max_bytes ({limit}); not read", url)
        deadline = time.monotonic() + self.settings.fetch_deadline_s
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"body over max_bytes ({limit}); stopped reading", url)
                if time.monotonic() > deadline:
                    raise TimedOut(f"response slower than fetch_deadline_s ({self.settings.fetch_deadline_s:g} s)", url)
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise TimedOut("read timed out", url) from None
        except httpx.DecodingError as err:
            raise FetchError(f"cannot decode body: {err}", url) from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as err:
            raise ConnectFailed(f"connection lost: {err or type(err).__name__}", url) from None
        return b"".join(chunks)

    def post_json(self, url: str, payload: bytes, timeout: float | None = None) -> int:
        """POST a JSON body to ``url`` (a webhook); no redirects; returns the status, raises on >= 300."""
        target = self._check(url)
        headers = {"Content-Type": "application/json", "Accept": "*/*"}
        t = httpx.Timeout(timeout or self.settings.webhook_timeout_s)
        response = self._send("POST", target, headers, polite=False, content=payload, timeout=t)
        try:
            self._read(response, url, limit=64 * 1024)
            if response.status_code >= 300:
                raise BadStatus(f"webhook answered HTTP {response.status_code}", url, response.status_code)
            return response.status_code
        finally:
            response.close()


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
