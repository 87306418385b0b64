"""Where extraction runs: in this process, on a pool of processes, or on a Dask cluster.

The stages are pure and picklable (:func:`extract_item`), so the same code
runs in all three (Dask's ``client.submit`` over pure functions is the model):
a :class:`Runner` maps a function over an iterable of items and yields the
results in input order, keeping only a bounded number in flight so that
millions of documents stream through in constant memory. Each worker process
loads the knowledge once, on its first document (the pipeline is cached per
process, :func:`harmattan.pipeline.warm_up`); nothing is shared through the
home directory.

Items travel a few at a time (one task per chunk), since a task's round
trip through a pool's pipes or a Dask scheduler costs about as much as a
short document's extraction. On a cluster, Dask retries a task whose worker
died (``retries``), so a killed worker costs time, not documents. Only the
caller writes to the store.

>>> from harmattan.records import Document
>>> docs = [Document("a", "a", "Gunmen killed five people in Mopti, Mali, on Monday.")]
>>> [type(r).__name__ for r in InProcess().map(extract_item, docs, Settings())]
['Extracted']
"""
from __future__ import annotations

import collections
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .budget import DocumentTimeout
from .claims import DocumentClaims, document_key, extract_claims
from .errors import UsageError
from .records import Document, LoadError
from .settings import Settings


@dataclass(frozen=True)
class Extracted:
    """What extraction made of one input: its claims, or the error that cost it (never both)."""

    origin: str
    claims: DocumentClaims | None = None
    error: LoadError | None = None


def budgeted(lost: Callable[[LoadError], object]) -> Callable[[Callable], Callable]:
    """Mark a function of one input whose work is held to the per-document time budget (an extraction): a
    runner whose tasks run in threads runs it where the budget holds (see :class:`DaskCluster`). ``lost``
    makes its result for an input whose process died, from the error that reports it."""
    def mark(fn: Callable) -> Callable:
        fn.budgeted = lost
        return fn
    return mark


@budgeted(lambda error: Extracted(error.origin, error=error))
def extract_item(item: Document | LoadError, settings: Settings, key: str | None = None) -> Extracted:
    """Extract one input's claims; a failure is returned as its error, never raised (errors per record)."""
    if isinstance(item, LoadError):
        return Extracted(item.origin, error=item)
    try:
        return Extracted(item.origin, claims=extract_claims(item, settings, key=key or document_key(item)))
    except DocumentTimeout as exc:
        return Extracted(item.origin, error=LoadError(item.origin, f"skipped: extraction {exc}"))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return Extracted(item.origin, error=LoadError(item.origin, f"extraction failed: {type(exc).__name__}: {exc}"))


def _warm(settings: Settings) -> None:
    from .pipeline import warm_up

    warm_up(settings)


class Runner:
    """Maps a picklable function over items; results come back in input order."""

    workers = 1

    def map(self, fn: Callable, items: Iterable, *args, chunk: int | None = None,
            in_flight: int | None = None) -> Iterator:
        """``fn(item, *args)`` for each item, in order; ``chunk``: items per task, ``in_flight``: tasks sent
        ahead of the results read (default: the runner's; fewer hold less memory when items are large)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the workers."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class InProcess(Runner):
    """Everything in this process: the default, and what tests of the stages use."""

    def map(self, fn: Callable, items: Iterable, *args, chunk: int | None = None,
            in_flight: int | None = None) -> Iterator:
        for item in items:
            yield fn(item, *args)


def apply_to_chunk(fn: Callable, chunk: list, *args) -> list:
    """``fn`` over a chunk of items, in order: one task of a runner for several items (less overhead per item)."""
    return [fn(item, *args) for item in chunk]


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last one shorter).

    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Windowed(Runner):
    """A runner that sends items ``chunk`` at a time and keeps at most ``window`` chunks in flight."""

    window = 1
    chunk = 1

    def _submit(self, fn: Callable, item, *args):
        raise NotImplementedError

    @staticmethod
    def _result(future):
        return future.result()

    def map(self, fn: Callable, items: Iterable, *args, chunk: int | None = None,
            in_flight: int | None = None) -> Iterator:
        pending: collections.deque = collections.deque()
        for part in chunks(items, chunk or self.chunk):
            pending.append(self._submit(apply_to_chunk, fn, part, *args))
            if len(pending) >= (in_flight or self.window):
                yield from self._result(pending.popleft())
        while pending:
            yield from self._result(pending.popleft())


class ProcessPool(_Windowed):
    """A pool of ``workers`` processes on this machine (``--workers N``)."""

    def __init__(self, workers: int, settings: Settings):
        import concurrent.futures
        import multiprocessing

        self.workers = workers
        self.chunk = 4  # a task costs a round trip through the pool's pipes: a few documents share one
        self.window = workers * 4
        # "spawn": a worker starts clean (no copied locks or engines of the parent) and loads the knowledge once.
        self._pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm, initargs=(settings,))
        # The pool starts a process per task while none is idle: one task each starts them all now, warm,
        # rather than one at a time as the first documents come.
        for started in [self._pool.submit(os.getpid) for _ in range(workers)]:
            started.result()

    def _submit(self, fn: Callable, item, *args):
        return self._pool.submit(fn, item, *args)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


_CHILD = None  # this process's child for budgeted work (a Dask worker's): made on first use
_CHILD_LOCK = threading.Lock()


def _child(settings: Settings):
    """A process of this worker's where extraction runs in a main thread (so the time budget's alarm holds);
    None where this process may not have children (a daemonic Dask worker). One per worker: its tasks take
    turns in it (run workers of one thread each, ``--nthreads 1``, and as many as the cores)."""
    global _CHILD
    with _CHILD_LOCK:
        if _CHILD is None:
            import concurrent.futures
            import multiprocessing

            if multiprocessing.current_process().daemon:
                return None
            _CHILD = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_child_start,
                initargs=(settings, os.getpid()))
        return _CHILD


def _child_start(settings: Settings, parent: int) -> None:
    """A worker's extraction child: it leaves when its worker does (however that one ended), then loads the knowledge."""
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="harmattan-parent-watch", daemon=True).start()
    _warm(settings)


