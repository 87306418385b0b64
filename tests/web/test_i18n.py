"""The interface in French and English: complete catalogues, the browser's language, a switch kept in a cookie."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from harmattan.web import i18n

TEMPLATES = Path(i18n.__file__).parent / "templates"


def template_messages() -> set[str]:
    found = set()
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= {m.replace('\\"', '"') for m in re.findall(r'(?<![\w.])_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', text)}
        found |= set(re.findall(r"(?<![\w.])_\(\s*'((?:[^'\\]|\\.)*)'\s*\)", text))
    return found


def test_every_message_of_the_templates_has_a_french_translation():
    from babel.messages.pofile import read_po
    with open(i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle, locale="fr")
    messages = template_messages()
    assert len(messages) > 80
    missing = sorted(m for m in messages if not (catalog.get(m) and catalog.get(m).string))
    assert missing == []


def test_french_from_the_browser_language(client):
    r = client.get("/events", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"})
    assert r.status_code == 200 and r.headers["content-language"] == "fr"
    assert '<html lang="fr">' in r.text and ">Événements</a>" in r.text
    english = client.get("/events", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.text and ">Events</a>" in english.text


def test_the_choice_is_kept_in_a_cookie(client):
    r = client.get("/actors", params={"lang": "fr"}, headers={"Accept-Language": "en"})
    assert "Acteurs" in r.text and r.cookies.get(i18n.COOKIE) == "fr"
    again = client.get("/actors", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in again.text
    client.get("/actors", params={"lang": "en"})
    assert '<html lang="en">' in client.get("/actors", headers={"Accept-Language": "fr"}).text
    client.cookies.clear()


def test_dates_and_numbers_in_the_locale(client):
    assert i18n.number("fr")(1234) == "1\u202f234" and i18n.number("en")(1234) == "1,234"
    assert i18n.day("fr")("2025-06-08") == "8 juin 2025" and i18n.day("en")("2025-06-08") == "Jun 8, 2025"
    (mokwa,) = client.get("/api/events", params={"type": "Disaster"}).json()["events"]
    page = client.get(f"/events/{mokwa['event_id']}", params={"lang": "fr"}).text
    assert "29 mai 2025" in page and "tués" in page
    client.cookies.clear()


@pytest.mark.browser
def test_french_interface_in_the_browser(chromium, server, screenshots):
    context = chromium.new_context(locale="fr-FR", base_url=server.url, viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url) else route.abort())
    page = context.new_page()
    try:
        page.goto("/events")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("header nav").inner_text().split()[:2] == ["Carte", "Événements"]
        assert page.locator("#filters button[type=submit]").inner_text() == "Appliquer"
        page.screenshot(path=str(screenshots / "events-fr.png"))
        page.click("#langs a[hreflang=en]")
        page.wait_for_url(re.compile(r"lang=en"))
        assert page.locator("#filters button[type=submit]").inner_text() == "Apply"
        page.goto("/actors")  # the choice holds without the parameter
        assert page.locator("h1").inner_text() == "Actors"
    finally:
        context.close()
