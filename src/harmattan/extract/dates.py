"""Date expressions in EN/FR news, resolved against the publication date.

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

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
_MONTH = "(?:" + "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True)) + r")\.?"
_WD = "(?:" + "|".join(_WEEKDAYS) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?"
_YEAR = r"(?:19|20)\d\d"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|dawn|matin|soir|après-midi|apres-midi|nuit))?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("night", re.compile(rf"\bdans\s+la\s+nuit\s+(?:de|du)\s+(?P<wd>{_WD})\s+(?:à|a|au)\s+(?P<wd2>{_WD})\b", re.I)),
    ("night", re.compile(rf"\b(?:in\s+the\s+)?night\s+(?:of|from)\s+(?P<wd>{_WD})\s+(?:to|into)\s+(?P<wd2>{_WD})\b", re.I)),
    ("dmy", re.compile(rf"(?:\b(?P<wd>{_WD}),?\s+)?(?:the\s+)?\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?(?![\w])", re.I)),
    ("mdy", re.compile(rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?(?![\w])", re.I)),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)),
    ("weekday", re.compile(rf"(?:\b(?P<pre>last|this|past|late\s+on|early\s+on|on|overnight|ce|le|dès|des|depuis)\s+)?\b(?P<wd>{_WD})(?:'s)?{_PART}\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<rel>the\s+day\s+before\s+yesterday|avant-hier|yesterday|hier|today|aujourd'hui|this\s+morning|ce\s+matin|"
        r"last\s+night|overnight|la\s+nuit\s+derni[èe]re|cette\s+nuit|"
        r"last\s+week(?:end)?|la\s+semaine\s+(?:derni[èe]re|pass[ée]e)|le\s+week-end\s+dernier|this\s+week|cette\s+semaine|"
        r"last\s+month|le\s+mois\s+dernier|earlier\s+this\s+month|(?:au\s+)?d[ée]but\s+(?:du|de\s+ce)\s+mois|"
        r"(?:over\s+)?the\s+past\s+(?:few\s+|several\s+)?weeks|in\s+recent\s+weeks|(?:au\s+cours\s+des|ces)\s+derni[èe]res\s+semaines|"
        r"(?:over\s+)?the\s+past\s+(?:few\s+|several\s+)?months|in\s+recent\s+months|ces\s+derniers\s+mois|"
        r"(?:just\s+)?(?:a\s+few\s+)?days\s+(?:before|earlier|ago)|il\s+y\s+a\s+quelques\s+jours|quelques\s+jours\s+(?:avant|plus\s+t[ôo]t)|"
        r"(?P<n>\d+|two|three|four|five|six|deux|trois|quatre|cinq|six)\s+(?P<unit>days?|weeks?|jours?|semaines?)\s+(?:ago|earlier|before|plus\s+t[ôo]t)|"
        r"il\s+y\s+a\s+(?P<n2>\d+|deux|trois|quatre|cinq|six)\s+(?P<unit2>jours?|semaines?))\b",
        re.I)),
    ("year", re.compile(rf"\b(?P<pre>in|en|since|depuis|from|of|de|by|until|jusqu'en|during|pendant)\s+(?:early\s+|late\s+|mid-?|d[ée]but\s+|fin\s+)?(?P<y>{_YEAR})(?:\s+and\s+(?P<y2>{_YEAR}))?\b", re.I)),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\s+(?:coup|election|attack|massacre|insurgency|offensive|mutiny|élection|attaque)", re.I)),
]
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}

# A date right after a verb of saying dates the report, not the event.
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|claimed(?:\s+responsibility)?|added|stated|declared|"
    r"disclosed|revealed|tweeted|wrote|posted|published|indicated|explained|urged|called|issued|"
    r"a\s+(?:indiqué|déclaré|annoncé|affirmé|précisé|confirmé|revendiqué|rapporté|dénoncé|ajouté)|"
    r"(?:ont|a)\s+(?:indiqué|déclaré|annoncé|affirmé|précisé|confirmé)|indiqu[ée]|déclar[ée]|annonc[ée]|publi[ée]e?|rendu\s+public|selon)"
    r"(?:\s+(?:it|that|late|early|on|in|a|statement|\w+ly))*\s*$",
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
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    n = m.group("n") or m.group("n2")
    unit = (m.group("unit") or m.group("unit2") or "").lower()
    if n:
        count = int(n) if n.isdigit() else _SMALL[n.lower()]
        days = count * (7 if unit.startswith(("week", "semaine")) else 1)
        return (pub - dt.timedelta(days=days) if pub else None), ("day" if days < 7 else "week")
    table = [
        (("day before yesterday", "avant-hier"), 2, "day"),
        (("yesterday", "hier", "last night", "nuit derni", "overnight", "cette nuit"), 1, "day"),
        (("today", "aujourd", "this morning", "ce matin"), 0, "day"),
        (("last week", "semaine derni", "semaine pass", "week-end dernier"), 7, "week"),
        (("this week", "cette semaine"), 2, "week"),
        (("last month", "mois dernier"), 30, "month"),
        (("earlier this month", "but du mois", "but de ce mois"), 10, "month"),
        (("weeks", "semaines"), 14, "month"),
        (("months", "mois"), 60, "month"),
        (("days", "jours"), 3, "week"),
    ]
    for keys, days, precision in table:
        if any(k in rel for k in keys):
            return (pub - dt.timedelta(days=days) if pub else None), precision
    return None, "month"


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """All date expressions in ``text``, longest first at any position, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _build(kind, m, published)
            if mention is None:
                continue
            before = text[max(0, m.start() - 60):m.start()]
            reporting = bool(_REPORTING.search(before)) or bool(_DATELINE.match(text[:m.start()]))
            found.append(_with(mention, text=m.group(0), reporting=reporting))
            taken.append((m.start(), m.end()))
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
        if m["mon"].lower() == "may" and not m["mon"][0].isupper():
            return None
        year = int(m["y"]) if m["y"] else None
        return DateMention(s, e, "", _resolve_md(month, day, year, pub), "day", kind)
    if kind == "month":
        month = _MONTHS.get(m["mon"].lower().rstrip("."))
        if month is None or (m["mon"].lower() == "may" and not m["mon"][0].isupper()):
            return None
        return DateMention(s, e, "", dt.date(int(m["y"]), month, 1), "month", kind)
    if kind == "night":
        wd, wd2 = _WEEKDAYS[m["wd"].lower()], _WEEKDAYS[m["wd2"].lower()]
        if pub is None:
            return DateMention(s, e, "", None, "week", kind)
        end = _weekday_on_or_before(pub, wd2)
        start = end - dt.timedelta(days=(wd2 - wd) % 7 or 1)
        return DateMention(s, e, "", start, "day", kind, date_end=end)
    if kind == "weekday":
        if (m["pre"] or "").lower() in ("depuis",):
            return None
        wd = _WEEKDAYS[m["wd"].lower()]
        if pub is None:
            return DateMention(s, e, "", None, "week", kind)
        date = _weekday_on_or_before(pub, wd)
        if (m["pre"] or "").lower() == "last" and date == pub:
            date -= dt.timedelta(days=7)
        return DateMention(s, e, "", date, "day", kind)
    if kind == "relative":
        date, precision = _relative(m, pub)
        return DateMention(s, e, "", date, precision, kind)
    if kind == "year":
        year = int(m["y"])
        pre = (m.groupdict().get("pre") or "").lower()
        since = pre in ("since", "depuis", "from")
        return DateMention(s, e, "", dt.date(year, 1, 1), "year", kind, since=since)
    return None
