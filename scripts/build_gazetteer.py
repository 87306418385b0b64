#!/usr/bin/env python3
"""Build the compact offline gazetteer shipped in ``src/harmattan/data/geo``.

Reads the open geodata in ``../shared/geo`` (Who's On First localities,
GeoNames dumps and admin codes, OCHA admin-1 polygons, Natural Earth
populated places, the Nigeria state/LGA/ward file) plus the hand-made
``supplement.tsv``, and writes:

* ``admin1.tsv``: every admin-1 unit of the 12 target countries, old (OCHA)
  and post-reform names side by side, aliases and a representative point;
* ``gazetteer.sqlite``: places and a normalised-name index, opened read-only
  by :mod:`harmattan.gazetteer`.

Deterministic (sorted inputs, no timestamps) and safe to re-run::

    python scripts/build_gazetteer.py [--geo ../shared/geo] [--out src/harmattan/data/geo]

Needs only the standard library, ``pycountry`` (country names in EN/FR) and
``rapidfuzz`` (to drop alt names that do not resemble the place's name).
"""
from __future__ import annotations

import argparse
import csv
import gettext
import json
import math
import os
import re
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from harmattan.gazetteer import FEATURE_CODES, normalise  # noqa: E402  (one key function for build and lookup)

COUNTRIES = ("ML", "BF", "NE", "BJ", "TG", "NG", "TD", "GH", "CI", "SN", "MR", "CM")

