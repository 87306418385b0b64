"""A time budget per document: extraction that runs over it is interrupted, reported and skipped.

The safety net behind linear-time extraction: one pathological document (a
regular expression that backtracks for hours, a page that never ends) must not
hold the batch. ``within_budget`` arms a ``SIGALRM`` timer around the call and
the handler raises inside it; Python's regular-expression engine checks for
signals while it matches, so a stuck pure-Python pattern is interrupted too.

Why a signal and not a worker process: extraction shares large read-only
resources (gazetteer, actor base, language models) that a worker would have to
load again or receive by pickling, per document; a signal costs nothing when
the document is in time. The interruption is raised only inside the call, which
is pure (it writes nothing), and callers run it before writing: the store's
transaction of that document is rolled back, nothing leaks.

Limits: a signal can only be handled in the main thread of a POSIX process; in
another thread (or on Windows) the call runs without a budget. A Dask worker
runs its tasks in threads, so there extraction runs in a child process of the
worker's (:func:`harmattan.runners.in_budget`). C code that
holds the interpreter (a parser in C) is interrupted when it returns.

>>> within_budget(1.0, sum, [1, 2, 3])
6
>>> import re
>>> try:
...     within_budget(0.2, re.match, r"(a+)+$", "a" * 40 + "b")  # hours of backtracking
... except DocumentTimeout as err:
...     print(err)
took longer than the time budget of 0.2 s per document (document_time_budget_s)
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import TypeVar

from .errors import DocumentTimeout

__all__ = ["DocumentTimeout", "budget_enforceable", "within_budget"]

T = TypeVar("T")

# After the budget, the alarm repeats this often until the call returns, so a
# handler swallowed by some ``except BaseException`` inside the call comes back.
_REPEAT_S = 0.05


class _Expired(BaseException):
    """Raised by the alarm inside the call; a BaseException, so ``except Exception`` in library code lets it by."""


def _on_alarm(_signum, _frame) -> None:
    raise _Expired()


def budget_enforceable() -> bool:
    """True where a budget can interrupt a call: the main thread of a process with SIGALRM."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def within_budget(seconds: float, fn: Callable[..., T], *args, **kwargs) -> T:
    """``fn(*args, **kwargs)``, interrupted with :class:`DocumentTimeout` after ``seconds`` (0 or less: no budget)."""
    if seconds is None or seconds <= 0 or not budget_enforceable():
        return fn(*args, **kwargs)
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        return fn(*args, **kwargs)  # someone else's alarm is running: never steal it
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_S)
            return fn(*args, **kwargs)
        finally:
            _disarm()  # whether the alarm came in the call or before it began
    except _Expired:
        raise DocumentTimeout(
            f"took longer than the time budget of {seconds:g} s per document (document_time_budget_s)") from None
    finally:
        _restore(previous)


def _disarm() -> None:
    """Stop the timer; an alarm already on its way is dropped, not raised here."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except _Expired:
            continue


def _restore(previous) -> None:
    """Put the previous handler back; an alarm that was already on its way is dropped, not raised here."""
    while True:
        try:
            signal.signal(signal.SIGALRM, previous)
            return
        except _Expired:
            continue
