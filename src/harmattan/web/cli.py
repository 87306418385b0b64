"""The ``harmattan serve`` and ``harmattan users`` commands (loaded lazily by :mod:`harmattan.cli`).

Examples::

    harmattan serve --db events.sqlite            # then open http://127.0.0.1:8000/
    harmattan serve --db events.sqlite --workers 4   # four server processes (a busy desk, a big store)
    harmattan users add amina --role analyst      # asks for the password
    printf 'secret-pass\\n' | harmattan users add bot --role analyst --password-stdin
    harmattan users list
    harmattan users remove amina
"""
from __future__ import annotations

import sys

import click

from .auth import ROLES

_db_option = click.option("--db", "db", envvar="HARMATTAN_DB",
                          help="Store URL or SQLite path (default: $HARMATTAN_DB, else ~/.local/share/harmattan/harmattan.sqlite).")


def _engine(db: str | None):
    from ..settings import load_settings
    from ..store import connect
    from ..store.schema import migrate
    settings = load_settings()
    engine = connect(db or settings.db_url or None)
    migrate(engine)
    return engine, settings


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--tile-url", envvar="HARMATTAN_TILE_URL", default="",
              help="Optional online map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: offline boundaries only).")
@click.option("--tile-attribution", envvar="HARMATTAN_TILE_ATTRIBUTION", default="", help="Credit line of the tile layer.")
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (when served behind HTTPS).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, envvar="HARMATTAN_WORKERS",
              help="Server processes answering together (about one per CPU core for a busy desk).")
def serve(db, host, port, tile_url, tile_attribution, secure_cookies, workers):
    """Serve the analyst web app and JSON API. Example: harmattan serve --db events.sqlite --workers 4"""
    import os

    import uvicorn

    from .app import create_app
    from .config import WebConfig

    engine, settings = _engine(db)
    config = WebConfig.from_env(db_url=db, tile_url=tile_url or None, tile_attribution=tile_attribution or None,
                                secure_cookies=secure_cookies or None)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"harmattan: serving {engine.url.render_as_string(hide_password=True)}"
               + (f" with {workers} workers" if workers > 1 else ""), err=True)
    click.echo(f"harmattan: open http://{shown}:{port}/  (API: http://{shown}:{port}/api/docs; Ctrl-C to stop)", err=True)
    if workers == 1:
        uvicorn.run(create_app(config, engine=engine, settings=settings), host=host, port=port, log_level="warning")
        return
    # Each worker process builds its own app from the environment: the same store, and the same secret
    # (a CSRF token signed by one worker is checked by another). Sign-in limits are counted per worker.
    os.environ.update({"HARMATTAN_DB": engine.url.render_as_string(hide_password=False),
                       "HARMATTAN_SECRET": config.secret, "HARMATTAN_TILE_URL": config.tile_url,
                       "HARMATTAN_TILE_ATTRIBUTION": config.tile_attribution,
                       "HARMATTAN_SECURE_COOKIES": "1" if config.secure_cookies else ""})
    engine.dispose()
    uvicorn.run("harmattan.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


@click.group()
def users():
    """Manage who may sign in to the web app (viewer, analyst, admin)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="analyst", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (first line).")
@_db_option
def users_add(name, role, password_stdin, db):
    """Add a user (or change a user's password and role); the password is asked for, never an argument."""
    from .auth import save_user

    if password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    engine, _ = _engine(db)
    try:
        user = save_user(engine, name, password, role)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"user {user.name} ({user.role}) saved")


@users.command("list")
@_db_option
def users_list(db):
    """List users and their roles."""
    from .auth import load_users

    engine, _ = _engine(db)
    rows = load_users(engine)
    for row in rows:
        click.echo(f"{row['name']:20} {row['role']:8} {row['created_at']}")
    if not rows:
        click.echo("no users; add one with: harmattan users add NAME --role analyst", err=True)


@users.command("remove")
@click.argument("name")
@_db_option
def users_remove(name, db):
    """Remove a user (and end their sessions)."""
    from ..store.accounts import delete_account

    engine, _ = _engine(db)
    if not delete_account(engine, name):
        raise click.ClickException(f"no user {name}")
    click.echo(f"user {name} removed")