# --- Admin-1 knowledge --------------------------------------------------------------
# OCHA spellings fixed where the source file uses underscores or odd casing.
OCHA_FIX = {
    ("CM", "Extreme_Nord"): "Extrême-Nord", ("CM", "Nord_Ouest"): "Nord-Ouest", ("CM", "Sud_Ouest"): "Sud-Ouest",
    ("CI", "District Autonome D'Abidjan"): "Abidjan", ("CI", "District Autonome De Yamoussoukro"): "Yamoussoukro",
    ("TD", "Ennedi Ouest"): "Ennedi-Ouest", ("TD", "Mayo Kebbi Est"): "Mayo-Kebbi Est",
    ("GH", "Northern East"): "North East",
}
# Aliases (EN/FR spellings) of admin-1 units, keyed by (country, OCHA name).
ADMIN1_ALIASES = {
    ("NE", "Tillabéri"): "Tillaberi|Tillabery|Tillabéry", ("NE", "Niamey"): "Niamey Capital District",
    ("ML", "Segou"): "Ségou", ("ML", "Bamako"): "District de Bamako|Bamako District",
    ("ML", "Tombouctou"): "Timbuktu|Tombouctou", ("ML", "Kayes"): "", ("ML", "Mopti"): "",
    ("BF", "Centre-Nord"): "Centre Nord|North Central", ("BF", "Centre-Est"): "Centre Est",
    ("BF", "Centre-Ouest"): "Centre Ouest", ("BF", "Centre-Sud"): "Centre Sud",
    ("BF", "Plateau Central"): "Plateau-Central", ("BF", "Sud-Ouest"): "Sud Ouest|South West",
    ("BF", "Est"): "East", ("BF", "Nord"): "North", ("BF", "Hauts-Bassins"): "Hauts Bassins",
    ("BF", "Boucle du Mouhoun"): "Mouhoun",
    ("NG", "Federal Capital Territory"): "FCT|Abuja Federal Capital Territory|Territoire de la capitale fédérale",
    ("NG", "Nasarawa"): "Nassarawa", ("NG", "Akwa Ibom"): "Akwa-Ibom", ("NG", "Cross River"): "Cross-River",
    ("TD", "Lac"): "Lake|Lac Province", ("TD", "Ouaddai"): "Ouaddaï|Ouadaï|Ouadai|Wadai",
    ("TD", "Guera"): "Guéra", ("TD", "Tandjile"): "Tandjilé", ("TD", "N'Djamena"): "Ndjamena|N'Djaména",
    ("TD", "Barh-El-Gazel"): "Barh el Gazel|Bahr el Gazel", ("TD", "Mayo-Kebbi Est"): "Mayo Kebbi Est",
    ("TD", "Mayo-Kebbi Ouest"): "Mayo Kebbi Ouest",
    ("CM", "Extrême-Nord"): "Extreme Nord|Far North|Far-North", ("CM", "Nord"): "North",
    ("CM", "Nord-Ouest"): "North West|North-West|Northwest", ("CM", "Sud-Ouest"): "South West|South-West|Southwest",
    ("CM", "Adamaoua"): "Adamawa", ("CM", "Est"): "East", ("CM", "Sud"): "South", ("CM", "Ouest"): "West",
    ("GH", "North East"): "Northern East|North-East", ("GH", "Upper East"): "Upper-East",
    ("GH", "Upper West"): "Upper-West",
    ("SN", "Saint Louis"): "Saint-Louis", ("SN", "Thies"): "Thiès", ("SN", "Kedougou"): "Kédougou",
    ("SN", "Sedhiou"): "Sédhiou",
    ("MR", "Hodh Ech Chargi"): "Hodh el Chargui|Hodh Ech Chargui|Hodh Oriental", ("MR", "Hodh El Gharbi"): "Hodh el Gharbi|Hodh Occidental",
    ("MR", "Dakhlet-Nouadhibou"): "Dakhlet Nouadhibou|Nouadhibou", ("MR", "Tiris-Zemmour"): "Tiris Zemmour",
    ("BJ", "Oueme"): "Ouémé", ("TG", "Centrale"): "Central", ("TG", "Savanes"): "Savanes",
    ("CI", "Gbeke"): "Gbêkê", ("CI", "Bagoue"): "Bagoué", ("CI", "Belier"): "Bélier", ("CI", "Bere"): "Béré",
    ("CI", "Guemon"): "Guémon", ("CI", "Marahoue"): "Marahoué", ("CI", "Sud-Comoe"): "Sud-Comoé",
    ("CI", "Gbokle"): "Gbôklé", ("CI", "Loh-Djiboua"): "Lôh-Djiboua", ("CI", "Me"): "Mé",
}
# Post-reform names.  Mali (law of 2023, 19 regions + Bamako): the old regions
# keep their names; new ones are carved out of them.  Burkina Faso (decree of
# July 2025, 17 regions): every region renamed, three split.  Names marked
# uncertain are recalled from news reports, not from an official gazette.
RENAMED = {  # (cc, old OCHA name) -> (new name, note)
    ("BF", "Boucle du Mouhoun"): ("Bankui", "2025 reform; Sourou region split off (uncertain extent)"),
    ("BF", "Cascades"): ("Tannounyan", "2025 reform"),
    ("BF", "Centre"): ("Kadiogo", "2025 reform"),
    ("BF", "Centre-Est"): ("Nakambé", "2025 reform"),
    ("BF", "Centre-Nord"): ("Kuilsé", "2025 reform"),
    ("BF", "Centre-Ouest"): ("Nando", "2025 reform"),
    ("BF", "Centre-Sud"): ("Nazinon", "2025 reform"),
    ("BF", "Est"): ("Goulmou", "2025 reform; Sirba and Tapoa split off; name uncertain (also reported as Gourma)"),
    ("BF", "Hauts-Bassins"): ("Guiriko", "2025 reform"),
    ("BF", "Nord"): ("Yaadga", "2025 reform"),
    ("BF", "Plateau Central"): ("Oubri", "2025 reform"),
    ("BF", "Sahel"): ("Liptako", "2025 reform; Soum region split off"),
    ("BF", "Sud-Ouest"): ("Djôrô", "2025 reform"),
}
NEW_UNITS = [  # (cc, old parent, new name, capital, aliases, note)
    ("ML", "Tombouctou", "Taoudénit", "Taoudenni", "Taoudeni|Taoudenit|Taoudénni", "2016 law, operational 2023"),
    ("ML", "Gao", "Ménaka", "Ménaka", "Menaka", "2016 law, operational 2023"),
    ("ML", "Mopti", "Douentza", "Douentza", "", "2023 reform"),
    ("ML", "Mopti", "Bandiagara", "Bandiagara", "", "2023 reform"),
    ("ML", "Segou", "San", "San", "", "2023 reform"),
    ("ML", "Sikasso", "Koutiala", "Koutiala", "", "2023 reform"),
    ("ML", "Sikasso", "Bougouni", "Bougouni", "", "2023 reform"),
    ("ML", "Koulikoro", "Dioïla", "Dioïla", "Dioila", "2023 reform"),
    ("ML", "Koulikoro", "Nara", "Nara", "", "2023 reform"),
    ("ML", "Kayes", "Nioro", "Nioro", "Nioro du Sahel", "2023 reform"),
    ("ML", "Kayes", "Kita", "Kita", "", "2023 reform"),
    ("BF", "Boucle du Mouhoun", "Sourou", "Tougan", "", "2025 reform; extent uncertain"),
    ("BF", "Est", "Sirba", "Bogandé", "", "2025 reform; name uncertain"),
    ("BF", "Est", "Tapoa", "Diapaga", "", "2025 reform"),
    ("BF", "Sahel", "Soum", "Djibo", "", "2025 reform"),
]
# Old admin-2 (Mali cercle, Burkina province) -> new region where it moved.
ADMIN2_TO_NEW = {
    "ML": {"taoudenit": "Taoudénit", "taoudenni": "Taoudénit", "menaka": "Ménaka", "douentza": "Douentza",
           "bandiagara": "Bandiagara", "bankass": "Bandiagara", "koro": "Bandiagara", "san": "San",
           "tominian": "San", "koutiala": "Koutiala", "yorosso": "Koutiala", "bougouni": "Bougouni",
           "yanfolila": "Bougouni", "kolondieba": "Bougouni", "dioila": "Dioïla", "nara": "Nara",
           "nioro": "Nioro", "nioro du sahel": "Nioro", "diema": "Nioro", "kita": "Kita"},
    "BF": {"soum": "Soum", "seno": "Liptako", "oudalan": "Liptako", "yagha": "Liptako",
           "gnagna": "Sirba", "komondjari": "Sirba", "tapoa": "Tapoa", "gourma": "Goulmou", "kompienga": "Goulmou",
           "sourou": "Sourou", "kossi": "Bankui", "nayala": "Bankui", "bale": "Bankui", "banwa": "Bankui",
           "mouhoun": "Bankui"},
}
SPLIT_OLD = {("BF", "Sahel"), ("BF", "Est"), ("BF", "Boucle du Mouhoun")}

