"""Split a page holding a main article and teasers into its articles.

A news-desk page reads, line by line::

    Headline of the main article
    Editorial : Name
    Body ...
    -
    Headline of a teaser
    Edited by : Name The teaser's first words, cut short... Desk category -

Articles start at a headline followed by a byline line, after a separator
line ("-", "***") and after a teaser's last line (ending with an ellipsis and
a desk category, or with " -"). A text with fewer than two such articles is
one article. Datelines ("BAMAKO, Sept 18 - ") stay in the text.

>>> from harmattan.records import Document
>>> page = Document(doc_id="d", origin="p.txt", text=(
...     "Army retakes Boni\\nBy Ali Diallo\\nThe army retook Boni on Monday.\\n-\\n"
...     "Floods hit Mopti\\nBy Awa Keita Heavy rain flooded... Society -"))
>>> [(a.title, a.byline, a.category, a.truncated, a.text) for a in split_articles(page)]
[('Army retakes Boni', 'Ali Diallo', None, False, 'The army retook Boni on Monday.'), \
('Floods hit Mopti', 'Awa Keita', 'Society', True, 'Heavy rain flooded...')]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..language import detect_language
from ..records import Article, Document
from .bylines import split_byline, starts_with_marker

__all__ = ["split_articles", "is_headline", "is_dateline"]

_SEPARATOR = re.compile(r"(?:[-–—_*=~•·#]\s*)+")
_ELLIPSIS = re.compile(r"(?:\.\s?\.\s?\.|…)")
_TRAILING_DASH = re.compile(r"\s+[-–—]$")
# "BAMAKO, Sept 18 - ", "OUAGADOUGOU, 27 août - ", "N'DJAMENA, Oct 28 -", "ABUJA (Reuters) -"
_DATELINE = re.compile(
    r"""^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]{1,40}?)
        (?:\s*\([^)]{1,30}\))?
        (?:\s*,\s*[^-–—\n]{1,30}?)?
        \s*[-–—]+(?:\s+|$)""",
    re.VERBOSE,
)
_MAX_CATEGORY_WORDS = 4
_MAX_HEADLINE_CHARS = 220
_MAX_HEADLINE_WORDS = 30


def is_dateline(line: str) -> bool:
    """True when a line opens with a dateline (an upper-case place, maybe a date, a dash).

    >>> is_dateline("BAMAKO, Sept 18 - Gunmen killed"), is_dateline("N'DJAMENA, Oct 28 -")
    (True, True)
    >>> is_dateline("Mali - Gunmen killed")
    False
    """
    match = _DATELINE.match(line)
    return bool(match) and sum(ch.isalpha() for ch in match.group("place")) >= 3


def is_headline(line: str) -> bool:
    """True for a short line without a final full stop: a headline, not a sentence.

    >>> is_headline("Niger: NGOs Urge Release of Detained Leader")
    True
    >>> is_headline("The army said five soldiers were killed.")
    False
    """
    words = line.split()
    if not 2 <= len(words) <= _MAX_HEADLINE_WORDS or len(line) > _MAX_HEADLINE_CHARS:
        return False
    if line[-1] in ".,;:" or _ELLIPSIS.search(line[-3:]) or _TRAILING_DASH.search(line):
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "«\"“'‘"):
        return False
    return not (_SEPARATOR.fullmatch(line) or starts_with_marker(line) or is_dateline(line))


@dataclass(frozen=True)
class _Ending:
    """What a teaser's last line carries after its body."""

    body: str
    category: str | None
    truncated: bool
    closes: bool  # the line ends an article (teaser end or trailing " -")


