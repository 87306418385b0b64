"""The web app's accounts in the store: users (name, role, password hash) and their sessions (token hash, expiry).

Hashing passwords and tokens, and deciding who may sign in, is the web app's
(:mod:`harmattan.web.auth`); the store keeps what it is given in ``web_users``
and ``web_sessions`` (:mod:`.app_tables`). Times come back aware (UTC) on both
databases: SQLite drops the zone, which is put back here.

>>> import datetime as dt
>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> user_id = save_account(engine, "amina", "analyst", "argon2-hash")
>>> now = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
>>> save_session(engine, "token-hash", user_id, now, now + dt.timedelta(hours=1))
>>> found = load_session(engine, "token-hash")
>>> found.name, found.role, found.expires_at.isoformat()
('amina', 'analyst', '2025-06-01T01:00:00+00:00')
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from .app_tables import web_sessions, web_users


@dataclass(frozen=True)
class Account:
    """A stored user."""

    id: int
    name: str
    role: str
    password_hash: str
    created_at: dt.datetime  # aware (UTC)


@dataclass(frozen=True)
class SessionUser:
    """The user a session token belongs to, and when the session ends."""

    id: int
    name: str
    role: str
    expires_at: dt.datetime  # aware (UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)  # SQLite drops the zone


def save_account(engine: Engine, name: str, role: str, password_hash: str) -> int:
    """Add a user, or give the user of this name this role and password hash (their sessions end); returns its id."""
    with engine.begin() as conn:
        row = conn.execute(select(web_users.c.id).where(web_users.c.name == name)).first()
        if row:
            conn.execute(web_users.update().where(web_users.c.id == row.id).values(role=role, password_hash=password_hash))
            conn.execute(delete(web_sessions).where(web_sessions.c.user_id == row.id))  # old sign-ins end
            return row.id
        result = conn.execute(web_users.insert().values(name=name, role=role, password_hash=password_hash,
                                                        created_at=dt.datetime.now(dt.timezone.utc)))
        return result.inserted_primary_key[0]


def _account(row) -> Account:
    return Account(row.id, row.name, row.role, row.password_hash, _aware(row.created_at))


def load_account(engine: Engine, name: str) -> Account | None:
    """The user of this name, else None."""
    with engine.connect() as conn:
        row = conn.execute(select(web_users).where(web_users.c.name == name)).first()
    return _account(row) if row else None


def load_accounts(engine: Engine) -> list[Account]:
    """Every user, by name."""
    with engine.connect() as conn:
        return [_account(r) for r in conn.execute(select(web_users).order_by(web_users.c.name))]


def delete_account(engine: Engine, name: str) -> bool:
    """Remove a user and their sessions; False when there was none."""
    with engine.begin() as conn:
        row = conn.execute(select(web_users.c.id).where(web_users.c.name == name)).first()
        if row is None:
            return False
        conn.execute(delete(web_sessions).where(web_sessions.c.user_id == row.id))
        conn.execute(delete(web_users).where(web_users.c.id == row.id))
        return True


def save_session(engine: Engine, token_hash: str, user_id: int, now: dt.datetime, expires_at: dt.datetime) -> None:
    """Open a session of a user, tidying away the sessions that ended before ``now``."""
    with engine.begin() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
        conn.execute(web_sessions.insert().values(token_hash=token_hash, user_id=user_id, created_at=now,
                                                  expires_at=expires_at))


def load_session(engine: Engine, token_hash: str) -> SessionUser | None:
    """The user of the session with this token hash (ended or not), else None."""
    with engine.connect() as conn:
        row = conn.execute(
            select(web_users.c.id, web_users.c.name, web_users.c.role, web_sessions.c.expires_at)
            .join(web_sessions, web_sessions.c.user_id == web_users.c.id)
            .where(web_sessions.c.token_hash == token_hash)).first()
    return SessionUser(row.id, row.name, row.role, _aware(row.expires_at)) if row else None


def delete_session(engine: Engine, token_hash: str) -> None:
    """End the session with this token hash (nothing when there is none)."""
    with engine.begin() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))
