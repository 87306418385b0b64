"""The ``harmattan`` command line.

Examples::

    harmattan extract ../shared/eval/dev/seed-sahel-page.docs.jsonl
    harmattan extract page.txt --published 2025-06-07 --format table
    cat reports.jsonl | harmattan extract - --format csv
    harmattan store check --db events.sqlite

Exit status (one place, :meth:`LazyGroup.invoke`, turns errors into it):
0 all good; 1 some inputs rejected, all others processed; 2 usage or
configuration error; 3 the store cannot be used; 70 a bug in Harmattan (the
traceback is printed; please report it).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import traceback

import click

from . import __version__
from .errors import HarmattanError, InputsRejected, OutputError, UsageError

INTERNAL_ERROR = 70  # EX_SOFTWARE: never for anything a user can cause


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


class LazyGroup(click.Group):
    """A group whose heavier commands (web server, feed watcher) are imported only when run."""

    lazy = {
        "serve": "harmattan.web.cli:serve",
        "users": "harmattan.web.cli:users",
        "sources": "harmattan.monitor.cli:sources",
        "watch": "harmattan.monitor.cli:watch",
        "alerts": "harmattan.monitor.cli:alerts",
        "brief": "harmattan.monitor.cli:brief",
    }

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | {name for name in self.lazy if self._available(name)})

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            if not self._available(name):
                return None
            module, attr = self.lazy[name].split(":")
            import importlib
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        """Run the command; the one place where errors become messages and exit statuses."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except HarmattanError as err:
            _fail(err, err.exit_code)
        except OSError as err:  # the system refused a file or stream the user named (full disk, permissions)
            _fail(OutputError(f"{getattr(err, 'filename', None) or 'output'}: {err.strerror or err}"), 2)
        except Exception as exc:  # noqa: BLE001 - the store failing under a command, else a bug
            store_failure = _store_failure(exc)
            if store_failure is not None:  # a damaged page, a full disk, a server gone
                _fail(store_failure, store_failure.exit_code)
            traceback.print_exc()
            _fail(f"internal error (a bug in Harmattan {__version__}); please report it with the traceback above",
                  INTERNAL_ERROR)

    def _available(self, name: str) -> bool:
        import importlib.util
        module = self.lazy[name].split(":")[0]
        try:
            return importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            return False


def _store_failure(exc: Exception):
    """The StoreError a database exception means, or None (commands that never opened a store skip the import)."""
    if "harmattan.store.db" not in sys.modules:  # no store was opened, so none failed
        return None
    from .store.db import failure_of

    return failure_of(exc)


def _fail(err, code: int):
    click.echo(f"harmattan: error: {err}", err=True)
    sys.exit(code)


