"""The SQLite store: the only state factx shares between runs and commands.

Each document is written in its own transaction (an interrupted run leaves whole documents only);
events are recomputed from all stored mentions after each extract and replaced in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

from . import __version__
from .actors import ActorMention
from .collector import paused
from .commentary import event_is_commentary
from .merge import Conflict, Event, MergeMemory, event_modality
from .errors import StoreError
from .events import EventMention
from .ingest import Article
from .temporal import DateInterval, DocumentDate, Reading, ResolvedBy

SCHEMA_VERSION = 8

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL, text TEXT NOT NULL, date_json TEXT, extracted_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    run_date TEXT  -- the day its date, when guessed from the text, could not come after (--run-date)
);
CREATE TABLE IF NOT EXISTS document_estimates (
    -- an undated article's date estimated from the claims it shares with dated ones; redone with the events
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, date_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL, form TEXT NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    via TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
CREATE INDEX IF NOT EXISTS entities_name ON entities(kind, name);
CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence TEXT NOT NULL,
    date_json TEXT, date_text TEXT, date_char_start INTEGER, date_char_end INTEGER,
    actors_json TEXT NOT NULL, places_json TEXT NOT NULL, orgs_json TEXT NOT NULL,
    tense TEXT, lemmas_json TEXT NOT NULL, modality TEXT NOT NULL DEFAULT 'asserted', attributed_to TEXT,
    reading_json TEXT,
    commentary INTEGER NOT NULL DEFAULT 0
    -- reading_json: how the reader made the date of its date words: rule, anchor day, tense (schema 7)
    -- commentary: 1 when the sentence tells no fact (factx.commentary, schema 8)
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, date_start TEXT, date_end TEXT, date_json TEXT,
    summary TEXT NOT NULL, actors_json TEXT NOT NULL, places_json TEXT NOT NULL, orgs_json TEXT NOT NULL,
    sources_json TEXT NOT NULL, conflicts_json TEXT NOT NULL DEFAULT '[]',
    modality TEXT NOT NULL DEFAULT 'asserted',
    published TEXT,
    commentary INTEGER NOT NULL DEFAULT 0
    -- published: the event as `factx timeline --json` prints it, written with the merge
    -- commentary: 1 when every mention of it is commentary: hidden unless asked (schema 8)
);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start, date_end);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    corpus_date_json TEXT,  -- the date its event lent a mention: the other sources', or its estimated article's
    PRIMARY KEY (event_id, mention_id)
);
CREATE INDEX IF NOT EXISTS event_mentions_mention ON event_mentions(mention_id);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_actors_name ON event_actors(name);
"""

# What the timeline's reads need (events in position order; replacing events without a scan per row),
# and what a merge leaves the next (merge.MergeMemory), created on stores made before they were added too
_INDEXES = """
CREATE INDEX IF NOT EXISTS events_position ON events(position);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
CREATE TABLE IF NOT EXISTS merge_claims (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merge_pairs (a TEXT NOT NULL, b TEXT NOT NULL);
"""


# What brings a store of schema N to N + 1; what older rows never kept stays NULL, and an explanation
# says less of them (a re-extract, which any change of factx's code triggers, keeps it all)
_MIGRATIONS = {  # schema N -> the (table, column, type) schema N + 1 added
    5: (("documents", "run_date", "TEXT"),),  # the run date each document was read with
    6: (("mentions", "reading_json", "TEXT"),),  # how each date was made: rule, anchor day, tense
    # which sentences tell no fact, and the events all of whose sentences do not (none, until re-extracted)
    7: (("mentions", "commentary", "INTEGER NOT NULL DEFAULT 0"), ("events", "commentary", "INTEGER NOT NULL DEFAULT 0")),
}


@dataclass(frozen=True)
class StoredDocument:
    id: str
    path: str
    title: str
    date: Optional[DateInterval]
    run_date: Optional[date] = None  # the day a date guessed from its text could not come after
    # the likeliest day of an article whose date is known within days ("mardi 18 juin", told in the
    # past, was written that day or within the week after): the day relative words were counted from
    best_day: Optional[date] = None
    words: Optional[str] = None  # the line or words its own date was read from (byline, dateline, weekday-date)
    # the date its text gave, when the dated articles of its story contradicted it (then `date` is
    # their estimate): a weekday and a day read in the wrong year
    contradicted: Optional[DateInterval] = None


