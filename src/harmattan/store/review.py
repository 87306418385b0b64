"""Analysts' review in the store: correct a field, merge, split, undo; and what the review pages show of it.

Each write is one transaction that takes the store's write lock first (:func:`.save.begin_write`) and then
records the decision with :mod:`.derive` (``save_correction``, ``save_override``, ``undo_override``), which
re-derives and versions the events concerned. The web app's review routes and pages and the ``harmattan
events`` commands call these with event ids; a refusal is a :class:`ReviewRefused` saying why.

>>> from harmattan.settings import Settings
>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> try:
...     undo_merge_or_split(engine, 7, Settings())
... except NoSuchChange as err:
...     print(err)
no merge or split #7
"""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ..merge import consolidate
from ..output import event_from_dict, event_to_dict
from ..settings import Settings
from .derive import apply_corrections, corrections_of, save_correction, save_override, undo_override
from .save import begin_write
from .schema import claims, overrides


class ReviewRefused(ValueError):
    """A review action the store refuses (nothing was written)."""


class NotAReport(ReviewRefused):
    """The claim to split out is not one of the event's reports."""


class OnlyReport(ReviewRefused):
    """An event of one report cannot be split."""


class NoSuchChange(ReviewRefused):
    """No merge or split has this number."""


class AlreadyUndone(ReviewRefused):
    """The merge or split was undone already."""


def correct_event(engine: Engine, event_id: str, field: str, value, user: str, reason: str, settings: Settings) -> int:
    """Correct one field of the event ``event_id`` (or set its review ``status``); returns the correction's number.

    The value is saved as given: checking it against the taxonomy and the rest of the event is the caller's.
    """
    with engine.begin() as conn:
        begin_write(conn)
        return save_correction(conn, event_id, field, value, user, reason, settings)


def merge_events(engine: Engine, keep_id: str, other_id: str, note: str, settings: Settings) -> int:
    """Merge the event ``other_id`` into ``keep_id`` (both current ids); returns the merge's number (for undo)."""
    with engine.begin() as conn:
        begin_write(conn)
        first = conn.execute(select(claims.c.claim_key).where(claims.c.event_id == other_id)
                             .order_by(claims.c.claim_key)).first()
        return save_override(conn, "link", keep_id, first.claim_key, note, settings)


def split_event(engine: Engine, event_id: str, claim_key: str, note: str, settings: Settings) -> int:
    """Take the report ``claim_key`` out of the event ``event_id`` into an event of its own; returns the split's number.

    Raises:
        NotAReport: the claim is not a report of this event.
        OnlyReport: the event has one report.
    """
    with engine.begin() as conn:
        begin_write(conn)
        keys = [r.claim_key for r in conn.execute(select(claims.c.claim_key, claims.c.event_id)
                                                  .where(claims.c.event_id == event_id)).all()]
        if claim_key not in keys:
            raise NotAReport(f"{claim_key!r} is not a report of event {event_id}")
        if len(keys) < 2:
            raise OnlyReport("an event of one report cannot be split")
        return save_override(conn, "unlink", event_id, claim_key, note, settings)


def undo_merge_or_split(engine: Engine, number: int, settings: Settings) -> None:
    """Reverse the analyst's merge or split ``number``.

    Raises:
        NoSuchChange: there is none of this number.
        AlreadyUndone: it was undone before.
    """
    with engine.begin() as conn:
        begin_write(conn)
        row = conn.execute(select(overrides.c.active).where(overrides.c.id == number)).first()
        if row is None:
            raise NoSuchChange(f"no merge or split #{number}")
        if not row.active:
            raise AlreadyUndone(f"merge or split #{number} is already undone")
        undo_override(conn, number, settings)


def event_overrides(engine: Engine, claim_keys: list[str]) -> list[dict]:
    """Analysts' merges and splits touching these claims (newest first), for the event page and undo."""
    if not claim_keys:
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(overrides).where(overrides.c.claim_a.in_(claim_keys) | overrides.c.claim_b.in_(claim_keys))
                            .order_by(overrides.c.id.desc())).all()
    return [{"id": r.id, "kind": "merge" if r.kind == "link" else "split", "claim_a": r.claim_a, "claim_b": r.claim_b,
             "active": bool(r.active), "created_at": r.created_at, "note": r.note} for r in rows]


def merge_preview(engine: Engine, keep_id: str, other_id: str) -> dict:
    """The event that merging ``other_id`` into ``keep_id`` would make (nothing is saved).

    Its reports are both events' reports, consolidated as the store does it, with the analysts'
    corrections of either applied; it keeps ``keep_id``.
    """
    with engine.connect() as conn:
        rows = conn.execute(select(claims.c.claim_key, claims.c.data)
                            .where(claims.c.event_id.in_([keep_id, other_id])).order_by(claims.c.claim_key)).all()
        fixes = corrections_of(conn, [r.claim_key for r in rows])
    reports = [event_from_dict(json.loads(r.data)) for r in rows]
    record = apply_corrections(event_to_dict(consolidate(reports)), fixes)
    return {**record, "event_id": keep_id, "n_reports": len(rows)}
