"""One place where errors become HTTP status codes and one JSON shape.

Every API error reads ``{"error": {"code": ..., "message": ..., "details": ...}}``;
pages get the same status with an HTML page. Bad input is a 4xx, never a 500.

>>> error_body("not_found", "no event ev-1")
{'error': {'code': 'not_found', 'message': 'no event ev-1', 'details': None}}
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "too_large", 422: "invalid_parameter", 429: "too_many_requests", 500: "internal_error"}


class APIError(Exception):
    """An error the client can act on: a status, a short code, a message, optional details."""

    def __init__(self, status: int, message: str, code: str | None = None, details=None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.details, self.headers = status, message, details, headers or {}
        self.code = code or _CODES.get(status, "error")


def error_body(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _respond(request: Request, status: int, code: str, message: str, details=None, headers=None):
    if _wants_html(request):
        from .pages import render_error
        response = render_error(request, status, message)
        response.headers.update(headers or {})
        return response
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        out.append({"parameter": ".".join(loc[1:]) or ".".join(loc), "where": loc[0] if loc else None,
                    "message": err.get("msg", "")})
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: :class:`APIError`, HTTP errors, validation errors, and the last-resort 500."""

    @app.exception_handler(APIError)
    async def _api_error(request: Request, exc: APIError):
        headers = {**({"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}), **exc.headers}
        return _respond(request, exc.status, exc.code, exc.message, exc.details, headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _respond(request, exc.status_code, _CODES.get(exc.status_code, "error"), message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        details = _validation_details(exc)
        first = details[0] if details else {"parameter": "?", "message": "invalid"}
        return _respond(request, 422, "invalid_parameter", f"{first['parameter']}: {first['message']}", details)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _respond(request, 500, "internal_error", "internal error (logged on the server)")
