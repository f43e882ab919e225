"""The SQLite store: factx.store with hand-built records (no model)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from builders import interval, make_article, make_event, make_mention
from factx.actors import ActorMention
from factx.merge import merge_mentions
from factx.errors import StoreError
from factx.store import Store
from factx.temporal import DocumentDate

TEXT = ("Vladimir Poutine a signé mercredi un traité avec Kim Jong-un.\n"
        "Kim Jong-un a qualifié la relation d'alliance.")
DD = DocumentDate(interval("2024-06-20", resolved_by="sidecar"), date(2024, 6, 20))


def _actors(text=TEXT):
    out = []
    for name, form in (("Vladimir Poutine", "Vladimir Poutine"), ("Kim Jong-un", "Kim Jong-un")):
        start = text.find(form)
        out.append(ActorMention(name, form, "PER", start, start + len(form), "gazetteer"))
    return out


def _mentions(doc_id="doc", text=TEXT):
    first, second = text.split("\n")
    return [
        make_mention(doc_id, first, interval("2024-06-19", resolved_by="weekday"), ("Vladimir Poutine", "Kim Jong-un"),
                     start=0, date_text="mercredi"),
        make_mention(doc_id, second, interval("2024-06-20", resolved_by="document-date"), ("Kim Jong-un",),
                     start=len(first) + 1, sentence_index=1),
    ]


def _count(store, table, where="", params=()):
    return store.conn.execute(f"SELECT count(*) FROM {table} {where}", params).fetchone()[0]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "factx.db")
    yield s
    s.close()


def test_new_store_is_empty_and_not_stale(store):
    assert store.documents() == []
    assert store.all_mentions() == []
    assert store.event_count() == 0
    assert list(store.events()) == []
    assert store.events_stale() is False


def test_save_document_round_trips(store):
    mentions = _mentions()
    store.save_document(make_article("doc", TEXT, title="Le traité"), DD, _actors(), mentions)
    [doc] = store.documents()
    assert (doc.id, doc.title, doc.path) == ("doc", "Le traité", "in/doc.txt")
    assert (doc.date.start, doc.date.end, doc.date.resolved_by) == (date(2024, 6, 20), date(2024, 6, 20), "sidecar")
    assert store.document_text("doc") == TEXT
    assert store.all_mentions() == sorted(mentions, key=lambda m: (m.doc_id, m.start, m.id))
    assert store.known_names() == {"Vladimir Poutine", "Kim Jong-un"}


def test_resaving_a_document_replaces_it(store):
    article = make_article("doc", TEXT)
    store.save_document(article, DD, _actors(), _mentions())
    store.save_document(article, DD, _actors(), _mentions())
    assert len(store.documents()) == 1
    assert _count(store, "mentions") == 2
    assert _count(store, "entities") == 2

    new_text = "Sergueï Lavrov est arrivé vendredi à Wonsan.\nIl a rencontré Choe Son Hui."
    lavrov = ActorMention("Sergueï Lavrov", "Sergueï Lavrov", "PER", 0, 14, "gazetteer")
    new_mention = make_mention("doc", "Sergueï Lavrov est arrivé vendredi à Wonsan.", interval("2025-07-11"),
                               ("Sergueï Lavrov",), date_text="vendredi")
    store.save_document(make_article("doc", new_text), None, [lavrov], [new_mention])
    assert len(store.documents()) == 1
    assert store.documents()[0].date is None
    assert store.document_text("doc") == new_text
    assert [m.id for m in store.all_mentions()] == [new_mention.id]  # the old version's mentions are gone
    assert store.known_names() == {"Sergueï Lavrov"}


def test_documents_are_independent(store):
    store.save_document(make_article("a", TEXT), DD, _actors(), _mentions("a"))
    store.save_document(make_article("b", TEXT), DD, _actors(), _mentions("b"))
    store.save_document(make_article("a", TEXT), DD, _actors(), _mentions("a"))
    assert [d.id for d in store.documents()] == ["a", "b"]
    assert _count(store, "mentions", "WHERE doc_id = ?", ("b",)) == 2
    assert _count(store, "mentions") == 4


def test_events_stale_flag(store):
    store.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    assert store.events_stale() is True  # documents changed, events not merged yet
    store.replace_events(merge_mentions(store.all_mentions()))
    assert store.events_stale() is False
    store.save_document(make_article("doc2", TEXT), DD, _actors(), _mentions("doc2"))
    assert store.events_stale() is True


def test_documents_not_merged_yet_are_counted(store):
    """What `factx timeline` says of a store an interrupted extract left: how many documents wait."""
    assert store.unmerged_document_count() == 0
    store.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    store.save_document(make_article("doc2", TEXT), DD, _actors(), _mentions("doc2"))
    assert store.unmerged_document_count() == 2
    store.replace_events(merge_mentions(store.all_mentions()))
    assert store.unmerged_document_count() == 0
    store.save_document(make_article("doc2", TEXT + "\nUne phrase de plus."), DD, _actors(), _mentions("doc2"))
    assert store.unmerged_document_count() == 1  # a changed document waits again


def test_stale_flag_survives_reopening(tmp_path):
    path = tmp_path / "factx.db"
    with Store.open(path) as s:
        s.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    with Store.open(path, create=False) as s:
        assert s.events_stale() is True
        assert [d.id for d in s.documents()] == ["doc"]


def test_replace_events_round_trips_and_replaces(store):
    store.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    events = merge_mentions(store.all_mentions())
    store.replace_events(events)
    assert store.event_count() == len(events) == 2
    stored = list(store.events())
    assert [e.id for e in stored] == [e.id for e in events]
    assert [(e.date, e.summary, e.actors, e.sources) for e in stored] == \
        [(e.date, e.summary, e.actors, e.sources) for e in events]
    assert [[m.id for m in e.mentions] for e in stored] == [[m.id for m in e.mentions] for e in events]
    store.replace_events(events[:1])
    assert store.event_count() == 1
    assert _count(store, "event_mentions") == len(events[0].mentions)


def test_estimated_article_dates_are_kept_apart_from_the_articles_own(store):
    store.save_document(make_article("undated", TEXT), None, _actors(), _mentions("undated"))
    store.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    estimate = interval("2024-06-13", "2024-06-18", approximate=True, resolved_by="corpus")
    store.replace_events(merge_mentions(store.all_mentions()), {"undated": estimate})
    assert {d.id: d.date for d in store.documents()}["undated"] == estimate
    assert {d.id: d.date for d in store.documents(estimated=False)}["undated"] is None
    assert {d.id: d.date for d in store.documents()}["doc"] == DD.interval
    assert store.document("undated").date == estimate  # what explanations read
    store.replace_events(merge_mentions(store.all_mentions()))  # estimates are redone with the events
    assert {d.id: d.date for d in store.documents()}["undated"] is None
    assert store.document("undated").date is None


def test_dates_an_article_estimate_gives_are_kept_with_the_event(store):
    """events.date_by_estimates dates an estimated article's mentions after they were stored: the store
    keeps those dates with the event's links, the mentions as read stay undated."""
    from factx.events import date_by_estimates

    undated = [replace(m, date=None, date_text=None, date_start=None, date_end=None, tense="past")
               for m in _mentions("undated")]
    store.save_document(make_article("undated", TEXT), None, _actors(), undated)
    estimate = interval("2024-06-13", "2024-06-18", approximate=True, resolved_by="corpus")
    store.replace_events(merge_mentions(date_by_estimates(store.all_mentions(), {"undated": estimate})),
                         {"undated": estimate})
    stored = [m.date for e in store.events() for m in e.mentions]
    assert stored and all(d is not None and d.resolved_by == "document-date" and d.approximate for d in stored)
    counted = interval("2024-06-18", resolved_by="estimate")
    events = [replace(e, mentions=tuple(replace(m, date=counted) for m in e.mentions))
              for e in merge_mentions(store.all_mentions())]
    store.replace_events(events)
    assert {m.date for e in store.events() for m in e.mentions} == {counted}
    assert {m.date for m in store.all_mentions()} == {None}  # the mentions as read stay as they were


