"""Inline SVG for the brief: a weekly bar chart and a point map (pure: numbers in, markup out).

>>> svg = bar_chart([("W20", 3, 10), ("W21", 1, 0)], title="Fatalities")
>>> svg.startswith("<svg") and "W21" in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
True
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape


def bar_chart(weeks: Sequence[tuple[str, int, int]], title: str = "", width: int = 480, height: int = 200) -> str:
    """Bars of fatalities per week, the number of events written above each bar; the last bar is highlighted.

    ``weeks`` holds ``(label, events, fatalities)`` in time order.
    """
    pad_l, pad_b, pad_t = 36, 28, 24
    top = max([f for _, _, f in weeks] + [1])
    step = (width - pad_l - 8) / max(1, len(weeks))
    bar_h = height - pad_b - pad_t
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="11">',
           f'<text x="{pad_l}" y="14" font-weight="bold">{escape(title)}</text>',
           f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 4}" y2="{height - pad_b}" stroke="#888"/>',
           f'<text x="{pad_l - 4}" y="{pad_t + 4}" text-anchor="end">{top}</text>',
           f'<text x="{pad_l - 4}" y="{height - pad_b}" text-anchor="end">0</text>']
    for n, (label, events, deaths) in enumerate(weeks):
        h = bar_h * deaths / top
        x = pad_l + n * step + step * 0.15
        w = step * 0.7
        y = height - pad_b - h
        colour = "#b2182b" if n == len(weeks) - 1 else "#999"
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}">'
                   f"<title>{escape(label)}: {deaths} killed, {events} events</title></rect>")
        out.append(f'<text x="{x + w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{deaths} ({events})</text>')
        out.append(f'<text x="{x + w / 2:.1f}" y="{height - pad_b + 14}" text-anchor="middle">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def point_map(points: Sequence[tuple[float, float, int, str]], context: Sequence[tuple[float, float, str]] = (),
              width: int = 480, title: str = "") -> str:
    """Events as circles (area by fatalities) on a plain longitude/latitude plot, regional seats as grey dots.

    ``points`` holds ``(lat, lon, fatalities, label)``; ``context`` ``(lat, lon, name)`` fixes the frame.

    >>> "<circle" in point_map([(14.5, -4.2, 12, "Mopti")], [(12.6, -8.0, "Bamako")])
    True
    """
    lats = [p[0] for p in points] + [c[0] for c in context]
    lons = [p[1] for p in points] + [c[1] for c in context]
    if not lats:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" font-family="sans-serif" '
                f'font-size="12"><text x="4" y="24">No located events.</text></svg>')
    south, north = min(lats) - 0.5, max(lats) + 0.5
    west, east = min(lons) - 0.5, max(lons) + 0.5
    kx = math.cos(math.radians((north + south) / 2))  # keep distances roughly true in the middle latitude
    span_x, span_y = (east - west) * kx, north - south
    height = max(120, min(640, int(width * span_y / max(span_x, 1e-6))))
    sx, sy = (width - 20) / max(span_x, 1e-6), (height - 20) / max(span_y, 1e-6)
    scale = min(sx, sy)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 10 + (lon - west) * kx * scale, 10 + (north - lat) * scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="10">',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f7f4ee" stroke="#ccc"/>']
    for lat, lon, name in context:
        x, y = xy(lat, lon)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#aaa"/>'
                   f'<text x="{x + 3:.1f}" y="{y - 3:.1f}" fill="#888">{escape(name)}</text>')
    for lat, lon, deaths, label in sorted(points, key=lambda p: -p[2]):
        x, y = xy(lat, lon)
        r = 3 + 2.5 * math.sqrt(max(deaths, 0))
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#b2182b" fill-opacity="0.55" stroke="#67001f">'
                   f"<title>{escape(label)}</title></circle>")
    out.append(f'<text x="{width - 6}" y="{height - 6}" text-anchor="end" fill="#666">'
               f"{south + 0.5:.1f}..{north - 0.5:.1f}°N, {west + 0.5:.1f}..{east - 0.5:.1f}°E</text></svg>")
    return "".join(out)
