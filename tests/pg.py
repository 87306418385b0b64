"""A throwaway PostgreSQL server for the tests: found, initialised, started, stopped.

The store's PostgreSQL backend is tested against a real server, not a mock.
`postgres_server` builds a fresh cluster in a temporary directory, starts it on
127.0.0.1 at a free port (plus a unix socket inside that directory), yields a
SQLAlchemy URL and stops the server on exit, even when the body raised.

Running as root (CI and the test machine do): PostgreSQL refuses to run as
root, so the cluster belongs to an unprivileged system user, `postgres` when it
exists (Debian's postgresql-common creates it) else `nobody`, or the user named
in HARMATTAN_PG_OS_USER. We do not create users. initdb and pg_ctl are started
with `subprocess`'s own `user=`/`group=` switch, which does what
`runuser -u USER --` does (setgid, setuid, no supplementary groups) without a
PAM session, a shell, or one more binary to find. When the pytest temporary
directory is not reachable by that user (pytest makes /tmp/pytest-of-root mode
0700), the cluster goes in a fresh directory under the system temp dir instead,
removed on exit; its server log is copied back into the given directory.

Nothing here runs at import. From a conftest:

    from tests.pg import pg_url  # noqa: F401  (the session fixture)

or wrap `pg_url_fixture` in a fixture of your own.
"""
from __future__ import annotations

import contextlib
import glob
import logging
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

log = logging.getLogger(__name__)

#: The three programs a cluster needs; they must live in the same directory.
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
#: Database created in every cluster and named in the yielded URL.
TEST_DATABASE = "harmattan_test"
#: Superuser role of the throwaway cluster (trust auth, loopback only).
ROLE = "postgres"
#: Seconds allowed for the server to accept connections after `pg_ctl start`.
START_TIMEOUT_S = 60
#: Longest unix socket path the kernel takes (sun_path is 108 bytes with NUL).
_MAX_SOCKET_PATH = 100


class PostgresNotFound(RuntimeError):
    """No PostgreSQL server binaries (initdb, pg_ctl, postgres) on this machine."""


class PostgresStartError(RuntimeError):
    """initdb or the server failed; the message carries the command output or log tail."""


def find_pg_bindir() -> Path | None:
    """Return the directory holding initdb, pg_ctl and postgres, or None.

    PATH first (symlinks resolved, so /usr/local/bin/initdb -> the real bin dir),
    then Debian's /usr/lib/postgresql/<version>/bin, newest version first.
    HARMATTAN_PG_BINDIR, when set, wins and must be complete.

        find_pg_bindir()  # e.g. PosixPath('/usr/lib/postgresql/15/bin')
    """
    forced = os.environ.get("HARMATTAN_PG_BINDIR")
    if forced:
        return Path(forced) if _complete(Path(forced)) else None
    on_path = shutil.which("initdb")
    if on_path:
        bindir = Path(on_path).resolve().parent
        if _complete(bindir):
            return bindir
    candidates = glob.glob("/usr/lib/postgresql/*/bin")
    for bindir in sorted(candidates, key=_version_key, reverse=True):
        if _complete(Path(bindir)):
            return Path(bindir)
    return None


def _complete(bindir: Path) -> bool:
    return all(os.access(bindir / name, os.X_OK) for name in SERVER_PROGRAMS)


