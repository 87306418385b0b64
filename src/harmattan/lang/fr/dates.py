"""Mois, jours de la semaine, moments de la journée et mots autour des dates en français."""

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
}
AMBIGUOUS_MONTHS = ""  # no French month name is also an ordinary word
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
DAY_SUFFIX = ["er"]
DAY_MONTH_LINK = []
PARTS_OF_DAY = ["matin", "soir", "après-midi", "apres-midi", "nuit", "aube"]
WEEKDAY_PREFIXES = {"ce": "", "le": "", "dès": "", "des": "", "depuis": "since", "jusqu'à": "until", "jusqu’à": "until"}
NIGHT = [r"dans\s+la\s+nuit\s+(?:de|du)\s+(?P<wd>{WD})\s+(?:à|a|au)\s+(?P<wd2>{WD})"]
RELATIVE = {
    r"avant-hier": (2, "day"),
    r"hier": (1, "day"), r"la\s+nuit\s+derni[èe]re": (1, "day"), r"cette\s+nuit": (1, "day"),
    r"aujourd['’]hui": (0, "day"), r"ce\s+matin": (0, "day"),
    r"la\s+semaine\s+(?:derni[èe]re|pass[ée]e)": (7, "week"), r"le\s+week-end\s+dernier": (7, "week"),
    r"cette\s+semaine": (2, "week"),
    r"le\s+mois\s+dernier": (30, "month"), r"(?:au\s+)?d[ée]but\s+(?:du|de\s+ce)\s+mois": (10, "month"),
    r"(?:au\s+cours\s+des|ces)\s+derni[èe]res\s+semaines": (14, "month"),
    r"ces\s+derniers\s+mois": (60, "month"),
    r"il\s+y\s+a\s+quelques\s+jours": (3, "week"), r"quelques\s+jours\s+(?:avant|plus\s+t[ôo]t)": (3, "week"),
}
RELATIVE_COUNT = [r"(?P<n>{N})\s+(?P<unit>{UNIT})\s+plus\s+t[ôo]t", r"il\s+y\s+a\s+(?P<n>{N})\s+(?P<unit>{UNIT})"]
DAY_UNITS = "jour jours"
WEEK_UNITS = "semaine semaines"
YEAR_PREFIXES = ["en", "depuis", "de", r"jusqu['’]en", "pendant", "courant"]
MONTH_PREFIXES = ["en", "depuis", r"au\s+mois\s+de", r"au\s+mois\s+d['’]", r"d[ée]but", "fin", r"courant", r"mi-"]
SINCE_WORDS = "depuis"
YEAR_MODIFIERS = [r"d[ée]but\s+", r"fin\s+", r"mi-"]
YEAR_EVENT_NOUNS = ["élection", "attaque"]
REPORTING_VERBS = [
    r"a\s+(?:indiqué|déclaré|annoncé|affirmé|précisé|confirmé|revendiqué|rapporté|dénoncé|ajouté)",
    r"(?:ont|a)\s+(?:indiqué|déclaré|annoncé|affirmé|précisé|confirmé)", r"indiqu[ée]", r"déclar[ée]",
    r"annonc[ée]", r"publi[ée]e?", r"rendu\s+public", r"selon",
]
REPORTING_FILLERS = []
PUBLISHED_STAMP = [r"publi[ée]e?(?:\s+le)?", r"mis\s+[àa]\s+jour(?:\s+le)?", r"mise\s+[àa]\s+jour(?:\s+le)?"]
FUTURE_MARKERS = [r"d['’]ici(?:\s+(?:le|au|à))?", r"jusqu['’]au", r"avant\s+le", r"pr[ée]vue?s?\s+(?:le|pour\s+le)",
                  r"au\s+plus\s+tard\s+le", r"date\s+butoir", r"[ée]ch[ée]ance", r"devr(?:ait|aient|a|ont)\s+(?:[\w'’]+\s+){0,3}?(?:le|au|d['’]ici)",
                  r"prendre\s+fin\s+le", r"s['’]ach[èe]ver\s+(?:au\s+plus\s+tard\s+)?le", r"pr[ée]vue?s?\s+(?:pour\s+)?(?:le|au)"]
