"""Event cues: which kinds of happening a sentence speaks of.

A cue is a word or phrase tied to an event family (``cue_families`` in the
taxonomy). The words are the language packs' (``harmattan/lang/*/cues.py``),
matched together so that a report mixing languages is read whole. The
relevance filter uses the union of all cues to skip text that cannot hold an
event, after a cheap word test on the packs' cue stems.

>>> sorted(find_cues("Suspected female suicide bombers killed at least 18 people"))
['kill', 'suicide']
>>> sorted(find_cues("Des inondations ont fait 20 morts"))
['flood', 'kill']
"""
from __future__ import annotations

import re

from .. import lang
from ..taxonomy import load_taxonomy

_CUE_LISTS: dict[str, list[str]] = {}
for _code in lang.LANGUAGES:
    _module = lang.pack(_code, "cues")
    for _cue, _fragments in (getattr(_module, "CUES", {}) if _module else {}).items():
        _CUE_LISTS.setdefault(_cue, []).extend(f for f in _fragments if f not in _CUE_LISTS.get(_cue, []))
_CUES: dict[str, str] = {cue: "|".join(sorted(frags, key=len, reverse=True)) for cue, frags in _CUE_LISTS.items()}
_COMPILED = {cue: re.compile(rf"\b(?:{pat})\b", re.I) for cue, pat in _CUES.items()}
ANY_CUE = re.compile(r"\b(?:" + "|".join(_CUES.values()) + r")\b", re.I)

_TAXONOMY = load_taxonomy()
DISASTER = _TAXONOMY.family("disaster")
EXPLOSION = _TAXONOMY.family("explosion")
VIOLENCE = _TAXONOMY.family("violence")
DEMONSTRATION = _TAXONOMY.family("demonstration")
STRATEGIC = _TAXONOMY.family("strategic")

# Words every cue contains at least one of: whole words, and prefixes of four letters or more.
# A set lookup on the words of a text rejects most text far faster than the cue patterns
# themselves (the relevance filter); tests/unit/test_triggers.py checks that no cue escapes it.
_EXACT = frozenset(w.lower() for w in lang.words("cues", "STEM_WORDS"))
_PREFIXES = frozenset(w.lower() for w in lang.words("cues", "STEM_PREFIXES"))


# The same test as one pattern (the regex engine scans faster than a loop over words): a whole
# stem word, or a word beginning with a stem prefix.
_STEM_RE = re.compile(
    r"(?<![^\W\d_])(?:" + lang.literal_alternation(_EXACT) + r"(?![^\W\d_])|" + lang.literal_alternation(_PREFIXES) + ")"
)


def _has_stem(text: str) -> bool:
    """Does any word of the text have a cue stem (a whole stem word, or a stem prefix)?

    >>> _has_stem("Floodwaters rose"), _has_stem("The bank kept rates")
    (True, False)
    """
    return _STEM_RE.search(text.lower()) is not None


def find_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    """Cue name -> spans where it occurs in ``text``."""
    found: dict[str, list[tuple[int, int]]] = {}
    if not _has_stem(text):
        return found
    # Every match of any cue starts where the union of all cues matches: only those positions are
    # tried, each cue anchored there, one match of a cue not overlapping its previous one (what
    # each cue's own scan over the whole text would find, at a fraction of the cost).
    m = ANY_CUE.search(text)
    if m is None:
        return found
    resume: dict[str, int] = {}
    while m is not None:
        at = m.start()
        for cue, pattern in _COMPILED.items():
            if at < resume.get(cue, 0):
                continue
            hit = pattern.match(text, at)
            if hit:
                found.setdefault(cue, []).append(hit.span())
                resume[cue] = max(hit.end(), at + 1)
        m = ANY_CUE.search(text, at + 1)
    return {cue: found[cue] for cue in _COMPILED if cue in found}


def is_relevant(text: str) -> bool:
    """Cheap test: could this text hold an event at all?

    >>> is_relevant("The central bank kept its key rate unchanged."), is_relevant("Gunmen killed 5 people.")
    (False, True)
    """
    return _has_stem(text) and ANY_CUE.search(text) is not None
