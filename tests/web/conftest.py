"""Fixtures of the web tests: a store ingested from the shared dev cases, users, an app, a real server, a browser.

Browser tests (marker ``browser``) drive Debian's Chromium (``/usr/bin/chromium``,
or ``$HARMATTAN_CHROMIUM``) through Playwright against uvicorn on a free
loopback port. Without Chromium or Playwright they skip with the reason, except
under CI (``$CI`` set), where they fail. Screenshots go to
``$HARMATTAN_SCREENSHOTS`` if set, else ``tests/web/screenshots/`` (git-ignored).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = os.environ.get("HARMATTAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PASSWORDS = {"amina": "analyst-pass-1", "victor": "viewer-pass-1", "ada": "admin-pass-1"}


def dev_docs(shared: Path) -> list[str]:
    return sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl"))


def fill_store(url: str, shared: Path):
    """A store with the dev cases, the XSS fixture article, and three users; returns the engine."""
    from harmattan.loaders import load_documents
    from harmattan.store import connect, ingest_documents
    from harmattan.store.schema import migrate
    from harmattan.web.auth import save_user

    engine = connect(url)
    summary = ingest_documents(engine, load_documents([*dev_docs(shared), str(FIXTURES / "xss.docs.jsonl")]))
    assert summary.documents_failed == 0
    migrate(engine)
    save_user(engine, "amina", PASSWORDS["amina"], "analyst")
    save_user(engine, "victor", PASSWORDS["victor"], "viewer")
    save_user(engine, "ada", PASSWORDS["ada"], "admin")
    return engine


def make_app(engine):
    from harmattan.web.app import create_app
    from harmattan.web.config import WebConfig
    return create_app(WebConfig(db_url=str(engine.url), secret="test-secret"), engine=engine)


@pytest.fixture(scope="module")
def store(shared, tmp_path_factory):
    """A fresh SQLite store per test module (modules correct events; each starts clean)."""
    path = tmp_path_factory.mktemp("web") / "events.sqlite"
    return fill_store(f"sqlite:///{path}", shared)


@pytest.fixture(scope="module")
def app(store):
    return make_app(store)


@pytest.fixture()
def client(app):
    from fastapi.testclient import TestClient
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving an app in a thread on a free loopback port."""

    def __init__(self, app):
        import uvicorn
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(app):
    with Server(app) as srv:
        yield srv


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium driven by Playwright (skipped locally when missing; a failure under CI)."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HARMATTAN_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium, server):
    """A fresh browser context (no cookies) whose console errors and page errors are recorded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                  else route.abort())  # nothing leaves the machine: the app must work offline
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(os.environ.get("HARMATTAN_SCREENSHOTS") or Path(__file__).parent / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    (folder / ".gitignore").write_text("# screenshots written by the browser tests\n*\n")
    return folder


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real headless Chromium against a real server")
