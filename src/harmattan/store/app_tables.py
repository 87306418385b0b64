"""Tables of the web app (users, sessions) and of the monitor (sources, seen items, fetch log, health, alerts).

They live in the store's database and are created by the store's versioned
migrations (:mod:`.schema`, migration 7), like every other table, and read and
written by the store's :mod:`.accounts` (the web app's users and sessions),
:mod:`.monitor_state` and :mod:`.alert_log` (the monitor's). Their names are
unchanged from when each part created its own, so stores made before
migration 7 keep their rows.

>>> sorted(metadata.tables)[:3]
['alert_log', 'alert_rules', 'fetch_log']
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

# --- the monitor ------------------------------------------------------------------------------

metadata = MetaData()

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("url", Text, nullable=False, unique=True),
    Column("every_s", Float, nullable=False),
    Column("language", String(8)),
    Column("kind", String(10), nullable=False, default="auto"),  # auto | feed | sitemap | page (auto: learnt on first fetch)
    Column("enabled", Boolean, nullable=False, default=True),
    Column("created_at", String(32), nullable=False),
    Column("etag", Text), Column("last_modified", Text),  # validators of the last full response
    Column("next_due", Float, nullable=False, default=0.0),  # Unix time of the next poll
)

seen_items = Table(  # items (feed entries, sitemap pages) already handled, so a restart fetches nothing twice
    "seen_items", metadata,
    Column("source_id", Integer, primary_key=True),
    Column("item_key", String, primary_key=True),  # guid, link, or sitemap URL
    Column("url", Text),
    Column("digest", String(64)),  # what the item said (feed) or its lastmod (sitemap)
    Column("etag", Text), Column("last_modified", Text),  # of the linked page, when fetched
    Column("status", String(12)),  # new | updated | unchanged | empty | failed
    Column("first_seen", String(32), nullable=False), Column("last_seen", String(32), nullable=False),
)

fetch_log = Table(
    "fetch_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", Integer, nullable=False),
    Column("at", String(32), nullable=False),
    Column("url", Text),
    Column("http_status", Integer),
    Column("outcome", String(12), nullable=False),  # ok | not_modified | error
    Column("error", Text),
    Column("bytes", Integer), Column("seconds", Float),
    Column("items_new", Integer, nullable=False, default=0), Column("items_updated", Integer, nullable=False, default=0),
    Index("ix_fetch_log_source_at", "source_id", "at"),
)

source_health = Table(
    "source_health", metadata,
    Column("source_id", Integer, primary_key=True),
    Column("last_attempt", String(32)), Column("last_success", String(32)),
    Column("last_error", Text), Column("last_error_at", String(32)),
    Column("failures", Integer, nullable=False, default=0),  # consecutive
    Column("items_total", Integer, nullable=False, default=0),
    Column("last_item_at", Float),  # Unix time a new or edited item was last found
    Column("mean_gap_s", Float),  # usual time between new items (moving average)
    Column("silent_reported", Boolean, nullable=False, default=False),
)

alert_rules = Table(
    "alert_rules", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("criteria", Text, nullable=False),  # JSON of rules.AlertRule's criteria
    Column("channels", Text, nullable=False),  # JSON: {"webhooks": [...], "emails": [...]}
    Column("enabled", Boolean, nullable=False, default=True),
    Column("created_at", String(32), nullable=False),
)

alert_log = Table(  # every firing, with what it said and how delivery went; the Atom feed reads it
    "alert_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule_id", Integer, nullable=False), Column("rule_name", String(200), nullable=False),
    Column("subject", String(64), nullable=False),  # an event id, or "week:BJ:2025-W23"
    Column("fired_at", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("title", Text, nullable=False), Column("summary", Text),
    Column("snapshot", Text, nullable=False),  # JSON: the figures this firing reported
    Column("delivery", Text),  # JSON: channel -> "sent" | "failed: ..."
    Index("ix_alert_log_rule_subject", "rule_id", "subject"),
)


# --- the web app ------------------------------------------------------------------------------

web_users = Table(
    "web_users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

web_sessions = Table(
    "web_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("web_users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)
