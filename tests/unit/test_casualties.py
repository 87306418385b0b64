"""Tolls: revised tolls told by their words ("nouveau bilan", "bringing the toll to")."""
from __future__ import annotations

import pytest

from harmattan.extract.casualties import extract_casualties


@pytest.mark.parametrize("text, value", [
    ("Selon un nouveau bilan officiel, au moins 86 personnes ont été tuées.", 86),
    ("Des corps ont été retrouvés, portant le nombre de personnes tuées à 61.", 61),
    ("Le dernier décompte macabre fait état de 74 civils tués.", 74),
    ("Five more bodies were found, bringing the death toll to 45.", 45),
    ("According to the latest toll, 40 people were killed.", 40),
])
def test_a_toll_the_text_calls_new_or_latest_is_a_revision(text, value):
    assert [c.value for c in extract_casualties(text) if c.update] == [value]


def test_a_count_that_is_no_toll_is_not_a_revision():
    assert extract_casualties("Le décompte des voix a donné 12 sièges au parti.") == []
    assert not any(c.update for c in extract_casualties("Le bilan du nouveau massacre est de 12 morts."))


@pytest.mark.parametrize("text, want", [
    ("The floods have resulted in the deaths of at least 37 people, and many others remain missing.",
     [("killed", 37), ("missing", 10)]),
    ("Les inondations ont causé la mort de 12 personnes et 30 autres sont portées disparues.",
     [("killed", 12), ("missing", 30)]),
    ("Cinq soldats et trois civils sont portés disparus.", [("missing", 8)]),
])
def test_the_missing_after_a_toll_are_another_count(text, want):
    assert [(c.kind, c.value) for c in extract_casualties(text)] == want


@pytest.mark.parametrize("text, want", [
    ("There are fears the death toll could rise as some people remain missing.", [("missing", 5)]),
    ("The toll rose to 40 and 12 people remain missing.", [("killed", 40), ("missing", 12)]),
    ("At least 50 people were also reported dead in several villages.", [("killed", 50)]),
])
def test_the_missing_beside_a_toll_noun_are_not_its_dead(text, want):
    assert [(c.kind, c.value) for c in extract_casualties(text)] == want
