"""Typed provenance: where a date came from (`ResolvedBy`) and how it was made (`Reading`)."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from builders import interval, make_article, make_mention
from factx.errors import StoreError
from factx.store import Store
from factx.temporal import DateInterval, DocumentDate, Reading, ResolvedBy

ROOT = Path(__file__).resolve().parent.parent


def test_members_are_the_published_strings():
    assert ResolvedBy.SINCE == "since" and "since" == ResolvedBy.SINCE
    assert ResolvedBy.SINCE in {"since", "corpus"} and {"since": 1}.get(ResolvedBy.SINCE) == 1
    assert ResolvedBy.SINCE in frozenset({"since"})  # the merge's sets of strings find the members
    assert f"({ResolvedBy.WEEKDAY_DATE})" == "(weekday-date)" and str(ResolvedBy.CORPUS) == "corpus"
    assert json.dumps([ResolvedBy.DOCUMENT_DATE]) == '["document-date"]'
    values = [m.value for m in ResolvedBy]
    assert len(values) == len(set(values))


def test_every_member_says_what_it_means():
    source = (ROOT / "factx" / "temporal" / "provenance.py").read_text(encoding="utf-8")
    for m in ResolvedBy:
        assert re.search(rf'^    {m.name} = "{re.escape(m.value)}"  # \S', source, re.M), m.name


def test_an_interval_built_with_a_string_holds_the_member():
    iv = interval("2024-06-18", resolved_by="weekday")
    assert iv.resolved_by is ResolvedBy.WEEKDAY
    assert iv.to_dict()["resolved_by"] == "weekday" and type(iv.to_dict()["resolved_by"]) is str
    with pytest.raises(ValueError, match="unknown date provenance.*'guessed'"):
        DateInterval(date(2024, 6, 18), date(2024, 6, 18), "day", False, "guessed")


def test_values_older_factx_wrote_map_to_the_anchor():
    for older in ("relative", "ago", "month", "partial"):
        assert ResolvedBy.read(older) is ResolvedBy.ANCHOR


def test_producers_and_comparisons_use_members():
    """No `resolved_by="since"` nor `== "since"` left in the date reader and the modules that store,
    export and explain its dates: each value is written once, in provenance.py."""
    files = [*(ROOT / "factx" / "temporal").rglob("*.py"), *(ROOT / "factx" / "merge").rglob("*.py"),
             *(ROOT / "factx" / name for name in ("explain.py", "store.py", "export.py", "events.py", "pipeline.py"))]
    values = "|".join(re.escape(m.value) for m in ResolvedBy)
    literal = re.compile(rf'(?:resolved_by\s*(?:=|==|!=|not in|in)\s*\(?|\bhow\s*(?:==|!=)\s*|(?:True|False), |frozenset\(\{{)"(?:{values})"')
    found = [f"{p.name}:{n}" for p in files if p.name != "provenance.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if literal.search(line)]
    assert found == []


def _store_with_mention_date(tmp_path, resolved_by: str) -> Path:
    path = tmp_path / "older.db"
    with Store.open(path) as s:
        text = "Poutine a signé mercredi un traité."
        m = make_mention("doc", text, interval("2024-06-19", resolved_by="weekday"), ("Vladimir Poutine",),
                         date_text="mercredi")
        s.save_document(make_article("doc", text), DocumentDate(interval("2024-06-17"), date(2024, 6, 17)), [], [m])
    conn = sqlite3.connect(path)
    raw = json.loads(conn.execute("SELECT date_json FROM mentions").fetchone()[0])
    raw["resolved_by"] = resolved_by
    conn.execute("UPDATE mentions SET date_json = ?", (json.dumps(raw),))
    conn.commit()
    conn.close()
    return path


def test_a_store_with_a_value_of_an_older_factx_loads(tmp_path):
    with Store.open(_store_with_mention_date(tmp_path, "relative")) as s:
        (m,) = s.all_mentions()
    assert m.date.resolved_by is ResolvedBy.ANCHOR


def test_a_store_with_an_unknown_value_fails_clearly(tmp_path):
    with Store.open(_store_with_mention_date(tmp_path, "devinette")) as s:
        with pytest.raises(StoreError, match="'devinette'.*another factx version"):
            s.all_mentions()


def test_a_reading_round_trips():
    r = Reading("weekday", date(2024, 6, 17), "future")
    assert Reading.from_dict(json.loads(json.dumps(r.to_dict()))) == r
    assert Reading.from_dict({}) == Reading()


# -- direction words as data (models/temporal_fr.json) -------------------------------------------

def test_each_direction_word_points_as_its_example_is_read():
    from factx.temporal.lexicon import direction, direction_form, lexicon_raw
    from factx.temporal.tense import rel_tense

    for word, entry in lexicon_raw()["direction_words"].items():
        assert word in entry["example"].lower().split(), word
        assert rel_tense(word) == direction(word.upper()) == entry["points"]
        assert direction_form(word) == entry["as"]
    assert direction("ci") is direction(None) is None and direction_form("En cours") == "en cours"


def test_each_counting_word_is_in_its_example():
    from factx.temporal.lexicon import lexicon_raw

    for word, entry in lexicon_raw()["counting_words"].items():
        assert entry["example"].lower().startswith(word) and entry["points"] in ("past", "future")


def test_a_direction_word_without_its_example_is_refused(monkeypatch):
    from factx.errors import DataFileError
    from factx.validation import check

    data = json.loads((ROOT / "models" / "temporal_fr.json").read_text(encoding="utf-8"))
    del data["direction_words"]["dernier"]["example"]
    with pytest.raises(DataFileError, match="direction_words"):
        check(data, "temporal_lexicon.schema.json", "temporal_fr.json")
