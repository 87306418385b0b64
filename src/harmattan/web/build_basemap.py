"""Derive the map's offline base layer (``static/basemap.geojson``) from OCHA's admin boundaries.

Reads ``boundaries/ocha_wca_admbnda_adm0_ocha.json`` and ``..._adm1_ocha.json``
of the shared geodata folder (OCHA ROWCA West & Central Africa boundaries,
CC BY, via WFP-VAM/prism-app; see ``../shared/geo/PROVENANCE.md``), simplifies
every ring (Douglas-Peucker), rounds coordinates and writes one compact
GeoJSON with ``level`` 0 (countries) and 1 (regions). Run it again when the
boundaries change::

    .venv/bin/python -m harmattan.web.build_basemap ../shared/geo/boundaries

>>> simplify([(0, 0), (1, 0.001), (2, 0), (2, 2)], 0.01)
[(0, 0), (2, 0), (2, 2)]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).parent / "static" / "basemap.geojson"
ATTRIBUTION = "Boundaries: OCHA ROWCA West & Central Africa administrative boundaries (CC BY), via WFP-VAM/prism-app"


def _distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker on a line (iterative, so long rings do not hit the recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def _ring(ring: list, tolerance: float, digits: int) -> list | None:
    pts = simplify([tuple(p[:2]) for p in ring], tolerance)
    pts = [[round(x, digits), round(y, digits)] for x, y in pts]
    out = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    if len(out) < 4:
        return None  # a sliver or islet below the resolution of the base map
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def simplify_geometry(geometry: dict, tolerance: float, digits: int = 3) -> dict | None:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [r for r in (_ring(ring, tolerance, digits) for ring in polygon) if r]
        if rings and rings[0] == _ring(polygon[0], tolerance, digits):
            kept.append(rings)
    if not kept:
        return None
    return {"type": "MultiPolygon", "coordinates": kept}


def build(boundaries: Path, tolerance: float = 0.02) -> dict:
    """The base-layer FeatureCollection (countries then regions)."""
    features = []
    for level, name, keys in ((0, "ocha_wca_admbnda_adm0_ocha.json", ("admin0Name", "admin0Pcod")),
                              (1, "ocha_wca_admbnda_adm1_ocha.json", ("admin1Name", "admin1Pcod"))):
        data = json.loads((boundaries / name).read_text(encoding="utf-8"))
        for f in data["features"]:
            geometry = simplify_geometry(f["geometry"], tolerance)
            if geometry is None:
                continue
            props = f["properties"]
            features.append({"type": "Feature", "geometry": geometry, "properties": {
                "level": level, "name": props.get(keys[0]), "pcode": props.get(keys[1]),
                "country": props.get("admin0Name"), "country_code": props.get("admin0Pcod")}})
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("boundaries", nargs="?", default=str(Path(__file__).resolve().parents[4] / "shared" / "geo" / "boundaries"),
                        help="folder with the OCHA adm0/adm1 GeoJSON (default ../shared/geo/boundaries)")
    parser.add_argument("-o", "--output", default=str(OUT))
    parser.add_argument("--tolerance", type=float, default=0.02, help="simplification, in degrees (0.02 is about 2 km)")
    args = parser.parse_args(argv)
    folder = Path(args.boundaries)
    if not folder.is_dir():
        print(f"build_basemap: no folder {folder}", file=sys.stderr)
        return 1
    collection = build(folder, args.tolerance)
    Path(args.output).write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"build_basemap: {len(collection['features'])} features, {Path(args.output).stat().st_size // 1024} KiB "
          f"-> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
