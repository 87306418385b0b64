"""Offline gazetteer: countries, admin units and localities of the Sahel and West Africa.

The data is a read-only SQLite file built by ``scripts/build_gazetteer.py``
from GeoNames, Who's On First, OCHA and Natural Earth (see
``data/DATA-LICENSES.md``). Names are looked up by a normalised key (see
:func:`normalise`), so spelling variants of accents, apostrophes, hyphens and
case meet. Nothing is read at import; :func:`load_gazetteer` opens the file
once per process.
"""
from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from pathlib import Path

from harmattan.records import Place

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "geo" / "gazetteer.sqlite"
# GeoNames codes of the features that are not towns but where events happen (parks, reserves, forests,
# military bases, airports, mines, dams): stored as localities with this code; the value is the kind of
# feature a text names with its own words (lang/*/places.py FEATURE_HEADS).
FEATURE_CODES = {"PRK": "park", "RES": "park", "RESN": "park", "RESW": "park", "RESH": "park", "RESF": "forest",
                 "FRST": "forest", "MILB": "base", "AIRP": "airport", "AIRF": "airport", "MN": "mine", "MNAU": "mine",
                 "DAM": "dam"}

_APOS = re.compile(r"['’‘`´ʼ]")
_SEP = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Return the lookup key of a place name.

    Lowercase, accents stripped, apostrophes dropped, every other run of
    non-alphanumerics (hyphens, dots, spaces) made one space.

    >>> normalise("Tillabéri") == normalise("TILLABERI")
    True
    >>> normalise("N'Gouboua"), normalise("Centre-Nord")
    ('ngouboua', 'centre nord')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    text = _APOS.sub("", text)
    return _SEP.sub(" ", text).strip()


_SOUNDS = ((re.compile(r"tch"), "ch"), (re.compile(r"dj"), "j"), (re.compile(r"ph"), "f"), (re.compile(r"kh"), "k"),
           (re.compile(r"gh"), "g"), (re.compile(r"ck"), "k"), (re.compile(r"ou"), "u"), (re.compile(r"y"), "i"),
           (re.compile(r"c(?=[aou])"), "k"), (re.compile(r"(.)\1+"), r"\1"), (re.compile(r"e$"), ""))


@functools.lru_cache(maxsize=65536)
def sound_key(key: str) -> str:
    """A normalised key reduced to how it sounds in French and English spellings of the region.

    >>> sound_key("boulkessy") == sound_key("boulkessi"), sound_key("ogossagou") == sound_key("ogossogou")
    (True, False)
    """
    key = key.replace(" ", "")
    for pattern, repl in _SOUNDS:
        key = pattern.sub(repl, key)
    return key


