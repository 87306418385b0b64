"""The monitor's alert rules and the log of their firings, in the store.

A rule is kept as its name, criteria and channels (JSON-ready data that
:func:`harmattan.monitor.rules.rule_from_row` turns into an ``AlertRule``); the
log keeps every firing with the figures it reported (its snapshot) and how
delivery went. Whether a rule fires is the monitor's to decide
(:mod:`harmattan.monitor.alerts`); it decides inside :func:`checking`, one
transaction that reads the events and the last firings and logs the new ones,
so a firing is decided once even if its delivery fails.

>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> rule_id = save_alert_rule(engine, "mopti", {"admin1": ["Mopti"]}, webhooks=[], emails=["desk@example.org"])
>>> [(r.name, r.criteria, r.channels["emails"]) for r in load_alert_rules(engine)]
[('mopti', {'admin1': ['Mopti']}, ['desk@example.org'])]
>>> with checking(engine) as check:
...     log_id, fired_at = check.save_firing(rule_id, "mopti", "ev1", "new", "title", "summary", {"fatalities": 3})
...     check.last_snapshot(rule_id, ["ev1"])
{'fatalities': 3}
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from .app_tables import alert_log, alert_rules
from .monitor_state import now_iso
from .schema import event_aliases, events


@dataclass(frozen=True)
class StoredRule:
    """An alert rule as the store keeps it."""

    id: int
    name: str
    criteria: dict
    channels: dict  # {"webhooks": [...], "emails": [...]}


def save_alert_rule(engine: Engine, name: str, criteria: dict, webhooks: Iterable[str], emails: Iterable[str]) -> int:
    """Add a rule (enabled); returns its id. Raises ValueError when the name is taken."""
    with engine.begin() as conn:
        if conn.execute(select(alert_rules.c.id).where(alert_rules.c.name == name)).first():
            raise ValueError(f"an alert rule named {name!r} exists")
        return conn.execute(alert_rules.insert().values(
            name=name, criteria=json.dumps(criteria, ensure_ascii=False),
            channels=json.dumps({"webhooks": list(webhooks), "emails": list(emails)}),
            enabled=True, created_at=now_iso())).inserted_primary_key[0]


def load_alert_rules(engine: Engine, enabled_only: bool = False) -> list[StoredRule]:
    """The rules, oldest first."""
    stmt = select(alert_rules).order_by(alert_rules.c.id)
    if enabled_only:
        stmt = stmt.where(alert_rules.c.enabled.is_(True))
    with engine.connect() as conn:
        return [StoredRule(r.id, r.name, json.loads(r.criteria), json.loads(r.channels)) for r in conn.execute(stmt)]


def remove_alert_rule(engine: Engine, name: str) -> bool:
    """Delete a rule (its firings stay in the log); False when there was none."""
    with engine.begin() as conn:
        return conn.execute(delete(alert_rules).where(alert_rules.c.name == name)).rowcount > 0


class AlertCheck:
    """The reads and writes of one check of the rules, in one transaction (made by :func:`checking`)."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def events(self, event_ids: Iterable[str]) -> list[dict]:
        """The records of these events (in no order)."""
        return [json.loads(d) for (d,) in self._conn.execute(select(events.c.data)
                                                             .where(events.c.event_id.in_(set(event_ids))))]

    def former_ids(self, event_id: str) -> list[str]:
        """The ids the event had before merges (its aliases)."""
        return [old for (old,) in self._conn.execute(select(event_aliases.c.old_id)
                                                     .where(event_aliases.c.new_id == event_id))]

    def events_of_week(self, country: str, monday: str, sunday: str) -> list[dict]:
        """The records of a country's events between two days, both included."""
        return [json.loads(d) for (d,) in self._conn.execute(
            select(events.c.data).where(events.c.country_code == country, events.c.event_date.between(monday, sunday)))]

    def last_snapshot(self, rule_id: int, subjects: list[str]) -> dict | None:
        """What the latest firing of the rule about any of ``subjects`` reported, None when it never fired."""
        row = self._conn.execute(select(alert_log.c.snapshot)
                                 .where(alert_log.c.rule_id == rule_id, alert_log.c.subject.in_(subjects))
                                 .order_by(alert_log.c.id.desc()).limit(1)).first()
        return json.loads(row.snapshot) if row else None

    def save_firing(self, rule_id: int, rule_name: str, subject: str, reason: str, title: str, summary: str,
                    snapshot: dict) -> tuple[int, str]:
        """Log a firing (not delivered yet); returns its id and the time it fired."""
        fired_at = now_iso()
        log_id = self._conn.execute(alert_log.insert().values(
            rule_id=rule_id, rule_name=rule_name, subject=subject, fired_at=fired_at, reason=reason, title=title,
            summary=summary, snapshot=json.dumps(snapshot, ensure_ascii=False),
            delivery=json.dumps({}))).inserted_primary_key[0]
        return log_id, fired_at


@contextlib.contextmanager
def checking(engine: Engine) -> Iterator[AlertCheck]:
    """One check of the rules as one transaction: committed when the block ends, rolled back if it raises."""
    with engine.begin() as conn:
        yield AlertCheck(conn)


def save_delivery(engine: Engine, log_id: int, results: dict[str, str]) -> None:
    """Record how a firing's delivery went: channel -> ``sent`` or ``failed: ...``."""
    with engine.begin() as conn:
        conn.execute(update(alert_log).where(alert_log.c.id == log_id).values(delivery=json.dumps(results)))


def load_alert_log(engine: Engine, limit: int = 100, rule: str | None = None) -> list[dict]:
    """The latest firings (of one rule, by name, if given), newest first."""
    stmt = select(alert_log).order_by(alert_log.c.id.desc()).limit(limit)
    if rule:
        stmt = stmt.where(alert_log.c.rule_name == rule)
    with engine.connect() as conn:
        return [{**dict(r._mapping), "delivery": json.loads(r.delivery or "{}"), "snapshot": json.loads(r.snapshot)}
                for r in conn.execute(stmt)]
