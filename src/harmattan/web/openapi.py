"""The OpenAPI description, completed in one place: the bearer scheme, the error answers, the export's media types.

FastAPI describes parameters, bodies and answers from the code; this adds what
it cannot see: which operations need a signed-in analyst (``security``), the
errors each operation can answer, all in the one error shape of
:mod:`.errors`, and the file types of ``/api/export``.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .schemas import ErrorBody

ERRORS = {
    400: "A body that cannot be read (not JSON, not UTF-8)",
    401: "Not signed in, or the token is unknown or expired",
    403: "The signed-in user lacks the role, or a cookie came without its CSRF token",
    404: "Nothing with that id or name",
    409: "The change conflicts with the current state (already merged, already undone)",
    422: "A parameter or the body is invalid; `details` names each one",
    429: "Too many failed sign-ins: wait the Retry-After header's seconds",
}

#: Operations that need a bearer token (or a session cookie with the page's CSRF token), and their role.
SECURED = {
    ("post", "/api/events/{event_id}/corrections"), ("post", "/api/events/{event_id}/status"),
    ("post", "/api/events/{event_id}/merge"), ("post", "/api/events/{event_id}/split"),
    ("post", "/api/overrides/{number}/undo"), ("get", "/api/users"),
}
_EXTRA = {
    ("post", "/api/events/{event_id}/merge"): {409}, ("post", "/api/events/{event_id}/split"): {409},
    ("post", "/api/overrides/{number}/undo"): {409}, ("post", "/api/session"): {401, 429},
}
EXPORT_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/x-ndjson", "application/geo+json", "application/vnd.apache.parquet")


def _without_null(schema: dict) -> dict:
    """A parameter's ``anyOf: [X, null]`` as X (a query parameter is absent, never null), its extras merged in.

    >>> _without_null({"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}],
    ...                "items": {"type": "string", "enum": ["ML"]}, "title": "Country"})
    {'type': 'array', 'items': {'type': 'string', 'enum': ['ML']}, 'title': 'Country'}
    """
    branches = schema.get("anyOf")
    if not branches or len(branches) != 2 or {"type": "null"} not in branches:
        return schema
    (kept,) = [b for b in branches if b != {"type": "null"}]
    return {**kept, **{k: v for k, v in schema.items() if k != "anyOf"}}


def describe_api(app: FastAPI) -> dict:
    """The completed description (built once, then cached on the app)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.update(ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {}))
    schemas["ErrorBody"] = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas["ErrorBody"].pop("$defs", None)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    components["securitySchemes"] = {"bearer": {
        "type": "http", "scheme": "bearer",
        "description": "A token from POST /api/session, sent as `Authorization: Bearer <token>`"}}
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            for parameter in op.get("parameters", []):
                parameter["schema"] = _without_null(parameter["schema"])
            responses = op.setdefault("responses", {})
            codes = set(_EXTRA.get((method, path), ()))
            if op.get("parameters") or op.get("requestBody"):
                codes.add(422)
            if op.get("requestBody"):
                codes.add(400)  # a body that is not JSON (or not UTF-8)
            if "{" in path:
                codes.add(404)
            if (method, path) in SECURED:
                op["security"] = [{"bearer": []}]
                codes |= {401, 403}
            responses.pop("422", None)
            for code in sorted(codes):
                responses[str(code)] = {"description": ERRORS[code], "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    export = schema["paths"].get("/api/export", {}).get("get")
    if export:
        export["responses"]["200"] = {"description": "The file, as an attachment", "content": {
            media: {"schema": {}} for media in EXPORT_TYPES}}
    app.openapi_schema = schema
    return schema