class Gazetteer:
    """Read-only access to the place database.

    Args:
        path: the SQLite file written by ``scripts/build_gazetteer.py``.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"gazetteer not found: {self.path} (run scripts/build_gazetteer.py)")
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._admin: dict[int, tuple] = {}
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._prominence: dict[int, int] = {}
        self._fuzzy_cache: dict[tuple, list[Place]] = {}
        self._seats: dict[str, str] | None = None

    def _admin_row(self, admin_id: int) -> tuple:
        row = self._admin.get(admin_id)
        if row is None:
            row = self._db.execute("SELECT cc, admin1, admin2, admin1_new FROM admin WHERE id = ?", (admin_id,)).fetchone()
            self._admin[admin_id] = row
        return row

    def _lookup_key(self, key: str) -> tuple[Place, ...]:
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        query = ("SELECT p.id, p.name, p.kind, p.lat, p.lon, p.admin, p.pop, p.fcode, p.source, p.source_id, p.prominence "
                 "FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?")
        rows = self._db.execute(query, (key,)).fetchall()
        if not rows and " " in key and len(key.replace(" ", "")) >= 5:
            # Written in several words, known in one ("Bani Bangou" / "Banibangou"): the build stores
            # every name without its spaces too.
            rows = self._db.execute(query, (key.replace(" ", ""),)).fetchall()
        places = []
        for pid, name, kind, lat, lon, admin, pop, fcode, source, source_id, prom in rows:
            cc, admin1, admin2, admin1_new = self._admin_row(admin)
            place = Place(name=name, country_code=cc, kind=kind, latitude=lat, longitude=lon, admin1=admin1,
                          admin2=admin2, admin1_new=admin1_new, population=pop or 0, feature_code=fcode,
                          source=source, source_id=source_id)
            self._prominence[id(place)] = prom
            places.append((prom, place))
        places.sort(key=lambda t: (-t[0], t[1].kind, t[1].name, t[1].source_id or ""))
        result = tuple(p for _, p in places)
        self._cache[key] = result
        return result

    def prominence(self, place: Place) -> int:
        """Prior weight 0..100 of a place returned by this gazetteer (admin seats, population)."""
        return self._prominence.get(id(place), 0)

    def has_key(self, key: str) -> bool:
        """True if any place carries this normalised key (cheap pre-filter for n-grams)."""
        if key in self._cache:
            return bool(self._cache[key])
        keys = (key, key.replace(" ", "")) if " " in key and len(key.replace(" ", "")) >= 5 else (key,)
        return any(self._db.execute("SELECT 1 FROM name WHERE key = ? LIMIT 1", (k,)).fetchone() is not None for k in keys)

    def lookup(self, name: str, country_code: str | None = None, kind: str | None = None) -> list[Place]:
        """Places whose name or alias matches ``name``, most prominent first.

        Args:
            name: any spelling; it is normalised.
            country_code: keep only this ISO2 country.
            kind: keep only ``country``, ``admin1``, ``admin2`` or ``locality``.

        >>> g = load_gazetteer()
        >>> g.lookup("Tillabery", "NE", kind="admin1")[0].name
        'Tillabéri'
        >>> g.lookup("Bani Bangou", "NE")[0].name == g.lookup("Banibangou", "NE")[0].name
        True
        """
        places = self._lookup_key(normalise(name))
        return [p for p in places if (country_code is None or p.country_code == country_code)
                and (kind is None or p.kind == kind)]

    def fuzzy(self, name: str, countries: tuple[str, ...], min_score: float = 92.0) -> list[Place]:
        """Localities of these countries whose name is a near spelling of ``name`` ("Boulkessy" / "Boulkessi").

        Only names sharing the first two letters and of a close length are compared (an index range,
        not a scan), and only within the countries the text names: a near spelling is never taken
        from another country.

        >>> sorted({p.name for p in load_gazetteer().fuzzy("Boulkessy", ("ML",))})
        ['Boulkessi']
        >>> load_gazetteer().fuzzy("Ogossagou", ("ML",))  # another village's name, not a spelling of it
        []
        """
        key = normalise(name).replace(" ", "")
        if len(key) < 5 or not countries:
            return []
        cached = self._fuzzy_cache.get((key, countries))
        if cached is not None:
            return cached
        from rapidfuzz import fuzz, process

        prefix = key[:2]
        marks = ",".join("?" * len(countries))
        rows = self._db.execute(
            "SELECT DISTINCT n.key FROM name n JOIN place p ON p.id = n.place JOIN admin a ON a.id = p.admin "
            f"WHERE n.key >= ? AND n.key < ? AND a.cc IN ({marks}) AND p.kind IN ('locality', 'admin2', 'admin1')",
            (prefix, prefix + "\uffff", *countries),
        ).fetchall()
        keys = [k for (k,) in rows if abs(len(k.replace(" ", "")) - len(key)) <= 2]
        # Compared by their sound in the region's French and English spellings (Boulkessy / Boulkessi,
        # Djibo / Jibo), so that a near spelling of one village matches and another village does not
        # (Ogossagou is not Ogossogou).
        best = process.extractOne(sound_key(key), keys, scorer=fuzz.ratio, processor=sound_key,
                                  score_cutoff=min_score) if keys else None
        found = [p for p in self._lookup_key(best[0]) if p.country_code in countries] if best else []
        self._fuzzy_cache[(key, countries)] = found
        return found

    def spellings(self, key: str, limit: int = 8) -> tuple[str, ...]:
        """The name keys of the places that carry ``key`` (itself first), at most ``limit``.

        >>> "barsalogho" in load_gazetteer().spellings("barsalogo")
        True
        """
        found = [key]
        rows = self._db.execute("SELECT DISTINCT n2.key FROM name n1 JOIN name n2 ON n2.place = n1.place "
                                "WHERE n1.key = ? LIMIT 50", (key,)).fetchall()
        for (other,) in rows:
            if other and other not in found and len(found) < limit:
                found.append(other)
        return tuple(found)

    def capital(self, country_code: str) -> Place | None:
        """The seat of government of a country: ``seats.tsv`` where it is not GeoNames' capital, else the PPLC locality.

        >>> load_gazetteer().capital("TD").name, load_gazetteer().capital("NG").name
        ("N'Djamena", 'Abuja')
        """
        if self._seats is None:
            seats_file = self.path.with_name("seats.tsv")
            rows = seats_file.read_text(encoding="utf-8").splitlines()[1:] if seats_file.exists() else []
            self._seats = {r.split("\t")[0]: r.split("\t")[1] for r in rows if r.strip()}
        seat = self._seats.get(country_code)
        if seat:
            return next(iter(self.lookup(seat, country_code, kind="locality")), None)
        row = self._db.execute(
            "SELECT p.name FROM place p JOIN admin a ON a.id = p.admin WHERE a.cc = ? AND p.kind = 'locality' "
            "AND p.fcode = 'PPLC' ORDER BY p.prominence DESC LIMIT 1", (country_code,)).fetchone()
        if row is None:
            return None
        return next((p for p in self.lookup(row[0], country_code, kind="locality") if p.feature_code == "PPLC"), None)

    def admin1(self, country_code: str, name: str) -> Place | None:
        """The admin-1 unit of a country by old or new name or alias, or None.

        >>> load_gazetteer().admin1("BF", "Liptako").admin1
        'Sahel'
        """
        hits = self.lookup(name, country_code, kind="admin1")
        return hits[0] if hits else None

    def admin2(self, country_code: str | None, name: str) -> list[Place]:
        """Admin-2 units (Nigerian LGA, Malian cercle, Burkina province, Niger department) by name."""
        return self.lookup(name, country_code, kind="admin2")

    def country(self, name: str) -> Place | None:
        """A country by English or French name.

        >>> load_gazetteer().country("Tchad").country_code
        'TD'
        """
        hits = self.lookup(name, kind="country")
        return hits[0] if hits else None

    def admin1_units(self, country_code: str) -> list[Place]:
        """Every admin-1 unit of a country (old regions and new post-reform ones)."""
        rows = self._db.execute(
            "SELECT DISTINCT p.name FROM place p JOIN admin a ON a.id = p.admin WHERE p.kind = 'admin1' AND a.cc = ?",
            (country_code,),
        ).fetchall()
        seen: dict[tuple, Place] = {}
        for (name,) in rows:
            for p in self.lookup(name, country_code, kind="admin1"):
                seen[(p.name, p.admin1)] = p
        return sorted(seen.values(), key=lambda p: (p.admin1 or "", p.name))


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    return Gazetteer(path)


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Open the gazetteer (once per process and path).

    Args:
        path: a SQLite file built by ``scripts/build_gazetteer.py``; default the packaged one.

    >>> load_gazetteer() is load_gazetteer()
    True
    """
    return _load(str(Path(path) if path else DEFAULT_PATH))
