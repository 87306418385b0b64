"""Failed sign-ins counted per account and per address: too many in a window and sign-in waits (429 + Retry-After).

A sliding window of failures is kept in memory for each key (``account:NAME``,
``address:IP``). While a key has ``limit`` failures in the last ``window``
seconds, sign-in is refused before the password is even checked, and the
answer says when to try again. A right password clears the account's count
(not the address's: one good account must not unlock guessing at others).
Memory is bounded: at most ``max_keys`` keys are kept, the stalest dropped.

>>> t = [0.0]
>>> limiter = SignInLimiter(account_limit=2, address_limit=10, window=60, clock=lambda: t[0])
>>> limiter.retry_after("amina", "10.0.0.1") is None
True
>>> limiter.failed("amina", "10.0.0.1"); limiter.failed("amina", "10.0.0.1")
>>> limiter.retry_after("amina", "10.0.0.1")
60
>>> t[0] = 61.0
>>> limiter.retry_after("amina", "10.0.0.1") is None
True
"""
from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class SignInLimiter:
    """Counts failed sign-ins per account and per address (thread-safe, in memory, per server process)."""

    def __init__(self, account_limit: int = 5, address_limit: int = 20, window: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self.account_limit, self.address_limit, self.window = account_limit, address_limit, window
        self.clock, self.max_keys = clock, max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, account: str, address: str) -> int | None:
        """Seconds to wait before trying again, or None when sign-in may be tried now."""
        now = self.clock()
        waits = []
        with self._lock:
            for key, limit in ((f"account:{account.lower()}", self.account_limit), (f"address:{address}", self.address_limit)):
                times = self._recent(key, now)
                if len(times) >= limit:
                    waits.append(times[len(times) - limit] + self.window - now)
        return max(1, math.ceil(max(waits))) if waits else None

    def failed(self, account: str, address: str) -> None:
        """Record a failed sign-in."""
        now = self.clock()
        with self._lock:
            for key in (f"account:{account.lower()}", f"address:{address}"):
                times = self._failures.setdefault(key, deque())
                times.append(now)
                self._failures.move_to_end(key)
                while len(times) > max(self.account_limit, self.address_limit):
                    times.popleft()
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, account: str) -> None:
        """A right password: the account's failures are forgotten."""
        with self._lock:
            self._failures.pop(f"account:{account.lower()}", None)