# Common-language names of countries that pycountry spells officially.
COUNTRY_EXTRA = {
    "CI": "Ivory Coast|Côte d'Ivoire|Cote d'Ivoire", "BF": "Burkina|Upper Volta", "CD": "DR Congo|DRC|RDC|Congo-Kinshasa|République démocratique du Congo",
    "CG": "Congo-Brazzaville|Republic of the Congo", "CF": "Centrafrique|République centrafricaine|CAR", "RU": "Russia|Russie",
    "US": "United States|USA|Etats-Unis|États-Unis|America|Amérique", "GB": "Britain|United Kingdom|UK|Royaume-Uni|Grande-Bretagne",
    "GM": "Gambia|The Gambia|Gambie", "TD": "Tchad", "SN": "Sénégal", "MR": "Mauritanie", "CM": "Cameroun", "BJ": "Bénin",
    "DZ": "Algérie", "LY": "Libye", "MA": "Maroc", "SD": "Soudan", "GN": "Guinée|Guinea-Conakry", "GW": "Guinée-Bissau",
    "SL": "Sierra Leone", "LR": "Libéria", "EG": "Egypte|Égypte", "TR": "Turkey|Turquie|Türkiye", "IR": "Iran",
    "SY": "Syria|Syrie", "KR": "South Korea", "KP": "North Korea", "VN": "Vietnam", "TZ": "Tanzania", "VE": "Venezuela",
    "BO": "Bolivia", "MD": "Moldova", "PS": "Palestine", "TW": "Taiwan", "LA": "Laos", "CZ": "Czech Republic",
    "DE": "Allemagne", "FR": "France", "CN": "Chine", "UA": "Ukraine", "NE": "Niger", "NG": "Nigéria",
}


