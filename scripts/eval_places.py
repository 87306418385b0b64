#!/usr/bin/env python3
"""Evaluate place extraction on the shared gold cases (admin-1 and location accuracy).

For each case, every document's text goes through :func:`detect_countries`,
:func:`extract_places` and :func:`best_location` (no gold country is given);
the chosen place is compared with each non-optional gold event that codes an
admin-1 or a location, as ``../shared/eval/score.py`` compares them (names
accent-insensitive at word boundaries; points within the gold ``km``).

    python scripts/eval_places.py [--cases ../shared/eval/dev ../shared/eval/ucdp-ng] [-v]
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

from harmattan.places import best_location, detect_countries, extract_places

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CASES = [ROOT.parent / "shared" / "eval" / "dev", ROOT.parent / "shared" / "eval" / "ucdp-ng"]


def _norm(text: str) -> str:
    from harmattan.gazetteer import normalise

    return normalise(text)


def name_matches(pred: str | None, aliases) -> bool:
    """Same rule as the scorer: equal, or one contains the other at word boundaries."""
    if not pred:
        return False
    p = _norm(pred)
    for alias in aliases:
        a = _norm(alias)
        if a and (p == a or re.search(rf"\b{re.escape(a)}\b", p) or (len(p) > 3 and re.search(rf"\b{re.escape(p)}\b", a))):
            return True
    return False


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def case_prediction(docs: list[dict]):
    """Best place over the documents of a case (the first document that yields one)."""
    for d in docs:
        text = d.get("text") or ""
        if not text and d.get("html"):
            import trafilatura  # the loaders' job in the pipeline; here only to read the HTML case

            text = trafilatura.extract(d["html"], include_comments=False) or ""
            title = re.search(r"<title>(.*?)</title>", d["html"], re.S)
            if title:
                text = title.group(1).strip() + "\n" + text
        if d.get("title") and d["title"] not in text:
            text = d["title"] + "\n" + text
        mentions = extract_places(text, detect_countries(text))
        place, precision = best_location(mentions)
        if place is not None:
            return place, precision
    return None, 3


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", nargs="+", type=Path, default=DEFAULT_CASES)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = ap.parse_args(argv)
    for folder in args.cases:
        stats = {"admin1": [0, 0], "location": [0, 0], "country": [0, 0]}
        start = time.perf_counter()
        n_docs = 0
        for gold_path in sorted(folder.glob("*.gold.json")):
            docs_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".docs.jsonl"))
            docs = [json.loads(line) for line in docs_path.read_text(encoding="utf-8").splitlines() if line.strip()]
            n_docs += len(docs)
            place, _prec = case_prediction(docs)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            for ev in gold["events"]:
                if ev.get("optional"):
                    continue
                if ev.get("admin1"):
                    ok = place is not None and place.country_code == ev["country_code"] and (
                        name_matches(place.admin1, ev["admin1"]) or name_matches(place.admin1_new, ev["admin1"]))
                    stats["admin1"][0] += ok
                    stats["admin1"][1] += 1
                    if not ok and args.verbose:
                        print(f"admin1 miss {gold_path.name}: want {ev['admin1']} got {place and (place.name, place.admin1, place.country_code)}")
                loc = ev.get("location")
                if loc:
                    if place is None:
                        ok = False
                    elif loc.get("lat") is not None and place.latitude is not None:
                        ok = km(loc["lat"], loc["lon"], place.latitude, place.longitude) <= loc.get("km", 25)
                    else:
                        ok = name_matches(place.name, loc.get("names", []))
                    stats["location"][0] += ok
                    stats["location"][1] += 1
                    if not ok and args.verbose:
                        print(f"location miss {gold_path.name}: want {loc.get('names')} got {place and (place.name, place.kind, place.country_code, place.admin1)}")
                if place is not None:
                    stats["country"][0] += place.country_code == ev["country_code"]
                stats["country"][1] += 1
        secs = time.perf_counter() - start
        parts = [f"{k} {v[0]}/{v[1]} = {v[0] / v[1]:.2f}" for k, v in stats.items() if v[1]]
        print(f"{folder.name}: " + "; ".join(parts) + f"  ({n_docs} docs, {secs:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