def _version_key(bindir: str) -> tuple[int, ...]:
    # "/usr/lib/postgresql/15/bin" -> (15,); "9.6" -> (9, 6); so 15 sorts above 9.6.
    version = Path(bindir).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged OS user that owns the cluster when we are root, else None."""
    if os.geteuid() != 0:
        return None
    wanted = os.environ.get("HARMATTAN_PG_OS_USER")
    for name in [wanted] if wanted else ["postgres", "nobody"]:
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        if user.pw_uid != 0:
            return user
    raise PostgresStartError(
        "running as root and no unprivileged user to own the PostgreSQL cluster: "
        f"tried {wanted or 'postgres, nobody'}; set HARMATTAN_PG_OS_USER to an existing user"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env() -> dict[str, str]:
    # Ambient PG* variables (PGDATA, PGPORT, PGHOST...) must not steer our cluster.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


def _run_as(user: pwd.struct_passwd | None, cmd: list[str], cwd: Path,
            timeout: float) -> subprocess.CompletedProcess[str]:
    """Run cmd as user (None: as ourselves), capturing output, never raising on exit status."""
    env = _clean_env()
    kwargs: dict = {}
    if user is not None:
        kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        env.update(HOME=str(cwd), USER=user.pw_name, LOGNAME=user.pw_name)
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL, **kwargs,
    )


def _reachable_by(user: pwd.struct_passwd | None, directory: Path) -> bool:
    if user is None:
        return True
    try:
        probe = _run_as(user, ["test", "-w", str(directory), "-a", "-x", str(directory)],
                        cwd=Path("/"), timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(no server log at {path}: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def _pid_alive(pid: int) -> bool:
    """True while pid runs; a zombie (exited, not yet reaped) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return not re.search(r"^State:\s+Z", status, re.MULTILINE)


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _connect(url: str, dbname: str | None = None, timeout: int = 5):
    """A psycopg autocommit connection to the server behind a SQLAlchemy URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    return psycopg.connect(
        host=parts.host, port=parts.port, user=parts.username,
        dbname=dbname or parts.database, connect_timeout=timeout, autocommit=True,
    )


def _wait_accepting(url: str, timeout: float) -> None:
    """Poll until the server accepts a connection to its `postgres` database."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            with _connect(url, dbname="postgres", timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _initdb(bindir: Path, user, work: Path, data: Path) -> None:
    done = _run_as(user, [
        str(bindir / "initdb"), "--pgdata", str(data), "--username", ROLE,
        "--auth", "trust", "--encoding", "UTF8", "--locale", "C",
        "--no-sync", "--no-instructions",
    ], cwd=work, timeout=120)
    if done.returncode != 0:
        raise PostgresStartError(
            f"initdb failed (exit {done.returncode}) in {data}:\n{done.stdout}\n{done.stderr}")
    # Loopback TCP and a private socket only; durability is not wanted in a throwaway cluster.
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(
            "\n# harmattan test cluster\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{work / 'sock'}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            "max_connections = 200\n"
        )


