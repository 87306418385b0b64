"""Users, roles, sessions and CSRF tokens of the web app.

Users and sessions live in their own tables (``web_users``, ``web_sessions``)
on the store's engine, created by :func:`ensure_tables` (safe to run twice).
Passwords are hashed with Argon2id; a session is a random token (the browser
keeps it in an HttpOnly cookie, API clients send it as ``Authorization:
Bearer``) of which only the SHA-256 is stored, with an expiry. Forms carry a
CSRF token signed with the server secret and bound to a per-browser cookie.

Roles, weakest first: ``viewer`` (reads, as anyone), ``analyst`` (reviews
events), ``admin`` (also lists users).

>>> role_at_least("admin", "analyst"), role_at_least("viewer", "analyst")
(True, False)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from ..store.app_tables import metadata, web_sessions, web_users  # the tables live with the store's migrations

ROLES = ("viewer", "analyst", "admin")
SESSION_COOKIE = "harmattan_session"
CSRF_COOKIE = "harmattan_csrf"
_NAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        return role_at_least(self.role, role)


def role_at_least(have: str, need: str) -> bool:
    return ROLES.index(have) >= ROLES.index(need)


def ensure_tables(engine: Engine) -> None:
    """Bring the store's schema (users and sessions tables included) up to date."""
    from ..store.schema import migrate

    migrate(engine)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)  # SQLite drops the zone


def _hasher() -> PasswordHasher:
    return PasswordHasher()


def save_user(engine: Engine, name: str, password: str, role: str = "viewer") -> User:
    """Add a user (or replace the password and role of an existing one)."""
    if not _NAME_RE.match(name or ""):
        raise ValueError("a user name is 1-80 letters, digits or . _ @ -")
    if role not in ROLES:
        raise ValueError(f"role is one of {', '.join(ROLES)}")
    if len(password or "") < 8:
        raise ValueError("a password has at least 8 characters")
    digest = _hasher().hash(password)
    with engine.begin() as conn:
        row = conn.execute(select(web_users.c.id).where(web_users.c.name == name)).first()
        if row:
            conn.execute(web_users.update().where(web_users.c.id == row.id).values(role=role, password_hash=digest))
            conn.execute(delete(web_sessions).where(web_sessions.c.user_id == row.id))  # old sign-ins end
            return User(row.id, name, role)
        result = conn.execute(web_users.insert().values(name=name, role=role, password_hash=digest, created_at=_now()))
        return User(result.inserted_primary_key[0], name, role)


def load_users(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [{"name": r.name, "role": r.role, "created_at": _aware(r.created_at).isoformat(timespec="seconds")}
                for r in conn.execute(select(web_users).order_by(web_users.c.name))]


def delete_user(engine: Engine, name: str) -> bool:
    """Remove a user and their sessions; False when there was none."""
    with engine.begin() as conn:
        row = conn.execute(select(web_users.c.id).where(web_users.c.name == name)).first()
        if row is None:
            return False
        conn.execute(delete(web_sessions).where(web_sessions.c.user_id == row.id))
        conn.execute(delete(web_users).where(web_users.c.id == row.id))
        return True


def check_password(engine: Engine, name: str, password: str) -> User | None:
    """The user when the password is right, else None (the same work is done for unknown names)."""
    with engine.connect() as conn:
        row = conn.execute(select(web_users).where(web_users.c.name == name)).first()
    hasher = _hasher()
    if row is None:
        try:  # spend the same time as for a real user, so names cannot be probed by timing
            hasher.verify(_DUMMY_HASH.get(hasher), password)
        except (VerificationError, InvalidHashError):
            pass
        return None
    try:
        hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row.id, row.name, row.role)


class _Dummy:
    value: str | None = None

    def get(self, hasher: PasswordHasher) -> str:
        if self.value is None:
            self.value = hasher.hash(secrets.token_hex(8))
        return self.value


_DUMMY_HASH = _Dummy()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def save_session(engine: Engine, user: User, hours: float) -> tuple[str, dt.datetime]:
    """Open a session; returns the token (given to the client only) and its expiry."""
    token = secrets.token_urlsafe(32)
    now = _now()
    expires = now + dt.timedelta(hours=hours)
    with engine.begin() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))  # tidy expired ones
        conn.execute(web_sessions.insert().values(token_hash=_token_hash(token), user_id=user.id, created_at=now,
                                                  expires_at=expires))
    return token, expires


def load_session_user(engine: Engine, token: str | None) -> User | None:
    """The user of a live session token, else None (unknown or expired)."""
    if not token or len(token) > 200:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(web_users.c.id, web_users.c.name, web_users.c.role, web_sessions.c.expires_at)
            .join(web_sessions, web_sessions.c.user_id == web_users.c.id)
            .where(web_sessions.c.token_hash == _token_hash(token))).first()
    if row is None or _aware(row.expires_at) <= _now():
        return None
    return User(row.id, row.name, row.role)


def delete_session(engine: Engine, token: str | None) -> None:
    if token:
        with engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == _token_hash(token)))


def csrf_token(secret: str, nonce: str) -> str:
    """The CSRF token of a browser (its nonce cookie signed with the server secret).

    >>> csrf_token("s", "n") == csrf_token("s", "n") != csrf_token("t", "n")
    True
    """
    return hmac.new(secret.encode(), b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, nonce: str | None, token: str | None) -> bool:
    return bool(nonce and token) and hmac.compare_digest(csrf_token(secret, nonce), token)
