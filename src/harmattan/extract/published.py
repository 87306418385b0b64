"""When was a report published? Recovered from the document when the input did not say.

A report without a ``published`` date cannot resolve "on Friday" or "30 août";
most real pages still carry the day somewhere. In order of trust:

1. a date stamp in the text ("Publié le lundi 26 mai 2025", "Published on 3 May 2024");
2. a full date in the URL path (``/2024/06/25/``, ``/20240625-``, ``-2024-06-25``);
3. a dateline with day and month ("NIAMEY, 22 mars (AFP) -"), its year from the URL or the text;
4. the latest full date (day, month, year) the text gives, not in the future of the report
   ("by 31 December" is a deadline): a report is published on or after what it tells.

The answer of 4 is a lower bound, marked ``"text"``; callers use it as the
reference for year-less dates and weekdays.

>>> import datetime as dt
>>> infer_published("Gunmen struck on Friday.", "https://example.org/2024/06/25/story")
(datetime.date(2024, 6, 25), 'url')
>>> infer_published("NIAMEY, 22 mars (AFP) - Des hommes armés ont tué 5 civils jeudi.", "https://x.ne/2021/03/item")
(datetime.date(2021, 3, 22), 'dateline')
>>> infer_published("L'attaque du 3 mai 2023 a fait 12 morts. Des renforts sont arrivés mardi.", None)
(datetime.date(2023, 5, 3), 'text')
>>> infer_published("No date anywhere.", "https://example.org/news/item-123")
(None, None)
"""
from __future__ import annotations

import datetime as dt
import re

from .. import lang
from .dates import find_dates, weekday_dates, year_from_weekday

_STAMP = re.compile(rf"\b{lang.alternation('dates', 'PUBLISHED_STAMP')}\s*:?\s*(?:{lang.alternation('dates', 'WEEKDAY_PREFIXES')}\s+)?$", re.I)
_FUTURE = re.compile(rf"\b{lang.alternation('dates', 'FUTURE_MARKERS')}\s*$", re.I)
_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_YM = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")
_URL_Y = re.compile(r"/((?:19|20)\d\d)/")
# "NIAMEY, 22 mars (AFP) -", "Abuja, March 3 (Reuters) -": a capitalised place, a comma, a date.
_DATELINE = re.compile(r"^\s*[A-Z][\w'’ .-]{1,40},\s*(?P<date>[^()\n]{3,30}?)\s*(?:\([A-Za-z .]{2,20}\)\s*)?[-–—]")
# Only the opening of a long text is searched for stamps and datelines.
_HEAD_CHARS = 600
# A latest-date guess this far before the URL's month is not the publication.
_MAX_AHEAD_DAYS = 2


def _url_date(url: str | None) -> tuple[dt.date | None, tuple[int, int] | None, int | None]:
    """(full date, (year, month), year) found in a URL path, each None when absent."""
    if not url:
        return None, None, None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for m in _URL_YMD.finditer(path):
        try:
            return dt.date(int(m[1]), int(m[3]), int(m[4])), (int(m[1]), int(m[3])), int(m[1])
        except ValueError:
            continue
    ym = _URL_YM.search(path)
    if ym:
        return None, (int(ym[1]), int(ym[2])), int(ym[1])
    y = _URL_Y.search(path)
    return None, None, (int(y[1]) if y else None)


def _full_dates(text: str) -> list[tuple[dt.date, int]]:
    """(date, offset) of every day-month-year date not introduced as a future deadline."""
    out = []
    for mention in find_dates(text, None):
        if mention.kind not in ("iso", "dmy", "mdy") or mention.date is None:
            continue
        if not re.search(r"(?:19|20)\d\d", mention.text):
            continue
        if _FUTURE.search(text[max(0, mention.start - 40):mention.start]):
            continue
        out.append((mention.date, mention.start))
    return out


def _month_end(year: int, month: int) -> dt.date:
    # The last day of the URL's month: year-less dates then resolve into the right year.
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def infer_published(text: str, url: str | None, title: str | None = None,
                    read_on: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """The publication date of a report and where it came from (``stamp``, ``url``, ``dateline``, ``text``, ``weekday``).

    ``read_on`` (the day the report is read) bounds a last resort: a year-less date with its
    weekday ("mardi 7 janvier") is put in the latest year where that day fell on that weekday.
    """
    head = text[:_HEAD_CHARS]
    for mention in find_dates(head, None):
        if mention.date and mention.kind in ("iso", "dmy", "mdy") and _STAMP.search(head[max(0, mention.start - 40):mention.start]):
            return mention.date, "stamp"
    full, year_month, year = _url_date(url)
    if full is not None:
        return full, "url"
    dated = _full_dates(f"{title}. {text}" if title else text)
    line = _DATELINE.match(head)
    if line:
        reference = None
        if year_month:
            reference = dt.date(year_month[0], year_month[1], 28) + dt.timedelta(days=4)
        elif year:
            reference = dt.date(year, 12, 31)
        elif dated:
            reference = max(d for d, _ in dated) + dt.timedelta(days=7)
        for mention in find_dates(line.group("date"), reference):
            if mention.date and mention.kind in ("iso", "dmy", "mdy"):
                return mention.date, "dateline"
    if dated:
        # "mardi 16 novembre" in a text dated "14 novembre 2021" elsewhere: the weekday confirms the year.
        years = {d.year for d, _ in dated} | {d.year + 1 for d, _ in dated}
        body = f"{title}. {text}" if title else text
        later = [d for d in weekday_dates(body, years) if read_on is None or d <= read_on]
        latest = max([d for d, _ in dated] + later)
        if year_month is None or (latest.year, latest.month) == year_month:
            return latest, "text"
        if year_month and (latest.year, latest.month) < year_month:
            # The URL says a later month: the report is of that month, the text's dates are older.
            return _month_end(*year_month), "url-month"
    if year_month:
        return _month_end(*year_month), "url-month"
    if read_on is not None:
        found = year_from_weekday(f"{title}. {text}" if title else text, read_on)
        if found is not None:
            return found, "weekday"
    return None, None
