"""Place names for the offline map: capitals, regional capitals and large towns from the gazetteer.

Each label has a rank the map shows from a zoom level on: 1 national
capitals, 2 regional (admin-1) capitals, 3 second-level seats and towns of
100,000 people or more. Read once from the gazetteer file shipped with the
package, for the countries the project covers.

>>> labels = map_labels()
>>> {"name": "Bamako", "country_code": "ML", "rank": 1} in [{k: l[k] for k in ("name", "country_code", "rank")} for l in labels]
True
"""
from __future__ import annotations

import functools
import sqlite3

from ..gazetteer import DEFAULT_PATH

COUNTRIES = ("ML", "BF", "NE", "NG", "BJ", "TG", "TD", "GH", "CI", "SN", "MR", "CM", "GN", "GM", "GW", "LR", "SL")
_RANK = "CASE p.fcode WHEN 'PPLC' THEN 1 WHEN 'PPLA' THEN 2 ELSE 3 END"


@functools.lru_cache(maxsize=1)
def map_labels() -> list[dict]:
    """Labels of the covered countries: name, country, position and rank (1 shows first)."""
    if not DEFAULT_PATH.exists():
        return []
    db = sqlite3.connect(f"file:{DEFAULT_PATH}?mode=ro&immutable=1", uri=True)
    try:
        marks = ",".join("?" * len(COUNTRIES))
        rows = db.execute(
            f"SELECT p.name, a.cc, p.lat, p.lon, {_RANK} AS rank, p.pop FROM place p JOIN admin a ON a.id = p.admin "
            f"WHERE p.kind = 'locality' AND a.cc IN ({marks}) AND p.lat IS NOT NULL "
            "AND (p.fcode IN ('PPLC', 'PPLA', 'PPLA2') OR p.pop >= 100000) ORDER BY rank, p.pop DESC", COUNTRIES).fetchall()
    finally:
        db.close()
    seen, out = set(), []
    for name, cc, lat, lon, rank, _pop in rows:
        if (name, cc) in seen:
            continue
        seen.add((name, cc))
        out.append({"name": name, "country_code": cc, "lat": round(lat, 4), "lon": round(lon, 4), "rank": rank})
    return out