@contextlib.contextmanager
def _output(path: str):
    """Standard output for ``-``, else the file opened for writing; failures become :class:`OutputError`."""
    if path == "-":
        yield click.get_text_stream("stdout")
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline="")
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with fh:
            yield fh
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="harmattan")
def main() -> None:
    """Harmattan: security news in, political-violence and crisis events out (EN/FR, offline)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write here instead of standard output.")
@click.option("--no-merge", is_flag=True, help="Print one event per report; do not merge reports of the same event.")
@click.option("--background/--no-background", default=None, help="Also print past-context events (flagged background).")
@click.option("--aggregates/--no-aggregates", default=None, help="Print summed multi-incident claims (flagged aggregate).")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML); default $HARMATTAN_CONFIG or ./harmattan.toml.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract on a pool of this many processes (merging stays in this one).")
def extract(paths, published, fmt, output, no_merge, background, aggregates, config, workers):
    """Print the events found in PATHS (files, folders, or - for standard input).

    Problems with an input (unreadable, binary, invalid UTF-8, malformed JSON
    line, ...) are reported on standard error with file and line; the other
    documents are still processed, and the exit status is 1.
    """
    from .loaders import load_documents
    from .output import format_table, write_csv, write_jsonl
    from .pipeline import run_pipeline
    from .settings import load_settings

    settings = load_settings(
        overrides={"include_background": background, "include_aggregates": aggregates},
        config_path=config or "auto",
    )
    from .runners import make_runner

    stdin = sys.stdin.buffer if "-" in paths else None
    with make_runner(workers, None, settings) as runner:
        result = run_pipeline(load_documents(paths, settings=settings, published=published, stdin=stdin), settings,
                              merge=not no_merge, runner=None if workers == 1 else runner)
    for error in result.errors:
        click.echo(f"harmattan: {'error' if error.fatal else 'warning'}: {error}", err=True)
    with _output(output) as out:
        if fmt == "jsonl":
            write_jsonl(result.events, out)
        elif fmt == "csv":
            write_csv(result.events, out)
        else:
            out.write(format_table(result.events))
    click.echo(
        f"harmattan: {result.documents} documents, {result.articles} articles, {len(result.events)} events, {sum(e.fatal for e in result.errors)} errors",
        err=True,
    )
    rejected = sum(e.fatal for e in result.errors)
    if rejected:
        raise InputsRejected(f"{rejected} inputs rejected (each reported above); all others were processed")


# --- the event store -------------------------------------------------------------------------

_db_option = click.option("--db", "db", envvar="HARMATTAN_DB", help="Store URL or SQLite path (default: $HARMATTAN_DB, else ~/.local/share/harmattan/harmattan.sqlite).")


def _engine(db: str | None, config: str | None = None):
    from .settings import load_settings
    from .store import connect
    settings = load_settings(config_path=config or "auto")
    return connect(db or settings.db_url or None), settings


def _filter_options(fn):
    for option in reversed([
        click.option("--country", help="ISO code (ML) or name (Mali)."),
        click.option("--admin1", help="First-level region (Mopti, Borno, ...)."),
        click.option("--since", callback=_date, help="Events on or after YYYY-MM-DD."),
        click.option("--until", callback=_date, help="Events on or before YYYY-MM-DD."),
        click.option("--type", "event_type", help="Event type (Battles, Disaster, ...)."),
        click.option("--actor", help="Actor name or alias (JNIM, GSIM, Wagner, ...)."),
        click.option("--min-fatalities", type=click.IntRange(min=0), help="At least this many deaths."),
        click.option("--near", help="LAT,LON,KM: events within KM kilometres of a point."),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many events."),
        click.option("--background", is_flag=True, help="Include past-context events."),
    ]):
        fn = option(fn)
    return fn


def _make_filter(country, admin1, since, until, event_type, actor, min_fatalities, near, limit, background):
    from .store.query import EventFilter, parse_near
    try:
        where = parse_near(near) if near else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--near") from None
    return EventFilter(
        country=country, admin1=admin1, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None, event_type=event_type, actor=actor,
        min_fatalities=min_fatalities, near=where, limit=limit, include_background=background,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when standard error is a terminal).")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract on a pool of this many processes; one writer saves.")
def ingest(paths, db, published, progress, config, workers):
    """Store documents from PATHS (files, folders, -) and derive their events.

    Ingesting the same documents again changes nothing; a new version of a
    document (same URL) replaces its claims and re-derives its events.
    Example: harmattan ingest ../shared/eval/dev --db events.sqlite
    """
    from tqdm import tqdm

    from .loaders import load_documents
    from .runners import make_runner
    from .store import ingest_documents

    engine, settings = _engine(db, config)
    stdin = sys.stdin.buffer if "-" in paths else None
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit="doc", file=sys.stderr, disable=not show, dynamic_ncols=True)
    with make_runner(workers, None, settings) as runner:
        summary = ingest_documents(engine, load_documents(paths, settings=settings, published=published, stdin=stdin),
                                   settings, progress=lambda: bar.update(1), runner=runner)
    bar.close()
    for error in summary.errors:
        click.echo(f"harmattan: {'error' if error.fatal else 'warning'}: {error}", err=True)
    click.echo(f"harmattan: {summary.line()}", err=True)
    if summary.documents_failed:
        raise InputsRejected(f"{summary.documents_failed} inputs rejected (each reported above); all others were stored")


@main.command()
@click.argument("paths", nargs=-1)
@_db_option
@click.option("--url-list", "url_lists", multiple=True, type=click.File("r", encoding="utf-8"),
              help="A file of page URLs, one a line ('#' comments; '-' for standard input): the pages are fetched.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extract on a pool of this many processes (default: the machine's cores).")
@click.option("--cluster", metavar="tcp://HOST:PORT",
              help="Extract on the workers of this Dask scheduler (default: the cluster setting, $HARMATTAN_CLUSTER).")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when standard error is a terminal).")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML; its [monitor] part for fetching).")
def backfill(paths, db, url_lists, workers, cluster, published, progress, config):
    """Store an archive: PATHS are folders, files, JSON Lines (plain or .gz) and WARC files (.warc, .warc.gz),
    or page URLs (http://, https://); --url-list names a file of page URLs.

    Documents are extracted in parallel and saved by this process in batches
    (backfill_batch per transaction); then the events of the countries and
    periods they fill are derived, clustered in parallel too. Documents stored
    already are skipped before extraction and claims with no event yet are
    derived, so a backfill killed and started again finishes the job with the
    same store. On a cluster, a task whose worker dies is run again on
    another. Three ways to run it:

    \b
      harmattan backfill archive/ --db events.sqlite --workers 1          # this process only
      harmattan backfill archive/ --db postgresql://u@db/h --workers 8    # a pool of 8 processes
      dask scheduler --host 127.0.0.1 --port 8786 &                        # a Dask cluster:
      DASK_DISTRIBUTED__WORKER__DAEMON=False \\
      dask worker tcp://127.0.0.1:8786 --nworkers 4 --nthreads 1 &         #   workers anywhere
      harmattan backfill archive/ --db postgresql://u@db/h --cluster tcp://127.0.0.1:8786

    Pages of a URL list are fetched the monitor's careful way (safe addresses only,
    retries, one request per host_interval_s to a host, a few hosts at once); a URL
    stored already is not fetched again:

    \b
      harmattan backfill --url-list urls.txt --db events.sqlite
    """
    import itertools
    import time
    from contextlib import ExitStack
    from functools import partial

    from tqdm import tqdm

    from .loaders.archives import load_archives
    from .monitor.config import load_monitor_settings
    from .monitor.fetch import Fetcher
    from .monitor.pagelist import PageCounts, fetch_pages, is_url, read_url_list
    from .runners import make_runner
    from .store import backfill_documents
    from .store.save import stored_keys

    if cluster and workers:
        raise click.UsageError("--workers and --cluster exclude each other (a cluster has its own workers)")
    if not paths and not url_lists:
        raise click.UsageError("nothing to backfill: give PATHS, page URLs or --url-list")
    engine, settings = _engine(db, config)
    cluster = cluster or (None if workers else settings.cluster or None)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit="doc", file=sys.stderr, disable=not show, dynamic_ncols=True, smoothing=0.05)
    start = time.monotonic()
    with ExitStack() as stack:
        runner = stack.enter_context(make_runner(workers, cluster, settings))
        where = f"the Dask cluster at {cluster} ({runner.workers} workers)" if cluster else f"{runner.workers} process(es)"
        click.echo(f"harmattan: backfill on {where}", err=True)
        if getattr(runner, "unbudgeted", None):
            click.echo(f"harmattan: warning: workers {', '.join(runner.unbudgeted)} extract without the per-document time "
                       "budget (daemonic: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False)", err=True)
        files = [p for p in paths if not is_url(p)]
        items = load_archives(files, settings=settings, published=published) if files else iter(())
        urls = [p for p in paths if is_url(p)] + [u for f in url_lists for u in read_url_list(f.read(), f.name)]
        pages = PageCounts()
        if urls:
            fetcher = stack.enter_context(Fetcher(load_monitor_settings(config_path=config or "auto")))
            items = itertools.chain(items, fetch_pages(urls, fetcher, settings, published,
                                                       partial(stored_keys, engine), counts=pages))
        summary = backfill_documents(engine, items, settings, progress=lambda: bar.update(1), runner=runner)
    bar.close()
    if urls:
        click.echo(f"harmattan: pages: {pages.fetched} fetched, {pages.stored_already} stored already (not fetched "
                   f"again), {pages.failed} not fetched", err=True)
    took = time.monotonic() - start
    for error in summary.errors:
        click.echo(f"harmattan: {'error' if error.fatal else 'warning'}: {error}", err=True)
    seen = summary.documents_new + summary.documents_updated + summary.documents_unchanged + summary.documents_failed
    click.echo(f"harmattan: {summary.line()}", err=True)
    phases = ", ".join(f"{name} {t:.1f} s" for name, t in summary.seconds.items())
    click.echo(f"harmattan: {seen} documents in {took:.1f} s ({seen / max(took, 1e-9):.1f} documents/s; {phases})",
               err=True)
    if summary.documents_failed:
        raise InputsRejected(f"{summary.documents_failed} inputs rejected (each reported above); all others were stored")


@main.group(invoke_without_command=True)
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "geojson"]), default="table", show_default=True)
@click.pass_context
def events(ctx, db, country, admin1, since, until, event_type, actor, min_fatalities, near, limit, background, fmt):
    """List stored events, filtered. Example: harmattan events --country ML --since 2025-05-01 --min-fatalities 10"""
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from .output import event_from_dict, format_table, write_csv
    from .store.query import query_events

    engine, _ = _engine(db)
    flt = _make_filter(country, admin1, since, until, event_type, actor, min_fatalities, near, limit, background)
    try:
        records = query_events(engine, flt)
        out = click.get_text_stream("stdout")
        if fmt == "jsonl":
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt == "geojson":
            from .exports import write_export
            write_export(records, "geojson", out)
        else:
            evs = [event_from_dict(r) for r in records]
            if fmt == "csv":
                write_csv(evs, out)
            else:
                out.write(format_table(evs, with_id=True))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@events.command("show")
@click.argument("event_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_db_option
@click.pass_context
def events_show(ctx, db, event_id, fmt):
    """Everything about one event: fields, sources with evidence, history of figures, versions."""
    from .store.query import load_event

    engine, _ = _engine(db or ctx.obj.get("db"))
    record = load_event(engine, event_id)
    if record is None:
        raise click.ClickException(f"no event {event_id}")
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    if record["requested_id"] != record["event_id"]:
        click.echo(f"({event_id} was merged into {record['event_id']})")
    skip = {"sources", "history", "versions", "claims", "requested_id"}
    for key, value in record.items():
        if key not in skip and value not in (None, [], ""):
            click.echo(f"{key:>22}: {value}")
    click.echo("\nhistory of reported figures:")
    for h in record["history"]:
        click.echo(f"  {h.get('published')}  fatalities={h.get('fatalities')}  ({h.get('source')})")
    click.echo("\nsources:")
    for s in record["sources"]:
        click.echo(f"  - {s.get('published')} {s.get('title') or ''} {s.get('url') or s.get('doc')}")
        for e in s.get("evidence", []):
            click.echo(f"      {e['field']}: {e['text']}")
    click.echo("\nversions:")
    for v in record["versions"]:
        click.echo(f"  v{v['version']} {v['changed_at']} fatalities={v['fatalities']}  {v['reason']}")


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
def search(query, db, limit):
    """Full-text search over stored articles. Example: harmattan search "Boulkessi attack" """
    from .store.search import search as search_articles

    engine, _ = _engine(db)
    hits = search_articles(engine, query, limit)
    for hit in hits:
        click.echo(f"{hit['published'] or '?':10}  {hit['title']}\n            {hit['snippet']}")
    if not hits:
        click.echo("no matching article", err=True)


@main.group(invoke_without_command=True)
@_db_option
@click.pass_context
def actors(ctx, db):
    """Actors of the stored events, most active first; `actors show NAME` for one."""
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from .store.query import actor_counts

    engine, _ = _engine(db)
    for row in actor_counts(engine):
        click.echo(f"{row['events']:6}  {row['actor']}")


@actors.command("show")
@click.argument("name")
@_db_option
@click.pass_context
def actors_show(ctx, db, name):
    """An actor: canonical name, type, aliases, affiliations and successions over time, its events."""
    from .actors import load_actor_kb
    from .output import event_from_dict, format_table
    from .store.query import EventFilter, query_events

    kb = load_actor_kb()
    actor = kb.resolve(name) or kb.get(name)
    if actor is None:
        raise click.ClickException(f"unknown actor: {name}")
    click.echo(f"{actor.name}\n  type: {actor.actor_type}\n  country: {actor.country_code or '-'}")
    if actor.aliases:
        click.echo("  aliases: " + ", ".join(actor.aliases))
    for a in actor.affiliations:
        click.echo(f"  {a.get('relation', 'affiliated with')} {a.get('with')} since {a.get('since', '?')}"
                   + (f" until {a['until']}" if a.get("until") else ""))
    if actor.successor:
        click.echo(f"  succeeded by {actor.successor} from {actor.successor_since}")
    engine, _ = _engine(db or ctx.obj.get("db"))
    found = [event_from_dict(r) for r in query_events(engine, EventFilter(actor=actor.name, limit=50))]
    click.echo(f"\n{len(found)} events" + (":\n" + format_table(found, with_id=True) if found else ""))


@main.command()
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "jsonl", "geojson", "parquet"]), required=True)
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False, writable=True), required=True, help="File to write.")
def export(db, country, admin1, since, until, event_type, actor, min_fatalities, near, limit, background, fmt, path):
    """Export stored events for analysts' tools. Example: harmattan export --format acled-csv --country ML -o mali.csv"""
    from .exports import write_export
    from .store.query import query_events

    engine, _ = _engine(db)
    flt = _make_filter(country, admin1, since, until, event_type, actor, min_fatalities, near, limit, background)
    try:
        count = write_export(query_events(engine, flt), fmt, path)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"harmattan: wrote {count} events to {path}", err=True)