def _pg_start(bindir: Path, user, work: Path, data: Path, logfile: Path, port: int) -> bool:
    """Start the server on port; False when the port was taken meanwhile (caller retries)."""
    started = _run_as(user, [
        str(bindir / "pg_ctl"), "start", "--pgdata", str(data), "--log", str(logfile),
        "--wait", "--timeout", str(START_TIMEOUT_S), "--options", f"-p {port}",
    ], cwd=work, timeout=START_TIMEOUT_S + 30)
    if started.returncode == 0:
        return True
    tail = _tail(logfile)
    if "Address already in use" in tail and not (data / "postmaster.pid").exists():
        return False
    raise PostgresStartError(
        f"PostgreSQL failed to start on 127.0.0.1:{port} (pg_ctl exit {started.returncode}, "
        f"wait limit {START_TIMEOUT_S}s): {started.stderr.strip()}\n"
        f"--- last lines of the server log ---\n{tail}")


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def _pg_stop(bindir: Path, user, work: Path, data: Path, pid: int | None) -> None:
    """Stop the server: fast, then immediate, then SIGKILL; never raises."""
    for mode in ("fast", "immediate"):
        try:
            done = _run_as(user, [
                str(bindir / "pg_ctl"), "stop", "--pgdata", str(data),
                "--mode", mode, "--wait", "--timeout", "15",
            ], cwd=work, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("pg_ctl stop -m %s failed: %s", mode, exc)
            continue
        if done.returncode == 0 and (pid is None or _wait_gone(pid, 5)):
            return
        log.warning("pg_ctl stop -m %s: exit %s %s", mode, done.returncode, done.stderr.strip())
    if pid is not None and _pid_alive(pid):
        log.warning("killing postmaster %d", pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # postmaster leads its own process group
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, 5)


@contextlib.contextmanager
def postgres_server(tmp_dir: str | os.PathLike[str]) -> Iterator[str]:
    """Run a throwaway PostgreSQL cluster; yield its SQLAlchemy URL; stop it on exit.

    Args:
        tmp_dir: an existing directory for the cluster, its socket and `postgres.log`
            (when the server user cannot reach it, the cluster lives under the
            system temp dir and only the log is copied here).

    Yields:
        ``postgresql+psycopg://postgres@127.0.0.1:PORT/harmattan_test``.

    Raises:
        PostgresNotFound: no server binaries (see `find_pg_bindir`).
        PostgresStartError: initdb or the server failed; carries the log tail.

    Example::

        with postgres_server(tmp_path) as url:
            engine = sqlalchemy.create_engine(url)
    """
    bindir = find_pg_bindir()
    if bindir is None:
        raise PostgresNotFound(
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or in "
            "/usr/lib/postgresql/*/bin; run scripts/install-test-deps.sh as root")
    tmp_dir = Path(tmp_dir)
    user = _server_user()
    # Socket paths are short-limited; the user must be able to reach the directory.
    near = len(str(tmp_dir)) + len("/harmattan-pg-XXXXXXXX/sock/.s.PGSQL.65535") <= _MAX_SOCKET_PATH
    private = near and _reachable_by(user, tmp_dir)
    work = Path(tempfile.mkdtemp(prefix="harmattan-pg-", dir=tmp_dir if private else None))
    data, logfile = work / "data", work / "postgres.log"
    pid: int | None = None
    started = False
    try:
        (work / "sock").mkdir()
        if user is not None:
            for path in (work, work / "sock"):
                os.chown(path, user.pw_uid, user.pw_gid)
        t0 = time.monotonic()
        _initdb(bindir, user, work, data)
        for _attempt in range(5):
            port = _free_port()
            if _pg_start(bindir, user, work, data, logfile, port):
                break
        else:
            raise PostgresStartError(f"no free port after 5 tries\n{_tail(logfile)}")
        started = True
        pid = _postmaster_pid(data)
        url = f"postgresql+psycopg://{ROLE}@127.0.0.1:{port}/{TEST_DATABASE}"
        try:
            _wait_accepting(url, START_TIMEOUT_S)
        except Exception as exc:
            raise PostgresStartError(
                f"PostgreSQL on 127.0.0.1:{port} accepts no connections: {exc}\n"
                f"--- last lines of {logfile} ---\n{_tail(logfile)}") from exc
        with _connect(url, dbname="postgres") as conn:
            conn.execute(f'CREATE DATABASE "{TEST_DATABASE}"')
        log.info("PostgreSQL %s up on 127.0.0.1:%d in %.2fs", bindir, port, time.monotonic() - t0)
        yield url
    finally:
        if started or pid is not None or (data / "postmaster.pid").exists():
            t1 = time.monotonic()
            _pg_stop(bindir, user, work, data, pid or _postmaster_pid(data))
            log.info("PostgreSQL stopped in %.2fs", time.monotonic() - t1)
        if private:
            shutil.rmtree(data, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                shutil.copyfile(logfile, tmp_dir / "postgres.log")
            shutil.rmtree(work, ignore_errors=True)


def fresh_database(url: str) -> str:
    """Create a new empty database on the server behind url; return its URL.

    The name is unique (`harmattan_t_<12 hex>`); it lives until the cluster is
    torn down, so tests need not drop it.

        fresh_database(pg_url)  # 'postgresql+psycopg://postgres@127.0.0.1:5xxxx/harmattan_t_3f...'
    """
    from sqlalchemy.engine import make_url

    name = f"harmattan_t_{uuid.uuid4().hex[:12]}"
    with _connect(url, dbname="postgres") as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def pg_url_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Body of the session fixture: one server for the run; skip locally, fail in CI.

    Without server binaries the tests that use it skip with the reason, unless
    the environment variable CI is set: then they fail, so CI never silently
    drops the PostgreSQL tests. Wrap it in a conftest with
    ``pytest.fixture(scope="session")`` or import `pg_url` below.
    """
    if find_pg_bindir() is None:
        reason = ("PostgreSQL server binaries not found (PATH, /usr/lib/postgresql/*/bin); "
                  "run scripts/install-test-deps.sh as root")
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)
    with postgres_server(tmp_path_factory.mktemp("pg")) as url:
        yield url


#: Session fixture: the URL of one throwaway server shared by the whole run.
pg_url = pytest.fixture(scope="session", name="pg_url")(pg_url_fixture)
