"""The ``sources``, ``watch``, ``alerts`` and ``brief`` commands (loaded lazily by ``harmattan.cli``).

Examples::

    harmattan sources add https://www.example.org/feed.xml --name desk --every 5m --lang fr
    harmattan sources list
    harmattan watch                      # until Ctrl-C / SIGTERM
    harmattan watch --once               # one pass, for cron and tests
    harmattan alerts add --name mopti --admin1 Mopti --admin1 Ségou --min-fatalities 5 --webhook https://hooks.example/x
    harmattan alerts add --name benin --country BJ --weekly-fatalities-above 20 --email desk@example.org
    harmattan brief --week 2025-W23 --country ML -o brief.html
"""
from __future__ import annotations

import json
import signal
import sys
import threading

import click

_db_option = click.option("--db", "db", envvar="HARMATTAN_DB",
                          help="Store URL or SQLite path (default: $HARMATTAN_DB, else ~/.local/share/harmattan/harmattan.sqlite).")
_config_option = click.option("--config", type=click.Path(dir_okay=False),
                              help="Settings file (TOML, table [monitor]); default $HARMATTAN_CONFIG or ./harmattan.toml.")


def _open(db: str | None, config: str | None = None):
    """The store (with the monitor's tables), the project settings and the monitor settings."""
    from ..settings import load_settings
    from ..store import connect
    from ..store.schema import migrate
    from .config import load_monitor_settings

    try:
        settings = load_settings(config_path=config or "auto")
        monitor = load_monitor_settings(config_path=config or "auto")
    except (ValueError, OSError) as exc:
        raise click.UsageError(f"settings: {exc}") from None
    engine = connect(db or settings.db_url or None)
    migrate(engine)
    return engine, settings, monitor


def _every(ctx, param, value):
    from .state import parse_every
    if value is None:
        return None
    try:
        return parse_every(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


# --- sources ---------------------------------------------------------------------------------

@click.group(invoke_without_command=True)
@_db_option
@click.pass_context
def sources(ctx, db):
    """Feeds, sitemaps and pages that `watch` polls; with no subcommand, list them with their health."""
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is None:
        ctx.invoke(sources_list, db=db)


@sources.command("add")
@click.argument("url")
@click.option("--name", help="Short name (default: the URL).")
@click.option("--every", callback=_every, help="Polling interval: 30s, 5m, 1h (default: monitor.default_every_s).")
@click.option("--lang", help="Language of the source (en, fr); default: detected per document.")
@click.option("--kind", type=click.Choice(["auto", "feed", "sitemap", "page"]), default="auto", show_default=True,
              help="What the URL serves (auto: learnt on the first fetch).")
@_db_option
@_config_option
@click.pass_context
def sources_add(ctx, url, name, every, lang, kind, db, config):
    """Add a source. Example: harmattan sources add https://www.example.org/rss --name desk --every 5m --lang fr"""
    from .safety import UnsafeURL, check_url
    from ..store.monitor_state import save_source
    from .state import format_every

    engine, _, monitor = _open(db or ctx.obj.get("db"), config)
    try:  # refuse now what watch would refuse at every poll (the address is checked again then)
        check_url(url, monitor.allow_networks)
    except UnsafeURL as exc:
        raise click.BadParameter(str(exc), param_hint="URL") from None
    try:
        source = save_source(engine, url, name, every or monitor.default_every_s, lang, kind)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"added source {source.name} ({source.url}), every {format_every(source.every_s)}")


@sources.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_db_option
@_config_option
@click.pass_context
def sources_list(ctx, db, fmt="table", config=None):
    """Sources with their health: last success, last error, items per day, silence."""
    from .state import load_health

    engine, _, monitor = _open(db or (ctx.obj or {}).get("db"), config)
    rows = load_health(engine, monitor.silence_factor, monitor.silence_min_s)
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("no sources; add one with: harmattan sources add URL --name NAME --every 5m", err=True)
        return
    click.echo(f"{'name':20}  {'every':6}  {'kind':7}  {'items/day':>9}  {'last success':25}  status")
    for r in rows:
        click.echo(f"{r['name'][:20]:20}  {r['every']:6}  {r['kind']:7}  {r['items_per_day']:9}  "
                   f"{r['last_success'] or '-':25}  {r['status']}")
        if r["failures"] and r["last_error"]:
            click.echo(f"{'':20}  last error {r['last_error_at']}: {r['last_error'][:200]}")