@events.command("merge")
@click.argument("event_id")
@click.argument("other_id")
@click.option("--note", default="", help="Why (kept with the change).")
@_db_option
@click.pass_context
def events_merge(ctx, db, event_id, other_id, note):
    """Merge OTHER_ID into EVENT_ID (reversible with `events undo`)."""
    from .store.query import resolve_event_id
    from .store.review import merge_events

    engine, settings = _engine(db or ctx.obj.get("db"))
    a, b = resolve_event_id(engine, event_id), resolve_event_id(engine, other_id)
    if a is None or b is None:
        raise click.ClickException(f"no event {event_id if a is None else other_id}")
    if a == b:
        raise click.ClickException("these are already one event")
    number = merge_events(engine, a, b, note, settings)
    click.echo(f"merged {b} into {a}; to undo: harmattan events undo {number}")


@events.command("split")
@click.argument("event_id")
@click.option("--claim", "claim_key", required=True, help="The claim (report) to take out; see `events show --format json`.")
@click.option("--note", default="", help="Why (kept with the change).")
@_db_option
@click.pass_context
def events_split(ctx, db, event_id, claim_key, note):
    """Take one report's claim out of EVENT_ID into an event of its own (reversible)."""
    from .store.query import resolve_event_id
    from .store.review import NotAReport, OnlyReport, split_event

    engine, settings = _engine(db or ctx.obj.get("db"))
    current = resolve_event_id(engine, event_id)
    not_part = f"claim {claim_key} is not part of event {event_id}"
    if current is None:
        raise click.ClickException(not_part)
    try:
        number = split_event(engine, current, claim_key, note, settings)
    except NotAReport:
        raise click.ClickException(not_part) from None
    except OnlyReport as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"split {claim_key} out of {current}; to undo: harmattan events undo {number}")


