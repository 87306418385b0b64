"""English month and weekday names, parts of the day, and the words around dates."""

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Month names that are also ordinary words: a date only when capitalised ("May 5", not "may 5").
AMBIGUOUS_MONTHS = "may"
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
DAY_SUFFIX = ["st", "nd", "rd", "th"]
# "on the 5th of May": words allowed between day and month.
DAY_MONTH_LINK = ["of", "the"]
PARTS_OF_DAY = ["morning", "afternoon", "evening", "night", "dawn"]
# Words before a weekday; the value says how it shifts the date (see extract/dates.py).
WEEKDAY_PREFIXES = {"last": "previous", "this": "", "past": "", r"late\s+on": "", r"early\s+on": "", "on": "",
                    "overnight": "", "until": "until", "till": "until"}
# Night spanning two days: "in the night of Friday to Saturday".
NIGHT = [r"(?:in\s+the\s+)?night\s+(?:of|from)\s+(?P<wd>{WD})\s+(?:to|into)\s+(?P<wd2>{WD})"]
# Relative expressions -> (days before publication, precision).
RELATIVE = {
    r"the\s+day\s+before\s+yesterday": (2, "day"),
    r"yesterday": (1, "day"), r"last\s+night": (1, "day"), r"overnight": (1, "day"),
    r"today": (0, "day"), r"this\s+morning": (0, "day"), r"earlier\s+today": (0, "day"),
    r"last\s+week(?:end)?": (7, "week"), r"this\s+week": (2, "week"),
    r"last\s+month": (30, "month"), r"earlier\s+this\s+month": (10, "month"),
    r"(?:over\s+)?the\s+past\s+(?:few\s+|several\s+)?weeks": (14, "month"), r"in\s+recent\s+weeks": (14, "month"),
    r"(?:over\s+)?the\s+past\s+(?:few\s+|several\s+)?months": (60, "month"), r"in\s+recent\s+months": (60, "month"),
    r"(?:just\s+)?(?:a\s+few\s+)?days\s+(?:before|earlier|ago)": (3, "week"),
}
# "3 days ago", "two weeks earlier": {N} and {UNIT} are filled in by the date finder.
RELATIVE_COUNT = [r"(?P<n>{N})\s+(?P<unit>{UNIT})\s+(?:ago|earlier|before)"]
DAY_UNITS = "day days"
WEEK_UNITS = "week weeks"
# Prepositions before a bare year: "in 2019"; "since 2019" starts a span (not an event date).
YEAR_PREFIXES = ["in", "from", "of", "by", "until", "during"]
# Before a month named without a year: "in September", "since March" (resolved to the latest such month).
MONTH_PREFIXES = ["in", "since", "during", r"early", r"late", r"last", r"in\s+early", r"in\s+late", r"in\s+mid-?"]
SINCE_WORDS = "since from"
YEAR_MODIFIERS = [r"early\s+", r"late\s+", r"mid-?"]
# "the 2019 coup": a year naming an event.
YEAR_EVENT_NOUNS = ["coup", "election", "attack", "massacre", "insurgency", "offensive", "mutiny"]
# A date right after these dates the report, not the event ("said on Tuesday").
REPORTING_VERBS = [
    r"said", r"says", r"told", r"announced", r"reported", r"confirmed", r"claimed(?:\s+responsibility)?", r"added",
    r"stated", r"declared", r"disclosed", r"revealed", r"tweeted", r"wrote", r"posted", r"published", r"indicated",
    r"explained", r"urged", r"called", r"issued",
]
REPORTING_FILLERS = [r"it", r"that", r"late", r"early", r"on", r"in", r"a", r"statement", r"\w+ly"]
# A page's own date line: "Published on 3 May 2024", "Updated: ...".
PUBLISHED_STAMP = [r"published(?:\s+on)?", r"posted(?:\s+on)?", r"updated(?:\s+on)?", r"last\s+updated"]
# Before a date that has not happened yet: not an event date, nor a publication date.
FUTURE_MARKERS = [r"by", r"until", r"before", r"deadline", r"scheduled\s+for", r"due\s+on", r"will", r"expected\s+on",
                  r"(?:should|is\s+due\s+to|is\s+expected\s+to|will)\s+(?:[\w'’]+\s+){0,3}?(?:on|by)"]