@dataclass(frozen=True)
class ActorSummary:
    name: str
    kind: str
    forms: tuple[str, ...]
    mentions: int
    documents: int


# the dates a merge gives mentions that had none (factx.merge), and those an article's estimated date gives
# (events.date_by_estimates): kept with the event's link to the mention
# an article's date as the timeline shows it: its own, else its estimate; the estimate where the
# article's story contradicted its own (`contradicts`, kept in the estimate's JSON)
_DOCUMENT_DATE_COLUMN = ("CASE WHEN e.date_json LIKE '%\"contradicts\"%' THEN e.date_json "
                         "ELSE coalesce(d.date_json, e.date_json) END")
_LENT_DATES = frozenset({ResolvedBy.CORPUS, ResolvedBy.DOCUMENT_DATE, ResolvedBy.ESTIMATE})


def _estimate_to_json(iv: DateInterval, contradicted: Optional[DateInterval]) -> str:
    """An undated article's estimated date; with the date its text gave when its story contradicted it
    (`contradicts`), which the estimate then stands in for."""
    out = iv.to_dict()
    if contradicted is not None:
        out["contradicts"] = contradicted.to_dict()
    return json.dumps(out, ensure_ascii=False)


def _interval_to_json(iv: Optional[DateInterval]) -> Optional[str]:
    return json.dumps(iv.to_dict(), ensure_ascii=False) if iv else None


def _document_date_to_json(document_date: Optional[DocumentDate]) -> Optional[str]:
    """The article's interval of days, with the day its relative words were counted from when that is
    one of several (`best_day`)."""
    if document_date is None:
        return None
    out = document_date.interval.to_dict()
    iv, anchor = document_date.interval, document_date.anchor
    if anchor is not None and iv.start != iv.end:
        out["best_day"] = anchor.isoformat()
    if document_date.words:
        out["words"] = document_date.words
    return json.dumps(out, ensure_ascii=False)


@lru_cache(maxsize=1 << 12)
def _best_day_from_json(raw: Optional[str]) -> Optional[date]:
    day = json.loads(raw).get("best_day") if raw else None
    return date.fromisoformat(day) if day else None


def _stored_document(row) -> StoredDocument:
    """id, path, title, date_json, run_date."""
    raw = json.loads(row[3]) if row[3] else {}
    return StoredDocument(row[0], row[1], row[2], _interval_from_json(row[3]), row[4] and date.fromisoformat(row[4]),
                          _best_day_from_json(row[3]), raw.get("words"),
                          _interval_from_json(json.dumps(raw["contradicts"])) if "contradicts" in raw else None)


@lru_cache(maxsize=1 << 12)
def _reading_from_json(raw: Optional[str]) -> Optional[Reading]:
    return Reading.from_dict(json.loads(raw)) if raw else None


# A timeline reads tens of thousands of mentions that share a few hundred dates and names: each
# distinct text is parsed once (the records are frozen, so sharing them is safe).
@lru_cache(maxsize=1 << 16)
def _interval_from_json(raw: Optional[str]) -> Optional[DateInterval]:
    if not raw:
        return None
    d = json.loads(raw)
    try:
        how = ResolvedBy.read(d.get("resolved_by", ResolvedBy.ABSOLUTE))
    except ValueError as exc:  # written by a factx that knew other provenances: say so, never guess
        raise StoreError(f"{exc}: this store was written by another factx version; extract into a new --db file") from None
    return DateInterval(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), d["precision"],
                        d.get("approximate", False), how)



