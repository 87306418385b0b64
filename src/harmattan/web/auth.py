"""Users, roles, sessions and CSRF tokens of the web app.

Users and sessions are kept by the store (:mod:`harmattan.store.accounts`,
tables ``web_users`` and ``web_sessions`` under the store's migrations).
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

from ..store import Store, accounts

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


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _hasher() -> PasswordHasher:
    return PasswordHasher()


def save_user(engine: Store, name: str, password: str, role: str = "viewer") -> User:
    """Add a user (or replace the password and role of an existing one)."""
    if not _NAME_RE.match(name or ""):
        raise ValueError("a user name is 1-80 letters, digits or . _ @ -")
    if role not in ROLES:
        raise ValueError(f"role is one of {', '.join(ROLES)}")
    if len(password or "") < 8:
        raise ValueError("a password has at least 8 characters")
    user_id = accounts.save_account(engine, name, role, _hasher().hash(password))  # old sign-ins end
    return User(user_id, name, role)


def load_users(engine: Store) -> list[dict]:
    return [{"name": a.name, "role": a.role, "created_at": a.created_at.isoformat(timespec="seconds")}
            for a in accounts.load_accounts(engine)]


def check_password(engine: Store, name: str, password: str) -> User | None:
    """The user when the password is right, else None (the same work is done for unknown names)."""
    account = accounts.load_account(engine, name)
    hasher = _hasher()
    if account is None:
        try:  # spend the same time as for a real user, so names cannot be probed by timing
            hasher.verify(_DUMMY_HASH.get(hasher), password)
        except (VerificationError, InvalidHashError):
            pass
        return None
    try:
        hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(account.id, account.name, account.role)


class _Dummy:
    value: str | None = None

    def get(self, hasher: PasswordHasher) -> str:
        if self.value is None:
            self.value = hasher.hash(secrets.token_hex(8))
        return self.value


_DUMMY_HASH = _Dummy()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def save_session(engine: Store, user: User, hours: float) -> tuple[str, dt.datetime]:
    """Open a session; returns the token (given to the client only) and its expiry."""
    token = secrets.token_urlsafe(32)
    now = _now()
    expires = now + dt.timedelta(hours=hours)
    accounts.save_session(engine, _token_hash(token), user.id, now, expires)  # tidies expired ones too
    return token, expires


def load_session_user(engine: Store, token: str | None) -> User | None:
    """The user of a live session token, else None (unknown or expired)."""
    if not token or len(token) > 200:
        return None
    found = accounts.load_session(engine, _token_hash(token))
    if found is None or found.expires_at <= _now():
        return None
    return User(found.id, found.name, found.role)


def delete_session(engine: Store, token: str | None) -> None:
    if token:
        accounts.delete_session(engine, _token_hash(token))


def csrf_token(secret: str, nonce: str) -> str:
    """The CSRF token of a browser (its nonce cookie signed with the server secret).

    >>> csrf_token("s", "n") == csrf_token("s", "n") != csrf_token("t", "n")
    True
    """
    return hmac.new(secret.encode(), b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, nonce: str | None, token: str | None) -> bool:
    return bool(nonce and token) and hmac.compare_digest(csrf_token(secret, nonce), token)
