"""Find the places named in a sentence or headline (English and French).

Three pure functions:

* :func:`detect_countries`: ISO2 codes from country names, demonyms and a
  dateline ("BAMAKO, Sept 18 -").
* :func:`extract_places`: every country, admin unit and locality named, each
  resolved to one gazetteer :class:`~harmattan.records.Place` with a score.
* :func:`best_location`: the most specific consistent place of an event and
  its ACLED geo-precision.

Matching is by gazetteer n-grams over capitalised words; a candidate becomes
a mention on linguistic evidence (a locative preposition, "village of",
"X State", "province du X", ", X" after a place) and prominence (admin seats,
population, agreement with the country and region named in the same text),
never by special-casing particular words of particular texts.
"""
from __future__ import annotations

import functools

import re
import dataclasses
from dataclasses import dataclass
from typing import Sequence

from harmattan import lang
from harmattan.gazetteer import FEATURE_CODES, Gazetteer, load_gazetteer, normalise
from harmattan.records import Place, PlaceMention

# --- words of the languages (harmattan/lang/*/places.py) ---------------------------------
def _place_words(name: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in lang.words("places", name)) | lang.words("places", name)


# Capitalised words that are common in news prose and also happen to name some
# village somewhere: never a place without an explicit cue ("village of X").
COMMON = frozenset(normalise(w) for w in lang.words("places", "COMMON"))
# Armed groups and other actors whose names contain place-like words: masked before matching.
ACTOR_PATTERNS = re.compile(
    r"\b(?:Boko\s+Haram|Jama['’]?a?t?\s+Nus?rat\s+al[-\s]Islam(?:\s+wa?l?[-\s]+(?:al[-\s])?Muslimin)?|Jama['’]a\s+Nusrat\s+ul[-\s]Islam[\w\s-]*?Muslimin"
    r"|Islamic\s+State(?:\s+(?:in\s+the\s+Greater\s+Sahara|(?:in\s+)?West\s+Africa(?:\s+Province)?|(?:in\s+the\s+)?Sahel(?:\s+Province)?))?"
    r"|[EÉ]tat\s+islamique(?:\s+(?:au\s+Grand\s+Sahara|en\s+Afrique\s+de\s+l['’]Ouest|au\s+Sahel))?"
    r"|Wagner(?:\s+Group)?|Africa\s+Corps|Daesh|Da['’]esh|al[-\s]Qa['’]?[ei]da(?:\s+in\s+the\s+Islamic\s+Maghreb)?"
    r"|Ansaroul\s+Islam|Ansarul\s+Islam|Katiba\s+\w+|Front\s+de\s+lib[ée]ration\s+du\s+\w+|Macina\s+Liberation\s+Front"
    r"|Groupe\s+de\s+soutien\s+[àa]\s+l['’]islam\s+et\s+aux\s+musulmans|Volontaires\s+pour\s+la\s+d[ée]fense\s+de\s+la\s+patrie"
    r"|Multinational\s+Joint\s+Task\s+Force|Civilian\s+Joint\s+Task\s+Force|Amotekun)\b",
    re.I,
)

LOC_PREP = _place_words("LOC_PREP")
NEAR_WORDS = _place_words("NEAR_WORDS")
COMPASS = _place_words("COMPASS")
# A route named by its towns: "the Zaria-Kaduna road", "l'axe Kaya-Dori"; and "between X and Y".
ROUTE_AFTER = _place_words("ROUTE_AFTER")
ROUTE_BEFORE = _place_words("ROUTE_BEFORE")
BETWEEN_WORDS = _place_words("BETWEEN_WORDS")
DISTANCE_UNITS = _place_words("DISTANCE_UNITS")
AND_WORDS = _place_words("AND_WORDS")
COUNTRY_NOUNS = _place_words("COUNTRY_NOUNS")
DETERMINERS = _place_words("DETERMINERS")
# Words that, before "of"/"de", introduce a settlement name.
SETTLEMENT_NOUNS = _place_words("SETTLEMENT_NOUNS")
# Words after a name that show it is a settlement or an admin unit.
AFTER_SETTLEMENT = _place_words("AFTER_SETTLEMENT")
AFTER_EVENT = _place_words("AFTER_EVENT")
# Nouns a state's name qualifies ("Kano pupils", "Sokoto governor"): the state, not its capital.
STATE_MODIFIED = _place_words("STATE_MODIFIED")
ADMIN1_WORDS = _place_words("ADMIN1_WORDS")
ADMIN2_WORDS = _place_words("ADMIN2_WORDS")
# Grammar words of admin units and features: "X State", "l'État du X", "X LGA", "région de X", "commune de X".
STATE_AFTER = _place_words("STATE_AFTER")
STATE_BEFORE = _place_words("STATE_BEFORE")
OF_WORDS = _place_words("OF_WORDS")
LGA_WORDS = _place_words("LGA_WORDS")
LGA_PHRASES = tuple(lang.fragments("places", "LGA_PHRASES"))
REGION_WORDS = _place_words("REGION_WORDS")
COMMUNE_WORDS = _place_words("COMMUNE_WORDS")
COMMUNE_KINDS = _place_words("COMMUNE_KINDS")
COMMUNE_PHRASES = frozenset(lang.fragments("places", "COMMUNE_PHRASES"))
MILITARY_WORDS = _place_words("MILITARY_WORDS")
WATER_BEFORE = _place_words("WATER_BEFORE")
WATER_AFTER = _place_words("WATER_AFTER")
PERSON_BEFORE = _place_words("PERSON_BEFORE")
PERSON_TITLES = _place_words("PERSON_TITLES")
OFFICE_OF = _place_words("OFFICE_OF")
FACILITY_WORDS = _place_words("FACILITY_WORDS")
PLACE_QUALIFIERS = _place_words("PLACE_QUALIFIERS")
# Verbs of speech, one word or several ("said", "a déclaré"), matched on the words after a name.
SPEECH_VERBS = tuple(sorted({normalise(v) for v in lang.fragments("places", "SPEECH_VERBS")}, key=len, reverse=True))
AREA_NOUNS = _place_words("AREA_NOUNS")
SOURCE_BEFORE = tuple(normalise(v) for v in lang.fragments("places", "SOURCE_BEFORE"))
FEATURE_HEADS = {normalise(w): kind for w, kind in lang.mapping("places", "FEATURE_HEADS").items()}
NAMED_SETTLEMENT_BEFORE = _place_words("NAMED_SETTLEMENT_BEFORE")
NAMED_SETTLEMENT_AFTER = _place_words("NAMED_SETTLEMENT_AFTER")
NAMED_SETTLEMENT_ADJECTIVES = _place_words("NAMED_SETTLEMENT_ADJECTIVES")
SETTLEMENT_PREP = _place_words("SETTLEMENT_PREP")
# "X, non loin de la ville de Y", "X, near Y": a village placed near a town.
NEAR_PHRASES = tuple(normalise(p) for p in lang.fragments("places", "NEAR_PHRASES"))
WITHIN_WORDS = _place_words("WITHIN_WORDS")
DEMONYMS: dict[str, str] = {}
for _code in lang.LANGUAGES:
    for _cc, _forms in (getattr(lang.pack(_code, "places"), "DEMONYMS", {}) or {}).items():
        DEMONYMS[_cc] = "|".join(f for f in (DEMONYMS.get(_cc, "") + "|" + _forms).split("|") if f)
