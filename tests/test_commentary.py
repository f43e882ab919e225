"""Commentary (issue 18, item 5): sentences that tell no fact are marked, stored, and kept out of the
timeline unless asked. Every sentence here is written for the tests."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from builders import extract_mentions, interval, make_article, make_mention
from factx.commentary import INPUTS, commentary_model, event_is_commentary
from factx.merge import merge_mentions
from factx.store import Store
from factx.temporal import DocumentDate

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "commentary_labels.csv"
DD = DocumentDate(interval("2024-06-04"), None)

LEAD = "Titre de l'article\n\nLe gouvernement a réuni les ministres lundi 3 juin 2024. "
COMMENTARY = [
    "C'est l'une de ses obsessions depuis la guerre froide.",
    "Le contraste est saisissant.",
    "Une décision qui ne manquera pas de faire réagir.",
    "Reste à savoir si la trêve tiendra.",
    "Un pari audacieux qui pourrait bien payer.",
]
FACTS = [
    "Le président a signé le décret mardi.",
    "Le bilan s'élève à 724 morts.",
    "Le ministre Jean Dupuis a démissionné lundi 3 juin.",
    "« Nous ferons appel dès demain », a déclaré Maître Paul Lebrun, l'avocat de la famille.",
    "Les secours ont dégagé douze personnes des décombres dans la nuit.",
]


def _mention_of(nlp, gazetteer, sentence: str):
    mentions = [m for m in extract_mentions(nlp, gazetteer, "d", LEAD + sentence, metadata_date="2024-06-04")
                if m.sentence in sentence and len(m.sentence) > len(sentence) // 2]  # the parser may leave out "« "
    assert mentions, f"not an event mention: {sentence!r}"
    return mentions


@pytest.mark.parametrize("sentence", COMMENTARY)
def test_commentary_is_marked(nlp, gazetteer, sentence):
    assert all(m.commentary for m in _mention_of(nlp, gazetteer, sentence))


@pytest.mark.parametrize("sentence", FACTS)
def test_facts_are_not_marked(nlp, gazetteer, sentence):
    assert not any(m.commentary for m in _mention_of(nlp, gazetteer, sentence))


@pytest.mark.parametrize("modality, attributed", [("possible", False), ("planned", False), ("asserted", True)])
def test_a_claim_with_a_modality_or_a_source_is_never_commentary(nlp, modality, attributed):
    """A possibility, a plan or what a source says is shown under its modality, not hidden: the
    same words the model calls commentary when the paper asserts them."""
    from builders import make_article
    from factx.commentary import is_commentary
    from factx.nlp import parse_articles

    sentence = next(parse_articles(nlp, [make_article("c", COMMENTARY[1])])).sentences[0]
    assert is_commentary(sentence, "asserted", False, text=COMMENTARY[1])
    assert not is_commentary(sentence, modality, attributed, text=COMMENTARY[1])


def test_a_quoted_opinion_is_what_was_said_not_commentary(nlp, gazetteer):
    # a sentence inside a quotation the sentence before opened is its speaker's
    text = ("Titre\n\n« Nous avons gagné ce mardi 4 juin, a déclaré Jeanne Morel. C'est évidemment une émotion énorme "
            "et le contraste est saisissant. »")
    mentions = extract_mentions(nlp, gazetteer, "d", text, metadata_date="2024-06-04")
    inside = [m for m in mentions if m.sentence.startswith("C'est évidemment")]
    assert inside and not any(m.commentary for m in inside)


def test_the_model_reads_only_inputs_the_code_computes():
    model = commentary_model()
    assert set(model.inputs) <= set(INPUTS) and len(model.inputs) == len(model.weights)
    assert 0 < model.threshold < 1
    raw = json.loads((ROOT / "models" / "commentary.json").read_text(encoding="utf-8"))
    assert raw["cross_validation"]["precision"] >= raw["cross_validation"]["target_precision"] == 0.9


def test_the_runtime_imports_no_fitting_library():
    code = ("import sys, factx.commentary, factx.events; factx.commentary.commentary_model(); "
            "print(any(m.split('.')[0] == 'sklearn' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_the_labels_hold_no_article_text():
    with LABELS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 400
    assert set(rows[0]) == {"doc", "story", "start", "end", "sha1", "label", "source", *INPUTS}
    assert {r["label"] for r in rows} == {"fact", "commentary", "junk"}
    assert sum(r["source"] == "manual" for r in rows) >= 400
    for r in rows:
        assert re.fullmatch(r"[0-9a-f]{12}", r["sha1"]) and int(r["start"]) < int(r["end"])
        assert r["source"] == "manual" or r["label"] == "fact"  # a gold item is a fact by construction
        for name in INPUTS:
            assert 0.0 <= float(r[name]) <= 1.0


def test_an_event_is_commentary_only_when_all_its_mentions_are():
    fact = make_mention("a", "Le président a signé le décret.", interval("2024-06-04"))
    comment = replace(make_mention("b", "Le contraste est saisissant.", interval("2024-06-04")), commentary=True)
    assert event_is_commentary([comment]) and event_is_commentary([comment, comment])
    assert not event_is_commentary([comment, fact]) and not event_is_commentary([])


# -- stored, hidden by default, shown when asked ---------------------------------------------------

TEXT = "Le président a signé le décret mardi. Le contraste est saisissant."


def _store_with_commentary(path) -> Store:
    fact = make_mention("doc", "Le président a signé le décret mardi.", interval("2024-06-04"), ["Jean Dupuis"])
    comment = replace(make_mention("doc", "Le contraste est saisissant.", interval("2024-06-04"), start=38,
                                   sentence_index=1), commentary=True)
    store = Store.open(path)
    store.save_document(make_article("doc", TEXT), DD, [], [fact, comment])
    from factx.export import event_json

    events = merge_mentions(store.all_mentions())
    store.replace_events(events, published={e.id: event_json(e) for e in events})
    return store


def test_commentary_round_trips_through_the_store(tmp_path):
    with _store_with_commentary(tmp_path / "s.db") as store:
        assert sorted(m.commentary for m in store.all_mentions()) == [False, True]
        assert store.commentary_event_count() == 1
        assert len(list(store.events())) == 2
        kept = list(store.events(commentary=False))
        assert [e.summary for e in kept] == ["Le président a signé le décret mardi."]
        assert len(store.published_events(commentary=False)) == 1


def test_the_timeline_hides_commentary_unless_asked(tmp_path):
    from typer.testing import CliRunner

    from factx.cli import app

    db = tmp_path / "s.db"
    _store_with_commentary(db).close()
    runner = CliRunner()
    hidden = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--json"]).stdout)
    assert [e["commentary"] for e in hidden["events"]] == [False]
    shown = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--json", "--with-commentary"]).stdout)
    assert sorted(e["commentary"] for e in shown["events"]) == [False, True]
    comment = next(e for e in shown["events"] if e["commentary"])
    assert [m["commentary"] for m in comment["mentions"]] == [True]
    lines = runner.invoke(app, ["timeline", "--db", str(db), "--jsonl", "--with-commentary"]).stdout.splitlines()
    assert sorted(json.loads(line)["commentary"] for line in lines) == [False, True]
    rows = list(csv.DictReader(runner.invoke(app, ["timeline", "--db", str(db), "--csv", "--with-commentary"]).stdout
                               .splitlines()))
    assert list(rows[0])[-1] == "commentary" and sorted(r["commentary"] for r in rows) == ["false", "true"]
    table = runner.invoke(app, ["timeline", "--db", str(db), "--with-commentary"]).stdout
    assert "[commentaire]" in table


def test_a_store_of_schema_7_is_migrated(tmp_path):
    import sqlite3

    from factx import store as store_module

    path = tmp_path / "seven.db"
    _store_with_commentary(path).close()
    sqlite3.connect(path).executescript("ALTER TABLE mentions DROP COLUMN commentary; ALTER TABLE events DROP COLUMN commentary; "
                                        "UPDATE meta SET value = '7' WHERE key = 'schema_version';").connection.close()
    with Store.open(path, create=False) as s:
        assert [m.commentary for m in s.all_mentions()] == [False, False]  # older rows never kept it
        assert s.commentary_event_count() == 0
        assert s.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] \
            == str(store_module.SCHEMA_VERSION) == "8"


def test_help_names_the_option_with_an_example():
    from typer.testing import CliRunner

    from factx.cli import app

    out = CliRunner().invoke(app, ["timeline", "--help"], env={"COLUMNS": "200"}).stdout
    assert "--with-commentary" in out and "select(.commentary)" in out
