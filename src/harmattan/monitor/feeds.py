"""Feeds, sitemaps and pages into items and documents (pure: bytes in, records out).

>>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
... <item><guid isPermaLink="false">a1</guid><title>Attack in Bokkos</title><link>http://news.example/a1</link>
... <pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate>
... <description>Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday.</description></item>
... </channel></rss>'''
>>> detect_kind(rss, "application/rss+xml")
'feed'
>>> [item] = extract_feed_items(rss, "http://news.example/feed")
>>> item.key, item.url, item.published
('a1', 'http://news.example/a1', datetime.date(2025, 6, 10))
>>> doc = build_item_document(item, source="Desk", language=None)
>>> doc.url, doc.title, doc.text
('http://news.example/a1', 'Attack in Bokkos', 'Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday.')
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import xml.etree.ElementTree as ET
import xml.sax
from dataclasses import dataclass
from urllib.parse import urljoin

from ..loaders import load_bytes
from ..records import Document, LoadError
from ..settings import Settings


class ParseError(ValueError):
    """A response that is not what the source should serve (invalid XML, not a feed, ...)."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: ``key`` is its id (guid), else its link, else a hash of its text."""

    key: str
    url: str | None
    title: str
    text_html: str
    published: dt.date | None

    @property
    def digest(self) -> str:
        """Hash of what the item says: a new value means the item was edited."""
        return hashlib.sha256("\x1f".join((self.title, self.text_html, self.url or "")).encode()).hexdigest()

    @property
    def plain_text(self) -> str:
        return html.unescape(re.sub(r"<[^>]+>", " ", self.text_html)).strip()


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None


_HEAD = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*\?>\s*)*<([A-Za-z_][\w:.-]*)",
                   re.DOTALL)


def _root_name(data: bytes) -> str | None:
    m = _HEAD.match(data[:4096])
    return m.group(1).decode("ascii", "replace").split(":")[-1].lower() if m else None


def detect_kind(data: bytes, content_type: str = "") -> str:
    """``feed``, ``sitemap``, ``page`` or ``invalid`` from the body's first element and the content type.

    >>> detect_kind(b'<?xml version="1.0"?><urlset xmlns="x"><url><loc>http://a/b</loc></url></urlset>')
    'sitemap'
    >>> detect_kind(b"<!doctype html><html><body>Hi</body></html>", "text/html")
    'page'
    >>> detect_kind(b"<rss><channel><item>", "application/xml")
    'feed'
    >>> detect_kind(b"\\x00\\x01 garbage", "application/rss+xml")
    'invalid'
    """
    root = _root_name(data)
    ctype = content_type.split(";")[0].strip().lower()
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root == "html" or ctype in ("text/html", "application/xhtml+xml"):
        return "page"
    if root is None and ctype in ("text/plain", ""):
        return "page" if data.strip() and b"\x00" not in data[:4096] else "invalid"
    return "invalid"


def extract_feed_items(data: bytes, base_url: str) -> list[FeedItem]:
    """The entries of an RSS or Atom feed, in feed order; raise :class:`ParseError` when it is none."""
    return extract_feed(data, base_url)[0]


def extract_feed(data: bytes, base_url: str) -> tuple[list[FeedItem], str | None]:
    """The entries of a feed and a warning when its XML is broken but entries could still be read.

    A feed none of whose entries has text or a link raises :class:`ParseError`.
    """
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, xml.sax.SAXException):
        problem = None  # a missing content type or an encoding declared wrong: not worth a warning
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        link = urljoin(base_url, link) if link else None
        if entry.get("content"):
            text = entry.content[0].get("value", "")
        else:
            text = entry.get("summary", "") or entry.get("description", "")
        title = (entry.get("title") or "").strip()
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*stamp[:3]) if stamp else None
        key = entry.get("id") or link or hashlib.sha256(f"{title}\x1f{text}".encode()).hexdigest()[:24]
        items.append(FeedItem(key=str(key), url=link, title=title, text_html=text, published=published))
    if problem is not None and not any(i.url or i.text_html.strip() for i in items):
        raise ParseError(f"invalid XML: {problem}")
    if not items and not parsed.get("version"):
        raise ParseError("not a feed (no RSS or Atom found)")
    warning = f"malformed feed ({problem}); {len(items)} items recovered" if problem is not None and items else None
    return items, warning


def extract_sitemap(data: bytes) -> tuple[str, list[SitemapEntry]]:
    """``("urlset" | "sitemapindex", entries)`` of a sitemap; raise :class:`ParseError` on invalid XML.

    >>> extract_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ...                 b'<url><loc>http://a.example/1</loc><lastmod>2025-06-10</lastmod></url></urlset>')
    ('urlset', [SitemapEntry(url='http://a.example/1', lastmod='2025-06-10')])
    """
    if b"<!ENTITY" in data[:8192]:
        raise ParseError("sitemap declares entities; refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise ParseError(f"invalid XML: {err}") from None
    kind = root.tag.rsplit("}", 1)[-1].lower()
    if kind not in ("urlset", "sitemapindex"):
        raise ParseError(f"not a sitemap (root element {kind})")
    entries = []
    for node in root:
        loc = lastmod = None
        for child in node:
            name = child.tag.rsplit("}", 1)[-1].lower()
            if name == "loc" and child.text:
                loc = child.text.strip()
            elif name == "lastmod" and child.text:
                lastmod = child.text.strip()
        if loc:
            entries.append(SitemapEntry(loc, lastmod))
    return kind, entries


def _first_document(items, url: str, source: str | None, language: str | None) -> Document | None:
    for item in items:
        if isinstance(item, Document):
            return dataclasses.replace(item, url=url, source=source or item.source,
                                       language=language or item.language)
    return None


def build_item_document(item: FeedItem, source: str | None, language: str | None, feed_url: str = "",
                        settings: Settings | None = None) -> Document | None:
    """The document of a feed item from the feed's own text (title and content); None when it has no text."""
    page = (f"<html><head><title>{html.escape(item.title)}</title></head><body><article>"
            f"<h1>{html.escape(item.title)}</h1>{item.text_html}</article></body></html>").encode("utf-8")
    url = item.url or f"{feed_url}#{item.key}"
    return _first_document(load_bytes(page, url, settings, item.published, kind="html"), url, source, language)


def build_page_document(data: bytes, url: str, source: str | None, language: str | None,
                        published: dt.date | None = None, settings: Settings | None = None
                        ) -> tuple[Document | None, list[LoadError]]:
    """The document of a fetched page, and the loader's notes (why there is none, what was cut)."""
    items = list(load_bytes(data, url, settings, published, kind=None))
    return _first_document(items, url, source, language), [i for i in items if isinstance(i, LoadError)]
