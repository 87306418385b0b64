"""Text normalisation and sentence splitting for EN/FR news.

>>> split_sentences("Gunmen killed 5 in Gwoza on Saturday. Police said on Sunday that 3 were arrested.")
[(0, 37), (38, 81)]
"""
from __future__ import annotations

import re
import unicodedata

from .. import lang

_TRANSLATE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2026": "...",
})


def normalize_text(text: str) -> str:
    """Unify quotes, dashes and spaces; NFC-compose accents. Length may shrink only at ellipses.

    >>> normalize_text("Jama\u2019a Nusrat\u2014l\u2019Islam\u2026")
    "Jama'a Nusrat-l'Islam..."
    """
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


def fold(text: str) -> str:
    """Lowercase and strip accents (for keys, not for display).

    >>> fold("Tillabéri")
    'tillaberi'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Abbreviations after which a period does not end a sentence (every language pack's).
_ABBREV = lang.words("text", "ABBREVIATIONS")
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+|\n+|\s+-\s*\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of sentences; lines are always boundaries."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.end()
        if "\n" not in m.group(0) and m.group(0).lstrip().startswith("."):
            before = text[max(start, m.start() - 40):m.start()].rsplit(None, 1)  # the last word is enough
            word = before[-1].lower().rstrip(".") if before else ""
            nxt = text[m.end():m.end() + 1]
            # "Sept. 18", "Ibrahim S. L'attaque" (initials) and abbreviations do not end a sentence.
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or (nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'")):
                continue
        _add(spans, text, start, m.start() + len(m.group(0).rstrip()))
        start = cut
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
