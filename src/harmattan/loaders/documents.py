"""Build :class:`Document` records from text, HTML or a JSON object (no I/O here).

Each builder returns the document and, when something was dropped or cut, the
problems as :class:`LoadError` notes; a builder that finds no text returns
only an error. ``doc_id`` is a short SHA-1 of (url or origin) and text, so the
same input always gets the same id.

>>> doc, notes = build_text_document("Gunmen killed 5 in Mopti.", origin="a.txt")
>>> doc.doc_id, doc.language, notes
('e1c1e93996e7e96a', 'en', [])
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any, Mapping

from ..language import detect_language
from ..records import Document, LoadError
from ..settings import Settings
from .decoding import normalize_text, valid_unicode
from .html import extract_html

__all__ = ["build_html_document", "build_json_document", "build_text_document", "make_doc_id", "parse_published"]

Built = tuple["Document | None", list[LoadError]]

# Markup left once scripts and styles are gone is seldom more than the text itself,
# so a page this many times the longest text allowed holds more than can be kept.
_HTML_CHARS_PER_TEXT_CHAR = 2
_LANGUAGE_NAMES = {"en": "en", "eng": "en", "english": "en", "anglais": "en",
                   "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr"}


def make_doc_id(key: str, text: str) -> str:
    """A short, stable id for a document.

    >>> make_doc_id("https://example.org/a", "text")
    'cc7d6f61243f2fc2'
    """
    # Builders hand over valid Unicode; "surrogatepass" keeps a stray surrogate from a caller hashable.
    return hashlib.sha1(f"{key}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_published(value: Any) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` or an ISO datetime; the publisher's local date is kept.

    >>> parse_published("2024-06-13T09:12:00+00:00")
    datetime.date(2024, 6, 13)
    >>> parse_published("2024-06-13")
    datetime.date(2024, 6, 13)

    Raises ValueError on anything else (a wrong date must not pass unnoticed).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, not {type(value).__name__}")
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value.replace(" ", "T", 1)).date()


def _language_code(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower().replace("_", "-")
    return _LANGUAGE_NAMES.get(code) or _LANGUAGE_NAMES.get(code.split("-")[0]) or code


def _finish(
    text: str,
    origin: str,
    settings: Settings,
    *,
    line: int | None,
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    language: str | None = None,
    default_published: dt.date | None = None,
) -> Built:
    notes: list[LoadError] = []
    text, bad = valid_unicode(text.strip())
    if bad:
        notes.append(_surrogate_note(bad, origin, line))
    if not text:
        return None, [LoadError(origin, "no text (empty or whitespace only)", line)]
    limit = settings.max_document_chars
    if len(text) > limit:
        notes.append(LoadError(origin, f"text cut at {limit} characters (max_document_chars); document kept", line, fatal=False))
        text = text[:limit]
    full_origin = origin if line is None else f"{origin}:{line}"
    doc = Document(
        doc_id=make_doc_id(url or full_origin, text),
        origin=full_origin,
        text=text,
        url=url or None,
        title=title or None,
        published=published or default_published,
        source=source or None,
        language=language or detect_language(text),
    )
    return doc, notes


def _surrogate_note(count: int, origin: str, line: int | None) -> LoadError:
    return LoadError(origin, f"{count} lone surrogate(s) (invalid Unicode) replaced with U+FFFD; document kept",
                     line, fatal=False)


def _valid_fields(obj: Mapping) -> tuple[dict, int]:
    """The object's string fields made valid Unicode, and how many lone surrogates were replaced."""
    clean, total = dict(obj), 0
    for name, value in obj.items():
        if isinstance(value, str):
            clean[name], bad = valid_unicode(value)
            total += bad
    return clean, total


def build_text_document(
    text: str,
    origin: str,
    settings: Settings | None = None,
    *,
    line: int | None = None,
    default_published: dt.date | None = None,
) -> Built:
    """A document from plain text (its title is found later, by ``split_articles``)."""
    return _finish(text, origin, settings or Settings(), line=line, default_published=default_published)


def build_html_document(
    html: str,
    origin: str,
    settings: Settings | None = None,
    *,
    line: int | None = None,
    default_published: dt.date | None = None,
    **known: Any,
) -> Built:
    """A document from an HTML page; ``known`` fields (url, title ...) win over the page's own."""
    settings = settings or Settings()
    limit = _HTML_CHARS_PER_TEXT_CHAR * settings.max_document_chars
    page = extract_html(html, max_chars=limit)
    notes = [LoadError(origin, f"HTML cut at {limit} characters before extraction; document kept", line, fatal=False)] if page.cut else []
    if not page.text:
        return None, notes + [LoadError(origin, "no text found in the HTML page", line)]
    fields = {"title": page.title, "published": page.published}
    fields.update({k: v for k, v in known.items() if v is not None})
    doc, more = _finish(page.text, origin, settings, line=line, default_published=default_published, **fields)
    return doc, notes + more


def build_json_document(
    obj: Any,
    origin: str,
    settings: Settings | None = None,
    *,
    line: int | None = None,
    default_published: dt.date | None = None,
) -> Built:
    """A document from one JSON object with the spec's fields (url, published, source, language, title, text/html)."""
    settings = settings or Settings()
    if not isinstance(obj, Mapping):
        return None, [LoadError(origin, f"expected a JSON object, found {type(obj).__name__}", line)]
    notes: list[LoadError] = []
    obj, bad = _valid_fields(obj)
    if bad:
        notes.append(_surrogate_note(bad, origin, line))
    text, html = obj.get("text"), obj.get("html")
    has_text = isinstance(text, str) and text.strip()
    has_html = isinstance(html, str) and html.strip()
    if not has_text and not has_html:
        what = "empty 'text'/'html'" if ("text" in obj or "html" in obj) else "no 'text' or 'html' field"
        return None, [LoadError(origin, f"{what}; nothing to read", line)]
    known: dict[str, Any] = {}
    for name in ("url", "title", "source"):
        value = obj.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            known[name] = value.strip() or None
        else:
            notes.append(LoadError(origin, f"field '{name}' is not a string; ignored", line, fatal=False))
    known["language"] = _language_code(obj.get("language"))
    raw_date = obj.get("published")
    if raw_date not in (None, ""):
        try:
            known["published"] = parse_published(raw_date)
        except (ValueError, OverflowError):
            notes.append(LoadError(origin, f"unreadable published date {raw_date!r} (want YYYY-MM-DD); ignored", line, fatal=False))
    if has_text:
        doc, more = _finish(normalize_text(text), origin, settings, line=line,
                            default_published=default_published, **known)
    else:
        doc, more = build_html_document(html, origin, settings, line=line,
                                        default_published=default_published, **known)
    return doc, notes + more