_DEMONYM_RE = re.compile(
    r"\b(" + "|".join(sorted({w for ws in DEMONYMS.values() for w in ws.split("|")}, key=len, reverse=True)) + r")\b",
    re.I,
)
_DEMONYM_CC = {normalise(w): cc for cc, ws in DEMONYMS.items() for w in ws.split("|")}
# "BAMAKO, Sept 18 -" / "OUAGADOUGOU, 27 août -" / "N'DJAMENA (Reuters) -"
_DATELINE = re.compile(r"(?m)^\s*(?:([A-Z][A-Z'’\- ]{2,30}[A-Z])\s*(?:,|\(|\s[-–—])"
                       r"|([A-Z][^\W\d_]+(?:[ '’\-][A-Z][^\W\d_]+)?)\s*,\s*[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?"
                       r"\s*(?:\([^)\n]{1,25}\)\s*)?[-–—]\s)")  # "Kano, Nigeria - ": a mixed-case dateline
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:['’]s\b)?")
_ELISION = re.compile(r"^(?:[ldjmst]|qu|L|D)['’](?=\w)", re.I)
_BOUNDARY = re.compile(r"[.!?:;\n«»\"“”()\[\]|–—]|\s-\s|^\s*-")
# Used only when a text names no country, as a weak tie-breaker: the project's
# rough estimate of each country's share of the region's security reporting.
COUNTRY_PRIOR = {"NG": 0.12, "BF": 0.08, "ML": 0.08, "NE": 0.05, "CM": 0.05, "TD": 0.03, "BJ": 0.01, "TG": 0.01}
CONNECTORS = _place_words("CONNECTORS")
_NEAR_PHRASE = re.compile(r"(?:^| )(?:" + "|".join(re.escape(p) for p in NEAR_PHRASES) + r")(?: |$)")
_NEAR_GAP_WORDS = (frozenset(w for p in NEAR_PHRASES for w in p.split()) | SETTLEMENT_NOUNS | NAMED_SETTLEMENT_BEFORE
                   | DETERMINERS | OF_WORDS | WITHIN_WORDS)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    possessive: bool
    cap: bool
    sent_start: bool
    title_line: bool
    masked: bool
    dateline: bool = False


@functools.lru_cache(maxsize=128)
def _tokens(text: str) -> tuple[_Tok, ...]:
    """Word tokens with offsets (cached: a sentence is tokenised once for countries and places)."""
    return tuple(_tokenize(text))


def _tokenize(text: str) -> list[_Tok]:
    """Word tokens with offsets, French elisions split off, possessives flagged."""
    masked = [(m.start(), m.end()) for m in ACTOR_PATTERNS.finditer(text)]
    raw = []
    for m in _TOKEN.finditer(text):
        s, e, t = m.start(), m.end(), m.group()
        poss = False
        if t.endswith(("'s", "’s")):
            t, e, poss = t[:-2], e - 2, True
        el = _ELISION.match(t)
        if el and not t.startswith(("N'", "N’")):
            raw.append((t[: el.end()].rstrip("'’"), s, s + el.end() - 1, False))
            t, s = t[el.end():], s + el.end()
        if "-" in t and t[:1].isupper():
            # "Zaria-Kaduna road", "Gorom-Gorom": parts are tokens of their own; n-grams over the
            # hyphen still find names written with one ("Centre-Nord").
            offset = s
            parts = t.split("-")
            for k, part in enumerate(parts):
                if part:
                    raw.append((part, offset, offset + len(part), poss and k == len(parts) - 1))
                offset += len(part) + 1
            continue
        raw.append((t, s, e, poss))
    # title-case lines: most long words capitalised (headlines)
    title_lines = []
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in re.findall(r"[^\W\d_]{4,}", line.group())]
        caps = sum(1 for w in words if w[0].isupper())
        if len(words) >= 3 and caps / len(words) >= 0.6:
            title_lines.append((line.start(), line.end()))
    datelines = [m.span(1) if m.group(1) else m.span(2) for m in _DATELINE.finditer(text)]
    toks = []
    prev_end = 0
    for t, s, e, poss in raw:
        gap = text[prev_end:s] if toks else text[:s]
        sent_start = not toks or bool(_BOUNDARY.search(gap)) or (gap.strip() == "" and toks and toks[-1].text in "-")
        title = any(a <= s < b for a, b in title_lines)
        is_masked = any(a <= s < b for a, b in masked)
        dateline = any(a <= s < b for a, b in datelines)
        toks.append(_Tok(t, s, e, poss, t[:1].isupper(), sent_start, title, is_masked, dateline))
        prev_end = e + (2 if poss else 0)
    return toks


def _plain_gap(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end + (2 if a.possessive else 0): b.start]
    return a.possessive is False and gap.strip() in ("", "-", "'", "’") and "\n" not in gap


@dataclass(frozen=True)
class _Cand:
    i: int  # first token
    j: int  # last token (inclusive)
    surface: str
    start: int
    end: int
    places: tuple[Place, ...]


def _fuzzy_candidate(text: str, toks: list[_Tok], i: int, gaz: Gazetteer, countries: tuple[str, ...]) -> _Cand | None:
    """A capitalised name the gazetteer lacks, right after a place cue, matched by near spelling in the text's countries.

    "attaque contre le village de Boulkessy" finds Boulkessi; only after a preposition or a
    settlement noun, never for a common word, and only within the countries the text names.
    """
    t = toks[i]
    if not countries or len(t.text) < 5 or normalise(t.text) in COMMON or t.title_line:
        return None
    before = _words(toks, i - 2, i)
    cued = (before and before[-1] in LOC_PREP) or (len(before) == 2 and before[0] in SETTLEMENT_NOUNS and before[1] in OF_WORDS)
    if not cued:
        return None
    if i + 1 < len(toks) and toks[i + 1].cap and _plain_gap(text, t, toks[i + 1]):
        return None  # an unknown name of several words ("Gidan Kare") is not its first word's namesake
    places = gaz.fuzzy(t.text, countries)
    return _Cand(i, i, t.text, t.start, t.end, tuple(places)) if places else None


