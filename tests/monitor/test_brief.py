"""The weekly brief: figures against the previous weeks, deadliest events with sources, new places, map, chart."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from harmattan.monitor.brief import load_brief, parse_week, render_brief_html
from harmattan.monitor.feeds import FeedItem, build_item_document
from harmattan.store.ingest import ingest_document

REPORTS = [  # (published, title, text), in our own words
    (dt.date(2025, 5, 28), "Herders killed near Banikoara",
     "Gunmen killed four herders near Banikoara, in Alibori department, Benin, on Tuesday, residents said."),
    (dt.date(2025, 6, 13), "Soldiers killed in Karimama",
     "Suspected jihadists killed 15 soldiers in an attack on a military post near Karimama, in Alibori department "
     "in northern Benin, on Tuesday, the army said."),
    (dt.date(2025, 6, 13), "Attack near Tanguiéta",
     "Gunmen killed eight civilians in a village near Tanguiéta, in Atacora department, Benin, on Thursday, "
     "local officials said."),
]


@pytest.fixture
def db(tmp_path, settings):
    from harmattan.store import connect
    url = f"sqlite:///{tmp_path / 'brief.sqlite'}"
    engine = connect(url)
    for n, (published, title, text) in enumerate(REPORTS):
        doc = build_item_document(FeedItem(str(n), f"https://news.example/{n}", title, text, published), "desk", None)
        ingest_document(engine, doc, settings)
    return engine, str(tmp_path / "brief.sqlite")


def test_brief_data_and_page(db):
    engine, _ = db
    brief = load_brief(engine, parse_week("2025-W24"), ["BJ"])
    [bj] = brief["countries"]
    assert (bj["events"], bj["fatalities"]) == (2, 23)
    assert [w["week"] for w in bj["weeks"]] == ["2025-W20", "2025-W21", "2025-W22", "2025-W23", "2025-W24"]
    assert [w["fatalities"] for w in bj["weeks"]] == [0, 0, 4, 0, 23] and bj["avg_fatalities"] == 1.0
    assert [e["place"] for e in bj["deadliest"]] == ["Karimama, Alibori", "Tanguiéta, Atacora"]
    assert bj["deadliest"][0]["sources"][0]["url"] == "https://news.example/1"
    assert {p["location"] for p in bj["new_places"]} == {"Karimama", "Tanguiéta"}
    assert bj["actors"] and len(bj["points"]) == 2
    page = render_brief_html(brief)
    assert "Security trends: week 2025-W24" in page and "Benin" in page and "up 2200%" in page
    assert page.count("<svg") == 2 and "<circle" in page and "<rect" in page
    # self-contained: no script, stylesheet, image or frame fetched from anywhere
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b|\bsrc=|url\(", page, re.IGNORECASE)


def test_brief_command(cli, db, tmp_path):
    _, path = db
    out = tmp_path / "brief.html"
    proc = subprocess.run([cli, "brief", "--week", "2025-W24", "--db", path, "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "1 countries" in proc.stderr and "Karimama" in out.read_text(encoding="utf-8")
    bad = subprocess.run([cli, "brief", "--week", "June", "--db", path, "-o", str(out)], capture_output=True, text=True)
    assert bad.returncode == 2 and "2025-W23" in bad.stderr


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("wkhtmltopdf")), reason="no PDF converter installed")
def test_brief_pdf(cli, db, tmp_path):
    _, path = db
    out = tmp_path / "brief.pdf"
    proc = subprocess.run([cli, "brief", "--week", "2025-W24", "--country", "BJ", "--db", path, "-o", str(out)],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF") and (tmp_path / "brief.html").is_file()
