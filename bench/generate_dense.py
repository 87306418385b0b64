"""Generate a dense one-country stream: N distinct incidents in N distinct villages within 90 days.

The hard case for merging: one country's reports crowding one season (the
central Sahel in a bad one). Every document reports one incident of its own,
in a village no other document names, so a correct merger keeps every report
apart; the share of reports merged with another incident is the error.
Villages are the gazetteer's localities of the country whose name is unique in
the whole gazetteer (so the place finder cannot take one for another). Texts
are composed here from our own templates; nothing is copied from the press.
The same seed gives the same bytes.

Usage::

    python bench/generate_dense.py OUT.jsonl [--docs 1500] [--country BF] [--seed 7]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent.parent / "src" / "harmattan" / "data" / "geo" / "gazetteer.sqlite"
COUNTRY_NAMES = {"BF": ("Burkina Faso", "Burkina Faso"), "ML": ("Mali", "Mali"), "NE": ("Niger", "Niger"),
                 "NG": ("Nigeria", "Nigeria")}
FIRST_DAY = dt.date(2025, 3, 1)
SPAN_DAYS = 90
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}
# One incident per template: {n} a toll, {v} the village, {r} its region, {c} the country, {d} the date.
TEMPLATES = {
    "en": [
        "Armed men killed {n} civilians in the village of {v}, in the {r} region of {c}, on {d}, residents told reporters.",
        "Soldiers fought militants near {v}, {r} region, {c}, on {d}; {n} soldiers died in the fighting, an army source said.",
        "A roadside bomb struck a military convoy near {v} in the {r} region of {c} on {d}, killing {n} soldiers.",
        "Jihadists attacked {v}, a village in {c}'s {r} region, on {d} and killed {n} villagers, local officials said.",
    ],
    "fr": [
        "Des hommes armés ont tué {n} civils dans le village de {v}, dans la région {r} au {c}, le {d}, selon des habitants.",
        "Des soldats ont affronté des terroristes près de {v}, région {r}, {c}, le {d} ; {n} militaires ont été tués, selon une source sécuritaire.",
        "Un engin explosif a frappé un convoi militaire près de {v}, dans la région {r} au {c}, le {d}, tuant {n} soldats.",
        "Des jihadistes ont attaqué le village de {v}, région {r}, {c}, le {d}, et tué {n} habitants, selon des élus locaux.",
    ],
}


def load_villages(country: str) -> list[tuple[str, str]]:
    """(village, admin-1) of the country's localities whose one-word name no other place of the gazetteer has."""
    conn = sqlite3.connect(f"file:{GAZETTEER}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT p.name, a.admin1 FROM place p JOIN admin a ON a.id = p.admin "
        "WHERE a.cc = ? AND p.kind = 'locality' AND p.name NOT LIKE '% %' AND p.name NOT LIKE '%-%' "
        "AND length(p.name) >= 5 AND a.admin1 IS NOT NULL "
        "AND (SELECT count(*) FROM name n WHERE n.key = lower(p.name)) = 1 ORDER BY p.name", (country,)).fetchall()
    conn.close()
    return [(name, admin1) for name, admin1 in rows if name.isalpha()]


def _date(day: dt.date, lang: str) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def generate(n_docs: int, country: str = "BF", seed: int = 7) -> Iterator[dict]:
    """Documents of ``n_docs`` distinct incidents, each in its own village, within 90 days."""
    rng = random.Random(seed)
    villages = load_villages(country)
    if len(villages) < n_docs:
        raise SystemExit(f"only {len(villages)} villages of {country} have a unique name; ask for fewer documents")
    rng.shuffle(villages)
    for i, (village, region) in enumerate(villages[:n_docs]):
        lang = rng.choice(("en", "fr"))
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        published = day + dt.timedelta(days=rng.randrange(3))
        text = rng.choice(TEMPLATES[lang]).format(
            n=rng.randint(2, 60), v=village, r=region, c=COUNTRY_NAMES[country][lang == "fr"], d=_date(day, lang))
        yield {"url": f"https://dense.example/{country.lower()}/{i}", "published": published.isoformat(),
               "language": lang, "source": "dense", "title": f"{village}", "text": text, "village": village}


def write_stream(path: str | Path, n_docs: int, country: str = "BF", seed: int = 7) -> int:
    with open(path, "w", encoding="utf-8") as out:
        for doc in generate(n_docs, country, seed):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return n_docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--country", default="BF", choices=sorted(COUNTRY_NAMES))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_stream(args.out, args.docs, args.country, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
