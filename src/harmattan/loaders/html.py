"""Main text, title and date of an HTML page (trafilatura, with an lxml fallback).

Navigation, adverts, scripts, styles, asides and footers never reach the text.
The publication date is read from the page's metadata only: dates mentioned
in the body are event dates, not publication dates.

>>> page = extract_html(
...     "<html><head><title>Attack</title><script>alert(1)</script></head>"
...     "<body><nav>Home</nav><p>Gunmen killed five people.</p></body></html>"
... )
>>> page.text
'Gunmen killed five people.'
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

__all__ = ["HtmlPage", "extract_html", "fallback_text", "looks_like_html", "strip_code"]

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|h[1-6]|span|table|ul|a)\b",
    re.IGNORECASE | re.DOTALL,
)
# Elements whose content is never article text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "nav", "aside", "footer", "header", "form", "button", "select", "menu",
)
# Page furniture pruned before trafilatura reads the page (it keeps some on short pages).
_FURNITURE_CLASSES = ("ad", "ads", "advert", "advertisement", "banner", "cookie", "newsletter",
                      "promo", "related", "share", "social", "sponsored", "subscribe")
_PRUNE_XPATH = [
    "//nav", "//aside", "//footer", "//form", "//noscript", "//template", "//iframe", "//menu",
    "//header[not(ancestor::article) and not(ancestor::main)]",
    "//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='complementary']",
    *(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in _FURNITURE_CLASSES),
]
# Removed by pattern before parsing: cheap on huge pages, and no code can leak into the text.
_CODE_TAGS = ("script", "style", "noscript", "template")
_CODE_OPEN = re.compile(r"<(script|style|noscript|template)\b", re.IGNORECASE)
_CODE_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _CODE_TAGS}
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr article section blockquote pre dd dt figcaption td th".split()
)


@dataclass(frozen=True)
class HtmlPage:
    """What was read from a page: ``text`` is empty when nothing was found."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    cut: bool = False  # the page was longer than allowed and only its start was read


def looks_like_html(text: str) -> bool:
    """True when a text starts like an HTML document or fragment.

    >>> looks_like_html("<!DOCTYPE html><html>")
    True
    >>> looks_like_html("Troops <b>entered</b> the town")
    False
    """
    return bool(_HTML_START.match(text[:2000]))


def strip_code(html: str) -> str:
    """Remove script, style, noscript and template elements with their content.

    >>> strip_code("<p>a</p><SCRIPT type=x>alert(1)</script ><p>b</p>")
    '<p>a</p><p>b</p>'
    """
    parts: list[str] = []
    pos = 0
    while True:
        opening = _CODE_OPEN.search(html, pos)
        if opening is None:
            parts.append(html[pos:])
            break
        parts.append(html[pos:opening.start()])
        closing = _CODE_CLOSE[opening.group(1).lower()].search(html, opening.end())
        if closing is None:
            break  # never closed: a browser reads the rest of the page as code too
        pos = closing.end()
    return "".join(parts)


def extract_html(html: str, max_chars: int | None = None) -> HtmlPage:
    """Read the main text, title, date and author of a page.

    trafilatura first; when it finds no main text, the text of the body
    without scripts, styles and page furniture. Pages longer than
    ``max_chars`` (once scripts and styles are gone) are cut there first:
    trafilatura takes about a second per megabyte.
    """
    import trafilatura  # heavy import, only when a page is read

    html = strip_code(html)
    cut = max_chars is not None and len(html) > max_chars
    if cut:
        html = html[:max_chars]

    # trafilatura logs every page it finds empty; that is our fallback's job.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    result = None
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
            prune_xpath=_PRUNE_XPATH,
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as err:  # broken markup
        logging.getLogger(__name__).debug("trafilatura failed: %s", err)
    meta = result.as_dict() if result is not None else {}
    text = _clean_lines(meta.get("text") or "")
    title = _clean_title(meta.get("title"))
    if not text:
        text, fallback_title = fallback_text(html)
        title = title or fallback_title
    if title and text.split("\n", 1)[0].strip() == title:
        # trafilatura repeats the headline as the first line; the title is kept apart.
        text = text.split("\n", 1)[1].strip() if "\n" in text else ""
    return HtmlPage(
        cut=cut,
        text=text,
        title=title,
        published=_parse_iso_date(meta.get("date")),
        author=(meta.get("author") or None),
    )


def fallback_text(html: str) -> tuple[str, str | None]:
    """Text of the body (one line per block) without scripts, styles or furniture.

    >>> fallback_text("<body><script>x=1</script><p>One</p><p>Two</p></body>")
    ('One\\nTwo', None)
    """
    from lxml import etree, html as lxml_html
    from lxml_html_clean import Cleaner

    try:
        root = lxml_html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return "", None
    try:
        title_el = root.find(".//h1")
        if title_el is None:
            title_el = root.find(".//title")
        title = _clean_title(title_el.text_content()) if title_el is not None else None
    except (ValueError, TypeError):
        title = None
    cleaner = Cleaner(
        scripts=True, javascript=True, comments=True, style=True, inline_style=True,
        links=True, meta=True, processing_instructions=True, embedded=True, frames=True,
        forms=True, annoying_tags=True, page_structure=False, kill_tags=list(_DROP_TAGS),
    )
    try:
        root = cleaner.clean_html(root)
        for xpath in _PRUNE_XPATH:
            for el in root.xpath(xpath):
                if el.getparent() is not None:
                    el.drop_tree()
        body = root.find(".//body")
        parts: list[str] = []
        _collect_text(body if body is not None else root, parts)
    except (etree.LxmlError, ValueError, TypeError, RecursionError) as err:
        # markup the cleaner rejects (odd names, control characters) or nested beyond reading: no text
        logging.getLogger(__name__).debug("fallback extraction failed: %s", err)
        return "", title
    return _clean_lines("".join(parts)), title


def _collect_text(el, parts: list[str]) -> None:
    """Append the text of ``el`` and its children in reading order, one line per block."""
    if not isinstance(el.tag, str) or el.tag in ("head", "title"):
        return
    block = el.tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text:
        parts.append(el.text)
    for child in el:
        _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _clean_lines(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    return title or None


def _parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
