"""The interface in English and French: message catalogues (Babel ``.po`` files), the language of a request.

The language is, in order: ``?lang=`` in the URL (then kept in a cookie), the
``harmattan_lang`` cookie, the browser's ``Accept-Language``, else English.
Catalogues are read from ``locale/<lang>/LC_MESSAGES/messages.po`` once and
compiled in memory; dates and numbers are formatted for the language by Babel.

>>> choose_language({}, {}, "fr-FR,fr;q=0.9,en;q=0.5")
'fr'
>>> choose_language({"lang": "en"}, {"harmattan_lang": "fr"}, "fr")
'en'
>>> gettext_for("fr")("Events")
'Événements'
"""
from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Mapping
from pathlib import Path

from babel.core import negotiate_locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "fr")
DEFAULT = "en"
COOKIE = "harmattan_lang"
LOCALE_DIR = Path(__file__).parent / "locale"


def _accepted(header: str) -> list[str]:
    """Languages of an Accept-Language header, preferred first (``fr-FR`` as ``fr_FR``)."""
    weighted = []
    for i, part in enumerate(header.split(",")[:20]):
        lang, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if lang and lang != "*":
            weighted.append((-quality, i, lang.replace("-", "_")))
    return [lang for _, _, lang in sorted(weighted)]


def choose_language(params: Mapping, cookies: Mapping, accept_language: str | None) -> str:
    """The interface language of a request (one of :data:`LANGUAGES`)."""
    for chosen in (params.get("lang"), cookies.get(COOKIE)):
        if chosen in LANGUAGES:
            return chosen
    found = negotiate_locale(_accepted(accept_language or ""), list(LANGUAGES), sep="_")
    if found:
        return found.split("_")[0]
    for lang in _accepted(accept_language or ""):  # fr_BE and the like
        if lang.split("_")[0].lower() in LANGUAGES:
            return lang.split("_")[0].lower()
    return DEFAULT


@functools.lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of a language (English: the messages as written)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not path.exists():
        return NullTranslations()
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


def number(lang: str) -> Callable:
    """A formatter of whole numbers for the language (``1 234`` in French, ``1,234`` in English)."""
    def fmt(value) -> str:
        return "" if value is None else format_decimal(value, locale=lang)
    return fmt


def day(lang: str) -> Callable:
    """A formatter of ISO days for the language (``8 juin 2025``, ``Jun 8, 2025``); other text unchanged."""
    def fmt(value) -> str:
        if not value:
            return ""
        try:
            return format_date(dt.date.fromisoformat(str(value)[:10]), format="medium", locale=lang)
        except ValueError:
            return str(value)
    return fmt
