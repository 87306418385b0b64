"""Counts written in figures or words, with their qualifiers, in every language pack.

``QTY`` is a regular-expression fragment matching a count ("at least 70",
"more than 200", "forty-five", "trois", "des dizaines", "dozens", "plus d'une
centaine"); ACLED's conventions turn vague counts into figures ("dozens" is
12). The words come from the language packs (``harmattan/lang/*/numbers.py``).

>>> parse_quantity("at least 70")
Quantity(value=70, low=70, high=None, vague=False)
>>> parse_quantity("about forty-five").value
45
>>> parse_quantity("des dizaines").value
12
>>> parse_quantity("quatre-vingt-dix").value
90
>>> parse_quantity("plus d'une centaine")
Quantity(value=100, low=100, high=None, vague=False)
>>> parse_quantity("Forty-four").value
44
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lang

_UNITS: dict[str, int] = lang.mapping("numbers", "UNITS")
_SCALES: dict[str, int] = lang.mapping("numbers", "SCALES")
_TIMES_TWENTY: dict[str, int] = lang.mapping("numbers", "TIMES_TWENTY")
_VAGUE: dict[str, tuple[int, int, int]] = lang.mapping("numbers", "VAGUE")
_APPROX: dict[str, int] = lang.mapping("numbers", "APPROX")
_JOINERS = lang.words("numbers", "JOINERS")
_ARTICLES = lang.words("numbers", "ARTICLES")
_QUAL_BELOW = lang.words("numbers", "QUAL_BELOW")

_WORD = "(?:" + "|".join(sorted((set(_UNITS) - _ARTICLES) | set(_SCALES), key=len, reverse=True)) + ")"
_ONE_SCALE = lang.alternation("numbers", "ONE_SCALE")
_SCALE = "(?:" + "|".join(sorted(_SCALES, key=len, reverse=True)) + ")"
_JOIN = lang.alternation("numbers", "JOINERS")
_NUMBER_WORDS = (
    rf"(?:{_ONE_SCALE}[ -]{_SCALE}(?:(?:[ -]|\s+{_JOIN}\s+|[ -]{_JOIN}[ -]){_WORD})*"
    rf"|{_WORD}(?:(?:[ -]|\s+{_JOIN}\s+|[ -]{_JOIN}[ -]){_WORD}|[ -]{_JOIN}[ -]{lang.alternation('numbers', 'APPROX_ARTICLES')}\b|[ -]{_JOIN}[ -](?:un|une|one)\b)*)"
)
_DIGITS = r"\d{1,3}(?:[, .\u202f\u00a0]\d{3})+(?![\d,.]\d)|\d+"
_VAGUE_RE = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_VAGUE, key=len, reverse=True))
_APPROX_RE = rf"{lang.alternation('numbers', 'APPROX_ARTICLES')}\s+{'(?:' + '|'.join(_APPROX) + ')'}"
_QUAL_LOW = lang.alternation("numbers", "QUAL_LOW")
_QUAL_APPROX = lang.alternation("numbers", "QUAL_APPROX")
_QUAL_HIGH = lang.alternation("numbers", "QUAL_HIGH")

QTY = (
    rf"(?P<qual>(?:{_QUAL_LOW}|{_QUAL_APPROX}|{_QUAL_HIGH})(?:\s+|(?<=['’])))?"
    rf"(?P<num>{_DIGITS}|{_APPROX_RE}|{_VAGUE_RE}|{_NUMBER_WORDS})"
)
QTY_RE = re.compile(rf"(?<![\w-]){QTY}(?![\w])", re.IGNORECASE)
_QUAL_LOW_RE = re.compile(_QUAL_LOW, re.I)
_QUAL_APPROX_RE = re.compile(_QUAL_APPROX, re.I)
_QUAL_HIGH_RE = re.compile(_QUAL_HIGH, re.I)


@dataclass(frozen=True)
class Quantity:
    value: int
    low: int
    high: int | None
    vague: bool


def _words_value(text: str) -> int | None:
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t not in _JOINERS]
    total, current, seen = 0, 0, False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _ARTICLES and tok not in _UNITS:
            tok = "one"
        if tok in _TIMES_TWENTY and i + 1 < len(tokens) and _UNITS.get(tokens[i + 1]) == 20:
            current += _TIMES_TWENTY[tok]
            i += 2
            seen = True
            continue
        if tok in _UNITS:
            current += _UNITS[tok] if tok not in _ARTICLES or _UNITS[tok] else 0
            seen = True
        elif tok in _SCALES:
            scale = _SCALES[tok]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
        i += 1
    return total + current if seen else None


def parse_quantity(text: str) -> Quantity | None:
    """Parse one count with its qualifier; None when the text is no count."""
    m = QTY_RE.fullmatch(text.strip())
    if not m:
        return None
    return quantity_from_match(m)


def quantity_from_match(m: re.Match) -> Quantity | None:
    """Build a :class:`Quantity` from a match of ``QTY_RE`` (or a pattern embedding ``QTY``)."""
    num = re.sub(r"\s+", " ", m.group("num").lower())
    qual = re.sub(r"\s+", " ", (m.group("qual") or "").strip().lower())
    vague = False
    if num in _VAGUE:
        value, low, high = _VAGUE[num]
        vague = True
    elif num[0].isdigit():
        value = int(re.sub(r"[, .\u202f\u00a0]", "", num))
        low, high = value, value
    else:
        approx = re.fullmatch(r"(\w+)\s+(\w+)", num)
        if approx and approx.group(2) in _APPROX:
            # "une trentaine" is an estimate around a figure, which ACLED codes as that figure:
            # not vague in the sense of "dozens" (a precise count does not override it).
            value = _APPROX[approx.group(2)]
            low, high = value, value + 9
        else:
            parsed = _words_value(num)
            if parsed is None:
                return None
            value = low = high = parsed
    if qual and _QUAL_LOW_RE.fullmatch(qual):
        high = None
    elif qual and _QUAL_APPROX_RE.fullmatch(qual):
        low, high = int(value * 0.9), max(high or value, int(round(value * 1.1)))
    elif qual and _QUAL_HIGH_RE.fullmatch(qual):
        low = 0 if qual.split()[0] in _QUAL_BELOW else low
    return Quantity(value=value, low=min(low, value), high=high, vague=vague)
