"""The relevance filter never drops a cue: every cue match passes the cheap word test."""
from __future__ import annotations

import json
from pathlib import Path

from harmattan.extract import triggers

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cases"


def _texts(shared) -> list[str]:
    files = sorted((shared / "eval").glob("*/*.docs.jsonl")) + sorted(GOLDEN.glob("*.docs.jsonl"))
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            out.append(doc.get("text") or doc.get("html") or "")
    return out


def test_every_cue_match_passes_the_prefilter(shared):
    escaped = []
    for text in _texts(shared):
        for cue, pattern in triggers._COMPILED.items():
            for m in pattern.finditer(text):
                # "air force" alone does not make an event; everything else must pass.
                if cue != "air" and not triggers._has_stem(m.group(0)):
                    escaped.append((cue, m.group(0)))
    assert escaped == []


def test_other_news_is_not_relevant():
    assert not triggers.is_relevant("Les Étalons ont gagné au coup de sifflet final, a déclaré l'entraîneur.")
    assert not triggers.is_relevant("According to the central bank, inflation eased in Tuesday's figures.")
    assert triggers.is_relevant("Un coup d'État a renversé le président.")
    assert triggers.is_relevant("Gunmen killed 5 villagers.")


def test_removing_bodies_is_not_an_abduction():
    from harmattan.extract.triggers import find_cues
    assert "abduct" not in find_cues("Des familles ont enlevé les corps de leurs proches.")
    assert "abduct" in find_cues("Des hommes armés ont enlevé deux élèves.")