def _candidates(text: str, toks: list[_Tok], gaz: Gazetteer, countries: tuple[str, ...] = ()) -> list[_Cand]:
    """Longest gazetteer n-grams (up to 5 words) starting on a capitalised word; near spellings after a cue."""
    out, i = [], 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if not t.cap or t.masked:
            i += 1
            continue
        best = None
        j = i
        while j < n and j - i < 5:
            if j > i and not _plain_gap(text, toks[j - 1], toks[j]):
                break
            tj = toks[j]
            if tj.masked:
                break
            if tj.cap:
                surface = text[t.start: tj.end]
                key = normalise(surface)
                if gaz.has_key(key):
                    best = (j, surface, key)
            elif normalise(tj.text) not in CONNECTORS:
                break
            j += 1
        if best:
            j, surface, key = best
            out.append(_Cand(i, j, surface, t.start, toks[j].end, tuple(gaz.lookup(surface))))
            i = j + 1
        else:
            fuzzy = _fuzzy_candidate(text, toks, i, gaz, countries)
            if fuzzy is not None:
                out.append(fuzzy)
            i += 1
    return out


def _words(toks: list[_Tok], a: int, b: int) -> list[str]:
    return [normalise(t.text) for t in toks[max(a, 0): max(b, 0)]]


def _country_exclusion(toks: list[_Tok], c: _Cand) -> bool:
    """Niger the river, Lake Chad, the Niger Delta: a country name that is not the country."""
    before = _words(toks, c.i - 1, c.i)
    after = _words(toks, c.j + 1, c.j + 2)
    if before and before[0] in WATER_BEFORE:
        return True
    return bool(after) and after[0] in WATER_AFTER


def detect_countries(text: str, gazetteer: Gazetteer | None = None) -> list[str]:
    """ISO2 codes of the countries a text names, most named first.

    Uses country names (EN/FR), demonyms ("Malian", "nigérien") and a
    dateline city ("BAMAKO, Sept 18 -").  "Niger State", "État du Niger",
    "River Niger" and "Lake Chad" do not count as the countries.

    >>> detect_countries("Nigerian troops killed 5 in Niger State")
    ['NG']
    >>> detect_countries("BAMAKO, Sept 18 - Jihadists stormed a school")
    ['ML']
    """
    if gazetteer is None or gazetteer is load_gazetteer():  # the packaged gazetteer: cached, a sentence is asked about twice
        return list(_detect_default(text))
    return _detect_countries(text, gazetteer)


@functools.lru_cache(maxsize=256)
def _detect_default(text: str) -> tuple[str, ...]:
    return tuple(_detect_countries(text, None))


def _detect_countries(text: str, gazetteer: Gazetteer | None) -> list[str]:
    gaz = gazetteer or load_gazetteer()
    score: dict[str, float] = {}
    first: dict[str, int] = {}

    def add(cc: str, pos: int, w: float = 1.0) -> None:
        score[cc] = score.get(cc, 0.0) + w
        first.setdefault(cc, pos)
        first[cc] = min(first[cc], pos)

    toks = _tokens(text)
    for c in _candidates(text, toks, gaz):
        countries = [p for p in c.places if p.kind == "country"]
        if not countries or _country_exclusion(toks, c) or _state_of(toks, c):
            continue
        add(countries[0].country_code, c.start)
    for m in _DEMONYM_RE.finditer(text):
        cc = _DEMONYM_CC.get(normalise(m.group(1)))
        if cc:
            add(cc, m.start(), 0.8)
    for m in _DATELINE.finditer(text):
        hits = [p for p in gaz.lookup(m.group(1) or m.group(2)) if p.kind == "locality" and gaz.prominence(p) >= 40]
        if hits:
            add(hits[0].country_code, m.start(), 1.5)
    return sorted(score, key=lambda cc: (-score[cc], first[cc]))


def _state_of(toks: list[_Tok], c: _Cand) -> bool:
    """'Niger State', "l'État du Niger", 'Etat de Borno': the admin-1 reading is explicit."""
    after = _words(toks, c.j + 1, c.j + 2)
    before = _words(toks, c.i - 2, c.i)
    return (bool(after) and after[0] in STATE_AFTER) or (len(before) == 2 and before[0] in STATE_BEFORE and before[1] in OF_WORDS)


@dataclass(frozen=True)
class _Ctx:
    countries: tuple[str, ...]
    admin1: frozenset  # (cc, admin1 old name)
    admin2: frozenset  # (cc, normalised admin2 name)