@events.command("undo")
@click.argument("number", type=int)
@_db_option
@click.pass_context
def events_undo(ctx, db, number):
    """Reverse an analyst's merge or split."""
    from .store.review import ReviewRefused, undo_merge_or_split

    engine, settings = _engine(db or ctx.obj.get("db"))
    try:
        undo_merge_or_split(engine, number, settings)
    except ReviewRefused:
        raise click.ClickException(f"no active merge or split #{number}") from None
    click.echo(f"undone #{number}")


# --- the store itself ------------------------------------------------------------------------


@main.group()
def store():
    """Check a store, or rebuild a damaged one. Example: harmattan store check --db events.sqlite"""


@store.command("check")
@_db_option
def store_check(db):
    """Full integrity check of the store (SQLite's integrity_check), its schema version, counts and statistics.

    Exit status 0 when the store is sound, 3 when it is damaged or newer than this Harmattan.
    Example: harmattan store check --db events.sqlite
    """
    from .errors import StoreCorrupt
    from .store.health import check_store

    report = check_store(db)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise StoreCorrupt(f"{report.where} failed the check ({len(report.problems)} problems listed above)")


@store.command("recover")
@_db_option
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False),
              help="The new store file (default: NAME.recovered.sqlite beside the damaged one); never overwritten.")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML).")
def store_recover(db, target, config):
    """Rebuild a damaged SQLite store from its stored documents into a new file.

    Every readable document is stored again (claims and events derived
    afresh); analysts' merges, splits and corrections, users, sources and
    alerts are copied. The damaged file is only read. Use the new file with
    --db (or move it in place of the old one).
    Example: harmattan store recover --db events.sqlite -o events.new.sqlite
    """
    from .settings import load_settings
    from .store.db import default_url, normalize_url, sqlite_path
    from .store.recover import recover_store, target_next_to

    settings = load_settings(config_path=config or "auto")
    source = db or settings.db_url or default_url()
    path = sqlite_path(normalize_url(source))
    target = target or (target_next_to(str(path)) if path is not None else None)
    if target is None:
        raise UsageError("store recover reads a SQLite store file; give it with --db")
    report = recover_store(source, target, settings)
    for error in report.errors:
        click.echo(f"harmattan: error: {error}", err=True)
    for line in report.lines():
        click.echo(line)
    click.echo(f"use it with: harmattan events --db {target}")
    if report.documents_unreadable:
        raise InputsRejected(f"{report.documents_unreadable} documents could not be recovered (each reported above)")
