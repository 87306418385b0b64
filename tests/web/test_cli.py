"""``harmattan users`` and ``harmattan serve`` as a user runs them (real subprocesses, a real SQLite file)."""
from __future__ import annotations

import subprocess
import time

import httpx

from .conftest import free_port


def run(cli, *args, stdin=None, check=True):
    proc = subprocess.run([cli, *args], input=stdin, capture_output=True, text=True, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_users_add_list_remove(cli, tmp_path):
    db = str(tmp_path / "users.sqlite")
    out = run(cli, "users", "add", "amina", "--role", "analyst", "--db", db, stdin="long-enough-pass\n").stdout
    assert "user amina (analyst) saved" in out
    run(cli, "users", "add", "ada", "--role", "admin", "--password-stdin", "--db", db, stdin="another-long-pass\n")
    listed = run(cli, "users", "list", "--db", db).stdout
    assert "amina" in listed and "analyst" in listed and "ada" in listed and "long-enough-pass" not in listed
    assert run(cli, "users", "add", "bob", "--role", "king", "--db", db, stdin="x" * 10, check=False).returncode == 2
    short = run(cli, "users", "add", "bob", "--db", db, stdin="short\n", check=False)
    assert short.returncode == 2 and "at least 8" in short.stderr
    run(cli, "users", "remove", "amina", "--db", db)
    assert "amina" not in run(cli, "users", "list", "--db", db).stdout
    gone = run(cli, "users", "remove", "amina", "--db", db, check=False)
    assert gone.returncode == 1 and "no user amina" in gone.stderr
    from harmattan.store import connect
    from harmattan.web.auth import check_password
    engine = connect(db)
    assert check_password(engine, "ada", "another-long-pass").role == "admin"
    assert check_password(engine, "ada", "wrong") is None


def test_serve_prints_address_and_answers(cli, tmp_path):
    port = free_port()
    db = str(tmp_path / "serve.sqlite")
    proc = subprocess.Popen([cli, "serve", "--db", db, "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "open http://" in line:
                break
        assert f"open http://127.0.0.1:{port}/" in "".join(lines)
        for _ in range(100):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["empty"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
