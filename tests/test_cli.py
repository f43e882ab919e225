"""The command line (typer CliRunner): stdout carries data only, people's messages go to stderr."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factx import __version__
from factx.cli import app

ROOT = Path(__file__).resolve().parent.parent

runner = CliRunner()

GOOD = (
    "LA VOIX DU CANAL\n"
    "Publié le 14 mars 2023 à 08h30\n\n"
    "Le maire de Valbourg inaugure le nouveau pont\n\n"
    "La maire de Valbourg, Claire Fontaine, a inauguré mardi le nouveau pont sur le canal, en présence des "
    "habitants du quartier. Les travaux avaient commencé en septembre 2021 et ont coûté près de quatre millions "
    "d'euros à la commune.\n\n"
    "Claire Fontaine a promis que la piste cyclable serait terminée avant l'été. Les commerçants, eux, "
    "attendent surtout le retour des clients.\n"
)
OTHER = (
    "L'ÉCHO DES VALLÉES\n"
    "Publié le 16 mars 2023\n\n"
    "La préfecture a annoncé jeudi la fermeture de la route départementale pendant trois semaines. Les travaux de "
    "réfection débuteront le 3 avril 2023, selon le conseil départemental, qui promet une déviation par le village "
    "voisin pour les automobilistes et les cars scolaires.\n"
)
ENGLISH = (
    "The city council voted on Monday evening for the budget of the next year, after a long debate between the "
    "majority and the opposition about the amount of the investments that are planned for the schools. "
    "The mayor said that this is a serious budget and that it was the right choice for the town.\n"
)


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def timeline_json(db: Path, *extra: str) -> dict:
    result = invoke("timeline", "--db", str(db), "--json", *extra)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# ---------------------------------------------------------------------------------------------
# Help, version, README

COMMANDS = sorted(typer.main.get_command(app).commands)


def test_the_commands():
    assert {"extract", "timeline", "actors", "dates"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS], ids=["factx"] + COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "Usage" in result.stdout


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"factx {__version__}"


def test_no_arguments_shows_help():
    result = invoke()
    assert result.exit_code in (0, 2)
    assert "Usage" in result.stdout + result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bfactx {command}\b", readme), f"README.md does not show 'factx {command}'"


# ---------------------------------------------------------------------------------------------
# timeline on the samples

@pytest.fixture(scope="module")
def full(samples_db):
    return timeline_json(samples_db)


def _has_poutine(event):
    return "Vladimir Poutine" in event["actors"]


def test_timeline_json_is_data_only(samples_db, full):
    result = invoke("timeline", "--db", str(samples_db), "--json")
    assert result.stderr == ""
    assert json.loads(result.stdout) == full
    assert len(full["events"]) > 20
    assert len(full["documents"]) == 8


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_timeline_json_through_jq(samples_db, full):
    producer = subprocess.Popen([sys.executable, "-m", "factx.cli", "timeline", "--db", str(samples_db), "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    jq = subprocess.run(["jq", "-r", ".events[].summary"], stdin=producer.stdout, capture_output=True, text=True,
                        timeout=120)
    producer.stdout.close()
    assert producer.wait(timeout=120) == 0
    assert jq.returncode == 0, jq.stderr
    assert jq.stdout.splitlines() == [e["summary"] for e in full["events"]]


def test_timeline_jsonl_and_csv_match_json(samples_db, full):
    result = invoke("timeline", "--db", str(samples_db), "--jsonl")
    assert result.exit_code == 0 and result.stderr == ""
    assert [json.loads(line) for line in result.stdout.splitlines()] == full["events"]
    result = invoke("timeline", "--db", str(samples_db), "--csv")
    assert result.exit_code == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [e["id"] for e in full["events"]]
    result = invoke("timeline", "--db", str(samples_db), "--md")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("| Date |")


def test_timeline_table_for_people(samples_db):
    result = invoke("timeline", "--db", str(samples_db))
    assert result.exit_code == 0
    assert "2024-06-19" in result.stdout and "Date" in result.stdout


@pytest.mark.parametrize("typed", ["Poutine", "le président russe", "Vladimir Putin", "M. Poutine"])
def test_actor_filter(samples_db, full, typed):
    filtered = timeline_json(samples_db, "--actor", typed)
    expected = [e["id"] for e in full["events"] if _has_poutine(e)]
    assert len(expected) >= 10
    assert [e["id"] for e in filtered["events"]] == expected
    assert all(_has_poutine(e) for e in filtered["events"])


def test_two_actor_filters_are_a_union(samples_db, full):
    filtered = timeline_json(samples_db, "--actor", "Lavrov", "--actor", "Kirby")
    expected = [e["id"] for e in full["events"] if {"Sergueï Lavrov", "John Kirby"} & set(e["actors"])]
    assert expected and [e["id"] for e in filtered["events"]] == expected


def test_unknown_actor_is_an_error(samples_db):
    result = invoke("timeline", "--db", str(samples_db), "--json", "--actor", "Jean Personne")
    assert result.exit_code == 2  # README: 2 = wrong usage (a bad option value too)
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert "Jean Personne" in line
    no_traceback(result)


def test_since_until_one_day(samples_db, full):
    filtered = timeline_json(samples_db, "--since", "2024-06-19", "--until", "2024-06-19")
    day = "2024-06-19"
    expected = [e["id"] for e in full["events"] if e["date"] and e["date"]["start"] <= day <= e["date"]["end"]]
    assert [e["id"] for e in filtered["events"]] == expected
    assert any(e["date"]["start"] == e["date"]["end"] == day and "Kim Jong-un" in e["actors"]
               and len(e["sources"]) >= 2 for e in filtered["events"]), "the treaty signed on 19 June 2024"
    assert all(e["date"]["start"] <= day <= e["date"]["end"] for e in filtered["events"])


def test_since_month_in_french(samples_db, full):
    filtered = timeline_json(samples_db, "--since", "juillet 2025")
    expected = [e["id"] for e in full["events"] if e["date"] and e["date"]["end"] >= "2025-07-01"]
    assert expected and [e["id"] for e in filtered["events"]] == expected


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("impossible", ["31 février 2024", "2024-02-31", "30/02/2024", "Feb 30 2024"])
def test_an_impossible_date_is_refused_in_every_syntax(samples_db, option, impossible):
    result = invoke("timeline", "--db", str(samples_db), option, impossible)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = stderr_lines(result)
    assert line.startswith(f"factx: usage error: {option}: ") and impossible in line


def test_since_in_another_language_or_format(samples_db, full):
    english = timeline_json(samples_db, "--since", "July 2025")
    iso_time = timeline_json(samples_db, "--since", "2025-07-01T08:00")
    expected = [e["id"] for e in full["events"] if e["date"] and e["date"]["end"] >= "2025-07-01"]
    assert [e["id"] for e in english["events"]] == [e["id"] for e in iso_time["events"]] == expected


def test_bad_date_filter_is_a_usage_error(samples_db):
    result = invoke("timeline", "--db", str(samples_db), "--since", "n'importe quand")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert "--since" in line
    no_traceback(result)


def test_two_format_flags(samples_db):
    result = invoke("timeline", "--db", str(samples_db), "--json", "--csv")
    # README and cli.py: exit code 2 is wrong usage (the first version of the CLI said 1)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert line.startswith("factx: ") and "--json" in line and "--csv" in line
    no_traceback(result)


def test_actors_json(samples_db):
    result = invoke("actors", "--db", str(samples_db), "--json")
    assert result.exit_code == 0 and result.stderr == ""
    actors = json.loads(result.stdout)
    by_name = {a["name"]: a for a in actors}
    assert len(by_name) == len(actors)
    poutine = by_name["Vladimir Poutine"]
    assert poutine["kind"] == "PER"
    assert poutine["documents"] >= 5 and poutine["mentions"] >= 10
    assert "Poutine" in poutine["forms"]
    assert any("président russe" in f.lower() for f in poutine["forms"])
    assert by_name["Kim Jong-un"]["documents"] >= 5
    assert "Kim Jong-il" in by_name and "Lundi" not in by_name
    assert all(a["kind"] == "PER" for a in actors)
    everything = json.loads(invoke("actors", "--db", str(samples_db), "--json", "--all").stdout)
    assert {"LOC", "ORG"} <= {a["kind"] for a in everything}


# ---------------------------------------------------------------------------------------------
# Errors: one line, no traceback

def test_missing_database(tmp_path):
    result = invoke("timeline", "--db", str(tmp_path / "absent.db"), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert "no such database" in line and "absent.db" in line
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize("command", [["timeline", "--json"], ["actors"], ["extract", "samples/"]])
def test_corrupt_database(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "a.txt").write_text(OTHER, encoding="utf-8")
    Path("factx.db").write_bytes(b"ceci n'est pas une base SQLite\n" * 100)
    result = invoke(*command, "--db", "factx.db")
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert line.startswith("factx: error:") and "factx.db" in line and "not a valid SQLite database" in line
    no_traceback(result)


def test_error_line_is_not_wrapped_for_long_paths(tmp_path):
    folder = tmp_path / ("un-dossier-au-nom-vraiment-tres-long-pour-depasser-la-largeur-" * 2) / "encore-un-niveau"
    folder.mkdir(parents=True)
    db = folder / "base-de-donnees-corrompue.db"
    db.write_bytes(b"\x00\x01 pas du SQLite " * 200)
    result = invoke("timeline", "--db", str(db), "--json")
    assert result.exit_code == 1
    assert len(stderr_lines(result)) == 1, result.stderr
    assert str(db) in result.stderr


def test_dates_jsonl_on_stdin():
    items = [
        {"id": "a", "text": "Poutine a signé mercredi un traité avec Kim Jong-un.", "dct": "2024-06-20"},
        {"id": "b", "text": "Il viendra les 19 et 20 juin, après sa visite du 18 juin 2024.", "dct": "2024-06-17"},
        {"id": "c", "text": "Rien à signaler.", "dct": "2024-06-17"},
        {"id": "d", "text": "Il est venu il y a près de vingt-cinq ans.", "dct": "2024-06-20"},
    ]
    result = invoke("dates", "-", "--jsonl", input="".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    for item, o in zip(items, out):
        assert set(o) >= {"id", "timexes"}
        for t in o["timexes"]:
            assert {"start", "end", "type", "value"} <= set(t)
            assert item["text"][t["start"]:t["end"]] == t["text"]
    [wed] = out[0]["timexes"]
    assert item_span(items[0], wed) == "mercredi" and wed["type"] == "DATE" and wed["value"] == "2024-06-19"
    assert [item_span(items[1], t) for t in out[1]["timexes"]][0].endswith("19 et 20 juin")
    assert out[1]["timexes"][0]["date"]["end"] == "2024-06-20"
    assert out[1]["timexes"][1]["value"] == "2024-06-18"
    assert out[2]["timexes"] == []
    assert out[3]["timexes"][0]["date"]["edtf"] == "1999~"


def item_span(item, timex):
    return item["text"][timex["start"]:timex["end"]]


def test_dates_jsonl_bad_input_line():
    result = invoke("dates", "-", "--jsonl", input='{"id": "a", "text": "mardi"}\npas du json\n')
    assert result.exit_code in (1, 2)
    assert "line 2" in result.stderr
    no_traceback(result)


def test_dates_table_for_a_file(tmp_path):
    f = tmp_path / "texte.txt"
    f.write_text("Le traité a été signé le 19 juin 2024, puis il est parti mercredi.", encoding="utf-8")
    result = invoke("dates", str(f), "--dct", "2024-06-20")
    assert result.exit_code == 0
    assert "2024-06-19" in result.stdout
    missing = invoke("dates", str(tmp_path / "absent.txt"))
    assert missing.exit_code == 1 and "absent.txt" in missing.stderr
    no_traceback(missing)


# ---------------------------------------------------------------------------------------------
# extract

@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A folder 'in/' in the current directory, so messages name files by a short relative path."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_extract_skips_bad_inputs_and_stores_the_rest(corpus, reuse_model):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "english.txt").write_text(ENGLISH, encoding="utf-8")
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    lines = stderr_lines(result)
    for name, reason in (("empty.txt", "empty"), ("binary.txt", "binary"), ("english.txt", "not French")):
        named = [line for line in lines if name in line]
        assert len(named) == 1, (name, lines)
        assert named[0].startswith("factx: skipped") and reason in named[0]
        assert f"in/{name}" in named[0]
    assert not any("good.txt" in line for line in lines)
    assert re.search(r"\b1 stored\b.*\b3 skipped\b", result.stderr)
    no_traceback(result)
    doc = timeline_json(Path("factx.db"))
    assert [d["id"] for d in doc["documents"]] == ["good"]
    assert any("pont" in e["summary"] for e in doc["events"])


def test_extract_nonexistent_path(corpus):
    """A path that is not there is a typing mistake: wrong usage, said before anything is stored."""
    result = invoke("extract", "in", "nulle-part", "--db", "factx.db")
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert "nulle-part" in line and "no such file" in line
    assert not Path("factx.db").exists()
    no_traceback(result)


def test_extract_bad_dct_is_a_usage_error(corpus):
    result = invoke("extract", "in", "--db", "factx.db", "--dct", "bientôt peut-être")
    assert result.exit_code == 2
    assert "--dct" in result.stderr
    no_traceback(result)


def test_extract_unknown_model_is_one_line(corpus):
    result = invoke("extract", "in", "--db", "factx.db", "--model", "fr_modele_inexistant")
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert "fr_modele_inexistant" in line
    no_traceback(result)


def test_rerun_stores_nothing_new(samples_db_copy, samples_extract, reuse_model, monkeypatch):
    monkeypatch.chdir(ROOT)
    conn = sqlite3.connect(samples_db_copy)
    before = conn.execute("SELECT id, sha256, extracted_at FROM documents ORDER BY id").fetchall()
    conn.close()
    requests = len(reuse_model)
    result = invoke("extract", "samples/", "--db", str(samples_db_copy))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    events = samples_extract.report.events
    assert re.search(rf"\b0 stored, 8 unchanged, 0 skipped; {events} events\b", result.stderr), result.stderr
    assert len(reuse_model) == requests, "nothing changed, so the model is not even loaded"
    conn = sqlite3.connect(samples_db_copy)
    assert conn.execute("SELECT id, sha256, extracted_at FROM documents ORDER BY id").fetchall() == before
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    conn.close()


def test_changed_file_replaces_its_old_version(corpus, reuse_model):
    (corpus / "other.txt").write_text(OTHER, encoding="utf-8")
    first = invoke("extract", "in", "--db", "factx.db")
    assert first.exit_code == 0, first.stderr
    assert "2 stored, 0 unchanged" in first.stderr
    before = timeline_json(Path("factx.db"))
    assert any("pont" in e["summary"] for e in before["events"])

    changed = GOOD.replace("inauguré mardi le nouveau pont sur le canal", "ouvert vendredi la nouvelle passerelle")
    changed = changed.replace("inaugure le nouveau pont", "ouvre la passerelle")
    (corpus / "good.txt").write_text(changed, encoding="utf-8")
    second = invoke("extract", "in", "--db", "factx.db")
    assert second.exit_code == 0, second.stderr
    assert "1 stored, 1 unchanged" in second.stderr
    after = timeline_json(Path("factx.db"))
    assert [d["id"] for d in after["documents"]] == ["good", "other"]
    sentences = [m["sentence"] for e in after["events"] for m in e["mentions"]]
    assert any("passerelle" in s for s in sentences)
    assert not any("nouveau pont sur le canal" in s for s in sentences)
    # the unchanged article's events are still there, once
    other_before = sorted(e["id"] for e in before["events"] if e["sources"] == ["other"])
    other_after = sorted(e["id"] for e in after["events"] if e["sources"] == ["other"])
    assert other_before and other_after == other_before
    ids = [m["doc"] + str(m["start"]) + str(m["date_start"]) for e in after["events"] for m in e["mentions"]]
    assert len(ids) == len(set(ids))


def test_extract_from_stdin(tmp_path, reuse_model):
    db = tmp_path / "stdin.db"
    result = invoke("extract", "-", "--db", str(db), "--dct", "2023-03-16", input=OTHER)
    assert result.exit_code == 0, result.stderr
    doc = timeline_json(db)
    assert [d["id"] for d in doc["documents"]] == ["stdin"]
    assert doc["documents"][0]["date"]["start"] == "2023-03-16"
    assert doc["documents"][0]["date"]["resolved_by"] == "user"
    reopening = [e for e in doc["events"] if "3 avril 2023" in (e["mentions"][0]["date_text"] or "")]
    assert reopening and reopening[0]["date"]["start"] == "2023-04-03"


def test_quiet_extract_says_nothing(corpus, reuse_model):
    result = invoke("extract", "in", "--db", "factx.db", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_extract_into_a_store_from_an_older_factx(corpus, reuse_model):
    from factx import store as store_module

    old_schema = re.sub(r",\s*fingerprint TEXT NOT NULL", "", store_module._SCHEMA)
    conn = sqlite3.connect("factx.db")
    conn.executescript(old_schema)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(store_module.SCHEMA_VERSION),))
    conn.commit()
    conn.close()
    result = invoke("extract", "in", "--db", "factx.db")
    no_traceback(result)
    assert result.exit_code in (0, 1)
    assert len(stderr_lines(result)) == 1


# ---------------------------------------------------------------------------------------------
# Every format from the same data

def _poutine_treaty(full):
    """The treaty signed on 19 June 2024, told by two sources."""
    return next(e for e in full["events"] if e["date"] and e["date"]["start"] == e["date"]["end"] == "2024-06-19"
                and "Kim Jong-un" in e["actors"] and len(e["sources"]) >= 2)


def test_timelinejs_output_validates(samples_db, full):
    import jsonschema

    from factx.export import load_timelinejs_schema

    result = invoke("timeline", "--db", str(samples_db), "--format", "timelinejs", "--title", "Corée")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_timelinejs_schema()).validate(doc)
    dated = [e["id"] for e in full["events"] if e["date"]]
    assert [s["unique_id"] for s in doc["events"]] == dated
    undated = len(full["events"]) - len(dated)
    assert f"{undated} undated events left out" in result.stderr
    assert doc["title"]["text"]["headline"] == "Corée"
    assert len({s["group"] for s in doc["events"]}) <= 6


def test_ics_output_parses_back(samples_db, full, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    target = tmp_path / "story.ics"
    result = invoke("timeline", "--db", str(samples_db), "-f", "ics", "-o", str(target), "--actor", "Poutine")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"to {target}" in result.stderr
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    expected = [e for e in full["events"] if _has_poutine(e) and e["date"]]
    vevents = cal.walk("VEVENT")
    assert [str(v["UID"]) for v in vevents] == [e["id"] + "@factx" for e in expected]
    treaty = _poutine_treaty(full)
    [v] = [v for v in vevents if str(v["UID"]) == treaty["id"] + "@factx"]
    assert v.decoded("DTSTART") == date(2024, 6, 19) and v.decoded("DTEND") == date(2024, 6, 20)
    description = str(v["DESCRIPTION"])
    assert f"Sources ({len(treaty['sources'])}) :" in description
    assert all(m["sentence"] in description for m in treaty["mentions"])
    assert "Trouvée ainsi" in description


def test_html_output_is_one_file(samples_db, full, tmp_path):
    target = tmp_path / "story.html"
    result = invoke("timeline", "--db", str(samples_db), "--html", str(target), "--min-sources", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "the page must not fetch anything"
    start = page.index('id="factx-data">') + len('id="factx-data">')
    data = json.loads(page[start:page.index("</script>", start)])
    assert [e["id"] for e in data["events"]] == [e["id"] for e in full["events"] if len(e["sources"]) >= 2]
    assert all(d["text"] for d in data["documents"].values())
    quiet = invoke("timeline", "--db", str(samples_db), "--html", str(target), "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    to_stdout = invoke("timeline", "--db", str(samples_db), "--format", "html")
    assert to_stdout.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--csv", "--format", "json"], ["--html", "x.html", "--md"],
                                  ["--html", "x.html", "-o", "y.html"], ["--csv", "--explain"]])
def test_bad_format_choices_are_usage_errors(samples_db, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("timeline", "--db", str(samples_db), *args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert len(stderr_lines(result)) == 1
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "y.html").exists()
    no_traceback(result)


def test_output_to_a_missing_folder_is_one_line(samples_db, tmp_path):
    result = invoke("timeline", "--db", str(samples_db), "--json", "-o", str(tmp_path / "nope" / "t.json"))
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert "t.json" in line and "cannot write" in line
    no_traceback(result)


# ---------------------------------------------------------------------------------------------
# Filters that read like a person writes

def test_min_sources(samples_db, full):
    filtered = timeline_json(samples_db, "--min-sources", "2")
    expected = [e["id"] for e in full["events"] if len(e["sources"]) >= 2]
    assert expected and [e["id"] for e in filtered["events"]] == expected
    assert invoke("timeline", "--db", str(samples_db), "--min-sources", "0").exit_code == 2


@pytest.mark.parametrize("typed", ["Vietnam", "vietnam"])
def test_place_filter(samples_db, full, typed):
    filtered = timeline_json(samples_db, "--place", typed)
    expected = [e["id"] for e in full["events"] if "Vietnam" in e["places"]]
    assert expected and [e["id"] for e in filtered["events"]] == expected


def test_unknown_place_is_a_usage_error(samples_db):
    result = invoke("timeline", "--db", str(samples_db), "--place", "Atlantide")
    assert result.exit_code == 2
    assert "Atlantide" in result.stderr
    no_traceback(result)


def test_french_date_filters(samples_db, full):
    filtered = timeline_json(samples_db, "--since", "juin 2024", "--until", "20 juin 2024", "--actor", "le maître du Kremlin")
    expected = [e["id"] for e in full["events"] if e["date"] and e["date"]["end"] >= "2024-06-01"
                and e["date"]["start"] <= "2024-06-20" and _has_poutine(e)]
    assert expected and [e["id"] for e in filtered["events"]] == expected
    year = timeline_json(samples_db, "--since", "2025", "--until", "2025")
    assert [e["id"] for e in year["events"]] == [e["id"] for e in full["events"] if e["date"]
                                                 and e["date"]["end"] >= "2025-01-01" and e["date"]["start"] <= "2025-12-31"]


# ---------------------------------------------------------------------------------------------
# --explain and factx show

def test_timeline_explain_json(samples_db, full):
    import jsonschema

    from factx.export import load_timeline_schema

    explained = timeline_json(samples_db, "--explain")
    jsonschema.validate(explained, load_timeline_schema())
    assert [e["id"] for e in explained["events"]] == [e["id"] for e in full["events"]]
    treaty = next(e for e in explained["events"] if e["id"] == _poutine_treaty(full)["id"])
    assert treaty["explanation"].startswith('"mercredi"') and "→ 2024-06-19" in treaty["explanation"]
    assert "(byline)" in treaty["explanation"] or "(front-matter)" in treaty["explanation"]
    announced = next(m for e in explained["events"] for m in e["mentions"]
                     if m["date_text"] == "les prochains mardi et mercredi")
    assert announced["explanation"].startswith('"les prochains mardi et mercredi" ("prochains" : le mardi suivant) '
                                               'compté depuis la date de l\'article, 2024-06-17, lue dans la ligne '
                                               '"17/06/2024" (dateline)')
    lines = invoke("timeline", "--db", str(samples_db), "--jsonl", "--explain").stdout.splitlines()
    assert [json.loads(line)["explanation"] for line in lines] == [e["explanation"] for e in explained["events"]]


def test_timeline_explain_table(samples_db):
    result = invoke("timeline", "--db", str(samples_db), "--explain", "--actor", "Lavrov")
    assert result.exit_code == 0, result.stderr
    assert "↳" in result.stdout and "date de l'article" in result.stdout


def test_show_prints_every_mention_with_its_provenance(samples_db, full):
    treaty = _poutine_treaty(full)
    result = invoke("show", treaty["id"], "--db", str(samples_db))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith(treaty["id"])
    assert "\x1b[" not in out  # not a terminal: no colour
    for m in treaty["mentions"]:
        if m["date_text"]:
            assert f"[{m['date_text']}]" in out  # the date words marked in the sentence
        assert f"characters {m['start']}–{m['end']}" in out
    assert "*Vladimir Poutine*" in out and "*Kim Jong-un*" in out
    for doc_id in treaty["sources"]:
        path = next(d["path"] for d in full["documents"] if d["id"] == doc_id)
        assert path in out
    assert "compté depuis la date de l'article" in out
    assert "modality:" in out and "attributed to:" in out
    assert out.count("\n[") == len(treaty["mentions"])


def test_show_json_and_prefixes(samples_db, full):
    import jsonschema

    from factx.export import load_timeline_schema

    treaty = _poutine_treaty(full)
    result = invoke("show", treaty["id"][:9], "--db", str(samples_db), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, load_timeline_schema())
    [event] = doc["events"]
    assert event["id"] == treaty["id"]
    assert sorted(d["id"] for d in doc["documents"]) == sorted(treaty["sources"])
    for m in event["mentions"]:
        assert m["explanation"] and "modality" in m and "attributed_to" in m
        assert all(m["start"] <= x["start"] < x["end"] <= m["end"] for x in m["entities"])
    assert any({"Vladimir Poutine", "Kim Jong-un"} <= {x["name"] for x in m["entities"]} for m in event["mentions"])
    without_ev = invoke("show", treaty["id"][3:], "--db", str(samples_db), "--json")
    assert json.loads(without_ev.stdout) == doc


def test_show_reads_ids_from_stdin(samples_db, full):
    lavrov = timeline_json(samples_db, "--actor", "Lavrov")["events"]
    jsonl = invoke("timeline", "--db", str(samples_db), "--jsonl", "--actor", "Lavrov").stdout
    result = invoke("show", "-", "--db", str(samples_db), "--json", input=jsonl)
    assert result.exit_code == 0, result.stderr
    assert [e["id"] for e in json.loads(result.stdout)["events"]] == [e["id"] for e in lavrov]
    plain = invoke("show", "-", "--db", str(samples_db), "--json", input=" ".join(e["id"] for e in lavrov[:2]) + "\n")
    assert [e["id"] for e in json.loads(plain.stdout)["events"]] == [e["id"] for e in lavrov[:2]]


def test_show_errors(samples_db):
    missing = invoke("show", "ev_ffffffffffff", "--db", str(samples_db))
    assert missing.exit_code == 1 and missing.stdout == ""
    [line] = stderr_lines(missing)
    assert "ev_ffffffffffff" in line and "no such event" in line
    ambiguous = invoke("show", "ev_", "--db", str(samples_db))
    assert ambiguous.exit_code in (1, 2) and len(stderr_lines(ambiguous)) == 1
    short = invoke("show", "ev_0", "--db", str(samples_db))
    assert short.exit_code in (1, 2) and len(stderr_lines(short)) == 1
    empty = invoke("show", "-", "--db", str(samples_db), input="")
    assert empty.exit_code == 2
    for r in (missing, ambiguous, short, empty):
        no_traceback(r)


# ---------------------------------------------------------------------------------------------
# Habits of good command-line tools

def test_help_lists_exit_codes():
    result = invoke("--help")
    assert "Exit codes" in result.stdout and "NO_COLOR" in result.stdout


def test_no_color_even_when_forced(samples_db, full):
    treaty = _poutine_treaty(full)
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    forced = runner.invoke(app, ["show", treaty["id"], "--db", str(samples_db)], env=env)
    assert "\x1b[" in forced.stdout, "FORCE_COLOR makes colour: the NO_COLOR check below means something"
    for command in (["show", treaty["id"]], ["timeline"], ["actors"]):
        result = runner.invoke(app, [*command, "--db", str(samples_db)], env={**env, "NO_COLOR": "1"})
        assert result.exit_code == 0
        assert "\x1b[" not in result.stdout, command


def _run_piped(args, reader, samples_db):
    """`factx ARGS | READER` with real processes; the producer's exit code and stderr."""
    producer = subprocess.Popen([sys.executable, "-m", "factx.cli", *args, "--db", str(samples_db)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    consumer = subprocess.run(reader, stdin=producer.stdout, capture_output=True, timeout=120)
    producer.stdout.close()
    stderr = producer.stderr.read().decode()
    producer.stderr.close()
    return producer.wait(timeout=120), stderr, consumer


@pytest.mark.parametrize("args", [["timeline", "--jsonl", "--explain"], ["timeline", "--json", "--explain"],
                                  ["timeline", "--explain"]])
def test_a_closed_pipe_is_not_an_error(samples_db, args):
    # more than a pipe buffer (64 KiB) of output, read by a reader that stops after one line
    code, stderr, head = _run_piped(args, ["head", "-n", "1"], samples_db)
    assert head.returncode == 0 and len(head.stdout.splitlines()) == 1
    assert code == 0, stderr
    assert stderr == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_quiet(command):
    result = invoke(command, "--help")
    assert "--quiet" in result.stdout


def test_quiet_keeps_errors(samples_db, tmp_path):
    result = invoke("timeline", "--db", str(tmp_path / "absent.db"), "--quiet")
    assert result.exit_code == 1 and "no such database" in result.stderr