def _stop_child() -> None:
    """End this worker's extraction child (the run is over; the next one starts another)."""
    global _CHILD
    with _CHILD_LOCK:
        if _CHILD is not None:
            _CHILD.shutdown(wait=True, cancel_futures=True)
            _CHILD = None


def _warm_child(settings: Settings) -> bool:
    """Load the knowledge where this worker extracts, outside any time budget; False: in its own threads,
    without a budget (its process may not have children)."""
    child = _child(settings)
    if child is None:
        _warm(settings)
        return False
    child.submit(os.getpid).result()
    return True


def in_budget(fn: Callable, chunk: list, *args) -> list:
    """``fn`` over a chunk where the per-document time budget holds: here in a main thread; in a thread (a Dask
    worker runs its tasks in threads, where no alarm can interrupt a stuck pattern) in this worker's child
    process. A child that dies costs its chunk's inputs, reported, and is replaced."""
    from concurrent.futures.process import BrokenProcessPool

    from .budget import budget_enforceable

    if budget_enforceable():
        return apply_to_chunk(fn, chunk, *args)
    settings = next((a for a in args if isinstance(a, Settings)), Settings())
    child = _child(settings)
    if child is None:  # a daemonic worker: no budget (see DaskCluster)
        return apply_to_chunk(fn, chunk, *args)
    try:
        return child.submit(apply_to_chunk, fn, chunk, *args).result()
    except BrokenProcessPool:
        global _CHILD
        with _CHILD_LOCK:
            if _CHILD is child:
                _CHILD = None
        return [fn.budgeted(LoadError(getattr(i, "origin", "?"), "extraction failed: its process died")) for i in chunk]


class DaskCluster(_Windowed):
    """The workers of a Dask cluster (``--cluster tcp://HOST:PORT`` or ``HARMATTAN_CLUSTER``).

    Tasks are retried on another worker when theirs dies; ``retries`` also covers a task
    that raised (extraction returns its errors, so that is a worker's own failure). A Dask
    worker runs tasks in threads, where the per-document time budget cannot interrupt a call:
    extraction (:func:`budgeted` functions) runs in a child process of each worker's instead
    (:func:`in_budget`), which loads the knowledge once. A worker may have children when it is
    not a daemon: start workers with ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (the others,
    listed in ``unbudgeted``, extract in their threads without a budget).
    """

    def __init__(self, address: str, settings: Settings, retries: int = 3, timeout: str = "30s"):
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - the extra is part of the test extra
            raise UsageError("--cluster needs Dask: pip install 'harmattan[cluster]'") from None
        try:
            self.client = Client(address, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.retries = retries
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        # A task costs the scheduler and this client about a millisecond: several documents share one.
        self.chunk = 16
        self.window = max(4, self.workers * 4)
        budget_holds = self.client.run(_warm_child, settings)  # each worker's child loads the knowledge once, now
        # Workers started as daemons (Dask's default) may not have children: there the budget cannot hold.
        self.unbudgeted = sorted(w for w, holds in budget_holds.items() if not holds)

    def _submit(self, fn: Callable, item, *args):
        if fn is apply_to_chunk and getattr(item, "budgeted", False):  # item: the function of apply_to_chunk
            return self.client.submit(in_budget, item, *args, pure=False, retries=self.retries)
        return self.client.submit(fn, item, *args, pure=False, retries=self.retries)

    def close(self) -> None:
        try:
            self.client.run(_stop_child)
        except Exception:  # noqa: BLE001 - a worker gone already: its child left with it (see _child_start)
            pass
        self.client.close()


def default_workers() -> int:
    """The machine's cores (as many as this process may use)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def make_runner(workers: int | None, cluster: str | None, settings: Settings) -> Runner:
    """The runner the command line asks for: a cluster address wins, then a pool of ``workers`` (1: this process)."""
    if cluster:
        return DaskCluster(cluster, settings)
    n = default_workers() if workers is None else workers
    if n < 1:
        raise UsageError("--workers must be at least 1")
    return InProcess() if n == 1 else ProcessPool(n, settings)