class Store:
    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path
        self._batch_open = False

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> "Store":
        path = str(path)
        if not create and not Path(path).exists():
            raise StoreError(f"{path}: no such database (run 'factx extract' first)")
        try:
            conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() \
                if conn.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone() else None
            if version is None:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                if tables:
                    raise StoreError(f"{path}: an SQLite database, but not a factx store")
                conn.executescript(_SCHEMA + _INDEXES)
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('factx_version', ?)", (__version__,))
            elif int(version[0]) in _MIGRATIONS:
                for step in range(int(version[0]), SCHEMA_VERSION):
                    for table, column, kind in _MIGRATIONS[step]:
                        if column not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
                            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                conn.executescript(_INDEXES)
            elif int(version[0]) != SCHEMA_VERSION:
                raise StoreError(f"{path}: made by another factx version (store schema {version[0]}, this factx "
                                 f"reads {SCHEMA_VERSION}); extract into a new --db file")
            elif create:
                conn.executescript(_INDEXES)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: {_describe(exc)}") from None
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def _read(self, sql: str, params=()) -> sqlite3.Cursor:
        """A query; a damaged or foreign database becomes a StoreError, never a traceback."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from None

    @contextmanager
    def _transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error, so a document is stored whole or not at all."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def is_current(self, doc_id: str, sha256: str, fingerprint: str) -> bool:
        """True when this content was already extracted the same way (same model, gazetteer, factx)."""
        row = self._read("SELECT sha256, fingerprint FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None and row[0] == sha256 and row[1] == fingerprint

    def document_hashes(self) -> dict[str, tuple[str, str]]:
        """(sha256, fingerprint) of every stored document, by id: what `is_current` asks, for all at once."""
        return {r[0]: (r[1], r[2]) for r in self._read("SELECT id, sha256, fingerprint FROM documents")}

    @contextmanager
    def batch(self):
        """Documents saved inside are written in one transaction: one per document spent more time
        committing than writing. A document is still stored whole or not at all: an error or an
        interrupt inside one undoes that document only, and those saved before it are kept."""
        if self._batch_open:
            yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from None
        self._batch_open = True
        try:
            yield
        except BaseException:
            self._batch_open = False
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                self.conn.execute("ROLLBACK")
            raise
        self._batch_open = False
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from None

    def save_documents(self, documents: Iterable[tuple[Article, Optional[DocumentDate], Iterable[ActorMention],
                                                       Iterable[EventMention]]], fingerprint: str = "") -> None:
        """save_document for each, in one batch."""
        with self.batch():
            for article, document_date, actors, mentions in documents:
                self.save_document(article, document_date, actors, mentions, fingerprint)

    def save_document(self, article: Article, document_date: Optional[DocumentDate],
                      actors: Iterable[ActorMention], mentions: Iterable[EventMention], fingerprint: str = "",
                      run_date: Optional[date] = None) -> None:
        """Replace everything stored for this document, in one transaction (a savepoint in a batch)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with (self._savepoint() if self._batch_open else self._transaction()) as c:
                c.execute("DELETE FROM documents WHERE id = ?", (article.doc_id,))
                c.execute("INSERT INTO documents (id, path, title, sha256, encoding, text, date_json, extracted_at, "
                          "fingerprint, run_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (article.doc_id, article.path, article.title, article.sha256, article.encoding, article.text,
                           _document_date_to_json(document_date), now, fingerprint,
                           run_date.isoformat() if run_date else None))
                c.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                              [(article.doc_id, a.name, a.form, a.kind, a.start, a.end, a.via) for a in actors])
                c.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              [_mention_row(m) for m in mentions])
                c.execute("INSERT OR REPLACE INTO meta VALUES ('events_stale', '1')")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from None

    @contextmanager
    def _savepoint(self):
        self.conn.execute("SAVEPOINT document")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK TO document")
            self.conn.execute("RELEASE document")
            raise
        self.conn.execute("RELEASE document")

    def replace_events(self, events: list[Event], document_estimates: Optional[dict[str, DateInterval]] = None,
                       published: Optional[dict[str, str]] = None, memory: Optional[MergeMemory] = None,
                       contradicted: Optional[dict[str, DateInterval]] = None) -> None:
        """The merged events, in place of the last merge's; `published` (event id -> its JSON as the
        timeline prints it) lets a whole-store JSON timeline be written without rebuilding each event.

        Only what changed is written: an event whose JSON is the one stored keeps its rows and gets
        its new position; `memory` (what the merge leaves the next) replaces the stored one."""
        published = published or {}
        try:
            with self._transaction() as c, paused():
                stored, positions = {}, {}
                for event_id, position, text in c.execute("SELECT id, position, published FROM events"):
                    stored[event_id], positions[event_id] = text, position
                kept = {e.id for e in events if e.id in published and stored.get(e.id) == published[e.id]}
                if kept:
                    gone = [(event_id,) for event_id in stored if event_id not in kept]
                    c.executemany("DELETE FROM event_actors WHERE event_id = ?", gone)
                    c.executemany("DELETE FROM event_mentions WHERE event_id = ?", gone)
                    c.executemany("DELETE FROM events WHERE id = ?", gone)
                else:
                    c.execute("DELETE FROM event_actors")
                    c.execute("DELETE FROM event_mentions")
                    c.execute("DELETE FROM events")
                c.execute("DELETE FROM document_estimates")
                c.executemany("INSERT INTO document_estimates VALUES (?, ?)",
                              [(doc_id, _estimate_to_json(iv, (contradicted or {}).get(doc_id)))
                               for doc_id, iv in (document_estimates or {}).items()])
                c.executemany("UPDATE events SET position = ? WHERE id = ?",
                              [(i, e.id) for i, e in enumerate(events) if e.id in kept and positions[e.id] != i])
                written = [(i, e) for i, e in enumerate(events) if e.id not in kept]
                c.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                    (e.id, i, e.date.start.isoformat() if e.date else None, e.date.end.isoformat() if e.date else None,
                     _interval_to_json(e.date), e.summary, json.dumps(e.actors, ensure_ascii=False),
                     json.dumps(e.places, ensure_ascii=False), json.dumps(e.organisations, ensure_ascii=False),
                     json.dumps(e.sources, ensure_ascii=False),
                     json.dumps([[c.what, [list(v) for v in c.values]] for c in e.conflicts], ensure_ascii=False),
                     e.modality, published.get(e.id), int(event_is_commentary(e.mentions)))
                    for i, e in written])
                # every event's links that are not there: the written events', and the kept ones' whose
                # document was extracted again (its mention rows were written anew, and their links
                # dropped with the old rows, even where they read the same); a link there stays as it is
                linked = set(c.execute("SELECT event_id, mention_id FROM event_mentions")) if kept else set()
                c.executemany("INSERT OR IGNORE INTO event_mentions VALUES (?, ?, ?)",
                              [(e.id, m.id, _interval_to_json(m.date) if m.date and m.date.resolved_by in _LENT_DATES
                                else None) for e in events for m in e.mentions if (e.id, m.id) not in linked])
                c.executemany("INSERT INTO event_actors VALUES (?, ?)", [(e.id, a) for _, e in written for a in e.actors])
                if memory is not None:
                    # the claims are a set: only those that came or went are written
                    claims = {k for (k,) in c.execute("SELECT key FROM merge_claims")}
                    c.executemany("DELETE FROM merge_claims WHERE key = ?", ((k,) for k in claims - memory.claims))
                    c.executemany("INSERT INTO merge_claims VALUES (?)", ((k,) for k in memory.claims - claims))
                    c.execute("DELETE FROM merge_pairs")
                    c.executemany("INSERT INTO merge_pairs VALUES (?, ?)", memory.pairs)
                    c.execute("INSERT OR REPLACE INTO meta VALUES ('merge_rules', ?)", (memory.rules,))
                c.execute("INSERT OR REPLACE INTO meta VALUES ('events_stale', '0')")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from None

    def merge_memory(self) -> Optional[MergeMemory]:
        """What the last merge left (None before the first, or from a store that kept none)."""
        rules = self._read("SELECT value FROM meta WHERE key = 'merge_rules'").fetchone()
        if rules is None:
            return None
        claims = frozenset(r[0] for r in self._read("SELECT key FROM merge_claims"))
        pairs = tuple(self._read("SELECT a, b FROM merge_pairs"))
        return MergeMemory(rules[0], claims, pairs)

    # -- reading ---------------------------------------------------------------------------

    def events_stale(self) -> bool:
        """True when documents changed since events were last merged (an interrupted run)."""
        row = self._read("SELECT value FROM meta WHERE key = 'events_stale'").fetchone()
        return bool(row and row[0] == "1")

    def unmerged_document_count(self) -> int:
        """Documents with claims no event holds yet: stored by an extract stopped before its merge."""
        return self._read("SELECT count(DISTINCT doc_id) FROM mentions WHERE id NOT IN "
                          "(SELECT mention_id FROM event_mentions)").fetchone()[0]

    def all_mentions(self) -> list[EventMention]:
        with paused():
            return [_mention_from_row(r) for r in self._read("SELECT * FROM mentions ORDER BY doc_id, start, id")]

    def documents(self, estimated: bool = True) -> list[StoredDocument]:
        """The stored articles; an undated one carries the date its shared claims suggest (resolved_by
        "corpus") unless `estimated` is False."""
        date_column = _DOCUMENT_DATE_COLUMN if estimated else "d.date_json"
        return [_stored_document(r)
                for r in self._read(f"SELECT d.id, d.path, d.title, {date_column}, d.run_date FROM documents d "
                                    "LEFT JOIN document_estimates e ON e.doc_id = d.id ORDER BY d.id")]

    def document_text(self, doc_id: str) -> Optional[str]:
        row = self._read("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def events(self, actors: Optional[list[str]] = None, since: Optional[date] = None,
               until: Optional[date] = None, commentary: bool = True) -> Iterator[Event]:
        """Stored events in timeline order; `actors` keeps events with any of those canonical names,
        since/until keep dated events that overlap the period; `commentary=False` leaves out the events
        every sentence of which is commentary (factx.commentary)."""
        where, params = _event_filter(actors, since, until, commentary)
        rows = self._read(f"SELECT * FROM events {where} ORDER BY position", params).fetchall()
        mentions_by_event: dict[str, list[EventMention]] = {}
        ids = [r[0] for r in rows]
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            for r in self._read(
                    f"SELECT em.event_id, em.corpus_date_json, m.* FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
                    f"WHERE em.event_id IN ({','.join('?' * len(chunk))}) ORDER BY m.doc_id, m.start", chunk):
                mention = _mention_from_row(r[2:])
                if r[1]:
                    mention = replace(mention, date=_interval_from_json(r[1]))
                mentions_by_event.setdefault(r[0], []).append(mention)
        for r in rows:
            yield Event(id=r[0], date=_interval_from_json(r[4]), summary=r[5], actors=_strings_from_json(r[6]),
                        places=_strings_from_json(r[7]), organisations=_strings_from_json(r[8]),
                        sources=tuple(json.loads(r[9])), mentions=tuple(mentions_by_event.get(r[0], ())),
                        modality=event_modality(mentions_by_event.get(r[0], ())),
                        conflicts=tuple(Conflict(what, tuple((v, tuple(docs)) for v, docs in values))
                                        for what, values in json.loads(r[10])))

    def published_events(self, actors: Optional[list[str]] = None, since: Optional[date] = None,
                         until: Optional[date] = None, commentary: bool = True) -> Optional[list["PublishedEvent"]]:
        """The events as the JSON timeline prints them, filtered as `events`; None when the last merge
        did not write them (then `events` and the export build them)."""
        where, params = _event_filter(actors, since, until, commentary)
        rows = self._read(f"SELECT id, places_json, sources_json, modality, published FROM events {where} "
                          "ORDER BY position", params).fetchall()
        if any(r[4] is None for r in rows):
            return None
        return [PublishedEvent(r[0], _strings_from_json(r[1]), tuple(json.loads(r[2])), r[3], r[4]) for r in rows]

    def event_count(self) -> int:
        return self._read("SELECT count(*) FROM events").fetchone()[0]

    def commentary_event_count(self) -> int:
        """Events every sentence of which is commentary: those the timeline hides unless asked."""
        return self._read("SELECT count(*) FROM events WHERE commentary = 1").fetchone()[0]

    def actors(self, kinds: tuple[str, ...] = ("PER",)) -> list[ActorSummary]:
        rows = self._read(
            f"SELECT name, kind, form, doc_id FROM entities WHERE kind IN ({','.join('?' * len(kinds))})", kinds).fetchall()
        grouped: dict[tuple[str, str], dict] = {}
        for name, kind, form, doc_id in rows:
            g = grouped.setdefault((name, kind), {"forms": {}, "mentions": 0, "docs": set()})
            g["forms"][form] = g["forms"].get(form, 0) + 1
            g["mentions"] += 1
            g["docs"].add(doc_id)
        out = [ActorSummary(name, kind, tuple(sorted(g["forms"], key=lambda f: (-g["forms"][f], f))), g["mentions"], len(g["docs"]))
               for (name, kind), g in grouped.items()]
        return sorted(out, key=lambda a: (-a.mentions, a.name))

    def known_names(self) -> set[str]:
        return {r[0] for r in self._read("SELECT DISTINCT name FROM entities")}

    # -- reading for `factx show` and `--explain` (read-only) --------------------------------

    def event_ids_like(self, prefix: str) -> list[str]:
        """Event ids starting with `prefix` (what a person copies from a table may be cut short)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return [r[0] for r in self._read("SELECT id FROM events WHERE id LIKE ? ESCAPE '\\' ORDER BY position",
                                         (escaped + "%",))]

    def events_by_id(self, ids: list[str]) -> list[Event]:
        """These events, in the order asked."""
        wanted = set(ids)
        found = {e.id: e for e in self.events() if e.id in wanted}
        return [found[i] for i in ids if i in found]

    def document(self, doc_id: str) -> Optional[StoredDocument]:
        """One stored article, with its estimated date when it has none of its own (as `documents`)."""
        row = self._read(f"SELECT d.id, d.path, d.title, {_DOCUMENT_DATE_COLUMN}, d.run_date FROM documents d "
                         "LEFT JOIN document_estimates e ON e.doc_id = d.id WHERE d.id = ?", (doc_id,)).fetchone()
        return _stored_document(row) if row else None

    def entities_between(self, doc_id: str, start: int, end: int) -> list[tuple[str, str, str, int, int]]:
        """(name, form, kind, start, end) of the entity mentions inside [start, end) of a document's text."""
        return [tuple(r) for r in self._read(
            'SELECT name, form, kind, start, "end" FROM entities WHERE doc_id = ? AND start >= ? AND "end" <= ? '
            "ORDER BY start", (doc_id, start, end))]