def test_conflicts_and_corpus_dates_round_trip(store):
    from dataclasses import replace

    from factx.merge import Conflict

    store.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    events = merge_mentions(store.all_mentions())
    learnt = interval("2024-06-19", resolved_by="corpus")
    changed = replace(events[0], conflicts=(Conflict("date", (("mardi", ("a",)), ("mercredi", ("b",)))),),
                      mentions=(replace(events[0].mentions[0], date=learnt),) + events[0].mentions[1:])
    store.replace_events([changed] + events[1:])
    first = next(store.events())
    assert first.conflicts == changed.conflicts
    assert first.mentions[0].date == learnt


def test_event_filters(store):
    rows = [
        ("1", interval("2024-06-18"), ("Vladimir Poutine",)),
        ("2", interval("2024-06-19"), ("Vladimir Poutine", "Kim Jong-un")),
        ("3", interval("2024-06-19", "2024-06-20"), ("Vladimir Poutine",)),
        ("4", interval("2024-07-01", "2024-07-31", precision="month"), ("Sergueï Lavrov",)),
        ("5", None, ("Kim Jong-un",)),
    ]
    events = [make_event(f"ev_00000000000{n}", when, f"Événement {n}.", who, sources=(f"d{n}",))
              for n, when, who in rows]
    for e in events:  # events point at stored mentions
        store.save_document(make_article(e.sources[0], e.summary), None, [], list(e.mentions))
    store.replace_events(events)

    def ids(**kw):
        return [e.id[-1] for e in store.events(**kw)]

    assert ids() == ["1", "2", "3", "4", "5"]
    assert ids(actors=["Kim Jong-un"]) == ["2", "5"]
    assert ids(actors=["Kim Jong-un", "Sergueï Lavrov"]) == ["2", "4", "5"]
    assert ids(since=date(2024, 6, 19), until=date(2024, 6, 19)) == ["2", "3"]
    assert ids(since=date(2024, 6, 20)) == ["3", "4"]  # overlap, not containment; undated events drop out
    assert ids(until=date(2024, 6, 18)) == ["1"]
    assert ids(actors=["Vladimir Poutine"], since=date(2024, 6, 20)) == ["3"]
    assert ids(actors=["Personne"]) == []


