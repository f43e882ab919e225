"""`factx timeline` on small hand-built stores (no model): filters name what the store holds, an empty
result says so on stderr, and a store whose merge did not finish says so too."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import interval, make_article, make_mention
from factx.actors import ActorMention
from factx.cli import app
from factx.merge import merge_mentions
from factx.export import CSV_COLUMNS
from factx.store import Store
from factx.temporal import DocumentDate

runner = CliRunner()

PONT = ("La maire de Valbourg, Claire Fontaine, a inauguré mardi le nouveau pont.\n"
        "Claire Fontaine a promis une piste cyclable.")
ROUTE = "Le préfet Marcel Aubrac a fermé jeudi la route de Saint-Ivre."


def _save(store: Store, doc_id: str, text: str, day: str, persons: tuple[str, ...], places: tuple[str, ...]) -> None:
    found = [ActorMention(name, name, kind, text.find(name), text.find(name) + len(name), "form")
             for kind, names in (("PER", persons), ("LOC", places)) for name in names]
    first = text.split("\n")[0]
    mention = make_mention(doc_id, first, interval(day, resolved_by="weekday"), persons, places=places)
    store.save_document(make_article(doc_id, text), DocumentDate(interval(day), date.fromisoformat(day)),
                        found, [mention])


@pytest.fixture
def db(tmp_path) -> Path:
    """One article about Claire Fontaine at Valbourg, merged."""
    path = tmp_path / "small.db"
    with Store.open(path) as store:
        _save(store, "pont", PONT, "2023-03-14", ("Claire Fontaine",), ("Valbourg",))
        store.replace_events(merge_mentions(store.all_mentions()))
    return path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------
# --actor and --place name what the store holds

@pytest.mark.parametrize("option, typed", [
    ("--actor", "Macron"),  # the gazetteer knows him, no article of this store mentions him
    ("--actor", "le président russe"),  # a gazetteer role, of a person this store does not hold
    ("--actor", "Tartempion Dupont"),  # nobody knows him
    ("--place", "Ukraine"),  # a gazetteer place this store does not hold
    ("--place", "Moscou"),  # a gazetteer alias of one
    ("--place", "Atlantide"),
])
def test_a_name_the_store_does_not_hold_is_a_usage_error(db, option, typed):
    result = invoke("timeline", "--db", str(db), "--json", option, typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = lines(result.stderr)
    assert line.startswith("factx: usage error:") and typed in line and option in line


def test_a_place_given_as_an_actor_says_which_option_takes_it(db):
    result = invoke("timeline", "--db", str(db), "--actor", "Valbourg")
    assert result.exit_code == 2
    [line] = lines(result.stderr)
    assert "is a place" in line and "--place" in line


@pytest.mark.parametrize("option, typed", [("--actor", "Claire Fontaine"), ("--actor", "Fontaine"),
                                           ("--actor", "Mme Fontaine"), ("--place", "Valbourg"),
                                           ("--place", "valbourg")])
def test_a_name_the_store_holds_filters(db, option, typed):
    result = invoke("timeline", "--db", str(db), "--json", option, typed)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert [e["summary"] for e in json.loads(result.stdout)["events"]] == [PONT.split("\n")[0]]


# ---------------------------------------------------------------------------------------------
# An empty result says "factx: 0 events"; what is on stdout stays valid

@pytest.mark.parametrize("args", [["--json"], ["--jsonl"], ["--csv"], ["--md"], [], ["--format", "timelinejs"],
                                  ["--format", "ics"], ["--format", "html"], ["--explain", "--json"]],
                         ids=lambda a: " ".join(a) or "table")
def test_no_event_matching_says_0_events(db, args):
    result = invoke("timeline", "--db", str(db), "--since", "2030", *args)
    assert result.exit_code == 0, result.stderr
    assert lines(result.stderr) == ["factx: 0 events match the filters"]
    if args in (["--json"], ["--explain", "--json"], ["--format", "timelinejs"]):
        assert json.loads(result.stdout)["events"] == []
    if args == ["--jsonl"]:
        assert result.stdout == ""
    if args == ["--csv"]:
        assert list(csv.reader(io.StringIO(result.stdout))) == [list(CSV_COLUMNS)]


def test_an_empty_store_says_0_events(tmp_path):
    db = tmp_path / "empty.db"
    Store.open(db).close()
    result = invoke("timeline", "--db", str(db), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["events"] == []
    assert lines(result.stderr) == [f"factx: 0 events in {db}"]
    quiet = invoke("timeline", "--db", str(db), "--json", "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_0_events_written_to_a_file(db, tmp_path):
    target = tmp_path / "out.csv"
    result = invoke("timeline", "--db", str(db), "--csv", "--actor", "Fontaine", "--since", "2030", "-o", str(target))
    assert result.exit_code == 0
    assert "factx: 0 events match the filters" in lines(result.stderr)
    assert target.read_text(encoding="utf-8").strip() == ",".join(CSV_COLUMNS)


# ---------------------------------------------------------------------------------------------
# A merge that did not finish

@pytest.fixture
def stale_db(db) -> Path:
    """The store of `db`, and a second article stored by an extract stopped before its merge."""
    with Store.open(db) as store:
        _save(store, "route", ROUTE, "2023-03-16", ("Marcel Aubrac",), ("Saint-Ivre",))
        assert store.events_stale()
    return db


@pytest.mark.parametrize("args", [["--json"], ["--jsonl"], ["--csv"], []], ids=lambda a: " ".join(a) or "table")
def test_a_store_not_merged_yet_says_so_and_prints_what_is_there(stale_db, args):
    result = invoke("timeline", "--db", str(stale_db), *args)
    assert result.exit_code == 0, result.stderr
    [line] = lines(result.stderr)
    assert line == ("factx: warning: 1 document is not merged yet; run 'factx extract' again on the same files "
                    "to finish")
    assert "Claire Fontaine" in result.stdout  # the merged events are printed
    assert "Aubrac" not in result.stdout


def test_show_on_a_store_not_merged_yet_says_so(stale_db):
    event_id = json.loads(invoke("timeline", "--db", str(stale_db), "--jsonl").stdout.splitlines()[0])["id"]
    result = invoke("show", event_id, "--db", str(stale_db))
    assert result.exit_code == 0
    assert [line for line in lines(result.stderr) if "not merged yet" in line]


def test_quiet_says_nothing_of_the_merge(stale_db):
    result = invoke("timeline", "--db", str(stale_db), "--json", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_merged_store_says_nothing(db):
    result = invoke("timeline", "--db", str(db), "--json")
    assert result.exit_code == 0 and result.stderr == ""
