"""Golden tests: fixture articles about real events of the region, with the events an analyst codes.

Each case is ``cases/NAME.docs.jsonl`` (the reports, in our own words) and
``cases/NAME.expected.json``::

    {"case": NAME, "about": "...", "max_events": 1 (optional),
     "events": [{"id", "event_type": str | [str], "sub_event_type": [str] (optional),
                 "country_code", "admin1": [names] (optional), "place": [names] (optional),
                 "event_date": "YYYY-MM-DD", "tolerance_days": N,
                 "fatalities": [low, high] | null (optional), "abducted": [low, high] (optional),
                 "actor1": [names] (optional)}],
     "not_events": [{"id", "country_code", "event_date", "tolerance_days", "event_type": ... (optional)}]}

A key left out is not checked; ``"fatalities": null`` means no toll may be
coded. An expected event is paired with an output event of the same country,
then by type, date and place; every listed field must then hold. A
``not_events`` entry (a background incident, a side note) must match no output
event. ``max_events`` caps the events of the case (reports of one event must
be merged into one).

A case the pipeline does not pass yet is listed in ``KNOWN_FAILURES`` with the
reason; it is run as a strict xfail, so fixing it turns the run red until the
entry is removed. Never loosen an expectation to make a case pass.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from harmattan.loaders import load_documents
from harmattan.pipeline import run_pipeline
from harmattan.records import Event

CASES = Path(__file__).resolve().parent / "cases"

# case name -> why the current pipeline fails it (verified by running it).
KNOWN_FAILURES: dict[str, str] = {
}


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _date_ok(event: Event, want: dict) -> bool:
    if event.event_date is None:
        return False
    return abs((event.event_date - _date(want["event_date"])).days) <= want.get("tolerance_days", 0)


def _type_ok(event: Event, want: dict) -> bool:
    return event.event_type in _as_list(want["event_type"])


def _names_ok(values: list[str | None], names: list[str]) -> bool:
    wanted = {_norm(n) for n in names}
    return any(_norm(v) in wanted for v in values if v)


def _place_ok(event: Event, want: dict) -> bool:
    if "place" not in want:
        return True
    return _names_ok([event.location, event.admin2, event.admin1], want["place"])


def _admin1_ok(event: Event, want: dict) -> bool:
    if "admin1" not in want:
        return True
    return _names_ok([event.admin1, event.admin1_new], want["admin1"])


def _count_ok(value: int | None, want) -> bool:
    if want is None:
        return value is None
    low, high = want
    return value is not None and low <= value <= high


def _score(event: Event, want: dict) -> int:
    """How well an output event fits an expected one; pairing needs the same country."""
    return 4 * _type_ok(event, want) + 2 * _date_ok(event, want) + _place_ok(event, want) + _admin1_ok(event, want)


def _describe(event: Event) -> str:
    return (f"{event.event_type} / {event.sub_event_type} | {event.country_code} {event.admin1} {event.location} | "
            f"{event.event_date} | fatalities {event.fatalities} abducted {event.abducted} | actor1 {event.actor1} | "
            f"background {event.background}")


def check_case(events: list[Event], expected: dict) -> list[str]:
    """The problems of one case's output against its expectations (empty when it passes)."""
    problems: list[str] = []
    free = list(events)
    for want in expected["events"]:
        candidates = [e for e in free if e.country_code == want["country_code"]]
        if not candidates:
            problems.append(f"{want['id']}: no event in {want['country_code']}")
            continue
        best = max(candidates, key=lambda e: _score(e, want))
        free.remove(best)
        checks = {
            "event_type": _type_ok(best, want),
            "sub_event_type": "sub_event_type" not in want or best.sub_event_type in want["sub_event_type"],
            "event_date": _date_ok(best, want),
            "admin1": _admin1_ok(best, want),
            "place": _place_ok(best, want),
            "fatalities": "fatalities" not in want or _count_ok(best.fatalities, want["fatalities"]),
            "abducted": "abducted" not in want or _count_ok(best.abducted, want["abducted"]),
            "actor1": "actor1" not in want or best.actor1 in want["actor1"],
        }
        wrong = [name for name, ok in checks.items() if not ok]
        if wrong:
            problems.append(f"{want['id']}: wrong {', '.join(wrong)} in [{_describe(best)}]")
    for ghost in expected.get("not_events", []):
        for event in events:
            if event.country_code != ghost["country_code"] or not _date_ok(event, ghost):
                continue
            if "event_type" in ghost and not _type_ok(event, ghost):
                continue
            problems.append(f"{ghost['id']}: past or side event output as news [{_describe(event)}]")
    if "max_events" in expected and len(events) > expected["max_events"]:
        problems.append(f"{len(events)} events, at most {expected['max_events']} expected: "
                        + "; ".join(_describe(e) for e in events))
    return problems


def _case_params():
    for path in sorted(CASES.glob("*.expected.json")):
        name = path.name.removesuffix(".expected.json")
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name])] if name in KNOWN_FAILURES else []
        yield pytest.param(name, id=name, marks=marks)


def test_cases_are_complete():
    docs = {p.name.removesuffix(".docs.jsonl") for p in CASES.glob("*.docs.jsonl")}
    expected = {p.name.removesuffix(".expected.json") for p in CASES.glob("*.expected.json")}
    assert docs == expected, f"cases without a pair: {sorted(docs ^ expected)}"
    assert set(KNOWN_FAILURES) <= expected, f"known failures of no case: {sorted(set(KNOWN_FAILURES) - expected)}"


@pytest.mark.parametrize("name", list(_case_params()))
def test_golden_case(name: str):
    expected = json.loads((CASES / f"{name}.expected.json").read_text(encoding="utf-8"))
    result = run_pipeline(load_documents([str(CASES / f"{name}.docs.jsonl")]))
    assert not result.errors, [str(e) for e in result.errors]
    problems = check_case(result.events, expected)
    assert not problems, "\n".join(problems)