def test_actor_summaries(store):
    text = TEXT + "\nPoutine est reparti."
    actors = _actors(text) + [ActorMention("Vladimir Poutine", "Poutine", "PER", text.rfind("Poutine"),
                                           text.rfind("Poutine") + 7, "gazetteer"),
                              ActorMention("Corée du Nord", "Pyongyang", "LOC", 0, 0, "gazetteer")]
    store.save_document(make_article("a", text), DD, actors, [])
    store.save_document(make_article("b", TEXT), DD, _actors(), [])
    summary = store.actors()
    assert [(a.name, a.mentions, a.documents) for a in summary] == [("Vladimir Poutine", 3, 2), ("Kim Jong-un", 2, 2)]
    assert summary[0].forms == ("Vladimir Poutine", "Poutine")
    assert "Corée du Nord" in [a.name for a in store.actors(("PER", "ORG", "LOC"))]


def test_saving_is_atomic(store):
    """A document that fails half-way leaves nothing of itself behind."""
    store.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    broken = ActorMention("X", "X", "PER", 0, 1, None)  # NULL in a NOT NULL column: the insert fails
    with pytest.raises(StoreError):
        store.save_document(make_article("other", TEXT), DD, [broken], _mentions("other"))
    assert [d.id for d in store.documents()] == ["doc"]
    assert _count(store, "mentions", "WHERE doc_id = 'other'") == 0


# ---------------------------------------------------------------------------------------------
# Opening errors

def test_missing_database_without_create(tmp_path):
    path = tmp_path / "absent.db"
    with pytest.raises(StoreError) as info:
        Store.open(path, create=False)
    assert str(path) in str(info.value) and "no such database" in str(info.value)
    assert not path.exists()


@pytest.mark.parametrize("content", [
    b"ceci n'est pas une base de donnees\n" * 200,
    bytes(range(256)) * 40,
])
def test_non_sqlite_file(tmp_path, content):
    path = tmp_path / "factx.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    message = str(info.value)
    assert str(path) in message
    assert "not a valid SQLite database" in message
    assert "\n" not in message
    assert path.read_bytes() == content  # never overwritten


def test_sqlite_database_of_another_program(tmp_path):
    path = tmp_path / "autre.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT)")
    conn.execute("INSERT INTO clients VALUES (1, 'Dupont')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a factx store"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT nom FROM clients").fetchall() == [("Dupont",)]  # untouched
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()[0] == 0
    conn.close()


def test_newer_schema_version_is_refused(tmp_path):
    path = tmp_path / "futur.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="store schema 999"):
        Store.open(path)


def test_folder_that_does_not_exist(tmp_path):
    with pytest.raises(StoreError) as info:
        Store.open(tmp_path / "pas" / "de" / "dossier" / "factx.db")
    assert "cannot open" in str(info.value)


def test_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "vide.db"
    path.write_bytes(b"")
    with Store.open(path) as s:
        assert s.documents() == []
    with Store.open(path, create=False) as s:
        assert s.event_count() == 0


def test_store_written_before_the_fingerprint_column(tmp_path):
    import re

    from factx import store as store_module

    old_schema = re.sub(r",\s*fingerprint TEXT NOT NULL", "", store_module._SCHEMA)
    path = tmp_path / "ancien.db"
    conn = sqlite3.connect(path)
    conn.executescript(old_schema)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(store_module.SCHEMA_VERSION),))
    conn.commit()
    conn.close()
    try:
        with Store.open(path) as s:
            s.is_current("doc", "0" * 64, "empreinte")
            s.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
            assert [d.id for d in s.documents()] == ["doc"]
    except StoreError as exc:  # refusing the old store in one clear line is fine too
        assert str(path) in str(exc)


