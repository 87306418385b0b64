"""Alert rules in the database, checking them after an ingest, delivering and logging firings.

:func:`check_alerts` takes the ids of the events an ingest created or updated,
matches them against the enabled rules (:mod:`.rules`) and logs each firing in
the store's alert log (:func:`harmattan.store.alert_log.checking`, one
transaction), so a firing is decided once even if delivery fails;
:func:`deliver_firing` then sends it to the rule's webhooks (JSON POST) and
email addresses (SMTP) and records how that went. :func:`render_alert_feed`
renders the log as an Atom feed for the web app.
"""
from __future__ import annotations

import datetime as dt
import json
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from xml.sax.saxutils import escape

from ..store import Store
from ..store.alert_log import (AlertCheck, checking, load_alert_log, load_alert_rules, save_alert_rule,
                               save_delivery)
from .config import MonitorSettings
from .rules import AlertRule, event_snapshot, matches_event, reason_to_fire, rule_from_row


@dataclass(frozen=True)
class Firing:
    """One logged firing of a rule, ready to deliver."""

    log_id: int
    rule: AlertRule
    subject: str
    reason: str
    title: str
    summary: str
    payload: dict


# --- rules -----------------------------------------------------------------------------------

def save_rule(engine: Store, rule: AlertRule) -> int:
    """Add a rule (one without webhook or email still logs its firings for the Atom feed); ValueError if the name is taken."""
    return save_alert_rule(engine, rule.name, rule.criteria(), rule.webhooks, rule.emails)


def load_rules(engine: Store, enabled_only: bool = False) -> list[AlertRule]:
    return [rule_from_row(r.id, r.name, r.criteria, r.channels) for r in load_alert_rules(engine, enabled_only)]


# --- checking --------------------------------------------------------------------------------

def _iso_week(date: str) -> tuple[str, str, str]:
    """``2025-06-10`` -> (``2025-W24``, Monday, Sunday)."""
    day = dt.date.fromisoformat(date)
    year, week, _ = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    return f"{year}-W{week:02d}", monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


def _event_title(rule: AlertRule, r: dict) -> str:
    place = ", ".join(p for p in (r.get("location"), r.get("admin1"), r.get("country")) if p)
    deaths = r.get("fatalities")
    toll = f", {deaths} killed" if deaths else ""
    return f"[{rule.name}] {r.get('event_type') or 'Event'} in {place or 'unknown place'}{toll} ({r.get('event_date') or '?'})"


def _event_summary(r: dict) -> str:
    urls = [s.get("url") or s.get("doc") for s in r.get("sources", []) if s.get("url") or s.get("doc")]
    actors = " vs ".join(a for a in (r.get("actor1"), r.get("actor2")) if a)
    lines = [r.get("notes") or "", f"Actors: {actors}" if actors else "", f"Event {r.get('event_id')}"]
    lines += [f"Source: {u}" for u in urls[:5]]
    return "\n".join(line for line in lines if line)


def _slim(record: dict) -> dict:
    """The event record without evidence sentences (webhook bodies stay small)."""
    out = {k: v for k, v in record.items() if k != "sources"}
    out["sources"] = [{k: v for k, v in s.items() if k != "evidence"} for s in record.get("sources", [])]
    return out


def check_alerts(engine: Store, event_ids: list[str], settings: MonitorSettings,
                 rules: list[AlertRule] | None = None) -> list[Firing]:
    """Match the events an ingest created or updated against the rules; log and return the firings."""
    rules = load_rules(engine, enabled_only=True) if rules is None else rules
    if not rules or not event_ids:
        return []
    firings: list[Firing] = []
    with checking(engine) as check:
        records = check.events(event_ids)
        records.sort(key=lambda r: (r.get("event_date") or "", r["event_id"]))
        for rule in rules:
            if rule.weekly:
                firings += _check_weekly(check, rule, records, settings)
                continue
            for record in records:
                if not matches_event(rule, record):
                    continue
                subjects = [record["event_id"]] + check.former_ids(record["event_id"])
                snapshot = event_snapshot(record)
                reason = reason_to_fire(check.last_snapshot(rule.rule_id, subjects), snapshot,
                                        settings.alert_min_change, settings.alert_min_change_pct)
                if reason:
                    payload = {"rule": rule.name, "reason": reason, "subject": record["event_id"], "event": _slim(record)}
                    firings.append(_log(check, rule, record["event_id"], reason, _event_title(rule, record),
                                        _event_summary(record), snapshot, payload))
    return firings


