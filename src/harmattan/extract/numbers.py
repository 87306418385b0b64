"""Counts written in figures or words, EN and FR, with their qualifiers.

``QTY`` is a regular-expression fragment matching a count ("at least 70",
"more than 200", "forty-five", "trois", "des dizaines", "dozens"); ACLED's
conventions turn vague counts into figures ("dozens" is 12).

>>> parse_quantity("at least 70")
Quantity(value=70, low=70, high=None, vague=False)
>>> parse_quantity("about forty-five").value
45
>>> parse_quantity("des dizaines").value
12
>>> parse_quantity("quatre-vingt-dix").value
90
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
_SCALES = {"hundred": 100, "cent": 100, "cents": 100, "thousand": 1000, "mille": 1000}
# ACLED-style figures for vague counts (the lowest credible reading).
_VAGUE = {
    "a few": (3, 3, 9), "few": (3, 3, 9), "quelques": (3, 3, 9),
    "several": (5, 3, 20), "plusieurs": (5, 3, 20), "some": (5, 3, 20),
    "many": (10, 5, 50), "numerous": (10, 5, 50), "de nombreux": (10, 5, 50), "de nombreuses": (10, 5, 50),
    "a dozen": (12, 10, 14), "dozen": (12, 10, 14), "une douzaine": (12, 10, 14),
    "dozens": (12, 12, 99), "des dizaines": (12, 12, 99), "dozens of": (12, 12, 99),
    "scores": (20, 20, 99), "scores of": (20, 20, 99),
    "hundreds": (100, 100, 999), "des centaines": (100, 100, 999),
    "thousands": (1000, 1000, 9999), "des milliers": (1000, 1000, 9999),
}
_APPROX_FR = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
              "cinquantaine": 50, "soixantaine": 60, "centaine": 100}

_WORDS = sorted(set(_UNITS) - {"a", "an", "no", "none", "un", "une"} | set(_SCALES), key=len, reverse=True)
_WORD = "(?:" + "|".join(_WORDS) + ")"
_NUMBER_WORDS = rf"(?:(?:a|an|one|un|une)[ -](?:hundred|thousand)|{_WORD}(?:(?:[ -]|\s+and\s+|[ -]et[ -]){_WORD}|[ -]et[ -](?:un|une)\b)*)"
_DIGITS = r"\d{1,3}(?:[, \u202f]\d{3})+(?!\d)|\d+"
_VAGUE_RE = "|".join(re.escape(k) for k in sorted(_VAGUE, key=len, reverse=True))
_APPROX_RE = r"(?:une|a)\s+(?:" + "|".join(_APPROX_FR) + r")"
_QUAL_LOW = r"at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|au\s+moins|plus\s+de|pas\s+moins\s+de|over\s+a|surpass(?:es|ed)?|exceeds?|exceeded|dépasse|d[ée]passant"
_QUAL_APPROX = r"about|around|approximately|some|nearly|almost|roughly|close\s+to|an\s+estimated|près\s+de|environ|quelque|presque|pr[eè]s\s+d'"
_QUAL_HIGH = r"up\s+to|as\s+many\s+as|at\s+most|fewer\s+than|less\s+than|jusqu'[àa]|au\s+plus"

QTY = (
    rf"(?P<qual>(?:{_QUAL_LOW}|{_QUAL_APPROX}|{_QUAL_HIGH})\s+)?"
    rf"(?P<num>{_DIGITS}|{_APPROX_RE}|{_VAGUE_RE}|{_NUMBER_WORDS})"
)
QTY_RE = re.compile(rf"(?<![\w-]){QTY}(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    value: int
    low: int
    high: int | None
    vague: bool


def _words_value(text: str) -> int | None:
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t not in ("and", "et")]
    total, current, seen = 0, 0, False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("a", "an"):
            tok = "one"
        if tok == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):
            current += 80
            i += 2
            seen = True
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
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
    num = m.group("num").lower()
    qual = re.sub(r"\s+", " ", (m.group("qual") or "").strip().lower())
    vague = False
    if num in _VAGUE:
        value, low, high = _VAGUE[num]
        vague = True
    elif num[0].isdigit():
        value = int(re.sub(r"[, \u202f]", "", num))
        low, high = value, value
    else:
        approx = re.fullmatch(r"(?:une|a)\s+(\w+)", num)
        if approx and approx.group(1) in _APPROX_FR:
            value = _APPROX_FR[approx.group(1)]
            low, high = value, value + 9
            vague = True
        else:
            parsed = _words_value(num)
            if parsed is None:
                return None
            value = low = high = parsed
    if qual and re.fullmatch(_QUAL_LOW, qual):
        high = None if not vague else high
    elif qual and re.fullmatch(_QUAL_APPROX, qual):
        low, high = int(value * 0.9), max(high or value, int(round(value * 1.1)))
    elif qual and re.fullmatch(_QUAL_HIGH, qual):
        low = 0 if qual.startswith(("fewer", "less")) else low
    return Quantity(value=value, low=min(low, value), high=high, vague=vague)
