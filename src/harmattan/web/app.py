"""The app factory: one FastAPI app serving the JSON API, the pages and the bundled static files.

>>> from harmattan.web.config import WebConfig
>>> app = create_app(WebConfig(db_url="sqlite://"))
>>> [p for p in app.openapi()["paths"] if p.startswith("/api/events")][:2]
['/api/events', '/api/events/points']
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..settings import Settings, load_settings
from ..store import Store, connect
from ..store.schema import migrate
from . import alerts, api, auth, pages, review
from .config import WebConfig
from .errors import install_error_handlers
from .methods import HeadAndOptions
from .openapi import describe_api
from .ratelimit import SignInLimiter

STATIC = Path(__file__).parent / "static"


def content_security_policy(config: WebConfig) -> str:
    """No inline scripts, nothing from elsewhere (but the optional tile server's images).

    >>> "script-src 'self'" in content_security_policy(WebConfig())
    True
    """
    images = "'self' data:"
    if config.tile_url:
        parts = urlsplit(config.tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in config.tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images +
            "; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """ASGI middleware: the per-browser CSRF nonce (``request.state.csrf_nonce``, its cookie set when new) and the
    security headers on every response.

    Plain ASGI rather than ``@app.middleware("http")``, whose wrapping of every request and response in
    streams cost more than the cheap reads themselves under concurrent clients.
    """

    def __init__(self, app: ASGIApp, csp: str, secure_cookies: bool = False):
        self.app, self.csp, self.secure_cookies = app, csp, secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = HTTPConnection(scope).cookies.get(auth.CSRF_COOKIE)
        fresh = not nonce or len(nonce) > 100
        nonce = secrets.token_urlsafe(24) if fresh else nonce
        scope.setdefault("state", {})["csrf_nonce"] = nonce

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if fresh:
                    cookie = Response()
                    cookie.set_cookie(auth.CSRF_COOKIE, nonce, httponly=True, samesite="strict",
                                      secure=self.secure_cookies)
                    headers.append("set-cookie", cookie.headers["set-cookie"])
                for name, value in (("Content-Security-Policy", self.csp), ("X-Content-Type-Options", "nosniff"),
                                    ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY")):
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def app_from_env() -> FastAPI:
    """The app of one worker of ``harmattan serve --workers N``, configured by the environment it set.

    ``HARMATTAN_DB`` names the store and ``HARMATTAN_SECRET`` the secret all workers share
    (:meth:`WebConfig.from_env`); ``HARMATTAN_SECURE_COOKIES=1`` marks cookies Secure.
    """
    config = WebConfig.from_env(db_url=os.environ.get("HARMATTAN_DB") or None,
                                secure_cookies=os.environ.get("HARMATTAN_SECURE_COOKIES") == "1" or None)
    return create_app(config)


def create_app(config: WebConfig | None = None, engine: Store | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the app on a store (``engine``, else ``config.db_url``); creates the users tables if missing."""
    config = config or WebConfig()
    settings = settings or load_settings()
    engine = engine or connect(config.db_url or settings.db_url or None)
    migrate(engine)  # the store's migrations: users, sessions and the monitor's alert rules too
    app = FastAPI(title="Harmattan", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Political-violence and crisis events of the Sahel and West Africa, coded from news. "
                              "Reads are open; writes need a signed-in analyst (POST /api/session for a bearer token). "
                              "Errors read {\"error\": {\"code\", \"message\", \"details\"}}.")
    app.openapi = lambda: describe_api(app)
    app.state.engine, app.state.config, app.state.settings = engine, config, settings
    app.state.sign_in_limiter = SignInLimiter(config.sign_in_attempts, config.sign_in_address_attempts,
                                              config.sign_in_window_s)
    csp = content_security_policy(config)
    app.add_middleware(HeadAndOptions, router_app=app)  # innermost: the headers below reach HEAD and OPTIONS too
    app.add_middleware(SecurityHeaders, csp=csp, secure_cookies=config.secure_cookies)
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(review.router)
    app.include_router(alerts.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
