"""Per-request helpers shared by the API and the pages: the engine, the signed-in user, write checks."""
from __future__ import annotations

from fastapi import Request

from ..store import Store
from .auth import CSRF_COOKIE, SESSION_COOKIE, User, check_password, csrf_ok, csrf_token, load_session_user
from .config import WebConfig
from .errors import APIError


def engine_of(request: Request) -> Store:
    return request.app.state.engine


def config_of(request: Request) -> WebConfig:
    return request.app.state.config


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip()
    return None


def current_user(request: Request) -> User | None:
    """The signed-in user (bearer token first, then the session cookie), cached on the request."""
    if not hasattr(request.state, "user"):
        token = _bearer(request) or request.cookies.get(SESSION_COOKIE)
        request.state.user = load_session_user(engine_of(request), token)
    return request.state.user


def page_csrf(request: Request) -> str:
    """The CSRF token to put in this browser's forms (its nonce cookie is set by the app's middleware)."""
    return csrf_token(config_of(request).secret, request.state.csrf_nonce)


def check_csrf(request: Request, token: str | None) -> None:
    if not csrf_ok(config_of(request).secret, request.cookies.get(CSRF_COOKIE), token):
        raise APIError(403, "missing or invalid CSRF token: reload the page and try again", "csrf")


def require_role(request: Request, role: str = "analyst") -> User:
    """The user allowed to write, else 401 (not signed in) or 403 (role too weak, or a cookie without CSRF token).

    A bearer token is a deliberate credential; a cookie travels by itself, so a
    write signed by cookie must also carry the page's CSRF token (``X-CSRF-Token``).
    """
    user = current_user(request)
    if user is None:
        raise APIError(401, "sign in to make changes", "unauthorized")
    if _bearer(request) is None and request.method not in ("GET", "HEAD", "OPTIONS"):
        check_csrf(request, request.headers.get("x-csrf-token"))
    if not user.can(role):
        raise APIError(403, f"this needs the {role} role; {user.name} is {user.role}", "forbidden")
    return user


def sign_in(request: Request, name: str, password: str) -> User | None:
    """The user of a right name and password, else None; 429 with Retry-After after too many failures.

    Failures are counted per account and per client address (:class:`~harmattan.web.ratelimit.SignInLimiter`);
    while either is over its limit the password is not even checked.
    """
    limiter = request.app.state.sign_in_limiter
    address = request.client.host if request.client else "unknown"
    wait = limiter.retry_after(name, address)
    if wait is not None:
        raise APIError(429, f"too many failed sign-ins: try again in {wait} seconds", "too_many_requests",
                       headers={"Retry-After": str(wait)})
    user = check_password(engine_of(request), name, password)
    if user is None:
        limiter.failed(name, address)
    else:
        limiter.succeeded(name)
    return user