def load_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def ring_centroid(ring: list) -> tuple[float, float, float]:
    """Area and centroid (lat, lon) of a polygon ring by the shoelace formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(ys) / len(ys), sum(xs) / len(xs)
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)


def geometry_point(geom: dict) -> tuple[float, float]:
    """Centroid of the largest outer ring of a (Multi)Polygon."""
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    best = max((ring_centroid(p[0]) for p in polys), key=lambda t: t[0])
    return round(best[1], 4), round(best[2], 4)


def latin_alt(alt: str, name: str) -> bool:
    """Keep an alt name only if it is Latin script and resembles the name."""
    from rapidfuzz import fuzz

    key = normalise(alt)
    if len(key) < 3 or not re.fullmatch(r"[a-z0-9 ]+", key):
        return False
    if any(ord(ch) > 0x24F for ch in alt):
        return False
    return fuzz.ratio(key, normalise(name)) >= 60


class Builder:
    """Accumulates places and name keys, then writes them out."""

    def __init__(self, geo: Path, out: Path):
        self.geo, self.out = geo, out
        self.places: list[dict] = []
        self.keys: set[tuple[str, int]] = set()
        self.by_gn: dict[int, int] = {}
        self.admin1: dict[tuple[str, str], dict] = {}  # (cc, key of OCHA name) -> row

    # -- helpers --------------------------------------------------------------------
    def add(self, place: dict, names=()) -> int:
        idx = len(self.places)
        self.places.append(place)
        for n in (place["name"], *names):
            for k in name_keys(n):
                self.keys.add((k, idx))
        return idx

    def old_admin1(self, cc: str, name: str) -> str | None:
        row = self.admin1.get((cc, normalise(name)))
        return row["admin1"] if row else None

    def new_admin1(self, cc: str, admin1: str | None, admin2: str | None) -> str | None:
        if admin2:
            new = ADMIN2_TO_NEW.get(cc, {}).get(normalise(admin2))
            if new:
                return new
        if admin1 and (cc, admin1) not in SPLIT_OLD:
            new = RENAMED.get((cc, admin1))
            return new[0] if new else None
        return None

    # -- admin-1 --------------------------------------------------------------------
    def build_admin1(self) -> list[dict]:
        ocha = json.load(open(self.geo / "boundaries/ocha_wca_admbnda_adm1_ocha.json", encoding="utf-8"))
        rows = []
        for f in sorted(ocha["features"], key=lambda f: f["properties"]["admin1Pcod"]):
            p = f["properties"]
            cc = p["admin0Pcod"]
            if cc not in COUNTRIES:
                continue
            name = OCHA_FIX.get((cc, p["admin1Name"]), p["admin1Name"])
            lat, lon = geometry_point(f["geometry"])
            new, note = RENAMED.get((cc, name), (None, ""))
            alts = [a for a in ADMIN1_ALIASES.get((cc, name), "").split("|") if a]
            if p["admin1Name"] != name:
                alts.append(p["admin1Name"].replace("_", "-"))
            if new:
                alts.append(new)
            rows.append(dict(country_code=cc, name=name, admin1=name, admin1_new=new or "", pcode=p["admin1Pcod"],
                             aliases="|".join(dict.fromkeys(alts)), latitude=lat, longitude=lon, note=note))
        for r in rows:
            self.admin1[(r["country_code"], normalise(r["name"]))] = r
            for a in r["aliases"].split("|"):
                if a:
                    self.admin1.setdefault((r["country_code"], normalise(a)), r)
        return rows

    def add_new_units(self, rows: list[dict]) -> None:
        for cc, parent, new, capital, aliases, note in NEW_UNITS:
            cands = [p for p in self.places if p["cc"] == cc and p["kind"] == "locality" and not is_feature(p)
                     and normalise(p["name"]) == normalise(capital)]
            cands.sort(key=lambda p: (-(p["fcode"] or "").startswith("PPLA"), -p["pop"], p["source_id"]))
            lat, lon = (cands[0]["lat"], cands[0]["lon"]) if cands else ("", "")
            rows.append(dict(country_code=cc, name=new, admin1=parent, admin1_new=new, pcode="", aliases=aliases,
                             latitude=lat, longitude=lon, note=note + f"; seat {capital}; point = seat"))

    # -- sources --------------------------------------------------------------------
    def load_geonames_admin(self) -> tuple[dict, dict]:
        a1, a2 = {}, {}
        for line in open(self.geo / "geonames/admin1CodesASCII.txt", encoding="utf-8"):
            code, name, _ascii, _gid = line.rstrip("\n").split("\t")
            a1[code] = name
        for line in open(self.geo / "geonames/admin2Codes.txt", encoding="utf-8"):
            code, name, _ascii, _gid = line.rstrip("\n").split("\t")
            if code[:2] in COUNTRIES:
                a2[code] = clean_admin2(name)
        return a1, a2

    def add_wof(self) -> None:
        for cc in COUNTRIES:
            seen = {}
            for r in sorted(load_tsv(self.geo / f"wof/{cc}_wof_localities.tsv"), key=lambda r: int(r["wof_id"])):
                if not r["name"] or not r["lat"]:
                    continue
                lat, lon = round(float(r["lat"]), 5), round(float(r["lon"]), 5)
                key = (normalise(r["name"]), round(lat, 2), round(lon, 2))
                gn = int(r["gn_id"]) if r["gn_id"] else None
                alts = [a for a in r["alt_names"].split("|") if a and latin_alt(a, r["name"])]
                if key in seen:  # same place twice (locality + neighbourhood)
                    idx = seen[key]
                    self.places[idx]["mz"] = max(self.places[idx]["mz"], int(r["mz_is_current"] or 0))
                    for a in alts:
                        self.keys.add((normalise(a), idx))
                    if gn and gn not in self.by_gn:
                        self.by_gn[gn] = idx
                    continue
                admin1 = r["ocha_adm1_name"] or None
                if admin1:
                    admin1 = self.old_admin1(cc, admin1) or admin1
                admin2 = r["wof_county_name"] or None
                place = dict(name=r["name"], cc=cc, kind="locality", lat=lat, lon=lon, admin1=admin1, admin2=admin2,
                             pop=int(r["gn_population"] or 0), fcode=None, source="wof", source_id=r["wof_id"],
                             mz=int(r["mz_is_current"] or 0), gn=gn)
                idx = self.add(place, alts)
                seen[key] = idx
                if gn:
                    self.by_gn.setdefault(gn, idx)

    def add_geonames(self, a1codes: dict, a2codes: dict) -> None:
        files = ([self.geo / "geonames/ML.txt"] + sorted((self.geo / "geonames/2014").glob("*.txt"))
                 + [self.geo / "geonames/cities500_target.txt"])
        grid = self.grid()
        done = set()
        for path in files:
            for line in open(path, encoding="utf-8"):
                f = line.rstrip("\n").split("\t")
                gid, name, alts, fcl, fcode, cc = int(f[0]), f[1], f[3], f[6], f[7], f[8]
                if gid in done or cc not in COUNTRIES:
                    continue
                done.add(gid)
                pop = int(f[14] or 0)
                admin2 = a2codes.get(f"{cc}.{f[10]}.{f[11]}") if f[11] else None
                alt_list = [a for a in alts.split(",") if a and latin_alt(a, name)] if alts else []
                if gid in self.by_gn:
                    p = self.places[self.by_gn[gid]]
                    p["pop"] = max(p["pop"], pop)
                    p["fcode"] = fcode
                    p["admin2"] = p["admin2"] or admin2
                    idx = self.by_gn[gid]
                    for a in alt_list:
                        self.keys.add((normalise(a), idx))
                    continue
                if fcl == "P" and fcode in ("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLL", "PPLS", "PPLF", "PPLR"):
                    kind = "locality"
                elif fcl == "A" and fcode == "ADM2":
                    kind = "admin2"
                    name = clean_admin2(name)
                elif fcode in FEATURE_CODES:
                    # Places that are not towns (parks, forests, bases, mines, airports, dams): stored as
                    # localities with their feature code; also found by their core name ("Pendjari").
                    kind = "locality"
                    core = feature_core(name)
                    alt_list = alt_list + ([core] if core else []) + [c for c in map(feature_core, alt_list) if c]
                else:
                    continue
                lat, lon = round(float(f[4]), 5), round(float(f[5]), 5)
                admin1 = self.nearest_admin1(grid, cc, lat, lon)
                new_code = a1codes.get(f"{cc}.{f[10]}")
                place = dict(name=name, cc=cc, kind=kind, lat=lat, lon=lon, admin1=admin1,
                             admin2=admin2 if kind == "locality" else name, pop=pop, fcode=fcode, source="geonames",
                             source_id=str(gid), mz=0, gn=gid)
                if new_code in ("Ménaka", "Taoudénit"):
                    place["new"] = new_code
                idx = self.add(place, alt_list)
                self.by_gn[gid] = idx

    def _near_same_name(self, cc: str, name: str, lat: float, lon: float, km: float = 5.0) -> int | None:
        """Index of a place of this country with the same key within ``km`` (the same village, another source)."""
        for i in self.index_for(normalise(name)):
            q = self.places[i]
            if q["cc"] == cc and q["kind"] == "locality" and not is_feature(q) and q["lat"] is not None and abs(q["lat"] - lat) < km / 111 \
                    and abs(q["lon"] - lon) < km / 111:
                return i
        return None

    def _add_minor(self, place: dict, alts: list[str]) -> None:
        """Add a village from a secondary source, or only its spellings to the same village already known."""
        same = self._near_same_name(place["cc"], place["name"], place["lat"], place["lon"])
        if same is None:
            for alt in alts:
                same = self._near_same_name(place["cc"], alt, place["lat"], place["lon"])
                if same is not None:
                    break
        if same is not None:
            for n in (place["name"], *alts):
                for k in name_keys(n):
                    self.keys.add((k, same))
                    self._index[k].append(same)
            return
        idx = self.add(place, alts)
        for n in (place["name"], *alts):
            for k in name_keys(n):
                self._index[k].append(idx)

    def add_osm(self) -> int:
        """OpenStreetMap place nodes of 2019 (ODbL): villages and towns the other sources lack."""
        kinds = {"city": "PPL", "town": "PPL", "village": "PPL", "hamlet": "PPL", "suburb": "PPLX", "neighbourhood": "PPLX"}
        n = 0
        self.index_for("")  # build the name index
        for cc in ("NG", "NE", "TD", "ML", "BF", "BJ", "TG"):
            for r in sorted(load_tsv(self.geo / f"osm/osm2019_places_{cc}.tsv"), key=lambda r: int(r["osm_node_id"])):
                if r["ocha_adm0"] != cc or r["place"] not in kinds or not r["name"]:
                    continue
                lat, lon = round(float(r["lat"]), 5), round(float(r["lon"]), 5)
                admin1 = self.old_admin1(cc, r["ocha_adm1_name"]) if r["ocha_adm1_name"] else None
                alts = [a for a in {r["name_en"], r["name_de"]} if a and a != r["name"] and latin_alt(a, r["name"])]
                pop = int(float(r["population"])) if r["population"].replace(".", "", 1).isdigit() else 0
                self._add_minor(dict(name=r["name"], cc=cc, kind="locality", lat=lat, lon=lon, admin1=admin1, admin2=None,
                                     pop=pop, fcode=kinds[r["place"]], source="osm", source_id=r["osm_node_id"], mz=0,
                                     gn=None), alts)
                n += 1
        return n

    def add_safesignal(self) -> int:
        """SafeSignal's Nigerian settlements (ODbL, from OpenStreetMap), with their LGA and aliases."""
        import csv

        n = 0
        with open(self.geo / "safesignal/nigeria_v0.2.csv", encoding="utf-8", newline="") as fh:
            rows = sorted(csv.DictReader(fh), key=lambda r: r["id"])
        for r in rows:
            if r["type"] != "settlement" or not r["lat"] or not r["canonical_name"]:
                continue
            admin1 = self.old_admin1("NG", r["admin_state"]) if r["admin_state"] not in ("", "Unknown") else None
            name = r["canonical_name"]
            alts = [a for a in r["aliases"].split(";") if a and latin_alt(a, name)]
            self._add_minor(dict(name=name, cc="NG", kind="locality", lat=round(float(r["lat"]), 5), lon=round(float(r["lng"]), 5),
                                 admin1=admin1, admin2=r["admin_lga"] or None, pop=0, fcode="PPL", source="safesignal",
                                 source_id=r["id"], mz=0, gn=None), alts)
            n += 1
        return n

    def grid(self) -> dict:
        g = defaultdict(list)
        for p in self.places:
            if p["admin1"]:
                g[(p["cc"], int(p["lat"] * 5), int(p["lon"] * 5))].append(p)
        return g

    @staticmethod
    def nearest_admin1(grid: dict, cc: str, lat: float, lon: float) -> str | None:
        gy, gx = int(lat * 5), int(lon * 5)
        for radius in (1, 3, 6):
            cands = [p for dy in range(-radius, radius + 1) for dx in range(-radius, radius + 1)
                     for p in grid.get((cc, gy + dy, gx + dx), ())]
            if cands:
                best = min(cands, key=lambda p: ((p["lat"] - lat) ** 2 + (p["lon"] - lon) ** 2, p["source_id"]))
                return best["admin1"]
        return None

    def add_natural_earth(self) -> None:
        d = json.load(open(self.geo / "naturalearth/ne_10m_populated_places_target.geojson", encoding="utf-8"))
        for f in sorted(d["features"], key=lambda f: (f["properties"]["ISO_A2"], f["properties"]["NAME"])):
            p = f["properties"]
            cc, name = p["ISO_A2"], p["NAME"]
            if cc not in COUNTRIES:
                continue
            lat, lon = round(p["LATITUDE"], 5), round(p["LONGITUDE"], 5)
            pop = int(p.get("POP_MAX") or 0)
            fcode = "PPLC" if p["FEATURECLA"].startswith("Admin-0 capital") else "PPLA" if p["FEATURECLA"] == "Admin-1 capital" else None
            k = normalise(name)
            match = [i for i in self.index_for(k) if self.places[i]["cc"] == cc and self.places[i]["kind"] == "locality"
                     and not is_feature(self.places[i]) and abs(self.places[i]["lat"] - lat) < 0.15
                     and abs(self.places[i]["lon"] - lon) < 0.15]
            if match:
                for i in match:
                    q = self.places[i]
                    q["pop"] = max(q["pop"], pop)
                    if fcode and not (q["fcode"] or "").startswith(("PPLA", "PPLC")):
                        q["fcode"] = fcode
                continue
            grid = self._grid
            place = dict(name=name, cc=cc, kind="locality", lat=lat, lon=lon, admin1=self.nearest_admin1(grid, cc, lat, lon),
                         admin2=None, pop=pop, fcode=fcode or "PPL", source="naturalearth", source_id=str(p.get("NE_ID") or name),
                         mz=1, gn=None)
            self.add(place, [p["NAMEASCII"]] if p.get("NAMEASCII") else [])

    def index_for(self, key: str) -> list[int]:
        if not hasattr(self, "_index"):
            self._index = defaultdict(list)
            for k, i in self.keys:
                self._index[k].append(i)
        return self._index.get(key, [])

    def add_wof_counties(self) -> None:
        """Admin-2 units named by WOF county and Nigeria's LGAs, with a point."""
        groups = defaultdict(list)
        for p in self.places:
            if p["kind"] == "locality" and p["admin2"] and p["admin1"] and p["source"] == "wof":
                groups[(p["cc"], normalise(p["admin2"]), p["admin1"])].append(p)
        have = {(p["cc"], normalise(p["name"]), p["admin1"]) for p in self.places if p["kind"] == "admin2"}
        for (cc, k, a1), ps in sorted(groups.items()):
            if cc == "NG" or (cc, k, a1) in have or len(ps) < 3:
                continue
            name = Counter(p["admin2"] for p in ps).most_common(1)[0][0]
            lat = round(sum(p["lat"] for p in ps) / len(ps), 4)
            lon = round(sum(p["lon"] for p in ps) / len(ps), 4)
            self.add(dict(name=name, cc=cc, kind="admin2", lat=lat, lon=lon, admin1=a1, admin2=name, pop=0, fcode="ADM2",
                          source="wof", source_id=f"county:{name}", mz=0, gn=None))
        states = json.load(open(self.geo / "nigeria/ng_state_lga_wards_full.json", encoding="utf-8"))
        for st in sorted(states, key=lambda s: s["state"]):
            a1 = self.old_admin1("NG", st["state"]) or self.old_admin1("NG", st["state"].replace(" State", ""))
            if a1 is None and normalise(st["state"]) in ("fct", "abuja", "federal capital territory"):
                a1 = "Federal Capital Territory"
            for lga in sorted(st["lgas"], key=lambda x: x["name"]):
                pts = [(w["latitude"], w["longitude"]) for w in lga["wards"] if w.get("latitude") is not None]
                if not pts:
                    continue
                lat = round(sum(p[0] for p in pts) / len(pts), 4)
                lon = round(sum(p[1] for p in pts) / len(pts), 4)
                self.add(dict(name=lga["name"], cc="NG", kind="admin2", lat=lat, lon=lon, admin1=a1, admin2=lga["name"],
                              pop=0, fcode="ADM2", source="ng-lga", source_id=f"{st['state']}/{lga['name']}", mz=0, gn=None))

    def add_supplement(self, path: Path) -> int:
        n = 0
        rows = load_tsv(path)
        for r in rows:
            if r["kind"] == "alias":
                continue
            lat = float(r["latitude"]) if r["latitude"] else None
            lon = float(r["longitude"]) if r["longitude"] else None
            self.add(dict(name=r["name"], cc=r["country_code"], kind=r["kind"], lat=lat, lon=lon,
                          admin1=r["admin1"] or None, admin2=r["admin2"] or None, pop=int(r["population"] or 0),
                          fcode=r["feature_code"] or None, source="supplement", source_id=r["name"], mz=1, gn=None,
                          new=r["admin1_new"] or None))
            n += 1
        index = defaultdict(list)
        for k, i in self.keys:
            index[k].append(i)
        for r in rows:
            if r["kind"] != "alias":
                continue
            for i in index.get(normalise(r["alias_of"]), []):
                if self.places[i]["cc"] == r["country_code"]:
                    self.keys.add((normalise(r["name"]), i))
                    n += 1
        return n

    def add_admin1_places(self, rows: list[dict]) -> None:
        for r in rows:
            names = [a for a in r["aliases"].split("|") if a]
            new = r["admin1_new"] or None
            self.add(dict(name=r["name"], cc=r["country_code"], kind="admin1", lat=r["latitude"] or None,
                          lon=r["longitude"] or None, admin1=r["admin1"], admin2=None, pop=0, fcode="ADM1",
                          source="ocha" if r["pcode"] else "reform", source_id=r["pcode"] or r["name"], mz=1, gn=None,
                          new=new if new != r["admin1"] else None), names)

    def add_countries(self) -> None:
        import pycountry

        fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        ocha0 = json.load(open(self.geo / "boundaries/ocha_wca_admbnda_adm0_ocha.json", encoding="utf-8"))
        points = {f["properties"]["admin0Pcod"]: geometry_point(f["geometry"]) for f in ocha0["features"]}
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            names = {c.name, fr.gettext(c.name)}
            for attr in ("common_name",):
                if getattr(c, attr, None):
                    names.add(getattr(c, attr))
                    names.add(fr.gettext(getattr(c, attr)))
            names.update(a for a in COUNTRY_EXTRA.get(c.alpha_2, "").split("|") if a)
            names = {n for n in names if "," not in n and "(" not in n}
            name = getattr(c, "common_name", None) or c.name
            lat, lon = points.get(c.alpha_2, (None, None))
            self.add(dict(name=name, cc=c.alpha_2, kind="country", lat=lat, lon=lon, admin1=None, admin2=None, pop=0,
                          fcode="PCLI", source="pycountry", source_id=c.alpha_3, mz=1, gn=None), sorted(names))

    # -- output ---------------------------------------------------------------------
    def finish(self) -> None:
        for p in self.places:
            if p["kind"] in ("locality", "admin2"):
                if p["admin1"] is None and p.get("new") is None:
                    continue
                if "new" not in p or p["new"] is None:
                    p["new"] = self.new_admin1(p["cc"], p["admin1"], p["admin2"] if p["kind"] == "locality" else p["name"])

    def write_sqlite(self, path: Path) -> None:
        if path.exists():
            path.unlink()
        db = sqlite3.connect(path)
        db.executescript(
            """
            PRAGMA page_size = 4096;
            CREATE TABLE admin (id INTEGER PRIMARY KEY, cc TEXT, admin1 TEXT, admin2 TEXT, admin1_new TEXT);
            CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, lat REAL, lon REAL, admin INTEGER,
                                pop INTEGER, fcode TEXT, source TEXT, source_id TEXT, prominence INTEGER);
            CREATE TABLE name (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            """
        )
        admins: dict[tuple, int] = {}
        place_rows = []
        for i, p in enumerate(self.places):
            a = (p["cc"], p["admin1"], p["admin2"], p.get("new"))
            if a not in admins:
                admins[a] = len(admins)
            place_rows.append((i, p["name"], p["kind"], p["lat"], p["lon"], admins[a], p["pop"], p["fcode"], p["source"],
                               p["source_id"], prominence(p)))
        db.executemany("INSERT INTO admin VALUES (?,?,?,?,?)", [(i, *a) for a, i in admins.items()])
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        db.executemany("INSERT INTO name VALUES (?,?)", sorted(self.keys))
        db.execute("INSERT INTO meta VALUES ('format', '1')")
        db.commit()
        db.execute("VACUUM")
        db.close()


