"""The weekly security brief: per country, the week against the four before it.

:func:`load_brief` reads the store into plain data; :func:`render_brief_html`
turns that into one self-contained HTML page (inline CSS and SVG, no script,
no external resource); :func:`write_pdf` prints it to PDF when Chromium or
wkhtmltopdf is installed (never required).

>>> parse_week("2025-W23")
datetime.date(2025, 6, 2)
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from importlib import resources
from pathlib import Path

from ..store import Store
from ..store.event_queries import country_codes
from ..store.query import EventFilter, query_events, weekly_counts
from .rules import event_actors
from .svg import bar_chart, point_map

_PREVIOUS_WEEKS = 4
_NEW_PLACE_DAYS = 182  # a place is "new" when it had no event in the half year before the week


def parse_week(value: str) -> dt.date:
    """The Monday of an ISO week ``YYYY-Www``; ValueError otherwise."""
    m = re.fullmatch(r"(\d{4})-?W(\d{1,2})", value.strip(), re.IGNORECASE)
    if not m:
        raise ValueError(f"expected an ISO week like 2025-W23, not {value!r}")
    try:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError as exc:
        raise ValueError(f"no such week: {value} ({exc})") from None


def _week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def load_admin1_seats(country: str) -> list[tuple[float, float, str]]:
    """Regions of a country with a reference point, from the packaged ``data/geo/admin1.tsv``."""
    path = resources.files("harmattan") / "data" / "geo" / "admin1.tsv"
    out = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["country_code"] == country and row["latitude"] and row["longitude"]:
                out.append((float(row["latitude"]), float(row["longitude"]), row["name"]))
    return out


def load_brief(engine: Store, monday: dt.date, countries: list[str] | None = None, top: int = 5) -> dict:
    """Everything the brief shows for the week starting ``monday`` (plain data, JSON-ready)."""
    sunday = monday + dt.timedelta(days=6)
    start = monday - dt.timedelta(weeks=_PREVIOUS_WEEKS)
    if not countries:
        countries = country_codes(engine, monday.isoformat(), sunday.isoformat())
    sections = []
    for code in countries:
        week_events = list(query_events(engine, EventFilter(country=code, since=monday.isoformat(), until=sunday.isoformat())))
        counts = {c["week"]: c for c in weekly_counts(
            engine, EventFilter(country=code, since=start.isoformat(), until=sunday.isoformat()), by_country=False)}
        weeks = []
        for n in range(_PREVIOUS_WEEKS, -1, -1):
            m = monday - dt.timedelta(weeks=n)
            c = counts.get(m.isoformat(), {"events": 0, "fatalities": 0})
            weeks.append({"week": _week_label(m), "monday": m.isoformat(), "events": c["events"], "fatalities": c["fatalities"]})
        before = weeks[:-1]
        avg_events = sum(w["events"] for w in before) / len(before)
        avg_deaths = sum(w["fatalities"] for w in before) / len(before)
        earlier = query_events(engine, EventFilter(country=code, since=(monday - dt.timedelta(days=_NEW_PLACE_DAYS)).isoformat(),
                                                   until=(monday - dt.timedelta(days=1)).isoformat()))
        known = {(e.get("admin1"), e.get("location")) for e in earlier}
        new_places = sorted({(e.get("location") or "", e.get("admin1") or "") for e in week_events
                             if e.get("location") and (e.get("admin1"), e.get("location")) not in known})
        actors = Counter(a for e in week_events for a in set(event_actors(e)))
        deadliest = sorted(week_events, key=lambda e: (-(e.get("fatalities") or 0), e.get("event_date") or ""))[:top]
        points = [(e["latitude"], e["longitude"], e.get("fatalities") or 0,
                   f"{e.get('event_date')} {e.get('location') or e.get('admin1')}: {e.get('event_type')}, "
                   f"{e.get('fatalities') or 0} killed")
                  for e in week_events if e.get("latitude") is not None and e.get("longitude") is not None]
        name = next((e.get("country") for e in week_events if e.get("country")), None) or _country_name(code)
        sections.append({
            "code": code, "name": name, "events": len(week_events),
            "fatalities": sum(e.get("fatalities") or 0 for e in week_events),
            "avg_events": round(avg_events, 1), "avg_fatalities": round(avg_deaths, 1), "weeks": weeks,
            "deadliest": [{"event_id": e["event_id"], "date": e.get("event_date"), "type": e.get("event_type"),
                           "sub_type": e.get("sub_event_type"), "place": ", ".join(p for p in (e.get("location"), e.get("admin1")) if p),
                           "fatalities": e.get("fatalities") or 0, "actors": " vs ".join(a for a in (e.get("actor1"), e.get("actor2")) if a),
                           "notes": e.get("notes") or "",
                           "sources": [{"title": s.get("title") or s.get("url") or s.get("doc"), "url": s.get("url"),
                                        "published": s.get("published")} for s in e.get("sources", [])]}
                          for e in deadliest],
            "new_places": [{"location": loc, "admin1": a1} for loc, a1 in new_places],
            "actors": [{"actor": a, "events": n} for a, n in actors.most_common(10)],
            "points": points, "context": load_admin1_seats(code),
        })
    return {"week": _week_label(monday), "monday": monday.isoformat(), "sunday": sunday.isoformat(),
            "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="minutes"), "countries": sections}


def _country_name(code: str) -> str:
    import pycountry
    found = pycountry.countries.get(alpha_2=code)
    return found.name if found else code


_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Security trends, {{ b.week }}</title>
<style>
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{border-bottom:2px solid #b2182b;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#666;font-size:.9rem} table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
td,th{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top} .num{text-align:right}
.figures{display:flex;gap:2rem;margin:.5rem 0} .figures div{font-size:.9rem} .figures b{font-size:1.5rem;display:block}
.up{color:#b2182b} .down{color:#2166ac} .src{font-size:.8rem;color:#555} figure{margin:1rem 0}
@media print{h2{page-break-before:always} h2:first-of-type{page-break-before:avoid}}
</style></head><body>
<h1>Security trends: week {{ b.week }}</h1>
<p class="meta">{{ b.monday }} to {{ b.sunday }}. Events coded by Harmattan from news reports; the lowest credible
fatality count; compared with the average of the four weeks before. Generated {{ b.generated }}.</p>
{% if not b.countries %}<p>No events this week.</p>{% endif %}
{% for c in b.countries %}
<h2 id="{{ c.code }}">{{ c.name }}</h2>
<div class="figures">
 <div><b>{{ c.events }}</b>events ({{ trend(c.events, c.avg_events) }} against {{ c.avg_events }} a week)</div>
 <div><b>{{ c.fatalities }}</b>fatalities ({{ trend(c.fatalities, c.avg_fatalities) }} against {{ c.avg_fatalities }} a week)</div>
</div>
<figure>{{ chart(c) }}<figcaption class="meta">Fatalities per week (events in brackets); this week in red.</figcaption></figure>
<figure>{{ map(c) }}<figcaption class="meta">Events of the week (circle area by fatalities); grey: regional seats.</figcaption></figure>
<h3>Deadliest events</h3>
{% if c.deadliest %}<table><tr><th>date</th><th>event</th><th>place</th><th class="num">killed</th></tr>
{% for e in c.deadliest %}<tr><td>{{ e.date }}</td><td>{{ e.type }}{% if e.sub_type %} ({{ e.sub_type }}){% endif %}<br>
<span class="src">{{ e.actors }}</span><br>{{ e.notes }}<br><span class="src">Sources:
{% for s in e.sources %}{% if s.url %}<a href="{{ s.url }}">{{ s.title }}</a>{% else %}{{ s.title }}{% endif %}{% if s.published %} ({{ s.published }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}</span></td>
<td>{{ e.place }}</td><td class="num">{{ e.fatalities }}</td></tr>{% endfor %}</table>
{% else %}<p>No events this week.</p>{% endif %}
<h3>New places</h3>
<p>{% for p in c.new_places %}{{ p.location }}{% if p.admin1 %} ({{ p.admin1 }}){% endif %}{% if not loop.last %}, {% endif %}{% else %}None: every place had events in the previous six months.{% endfor %}</p>
<h3>Active actors</h3>
{% if c.actors %}<table><tr><th>actor</th><th class="num">events</th></tr>
{% for a in c.actors %}<tr><td>{{ a.actor }}</td><td class="num">{{ a.events }}</td></tr>{% endfor %}</table>{% else %}<p>None.</p>{% endif %}
{% endfor %}
</body></html>
"""