@sources.command("remove")
@click.argument("name")
@_db_option
@click.pass_context
def sources_remove(ctx, name, db):
    """Remove a source (by name, URL or id); its stored documents and events stay."""
    from ..store.monitor_state import remove_source

    engine, _, _ = _open(db or ctx.obj.get("db"))
    if not remove_source(engine, name):
        raise click.ClickException(f"no source {name}")
    click.echo(f"removed source {name}")


# --- watch -----------------------------------------------------------------------------------

@click.command()
@_db_option
@_config_option
@click.option("--once", is_flag=True, help="Poll every source once, then exit (for cron and tests).")
@click.option("--max-seconds", type=click.FloatRange(min=0), help="Exit after this long (benchmarks).")
@click.option("--quiet", is_flag=True, help="Print problems only.")
def watch(db, config, once, max_seconds, quiet):
    """Poll the sources on their schedules, ingest what is new, fire alerts.

    Ctrl-C or SIGTERM finishes the current document and exits; run it again
    and it resumes without fetching again what it has.
    Example: harmattan watch --db events.sqlite
    """
    from .watch import Watcher

    engine, settings, monitor = _open(db, config)
    stop = threading.Event()

    def on_signal(signum, _frame):
        if stop.is_set():  # a second Ctrl-C: leave now
            raise KeyboardInterrupt
        click.echo(f"harmattan: watch: {signal.Signals(signum).name}, finishing the current document", err=True)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}

    def log(line: str) -> None:
        if not quiet or "error" in line or "silent" in line:
            click.echo(f"harmattan: watch: {line}", err=True)

    watcher = Watcher(engine, settings, monitor, stop=stop, log=log)
    try:
        polls = watcher.run(once=once, max_seconds=max_seconds)
    finally:
        watcher.fetcher.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
    if not quiet:
        click.echo(f"harmattan: watch: stopped after {polls} polls", err=True)


# --- alerts ----------------------------------------------------------------------------------

@click.group(invoke_without_command=True)
@_db_option
@click.pass_context
def alerts(ctx, db):
    """Alert rules checked after each ingest; with no subcommand, list them."""
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is None:
        ctx.invoke(alerts_list, db=db)


@alerts.command("add")
@click.option("--name", required=True, help="Name of the rule.")
@click.option("--admin1", multiple=True, help="Region (any of; repeat the option).")
@click.option("--country", multiple=True, help="ISO code or name (any of).")
@click.option("--actor", multiple=True, help="Actor name or alias (any of): 'Africa Corps', JNIM, ...")
@click.option("--type", "event_type", multiple=True, help="Event type (any of).")
@click.option("--min-fatalities", type=click.IntRange(min=0), help="Events with at least this many deaths.")
@click.option("--weekly-fatalities-above", type=click.IntRange(min=0),
              help="A weekly rule: fires when a country's deaths in a week (events matching the rest) go above this.")
@click.option("--webhook", multiple=True, help="URL to POST the alert to (JSON).")
@click.option("--email", multiple=True, help="Address to email the alert to (SMTP settings in [monitor]).")
@_db_option
@_config_option
@click.pass_context
def alerts_add(ctx, name, admin1, country, actor, event_type, min_fatalities, weekly_fatalities_above, webhook,
               email, db, config):
    """Add a rule. Example: harmattan alerts add --name mopti --admin1 Mopti --admin1 Ségou --min-fatalities 5 --webhook URL"""
    from ..store.query import country_code as _country_code
    from .alerts import save_rule
    from .rules import AlertRule
    from .safety import UnsafeURL, check_url

    engine, _, monitor = _open(db or ctx.obj.get("db"), config)
    try:
        codes = tuple(_country_code(c) for c in country)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--country") from None
    for url in webhook:
        try:
            check_url(url, monitor.allow_networks)
        except UnsafeURL as exc:
            raise click.BadParameter(str(exc), param_hint="--webhook") from None
    for address in email:
        if "@" not in address:
            raise click.BadParameter(f"not an email address: {address}", param_hint="--email")
    rule = AlertRule(name=name, admin1=admin1, country=codes, actor=actor, event_type=event_type,
                     min_fatalities=min_fatalities, weekly_fatalities_above=weekly_fatalities_above,
                     webhooks=webhook, emails=email)
    try:
        save_rule(engine, rule)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    where = ", ".join(list(webhook) + list(email)) or "the alert log (Atom feed) only"
    click.echo(f"added alert {name}: {rule.describe()} -> {where}")


