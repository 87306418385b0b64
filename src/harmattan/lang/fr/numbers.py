"""Mots-nombres, comptes vagues et qualificatifs d'un compte en français."""

UNITS = {
    "zéro": 0, "zero": 0, "aucun": 0, "aucune": 0,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
SCALES = {"cent": 100, "cents": 100, "mille": 1000}
ARTICLES = "un une aucun aucune"
JOINERS = "et"
ONE_SCALE = "un une"
# "quatre-vingt(s)" is 80: a unit times a following twenty.
TIMES_TWENTY = {"quatre": 80}
VAGUE = {
    "quelques": (3, 3, 9),
    "plusieurs": (5, 3, 20),
    "de nombreux": (10, 5, 50), "de nombreuses": (10, 5, 50), "nombreux": (10, 5, 50),
    "une douzaine": (12, 10, 14),
    "des dizaines": (12, 12, 99), "plusieurs dizaines": (12, 12, 99),
    "des centaines": (100, 100, 999), "plusieurs centaines": (100, 100, 999),
    "des milliers": (1000, 1000, 9999), "plusieurs milliers": (1000, 1000, 9999),
}
# "une vingtaine" = about 20 (ACLED: the round figure).
APPROX_ARTICLES = "une"
APPROX = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
          "cinquantaine": 50, "soixantaine": 60, "centaine": 100}
QUAL_LOW = [r"au\s+moins", r"plus\s+de", r"pas\s+moins\s+de", r"d[ée]passe", r"d[ée]passant", r"plus\s+d['’]",
            r"au\s+minimum"]
QUAL_APPROX = [r"près\s+de", r"pr[eè]s\s+d['’]", r"environ", r"quelque", r"presque", r"autour\s+de", r"approximativement"]
QUAL_HIGH = [r"jusqu['’][àa]", r"au\s+plus", r"moins\s+de", r"moins\s+d['’]"]
QUAL_BELOW = "moins"
