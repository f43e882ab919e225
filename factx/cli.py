"""The command line: parses options, calls the stages, prints. stdout carries data only; everything
people read (progress, warnings, errors) goes to stderr.

Exit codes: 0 done; 1 error (one line on stderr); 2 usage error (a bad option value too);
3 done, but some inputs were skipped; 130 interrupted. A reader that closes the pipe early
(`factx timeline --jsonl | head`) is not an error.
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
from typer.core import TyperArgument, TyperCommand, TyperGroup

from . import __version__
from .errors import FactxError, UsageError

EXIT_SKIPPED = 3


class _Argument(TyperArgument):
    """An argument shown in --help by its metavar alone ("PATH..."), where typer would print its
    Python type beside it ("paths... <list[str]>") and braces around it in the usage line."""

    def _rich_display_name(self) -> str:
        return self.metavar

    def _usage_display_name(self) -> str:
        return self.metavar if self.required else f"[{self.metavar}]"

    def display_type_rich(self, ctx) -> None:
        return None


def _as_flag(option):
    """typer shows its --help flag as taking a "<bool>": a flag takes no value."""
    if option is not None:
        option.metavar = ""
    return option


class _Command(TyperCommand):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument and param.metavar:
                param.__class__ = _Argument

    def get_help_option(self, ctx):
        return _as_flag(super().get_help_option(ctx))


class _Group(TyperGroup):
    def get_help_option(self, ctx):
        return _as_flag(super().get_help_option(ctx))


app = typer.Typer(
    name="factx",
    cls=_Group,
    help="Turn a folder of French news articles into a dated, sourced timeline of facts.\n\n"
         "Example:  factx extract samples/ && factx timeline\n\n"
         "stdout carries data only; progress, warnings and errors go to stderr. No colour or progress bar "
         "when the output is not a terminal or NO_COLOR is set.\n\n"
         "Exit codes: 0 done; 1 error (one line on stderr); 2 wrong usage; 3 done, but some inputs were "
         "skipped; 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DB_OPTION = typer.Option("factx.db", "--db", metavar="FILE", help="SQLite store to read or write.")
QUIET_OPTION = typer.Option(False, "--quiet", "-q", metavar="", help="Nothing on stderr but errors.")


def _plain_wanted() -> bool:
    """NO_COLOR (https://no-color.org) or a dumb terminal: no colour, no bold, no escape codes at all."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def _stderr(quiet: bool = False) -> Console:
    if _plain_wanted():
        return Console(stderr=True, quiet=quiet, no_color=True, color_system=None)
    return Console(stderr=True, quiet=quiet)


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
def main(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, metavar="",
                                      help="Print the version and exit.")) -> None:
    """factx: a dated timeline of facts from French news articles."""