def _trend(now: float, usual: float) -> str:
    if usual == 0:
        return "none before" if now else "steady"
    change = 100.0 * (now - usual) / usual
    return "steady" if abs(change) < 5 else f"{'up' if change > 0 else 'down'} {abs(change):.0f}%"


def render_brief_html(brief: dict) -> str:
    """The brief as one self-contained HTML page."""
    from jinja2 import Environment
    from markupsafe import Markup

    env = Environment(autoescape=True)
    template = env.from_string(_TEMPLATE)
    return template.render(
        b=brief, trend=_trend,
        chart=lambda c: Markup(bar_chart([(w["week"][-3:], w["events"], w["fatalities"]) for w in c["weeks"]],
                                         title=f"{c['name']}: fatalities per week")),
        map=lambda c: Markup(point_map([tuple(p) for p in c["points"]], [tuple(x) for x in c["context"]],
                                       title=f"{c['name']}: events of {brief['week']}")))


def write_pdf(html_path: str | Path, pdf_path: str | Path, timeout: float = 120) -> str | None:
    """Print the HTML to PDF with Chromium (headless) or wkhtmltopdf; returns the converter used, or None."""
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            cmd = [exe, "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf_path}", html_path.as_uri()]
            break
    else:
        exe = shutil.which("wkhtmltopdf")
        if not exe:
            return None
        cmd = [exe, "--quiet", str(html_path), str(pdf_path)]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    if proc.returncode != 0 or not pdf_path.is_file():
        raise RuntimeError(f"{Path(exe).name} failed: {proc.stderr.decode(errors='replace')[-500:]}")
    return Path(exe).name


def brief_json(brief: dict) -> str:
    """The brief's data as JSON (for the web app, or a check)."""
    return json.dumps(brief, ensure_ascii=False, indent=2)
