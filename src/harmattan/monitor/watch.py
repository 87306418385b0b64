"""The watch loop: poll each source on its schedule, ingest what is new, check alerts.

One poll of a source is: a conditional GET (:mod:`.fetch`); what came back
read as a feed, a sitemap or a page (:mod:`.feeds`); each new or edited item
made a document and stored by the store's own ``ingest_document`` (one
transaction per document); the alert rules checked against the events it
created or updated (:mod:`.alerts`); the item remembered (``seen_items``) and
the poll logged with the source's health (:mod:`.state`). Any failure is
recorded against its source and the loop goes on.

Setting ``stop`` (the CLI does on Ctrl-C and SIGTERM) ends the loop after the
current document; a poll cut short keeps no validators, so the next run
fetches the feed again and skips the items it already has.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..claims import document_key
from ..records import Document
from ..settings import Settings
from ..store import Store
from ..store.articles import event_ids_of_document
from ..store.ingest import ingest_document
from ..store.monitor_state import (PollRecord, Source, load_seen, load_sources, mark_silence_reported, prune_fetch_log,
                                   save_poll, save_seen)
from .alerts import Firing, check_alerts, deliver_firing, load_rules
from .config import MonitorSettings
from .feeds import (FeedItem, ParseError, build_item_document, build_page_document, detect_kind,
                    extract_feed, extract_sitemap)
from .fetch import Fetcher, FetchError, FetchResult
from .rules import AlertRule
from .state import load_health

_ACCEPT = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    "sitemap": "application/xml, text/xml;q=0.9, */*;q=0.5",
    "page": "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
}
_ACCEPT["auto"] = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5"


@dataclass
class PollResult:
    """What one poll did (for the log line and the tests)."""

    source: str
    record: PollRecord
    events_new: int = 0
    events_updated: int = 0
    firings: list[Firing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        r = self.record
        if r.outcome == "error":
            return f"{self.source}: error: {r.error}"
        if r.outcome == "not_modified":
            return f"{self.source}: not modified"
        text = (f"{self.source}: {r.items_new} new, {r.items_updated} updated items; "
                f"events: {self.events_new} new, {self.events_updated} updated; alerts: {len(self.firings)}")
        return text + "".join(f"\n  note: {n}" for n in self.notes)


class Watcher:
    """Polls sources into a store.

    Args:
        engine: the store (its schema up to date, as :func:`harmattan.store.connect` leaves it).
        settings: the project settings (extraction, merging) used by ``ingest_document``.
        monitor: the monitor settings (HTTP, schedule, alerts).
        stop: set it to end the loop after the current document.
        fetcher: an HTTP client (default: a :class:`.fetch.Fetcher` on ``monitor``).
        log: called with one line per poll that did something, and per problem.
    """

    def __init__(self, engine: Store, settings: Settings, monitor: MonitorSettings,
                 stop: threading.Event | None = None, fetcher: Fetcher | None = None,
                 log: Callable[[str], None] | None = None):
        self.engine = engine
        self.settings = settings
        self.monitor = monitor
        self.stop = stop or threading.Event()
        self.fetcher = fetcher or Fetcher(monitor, self.stop)
        self.log = log or (lambda line: None)
        self.rules: list[AlertRule] = []

    # --- the loop --------------------------------------------------------------------------

    def run(self, once: bool = False, max_seconds: float | None = None, idle_check_s: float = 5.0) -> int:
        """Poll due sources until stopped (or one pass over all sources with ``once``); returns polls made.

        Sources added while it runs are picked up within ``idle_check_s``.
        """
        started = time.monotonic()
        polls = 0
        prune_fetch_log(self.engine)
        while not self.stop.is_set():
            now = time.time()
            active = load_sources(self.engine, enabled_only=True)
            due = active if once else [s for s in active if s.next_due <= now]
            if due:
                self.rules = load_rules(self.engine, enabled_only=True)
            for source in due:
                if self.stop.is_set():
                    break
                result = self.poll(source)
                polls += 1
                if result.record.outcome != "not_modified":
                    self.log(result.line())
            if due:
                self._report_silence()
            if once or (max_seconds is not None and time.monotonic() - started >= max_seconds):
                break
            upcoming = [s.next_due for s in load_sources(self.engine, enabled_only=True)]
            wait = min(upcoming, default=now + idle_check_s) - time.time()
            if max_seconds is not None:
                wait = min(wait, max_seconds - (time.monotonic() - started))
            self.stop.wait(min(max(wait, 0.05), idle_check_s))
        return polls

    def _report_silence(self) -> None:
        for h in load_health(self.engine, self.monitor.silence_factor, self.monitor.silence_min_s):
            if h["silent_s"] is not None and not h["silent_reported"]:
                self.log(f"{h['name']}: {h['status']}; is the source still publishing?")
                mark_silence_reported(self.engine, h["id"])

    # --- one source ------------------------------------------------------------------------

    def poll(self, source: Source) -> PollResult:
        """Fetch one source and ingest what is new; every failure ends in its fetch log, never raised."""
        t0 = time.monotonic()
        result = PollResult(source.name, PollRecord(source.url, "ok"))
        try:
            response = self.fetcher.fetch(source.url, source.etag, source.last_modified, _ACCEPT.get(source.kind, "*/*"))
        except FetchError as err:
            return self._finish(source, result, t0, error=f"{type(err).__name__}: {err}", status=err.status)
        if response.not_modified:
            result.record = PollRecord(source.url, "not_modified", 304, etag=source.etag,
                                       last_modified=source.last_modified)
            return self._finish(source, result, t0)
        kind = detect_kind(response.content, response.content_type)
        if kind == "invalid" or (source.kind != "auto" and kind != source.kind):
            wanted = "a feed, sitemap or page" if source.kind == "auto" else f"a {source.kind}"
            return self._finish(source, result, t0, status=response.status,
                                error=f"ParseError: expected {wanted}, got {kind} content "
                                      f"({response.content_type or 'no content type'}, {len(response.content)} bytes)")
        try:
            handler = {"feed": self._poll_feed, "sitemap": self._poll_sitemap, "page": self._poll_page}[kind]
            complete = handler(source, response, result)
        except ParseError as err:
            return self._finish(source, result, t0, error=f"ParseError: {err}", status=response.status)
        result.record = PollRecord(
            source.url, "ok", response.status, bytes=len(response.content), kind=kind,
            items_new=result.record.items_new, items_updated=result.record.items_updated,
            # a poll cut short keeps no validators, so the next one reads the whole feed again
            etag=response.etag if complete else None, last_modified=response.last_modified if complete else None,
            error="; ".join(result.notes)[:2000] or None)
        return self._finish(source, result, t0)

    def _finish(self, source: Source, result: PollResult, t0: float, error: str | None = None,
                status: int | None = None) -> PollResult:
        if error:
            result.record = PollRecord(source.url, "error", status, error=error)
        record = result.record
        result.record = PollRecord(**{**record.__dict__, "seconds": round(time.monotonic() - t0, 3)})
        save_poll(self.engine, source, result.record)
        return result

    def _count(self, result: PollResult, status: str) -> None:
        r = result.record
        if status == "new":
            result.record = PollRecord(**{**r.__dict__, "items_new": r.items_new + 1})
        elif status == "updated":
            result.record = PollRecord(**{**r.__dict__, "items_updated": r.items_updated + 1})

    def _poll_feed(self, source: Source, response: FetchResult, result: PollResult) -> bool:
        items, warning = extract_feed(response.content, response.url)
        if warning:
            result.notes.append(warning)
        seen = load_seen(self.engine, source.id)
        fresh = [i for i in items if seen.get(i.key, {}).get("digest") != i.digest]
        for n, item in enumerate(fresh):
            if self.stop.is_set() or n >= self.monitor.max_items_per_poll:
                return False
            doc = self._item_document(source, item, response.url, result)
            status = self._ingest(doc, result) if doc is not None else "empty"
            if status != "failed":
                save_seen(self.engine, source.id, item.key, item.url, item.digest, status)
                self._count(result, "updated" if item.key in seen and status == "new" else status)
        return True

    def _item_document(self, source: Source, item: FeedItem, feed_url: str, result: PollResult) -> Document | None:
        doc = build_item_document(item, source.name, source.language, feed_url, self.settings)
        short = len(item.plain_text) < self.monitor.teaser_chars
        if not (self.monitor.fetch_articles and item.url and short):
            return doc
        try:
            page = self.fetcher.fetch(item.url, accept=_ACCEPT["page"])
        except FetchError as err:
            result.notes.append(f"{item.url}: {type(err).__name__}: {err}; the feed's text was used")
            return doc
        built, _ = build_page_document(page.content, item.url, source.name, source.language,
                                       item.published or dt.date.today(), self.settings)
        if built is None or (doc is not None and len(built.text) <= len(doc.text)):
            return doc
        return built if built.title or not item.title else dataclasses.replace(built, title=item.title)

    def _poll_sitemap(self, source: Source, response: FetchResult, result: PollResult) -> bool:
        kind, entries = extract_sitemap(response.content)
        if kind == "sitemapindex":  # one level of nesting, a few child sitemaps
            children, entries = entries[:5], []
            for child in children:
                try:
                    entries += extract_sitemap(self.fetcher.fetch(child.url, accept=_ACCEPT["sitemap"]).content)[1]
                except (FetchError, ParseError) as err:
                    result.notes.append(f"{child.url}: {err}")
        entries.sort(key=lambda e: e.lastmod or "", reverse=True)
        seen = load_seen(self.engine, source.id)
        fresh = [e for e in entries if e.url not in seen or (e.lastmod and seen[e.url].get("digest") != e.lastmod)]
        for n, entry in enumerate(fresh):
            if self.stop.is_set() or n >= self.monitor.max_items_per_poll:
                return False
            try:
                page = self.fetcher.fetch(entry.url, accept=_ACCEPT["page"])
            except FetchError as err:
                result.notes.append(f"{entry.url}: {type(err).__name__}: {err}")
                continue
            doc, _ = build_page_document(page.content, entry.url, source.name, source.language,
                                         dt.date.today(), self.settings)
            status = self._ingest(doc, result) if doc is not None else "empty"
            if status != "failed":
                save_seen(self.engine, source.id, entry.url, entry.url, entry.lastmod, status, page.etag, page.last_modified)
                self._count(result, status)
        return True

    def _poll_page(self, source: Source, response: FetchResult, result: PollResult) -> bool:
        doc, notes = build_page_document(response.content, source.url, source.name, source.language,
                                         dt.date.today(), self.settings)
        if doc is None:
            result.notes.extend(str(n) for n in notes)
            return True
        self._count(result, self._ingest(doc, result))
        return True

    # --- store and alerts ------------------------------------------------------------------

    def _ingest(self, doc: Document, result: PollResult) -> str:
        """Store one document, then check and deliver alerts for the events it touched."""
        try:
            status, counts = ingest_document(self.engine, doc, self.settings)
        except Exception as exc:  # one bad document must not stop the watch (its transaction rolled back)
            result.notes.append(f"{doc.url}: ingest failed: {type(exc).__name__}: {exc}")
            return "failed"
        result.events_new += counts.get("new", 0)
        result.events_updated += counts.get("updated", 0)
        if status == "unchanged" or not self.rules:
            return status
        event_ids = event_ids_of_document(self.engine, document_key(doc))
        firings = check_alerts(self.engine, event_ids, self.monitor, self.rules)
        for firing in firings:
            deliver_firing(self.engine, firing, self.fetcher, self.monitor)
        result.firings.extend(firings)
        return status