@app.command(cls=_Command)
def extract(
    paths: List[str] = typer.Argument(..., metavar="PATH...",
                                      help="Folders (read recursively), files (.txt, .md, .html), or - for stdin."),
    db: Path = DB_OPTION,
    model: str = typer.Option("fr_core_news_md", "--model", metavar="MODEL",
                              help="Any installed spaCy pipeline, e.g. fr_core_news_sm."),
    actors: List[Path] = typer.Option([], "--actors", metavar="FILE",
                                      help="Your own gazetteer (JSON, same format as models/actors.json); repeatable."),
    dct: Optional[str] = typer.Option(None, "--dct", metavar="DATE",
                                      help="The articles' own date when you know it: a day (2024-06-20) anchors "
                                           "'mardi' and 'hier'; a month or year (2024-06, 'juin 2024') is an approximate date."),
    run_date: Optional[str] = typer.Option(None, "--run-date", metavar="DATE",
                                           help="The day no article date guessed from the text may come after "
                                                "(default: today); recorded with each document."),
    force: bool = typer.Option(False, "--force", metavar="", help="Re-read files even when their content has not changed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar="", help="No progress bar or summary on stderr."),
    workers: int = typer.Option(1, "--workers", metavar="N", help="Processes running the model, e.g. the number of "
                                "cores (each holds its own copy, about 0.6 GB). The results are the same."),
) -> None:
    """Read articles, find actors and dated events, and store them.

    Re-running on the same files changes nothing; a changed file replaces its old version.

    Examples:

      factx extract samples/ --db factx.db
      factx extract dispatches/ --dct 2024-06 --run-date 2024-07-01
    """
    from .pipeline import ExtractOptions, run_extract
    from .store import Store

    console = _stderr(quiet)
    with _reporting_errors():
        if dct is not None:
            _parse_date_option(dct, "--dct")
        run_day = _parse_day_option(run_date, "--run-date") if run_date is not None else None
        _at_least_one(workers, "--workers")
        _check_input_paths(paths)
        _check_input_paths([str(a) for a in actors], "--actors")
        options = ExtractOptions(model=model, actor_files=tuple(actors), document_date=dct, force=force,
                                 workers=workers, run_date=run_day)
        with Store.open(db) as store, _progress(console, quiet) as (on_progress, on_phase):
            report = run_extract(paths, store, options, on_progress=on_progress, on_phase=on_phase,
                                 on_skip=lambda r: _say(console, f"factx: skipped {r.message}"))
        _say(console, f"factx: {len(report.stored)} stored, {len(report.unchanged)} unchanged, "
                      f"{len(report.rejected)} skipped; {report.events} events in {db}")
        if report.rejected:
            raise typer.Exit(code=EXIT_SKIPPED)


def _check_input_paths(paths: List[str], option: str = "") -> None:
    """A path that is not there is a typing mistake, said before a store is created for nothing. A
    broken symbolic link is there: the extract names it among the inputs it skips."""
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError(f"{option + ': ' if option else ''}no such file or folder: {', '.join(missing)}")


def _at_least_one(value: int, option: str) -> None:
    if value < 1:
        raise UsageError(f"{option} {value}: give 1 or more")


@contextmanager
def _progress(console: Console, quiet: bool):
    """A progress bar on stderr for people at a terminal, naming the phase the extract is in (loading
    the model, reading, merging); nothing for pipes, CI and --quiet. Yields (on_progress, on_phase)."""
    if quiet or not console.is_terminal:
        yield (lambda done, total, doc: None), (lambda phase, total: None)
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.fields[phase]}"), BarColumn(), TextColumn("{task.fields[count]}"),
                  TimeRemainingColumn(), TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=None, phase="extract", count="")
        done_so_far = 0

        def on_progress(done: int, total: int, doc: str) -> None:
            nonlocal done_so_far
            done_so_far = done
            bar.update(task, completed=done, total=total, description=doc[-40:], count=f"{done}/{total}")

        def on_phase(phase: str, total: Optional[int]) -> None:
            # a phase of unknown length (the model loading, the merge) shows a moving bar and no count,
            # not the count the phase before it ended on; reading again after the model loaded goes on
            # from the files already counted
            bar.update(task, phase=phase, total=total, completed=done_so_far if total is not None else 0,
                       description="", count="" if total is None else f"{done_so_far}/{total}")
            bar.refresh()

        yield on_progress, on_phase


def _parse_date_option(value: str, option: str):
    """The interval of days a date option names (temporal.parse_user_date), or a usage error."""
    from .temporal import parse_user_date

    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _parse_day_option(value: str, option: str) -> date:
    interval = _parse_date_option(value, option)
    if interval.start != interval.end:
        raise UsageError(f"{option}: {value!r} names more than one day; give a day, such as 2024-06-20")
    return interval.start


FORMAT_FLAGS = ("json", "jsonl", "csv", "md")