def name_keys(name: str) -> list[str]:
    """Lookup keys of a name: its normalised form, and without spaces for a name of several words.

    "Bani Bangou" is also found as "Banibangou", "Ti-n-Zaouatene" as "Tinzaouatene".
    """
    key = normalise(name)
    if not key:
        return []
    compact = key.replace(" ", "")
    return [key, compact] if compact != key and len(compact) >= 5 else [key]


_FEATURE_WORDS = re.compile(
    r"\b(?:parc|park|national|nationale|game|forest|for[êe]t|class[ée]e|reserve|r[ée]serve|totale|partielle|de\s+faune|faune|"
    r"wildlife|strict|nature|temporaire|botanique|zone|cyn[ée]g[ée]tique|military|militaire|base|camp|mine|d['’]or|gold|airport|"
    r"a[ée]roport|airfield|a[ée]rodrome|barrage|dam|du|de|la|le|les|des|d['’]|l['’]|of|the)\b", re.I)


def is_feature(place: dict) -> bool:
    """A park, forest, base, airport, mine or dam (never merged with a town of its core name)."""
    return (place.get("fcode") or "") in FEATURE_CODES


def feature_core(name: str) -> str | None:
    """The proper name inside a feature's name: 'Parc National de la Pendjari' -> 'Pendjari'.

    None when too little is left to be a name (a park called 'W').
    """
    core = " ".join(_FEATURE_WORDS.sub(" ", name).replace("’", " ").split()).strip(" -'")
    return core if len(core) >= 4 and core.lower() != name.lower() else None


