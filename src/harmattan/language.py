"""Tell English from French: a stop-word fast path, lingua for the rest.

Only the two languages of the project are considered. The lingua detector is
built on first use (it loads its models then, about a second), never at import.

>>> detect_language("The soldiers were killed in the attack on the village.")
'en'
>>> detect_language("Les soldats ont été tués lors de l'attaque du village.")
'fr'
>>> detect_language("12 345") is None
True
"""
from __future__ import annotations

import functools
import re

from . import lang

__all__ = ["detect_language", "guess_by_stopwords"]

# Words frequent in one language and rare in the other, from each language pack (lang/*/text.py).
_EN_WORDS = lang.words("text", "STOP_WORDS", ("en",))
_FR_WORDS = lang.words("text", "STOP_WORDS", ("fr",))
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_FR_ELISION = re.compile(r"^(?:" + "|".join(sorted(lang.words("text", "ELISIONS", ("fr",)))) + r")['’]", re.IGNORECASE)

# The fast path decides only when one language clearly dominates.
_MIN_HITS = 3
_RATIO = 3.0
# Both are given at most this many characters: enough to decide, cheap to run.
_SAMPLE_CHARS = 1000
# lingua's answer is kept only when it is this sure ("Boko Haram Kill 5, Borno" is 50/50).
_MIN_CONFIDENCE = 0.6


def guess_by_stopwords(text: str) -> str | None:
    """Return 'en' or 'fr' when stop words leave no doubt, else None.

    >>> guess_by_stopwords("He said that the army was in the town.")
    'en'
    >>> guess_by_stopwords("Mali") is None
    True
    """
    en = fr = 0
    for match in _WORD.finditer(text[:_SAMPLE_CHARS]):
        word = match.group(0).lower()
        if _FR_ELISION.match(word):
            fr += 1
            word = word.split("'", 1)[-1].split("’", 1)[-1]
        if word in _EN_WORDS:
            en += 1
        elif word in _FR_WORDS:
            fr += 1
    if en >= _MIN_HITS and en >= _RATIO * fr:
        return "en"
    if fr >= _MIN_HITS and fr >= _RATIO * en:
        return "fr"
    return None


@functools.cache
def _lingua_detector():
    # Imported here: lingua's import and model loading cost time and memory.
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH).build()


def detect_language(text: str) -> str | None:
    """Return 'en', 'fr' or None (fewer than two words, or lingua is unsure).

    Cheap stop-word counting first; lingua only when that is undecided.
    """
    if not text:
        return None
    quick = guess_by_stopwords(text)
    if quick is not None:
        return quick
    sample = text[:_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < 2:
        return None  # one word, often a place name, says nothing about the language
    best = _lingua_detector().compute_language_confidence_values(sample)[0]
    if best.value < _MIN_CONFIDENCE:
        return None
    return {"ENGLISH": "en", "FRENCH": "fr"}.get(best.language.name)