@dataclass(frozen=True)
class PublishedEvent:
    """An event as the JSON timeline prints it, with what the timeline's filters read."""

    id: str
    places: tuple[str, ...]
    sources: tuple[str, ...]
    modality: str
    json: str


def _event_filter(actors: Optional[list[str]], since: Optional[date], until: Optional[date],
                  commentary: bool = True) -> tuple[str, list]:
    """The WHERE clause keeping events with any of these canonical actors that overlap the period, and
    (unless `commentary`) that tell a fact."""
    where, params = [], []
    if not commentary:
        where.append("commentary = 0")
    if actors is not None:
        where.append(f"id IN (SELECT event_id FROM event_actors WHERE name IN ({','.join('?' * len(actors))}))")
        params.extend(actors)
    if since is not None:
        where.append("date_end >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("date_start <= ?")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(where) if where else ""), params


def _mention_row(m: EventMention) -> tuple:
    return (m.id, m.doc_id, m.sentence_index, m.start, m.end, m.sentence, _interval_to_json(m.date), m.date_text,
            m.date_start, m.date_end, json.dumps(m.actors, ensure_ascii=False), json.dumps(m.places, ensure_ascii=False),
            json.dumps(m.organisations, ensure_ascii=False), m.tense, json.dumps(m.lemmas, ensure_ascii=False),
            m.modality, m.attributed_to, json.dumps(m.reading.to_dict()) if m.reading else None, int(m.commentary))


@lru_cache(maxsize=1 << 16)  # names, and the lemmas of a dispatch many outlets print: many rows, few texts
def _strings_from_json(raw: str) -> tuple[str, ...]:
    return tuple(json.loads(raw))


def _mention_from_row(r) -> EventMention:
    return EventMention(id=r[0], doc_id=r[1], sentence_index=r[2], start=r[3], end=r[4], sentence=r[5],
                        date=_interval_from_json(r[6]), date_text=r[7], date_start=r[8], date_end=r[9],
                        actors=_strings_from_json(r[10]), places=_strings_from_json(r[11]),
                        organisations=_strings_from_json(r[12]), tense=r[13], lemmas=_strings_from_json(r[14]),
                        modality=r[15], attributed_to=r[16], reading=_reading_from_json(r[17]), commentary=bool(r[18]))


def _describe(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "the database is locked by another process; try again when it has finished"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "not a valid SQLite database (corrupt or another kind of file)"
    if "unable to open" in text:
        return "cannot open the database file (check the folder exists and is writable)"
    return f"database error ({text})"


def estimate_dates_lent(store: Store) -> dict[str, DateInterval]:
    """The dates the last merge's estimates of undated articles gave their sentences' date words
    (`resolved_by: "estimate"`, kept with the event's link to the mention), by mention id."""
    rows = store._read("SELECT mention_id, corpus_date_json FROM event_mentions WHERE corpus_date_json LIKE '%estimate%'")
    return {mention_id: iv for mention_id, raw in rows if (iv := _interval_from_json(raw)).resolved_by == ResolvedBy.ESTIMATE}