def clean_admin2(name: str) -> str:
    """'Province du Soum' -> 'Soum'; 'Cercle de Ménaka' -> 'Ménaka'; 'Nioro Cercle' -> 'Nioro'."""
    name = re.sub(r"^(Province|Cercle|Département|Departement|Préfecture|Prefecture|Région|Region|Commune)\s+(du |de la |de l'|de l’|des |de |d'|d’)?",
                  "", name.strip(), flags=re.I)
    name = re.sub(r"\s+(Cercle|Department|Département|Prefecture|Province)$", "", name, flags=re.I)
    return name.strip()


def prominence(p: dict) -> int:
    """A 0..100 prior: admin seats, population and WOF's 'current' flag."""
    if p["kind"] == "country":
        return 100
    if p["kind"] == "admin1":
        return 90
    score = 0
    fc = p["fcode"] or ""
    score += {"PPLC": 60, "PPLA": 45, "PPLA2": 35, "PPLA3": 20, "PPLA4": 10, "ADM2": 30}.get(fc, 0)
    if p["pop"] > 0:
        score += min(30, int(5 * math.log10(p["pop"] + 1)))
    if p.get("mz") == 1:
        score += 15
    if p["source"] == "supplement":
        score += 10
    if fc in FEATURE_CODES:
        return 0  # a park or a forest never beats a town of the same name; a cue ("parc de la X") finds it
    if p["source"] in ("osm", "safesignal"):
        # Villages only a secondary source knows: found when the text names them with a cue
        # ("the village of X", "in X"), never preferred over a namesake the main sources know.
        score = min(score, 20)
    return min(score, 99)