# -- scale (issue 5) ------------------------------------------------------------------------------

def test_save_documents_writes_many_in_one_go_and_replaces_old_versions(store):
    other = "Vladimir Poutine a signé mercredi à Pyongyang un traité avec Kim Jong-un.\nKim Jong-un a salué une alliance."
    store.save_document(make_article("a", TEXT, sha="1" * 64), DD, _actors(), _mentions("a"), "f")
    store.save_documents([(make_article("a", other, sha="2" * 64), DD, _actors(other), _mentions("a", other)),
                          (make_article("b", TEXT, sha="3" * 64), DD, _actors(), _mentions("b"))], "g")
    assert [d.id for d in store.documents()] == ["a", "b"]
    assert store.document_text("a") == other
    assert store.document_hashes() == {"a": ("2" * 64, "g"), "b": ("3" * 64, "g")}
    assert _count(store, "mentions") == 4 and _count(store, "entities") == 4
    assert store.events_stale() is True


def test_a_document_that_fails_in_a_batch_is_undone_whole_and_the_ones_before_it_kept(store):
    good = (make_article("a", TEXT), DD, _actors(), _mentions("a"))
    bad = (make_article("b", TEXT), DD, [ActorMention("x", "x", "PER", 0, 1, "form")], [None])  # not a mention
    after = (make_article("c", TEXT), DD, _actors(), _mentions("c"))
    with pytest.raises(AttributeError):
        store.save_documents([good, bad, after])
    assert [d.id for d in store.documents()] == ["a"]
    assert _count(store, "entities", "WHERE doc_id = 'b'") == 0
    store.save_documents([after])  # the store is usable afterwards
    assert [d.id for d in store.documents()] == ["a", "c"]


def _indexes(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def test_the_indexes_the_timeline_reads_with(tmp_path):
    from factx import store as store_module

    path = tmp_path / "factx.db"
    Store.open(path).close()
    assert {"events_position", "event_actors_event", "events_date", "event_actors_name"} <= _indexes(path)

    older = tmp_path / "older.db"  # a store made before these indexes: extracting into it adds them
    conn = sqlite3.connect(older)
    conn.executescript(store_module._SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(store_module.SCHEMA_VERSION),))
    conn.commit()
    conn.close()
    Store.open(older, create=False).close()
    assert "events_position" not in _indexes(older)
    Store.open(older).close()
    assert {"events_position", "event_actors_event"} <= _indexes(older)


# -- how each date was made (schema 7) ------------------------------------------------------------

def test_each_date_is_stored_with_how_it_was_made(store):
    from factx.temporal import Reading

    kept = DocumentDate(interval("2024-06-12", "2024-06-18", approximate=True, resolved_by="weekday-date"),
                        date(2024, 6, 18), "ce mardi 18 juin")
    first, second = _mentions()
    first = replace(first, reading=Reading("weekday", date(2024, 6, 18), "future"))
    store.save_document(make_article("doc", TEXT), kept, _actors(), [first, second])
    by_id = {m.id: m for m in store.all_mentions()}
    assert by_id[first.id].reading == Reading("weekday", date(2024, 6, 18), "future")
    assert by_id[second.id].reading is None  # no date words: nothing was read
    (doc,) = store.documents()
    assert (doc.best_day, doc.words) == (date(2024, 6, 18), "ce mardi 18 juin")


def test_a_store_of_schema_6_is_migrated(tmp_path):
    from factx import store as store_module

    path = tmp_path / "six.db"
    with Store.open(path) as s:
        s.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())
    # the store as schema 6 made it: no reading kept with the mentions
    sqlite3.connect(path).executescript("ALTER TABLE mentions DROP COLUMN reading_json; "
                                        "UPDATE meta SET value = '6' WHERE key = 'schema_version';").connection.close()
    assert "reading_json" not in {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(mentions)")}
    with Store.open(path, create=False) as s:
        assert [m.reading for m in s.all_mentions()] == [None, None]  # older rows never kept it
        assert s.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] \
            == str(store_module.SCHEMA_VERSION) == "8"
        s.save_document(make_article("doc", TEXT), DD, _actors(), _mentions())  # and it is written again
        assert len(s.all_mentions()) == 2