def _looks_like_category(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= _MAX_CATEGORY_WORDS or not text[0].isupper():
        return False
    return all(re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|&|/", w) for w in words)


@functools.lru_cache(maxsize=4096)
def _read_ending(line: str) -> _Ending:
    """Split ``... cut short... Security trends -`` into body, category and flags."""
    if is_dateline(line) and not _DATELINE.sub("", line, count=1).strip():
        return _Ending(line, None, False, False)  # a dateline alone on its line
    dash = bool(_TRAILING_DASH.search(line))
    core = _TRAILING_DASH.sub("", line).rstrip()
    last = None
    for last in _ELLIPSIS.finditer(core):
        pass
    if last is not None:
        after = core[last.end():].strip()
        if not after:
            return _Ending(core, None, True, True)
        if _looks_like_category(after):
            return _Ending(core[: last.end()], after, True, True)
    if dash:
        # "... the army said. Society -": a category after the last sentence
        match = re.search(r"^(?P<body>.*[.!?»”\"])\s+(?P<cat>[^.!?]+)$", core)
        if match and _looks_like_category(match.group("cat")):
            return _Ending(match.group("body"), match.group("cat"), False, True)
        return _Ending(core, None, False, True)
    return _Ending(line, None, False, False)


def _byline_at(lines: list[str], i: int) -> bool:
    return 0 <= i < len(lines) and split_byline(lines[i]) is not None


def _blocks(lines: list[str]) -> list[list[str]]:
    """Cut the lines into candidate articles (separators dropped)."""
    blocks: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if _SEPARATOR.fullmatch(line):
            blocks.append([])
            continue
        # a headline directly followed by a byline opens an article
        if blocks[-1] and is_headline(line) and _byline_at(lines, i + 1):
            blocks.append([])
        blocks[-1].append(line)
        if _read_ending(line).closes:
            blocks.append([])
    return [b for b in blocks if b]


def _is_article_like(block: list[str]) -> bool:
    """Headline + byline, or headline + body ending as a teaser does."""
    if len(block) < 2 or not is_headline(block[0]):
        return False
    return _byline_at(block, 1) or _read_ending(block[-1]).closes


@dataclass(frozen=True)
class _Parts:
    text: str
    title: str | None
    byline: str | None
    category: str | None
    truncated: bool


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _parse_block(block: list[str], doc_title: str | None) -> _Parts:
    lines = list(block)
    title = None
    if doc_title and lines and _same_line(lines[0], doc_title):
        title = doc_title
        lines.pop(0)
    elif len(lines) >= 2 and is_headline(lines[0]):
        title = lines.pop(0)
    byline = None
    if lines:
        found = split_byline(lines[0])
        if found is not None:
            byline, rest = found
            if rest:
                lines[0] = rest
            else:
                lines.pop(0)
    category, truncated = None, False
    if lines:
        ending = _read_ending(lines[-1])
        category, truncated = ending.category, ending.truncated
        lines[-1] = ending.body
    lines = [_TRAILING_DASH.sub("", ln) if not is_dateline(ln) else ln for ln in lines]
    text = "\n".join(ln for ln in lines if ln.strip()).strip()
    return _Parts(text, title, byline, category, truncated)


def split_articles(doc: Document) -> list[Article]:
    """Split a document into its articles; a document that is no page is one article.

    The first article of a text that is no page takes the document's title,
    else its first line when that line reads as a headline.

    >>> doc = Document(doc_id="d", origin="a.txt", text="Five killed in Kano\\nKANO, May 2 - A blast killed five.")
    >>> [(a.title, a.text) for a in split_articles(doc)]
    [('Five killed in Kano', 'KANO, May 2 - A blast killed five.')]
    """
    lines = [line.strip() for line in doc.text.split("\n")]
    lines = [line for line in lines if line]
    blocks = _blocks(lines)
    if sum(_is_article_like(b) for b in blocks) >= 2:
        merged: list[list[str]] = []
        for block in blocks:
            if merged and not _is_article_like(block):
                merged[-1] = merged[-1] + block  # a stray separator inside an article
            else:
                merged.append(block)
        blocks = merged
    else:
        blocks = [[line for line in lines if not _SEPARATOR.fullmatch(line)]]
    articles = []
    for index, block in enumerate(blocks):
        parts = _parse_block(block, doc.title if index == 0 else None)
        title = parts.title or (doc.title if index == 0 else None)
        articles.append(
            Article(
                doc=doc,
                index=index,
                text=parts.text,
                title=title,
                byline=parts.byline,
                category=parts.category,
                truncated=parts.truncated,
                language=doc.language or detect_language(parts.text or title or ""),
            )
        )
    return articles or [Article(doc=doc, index=0, text="", title=doc.title, language=doc.language)]
