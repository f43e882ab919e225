"""Output formats: the same events as JSON (the published contract), JSON lines, CSV, Markdown,
TimelineJS 3 JSON, iCalendar, a self-contained HTML page, and rich tables for people (`timeline`,
`show`). Writers take a text stream; they never decide where it goes.

`--explain` and `factx show` add, for each event and mention, the plain-language account of its date
built by factx.explain from a `Provenance` (each document's own date, entity spans and texts), which
`gather_provenance` reads from the store once.
"""

from __future__ import annotations

import csv
import html
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Optional, Sequence, TextIO

from . import __version__
from .commentary import commentary_mark, event_is_commentary
from .merge import Event
from .events import EventMention
from .explain import MONTHS, DocumentDating, document_dating, explain_event, explain_mention, first_day_label, output_words
from .resources import schema_path
from .store import ActorSummary, StoredDocument
from .temporal import DateInterval

FORMATS = ("table", "json", "jsonl", "csv", "md", "timelinejs", "ics", "html")
DEFAULT_TITLE = output_words()["default_title"]  # the words printed for people: models/output_fr.json


# ---------------------------------------------------------------------------------------------
# What --explain, `show` and the HTML page add: provenance read once from the store

@dataclass
class Provenance:
    """Per document: its own date (with the line it was read from), its entity spans, its text."""

    documents: dict[str, StoredDocument] = field(default_factory=dict)
    datings: dict[str, DocumentDating] = field(default_factory=dict)
    entities: dict[str, list[tuple[str, str, str, int, int]]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def explain_event(self, e: Event) -> Optional[str]:
        return explain_event(e, self.datings)

    def explain_mention(self, m: EventMention) -> str:
        return explain_mention(m, self.datings.get(m.doc_id))

    def entities_in(self, m: EventMention) -> list[tuple[str, str, str, int, int]]:
        return [x for x in self.entities.get(m.doc_id, ()) if m.start <= x[3] and x[4] <= m.end]


def gather_provenance(store, events: Sequence[Event], texts: bool = False, entities: bool = False) -> Provenance:
    """What the explanations (and, with `texts`/`entities`, the page and `show`) need about the
    documents these events come from."""
    doc_ids = sorted({m.doc_id for e in events for m in e.mentions})
    mentions_by_doc: dict[str, list[EventMention]] = {}
    for e in events:
        for m in e.mentions:
            mentions_by_doc.setdefault(m.doc_id, []).append(m)
    prov = Provenance()
    for doc_id in doc_ids:
        doc = store.document(doc_id)
        if doc is None:
            continue
        prov.documents[doc_id] = doc
        # the explanation reads only what the store kept of the article's date; the text is for the page
        prov.datings[doc_id] = document_dating(doc_id, doc.date, doc.words, mentions_by_doc.get(doc_id, ()),
                                               doc.run_date, doc.best_day)
        if texts or entities:
            text = store.document_text(doc_id) or ""
            if texts:
                prov.texts[doc_id] = text
            if entities:
                prov.entities[doc_id] = store.entities_between(doc_id, 0, len(text) + 1)
    return prov


def modality_of(m: EventMention) -> Optional[str]:
    """asserted, planned, possible, reported, denied, when the events stage says it."""
    return m.modality


def attribution_of(m: EventMention) -> Optional[str]:
    return m.attributed_to


def mention_dict(m: EventMention, provenance: Optional[Provenance] = None, detail: bool = False) -> dict:
    """A mention as published; with `provenance`, its "explanation"; with `detail` (factx show), the
    entities found in the sentence too."""
    out = {
        "doc": m.doc_id,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "date_text": m.date_text,
        "date_start": m.date_start,
        "date_end": m.date_end,
        "tense": m.tense,
        "date": m.date.to_dict() if m.date else None,
        "modality": modality_of(m),
        "attributed_to": attribution_of(m),
        "commentary": m.commentary,
    }
    if provenance is not None:
        out["explanation"] = provenance.explain_mention(m)
    if detail:
        if provenance is not None:
            out["entities"] = [{"name": n, "form": f, "kind": k, "start": s, "end": e}
                               for n, f, k, s, e in provenance.entities_in(m)]
    return out


def event_dict(e: Event, provenance: Optional[Provenance] = None, detail: bool = False) -> dict:
    out = {
        "id": e.id,
        "date": e.date.to_dict() if e.date else None,
        "summary": e.summary,
        "actors": list(e.actors),
        "places": list(e.places),
        "organisations": list(e.organisations),
        "sources": list(e.sources),
        "modality": e.modality,
        "conflicts": [{"what": c.what, "values": [{"value": v, "sources": list(docs)} for v, docs in c.values]}
                      for c in e.conflicts],
        "mentions": [mention_dict(m, provenance, detail) for m in e.mentions],
        "commentary": event_is_commentary(e.mentions),
    }
    if provenance is not None:
        out["explanation"] = provenance.explain_event(e)
    return out


def document_dict(d: StoredDocument) -> dict:
    """A document of the JSON contract: `date` is the article's likeliest day (approximate) when its
    date is known within several days, which `date_range` then gives; else the interval itself.
    `date_conflict`: the date its text gave, which the dated articles of its story contradicted."""
    if d.date is not None and d.best_day is not None:
        best = DateInterval(d.best_day, d.best_day, "day", True, d.date.resolved_by)
        out = {"id": d.id, "path": d.path, "title": d.title, "date": best.to_dict(), "date_range": d.date.to_dict()}
    else:
        out = {"id": d.id, "path": d.path, "title": d.title, "date": d.date.to_dict() if d.date else None}
    if d.contradicted is not None:
        out["date_conflict"] = {"text_says": d.contradicted.to_dict(), "why": output_words()["contradicted_date"]}
    return out


def timeline_document(events: Iterable[Event], documents: Iterable[StoredDocument],
                      provenance: Optional[Provenance] = None, detail: bool = False) -> dict:
    return {**_timeline_head(documents), "events": [event_dict(e, provenance, detail) for e in events]}


def _timeline_head(documents: Iterable[StoredDocument]) -> dict:
    """What a JSON timeline says before its events."""
    return {"factx_version": __version__, "documents": [document_dict(d) for d in documents]}


def load_timeline_schema() -> dict:
    return json.loads(schema_path("timeline.schema.json").read_text(encoding="utf-8"))


def write_timeline(kind: str, events: Sequence, store, out: TextIO, explain: bool = False, published: bool = False,
                   title: str = DEFAULT_TITLE, actor_forms: Optional[dict] = None) -> None:
    """The events in one of the machine formats of FORMATS (the table is the CLI's, for its console);
    `published`: the events are the JSON the last merge wrote (store.published_events). The
    provenance an explanation, the page or the calendar needs is gathered here, once."""
    provenance = None
    if explain or kind in ("html", "ics"):
        provenance = gather_provenance(store, events, texts=kind == "html", entities=kind == "html")
    if kind == "json" and published:
        write_published_json(events, store.documents(), out)
    elif kind == "json":
        write_json(events, store.documents(), out, provenance)
    elif kind == "jsonl":
        write_jsonl(events, out, provenance)
    elif kind == "csv":
        write_csv(events, out)
    elif kind == "md":
        write_markdown(events, out)
    elif kind == "timelinejs":
        write_timelinejs(events, store.documents(), out, title)
    elif kind == "ics":
        write_ics(events, store.documents(), out, title, provenance)
    elif kind == "html":
        write_html(events, provenance, out, title, actor_forms or {})
    else:
        raise ValueError(f"no writer for {kind!r}")


def write_json(events: Iterable[Event], documents: Iterable[StoredDocument], out: TextIO,
               provenance: Optional[Provenance] = None, detail: bool = False) -> None:
    write_json_document(timeline_document(events, documents, provenance, detail), out)


def write_json_document(document: dict, out: TextIO) -> None:
    if out.isatty():
        json.dump(document, out, ensure_ascii=False, indent=2)
    else:
        # for scripts: json's C encoder runs only in one-shot dumps without indent, several times
        # faster on large stores
        out.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")


def event_json(e: Event) -> str:
    """An event as the JSON timeline prints it (compact), written once with the merge (store.published)."""
    return json.dumps(event_dict(e), ensure_ascii=False, separators=(",", ":"))


def write_published_json(events: Iterable, documents: Iterable[StoredDocument], out: TextIO) -> None:
    """`write_json` from the events' stored JSON (store.published_events): the same text, without
    rebuilding each event from its rows (a whole store's timeline is tens of megabytes)."""
    if out.isatty():
        write_json_document({**_timeline_head(documents), "events": [json.loads(e.json) for e in events]}, out)
        return
    head = json.dumps(_timeline_head(documents), ensure_ascii=False, separators=(",", ":"))
    out.write(head[:-1] + ',"events":[')
    out.write(",".join(e.json for e in events))
    out.write("]}\n")


def write_jsonl(events: Iterable[Event], out: TextIO, provenance: Optional[Provenance] = None) -> None:
    """One event per line, written as it comes (a reader that stops early stops the work)."""
    for e in events:
        out.write(json.dumps(event_dict(e, provenance), ensure_ascii=False))
        out.write("\n")


# Every field of the JSON contract that fits a cell, in this order (the README lists it; columns are
# only ever added). Lists are joined with "; "; an undated event's date cells are empty.
CSV_COLUMNS = ("id", "date_start", "date_end", "edtf", "precision", "approximate", "resolved_by", "summary",
               "actors", "places", "organisations", "sources", "source_count", "modality", "attributed_to",
               "conflicts", "mention_count", "commentary")


def _row(e: Event) -> dict:
    return {
        "id": e.id,
        "date_start": e.date.start.isoformat() if e.date else "",
        "date_end": e.date.end.isoformat() if e.date else "",
        "edtf": e.date.edtf if e.date else "",
        "precision": e.date.precision if e.date else "",
        "approximate": ("true" if e.date.approximate else "false") if e.date else "",
        "resolved_by": e.date.resolved_by.value if e.date else "",
        "summary": e.summary,
        "actors": "; ".join(e.actors),
        "places": "; ".join(e.places),
        "organisations": "; ".join(e.organisations),
        "sources": "; ".join(e.sources),
        "source_count": len(e.sources),
        "modality": e.modality,
        "attributed_to": "; ".join(dict.fromkeys(m.attributed_to for m in e.mentions if m.attributed_to)),
        "conflicts": "; ".join(conflict_text(c) for c in e.conflicts),
        "mention_count": len(e.mentions),
        "commentary": "true" if event_is_commentary(e.mentions) else "false",
    }


def conflict_text(c) -> str:
    """A disagreement of the sources in one line: 'date: il y a 24 ans (2000) [a, b] / 2000 [c]'."""
    return f"{c.what}: " + " / ".join(f"{value} [{', '.join(docs)}]" for value, docs in c.values)


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


def timeline_table(events: Iterable[Event], provenance: Optional[Provenance] = None):
    """A rich table for people: date, event, actors, number of sources; with `provenance`, how
    each date was found, under the event's text."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=provenance is not None, header_style="bold", expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=3)
    table.add_column("Actors", ratio=1)
    table.add_column("Src", justify="right", no_wrap=True)
    for e in events:
        date = e.date.edtf if e.date else "—"
        summary = e.summary if len(e.summary) <= 220 else e.summary[:217] + "…"
        cell = Text()
        if e.modality != "asserted":  # a plan, a possibility, an allegation or a denial is not a fact
            said_by = next((m.attributed_to for m in e.mentions if m.attributed_to), None)
            cell.append(f"[{output_words()['modality_marks'].get(e.modality, e.modality)}{', ' + said_by if said_by else ''}] ", style="bold")
        if event_is_commentary(e.mentions):  # shown with --with-commentary only
            cell.append(f"[{commentary_mark()}] ", style="italic")
        cell.append(summary)
        for conflict in e.conflicts:
            cell.append(f"\n≠ {conflict.what}: " + " / ".join(v for v, _ in conflict.values), style="italic")
        if provenance is not None:
            cell.append("\n↳ " + (provenance.explain_event(e) or ""), style="dim italic")
        table.add_row(date, cell, ", ".join(e.actors), str(len(e.sources)))
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

def article_anchor(name: str, text: str) -> Optional[date]:
    """The day `factx extract` counts this article's relative dates from ("mardi"): the article read as
    extract reads it (its byline, front matter, sidecar or HTML metadata, then its dateline); `text` is
    what was read of `name` ("-": stdin, which cannot be read twice)."""
    import io
    import sys

    from .ingest import STDIN_ID, Rejected, Source, load_article
    from .temporal import resolve_document_date

    if name == "-":
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
        try:
            article = load_article(Source(STDIN_ID, None))
        finally:
            sys.stdin = saved
    else:
        article = load_article(Source(Path(name).stem, Path(name)))
    today = date.today()  # as extract's run date: no article date comes from the future
    if isinstance(article, Rejected):  # not an article extract would keep: the date its words give, if any
        found = resolve_document_date(text, today=today)
    else:
        found = resolve_document_date(article.text, given=None, metadata=article.metadata_date,
                                      metadata_source=article.metadata_date_source, byline=article.byline,
                                      today=today)
    return found.anchor if found else None


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
            if not isinstance(text, str):  # {"text": 12} or null: no text to read dates in
                raise TypeError(text)
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
                      e.interval.edtf if e.interval else "—", e.interval.resolved_by.value if e.interval else "—")
    return table


# ---------------------------------------------------------------------------------------------
# Dates for people (French, like the articles)

def _day_words(d: date, year: bool = True) -> str:
    return f"{first_day_label(d)} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def _month_words(d: date, year: bool = True) -> str:
    return MONTHS[d.month - 1] + (f" {d.year}" if year else "")


def date_label(iv: Optional[DateInterval]) -> str:
    """'19 juin 2024', '18–19 juin 2024', 'juin 2024', '1950–1953', 'vers 1999'; 'sans date'."""
    if iv is None:
        return output_words()["undated"]
    s, e = iv.start, iv.end
    if iv.precision in ("day", "week"):
        if s == e:
            text = _day_words(s)
        elif (s.year, s.month) == (e.year, e.month):
            text = f"{first_day_label(s)}–{_day_words(e)}"
        elif s.year == e.year:
            text = f"{_day_words(s, False)} – {_day_words(e)}"
        else:
            text = f"{_day_words(s)} – {_day_words(e)}"
    elif iv.precision in ("month", "season"):
        if (s.year, s.month) == (e.year, e.month):
            text = _month_words(s)
        elif s.year == e.year:
            text = f"{_month_words(s, False)} – {_month_words(e)}"
        else:
            text = f"{_month_words(s)} – {_month_words(e)}"
    else:
        text = str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    return output_words()["approximate"].format(date=text) if iv.approximate else text


def _headline(e: Event, limit: int = 100) -> str:
    text = " ".join(e.summary.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _source_titles(e: Event, documents: dict[str, StoredDocument]) -> list[tuple[str, str, str]]:
    """(doc id, title, path) for each source, in the event's order."""
    out = []
    for doc_id in e.sources:
        d = documents.get(doc_id)
        out.append((doc_id, d.title if d else doc_id, d.path if d else ""))
    return out


# ---------------------------------------------------------------------------------------------
# TimelineJS 3 (https://timeline.knightlab.com/docs/json-format.html)

def _h(text: str) -> str:
    """Text for TimelineJS's HTML fields."""
    return html.escape(text, quote=False)


def _tl_date(d: date, precision: str) -> dict:
    if precision in ("year", "decade", "century"):
        return {"year": d.year}
    if precision in ("month", "season"):
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


TIMELINEJS_GROUPS = 5


def timelinejs_document(events: Iterable[Event], documents: Iterable[StoredDocument],
                        title: str = DEFAULT_TITLE) -> dict:
    """The TimelineJS 3 JSON format: one slide per dated event (TimelineJS cannot place undated ones),
    grouped by their first actor; the slide's text lists the sources and the sentences behind it."""
    by_id = {d.id: d for d in documents}
    events = list(events)
    counts: dict[str, int] = {}
    for e in events:
        if e.date is not None:
            for a in e.actors:
                counts[a] = counts.get(a, 0) + 1
    # a row per main actor; more rows than that squeeze TimelineJS's navigation bar flat
    groups = set(sorted(counts, key=lambda a: (-counts[a], a))[:TIMELINEJS_GROUPS])
    slides = []
    undated = 0
    labels, modality_words = output_words()["labels"], output_words()["modality_words"]
    for e in events:
        if e.date is None:
            undated += 1
            continue
        start = _tl_date(e.date.start, e.date.precision)
        end = _tl_date(e.date.end, e.date.precision)
        body = [f"<p>{_h(e.summary)}</p>"]
        if e.actors:
            body.append(f"<p><b>{labels['actors']} :</b> {_h(', '.join(e.actors))}</p>")
        if e.places:
            body.append(f"<p><b>{labels['places']} :</b> {_h(', '.join(e.places))}</p>")
        items = []
        for doc_id, doc_title, path in _source_titles(e, by_id):
            sentences = [m.sentence for m in e.mentions if m.doc_id == doc_id]
            quote = f" — « {_h(sentences[0])} »" if sentences else ""
            items.append(f"<li>{_h(doc_title)} <small>({_h(path or doc_id)})</small>{quote}</li>")
        if e.modality != "asserted":
            body.append(f"<p><b>{labels['modality']} :</b> {modality_words.get(e.modality, e.modality)}</p>")
        n = len(e.sources)
        body.append(f"<p><b>{n} source{'s' if n > 1 else ''} :</b></p><ul>{''.join(items)}</ul>")
        slide = {
            "unique_id": e.id,
            "start_date": start,
            "display_date": date_label(e.date),
            "text": {"headline": _h(_headline(e)), "text": "".join(body)},
            "group": next((a for a in e.actors if a in groups), labels["other_actors"]),
        }
        if end != start:
            slide["end_date"] = end
        slides.append(slide)
    dated = len(slides)
    intro = f"<p>{dated} événement{'s' if dated != 1 else ''} daté{'s' if dated != 1 else ''}"
    if undated:
        intro += f" ({undated} sans date, absent{'s' if undated > 1 else ''} de cette frise)"
    intro += f", produits par factx {_h(__version__)}.</p>"
    return {"title": {"text": {"headline": _h(title), "text": intro}}, "events": slides, "scale": "human"}


def write_timelinejs(events: Iterable[Event], documents: Iterable[StoredDocument], out: TextIO,
                     title: str = DEFAULT_TITLE) -> None:
    json.dump(timelinejs_document(events, documents, title), out, ensure_ascii=False, indent=2)
    out.write("\n")


def load_timelinejs_schema() -> dict:
    return json.loads(schema_path("timelinejs.schema.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# iCalendar (RFC 5545): one all-day VEVENT per dated event

def _ics_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _ics_fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space, never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += n
    parts.append(current)
    return "\r\n".join(parts)


def _ics_stamp(stamp: Optional[datetime]) -> str:
    if stamp is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        stamp = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def write_ics(events: Iterable[Event], documents: Iterable[StoredDocument], out: TextIO,
              title: str = DEFAULT_TITLE, provenance: Optional[Provenance] = None,
              stamp: Optional[datetime] = None) -> None:
    """All-day events (DTEND is the day after the last day, as RFC 5545 wants); the description
    holds the full sentence, the actors, and every source with the sentence it gave."""
    by_id = {d.id: d for d in documents}
    dtstamp = _ics_stamp(stamp)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//factx//factx {__version__}//FR", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(title)}"]
    labels, modality_words = output_words()["labels"], output_words()["modality_words"]
    for e in events:
        if e.date is None:
            continue
        description = [e.summary, "", f"{labels['date']} : {date_label(e.date)} ({e.date.edtf})"]
        if provenance is not None:
            why = provenance.explain_event(e)
            if why:
                description.append(f"{labels['found_by']} : {why}")
        if e.actors:
            description.append(f"{labels['actors']} : {', '.join(e.actors)}")
        if e.places:
            description.append(f"{labels['places']} : {', '.join(e.places)}")
        if e.modality != "asserted":
            description.append(f"{labels['modality']} : {modality_words.get(e.modality, e.modality)}")
        description.append(f"{labels['sources']} ({len(e.sources)}) :")
        for doc_id, doc_title, path in _source_titles(e, by_id):
            description.append(f"- {doc_title} ({path or doc_id})")
            for m in e.mentions:
                if m.doc_id == doc_id:
                    description.append(f"  « {m.sentence} »")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.id}@factx",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{e.date.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(e.date.end + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(_headline(e, 120))}",
            f"DESCRIPTION:{_ics_text(chr(10).join(description))}",
            "TRANSP:TRANSPARENT",
            f"X-FACTX-EDTF:{_ics_text(e.date.edtf)}",
        ]
        if e.actors:
            lines.append("CATEGORIES:" + ",".join(_ics_text(a) for a in e.actors))
        if e.places:
            lines.append(f"LOCATION:{_ics_text(', '.join(e.places))}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    out.write("".join(_ics_fold(line) + "\r\n" for line in lines))


# ---------------------------------------------------------------------------------------------
# The self-contained HTML page (factx/templates/timeline.html, data embedded as JSON)

TEMPLATE = Path(__file__).resolve().parent / "templates" / "timeline.html"


def _json_for_script(data) -> str:
    """JSON that can sit inside <script>: no '</script>', '<!--' or line separators can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _spans(m: EventMention, provenance: Provenance) -> list[list]:
    """[start, end, kind, name] inside the sentence: the date words, the actors, places, organisations."""
    out = []
    if m.date_start is not None and m.date_end is not None:
        out.append([m.date_start - m.start, m.date_end - m.start, "date", m.date_text or ""])
    kinds = {"PER": "actor", "LOC": "place", "ORG": "org"}
    for name, _form, kind, s, e in provenance.entities_in(m):
        out.append([s - m.start, e - m.start, kinds.get(kind, "actor"), name])
    out.sort(key=lambda x: (x[0], -x[1]))
    kept, last_end = [], -1
    for span in out:
        if span[0] >= last_end and 0 <= span[0] < span[1] <= len(m.sentence):
            kept.append(span)
            last_end = span[1]
    return kept


def html_data(events: Sequence[Event], provenance: Provenance, title: str = DEFAULT_TITLE,
              actor_forms: Optional[dict[str, Sequence[str]]] = None) -> dict:
    from .explain import describe_document_date

    counts: dict[str, int] = {}
    for e in events:
        for a in e.actors:
            counts[a] = counts.get(a, 0) + 1
    actor_forms = actor_forms or {}
    actors = [{"name": a, "count": n, "aliases": sorted(set(actor_forms.get(a, ())) - {a})}
              for a, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    used_docs = sorted({d for e in events for d in e.sources} | {m.doc_id for e in events for m in e.mentions})
    documents = {}
    for doc_id in used_docs:
        d = provenance.documents.get(doc_id)
        documents[doc_id] = {
            "title": d.title if d else doc_id,
            "path": d.path if d else "",
            "date": d.date.edtf if d and d.date else None,
            "date_label": date_label(d.date) if d and d.date else output_words()["undated"],
            "dating": describe_document_date(provenance.datings.get(doc_id)),
            "text": provenance.texts.get(doc_id, ""),
        }
    out_events = []
    for e in events:
        card = event_dict(e)  # the published fields, and the page's own view of the mentions
        out_events.append({
            **card,
            "label": date_label(e.date),
            "explanation": provenance.explain_event(e),
            "mentions": [{
                "doc": m.doc_id, "start": m.start, "end": m.end, "sentence": m.sentence,
                "spans": _spans(m, provenance), "date_text": m.date_text,
                "date": m.date.edtf if m.date else None,
                "explanation": provenance.explain_mention(m),
                "modality": modality_of(m), "attributed_to": attribution_of(m), "tense": m.tense,
            } for m in e.mentions],
        })
    return {"title": title, "factx_version": __version__, "actors": actors, "documents": documents,
            "events": out_events}


def html_page(events: Sequence[Event], provenance: Provenance, title: str = DEFAULT_TITLE,
              actor_forms: Optional[dict[str, Sequence[str]]] = None) -> str:
    template = TEMPLATE.read_text(encoding="utf-8")
    data = _json_for_script(html_data(events, provenance, title, actor_forms))
    return template.replace("__FACTX_TITLE__", html.escape(title)).replace("__FACTX_DATA__", data)


def write_html(events: Sequence[Event], provenance: Provenance, out: TextIO, title: str = DEFAULT_TITLE,
               actor_forms: Optional[dict[str, Sequence[str]]] = None) -> None:
    out.write(html_page(events, provenance, title, actor_forms))


# ---------------------------------------------------------------------------------------------
# `factx show`: every mention of an event, with where it comes from and how it was dated

_MARKS = {"date": ("[", "]"), "actor": ("*", "*"), "place": ("_", "_"), "org": ("_", "_")}
_STYLES = {"date": "bold yellow underline", "actor": "bold cyan", "place": "green", "org": "green"}


def highlighted_sentence(m: EventMention, provenance: Provenance, color: bool):
    """The sentence with its date words and actors marked: styles in colour, [date] *actor* without."""
    from rich.text import Text

    spans = _spans(m, provenance)
    if color:
        text = Text(m.sentence)
        for s, e, kind, _name in spans:
            text.stylize(_STYLES[kind], s, e)
        return text
    out, pos = [], 0
    for s, e, kind, _name in spans:
        left, right = _MARKS[kind]
        out.append(m.sentence[pos:s] + left + m.sentence[s:e] + right)
        pos = e
    out.append(m.sentence[pos:])
    return Text("".join(out))


def show_renderable(e: Event, provenance: Provenance, color: bool = True):
    """What `factx show` prints for one event (a rich renderable)."""
    from rich.console import Group
    from rich.text import Text

    parts = []
    head = Text()
    head.append(e.id, style="bold")
    head.append(f"  {e.date.edtf if e.date else 'undated'}")
    if e.date:
        head.append(f"  ({date_label(e.date)}, precision {e.date.precision})", style="dim")
    parts.append(head)
    parts.append(Text(e.summary))
    facts = Text()
    for label, values in (("actors", e.actors), ("places", e.places), ("organisations", e.organisations)):
        if values:
            facts.append(f"{label}: ", style="bold")
            facts.append(", ".join(values) + "   ")
    facts.append("sources: ", style="bold")
    facts.append(f"{len(e.sources)} ({', '.join(e.sources)})   ")
    facts.append("modality: ", style="bold")
    facts.append(e.modality)
    parts.append(facts)
    why = provenance.explain_event(e)
    if why:
        parts.append(Text.assemble(("date: ", "bold"), why))
    if not color:
        parts.append(Text("([...] date words, *...* actors, _..._ places and organisations)", style="dim"))
    for i, m in enumerate(e.mentions, 1):
        doc = provenance.documents.get(m.doc_id)
        title = Text()
        title.append(f"\n[{i}/{len(e.mentions)}] ", style="bold")
        title.append(m.doc_id, style="bold")
        if doc is not None:
            title.append(f" — {doc.title}")
        parts.append(title)
        where = f"{doc.path if doc else '?'}, characters {m.start}–{m.end}"
        if m.date_start is not None:
            where += f" (date words {m.date_start}–{m.date_end})"
        lines = [Text(where, style="dim"), Text.assemble("« ", highlighted_sentence(m, provenance, color), " »")]
        date_line = Text()
        date_line.append("date: ", style="bold")
        date_line.append(f"{m.date.edtf if m.date else 'none'} — {provenance.explain_mention(m)}")
        lines.append(date_line)
        extra = Text()
        modality, attributed = modality_of(m), attribution_of(m)
        extra.append("modality: ", style="bold")
        extra.append(modality or "—")
        extra.append("   attributed to: ", style="bold")
        extra.append(attributed or "—")
        extra.append("   tense: ", style="bold")
        extra.append(m.tense or "—")
        lines.append(extra)
        parts.extend(Text.assemble("  ", line) for line in lines)
    return Group(*parts)