@alerts.command("list")
@_db_option
@click.pass_context
def alerts_list(ctx, db):
    """The rules, with where they send."""
    from .alerts import load_rules

    engine, _, _ = _open(db or (ctx.obj or {}).get("db"))
    rules = load_rules(engine)
    if not rules:
        click.echo("no alert rules; add one with: harmattan alerts add --name NAME --admin1 Mopti --min-fatalities 5", err=True)
    for rule in rules:
        click.echo(f"{rule.name}: {rule.describe()} -> {', '.join(rule.webhooks + rule.emails) or 'log only'}")


@alerts.command("remove")
@click.argument("name")
@_db_option
@click.pass_context
def alerts_remove(ctx, name, db):
    """Remove a rule (its past firings stay in the log)."""
    from ..store.alert_log import remove_alert_rule

    engine, _, _ = _open(db or ctx.obj.get("db"))
    if not remove_alert_rule(engine, name):
        raise click.ClickException(f"no alert rule {name}")
    click.echo(f"removed alert {name}")


@alerts.command("log")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--rule", help="Only this rule's firings.")
@_db_option
@click.pass_context
def alerts_log(ctx, limit, rule, db):
    """The latest firings, with why they fired and how delivery went."""
    from ..store.alert_log import load_alert_log

    engine, _, _ = _open(db or ctx.obj.get("db"))
    for row in load_alert_log(engine, limit, rule):
        delivery = ", ".join(f"{k}: {v}" for k, v in row["delivery"].items()) or "log only"
        click.echo(f"{row['fired_at']}  {row['title']}\n    {row['reason']}; {delivery}")


@alerts.command("feed")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here (default: stdout).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@_db_option
@click.pass_context
def alerts_feed(ctx, output, limit, db):
    """The alert log as an Atom feed."""
    from .alerts import render_alert_feed

    engine, _, _ = _open(db or ctx.obj.get("db"))
    output.write(render_alert_feed(engine, limit))


# --- brief -----------------------------------------------------------------------------------

@click.command()
@click.option("--week", required=True, help="ISO week: 2025-W23.")
@click.option("--country", multiple=True, help="ISO code or name (repeat); default every country with events.")
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False, writable=True), required=True,
              help="HTML file to write; a .pdf name (or --pdf) also renders a PDF when Chromium or wkhtmltopdf is there.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside the HTML.")
@_db_option
def brief(week, country, path, pdf, db):
    """The weekly security brief: per country, the week against the previous four, deadliest events, map, chart.

    Example: harmattan brief --week 2025-W23 --country ML -o brief.html
    """
    from ..store.query import country_code as _country_code
    from .brief import load_brief, parse_week, render_brief_html, write_pdf

    try:
        monday = parse_week(week)
        codes = [_country_code(c) for c in country]
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    engine, _, _ = _open(db)
    data = load_brief(engine, monday, codes)
    html_path = path[:-4] + ".html" if path.lower().endswith(".pdf") else path
    with open(html_path, "w", encoding="utf-8") as fh:
        fh.write(render_brief_html(data))
    click.echo(f"harmattan: wrote {html_path} ({len(data['countries'])} countries)", err=True)
    if pdf or path.lower().endswith(".pdf"):
        pdf_path = path if path.lower().endswith(".pdf") else html_path.rsplit(".", 1)[0] + ".pdf"
        done = write_pdf(html_path, pdf_path)
        if done:
            click.echo(f"harmattan: wrote {pdf_path} ({done})", err=True)
        else:
            click.echo("harmattan: warning: no PDF converter (chromium, wkhtmltopdf) found; HTML only", err=True)
            sys.exit(1 if path.lower().endswith(".pdf") else 0)