def _cue(toks: list[_Tok], c: _Cand, gaz: Gazetteer) -> tuple[str | None, float, str | None]:
    """The linguistic cue around a candidate: (kind wanted, evidence 0..1, label)."""
    b1 = _words(toks, c.i - 1, c.i)
    b2 = _words(toks, c.i - 2, c.i)
    b3 = _words(toks, c.i - 3, c.i)
    a1 = _words(toks, c.j + 1, c.j + 2)
    a3 = _words(toks, c.j + 1, c.j + 4)
    after = a1[0] if a1 else ""
    before = b1[0] if b1 else ""
    first = normalise(toks[c.i].text) if c.j > c.i else ""
    head = (b1[0] if b1 and b1[0] in FEATURE_HEADS
            else b2[0] if len(b2) == 2 and b2[0] in FEATURE_HEADS and b2[1] in OF_WORDS
            else b3[0] if len(b3) == 3 and b3[0] in FEATURE_HEADS and b3[1] in OF_WORDS
            else after if after in FEATURE_HEADS else None)
    if head and any(FEATURE_CODES.get(p.feature_code) == FEATURE_HEADS[head] for p in c.places):
        # "le parc de la Pendjari", "Sambisa forest": the park, not a namesake village or airport
        return "feature:" + FEATURE_HEADS[head], 1.0, "feature"
    if first in REGION_WORDS or first in ADMIN1_WORDS:
        return "admin", 1.0, "region"  # the gazetteer spells it with its unit: "Préfecture de Tône", "Region de Tahoua"
    if first in ADMIN2_WORDS:
        return "admin", 1.0, "admin2"
    if after.split(" ")[0] in STATE_AFTER or (len(b2) == 2 and b2[0] in STATE_BEFORE) or (len(b3) == 3 and b3[0] in STATE_BEFORE):
        return "admin1", 1.0, "state"
    if any(" ".join(a3).startswith(w) for w in LGA_PHRASES) or after in LGA_WORDS:
        return "admin2", 1.0, "lga"
    if after in REGION_WORDS or (before in OF_WORDS and len(b2) == 2 and b2[0] in REGION_WORDS):
        return "admin", 1.0, "region"
    if after in ADMIN2_WORDS or (len(b2) == 2 and b2[0] in ADMIN2_WORDS):
        word = after if after in ADMIN2_WORDS else b2[0]
        # A "department" is admin-1 in Benin and admin-2 in Niger or Senegal: either level.
        return ("admin" if word.startswith(("depart", "départ", "prefect", "préfect")) else "admin2"), 1.0, "admin2"
    if (" ".join(a3[:2]) in COMMUNE_PHRASES or after in COMMUNE_WORDS
            or (len(b2) == 2 and b2[0] in COMMUNE_WORDS and b2[1] in OF_WORDS)
            or (len(b3) == 3 and b3[0] in COMMUNE_WORDS and b3[1] in COMMUNE_KINDS and b3[2] in OF_WORDS)):
        return "locality", 1.0, "commune"
    if before in OF_WORDS and len(b2) == 2 and b2[0] in AREA_NOUNS:
        return None, 0.9, "prep"  # "the Tsafe area of Zamfara": a town or the state
    if before in OF_WORDS and len(b2) == 2 and b2[0] in SETTLEMENT_NOUNS:
        return "locality", 1.0, "near" if b2[0] in ("outskirts", "environs") else "settlement"
    if len(b3) == 3 and b3[1] in MILITARY_WORDS and b3[2] in OF_WORDS:
        return "locality", 1.0, "settlement"
    if _on_route(toks, c):
        return None, 0.3, "route"  # "the Abuja-Kaduna train", "l'axe Kaya-Dori": an end of the route, not the scene
    if (after in AREA_NOUNS and len(b2) == 2 and b2[0] in LOC_PREP and b2[0] not in NEAR_WORDS
            and b2[1] in DETERMINERS):
        return None, 0.9, "prep"  # "in the Barkin Ladi area": the scene, a town or the district around it
    if after in AFTER_SETTLEMENT:  # "Kuriga village", but also "Plateau villages" (an admin-1 as modifier)
        return None, 0.9, "modifier"
    if (before in OF_WORDS or before in LOC_PREP) and any(w in DISTANCE_UNITS for w in _words(toks, c.i - 5, c.i - 1)):
        return None, 0.9, "distance"  # "60 km from Kaduna", "à 18 km au sud-ouest de Bankass": a reference point
    if before in BETWEEN_WORDS or (before in AND_WORDS and any(w in BETWEEN_WORDS for w in _words(toks, c.i - 5, c.i - 2))):
        return None, 0.9, "near"  # "between Rijana and Katari": near each, at neither
    if before in LOC_PREP:
        near = before in NEAR_WORDS or (len(b2) == 2 and b2[0] in NEAR_WORDS)
        return None, 0.9, "near" if near else "prep"
    if before in PLACE_QUALIFIERS and len(b2) == 2 and b2[0] in LOC_PREP and b2[0] not in NEAR_WORDS:
        return None, 0.9, "prep"  # "Six Killed in Fresh Nasarawa Ethnic Clash"
    if len(b2) == 2 and b2[1] in OF_WORDS and b2[0] in NEAR_WORDS:
        return None, 0.9, "near"
    if c.i > 0 and toks[c.i - 1].possessive and any(
            p.kind in ("country", "admin1") for p in gaz.lookup(toks[c.i - 1].text)):
        return None, 0.8, "possessive"
    return None, 0.0, None


def _on_route(toks: list[_Tok], c: _Cand) -> bool:
    """Is the candidate one end of a route named by its two towns ("the Zaria-Kaduna road", "l'axe Kaya-Dori")?

    >>> toks = _tokens("on the Abuja-Kaduna train")
    >>> _on_route(toks, _Cand(2, 2, "Abuja", 7, 12, ())), _on_route(toks, _Cand(3, 3, "Kaduna", 13, 19, ()))
    (True, True)
    >>> _on_route(_tokens("in Gorom-Gorom town"), _Cand(1, 2, "Gorom-Gorom", 3, 14, ()))
    False
    """
    def hyphened(a: int) -> bool:  # tokens a and a + 1 are parts of one hyphenated word
        return 0 <= a and a + 1 < len(toks) and toks[a + 1].start == toks[a].end + 1 and toks[a + 1].cap and toks[a].cap
    first, last = c.i, c.j
    while hyphened(first - 1):
        first -= 1
    while hyphened(last):
        last += 1
    if first == c.i and last == c.j:
        return False  # no other town joined to it
    after, before = _words(toks, last + 1, last + 3), _words(toks, first - 1, first)
    return any(w in ROUTE_AFTER for w in after) or bool(before and before[0] in ROUTE_BEFORE)


def _pick(c: _Cand, kind: str | None, ctx: _Ctx, gaz: Gazetteer) -> tuple[Place | None, float]:
    """Best place of a candidate given the wanted kind and the text's context."""
    best, best_s = None, -9.0
    towns = {(p.country_code, p.admin1) for p in c.places if p.kind == "locality"}
    surface_key = normalise(c.surface).replace(" ", "")
    for p in c.places:
        if p.kind == "country":
            continue
        if kind == "admin" and p.kind not in ("admin1", "admin2"):
            continue
        if kind in ("admin1", "admin2") and p.kind != kind:
            continue
        wanted_feature = kind[len("feature:"):] if kind and kind.startswith("feature:") else None
        if (kind == "locality" or wanted_feature) and p.kind not in ("locality",):
            continue
        s = gaz.prominence(p) / 100.0
        if normalise(p.name).replace(" ", "") == surface_key:
            s += 0.05  # between equals, the place called so before one that has the name as an alias
        if p.feature_code in FEATURE_CODES:
            # a park or a forest only where the text says so, and the kind it says
            s += 0.6 if FEATURE_CODES[p.feature_code] == wanted_feature else -0.4
        if kind is None and p.kind == "admin2" and (p.country_code, p.admin1) in towns:
            s -= 0.35  # a bare name is the town before the district named after it
        if not ctx.countries:
            s += COUNTRY_PRIOR.get(p.country_code, 0.0)
        else:
            if p.country_code in ctx.countries:
                s += 0.6 - 0.1 * min(ctx.countries.index(p.country_code), 3)
            else:
                s -= 0.6
        if (p.country_code, p.admin1) in ctx.admin1 and p.kind != "admin1":
            s += 0.5
        if p.admin2 and (p.country_code, normalise(p.admin2)) in ctx.admin2 and p.kind == "locality":
            s += 0.3
        if s > best_s:
            best, best_s = p, s
    return best, best_s


