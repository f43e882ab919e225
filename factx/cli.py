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

from . import __version__
from .errors import FactxError, UsageError

EXIT_SKIPPED = 3

app = typer.Typer(
    name="factx",
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

DB_OPTION = typer.Option("factx.db", "--db", help="SQLite store to read or write.")


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
    workers: int = typer.Option(1, "--workers", min=1, help="Processes running the model, e.g. the number of "
                                "cores (each holds its own copy, about 0.6 GB). The results are the same."),
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
        options = ExtractOptions(model=model, actor_files=tuple(actors), document_date=dct, force=force,
                                 workers=workers)
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


FORMAT_FLAGS = ("json", "jsonl", "csv", "md")


@app.command()
def timeline(
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="One JSON document (schema: factx/schemas/timeline.schema.json)."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="One JSON event per line, streamed."),
    as_csv: bool = typer.Option(False, "--csv", help="CSV with a header row."),
    as_md: bool = typer.Option(False, "--md", help="A Markdown table."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="table, json, jsonl, csv, md, timelinejs (TimelineJS 3 JSON), "
                                           "ics (iCalendar) or html (a page to open in a browser)."),
    html_file: Optional[str] = typer.Option(None, "--html", metavar="FILE",
                                            help="Write a self-contained HTML page (cards, actor filters, sources) to FILE."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    actor: List[str] = typer.Option([], "--actor", help="Only events with this actor (any alias or role phrase); repeatable."),
    place: List[str] = typer.Option([], "--place", help="Only events at this place (any alias); repeatable."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events ending on or after this date (2024-06, 'juin 2024')."),
    until: Optional[str] = typer.Option(None, "--until", help="Only events starting on or before this date."),
    min_sources: int = typer.Option(1, "--min-sources", min=1, metavar="N", help="Only events told by at least N documents."),
    modality: List[str] = typer.Option([], "--modality", metavar="KIND",
                                       help="Only events asserted, planned, possible, reported or denied; repeatable or "
                                            "a comma list (--modality planned,possible)."),
    explain: bool = typer.Option(False, "--explain", help="Say how each date was found (table, json, jsonl)."),
    title: str = typer.Option("", "--title", help="Title of the HTML page, the TimelineJS title slide and the calendar."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Nothing on stderr but errors."),
) -> None:
    """Print the events in date order (undated last), in the format asked.

    Filters combine: --actor (any alias, "le président russe"), --place, --since/--until (ISO or French dates: 2024-06-18, 2024-06, "juin 2024", "20 juin 2024"), --min-sources, --modality.

    Examples:

      factx timeline --actor Poutine --since "juin 2024"
      factx timeline --json | jq '.events[] | {date: .date.edtf, summary}'
      factx timeline --jsonl | head -3
      factx timeline --html story.html --min-sources 2
      factx timeline --format ics -o story.ics
      factx timeline --explain --actor Lavrov
    """
    from . import export
    from .store import Store

    console = _stderr(quiet)
    with _reporting_errors():
        chosen = [f"--{name}" for name, on in zip(FORMAT_FLAGS, (as_json, as_jsonl, as_csv, as_md)) if on]
        if fmt is not None:
            chosen.append(f"--format {fmt}")
        if html_file is not None:
            chosen.append("--html")
        if len(chosen) > 1:
            raise UsageError(f"choose one output format, not {' and '.join(chosen)}")
        if fmt is not None and fmt not in export.FORMATS:
            raise UsageError(f"--format {fmt!r}: choose one of {', '.join(export.FORMATS)}")
        if html_file is not None and output is not None:
            raise UsageError("--html already names the file; leave out --output")
        kind = fmt or next((name for name, on in zip(FORMAT_FLAGS, (as_json, as_jsonl, as_csv, as_md)) if on), None) \
            or ("html" if html_file is not None else "table")
        target = html_file if html_file is not None else output
        if explain and kind not in ("table", "json", "jsonl", "html", "ics"):
            raise UsageError(f"--explain works with the table, --json and --jsonl, not {kind}")
        since_day = _parse_date_option(since, "--since").start if since else None
        until_day = _parse_date_option(until, "--until").end if until else None
        modalities = _parse_modality_option(modality)
        page_title = title or export.DEFAULT_TITLE
        with Store.open(db, create=False) as store:
            actor_names = _resolve_actor_filter(store, actor) if actor else None
            place_names = _resolve_place_filter(store, place) if place else None
            published = store.published_events(actors=actor_names, since=since_day, until=until_day) \
                if kind == "json" and not explain else None
            events = published if published is not None else \
                store.events(actors=actor_names, since=since_day, until=until_day)
            if place_names is not None:
                events = (e for e in events if set(e.places) & place_names)
            if min_sources > 1:
                events = (e for e in events if len(e.sources) >= min_sources)
            if modalities:
                events = (e for e in events if e.modality in modalities)
            events = _Counted(events) if kind == "jsonl" and not explain else list(events)
            provenance = None
            if explain or kind in ("html", "ics"):
                provenance = export.gather_provenance(store, events, texts=kind == "html", entities=kind == "html")
            with _output(target) as out:
                if kind == "json" and published is not None:
                    export.write_published_json(events, store.documents(), out)
                elif kind == "json":
                    export.write_json(events, store.documents(), out, provenance)
                elif kind == "jsonl":
                    export.write_jsonl(events, out, provenance)
                elif kind == "csv":
                    export.write_csv(events, out)
                elif kind == "md":
                    export.write_markdown(events, out)
                elif kind == "timelinejs":
                    export.write_timelinejs(events, store.documents(), out, page_title)
                elif kind == "ics":
                    export.write_ics(events, store.documents(), out, page_title, provenance)
                elif kind == "html":
                    export.write_html(events, provenance, out, page_title, _actor_forms(store))
                else:
                    _stdout_console(out).print(export.timeline_table(events, provenance))
            if kind in ("timelinejs", "ics"):
                undated = sum(1 for e in events if e.date is None)
                if undated:
                    _say(console, f"factx: {undated} undated event{'s' if undated > 1 else ''} left out "
                                  f"({kind} needs a date for each)")
            if target not in (None, "-"):
                _say(console, f"factx: wrote {len(events)} events to {target}")


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


def _stdout_console(out=None) -> Console:
    """The console for tables people read on stdout: no colour for pipes, files, NO_COLOR or TERM=dumb."""
    if out is not None and out is not sys.stdout:
        return Console(file=out, no_color=True, width=120, color_system=None)
    if _plain_wanted():
        return Console(no_color=True, color_system=None)
    return Console()


def _resolve_actor_filter(store, wanted: list[str]) -> list[str]:
    """Canonical names for what the user typed: a gazetteer alias or role, a form seen in the
    articles ("le maître du Kremlin"), or a stored name or part of it ("Lavrov")."""
    from .actors import Gazetteer, fold

    gazetteer = Gazetteer.load()
    known = store.known_names()
    forms = {fold(f): a.name for a in store.actors(("PER",)) for f in a.forms}
    names = []
    for text in wanted:
        entry = gazetteer.lookup(text) or gazetteer.lookup(gazetteer.strip_title(text))
        if entry is not None:
            names.append(entry.name)
            continue
        key = fold(text)
        if key in forms:
            names.append(forms[key])
            continue
        matches = [n for n in known if fold(n) == key or key in fold(n).split()
                   or fold(gazetteer.strip_title(text)) == fold(n)]
        if not matches:
            raise UsageError(f"--actor {text!r}: no such actor in {store.path} (see 'factx actors')")
        names.extend(matches)
    return names


def _resolve_place_filter(store, wanted: list[str]) -> set[str]:
    """Place names as stored, for what the user typed: a gazetteer alias, a form seen, or the name."""
    from .actors import Gazetteer, fold

    gazetteer = Gazetteer.load()
    places = store.actors(("LOC",))
    forms = {fold(f): a.name for a in places for f in (a.name, *a.forms)}
    names: set[str] = set()
    for text in wanted:
        key = fold(text)
        entry = gazetteer.lookup(text)
        if entry is not None and entry.kind == "LOC":
            names.add(entry.name)
            continue
        if key in forms:
            names.add(forms[key])
            continue
        matches = {a.name for a in places if key and (key in fold(a.name).split() or f" {key} " in f" {fold(a.name)} ")}
        if not matches:
            raise UsageError(f"--place {text!r}: no such place in {store.path} (see 'factx actors --all')")
        names |= matches
    return names


def _actor_forms(store) -> dict[str, list[str]]:
    """Every way a person is written (gazetteer aliases and roles, forms seen), for the page's filter."""
    from .actors import Gazetteer

    gazetteer = Gazetteer.load()
    out: dict[str, list[str]] = {}
    for entry in gazetteer.entries:
        if entry.kind == "PER":
            out.setdefault(entry.name, []).extend((*entry.aliases, *entry.roles))
    for a in store.actors(("PER",)):
        out.setdefault(a.name, []).extend(a.forms)
    return out


@app.command()
def show(
    event_ids: List[str] = typer.Argument(..., metavar="EVENT_ID",
                                          help="Event ids as printed by 'factx timeline' (a unique start is enough), "
                                               "or - to read ids (or JSON lines with an \"id\") from stdin."),
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="The events as a timeline JSON document, with each "
                                                       "mention's explanation, modality and entities."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Nothing on stderr but errors."),
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


@app.command()
def actors(
    db: Path = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="A JSON list instead of a table."),
    all_kinds: bool = typer.Option(False, "--all", help="Places and organisations too, not only persons."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Nothing on stderr but errors."),
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


@app.command()
def dates(
    file: str = typer.Argument(..., help="A text file, or - for stdin."),
    dct: Optional[str] = typer.Option(None, "--dct", help="The text's own date, to resolve 'mardi', 'en mars'..."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read JSON lines {"id", "text", "dct"}; write {"id", "timexes"} lines.'),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Nothing on stderr but errors."),
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
        text = _open_text(file).read()
        anchor = _parse_date_option(dct, "--dct").start if dct else None
        _stdout_console().print(timex_table(timexes_of_text(text, anchor)))
        sys.stdout.flush()


def _open_text(path: str):
    """The file as text, decoded and size-checked like an article (a cp1252 file is no traceback)."""
    import io

    from .ingest import read_text

    return io.StringIO(read_text(path))


if __name__ == "__main__":  # pragma: no cover
    app()
