"""Date expressions in news (words from the language packs), resolved against the publication date.

Each expression becomes a :class:`DateMention` with the date it denotes (or
None when it cannot be resolved, e.g. a weekday with no publication date),
its precision, and whether it dates the *reporting* ("said on Tuesday")
rather than the event.

>>> import datetime as dt
>>> pub = dt.date(2024, 8, 27)  # a Tuesday
>>> [m.date.isoformat() for m in find_dates("Au moins 150 personnes ont été tuées samedi à Barsalogho", pub)]
['2024-08-24']
>>> m = find_dates("a local official said on Tuesday", pub)[0]
>>> (m.date.isoformat(), m.reporting)
('2024-08-27', True)
>>> find_dates("le mardi 17 septembre 2024", None)[0].date.isoformat()
'2024-09-17'
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from .. import lang

_MONTHS: dict[str, int] = lang.mapping("dates", "MONTHS")
_AMBIGUOUS_MONTHS = lang.words("dates", "AMBIGUOUS_MONTHS")
_WEEKDAYS: dict[str, int] = lang.mapping("dates", "WEEKDAYS")
_MONTH = "(?:" + "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True)) + r")\.?"
_WD = "(?:" + "|".join(_WEEKDAYS) + ")"
_DAY = rf"(?:[12]\d|3[01]|0?[1-9])(?:{'|'.join(lang.fragments('dates', 'DAY_SUFFIX'))})?"
_YEAR = r"(?:19|20)\d\d"
_PART = rf"(?:\s+{lang.alternation('dates', 'PARTS_OF_DAY')})?"
_WD_PREFIXES: dict[str, str] = lang.mapping("dates", "WEEKDAY_PREFIXES")
_WD_PRE = "(?:" + "|".join(sorted(_WD_PREFIXES, key=len, reverse=True)) + ")"
_LINK = "".join(rf"(?:{w}\s+)?" for w in lang.fragments("dates", "DAY_MONTH_LINK"))
_RELATIVE: dict[str, tuple[int, str]] = lang.mapping("dates", "RELATIVE")
_RELATIVE_RES = [(re.compile(rf"^{pat}$", re.I), value) for pat, value in _RELATIVE.items()]
_SMALL = {w: v for w, v in lang.mapping("numbers", "UNITS").items() if 2 <= v <= 9}
_N = r"\d+|" + "|".join(sorted(_SMALL, key=len, reverse=True))
_DAY_UNITS = lang.words("dates", "DAY_UNITS")
_WEEK_UNITS = lang.words("dates", "WEEK_UNITS")
_UNIT = "|".join(sorted(_DAY_UNITS | _WEEK_UNITS, key=len, reverse=True))
_COUNTED = [p.replace("{N}", _N).replace("{UNIT}", _UNIT) for p in lang.fragments("dates", "RELATIVE_COUNT")]
_COUNTED = [re.sub(r"\(\?P<(n|unit)>", lambda m, i=i: f"(?P<{m.group(1)}{i}>", p) for i, p in enumerate(_COUNTED)]
_SINCE = lang.words("dates", "SINCE_WORDS")

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    *[("night", re.compile(rf"\b{p.replace('{WD}', _WD)}\b", re.I)) for p in lang.fragments("dates", "NIGHT")],
    ("dmy", re.compile(rf"(?:\b(?P<wd>{_WD}),?\s+)?{_LINK}\b(?P<d>{_DAY})\s+{_LINK}(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?(?![\w])", re.I)),
    ("mdy", re.compile(rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?(?![\w])", re.I)),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)),
    ("month", re.compile(rf"\b(?P<pre>{lang.alternation('dates', 'MONTH_PREFIXES')})\s+(?P<mon>{_MONTH})(?![\w-]|\s+\d)", re.I)),
    ("weekday", re.compile(rf"(?:\b(?P<pre>{_WD_PRE})\s+)?\b(?P<wd>{_WD})(?:'s)?{_PART}\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<rel>" + "|".join(sorted(list(_RELATIVE) + _COUNTED, key=len, reverse=True)) + r")\b", re.I)),
    ("year", re.compile(rf"\b(?P<pre>{lang.alternation('dates', 'YEAR_PREFIXES')})\s+(?:{lang.alternation('dates', 'YEAR_MODIFIERS')})?(?P<y>{_YEAR})(?:\s+and\s+(?P<y2>{_YEAR}))?\b", re.I)),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\s+{lang.alternation('dates', 'YEAR_EVENT_NOUNS')}", re.I)),
]

# A date right after a verb of saying dates the report, not the event.
_REPORTING = re.compile(
    rf"\b{lang.alternation('dates', 'REPORTING_VERBS')}"
    rf"(?:\s+{lang.alternation('dates', 'REPORTING_FILLERS') if lang.fragments('dates', 'REPORTING_FILLERS') else '(?!)'})*\s*$",
    re.I,
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z'’ .-]{2,40},\s*$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str  # day | week | month | year
    kind: str  # iso | dmy | mdy | night | weekday | relative | month | year
    date_end: dt.date | None = None
    reporting: bool = False
    since: bool = False  # "since 2015": the start of a long span, not an event date


def _weekday_on_or_before(pub: dt.date, weekday: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def _resolve_md(month: int, day: int, year: int | None, pub: dt.date | None) -> dt.date | None:
    if year is None:
        if pub is None:
            return None
        year = pub.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        # A date in the future of the report is last year's ("Dec 30" in a January report).
        return candidate.replace(year=year - 1) if candidate > pub + dt.timedelta(days=2) else candidate
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _relative(m: re.Match, pub: dt.date | None) -> tuple[dt.date | None, str]:
    groups = {k: v for k, v in m.groupdict().items() if v}
    n = next((v for k, v in groups.items() if k.startswith("n") and k[1:].isdigit()), None)
    unit = next((v for k, v in groups.items() if k.startswith("unit")), "").lower()
    if n:
        count = int(n) if n.isdigit() else _SMALL[n.lower()]
        days = count * (7 if unit in _WEEK_UNITS else 1)
        return (pub - dt.timedelta(days=days) if pub else None), ("day" if days < 7 else "week")
    rel = m.group("rel")
    for pattern, (days, precision) in _RELATIVE_RES:
        if pattern.match(rel):
            return (pub - dt.timedelta(days=days) if pub else None), precision
    return None, "month"


# Every date expression holds a digit, a month, a weekday or a relative word: one scan for any of
# them rejects most sentences before the dozen date patterns run.
_ANY_DATE = re.compile(
    rf"\d|\b(?:{_MONTH}|{_WD})|" + "|".join(p.pattern for kind, p in _PATTERNS if kind == "relative"), re.I)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """All date expressions in ``text``, longest first at any position, in text order."""
    found: list[DateMention] = []
    if not _ANY_DATE.search(text):
        return found
    # Spans already taken, disjoint and sorted: the one starting last before a match's end is the
    # only one that can overlap it (a bisection: a text of thousands of dates stays fast).
    starts: list[int] = []
    ends: list[int] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            k = bisect.bisect_left(starts, m.end())
            if k and ends[k - 1] > m.start():
                continue
            mention = _build(kind, m, published)
            if mention is None:
                continue
            before = text[max(0, m.start() - 60):m.start()]
            reporting = bool(_REPORTING.search(before)) or (m.start() < 48 and bool(_DATELINE.match(text[:m.start()])))
            found.append(_with(mention, text=m.group(0), reporting=reporting))
            starts.insert(k, m.start())
            ends.insert(k, m.end())
    return sorted(found, key=lambda d: d.start)


def _with(mention: DateMention, **changes) -> DateMention:
    from dataclasses import replace
    return replace(mention, **changes)


def _build(kind: str, m: re.Match, pub: dt.date | None) -> DateMention | None:
    s, e = m.start(), m.end()
    if kind == "iso":
        try:
            return DateMention(s, e, "", dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "day", kind)
        except ValueError:
            return None
    if kind in ("dmy", "mdy"):
        month = _MONTHS.get(m["mon"].lower().rstrip("."))
        if month is None:
            return None
        day = int(re.match(r"\d+", m["d"]).group())
        # "May 5" is a date; "may" alone as a modal verb never reaches here (a day is required),
        # but "mars" / "may" followed by a year-like number is handled by the month pattern.
        if m["mon"].lower() in _AMBIGUOUS_MONTHS and not m["mon"][0].isupper():
            return None
        year = int(m["y"]) if m["y"] else None
        return DateMention(s, e, "", _resolve_md(month, day, year, pub), "day", kind)
    if kind == "month":
        month = _MONTHS.get(m["mon"].lower().rstrip("."))
        if month is None or (m["mon"].lower() in _AMBIGUOUS_MONTHS and not m["mon"][0].isupper()):
            return None
        if m.groupdict().get("y"):
            return DateMention(s, e, "", dt.date(int(m["y"]), month, 1), "month", kind)
        # A month without a year: the latest such month not after the report ("in September").
        if pub is None:
            return None
        year = pub.year if month <= pub.month else pub.year - 1
        since = (m["pre"] or "").lower() in _SINCE
        return DateMention(s, e, "", dt.date(year, month, 1), "month", kind, since=since)
    if kind == "night":
        wd, wd2 = _WEEKDAYS[m["wd"].lower()], _WEEKDAYS[m["wd2"].lower()]
        if pub is None:
            return DateMention(s, e, "", None, "week", kind)
        end = _weekday_on_or_before(pub, wd2)
        start = end - dt.timedelta(days=(wd2 - wd) % 7 or 1)
        return DateMention(s, e, "", start, "day", kind, date_end=end)
    if kind == "weekday":
        if _WD_PREFIXES.get((m["pre"] or "").lower()) in ("since", "until"):  # the edge of a span, not the event's day
            return None
        wd = _WEEKDAYS[m["wd"].lower()]
        if pub is None:
            return DateMention(s, e, "", None, "week", kind)
        date = _weekday_on_or_before(pub, wd)
        if _WD_PREFIXES.get((m["pre"] or "").lower()) == "previous" and date == pub:
            date -= dt.timedelta(days=7)
        return DateMention(s, e, "", date, "day", kind)
    if kind == "relative":
        date, precision = _relative(m, pub)
        return DateMention(s, e, "", date, precision, kind)
    if kind == "year":
        year = int(m["y"])
        pre = (m.groupdict().get("pre") or "").lower()
        since = pre in _SINCE
        return DateMention(s, e, "", dt.date(year, 1, 1), "year", kind, since=since)
    return None


def _yearless_with_weekday(text: str):
    """(month, day, weekday) of each day-month date written with its weekday and without a year."""
    for kind, pattern in _PATTERNS:
        if kind not in ("dmy", "mdy"):
            continue
        for m in pattern.finditer(text):
            if m["y"] or not m["wd"]:
                continue
            month = _MONTHS.get(m["mon"].lower().rstrip("."))
            if month is not None:
                yield month, int(re.match(r"\d+", m["d"]).group()), _WEEKDAYS[m["wd"].lower()]


def _on_weekday(year: int, month: int, day: int, weekday: int) -> dt.date | None:
    """The day in that year when it falls on the weekday, else None."""
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return None
    return candidate if candidate.weekday() == weekday else None


def weekday_dates(text: str, years: set[int]) -> list[dt.date]:
    """Year-less dates written with their weekday ("mardi 16 novembre") that fall on it in one of ``years``.

    A report whose text says "14 novembre 2021" and later "mardi 16 novembre" speaks of the 16th of
    November 2021: the weekday confirms the year.

    >>> weekday_dates("un dernier bilan dressé mardi 16 novembre à 22h", {2021})
    [datetime.date(2021, 11, 16)]
    >>> weekday_dates("un dernier bilan dressé mardi 16 novembre", {2022})
    []
    """
    return [d for month, day, weekday in _yearless_with_weekday(text) for year in sorted(years)
            if (d := _on_weekday(year, month, day, weekday)) is not None]


def year_from_weekday(text: str, before: dt.date) -> dt.date | None:
    """The date of a year-less "Sunday 3 January" in ``text``: the latest such day on or before ``before``.

    A weekday beside a day and a month fixes the year up to a few candidates; the
    latest one not after ``before`` (the day the report was read) is taken.

    >>> year_from_weekday("le mardi 7 janvier, des hommes armés ont attaqué le marché", dt.date(2026, 12, 4))
    datetime.date(2025, 1, 7)
    >>> year_from_weekday("on Friday, June 14, gunmen attacked the convoy", dt.date(2026, 12, 4))
    datetime.date(2024, 6, 14)
    >>> year_from_weekday("on 28 March gunmen attacked", dt.date(2026, 12, 4)) is None
    True
    """
    for month, day, weekday in _yearless_with_weekday(text):
        for year in range(before.year, before.year - 30, -1):
            candidate = _on_weekday(year, month, day, weekday)
            if candidate is not None and candidate <= before:
                return candidate
    return None
