"""Output formats: factx.export, on hand-built events and on the extracted samples."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest

from builders import interval, make_event
from factx.export import (
    CSV_COLUMNS,
    event_dict,
    load_timeline_schema,
    read_dates_jsonl,
    timeline_document,
    write_csv,
    write_json,
    write_jsonl,
    write_markdown,
)
from factx.store import Store, StoredDocument

EVENTS = [
    make_event("ev_0123456789ab", interval("2024-06-19"),
               "Vladimir Poutine et Kim Jong-un ont signé un traité « historique », à Pyongyang.",
               ("Vladimir Poutine", "Kim Jong-un"), sources=("coree/quotidien", "coree/radio"), places=("Corée du Nord",)),
    make_event("ev_abcdef012345", interval("1999-01-01", "1999-12-31", "year", approximate=True),
               'Une phrase avec | une barre, des "guillemets"\net un saut de ligne.', ("Kim Jong-il",),
               sources=("coree/quotidien",)),
    make_event("ev_fedcba987654", None, "Kim Jong-un a promis son soutien.", ("Kim Jong-un",), sources=("coree/agence",)),
]
DOCUMENTS = [
    StoredDocument("coree/quotidien", "samples/coree/quotidien.txt", "Le pacte", interval("2024-06-19")),
    StoredDocument("coree/agence", "samples/coree/agence.txt", "Sans date", None),
]


def _validator():
    schema = load_timeline_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_json_document_validates_against_the_schema():
    out = io.StringIO()
    write_json(EVENTS, DOCUMENTS, out)
    doc = json.loads(out.getvalue())
    _validator().validate(doc)
    assert [e["id"] for e in doc["events"]] == [e.id for e in EVENTS]
    assert doc["events"][0]["date"]["edtf"] == "2024-06-19"
    assert doc["events"][1]["date"]["edtf"] == "1999~"
    assert doc["events"][2]["date"] is None
    assert doc["documents"][1]["date"] is None
    assert doc["events"][0]["sources"] == ["coree/quotidien", "coree/radio"]
    assert "«" in out.getvalue()  # UTF-8 text, not \\u escapes


def test_schema_rejects_what_it_should():
    validator = _validator()
    doc = timeline_document(EVENTS, DOCUMENTS)
    bad_id = json.loads(json.dumps(doc))
    bad_id["events"][0]["id"] = "event-1"
    no_sources = json.loads(json.dumps(doc))
    no_sources["events"][0]["sources"] = []
    extra = json.loads(json.dumps(doc))
    extra["events"][0]["surprise"] = True
    bad_day = json.loads(json.dumps(doc))
    bad_day["events"][0]["date"]["start"] = "19/06/2024"
    for broken in (bad_id, no_sources, extra, bad_day):
        assert not validator.is_valid(broken)


def test_jsonl_is_one_json_event_per_line():
    out = io.StringIO()
    write_jsonl(EVENTS, out)
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == len(EVENTS) + 1
    parsed = [json.loads(line) for line in lines[:-1]]
    assert parsed == [event_dict(e) for e in EVENTS]
    event_schema = load_timeline_schema()
    for event in parsed:
        jsonschema.validate({"factx_version": "x", "documents": [], "events": [event]}, event_schema)


def test_csv_reads_back_with_dictreader():
    out = io.StringIO()
    write_csv(EVENTS, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["id"] for r in rows] == [e.id for e in EVENTS]
    assert [r["summary"] for r in rows] == [e.summary for e in EVENTS]  # commas, quotes and newlines survive
    assert rows[0]["date_start"] == "2024-06-19" and rows[0]["edtf"] == "2024-06-19"
    assert rows[0]["actors"] == "Vladimir Poutine; Kim Jong-un"
    assert rows[0]["source_count"] == "2" and rows[0]["mention_count"] == "2"
    assert rows[1]["edtf"] == "1999~" and rows[1]["precision"] == "year"
    assert rows[2]["date_start"] == "" and rows[2]["edtf"] == ""


def _md_cells(row: str) -> list[str]:
    assert row.startswith("|") and row.endswith("|")
    return [c.strip() for c in re.split(r"(?<!\\)\|", row[1:-1])]


def test_markdown_table():
    out = io.StringIO()
    write_markdown(EVENTS, out)
    lines = out.getvalue().rstrip("\n").split("\n")
    assert _md_cells(lines[0]) == ["Date", "Event", "Actors", "Sources"]
    assert re.fullmatch(r"\|(?:\s*:?-{3,}:?\s*\|){4}", lines[1])
    assert len(lines) == 2 + len(EVENTS)  # a newline in a summary does not break a row
    rows = [_md_cells(line) for line in lines[2:]]
    assert all(len(r) == 4 for r in rows)  # a '|' in a summary is escaped
    assert rows[0][0] == "2024-06-19" and rows[1][0] == "1999~"
    assert rows[2][0] == "undated"
    assert "Kim Jong-un" in rows[0][2]
    assert rows[0][3].startswith("2")


def test_empty_outputs_are_still_valid():
    out = io.StringIO()
    write_json([], [], out)
    _validator().validate(json.loads(out.getvalue()))
    out = io.StringIO()
    write_csv([], out)
    assert out.getvalue().strip() == ",".join(CSV_COLUMNS)
    out = io.StringIO()
    write_jsonl([], out)
    assert out.getvalue() == ""
    out = io.StringIO()
    write_markdown([], out)
    assert len(out.getvalue().strip().split("\n")) == 2


def test_read_dates_jsonl_offsets():
    lines = [
        json.dumps({"id": "a", "text": "Il est venu mardi.", "dct": "2024-06-20"}),
        "",
        json.dumps({"id": 7, "text": "Signé le 19 juin 2024, puis rien."}),
        json.dumps({"id": "c", "text": "Rien du tout.", "dct": "pas une date"}),
    ]
    out = [json.loads(line) for line in read_dates_jsonl(io.StringIO("\n".join(lines) + "\n"))]
    assert [o["id"] for o in out] == ["a", 7, "c"]
    [mardi] = out[0]["timexes"]
    assert (mardi["start"], mardi["end"], mardi["type"], mardi["value"]) == (12, 17, "DATE", "2024-06-18")
    [juin] = out[1]["timexes"]
    assert "Signé le 19 juin 2024, puis rien."[juin["start"]:juin["end"]].endswith("19 juin 2024")
    assert juin["value"] == "2024-06-19"
    assert out[2]["timexes"] == []


def test_read_dates_jsonl_bad_line():
    from factx.errors import UsageError

    with pytest.raises(UsageError, match="line 2"):
        list(read_dates_jsonl(io.StringIO('{"id": "a", "text": "mardi"}\n{"id": "b"}\n')))


# ---------------------------------------------------------------------------------------------
# The samples

@pytest.mark.model
def test_samples_timeline_validates_and_formats_agree(samples_db):
    with Store.open(samples_db, create=False) as store:
        events = list(store.events())
        documents = store.documents()
    assert len(events) > 20
    out = io.StringIO()
    write_json(events, documents, out)
    doc = json.loads(out.getvalue())
    _validator().validate(doc)
    ids = [e["id"] for e in doc["events"]]
    assert len(set(ids)) == len(ids)

    out = io.StringIO()
    write_csv(events, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == ids
    assert [r["summary"] for r in rows] == [e["summary"] for e in doc["events"]]
    assert [r["date_start"] for r in rows] == [(e["date"] or {}).get("start", "") for e in doc["events"]]
    assert [int(r["source_count"]) for r in rows] == [len(e["sources"]) for e in doc["events"]]

    out = io.StringIO()
    write_jsonl(events, out)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ids

    out = io.StringIO()
    write_markdown(events, out)
    assert len(out.getvalue().rstrip("\n").split("\n")) == len(ids) + 2


# ---------------------------------------------------------------------------------------------
# TimelineJS 3

from datetime import date, datetime, timezone  # noqa: E402

from builders import make_mention  # noqa: E402
from factx.merge import Event  # noqa: E402
from dataclasses import replace  # noqa: E402

from factx.explain import DocumentDating, document_dating, explain_event, explain_mention  # noqa: E402
from factx.temporal import Reading  # noqa: E402
from factx.export import (  # noqa: E402
    Provenance,
    date_label,
    html_data,
    html_page,
    load_timelinejs_schema,
    timelinejs_document,
    write_ics,
)


def _timelinejs_validator():
    schema = load_timelinejs_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_timelinejs_validates_against_its_schema():
    doc = timelinejs_document(EVENTS, DOCUMENTS, title="Pacte <Russie>")
    _timelinejs_validator().validate(doc)
    # TimelineJS cannot place an undated event: it is left out, and the title slide says so
    assert [s["unique_id"] for s in doc["events"]] == ["ev_0123456789ab", "ev_abcdef012345"]
    day, year = doc["events"]
    assert day["start_date"] == {"year": 2024, "month": 6, "day": 19} and "end_date" not in day
    assert year["start_date"] == {"year": 1999} and "end_date" not in year
    assert day["display_date"] == "19 juin 2024" and year["display_date"] == "vers 1999"
    assert day["group"] == "Vladimir Poutine"
    assert "Le pacte" in day["text"]["text"] and "2 sources" in day["text"]["text"]
    assert doc["title"]["text"]["headline"] == "Pacte &lt;Russie&gt;"
    assert "1 sans date" in doc["title"]["text"]["text"]
    json.dumps(doc)


def test_timelinejs_ranges_and_precisions():
    events = [
        make_event("ev_000000000001", interval("2024-06-18", "2024-06-19"), "Visite de deux jours.", ("Vladimir Poutine",)),
        make_event("ev_000000000002", interval("2024-03-01", "2024-03-31", "month"), "En mars.", ()),
        make_event("ev_000000000003", interval("1950-01-01", "1953-12-31", "year"), "La guerre.", ()),
    ]
    doc = timelinejs_document(events, [])
    _timelinejs_validator().validate(doc)
    two_days, march, war = doc["events"]
    assert two_days["end_date"] == {"year": 2024, "month": 6, "day": 19}
    assert march["start_date"] == {"year": 2024, "month": 3} and "end_date" not in march
    assert war["start_date"] == {"year": 1950} and war["end_date"] == {"year": 1953}
    assert march["group"] == "Autres"


def test_timelinejs_schema_rejects_what_timelinejs_would_not_read():
    validator = _timelinejs_validator()
    good = timelinejs_document(EVENTS, DOCUMENTS)
    broken = []
    for change in (lambda d: d["events"][0]["start_date"].update(month=13),
                   lambda d: d["events"][0]["start_date"].update(month="juin"),
                   lambda d: d["events"][0]["start_date"].pop("year"),
                   lambda d: d["events"][0].pop("start_date"),
                   lambda d: d["events"][0].update(startdate={"year": 2024}),
                   lambda d: d["title"].update(start_date={"year": 2024}),
                   lambda d: d.update(scale="geological")):
        doc = json.loads(json.dumps(good))
        change(doc)
        broken.append(doc)
    for doc in broken:
        assert not validator.is_valid(doc)
    as_strings = json.loads(json.dumps(good))
    as_strings["events"][0]["start_date"] = {"year": "2024", "month": "6", "day": "19"}  # the documented example's style
    assert validator.is_valid(as_strings)


# ---------------------------------------------------------------------------------------------
# iCalendar

icalendar = pytest.importorskip("icalendar")
STAMP = datetime(2024, 7, 1, 12, 0, tzinfo=timezone.utc)


def _ics(events=EVENTS, documents=DOCUMENTS, **kw) -> str:
    out = io.StringIO()
    write_ics(events, documents, out, stamp=STAMP, **kw)
    return out.getvalue()


def test_ics_parses_back_with_icalendar():
    text = _ics()
    cal = icalendar.Calendar.from_ical(text.encode("utf-8"))
    assert str(cal["VERSION"]) == "2.0" and "factx" in str(cal["PRODID"])
    vevents = cal.walk("VEVENT")
    assert [str(v["UID"]) for v in vevents] == ["ev_0123456789ab@factx", "ev_abcdef012345@factx"]  # undated left out
    treaty, year = vevents
    # all-day events: DATE values, and DTEND the day after the last day (RFC 5545)
    assert treaty.decoded("DTSTART") == date(2024, 6, 19) and treaty.decoded("DTEND") == date(2024, 6, 20)
    assert year.decoded("DTSTART") == date(1999, 1, 1) and year.decoded("DTEND") == date(2000, 1, 1)
    assert treaty.decoded("DTSTAMP") == STAMP
    assert str(treaty["SUMMARY"]) == EVENTS[0].summary  # commas, quotes and « » survive the escaping
    description = str(treaty["DESCRIPTION"])
    assert description.startswith(EVENTS[0].summary)
    assert "Sources (2) :" in description and "Le pacte (samples/coree/quotidien.txt)" in description
    assert "- coree/radio (coree/radio)" in description  # a source whose document is unknown still shows
    assert "Acteurs : Vladimir Poutine, Kim Jong-un" in description
    assert [str(c) for c in treaty["CATEGORIES"].cats] == ["Vladimir Poutine", "Kim Jong-un"]
    assert str(treaty["LOCATION"]) == "Corée du Nord"
    # a summary with a line break, '|' and quotes
    assert "\n" in str(year["DESCRIPTION"]) and str(year["X-FACTX-EDTF"]) == "1999~"


def test_ics_lines_are_folded_crlf_and_utf8_safe():
    long_summary = "Le président russe a dit « " + "é" * 200 + " », puis il est reparti ; fin."
    events = [make_event("ev_00000000000a", interval("2024-06-19"), long_summary, ("Vladimir Poutine",))]
    raw = _ics(events, []).encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never cut inside a character
    [vevent] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).startswith(long_summary)


def test_ics_empty_calendar_is_valid():
    cal = icalendar.Calendar.from_ical(_ics([], []).encode())
    assert cal.walk("VEVENT") == []


# ---------------------------------------------------------------------------------------------
# Explanations: how an event got its date

D = date.fromisoformat
SENTENCE = "Le président russe se rendra mercredi à Pyongyang, a annoncé le Kremlin."


def _dated(resolved_by: str, when: str = "2024-06-19", date_text="mercredi", sentence=SENTENCE, end=None,
           precision="day", approximate=False, tense="future"):
    """A mention whose date words the reader read at 2024-06-17 in `tense` (its reading, as stored)."""
    iv = interval(when, end, precision, approximate, resolved_by)
    m = make_mention("coree/depeche", sentence, iv, ("Vladimir Poutine",), start=100, date_text=date_text, tense=tense)
    return replace(m, reading=Reading("test", D("2024-06-17"), tense))


BYLINE = DocumentDating("coree/depeche", interval("2024-06-17", resolved_by="byline"), D("2024-06-17"),
                        "Publié le 17 juin 2024")


def test_explain_weekday_counted_from_the_byline():
    text = explain_mention(_dated("weekday"), BYLINE)
    assert text.startswith('"mercredi" (futur : le mercredi suivant) compté depuis la date de l\'article, 2024-06-17, '
                           'lue dans la ligne "Publié le 17 juin 2024" (byline)')
    assert text.endswith("→ 2024-06-19")


def test_explain_each_way_a_date_is_found():
    ago = _dated("anchor", "2000-01-01", "il y a vingt-quatre ans", "Il était venu il y a vingt-quatre ans.",
                 end="2000-12-31", precision="year", tense="past")
    assert "en remontant le temps" in explain_mention(ago, BYLINE) and "→ 2000" in explain_mention(ago, BYLINE)
    absolute = _dated("absolute", date_text="le 19 juin 2024", sentence="Il a signé le 19 juin 2024.")
    assert explain_mention(absolute, BYLINE) == '"le 19 juin 2024" : date écrite en entier dans la phrase (un jour), ' \
                                                'sans calcul → 2024-06-19'
    month = _dated("anchor", "2024-03-01", "mars dernier", "En mars dernier, il a voté.", end="2024-03-31",
                   precision="month", tense="past")
    assert '"dernier" : le mois de mars 2024' in explain_mention(month, BYLINE)
    at_article = make_mention("coree/depeche", "Poutine a atterri à Pyongyang.",
                              interval("2024-06-17", resolved_by="document-date"), ("Vladimir Poutine",), tense="past")
    text = explain_mention(at_article, BYLINE)
    assert text.startswith("pas de date dans la phrase ; au passé, le fait prend la date de l'article, 2024-06-17")
    announced = make_mention("coree/depeche", "Poutine se rendra au Vietnam.",
                             interval("2024-06-17", "2024-06-24", approximate=True, resolved_by="coming"),
                             ("Vladimir Poutine",), tense="future")
    assert explain_mention(announced, BYLINE).startswith(
        "pas de date dans la phrase ; au futur, le fait est annoncé pour les jours qui suivent la date de l'article, 2024-06-17")
    since = _dated("since", "2024-06-21", "l'été 2024", "Depuis l'été 2024, ils se parlent.", end="2024-06-17",
                   precision="season", tense="present")
    assert "« depuis »" in explain_mention(since, BYLINE)
    undated_words = make_mention("coree/depeche", "Au printemps, ils ont parlé.", None, (), date_text="printemps")
    assert "pas placée dans le calendrier" in explain_mention(undated_words, BYLINE)
    nothing = make_mention("coree/depeche", "Il aurait parlé.", None, (), tense="conditional")
    assert explain_mention(nothing, BYLINE) == ("sans date : la phrase n'en donne pas, et au conditionnel elle ne "
                                                "prend pas la date de l'article")
    assert "pas de date connue" in explain_mention(nothing, DocumentDating("coree/depeche", None, None))


def test_explain_document_dates():
    mention = _dated("weekday")
    for how, words in (("user", "donnée par l'option --dct"), ("front-matter", "en-tête du fichier"),
                       ("html-meta", "métadonnées de la page HTML"), ("sidecar", "fichier de métadonnées")):
        dating = DocumentDating("coree/depeche", interval("2024-06-17", resolved_by=how), D("2024-06-17"))
        text = explain_mention(mention, dating)
        assert "la date de l'article, 2024-06-17, " in text and words in text and f"({how})" in text
    weekday_date = DocumentDating("coree/depeche", interval("2024-06-12", "2024-06-18", approximate=True,
                                                            resolved_by="weekday-date"), D("2024-06-18"), "ce mardi 18 juin")
    text = explain_mention(_dated("weekday", "2024-06-20", "jeudi", "Il ira jeudi à Hanoï."), weekday_date)
    assert "2024-06-18 à 6 jours près, déduite de \"ce mardi 18 juin\" (weekday-date : l'année où le 18 juin est un mardi)" \
        in text


def test_document_dating_is_what_the_store_kept():
    dating = document_dating("d", interval("2024-06-17", resolved_by="dateline"), "17/06/2024")
    assert dating.anchor == D("2024-06-17") and dating.line == "17/06/2024"
    dating = document_dating("d", interval("2024-06-19", resolved_by="byline"), "Publié le 19 juin 2024 à 18h40")
    assert dating.line == "Publié le 19 juin 2024 à 18h40"
    kept_nothing = document_dating("d", interval("2024-06-19", resolved_by="byline"))  # a store made before words were kept
    assert kept_nothing.line is None and kept_nothing.anchor == D("2024-06-19")
    weekly = document_dating("d", interval("2024-06-12", "2024-06-18", approximate=True, resolved_by="weekday-date"),
                             "ce mardi 18 juin", best_day=D("2024-06-18"))
    assert weekly.anchor == D("2024-06-18") and weekly.line == "ce mardi 18 juin"
    # the likeliest day a sentence dated "at the article's date" carries, when the store kept none
    said = make_mention("d", "Il a parlé.", interval("2024-06-18", resolved_by="document-date"))
    assert document_dating("d", weekly.interval, mentions=[said]).anchor == D("2024-06-18")
    assert document_dating("d", interval("2024-06-17", resolved_by="user"), "ignored").line is None
    assert document_dating("d", None).anchor is None


def test_explain_event_names_the_mention_that_gave_the_date():
    precise = _dated("weekday")
    vague = _dated("anchor", "2024-06-01", "en juin", "Il ira en juin à Pyongyang.", end="2024-06-30",
                   precision="month")
    event = Event("ev_0000000000ff", precise.date, SENTENCE, ("Vladimir Poutine",), (), (), ("coree/depeche",),
                  (vague, precise))
    text = explain_event(event, {"coree/depeche": BYLINE})
    assert text.startswith('"mercredi"')


def _provenance_for(events, documents=DOCUMENTS) -> Provenance:
    prov = Provenance()
    for d in documents:
        prov.documents[d.id] = d
        prov.datings[d.id] = DocumentDating(d.id, d.date, d.date.start if d.date else None)
    return prov


def test_explained_json_validates_and_plain_json_has_no_explanation():
    out = io.StringIO()
    write_json(EVENTS, DOCUMENTS, out, _provenance_for(EVENTS))
    doc = json.loads(out.getvalue())
    _validator().validate(doc)
    assert all(isinstance(e["explanation"], str) and e["explanation"] for e in doc["events"])
    assert all("explanation" in m for e in doc["events"] for m in e["mentions"])
    plain = timeline_document(EVENTS, DOCUMENTS)
    assert "explanation" not in plain["events"][0] and "explanation" not in plain["events"][0]["mentions"][0]
    bad = json.loads(out.getvalue())
    bad["events"][0]["mentions"][0]["modality"] = "rumoured"
    assert not _validator().is_valid(bad)


def test_date_labels():
    assert date_label(interval("2024-06-19")) == "19 juin 2024"
    assert date_label(interval("2024-06-01")) == "1er juin 2024"
    assert date_label(interval("2024-06-18", "2024-06-19")) == "18–19 juin 2024"
    assert date_label(interval("2024-06-30", "2024-07-02")) == "30 juin – 2 juillet 2024"
    assert date_label(interval("2024-06-01", "2024-06-30", "month")) == "juin 2024"
    assert date_label(interval("1950-01-01", "1953-12-31", "year")) == "1950–1953"
    assert date_label(interval("1999-01-01", "1999-12-31", "year", approximate=True)) == "vers 1999"
    assert date_label(None) == "sans date"


# ---------------------------------------------------------------------------------------------
# The HTML page's data

def test_html_page_embeds_its_data_safely():
    nasty = make_event("ev_0000000000ee", interval("2024-06-20"),
                       'Il a écrit "</script><script>alert(1)</script>" & <!-- rien -->\u2028 fin.', ("Kim Jong-un",))
    events = EVENTS + [nasty]
    page = html_page(events, _provenance_for(events), title="Titre <b>gras</b>")
    assert "<title>Titre &lt;b&gt;gras&lt;/b&gt;</title>" in page
    start = page.index('<script type="application/json" id="factx-data">') + len('<script type="application/json" id="factx-data">')
    end = page.index("</script>", start)
    embedded = page[start:end]
    assert "<" not in embedded and "\u2028" not in embedded
    data = json.loads(embedded)
    assert [e["id"] for e in data["events"]] == [e.id for e in events]
    assert data["events"][-1]["summary"] == nasty.summary
    assert "https://" not in page.replace("https://factx", "") and "http://" not in page  # nothing to fetch
    assert {a["name"]: a["count"] for a in data["actors"]}["Kim Jong-un"] == 3


def test_html_data_marks_dates_and_actors_in_sentences():
    m = make_mention("coree/quotidien", "Poutine a signé mercredi un traité.", interval("2024-06-19", resolved_by="weekday"),
                     ("Vladimir Poutine",), start=50, date_text="mercredi")
    event = Event("ev_0000000000dd", m.date, m.sentence, m.actors, (), (), ("coree/quotidien",), (m,))
    prov = _provenance_for([event])
    prov.entities["coree/quotidien"] = [("Vladimir Poutine", "Poutine", "PER", 50, 57), ("Ailleurs", "Ailleurs", "LOC", 5, 13)]
    data = html_data([event], prov, actor_forms={"Vladimir Poutine": ["Poutine", "le président russe"]})
    [mention] = data["events"][0]["mentions"]
    assert mention["spans"] == [[0, 7, "actor", "Vladimir Poutine"], [16, 24, "date", "mercredi"]]
    assert data["actors"] == [{"name": "Vladimir Poutine", "count": 1, "aliases": ["Poutine", "le président russe"]}]
    assert data["events"][0]["label"] == "19 juin 2024"
    assert data["documents"]["coree/quotidien"]["title"] == "Le pacte"


def test_explain_frame_year():
    framed = _dated("frame", "2015-11-13", "13 novembre", "En 2015, le 13 novembre, Paris a été frappée.", tense="past")
    assert explain_mention(framed, BYLINE) == ('"13 novembre" : sans année, placé dans l\'année que la phrase pose en '
                                               'tête (2015) → 2015-11-13')


def test_explain_event_prefers_the_sentence_own_date_words():
    at_article = make_mention("coree/depeche", "Poutine a atterri à Pyongyang.",
                              interval("2024-06-19", resolved_by="document-date"), ("Vladimir Poutine",), tense="past")
    own = _dated("weekday")
    event = Event("ev_0000000000fe", own.date, SENTENCE, ("Vladimir Poutine",), (), (), ("coree/depeche",),
                  (at_article, own))
    text = explain_event(event, {"coree/depeche": BYLINE})
    assert text.startswith('"mercredi"') and text.endswith("1 autre mention donne la même date")


def test_table_marks_what_is_not_asserted_and_where_sources_disagree():
    from dataclasses import replace

    from rich.console import Console

    from factx.merge import Conflict
    from factx.export import timeline_table

    planned = replace(EVENTS[0], modality="planned",
                      mentions=tuple(replace(m, modality="planned", attributed_to="le Kremlin") for m in EVENTS[0].mentions))
    disputed = replace(EVENTS[1], conflicts=(Conflict("conteneur", (("7 000 conteneurs", ("a",)), ("10 000 containers", ("b",)))),))
    console = Console(record=True, width=200, no_color=True)
    console.print(timeline_table([planned, disputed, EVENTS[2]]))
    text = console.export_text()
    assert "[prévu, le Kremlin] Vladimir Poutine" in text
    assert "≠ conteneur: 7 000 conteneurs / 10 000 containers" in text
    assert "[" not in text.split("Kim Jong-un a promis")[0].splitlines()[-1]  # an asserted event has no mark


def test_json_lists_conflicts_and_mention_dates():
    from dataclasses import replace

    from factx.merge import Conflict

    disputed = replace(EVENTS[1], conflicts=(Conflict("date", (("il y a 24 ans (2000)", ("a",)), ("il y a près d'un quart de siècle (1999~)", ("b",)))),))
    doc = timeline_document([disputed], DOCUMENTS)
    _validator().validate(doc)
    [conflict] = doc["events"][0]["conflicts"]
    assert conflict == {"what": "date", "values": [{"value": "il y a 24 ans (2000)", "sources": ["a"]},
                                                     {"value": "il y a près d'un quart de siècle (1999~)", "sources": ["b"]}]}
    assert "date" in doc["events"][0]["mentions"][0]


def test_csv_has_every_field_of_the_json_contract_that_fits_a_cell():
    from dataclasses import replace

    from factx.merge import Conflict

    reported = replace(
        EVENTS[0], modality="reported", organisations=("Kremlin",),
        mentions=(replace(EVENTS[0].mentions[0], modality="reported", attributed_to="le Kremlin"),
                  replace(EVENTS[0].mentions[1], modality="reported", attributed_to="Iouri Ouchakov")),
        conflicts=(Conflict("date", (("il y a 24 ans (2000)", ("coree/quotidien",)), ("juillet 2000", ("coree/radio",)))),
                   Conflict("conteneur", (("7 000 conteneurs", ("a", "b")), ("10 000 containers", ("c",))))))
    approximate = replace(EVENTS[1], date=interval("1999-01-01", "1999-12-31", "year", approximate=True,
                                                    resolved_by="corpus"))
    out = io.StringIO()
    write_csv([reported, approximate, EVENTS[2]], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS == (
        "id", "date_start", "date_end", "edtf", "precision", "approximate", "resolved_by", "summary", "actors",
        "places", "organisations", "sources", "source_count", "modality", "attributed_to", "conflicts",
        "mention_count", "commentary")
    # each field of an event, and of its date, that is one value or a list of names has its column
    event = event_dict(reported)
    cells = set(event) - {"mentions", "date"} | {f"date_{k}" if k in ("start", "end") else k for k in event["date"]}
    assert cells - set(CSV_COLUMNS) == set()
    first = rows[0]
    assert (first["approximate"], first["resolved_by"], first["modality"]) == ("false", "absolute", "reported")
    assert first["organisations"] == "Kremlin"
    assert first["attributed_to"] == "le Kremlin; Iouri Ouchakov"
    assert first["conflicts"] == ("date: il y a 24 ans (2000) [coree/quotidien] / juillet 2000 [coree/radio]; "
                                  "conteneur: 7 000 conteneurs [a, b] / 10 000 containers [c]")
    assert (rows[1]["approximate"], rows[1]["resolved_by"]) == ("true", "corpus")
    assert rows[2]["approximate"] == rows[2]["resolved_by"] == rows[2]["attributed_to"] == rows[2]["conflicts"] == ""
    assert rows[2]["modality"] == "asserted"


def test_explanations_come_from_the_store_alone(samples_db_copy, monkeypatch):
    """--explain and show never run the date reader or the tense guesser, nor read an article's text or
    file again: what they say was kept when each date was made."""
    import factx.explain
    import factx.temporal
    from typer.testing import CliRunner

    from factx.cli import app

    def timeline():
        result = CliRunner().invoke(app, ["timeline", "--db", str(samples_db_copy), "--json", "--explain"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    before = timeline()

    def forbidden(*args, **kwargs):
        raise AssertionError("an explanation re-ran the date reader or re-read the article")

    for module in (factx.temporal, factx.temporal.reader, factx.temporal.document_date, factx.temporal.tense,
                   factx.temporal.context):
        for name in ("find_temporal_expressions", "guess_tense", "tense_at", "infer_document_date", "date_words_at",
                     "resolve_document_date", "weekday_date_words"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, forbidden)
    document_text = Store.document_text
    monkeypatch.setattr(Store, "document_text", forbidden)
    after = timeline()
    assert after == before
    explained = [m["explanation"] for e in after["events"] for m in e["mentions"]]
    assert explained and all(explained)
    assert any("lue dans la ligne" in x or "déduite de" in x for x in explained)  # the kept line is quoted
    assert any(x.startswith('"') and "futur :" in x or "passé :" in x for x in explained)  # the kept tense is told
    event_id = after["events"][0]["id"]
    monkeypatch.setattr(Store, "document_text", document_text)  # `show` prints the text around; the reader stays off
    shown = CliRunner().invoke(app, ["show", event_id, "--db", str(samples_db_copy), "--json"])
    assert shown.exit_code == 0, shown.output
