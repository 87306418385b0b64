"""Pages named by URL for a backfill: a list of URLs read, the pages fetched, each one a document.

A URL list is a text file with one ``http://`` or ``https://`` URL a line;
blank lines and lines starting with ``#`` are skipped, and anything else is
reported with its line number. The pages are fetched the monitor's careful way
(:class:`~.fetch.Fetcher`: every hop checked by :mod:`.safety`, retries, at
most one request per ``host_interval_s`` to a host) by a few threads at once,
so pages of different hosts come in parallel, and handed on in the list's
order. A URL the store holds already (``stored``) is not fetched again, so a
backfill of a list killed half-way and run again fetches only what is left.

>>> list(read_url_list("# outlets\\nhttps://news.example/a\\n\\nftp://x/y\\n", "urls.txt"))
['https://news.example/a', LoadError(origin='urls.txt', message='not an http(s) URL: ftp://x/y', line=4, fatal=True)]
"""
from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from ..records import Document, LoadError
from ..runners import chunks
from ..settings import Settings
from .feeds import build_page_document
from .fetch import FetchError, Fetcher


def is_url(text: str) -> bool:
    """Is an argument a page to fetch rather than a path?

    >>> is_url("https://news.example/a"), is_url("archive/2025.jsonl.gz")
    (True, False)
    """
    return text.lower().startswith(("http://", "https://"))


def read_url_list(text: str, origin: str) -> Iterator[str | LoadError]:
    """The URLs of a list, in its order; a line that is not one is reported (its number) and skipped."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield line if is_url(line) and " " not in line else LoadError(origin, f"not an http(s) URL: {line[:200]}", number)


@dataclass
class PageCounts:
    """What :func:`fetch_pages` did: pages fetched, URLs skipped as stored already, fetches that failed."""

    fetched: int = 0
    stored_already: int = 0
    failed: int = 0


def fetch_pages(urls: Iterable[str | LoadError], fetcher: Fetcher, settings: Settings,
                published: dt.date | None = None, stored: Callable[[list[str]], set[str]] = lambda urls: set(),
                threads: int = 8, group: int = 64, counts: PageCounts | None = None) -> Iterator[Document | LoadError]:
    """The documents of the pages at ``urls`` (in their order), fetched by ``threads`` threads.

    ``stored`` tells which URLs of a group the store holds already: those are not fetched. A page that
    cannot be fetched, or holds no text, is a :class:`LoadError` naming its URL; the others go on.
    ``published`` dates a page that gives no date of its own.
    """
    counts = counts if counts is not None else PageCounts()
    pending: collections.deque[tuple[str, Future]] = collections.deque()
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="harmattan-fetch") as pool:
        for chunk in chunks(urls, group):
            wanted = [u for u in chunk if isinstance(u, str)]
            known = stored(wanted) if wanted else set()
            for url in chunk:
                if isinstance(url, LoadError):
                    yield url
                elif url in known:
                    counts.stored_already += 1
                else:
                    pending.append((url, pool.submit(fetcher.fetch, url, accept="text/html,*/*;q=0.8")))
                while len(pending) > 2 * threads:  # a bounded number in flight: constant memory
                    yield from _page(*pending.popleft(), settings, published, counts)
        while pending:
            yield from _page(*pending.popleft(), settings, published, counts)


def _page(url: str, future: Future, settings: Settings, published: dt.date | None,
          counts: PageCounts) -> Iterator[Document | LoadError]:
    try:
        response = future.result()
    except FetchError as err:
        counts.failed += 1
        yield LoadError(url, f"not fetched: {err}")
        return
    doc, notes = build_page_document(response.content, url, None, None, published, settings)
    if doc is None:
        counts.failed += 1
        yield LoadError(url, "; ".join(n.message for n in notes) or "no text")
        return
    counts.fetched += 1
    yield from (n for n in notes if not n.fatal)
    yield doc
