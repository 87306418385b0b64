"""Tables of the store and the versioned migrations that create and upgrade them.

Migrations are numbered functions applied in order inside one transaction
each; the ``schema_migrations`` table records which ran (and which Harmattan
ran it), so running :func:`migrate` twice is harmless and an older database is
upgraded in place. :func:`migrate` runs under a lock (:mod:`.locking`), so any
number of processes may open a new store together; a store of a newer schema
than this code knows is refused (:class:`~harmattan.errors.StoreTooNew`), never
written to.

The tables of the web app (users, sessions) and of the monitor (sources,
alerts ...) are defined in :mod:`.app_tables` and created by migration 7, and
the pre-aggregated statistics (with the triggers that keep them current) in
:mod:`.aggregates`, created by migration 10, so every table of the store is
under these migrations.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, and_, case, column, func, inspect,
    literal, table as sql_table, text,
)
from sqlalchemy.engine import Connection, Engine

from .. import __version__
from ..errors import StoreTooNew
from . import app_tables
from .locking import migration_lock

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_key", String, nullable=False, unique=True),  # URL, file path, or content hash
    Column("content_hash", String(64), nullable=False, index=True),
    Column("url", Text), Column("title", Text), Column("source", Text), Column("published", String(10)),
    Column("language", String(8)), Column("origin", Text), Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("revision", Integer, nullable=False, default=1),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_key", String, nullable=False, unique=True),  # doc_key#article/incident
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", String(32), index=True),
    Column("country_code", String(2)), Column("event_date", String(10)), Column("published", String(10)),
    Column("data", Text, nullable=False),  # interchange record of the single-report event
    # Where a claim's merging candidates are looked up (added by migration 9, see derive.Spot).
    Column("admin1", Text), Column("place_cell", String(16)), Column("type_family", String(64)),
    Column("time_precision", String(8)), Column("location", Text),
    # What merging compares a claim by, without the rest of its record, and the town's point (migration 11,
    # see derive.sketch_of and derive.Spot).
    Column("sketch", Text), Column("latitude", Float), Column("longitude", Float),
    Index("ix_claims_country_date", "country_code", "event_date"),
)

NEAR_INDEXES = (  # created by migration 11: the vague claims of a region, the undated claims of a place
    ("ix_claims_vague", "claims (country_code, admin1, time_precision, event_date) WHERE place_cell IS NULL"),
    ("ix_claims_undated_cell", "claims (country_code, place_cell) WHERE event_date IS NULL"),
    ("ix_claims_undated_admin1", "claims (country_code, admin1) WHERE event_date IS NULL"),
    ("ix_claims_undated_location", "claims (country_code, location) WHERE event_date IS NULL"),
)

CLAIM_INDEXES = (  # created by migration 9
    ("ix_claims_cell", "claims (country_code, place_cell, time_precision, event_date)"),
    ("ix_claims_admin1", "claims (country_code, admin1, time_precision, event_date)"),
    ("ix_claims_location", "claims (country_code, location, time_precision, event_date)"),
)

events = Table(
    "events", metadata,
    Column("event_id", String(32), primary_key=True),
    Column("event_type", String(40), nullable=False), Column("sub_event_type", String(60)),
    Column("event_date", String(10)), Column("time_precision", String(8)),
    Column("country_code", String(2)), Column("country", Text), Column("admin1", Text), Column("admin2", Text),
    Column("location", Text), Column("latitude", Float), Column("longitude", Float), Column("geo_precision", Integer),
    Column("actor1", Text), Column("actor2", Text), Column("fatalities", Integer),
    Column("civilian_targeting", Boolean), Column("background", Boolean), Column("aggregate", Boolean),
    Column("confidence", Float), Column("n_sources", Integer), Column("review_status", String(12)),
    Column("version", Integer, nullable=False), Column("updated_at", String(32), nullable=False),
    Column("data", Text, nullable=False),  # the full interchange record
    Index("ix_events_country_date", "country_code", "event_date"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_type_date", "event_type", "event_date"),
    Index("ix_events_admin1", "country_code", "admin1"),
    Index("ix_events_fatalities", "fatalities"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", String(32), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("actor", String, primary_key=True),
    Column("role", String(8), nullable=False),  # actor1 | actor2 | assoc1 | assoc2
    Index("ix_event_actors_actor", "actor"),
)

event_versions = Table(
    "event_versions", metadata,
    Column("event_id", String(32), primary_key=True), Column("version", Integer, primary_key=True),
    Column("changed_at", String(32), nullable=False), Column("reason", Text, nullable=False),
    Column("data", Text, nullable=False),
)

event_aliases = Table(
    "event_aliases", metadata,
    Column("old_id", String(32), primary_key=True), Column("new_id", String(32), nullable=False),
)

overrides = Table(  # analysts' merges and splits, applied on top of the automatic clustering
    "overrides", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # link (merge) | unlink (split)
    Column("claim_a", String, nullable=False), Column("claim_b", String, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", String(32), nullable=False), Column("note", Text),
)

corrections = Table(  # analysts' corrections of event fields, re-applied whenever the event is re-derived
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_key", String, nullable=False, index=True),  # anchored to the event's earliest claim
    Column("field", String(40), nullable=False),  # a record field, or "status" (accepted | not_event)
    Column("value", Text),  # JSON
    Column("user", String(80), nullable=False), Column("reason", Text, nullable=False),
    Column("created_at", String(32), nullable=False), Column("active", Boolean, nullable=False, default=True),
)

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True), Column("name", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
    Column("harmattan_version", String(40)),  # added by migration 6
)

document_versions = Table(  # every version a document key had, so a version seen before never comes back
    "document_versions", metadata,
    Column("doc_key", String, primary_key=True), Column("content_hash", String(64), primary_key=True),
    Column("seen_at", String(32), nullable=False),
)

MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = []


def migration(version: int, name: str):
    """Register a schema migration (applied once, in version order)."""
    def register(fn: Callable[[Connection], None]):
        MIGRATIONS.append((version, name, fn))
        MIGRATIONS.sort(key=lambda m: m[0])
        return fn
    return register


@migration(1, "core tables")
def _m1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[documents, claims, events, event_actors, event_versions, event_aliases])


@migration(2, "full-text search over documents")
def _m2(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"))
        conn.execute(text(
            "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"))
        conn.execute(text(
            "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END"))
        conn.execute(text(
            "CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"))
        conn.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))  # rows stored before
    else:
        conn.execute(text(
            "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED"))
        conn.execute(text("CREATE INDEX ix_documents_tsv ON documents USING GIN (tsv)"))


@migration(3, "analysts' merges and splits")
def _m3(conn: Connection) -> None:
    overrides.create(conn)


@migration(4, "covering index for nearest-event queries")
def _m4(conn: Connection) -> None:
    conn.execute(text("DROP INDEX IF EXISTS ix_events_lat_lon"))
    conn.execute(text("CREATE INDEX ix_events_lat_lon_id ON events (latitude, longitude, background, event_id)"))


@migration(5, "analysts' corrections")
def _m5(conn: Connection) -> None:
    corrections.create(conn)
    if "review_status" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN review_status VARCHAR(12)"))
    conn.execute(text("DROP INDEX IF EXISTS ix_events_lat_lon_id"))
    conn.execute(text("CREATE INDEX ix_events_lat_lon_id ON events (latitude, longitude, background, review_status, event_id)"))


@migration(6, "schema_migrations records which Harmattan applied each migration")
def _m6(conn: Connection) -> None:
    if "harmattan_version" not in {c["name"] for c in inspect(conn).get_columns("schema_migrations")}:
        conn.execute(text("ALTER TABLE schema_migrations ADD COLUMN harmattan_version VARCHAR(40)"))


@migration(7, "web app and monitor tables under the versioned migrations")
def _m7(conn: Connection) -> None:
    # Stores made before this migration may hold some of these tables already (they were created on demand).
    app_tables.metadata.create_all(conn, checkfirst=True)


@migration(8, "versions seen of each document, for idempotent re-ingest")
def _m8(conn: Connection) -> None:
    document_versions.create(conn)
    conn.execute(text("INSERT INTO document_versions (doc_key, content_hash, seen_at) "
                      "SELECT doc_key, content_hash, ingested_at FROM documents"))


@migration(9, "claims indexed by place cell, admin-1 and type family, for incremental derivation")
def _m9(conn: Connection) -> None:
    import json

    from .derive import spot_of

    have = {c["name"] for c in inspect(conn).get_columns("claims")}
    for name, kind in (("admin1", "TEXT"), ("place_cell", "VARCHAR(16)"), ("type_family", "VARCHAR(64)"),
                       ("time_precision", "VARCHAR(8)"), ("location", "TEXT")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE claims ADD COLUMN {name} {kind}"))
    for name, on in CLAIM_INDEXES:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {on}"))
    for claim_id, data in conn.execute(text("SELECT id, data FROM claims")).all():
        spot = spot_of(json.loads(data))
        conn.execute(text("UPDATE claims SET admin1 = :a, place_cell = :c, type_family = :t, time_precision = :p, "
                          "location = :l WHERE id = :i"),
                     {"a": spot.admin1, "c": spot.place_cell, "t": spot.type_family, "p": spot.time_precision,
                      "l": spot.location, "i": claim_id})


def map_point_sql(dialect: str, table=None):
    """One event as a point of the map, a JSON object written by the database (``table``: the events or a subquery).

    ``{"id", "lat", "lon", "type", "fatalities", "date", "place", "level"}``: ``place`` joins location,
    admin1 and country code; ``level`` is ``point`` (a placed town), ``region`` or ``country`` (drawn as
    areas), as :func:`harmattan.store.event_queries.area_level` says it. Without ``table`` the columns are unqualified
    (for the SQLite store's generated column ``map_point``).
    """
    c = (lambda name: table.c[name]) if table is not None else column
    place = literal("")
    for part in (c("location"), c("admin1"), c("country_code")):
        place = place.op("||")(func.coalesce(literal(", ").op("||")(func.nullif(part, "")), ""))
    level = case((and_(func.coalesce(c("location"), "") != "", func.coalesce(c("geo_precision"), -1) != 3), "point"),
                 (func.coalesce(c("admin1"), "") != "", "region"), else_="country")
    fields = {"id": c("event_id"), "lat": c("latitude"), "lon": c("longitude"), "type": c("event_type"),
              "fatalities": c("fatalities"), "date": c("event_date"), "place": func.substr(place, 3), "level": level}
    pairs = [x for name, value in fields.items() for x in (literal(name), value)]
    return func.json_build_object(*pairs) if dialect == "postgresql" else func.json_object(*pairs)


_MAP_POINT_COLUMNS = ("event_id", "latitude", "longitude", "event_type", "fatalities", "event_date", "location",
                      "admin1", "country_code", "geo_precision")


@migration(10, "statistics kept current by triggers, the store's version, covering indexes for the map and tolls")
def _m10(conn: Connection) -> None:
    from . import aggregates  # it reads this module's tables

    # The map's points (and the weekly counts) of a country and period straight from an index, newest first;
    # the index holds each point's JSON (``map_point``), so a map of thousands of points is one concatenation.
    # SQLite computes it as a generated column; PostgreSQL (whose JSON functions may not make a generated
    # column) has a trigger write it. The deadliest events are found by walking the toll downwards.
    # Safe to run again (a renumbered migration may meet a store that has it already).
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    if conn.dialect.name == "postgresql":
        new_row = sql_table("new", *(column(c) for c in _MAP_POINT_COLUMNS))
        point = map_point_sql("postgresql", new_row).compile(dialect=conn.dialect,
                                                             compile_kwargs={"literal_binds": True})
        if "map_point" not in have:
            conn.exec_driver_sql("ALTER TABLE events ADD COLUMN map_point TEXT")
        conn.exec_driver_sql("CREATE OR REPLACE FUNCTION harmattan_events_map_point() RETURNS trigger "
                             f"LANGUAGE plpgsql AS $fn$ BEGIN new.map_point := ({point})::text; RETURN new; END $fn$")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS events_map_point ON events")
        conn.exec_driver_sql("CREATE TRIGGER events_map_point BEFORE INSERT OR UPDATE ON events "
                             "FOR EACH ROW EXECUTE FUNCTION harmattan_events_map_point()")
        conn.exec_driver_sql("UPDATE events SET map_point = NULL")  # the trigger writes it (before the counts' triggers)
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_fatalities_id "
                          "ON events (fatalities DESC NULLS LAST, event_id)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_map ON events (country_code, event_date DESC NULLS LAST, "
                          "event_id) INCLUDE (latitude, longitude, background, review_status, fatalities, map_point)"))
    else:
        point = map_point_sql("sqlite").compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        if "map_point" not in have:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN map_point TEXT GENERATED ALWAYS AS ({point}) VIRTUAL"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_fatalities_id ON events (fatalities DESC, event_id)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_map ON events (country_code, event_date DESC, event_id, "
                          "latitude, longitude, background, review_status, fatalities, map_point)"))
    aggregates.install(conn)


@migration(11, "claims carry the sketch merging compares them by, for deciding most new reports without re-clustering, "
                "and the town's point; partial indexes of vague and undated claims")
def _m11(conn: Connection) -> None:
    import json

    from .derive import sketch_of, spot_of

    have = {c["name"] for c in inspect(conn).get_columns("claims")}
    for name, kind in (("sketch", "TEXT"), ("latitude", "FLOAT"), ("longitude", "FLOAT")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE claims ADD COLUMN {name} {kind}"))
    for name, on in NEAR_INDEXES:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {on}"))
    last = 0
    while True:  # a thousand claims at a time: a large store's records do not fit in memory at once
        rows = conn.execute(text("SELECT id, data FROM claims WHERE sketch IS NULL AND id > :last ORDER BY id LIMIT 1000"),
                            {"last": last}).all()
        if not rows:
            break
        values = []
        for claim_id, data in rows:
            record = json.loads(data)
            spot = spot_of(record)
            values.append({"s": sketch_of(record), "lat": spot.latitude, "lon": spot.longitude, "i": claim_id})
        conn.execute(text("UPDATE claims SET sketch = :s, latitude = :lat, longitude = :lon WHERE id = :i"), values)
        last = rows[-1][0]


def latest_version() -> int:
    """The newest schema version this code knows."""
    return max((m[0] for m in MIGRATIONS), default=0)


def current_version(conn: Connection) -> int:
    """The schema version of the store on ``conn`` (0 for an empty database)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    return conn.execute(text("SELECT coalesce(max(version), 0) FROM schema_migrations")).scalar_one()


def _written_by(conn: Connection) -> str | None:
    """The Harmattan version that applied the store's newest migration, when it recorded one."""
    if "harmattan_version" not in {c["name"] for c in inspect(conn).get_columns("schema_migrations")}:
        return None
    return conn.execute(text("SELECT harmattan_version FROM schema_migrations ORDER BY version DESC LIMIT 1")).scalar()


def check_not_newer(conn: Connection, where: str = "the store") -> int:
    """The store's version; raise :class:`StoreTooNew` when it is newer than this code knows."""
    version = current_version(conn)
    if version > latest_version():
        written_by = _written_by(conn)
        install = f"Harmattan {written_by} or newer" if written_by else "a newer Harmattan"
        raise StoreTooNew(
            f"{where} has schema version {version}, but this Harmattan ({__version__}) knows versions up to "
            f"{latest_version()}; install {install} to use it (the store was not changed)")
    return version


def migrate(engine: Engine) -> list[int]:
    """Apply the migrations an existing (or new) database lacks; returns the versions applied.

    Runs under :func:`.locking.migration_lock`: concurrent first opens wait for one
    another and each sees the finished schema. Raises :class:`StoreTooNew` for a
    store of a newer schema.
    """
    with engine.connect() as conn:
        if current_version(conn) >= latest_version():  # the usual case: nothing to do, no lock taken
            check_not_newer(conn, _where(engine))
            return []
    applied = []
    with migration_lock(engine):
        with engine.begin() as conn:
            check_not_newer(conn, _where(engine))
            schema_migrations.create(conn, checkfirst=True)
        for version, name, fn in MIGRATIONS:
            with engine.begin() as conn:
                if current_version(conn) >= version:
                    continue
                fn(conn)
                values = {"version": version, "name": name,
                          "applied_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
                if version >= 6 or "harmattan_version" in {c["name"] for c in inspect(conn).get_columns("schema_migrations")}:
                    values["harmattan_version"] = __version__
                conn.execute(schema_migrations.insert().values(**values))
                applied.append(version)
    return applied


def _where(engine: Engine) -> str:
    return engine.url.database if engine.dialect.name == "sqlite" and engine.url.database else "the store"
