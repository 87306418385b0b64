"""Every language pack is complete and well formed: a new language is one folder plus these checks."""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from harmattan import lang
from harmattan.taxonomy import load_taxonomy

PACKS = lang.LANGUAGES
TOPICS = sorted(m.name for m in pkgutil.iter_modules(importlib.import_module("harmattan.lang.en").__path__))


def _constants(module) -> dict:
    return {k: v for k, v in vars(module).items() if k.isupper()}


def test_english_and_french_are_registered():
    assert set(PACKS) >= {"en", "fr"}
    assert {"numbers", "dates", "cues", "casualties", "frames", "coding", "text"} <= set(TOPICS)


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("code", PACKS)
def test_every_pack_has_every_topic_and_name(code, topic):
    reference = _constants(lang.pack("en", topic))
    module = lang.pack(code, topic)
    assert module is not None, f"lang/{code}/{topic}.py is missing"
    missing = set(reference) - set(_constants(module))
    assert not missing, f"lang/{code}/{topic}.py lacks {sorted(missing)} (an empty list is fine where the language has none)"


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("code", PACKS)
def test_every_fragment_is_a_valid_pattern(code, topic):
    for name, value in _constants(lang.pack(code, topic)).items():
        items = value if isinstance(value, (list, tuple)) else value.split() if isinstance(value, str) else list(value)
        for item in items:
            if not isinstance(item, str):
                continue
            try:
                re.compile(item.replace("{WD}", "x").replace("{N}", "1").replace("{UNIT}", "d").replace("{MONTH}", "m"))
            except re.error as err:  # pragma: no cover - the assertion says which
                pytest.fail(f"lang/{code}/{topic}.py {name}: {item!r} is not a pattern: {err}")


def test_cues_belong_to_the_taxonomy_families():
    families = set().union(*(set(v) for v in load_taxonomy().cue_families.values()))
    for code in PACKS:
        cues = set(lang.pack(code, "cues").CUES)
        assert cues <= families, f"lang/{code}/cues.py has cues no family names: {sorted(cues - families)}"


def test_merged_views_hold_both_languages():
    assert {"dozens", "des dizaines"} <= set(lang.mapping("numbers", "VAGUE"))
    assert {"friday", "vendredi"} <= set(lang.mapping("dates", "WEEKDAYS"))
    assert {"jan", "janv"} <= lang.words("text", "ABBREVIATIONS")
