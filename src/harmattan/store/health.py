"""Is a store sound? ``harmattan store check``: SQLite's full ``integrity_check``, schema version, counts,
and the pre-aggregated statistics counted again from the events.

Reads only; works on a damaged or newer store (that is when it is needed).

>>> import tempfile, pathlib
>>> from harmattan.store import connect
>>> path = pathlib.Path(tempfile.mkdtemp()) / "events.sqlite"
>>> _ = connect(str(path))
>>> report = check_store(str(path))
>>> report.ok, report.problems, report.counts
(True, [], {'documents': 0, 'claims': 0, 'events': 0})
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError

from .db import RECOVER_HINT, _prepare_file, _sqlite_pragmas, default_url, normalize_url, sqlite_path
from .schema import current_version, latest_version

__all__ = ["StoreReport", "check_store"]


@dataclass
class StoreReport:
    """What ``store check`` found: ``problems`` is empty for a sound store."""

    where: str
    schema_version: int | None = None
    known_version: int = field(default_factory=latest_version)
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not a fault

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """The report as a user reads it."""
        out = [f"store: {self.where}",
               f"schema version: {self.schema_version if self.schema_version is not None else 'unreadable'}"
               f" (this Harmattan knows up to {self.known_version})"]
        out += [f"{name}: {count}" for name, count in self.counts.items()]
        out += [f"note: {n}" for n in self.notes]
        if self.ok:
            out.append("integrity: ok")
        else:
            out += [f"problem: {p}" for p in self.problems]
            out.append("the store is damaged: run `harmattan store recover` to rebuild it into a new file")
        return out


def check_store(url: str | None = None, max_problems: int = 100) -> StoreReport:
    """Run every check a store allows and report; never raises for a damaged store.

    SQLite: ``PRAGMA integrity_check`` (every page, index and constraint), the
    schema version, the row counts of the main tables. PostgreSQL: the schema
    version and counts (the server keeps its own pages sound).
    """
    url = normalize_url(url or default_url())
    path = sqlite_path(url)
    report = StoreReport(where=str(path) if path is not None else url.split("@")[-1])
    if path is not None:
        if not path.exists():
            report.problems.append("no such store file")
            return report
        _prepare_file(path)  # a folder or a foreign file is refused with its own message
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                rows = [r[0] for r in conn.execute(text(f"PRAGMA integrity_check({int(max_problems)})"))]
                if rows != ["ok"]:
                    report.problems.extend(rows)
            report.schema_version = _safely(lambda: current_version(conn), report)
            if report.schema_version is not None and report.schema_version > report.known_version:
                report.problems.append(f"schema version {report.schema_version} is newer than this Harmattan knows")
            for table in ("documents", "claims", "events"):
                count = _safely(lambda t=table: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one(), report)
                if count is not None:
                    report.counts[table] = count
            if (report.schema_version or 0) >= 9 and report.schema_version <= report.known_version:
                pending = _safely(lambda: conn.execute(text("SELECT count(*) FROM claims WHERE event_id IS NULL"))
                                  .scalar_one(), report)
                if pending:
                    report.notes.append(f"{pending} claims are not derived into events yet (a backfill was stopped "
                                        "before the end): run the same `harmattan backfill` again to finish it")
                drift = _safely(lambda: _statistics_drift(conn), report)
                if drift:
                    report.problems.append(f"the pre-aggregated statistics differ from the events ({drift})")
    except DBAPIError as exc:
        report.problems.append(str(getattr(exc, "orig", None) or exc).splitlines()[0])
    finally:
        engine.dispose()
    return report


def _statistics_drift(conn) -> str:
    """How the statistics tables differ from a count of the events from scratch ('' when they agree)."""
    from . import aggregates

    stored, expected = aggregates.stored(conn), aggregates.expected(conn)
    wrong = [f"{name}: {len(have ^ want)} rows" for name, have, want in zip(("event_stats", "actor_stats"), stored, expected)
             if have != want]
    return ", ".join(wrong)


def _safely(read, report: StoreReport):
    try:
        return read()
    except DBAPIError as exc:
        report.problems.append(str(getattr(exc, "orig", None) or exc).splitlines()[0])
        return None
