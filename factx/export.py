"""Output formats: the same events as JSON (the published contract), JSON lines, CSV, Markdown,
and a rich table for people. Writers take a text stream; they never decide where it goes."""

from __future__ import annotations

import csv
import json
from typing import Iterable, TextIO

from . import __version__
from .dedup import Event
from .events import EventMention
from .resources import schema_path
from .store import ActorSummary, StoredDocument

FORMATS = ("table", "json", "jsonl", "csv", "md")


def mention_dict(m: EventMention) -> dict:
    return {
        "doc": m.doc_id,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "date_text": m.date_text,
        "date_start": m.date_start,
        "date_end": m.date_end,
        "tense": m.tense,
    }


def event_dict(e: Event) -> dict:
    return {
        "id": e.id,
        "date": e.date.to_dict() if e.date else None,
        "summary": e.summary,
        "actors": list(e.actors),
        "places": list(e.places),
        "organisations": list(e.organisations),
        "sources": list(e.sources),
        "mentions": [mention_dict(m) for m in e.mentions],
    }


def document_dict(d: StoredDocument) -> dict:
    return {"id": d.id, "path": d.path, "title": d.title, "date": d.date.to_dict() if d.date else None}


def timeline_document(events: Iterable[Event], documents: Iterable[StoredDocument]) -> dict:
    return {
        "factx_version": __version__,
        "documents": [document_dict(d) for d in documents],
        "events": [event_dict(e) for e in events],
    }


def load_timeline_schema() -> dict:
    return json.loads(schema_path("timeline.schema.json").read_text(encoding="utf-8"))


def write_json(events: Iterable[Event], documents: Iterable[StoredDocument], out: TextIO) -> None:
    json.dump(timeline_document(events, documents), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for e in events:
        out.write(json.dumps(event_dict(e), ensure_ascii=False))
        out.write("\n")


CSV_COLUMNS = ("id", "date_start", "date_end", "edtf", "precision", "summary", "actors", "places", "sources",
               "source_count", "mention_count")


def _row(e: Event) -> dict:
    return {
        "id": e.id,
        "date_start": e.date.start.isoformat() if e.date else "",
        "date_end": e.date.end.isoformat() if e.date else "",
        "edtf": e.date.edtf if e.date else "",
        "precision": e.date.precision if e.date else "",
        "summary": e.summary,
        "actors": "; ".join(e.actors),
        "places": "; ".join(e.places),
        "sources": "; ".join(e.sources),
        "source_count": len(e.sources),
        "mention_count": len(e.mentions),
    }


def write_csv(events: Iterable[Event], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow(_row(e))


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_markdown(events: Iterable[Event], out: TextIO) -> None:
    out.write("| Date | Event | Actors | Sources |\n|---|---|---|---|\n")
    for e in events:
        date = e.date.edtf if e.date else "undated"
        out.write(f"| {date} | {_md_cell(e.summary)} | {_md_cell(', '.join(e.actors))} | "
                  f"{len(e.sources)} ({_md_cell(', '.join(e.sources))}) |\n")


def timeline_table(events: Iterable[Event]):
    """A rich table for people: date, event, actors, number of sources."""
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold", expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=3)
    table.add_column("Actors", ratio=1)
    table.add_column("Src", justify="right", no_wrap=True)
    for e in events:
        date = e.date.edtf if e.date else "—"
        summary = e.summary if len(e.summary) <= 220 else e.summary[:217] + "…"
        table.add_row(date, summary, ", ".join(e.actors), str(len(e.sources)))
    return table


def actor_dict(a: ActorSummary) -> dict:
    return {"name": a.name, "kind": a.kind, "forms": list(a.forms), "mentions": a.mentions, "documents": a.documents}


def write_actors_json(actors: Iterable[ActorSummary], out: TextIO) -> None:
    json.dump([actor_dict(a) for a in actors], out, ensure_ascii=False, indent=2)
    out.write("\n")


def actors_table(actors: Iterable[ActorSummary]):
    from rich.table import Table

    table = Table(header_style="bold", expand=True)
    table.add_column("Actor", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Forms seen", ratio=2)
    table.add_column("Mentions", justify="right")
    table.add_column("Docs", justify="right")
    for a in actors:
        table.add_row(a.name, a.kind, ", ".join(a.forms), str(a.mentions), str(a.documents))
    return table


# -- the date reader's own outputs (`factx dates`) ---------------------------------------------

def timexes_of_text(text: str, anchor) -> list:
    from .temporal import find_temporal_expressions

    return find_temporal_expressions(text, anchor)


def read_dates_jsonl(stream: TextIO):
    """One output line per input line {"id", "text", "dct"}: {"id", "timexes": [...]}, offsets into text."""
    from .errors import UsageError
    from .temporal import find_temporal_expressions, parse_user_date

    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
        except (ValueError, KeyError, TypeError):
            raise UsageError(f"stdin line {number}: expected a JSON object with 'id' and 'text'") from None
        anchor = None
        if item.get("dct"):
            try:
                anchor = parse_user_date(str(item["dct"])).start
            except ValueError:
                anchor = None
        timexes = [e.to_dict() for e in find_temporal_expressions(text, anchor)]
        yield json.dumps({"id": item.get("id"), "timexes": timexes}, ensure_ascii=False)


def timex_table(expressions):
    from rich.table import Table

    table = Table(header_style="bold")
    for col in ("Span", "Text", "Type", "Value", "EDTF", "Resolved by"):
        table.add_column(col)
    for e in expressions:
        table.add_row(f"{e.start}-{e.end}", e.text, e.timex_type, e.value,
                      e.interval.edtf if e.interval else "—", e.interval.resolved_by if e.interval else "—")
    return table
