"""The ``harmattan`` command line.

Examples::

    harmattan extract ../shared/eval/dev/seed-sahel-page.docs.jsonl
    harmattan extract page.txt --published 2025-06-07 --format table
    cat reports.jsonl | harmattan extract - --format csv
"""
from __future__ import annotations

import datetime as dt
import sys

import click

from . import __version__


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="harmattan")
def main() -> None:
    """Harmattan: security news in, political-violence and crisis events out (EN/FR, offline)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here instead of standard output.")
@click.option("--no-merge", is_flag=True, help="Print one event per report; do not merge reports of the same event.")
@click.option("--background/--no-background", default=None, help="Also print past-context events (flagged background).")
@click.option("--aggregates/--no-aggregates", default=None, help="Print summed multi-incident claims (flagged aggregate).")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML); default $HARMATTAN_CONFIG or ./harmattan.toml.")
def extract(paths, published, fmt, output, no_merge, background, aggregates, config):
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
    stdin = sys.stdin.buffer if "-" in paths else None
    result = run_pipeline(load_documents(paths, settings=settings, published=published, stdin=stdin), settings, merge=not no_merge)
    for error in result.errors:
        click.echo(f"harmattan: {'error' if error.fatal else 'warning'}: {error}", err=True)
    if fmt == "jsonl":
        write_jsonl(result.events, output)
    elif fmt == "csv":
        write_csv(result.events, output)
    else:
        output.write(format_table(result.events))
    click.echo(
        f"harmattan: {result.documents} documents, {result.articles} articles, {len(result.events)} events, {sum(e.fatal for e in result.errors)} errors",
        err=True,
    )
    sys.exit(1 if result.failed else 0)