def _check_weekly(check: AlertCheck, rule: AlertRule, records: list[dict],
                  settings: MonitorSettings) -> list[Firing]:
    out = []
    weeks = sorted({(r["country_code"], r["event_date"]) for r in records
                    if r.get("country_code") and r.get("event_date") and matches_event(rule, r)})
    done = set()
    for country, date in weeks:
        week, monday, sunday = _iso_week(date)
        if (country, week) in done:
            continue
        done.add((country, week))
        found = [r for r in check.events_of_week(country, monday, sunday) if matches_event(rule, r)]
        total = sum(r.get("fatalities") or 0 for r in found)
        if total <= (rule.weekly_fatalities_above or 0):
            continue
        subject = f"week:{country}:{week}"
        snapshot = {"week": week, "country_code": country, "fatalities": total, "events": len(found)}
        reason = reason_to_fire(check.last_snapshot(rule.rule_id, [subject]), snapshot,
                                settings.alert_min_change, settings.alert_min_change_pct)
        if not reason:
            continue
        deadliest = sorted(found, key=lambda r: -(r.get("fatalities") or 0))[:5]
        title = f"[{rule.name}] {total} killed in {country} in {week} (above {rule.weekly_fatalities_above}), {len(found)} events"
        summary = "\n".join(f"{r.get('event_date')} {r.get('event_type')} in {r.get('location') or r.get('admin1')}: "
                            f"{r.get('fatalities') or 0} killed ({r['event_id']})" for r in deadliest)
        payload = {"rule": rule.name, "reason": reason, "subject": subject, "week": snapshot,
                   "events": [r["event_id"] for r in found]}
        out.append(_log(check, rule, subject, reason, title, summary, snapshot, payload))
    return out


def _log(check: AlertCheck, rule: AlertRule, subject: str, reason: str, title: str, summary: str,
         snapshot: dict, payload: dict) -> Firing:
    log_id, fired_at = check.save_firing(rule.rule_id, rule.name, subject, reason, title, summary, snapshot)
    payload = {**payload, "title": title, "summary": summary, "fired_at": fired_at, "alert_id": log_id}
    return Firing(log_id, rule, subject, reason, title, summary, payload)


# --- delivery --------------------------------------------------------------------------------

def send_email(settings: MonitorSettings, to: str, subject: str, body: str) -> None:
    """One plain-text email through the configured SMTP server."""
    if not settings.smtp_host:
        raise RuntimeError("no smtp_host configured")
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.webhook_timeout_s) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(msg)


def deliver_firing(engine: Store, firing: Firing, fetcher, settings: MonitorSettings) -> dict[str, str]:
    """Send a firing to its webhooks and emails; record and return ``channel -> "sent" | "failed: ..."``."""
    from .fetch import FetchError

    results: dict[str, str] = {}
    body = json.dumps(firing.payload, ensure_ascii=False).encode("utf-8")
    for url in firing.rule.webhooks:
        try:
            fetcher.post_json(url, body)
            results[url] = "sent"
        except FetchError as err:
            results[url] = f"failed: {err}"
    for address in firing.rule.emails:
        try:
            send_email(settings, address, firing.title, firing.summary)
            results[f"mailto:{address}"] = "sent"
        except (OSError, smtplib.SMTPException, RuntimeError) as err:
            results[f"mailto:{address}"] = f"failed: {err}"
    save_delivery(engine, firing.log_id, results)
    return results


def render_alert_feed(engine: Store, limit: int = 100, feed_url: str = "urn:harmattan:alerts") -> str:
    """The alert log as an Atom feed (newest first), for the web app to serve.

    >>> from harmattan.store import connect
    >>> engine = connect("sqlite://")
    >>> "<feed xmlns=\\"http://www.w3.org/2005/Atom\\">" in render_alert_feed(engine)
    True
    """
    rows = load_alert_log(engine, limit)
    updated = rows[0]["fired_at"] if rows else "1970-01-01T00:00:00+00:00"
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             "<title>Harmattan alerts</title>", f"<id>{escape(feed_url)}</id>", f"<updated>{escape(updated)}</updated>",
             "<author><name>Harmattan</name></author>"]
    for r in rows:
        parts += ["<entry>", f"<id>{escape(feed_url)}:{r['id']}</id>", f"<title>{escape(r['title'])}</title>",
                  f"<updated>{escape(r['fired_at'])}</updated>",
                  f'<category term="{escape(r["rule_name"], {chr(34): "&quot;"})}"/>',
                  f"<summary>{escape(r['reason'] + chr(10) + (r['summary'] or ''))}</summary>", "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
