"""The analyst web app and JSON API (FastAPI), served by ``harmattan serve``.

Modules: :mod:`.app` (the app factory), :mod:`.api` and :mod:`.review` (JSON
routes), :mod:`.pages` (HTML pages), :mod:`.auth` (users, sessions, CSRF),
:mod:`.filters` and :mod:`.queries` (reading the store for both), :mod:`.cli`
(the ``serve`` and ``users`` commands). Nothing is started or read at import.
"""
from __future__ import annotations


def create_app(*args, **kwargs):
    """Build the ASGI app; see :func:`harmattan.web.app.create_app`."""
    from .app import create_app as _create_app
    return _create_app(*args, **kwargs)


__all__ = ["create_app"]