@app.command(cls=_Command)
def timeline(
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", metavar="",
                                 help="One JSON document (schema: factx/schemas/timeline.schema.json)."),
    as_jsonl: bool = typer.Option(False, "--jsonl", metavar="", help="One JSON event per line, streamed."),
    as_csv: bool = typer.Option(False, "--csv", metavar="", help="CSV with a header row (columns: see README)."),
    as_md: bool = typer.Option(False, "--md", metavar="", help="A Markdown table."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="table, json, jsonl, csv, md, timelinejs (TimelineJS 3 JSON), "
                                           "ics (iCalendar) or html (a page to open in a browser)."),
    html_file: Optional[str] = typer.Option(None, "--html", metavar="FILE",
                                            help="Write a self-contained HTML page (cards, actor filters, sources) to FILE."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    actor: List[str] = typer.Option([], "--actor", metavar="NAME",
                                    help="Only events with this person (any alias or role phrase); repeatable."),
    place: List[str] = typer.Option([], "--place", metavar="NAME", help="Only events at this place (any alias); repeatable."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE",
                                        help="Only events ending on or after this date (2024-06, 'juin 2024')."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Only events starting on or before this date."),
    min_sources: int = typer.Option(1, "--min-sources", metavar="N", help="Only events told by at least N documents."),
    modality: List[str] = typer.Option([], "--modality", metavar="KIND",
                                       help="Only events asserted, planned, possible, reported or denied; repeatable or "
                                            "a comma list (--modality planned,possible)."),
    explain: bool = typer.Option(False, "--explain", metavar="", help="Say how each date was found (table, json, jsonl)."),
    with_commentary: bool = typer.Option(False, "--with-commentary", metavar="",
                                         help="Also the events whose every sentence is commentary (an evaluation, background, "
                                              "a guess: 'Le contraste est saisissant.'), hidden by default; each event's "
                                              "\"commentary\" field (JSON, JSONL, CSV) says which."),
    title: str = typer.Option("", "--title", metavar="TITLE",
                              help="Title of the HTML page, the TimelineJS title slide and the calendar."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Print the events in date order (undated last), in the format asked.

    Filters combine: --actor (any alias, "le président russe"), --place, --since/--until (ISO or French dates: 2024-06-18, 2024-06, "juin 2024", "20 juin 2024"), --min-sources, --modality. An empty result says "factx: 0 events" on stderr. Events that tell no fact, only commentary ("Le contraste est saisissant.", "Reste à savoir si la trêve tiendra."), are left out unless --with-commentary.

    Examples:

      factx timeline --actor Poutine --since "juin 2024"
      factx timeline --json | jq '.events[] | {date: .date.edtf, summary}'
      factx timeline --jsonl | head -3
      factx timeline --html story.html --min-sources 2
      factx timeline --format ics -o story.ics
      factx timeline --explain --actor Lavrov
      factx timeline --with-commentary --jsonl | jq 'select(.commentary) | .summary'
    """
    from . import export
    from .query import TimelineQuery, actor_forms, select_events
    from .store import Store

    console = _stderr(quiet)
    with _reporting_errors():
        kind, target = _chosen_format((as_json, as_jsonl, as_csv, as_md), fmt, html_file, output, explain)
        _at_least_one(min_sources, "--min-sources")
        since_day = _parse_date_option(since, "--since").start if since else None
        until_day = _parse_date_option(until, "--until").end if until else None
        modalities = _parse_modality_option(modality)
        page_title = title or export.DEFAULT_TITLE
        query = TimelineQuery(tuple(actor), tuple(place), since_day, until_day, min_sources, frozenset(modalities),
                              with_commentary)
        with Store.open(db, create=False) as store:
            selected, published = select_events(store, query, published=kind == "json" and not explain)
            _warn_if_not_merged(console, store)
            events = _Counted(selected) if kind == "jsonl" and not explain else list(selected)
            with _output(target) as out:
                if kind == "table":
                    provenance = export.gather_provenance(store, events) if explain else None
                    _stdout_console(out).print(export.timeline_table(events, provenance))
                else:
                    export.write_timeline(kind, events, store, out, explain=explain, published=published,
                                          title=page_title, actor_forms=actor_forms(store) if kind == "html" else None)
            if not len(events):
                _say(console, "factx: 0 events " + ("match the filters" if query.filters else f"in {db}"))
            if kind in ("timelinejs", "ics"):
                undated = sum(1 for e in events if e.date is None)
                if undated:
                    _say(console, f"factx: {undated} undated event{'s' if undated > 1 else ''} left out "
                                  f"({kind} needs a date for each)")
            if target not in (None, "-"):
                _say(console, f"factx: wrote {len(events)} events to {target}")


def _warn_if_not_merged(console: Console, store) -> None:
    """An extract stopped between storing documents and merging them leaves events that do not tell
    what the store holds: say so, and how to finish, but print what is there."""
    if not store.events_stale():
        return
    waiting = store.unmerged_document_count()
    what = (f"{waiting} document{'s are' if waiting != 1 else ' is'} not merged yet" if waiting
            else "the events are older than the stored documents")
    _say(console, f"factx: warning: {what}; run 'factx extract' again on the same files to finish")


def _chosen_format(flags: tuple[bool, ...], fmt: Optional[str], html_file: Optional[str], output: Optional[str],
                   explain: bool) -> tuple[str, Optional[str]]:
    """The one output format the options ask for (FORMAT_FLAGS, --format, --html) and where it goes."""
    from .export import FORMATS

    chosen = [f"--{name}" for name, on in zip(FORMAT_FLAGS, flags) if on]
    if fmt is not None:
        chosen.append(f"--format {fmt}")
    if html_file is not None:
        chosen.append("--html")
    if len(chosen) > 1:
        raise UsageError(f"choose one output format, not {' and '.join(chosen)}")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if html_file is not None and output is not None:
        raise UsageError("--html already names the file; leave out --output")
    kind = fmt or next((name for name, on in zip(FORMAT_FLAGS, flags) if on), None) \
        or ("html" if html_file is not None else "table")
    if explain and kind not in ("table", "json", "jsonl", "html", "ics"):
        raise UsageError(f"--explain works with the table, --json and --jsonl, not {kind}")
    return kind, html_file if html_file is not None else output


def _parse_modality_option(values: List[str]) -> set[str]:
    from .claims import MODALITIES

    wanted = {v.strip().lower() for item in values for v in item.split(",") if v.strip()}
    unknown = sorted(wanted - set(MODALITIES))
    if unknown:
        raise UsageError(f"--modality {', '.join(unknown)}: choose among {', '.join(MODALITIES)}")
    return wanted


class _Counted:
    """An iterator that counts what went through it (a streamed output's summary line)."""

    def __init__(self, items):
        self._items = iter(items)
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._items)
        self.count += 1
        return item

    def __len__(self) -> int:
        return self.count


@contextmanager
def _output(target: Optional[str]):
    """stdout, or a file written whole: an error leaves no half-written file behind."""
    if target in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    from .errors import FactxError

    path = Path(target)
    tmp = path.with_name(f".{path.name}.factx-tmp")
    try:
        handle = open(tmp, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise FactxError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        with handle:
            yield handle
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FactxError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _DataConsole(Console):
    """A console for what goes to stdout. rich exits with code 1 when the reader closes the pipe
    (`factx show - | head -1`); here that is no error: the pipe error goes to _reporting_errors,
    which ends quietly with 0 as it does for the other outputs."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def _stdout_console(out=None) -> Console:
    """The console for tables people read on stdout: no colour for pipes, files, NO_COLOR or TERM=dumb."""
    if out is not None and out is not sys.stdout:
        return _DataConsole(file=out, no_color=True, width=120, color_system=None)
    if _plain_wanted():
        return _DataConsole(no_color=True, color_system=None)
    return _DataConsole()


@app.command(cls=_Command)
def show(
    event_ids: List[str] = typer.Argument(..., metavar="EVENT_ID...",
                                          help="Event ids as printed by 'factx timeline' (a unique start is enough), "
                                               "or - to read ids (or JSON lines with an \"id\") from stdin."),
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", metavar="", help="The events as a timeline JSON document, with each "
                                                                   "mention's explanation, modality and entities."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Show where an event comes from: every sentence behind it, highlighted (date words, actors), with its document, character offsets, modality, attribution, and how its date was found.

    Examples:

      factx show ev_65a12c1acfa7
      factx timeline --jsonl --actor Lavrov | factx show -
    """
    from . import export
    from .store import Store

    with _reporting_errors():
        wanted = _read_ids_from_stdin() if event_ids == ["-"] else event_ids
        if not wanted:
            raise UsageError("no event id given (on stdin: one id, or one JSON line with an \"id\", per line)")
        with Store.open(db, create=False) as store:
            ids = [_find_event_id(store, raw) for raw in wanted]
            _warn_if_not_merged(_stderr(quiet), store)
            events = store.events_by_id(list(dict.fromkeys(ids)))
            provenance = export.gather_provenance(store, events, entities=True)
            if as_json:
                docs = [d for d in (provenance.documents.get(i) for i in sorted(provenance.documents)) if d]
                export.write_json(events, docs, sys.stdout, provenance, detail=True)
                sys.stdout.flush()
                return
            console = _stdout_console()
            color = not console.no_color and console.color_system is not None
            for i, e in enumerate(events):
                if i:
                    console.print()
                console.print(export.show_renderable(e, provenance, color=color), soft_wrap=not console.is_terminal)
            sys.stdout.flush()


def _read_ids_from_stdin() -> list[str]:
    ids = []
    for number, line in enumerate(sys.stdin, 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                ids.append(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                raise UsageError(f"stdin line {number}: a JSON line needs an \"id\"") from None
        else:
            ids.extend(line.split())
    return ids


def _find_event_id(store, raw: str) -> str:
    from .errors import FactxError

    text = raw.strip()
    prefix = text if text.startswith("ev_") else f"ev_{text}"
    matches = store.event_ids_like(prefix) if len(prefix) >= 5 else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UsageError(f"{raw!r} starts {len(matches)} event ids ({', '.join(matches[:3])}…); give more of it")
    raise FactxError(f"{raw!r}: no such event in {store.path} (ids are listed by 'factx timeline --jsonl')")


@app.command(cls=_Command)
def actors(
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", metavar="", help="A JSON list instead of a table."),
    all_kinds: bool = typer.Option(False, "--all", metavar="", help="Places and organisations too, not only persons."),
    quiet: bool = QUIET_OPTION,
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
            _stdout_console().print(actors_table(found))
        sys.stdout.flush()
        if not found:
            _say(_stderr(quiet), f"factx: 0 actors in {db}")


@app.command(cls=_Command)
def dates(
    file: str = typer.Argument(..., metavar="FILE", help="A text file, or - for stdin."),
    dct: Optional[str] = typer.Option(None, "--dct", metavar="DATE",
                                      help="The text's own date, to resolve 'mardi', 'en mars'... (default: the "
                                           "article's date as 'factx extract' reads it: byline, dateline, metadata)."),
    jsonl: bool = typer.Option(False, "--jsonl", metavar="",
                               help='Read JSON lines {"id", "text", "dct"}; write {"id", "timexes"} lines.'),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Find and resolve the temporal expressions of a text (the date reader on its own).

    Spans are character offsets into the file as it is. Without --dct, relative dates ("mardi") are
    counted from the article's own date, found as 'factx extract' finds it.

    Example:  factx dates article.txt --dct 2024-06-20
              echo '{"id": "a", "text": "Il est venu mardi.", "dct": "2024-06-20"}' | factx dates - --jsonl
    """
    from .export import article_anchor, read_dates_jsonl, timex_table, timexes_of_text

    with _reporting_errors():
        if jsonl:
            stream = sys.stdin if file == "-" else _open_text(file)
            for line in read_dates_jsonl(stream):
                sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        text = _open_text(file).read()
        anchor = _parse_date_option(dct, "--dct").start if dct else article_anchor(file, text)
        _stdout_console().print(timex_table(timexes_of_text(text, anchor)))
        sys.stdout.flush()


def _open_text(path: str):
    """The file as text, decoded and size-checked like an article (a cp1252 file is no traceback)."""
    import io

    from .ingest import read_text

    return io.StringIO(read_text(path))


if __name__ == "__main__":  # pragma: no cover
    app()