def extract_places(text: str, country_hints: Sequence[str] = (), gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Places named in a text, each resolved to one gazetteer entry.

    Args:
        text: a sentence, a headline or a whole article (EN or FR).
        country_hints: ISO2 codes known to be relevant (e.g. from :func:`detect_countries`).
        gazetteer: default the packaged one.

    Returns mentions in text order; ``score`` (0..1) is the confidence that the
    span names this place.

    >>> [(m.surface, m.place.kind, m.place.country_code) for m in extract_places("Gunmen killed 5 in Gwoza, Borno state")]
    [('Gwoza', 'locality', 'NG'), ('Borno', 'admin1', 'NG')]
    """
    gaz = gazetteer or load_gazetteer()
    toks = _tokens(text)
    detected = detect_countries(text, gazetteer)
    countries = tuple(dict.fromkeys([*(c.upper() for c in country_hints), *detected]))
    cands = _candidates(text, toks, gaz, countries)
    mentions: list[PlaceMention] = []
    # pass 1: countries and explicit admin units (they give the context)
    ctx = _Ctx(countries, frozenset(), frozenset())
    resolved: dict[int, tuple[Place, float, str | None]] = {}
    for k, c in enumerate(cands):
        kind, ev, label = _cue(toks, c, gaz)
        country = next((p for p in c.places if p.kind == "country"), None)
        if toks[c.i].dateline:
            label = "dateline"
        if country and label not in ("state", "lga", "admin2", "region") and not _country_exclusion(toks, c):
            resolved[k] = (country, 0.95, label)
            continue
        if kind in ("admin1", "admin2", "admin"):
            p, s = _pick(c, kind, ctx, gaz)
            if p is None and label == "admin2":
                # A unit missing from the admin tables is often its seat's namesake ("department of Tillia").
                p, s = _pick(c, "locality", ctx, gaz)
            if p:
                resolved[k] = (p, min(1.0, 0.6 + 0.4 * ev), label)
    adm1 = {(p.country_code, p.admin1) for p, _, _ in resolved.values() if p.kind in ("admin1", "admin2")}
    adm2 = {(p.country_code, normalise(p.name)) for p, _, _ in resolved.values() if p.kind == "admin2"}
    # The countries of units the text names ("le cercle de Bankass") join those it names outright.
    countries = tuple(dict.fromkeys([*countries, *(p.country_code for p, _, label in resolved.values()
                                                    if p.kind in ("admin1", "admin2") and label in _STRONG_CUES)]))
    ctx = _Ctx(countries, frozenset(adm1), frozenset(adm2))
    # pass 2: localities and bare admin names, with that context
    for k, c in enumerate(cands):
        if k in resolved:
            continue
        t0 = toks[c.i]
        if c.surface.isupper() and len(c.surface) <= 4:
            continue  # acronyms (US, UN, APC, NEMA) are not villages
        kind, ev, label = _cue(toks, c, gaz)
        key = normalise(c.surface)
        common = key in COMMON
        has_admin1 = any(p.kind == "admin1" for p in c.places)
        tail = _headline_tail(text, toks, c)
        after = _words(toks, c.j + 1, c.j + 2)
        modifier = bool(after) and after[0] in AFTER_EVENT
        before2 = _words(toks, c.i - 2, c.i)
        facility = _facility_after(text, toks, c)
        if t0.dateline:
            ev, label = 0.5, "dateline"
        elif ev == 0.0 and tail and _container_of_previous(toks, c, cands, resolved, k):
            ev, label = 0.3, "container"  # "Kuje Custodial Centre, Abuja": the capital after a town contains it
        elif len(before2) == 2 and before2[0] in OFFICE_OF and before2[1] in OF_WORDS and label not in _STRONG_CUES:
            ev, label = 0.2, "office"  # "le procureur de Ouahigouya": the seat of an office, not the scene
        elif ev == 0.0 and facility:
            ev, label = 0.8, "facility"
        elif ev == 0.0:
            if tail:
                ev, label = 0.8, "tail"
            elif modifier and (not common or has_admin1):
                ev, label = 0.6, "modifier"
            elif t0.title_line or t0.sent_start:
                ev = 0.1
            else:
                ev = 0.45
        if key in COMPASS and label not in ("region", "state") and _part_of_country(toks, c, cands):
            continue  # "au centre du pays", "the north of Mali": a part of a country, not its region named so
        if common and label not in ("settlement", "commune", "state", "region", "lga", "admin2") and not (
                has_admin1 and label in ("prep", "tail", "modifier", "possessive") and not t0.sent_start):
            continue
        admin_first = kind is None and has_admin1
        place, s = None, -1.0
        if admin_first:
            loc, ls = _pick(c, "locality", ctx, gaz)
            adm, as_ = _pick(c, "admin1", ctx, gaz)
            # "Kano pupils", "Sokoto residents": a state named like its capital, used as a modifier,
            # is the state (Nigerian usage); the town needs a preposition or a noun of its own.
            modifies = bool(after) and after[0] in STATE_MODIFIED
            if adm and (common or loc is None or gaz.prominence(loc) < 60 or as_ > ls + 0.3 or label == "modifier" or modifies):
                place, s = adm, as_ + 0.3
            else:
                place, s = loc, ls
        else:
            place, s = _pick(c, kind, ctx, gaz)
            if place is None and kind == "locality":
                place, s = _pick(c, "admin", ctx, gaz)
        if place is None:
            continue
        if place.kind == "locality" and kind is None and label is None:
            pre = _words(toks, c.i - 1, c.i)
            if pre and pre[0] in PERSON_BEFORE:
                continue
        if place.kind == "locality" and label not in _STRONG_CUES and not facility and (
                _person_like(text, toks, c, gaz) or _titled(text, toks, c) or _speaks(toks, c) or _sourced(toks, c)):
            continue
        if (countries and place.country_code not in countries and place.kind in ("admin1", "admin2")
                and label not in _STRONG_CUES):
            continue  # "North Central" in a Nigerian text is not Burkina Faso's Centre-Nord
        if place.source in MINOR_SOURCES and label not in _STRONG_CUES and label not in ("prep", "near", "tail"):
            continue  # a village only a secondary source knows needs a cue ("in X", "the village of X")
        score = max(0.0, min(1.0, 0.55 * ev + 0.45 * max(0.0, min(1.0, s))))
        if score < 0.45:
            continue
        resolved[k] = (place, score, label)
    unknown, superseded = _named_settlements(text, toks, cands, resolved)
    for k in sorted(resolved):
        if k in superseded:
            continue
        c = cands[k]
        p, score, label = resolved[k]
        mentions.append(CuedMention(c.start, c.end, c.surface, p, round(score, 3), cue=label))
    if unknown:
        mentions = sorted(mentions + unknown, key=lambda m: m.start)
    return mentions


def _named_settlements(text: str, toks: list[_Tok], cands: list[_Cand],
                       resolved: dict[int, tuple[Place, float, str | None]]) -> tuple[list[PlaceMention], set[int]]:
    """Villages no gazetteer knows, named where the text says what they are and where they lie.

    "the village of X", "X village", or "at X in Y State" / "à X dans la région de Y": the
    name is kept as written and placed at the unit around it that the same sentence names
    (the district, else the region), with ``source='text'`` and the container's
    kind in ``feature_code`` so that :func:`best_location` reports a coarse precision.
    Without a container in the sentence nothing is made up. A known town that is only the
    first word of such a name ("Kofar" in "Kofar Zandi village") gives way: its index is
    returned among the superseded ones.

    >>> [(m.surface, m.place.admin1, m.place.source) for m in extract_places(
    ...     "Gunmen raided the village of Zzyqua in Sokoto State") if m.place.source == "text"]
    [('Zzyqua', 'Sokoto', 'text')]
    """
    owner = {t: k for k in resolved for t in range(cands[k].i, cands[k].j + 1)}
    units = [(cands[k], p) for k, (p, _, _) in sorted(resolved.items()) if p.kind in ("admin1", "admin2")]
    towns = [(k, cands[k], p) for k, (p, _, _) in sorted(resolved.items()) if p.kind == "locality"]
    superseded: set[int] = set()
    if not units and not towns:
        return [], superseded
    gap_words = WITHIN_WORDS | OF_WORDS | REGION_WORDS | ADMIN1_WORDS | ADMIN2_WORDS | STATE_BEFORE
    out: list[PlaceMention] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if not t.cap or t.masked or t.dateline or len(t.text) < 3:
            i += 1
            continue
        j = i
        while (j + 1 < n and j - i < 2 and toks[j + 1].cap and not toks[j + 1].masked
               and _plain_gap(text, toks[j], toks[j + 1])):
            j += 1
        inside = {owner[x] for x in range(i, j + 1) if x in owner}
        following = next(((c, p) for c, p in units if c.i > j and c.i - j <= 5
                          and all(w in gap_words for w in _words(toks, j + 1, c.i))
                          and not _BOUNDARY.search(text[toks[j].end:c.start])), None)
        if any(resolved[k][0].kind != "locality" or cands[k].i < i or cands[k].j > j
               or ((cands[k].i, cands[k].j) == (i, j) and not _outside(resolved[k][0], following)) for k in inside):
            i = j + 1  # a known place, or part of one: the gazetteer has it (inside the unit the text puts it in)
            continue
        names = _words(toks, i, j + 1)
        acronym = i == j and sum(ch.isupper() for ch in t.text) >= 2  # "IDPs", "FAMa", "CJTF": not village names
        if acronym or any(w in COMMON or w in _DEMONYM_CC or w in gap_words or w in SETTLEMENT_NOUNS for w in names):
            i = j + 1
            continue
        near = None if following is not None else next(
            ((k, c, p) for k, c, p in towns if c.i > j and c.i - j <= 8 and _near_gap(text[toks[j].end:c.start])), None)
        before = _words(toks, i - 2, i)
        after = _words(toks, j + 1, j + 2)
        label = None
        before3 = _words(toks, i - 3, i)
        if (len(before) == 2 and before[0] in NAMED_SETTLEMENT_BEFORE and before[1] in OF_WORDS) or (
                after and after[0] in NAMED_SETTLEMENT_AFTER) or (
                len(before3) == 3 and before3[0] in NAMED_SETTLEMENT_BEFORE
                and (before3[1] in MILITARY_WORDS or before3[1] in NAMED_SETTLEMENT_ADJECTIVES)
                and before3[2] in OF_WORDS):
            label = "settlement"  # "le village de X", "X village", "le détachement militaire de X", "le village peul de X"
        elif before and before[-1] in SETTLEMENT_PREP and (following is not None or near is not None):
            label = "prep"
        if label is None or (t.title_line and label != "settlement") or (not units and near is None):
            i = j + 1
            continue
        surface = text[t.start:toks[j].end]
        if following is None and near is not None:
            # "le village de X, non loin de la ville de Y": at that town, and only near it
            town = near[2]
            superseded.add(near[0])  # the town is the reference point, not the scene
            place = Place(name=surface, country_code=town.country_code, kind="locality", latitude=town.latitude,
                          longitude=town.longitude, admin1=town.admin1, admin2=town.admin2,
                          admin1_new=town.admin1_new, source="text", feature_code="near")
        else:
            ranked = sorted(units, key=lambda u: (u[1].kind != "admin2", abs(u[0].i - i)))
            container = following[1] if following is not None else ranked[0][1]
            place = Place(
                name=surface, country_code=container.country_code, kind="locality",
                latitude=container.latitude, longitude=container.longitude, admin1=container.admin1,
                admin2=container.name if container.kind == "admin2" else None, admin1_new=container.admin1_new,
                source="text", feature_code=container.kind,
            )
        out.append(CuedMention(t.start, toks[j].end, surface, place, 0.85 if label == "settlement" else 0.75, cue=label))
        superseded |= inside
        i = j + 1
    return out, superseded


def _near_gap(gap: str) -> bool:
    """Does the text between a village and a town say the village is near it ("X, non loin de la ville de Y")?

    >>> _near_gap(", non loin de la ville de "), _near_gap(" near "), _near_gap(" et ")
    (True, True, False)
    """
    if _BOUNDARY.search(gap):
        return False
    words = " ".join(normalise(w) for w in _TOKEN.findall(gap))
    if not _NEAR_PHRASE.search(words):
        return False
    return all(w in _NEAR_GAP_WORDS for w in words.split())


def _outside(place: Place, following: tuple[_Cand, Place] | None) -> bool:
    """Does the text put this village in a unit (the one right after it) that the gazetteer's namesake is not in?

    "le village de Tiba, dans le cercle de Bankass": the gazetteer's Tibas lie in Nigeria and
    Burkina Faso, so the village is kept by name at Bankass rather than moved abroad.
    """
    if following is None:
        return False
    unit = following[1]
    return place.country_code != unit.country_code or place.admin1 != unit.admin1


# Gazetteer sources of villages the main sources lack (OpenStreetMap, SafeSignal): used with a cue only.
MINOR_SOURCES = frozenset({"osm", "safesignal"})
# Cues that name a place whatever it looks like ("the village of X", "X State", "commune de X").
_STRONG_CUES = frozenset({"settlement", "commune", "state", "region", "lga", "admin2", "dateline", "feature"})


def _part_of_country(toks: list[_Tok], c: _Cand, cands: list[_Cand]) -> bool:
    """Is the compass word at ``c`` followed by "of the country" / "of <another country>"?

    >>> text = "au Centre du pays"
    >>> toks = _tokens(text)
    >>> _part_of_country(toks, _Cand(1, 1, "Centre", 3, 9, ()), [])
    True
    >>> toks = _tokens("in the Centre of the country")
    >>> _part_of_country(toks, _Cand(2, 2, "Centre", 7, 13, ()), [])
    True
    """
    after = _words(toks, c.j + 1, c.j + 4)
    if len(after) < 2 or after[0] not in OF_WORDS:
        return False
    k = 2 if after[1] in DETERMINERS and len(after) > 2 else 1
    if after[k] in COUNTRY_NOUNS:
        return True
    # "the north of Mali" for Burkina Faso's Nord; but "le Centre-Nord du Burkina" is that country's region
    own = {p.country_code for p in c.places}
    return any(o.i == c.j + 1 + k and any(p.kind == "country" and p.country_code not in own for p in o.places)
               for o in cands)


def _person_like(text: str, toks: list[_Tok], c: _Cand, gaz: Gazetteer) -> bool:
    """Does the candidate read as part of a person's name or an acronym, not as a place?

    "Bello Sani", "Hervé Tapsoba", "Umar Garba Musa": a capitalised word that is no place and no
    common word stands right beside it (outside headline lines, where every word is capitalised);
    "FAMa": a short word with capitals inside.
    """
    surface = c.surface
    if len(surface) <= 6 and sum(ch.isupper() for ch in surface) >= 2 and not surface.isupper():
        return True
    t0 = toks[c.i]
    if t0.title_line:
        return False
    for k in (c.i - 1, c.j + 1):
        if not 0 <= k < len(toks):
            continue
        other = toks[k]
        if not other.cap or other.masked or other.title_line or other.dateline:
            continue
        if k == c.i - 1 and other.sent_start and normalise(other.text) in COMMON:
            continue
        between = text[min(other.end, t0.end):max(other.start, t0.start)] if k < c.i else text[toks[c.j].end:other.start]
        if between.strip() not in ("",):
            continue  # a comma, a hyphen or a quote separates them: "Kano, Nigeria"
        word = normalise(other.text)
        if word in COMMON or word in LOC_PREP or word in SETTLEMENT_NOUNS or word in ADMIN1_WORDS or word in ADMIN2_WORDS:
            continue
        if any(p.kind in ("country", "admin1", "admin2") or gaz.prominence(p) >= 40 for p in gaz.lookup(other.text)):
            continue  # "Kano Kano", "Gwoza Borno": a known place beside it; a village namesake of a first name is not
        return True
    return False


def _facility_after(text: str, toks: list[_Tok], c: _Cand) -> bool:
    """Is the name the first word of a facility's ("Kuje Medium Security Custodial Centre", "Kaduna Polytechnic")?"""
    k = c.j + 1
    while k < len(toks) and k - c.j <= 4 and toks[k].cap and _plain_gap(text, toks[k - 1], toks[k]):
        if normalise(toks[k].text) in FACILITY_WORDS:
            return True
        k += 1
    return False


def _container_of_previous(toks: list[_Tok], c: _Cand, cands: list[_Cand],
                           resolved: dict[int, tuple[Place, float, str | None]], k: int) -> bool:
    """Is this name, after a comma, the city around the town named just before it ("X Prison, Abuja")?"""
    earlier = [x for x in resolved if x < k]
    if not earlier:
        return False
    prev, (place, _, _) = cands[max(earlier)], resolved[max(earlier)]
    if place.kind != "locality" or c.i - prev.j > 6:
        return False
    between = toks[prev.j + 1:c.i]
    return all(t.cap for t in between) and any(p.kind == "locality" and p.admin1 == place.admin1 for p in cands[k].places)


def _after_phrase(toks: list[_Tok], c: _Cand, phrases: tuple[str, ...]) -> bool:
    """Do the two or three words before the candidate end with one of the phrases?"""
    before = " ".join(_words(toks, c.i - 3, c.i))
    return any(before == v or before.endswith(" " + v) for v in phrases)


def _sourced(toks: list[_Tok], c: _Cand) -> bool:
    """Is the name the source of a statement ("according to Dahiru", "selon Bamako")?"""
    return _after_phrase(toks, c, SOURCE_BEFORE)


def _speaks(toks: list[_Tok], c: _Cand) -> bool:
    """Is the name the subject of a verb of speech ("Buba said", "Tiani a déclaré")?"""
    after = " ".join(_words(toks, c.j + 1, c.j + 3))
    return any(after == v or after.startswith(v + " ") for v in SPEECH_VERBS)


def _titled(text: str, toks: list[_Tok], c: _Cand) -> bool:
    """Is the candidate inside a name that a title opens ("Governor Uba Sani", "le général Tiani")?

    The title and up to two capitalised words before the candidate, all joined by plain spaces.
    """
    k = c.i - 1
    while k >= 0 and c.i - k <= 3:
        if not _plain_gap(text, toks[k], toks[k + 1]):
            return False
        word = normalise(toks[k].text)
        if word in PERSON_TITLES:
            return True
        if not toks[k].cap:
            return False
        k -= 1
    return False


@dataclass(frozen=True)
class CuedMention(PlaceMention):
    """A :class:`PlaceMention` that also records the cue that found it.

    ``cue`` is one of ``prep``, ``near``, ``settlement``, ``commune``, ``state``,
    ``region``, ``lga``, ``admin2``, ``tail``, ``modifier``, ``possessive``, ``feature`` (a park,
    forest, base: "parc de la X"), ``facility``, ``container``, ``office``
    (the seat of an office: "the prosecutor of X") or None.
    """

    cue: str | None = None


def _headline_tail(text: str, toks: list[_Tok], c: _Cand) -> bool:
    """'Boko Haram Kills 5, Borno' / 'in Riyom, Plateau Attack': a name right after a comma."""
    gap = text[toks[c.i - 1].end: c.start] if c.i > 0 else ""
    if "," not in gap:
        return False
    rest = text[c.end: c.end + 40].split("\n")[0]
    return not rest.strip() or rest.strip()[:1] in ".,;:-–—" or bool(re.match(r"\s+\w+\s*$", rest))


def best_location(mentions: Sequence[PlaceMention]) -> tuple[Place | None, int]:
    """The most specific consistent place among mentions, with ACLED geo-precision.

    Precision 1: the named town itself; 2: near a town ("near", "outskirts of",
    "près de") or a small admin unit; 3: only a region or the country.
    Earlier mentions (headline, lead) and places inside a region also named
    weigh more; a locality in another country than the first named is dropped.

    >>> best_location(extract_places("Gunmen killed 5 in Gwoza, Borno state"))[0].name
    'Gwoza'
    """
    if not mentions:
        return None, 3
    ms = [m for m in mentions if m.score >= 0.45]
    countries = [m.place.country_code for m in ms]
    admin1s = {(m.place.country_code, m.place.admin1) for m in ms if m.place.kind in ("admin1", "admin2")}
    admin2s = {(m.place.country_code, normalise(m.place.name)) for m in ms if m.place.kind == "admin2"}
    main_cc = max(set(countries), key=lambda cc: (countries.count(cc) + (1 if countries and cc == countries[0] else 0)),
                  default=None)
    best, best_s = None, -9.0
    n = len(ms)
    towns = {(m.place.country_code, m.place.admin1, normalise(m.place.name)) for m in ms if m.place.kind == "locality"}
    for rank, m in enumerate(ms):
        p = m.place
        if p.kind not in ("locality", "admin2"):
            continue
        s = m.score + 0.4 * (1 - rank / max(n, 1))
        if (p.kind == "locality" and p.admin1 and normalise(p.name) == normalise(p.admin1)
                and (p.country_code, p.admin1) in admin1s
                and any(cc == p.country_code and a1 == p.admin1 and name != normalise(p.name) for cc, a1, name in towns)):
            # "attack at Tahoua" beside "the village of X in the Tahoua region": the region's namesake
            # capital stands for the region; the village inside it is the scene.
            s -= 0.5
        if (p.country_code, p.admin1) in admin1s:
            s += 0.3
        if p.admin2 and (p.country_code, normalise(p.admin2)) in admin2s:
            s += 0.2
        if p.country_code != main_cc:
            s -= 0.5
        if p.kind == "admin2":
            s -= 0.15
        if getattr(m, "cue", None) == "dateline":
            s -= 0.6
        if getattr(m, "cue", None) in ("route", "distance"):
            s -= 0.3  # an end of a route ("the Zaria-Kaduna road"), a point a distance is told from ("60 km from
            # Kaduna"): any place named as the scene comes first
        if s > best_s:
            best, best_s = m, s
    if best is not None:
        label = getattr(best, "cue", None)
        if best.place.source == "text":
            # A village known only from the text sits at the unit around it.
            return best.place, 2 if best.place.feature_code in ("admin2", "near") else 3
        if best.place.kind == "admin2" or label in ("near", "commune", "route", "distance") or best.place.feature_code in FEATURE_CODES:
            return best.place, 2
        return best.place, 1
    for kind in ("admin1", "country"):
        for m in ms:
            if m.place.kind == kind and (main_cc is None or m.place.country_code == main_cc):
                return m.place, 3
    return None, 3


def named_regions(mentions: Sequence[PlaceMention]) -> frozenset[tuple[str, str]]:
    """(country, admin-1) of every region or district a text names ("province du Yatenga" gives (BF, Nord)).

    >>> sorted(named_regions(extract_places("Des hommes armés ont attaqué un village de la province du Yatenga")))
    [('BF', 'Nord')]
    """
    return frozenset((m.place.country_code, m.place.admin1) for m in mentions
                     if m.place.kind in ("admin1", "admin2") and m.place.admin1 and m.score >= 0.6)


SEAT_PROMINENCE = 45  # a regional capital (PPLA) or more


def relocate(mention: PlaceMention, regions: frozenset[tuple[str, str]], gazetteer: Gazetteer) -> PlaceMention:
    """A town read as its namesake elsewhere moves to the namesake in a region the article names.

    A sentence alone cannot tell the Karma of one region from the Karma of another; the
    article's other sentences often can ("dans la province du Yatenga"). Only a locality
    outside every named region of its country moves, never a regional or national capital, and
    only to a same-name locality inside one of them.
    """
    place = mention.place
    if place.kind != "locality" or place.source == "text" or (place.country_code, place.admin1) in regions:
        return mention
    if gazetteer.prominence(place) >= SEAT_PROMINENCE:
        return mention  # "In Abuja": a capital stays itself, whatever village shares its name
    if not any(cc == place.country_code for cc, _ in regions):
        return mention
    inside = [p for p in gazetteer.lookup(mention.surface, place.country_code, kind="locality")
              if (p.country_code, p.admin1) in regions]
    if not inside:
        return mention
    return dataclasses.replace(mention, place=max(inside, key=gazetteer.prominence))


_UNIT_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(
    {w for w in ADMIN1_WORDS | ADMIN2_WORDS | REGION_WORDS | STATE_AFTER | STATE_BEFORE | LGA_WORDS | COMMUNE_WORDS if w},
    key=len, reverse=True)) + r")\b")


def names_a_unit(text: str) -> bool:
    """A cheap test: does the text use a word of an admin unit ("state", "province", "région", "LGA")?

    >>> names_a_unit("dans la province du Yatenga"), names_a_unit("Les habitants ont fui")
    (True, False)
    """
    return bool(_UNIT_WORD.search(text))


def is_ambiguous(mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    """Does the town's name also belong to a town of another region of its country?"""
    place = mention.place
    if place.kind != "locality" or place.source == "text":
        return False
    return any(p.admin1 != place.admin1 for p in gazetteer.lookup(mention.surface, place.country_code, kind="locality"))
