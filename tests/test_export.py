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
