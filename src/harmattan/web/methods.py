"""HEAD and OPTIONS for every route: HEAD is the GET without its body, OPTIONS (and a 405) list the allowed methods.

FastAPI routes declared with ``@router.get`` answer GET only; this ASGI
middleware answers HEAD by running the GET and dropping the body (headers,
status and ``Content-Length`` are the GET's), and OPTIONS with ``204`` and an
``Allow`` header naming the methods of the routes at that path (404 when no
route matches).
"""
from __future__ import annotations

from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app, scope: Scope) -> set[str]:
    """The methods the routes of ``app`` accept at the path of ``scope`` (empty: no route there)."""
    methods: set[str] = set()
    for route in app.router.routes:
        if isinstance(route, Mount):  # static files: read only
            if route.matches(scope)[0] != Match.NONE:
                methods.add("GET")
            continue
        # Routers group their routes: ask each whether it fully matches the path with each method.
        methods |= {m for m in _METHODS if route.matches({**scope, "method": m})[0] == Match.FULL}
    if "GET" in methods:
        methods.add("HEAD")
    return methods | {"OPTIONS"} if methods else set()


class HeadAndOptions:
    """ASGI middleware giving every GET route a HEAD and every route an OPTIONS."""

    def __init__(self, app: ASGIApp, router_app=None):
        self.app = app
        self.router_app = router_app  # the FastAPI app whose routes are listed (set after construction)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, self._allow_on_405(scope, send))
            return
        if scope["method"] == "OPTIONS":
            await self._options(scope, receive, send)
            return
        await self.app({**scope, "method": "GET"}, receive, _without_body(send))

    def _allow_on_405(self, scope: Scope, send: Send) -> Send:
        """A 405 names the methods that are allowed (RFC 9110, 15.5.6)."""
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                allow = ", ".join(sorted(allowed_methods(self.router_app, scope)))
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"]
                message = {**message, "headers": headers + [(b"allow", allow.encode())]}
            await send(message)
        return wrapped

    async def _options(self, scope: Scope, receive: Receive, send: Send) -> None:
        methods = allowed_methods(self.router_app, scope)
        if not methods:  # let the app answer its usual 404
            await self.app({**scope, "method": "GET"}, receive, send)
            return
        await send({"type": "http.response.start", "status": 204,
                    "headers": [(b"allow", ", ".join(sorted(methods)).encode())]})
        await send({"type": "http.response.body", "body": b""})


def _without_body(send: Send) -> Send:
    sent_end = False

    async def wrapped(message: Message) -> None:
        nonlocal sent_end
        if message["type"] == "http.response.body":
            if sent_end:
                return
            if message.get("more_body"):
                return  # swallow the chunks; the last one ends the response
            sent_end = True
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        await send(message)

    return wrapped