def write_admin1_tsv(rows: list[dict], path: Path) -> None:
    cols = ["country_code", "name", "admin1", "admin1_new", "pcode", "aliases", "latitude", "longitude", "note"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r in sorted(rows, key=lambda r: (r["country_code"], r["admin1"], r["name"])):
            w.writerow(r)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geo", type=Path, default=ROOT.parent / "shared" / "geo", help="folder of the shared geodata")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "harmattan" / "data" / "geo")
    args = ap.parse_args(argv)
    b = Builder(args.geo, args.out)
    rows = b.build_admin1()
    a1codes, a2codes = b.load_geonames_admin()
    b.add_wof()
    b.add_geonames(a1codes, a2codes)
    b._grid = b.grid()
    b.add_natural_earth()
    b.add_wof_counties()
    n_osm = b.add_osm()
    n_ss = b.add_safesignal()
    b.add_new_units(rows)
    b.add_admin1_places(rows)
    b.add_countries()
    n_sup = b.add_supplement(args.out / "supplement.tsv")
    b.finish()
    write_admin1_tsv(rows, args.out / "admin1.tsv")
    b.write_sqlite(args.out / "gazetteer.sqlite")
    kinds = Counter(p["kind"] for p in b.places)
    size = os.path.getsize(args.out / "gazetteer.sqlite")
    sources = Counter(p["source"] for p in b.places)
    print(f"places {len(b.places)} {dict(kinds)}; by source {dict(sources)}; OSM rows read {n_osm}, SafeSignal rows read {n_ss}; "
          f"keys {len(b.keys)}; supplement rows {n_sup}; "
          f"admin1 rows {len(rows)}; sqlite {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
