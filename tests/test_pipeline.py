"""The extract job end to end on samples/ (docs/samples.md describes what they hold), and the golden file."""

from __future__ import annotations

import difflib
import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import SAMPLE_IDS
from factx.cli import app
from factx.ingest import Rejected
from factx.pipeline import ExtractOptions, run_extract
from factx.store import Store

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "samples_timeline.json"
D = date.fromisoformat


# docs/samples.md: the publication date, and whether it is written (exact) or inferred from the text
SAMPLE_DATES = {
    "coree/la-depeche-de-l-est-poutine-annonce-visite": ("2024-06-17", True),
    "coree/lecho-du-matin-poutine-pyongyang": ("2024-06-18", False),
    "coree/le-quotidien-continental-traite-pyongyang": ("2024-06-19", True),
    "coree/radio-horizon-poutine-kim-traite": ("2024-06-20", True),
    "coree/le-veilleur-international-lavrov-wonsan": ("2025-07-12", True),
    "coree/agence-boreale-lavrov-kim-wonsan": ("2025-07-13", False),
    "france/la-gazette-des-territoires-dissolution": ("2024-06-10", True),
    "france/le-courrier-republicain-attal-demission": ("2024-07-22", True),
}


@pytest.fixture(scope="module")
def stored(samples_db):
    with Store.open(samples_db, create=False) as store:
        return {
            "documents": store.documents(),
            "texts": {d.id: store.document_text(d.id) for d in store.documents()},
            "mentions": store.all_mentions(),
            "events": list(store.events()),
        }


def _events(stored, day_start, day_end=None, source=None):
    day_end = day_end or day_start
    return [e for e in stored["events"] if e.date and e.date.start == D(day_start) and e.date.end == D(day_end)
            and (source is None or source in e.sources)]


def test_report(samples_extract, stored):
    report = samples_extract.report
    assert sorted(report.stored) == SAMPLE_IDS
    assert report.unchanged == [] and report.rejected == []
    assert report.events == len(stored["events"]) > 20


def test_documents_ids_paths_and_titles(stored):
    docs = {d.id: d for d in stored["documents"]}
    assert sorted(docs) == SAMPLE_IDS
    assert docs["coree/le-veilleur-international-lavrov-wonsan"].path == \
        "samples/coree/le-veilleur-international-lavrov-wonsan.html"
    assert docs["coree/radio-horizon-poutine-kim-traite"].title.startswith("Poutine et Kim signent un traité")
    assert docs["coree/le-veilleur-international-lavrov-wonsan"].title.startswith("Lavrov en Corée du Nord")
    assert all(d.title for d in docs.values())


@pytest.mark.parametrize("doc_id", sorted(SAMPLE_DATES))
def test_document_dates(stored, doc_id):
    expected, exact = SAMPLE_DATES[doc_id]
    [doc] = [d for d in stored["documents"] if d.id == doc_id]
    assert doc.date is not None
    assert doc.date.contains(D(expected)), (doc_id, doc.date)
    if exact:
        assert doc.date.start == doc.date.end == D(expected)
        assert doc.date.approximate is False
    else:
        assert doc.date.resolved_by == "weekday-date"
        assert (doc.date.end - doc.date.start).days <= 7


def test_stored_text_has_no_page_junk(stored):
    everything = "\n".join(stored["texts"].values())
    for junk in ("top of page", "bottom of page", "Partager cet article", "Temps de lecture", "Lire aussi",
                 "window.dataLayer", "Les plus lus", "Newsletter", "$$$$", "*.*.*.", "Mots-clés", "\u00a0",
                 "ParisEmmanuel", "Par Julien Marchal", "Photo : AFP"):
        assert junk not in everything, junk


def test_mention_offsets_point_into_the_stored_text(stored):
    assert len(stored["mentions"]) > 50
    for m in stored["mentions"]:
        text = stored["texts"][m.doc_id]
        assert text[m.start:m.end] == m.sentence
        if m.date_text is not None:
            assert text[m.date_start:m.date_end] == m.date_text
            assert m.start <= m.date_start < m.date_end <= m.end


def test_numbers_are_not_dates(stored):
    for m in stored["mentions"]:
        if m.date_text:
            for not_a_date in ("7 000", "6 500", "12 000", "11 000", "minute", "18h40", "conteneurs", "kilomètres",
                               "heures", "%"):
                assert not_a_date not in m.date_text, (m.date_text, m.sentence)


def test_every_event_is_sourced_and_sorted(stored):
    events = stored["events"]
    for e in events:
        assert e.sources and e.mentions
        assert set(e.sources) == {m.doc_id for m in e.mentions}
        if e.date is not None:
            # the event takes its most precise date; every mention's own date agrees with it, or the
            # disagreement is listed as a conflict
            assert all(m.date is not None for m in e.mentions)
            disagreeing = [m for m in e.mentions if m.date.end < e.date.start - timedelta(days=1)
                           or m.date.start > e.date.end + timedelta(days=7)]
            assert not disagreeing or any(c.what == "date" for c in e.conflicts), e
    keys = [(0, e.date.start, e.date.end) if e.date else (1, date.max, date.max) for e in events]
    assert keys == sorted(keys)


def test_actors_are_canonical(stored):
    actors = {a for e in stored["events"] for a in e.actors}
    assert {"Vladimir Poutine", "Kim Jong-un", "Kim Jong-il", "Sergueï Lavrov", "John Kirby", "Emmanuel Macron",
            "Gabriel Attal"} <= actors
    for wrong in ("Poutine", "M. Poutine", "Kim Jong Un", "Kim Jong-", "Lavrov", "Lundi", "le président russe"):
        assert wrong not in actors


# -- claims that should merge across outlets (docs/samples.md) --------------------------------

def test_treaty_of_19_june_2024_is_one_event_from_two_outlets(stored):
    treaty = [e for e in _events(stored, "2024-06-19") if {"Vladimir Poutine", "Kim Jong-un"} <= set(e.actors)
              and len(e.sources) >= 2]
    assert len(treaty) == 1
    assert {"coree/le-quotidien-continental-traite-pyongyang", "coree/radio-horizon-poutine-kim-traite"} <= \
        set(treaty[0].sources)
    assert any(word in treaty[0].summary for word in ("sign", "scell", "traité", "pacte"))


def test_vietnam_visit_of_19_20_june_is_one_event(stored):
    vietnam = [e for e in stored["events"] if e.date and e.date.start >= date(2024, 6, 19) and e.date.end <= date(2024, 6, 20)
               and any("Vietnam" in m.sentence or "Hanoï" in m.sentence for m in e.mentions)]
    merged = [e for e in vietnam if {"coree/la-depeche-de-l-est-poutine-annonce-visite",
                                     "coree/radio-horizon-poutine-kim-traite"} <= set(e.sources)]
    assert len(merged) == 1
    assert not any("Pyongyang" in m.sentence and "Vietnam" not in m.sentence and "Hanoï" not in m.sentence
                   for m in merged[0].mentions)


def test_kirby_concern_of_monday_17_june_is_one_event(stored):
    kirby = [e for e in _events(stored, "2024-06-17") if "John Kirby" in e.actors]
    assert len(kirby) == 1, [(e.actors, e.sources) for e in kirby]
    assert set(kirby[0].sources) == {"coree/lecho-du-matin-poutine-pyongyang",
                                      "coree/la-depeche-de-l-est-poutine-annonce-visite"}


# -- look-alike claims that must not merge ----------------------------------------------------

def test_look_alikes_stay_apart(stored):
    events = stored["events"]
    for e in events:
        years = {m.date.start.year for m in e.mentions if m.date and m.date.resolved_by != "since"}
        # Pyongyang 2000 / 2019 / 2023 / 2024 / 2025 are different events; "il y a 24 ans" and "il y a
        # près d'un quart de siècle" are one claim whose sources disagree, and say so
        assert len(years) <= 1 or any(c.what == "date" for c in e.conflicts), e
        assert not {"Kim Jong-il", "Kim Jong-un"} <= set(e.actors) or len(e.mentions) == 1
    offer = _events(stored, "2024-07-08", source="france/le-courrier-republicain-attal-demission")
    accept = _events(stored, "2024-07-16", source="france/le-courrier-republicain-attal-demission")
    assert offer and accept and not {e.id for e in offer} & {e.id for e in accept}
    first_round = {e.id for e in _events(stored, "2024-06-30")}
    second_round = {e.id for e in _events(stored, "2024-07-07")}
    assert first_round and second_round and not first_round & second_round
    hanoi = {e.id for e in stored["events"] for m in e.mentions if "Hanoï" in m.sentence or "Vietnam" in m.sentence[:60]}
    pyongyang_night = {e.id for e in stored["events"] for m in e.mentions if m.date_text and "nuit de mardi à mercredi" in m.date_text}
    assert hanoi and pyongyang_night and not hanoi & pyongyang_night


def test_headline_dates_of_the_2024_elections_are_in_2024(stored):
    """'Des élections législatives anticipées sont convoquées le 30 juin et le 7 juillet' (10 June 2024)."""
    gazette = "france/la-gazette-des-territoires-dissolution"
    dated = [m for m in stored["mentions"] if m.doc_id == gazette and m.date_text
             and ("30 juin" in m.date_text or "7 juillet" in m.date_text)]
    assert len(dated) >= 4
    assert [(m.date_text, m.date.start.year) for m in dated if m.date.start.year != 2024] == []


# ---------------------------------------------------------------------------------------------
# run_extract behaviour

def test_rerun_on_the_same_store_changes_nothing(samples_db_copy, samples_extract, reuse_model):
    requests = len(reuse_model)
    with Store.open(samples_db_copy) as store:
        report = run_extract([str(ROOT / "samples")], store)
    assert report.stored == [] and sorted(report.unchanged) == SAMPLE_IDS
    assert report.events == samples_extract.report.events
    assert len(reuse_model) == requests  # no model needed


def test_force_reextracts_the_same_events(samples_db_copy, samples_extract, reuse_model, monkeypatch):
    monkeypatch.chdir(ROOT)
    with Store.open(samples_db_copy) as store:
        before = [(e.id, e.summary, e.sources) for e in store.events()]
        report = run_extract(["samples/"], store, ExtractOptions(force=True))
        after = [(e.id, e.summary, e.sources) for e in store.events()]
    assert sorted(report.stored) == SAMPLE_IDS
    assert after == before  # deterministic


def test_progress_and_skip_callbacks(tmp_path, reuse_model):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((ROOT / "samples/france/la-gazette-des-territoires-dissolution.txt")
                                  .read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    progress, skipped = [], []
    with Store.open(tmp_path / "x.db") as store:
        report = run_extract([str(folder)], store, on_progress=lambda done, total, doc: progress.append((done, total, doc)),
                             on_skip=skipped.append)
    assert report.stored == ["a"]
    assert [r.source.doc_id for r in report.rejected] == ["b"]
    assert len(skipped) == 1 and isinstance(skipped[0], Rejected) and "empty" in skipped[0].reason
    assert sorted(done for done, _, _ in progress) == [1, 2]
    assert all(total == 2 for _, total, _ in progress)
    assert {doc for _, _, doc in progress} == {"a", "b"}


def test_a_new_document_date_reextracts(tmp_path, reuse_model):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Le maire de Valbourg a inauguré mercredi le nouveau pont sur le canal, en présence des habitants.\n"
        "Claire Fontaine a promis que la piste cyclable serait terminée avant l'été prochain.", encoding="utf-8")
    with Store.open(tmp_path / "x.db") as store:
        first = run_extract([str(folder)], store, ExtractOptions(document_date="2023-03-16"))
        wednesday_1 = [m.date.start for m in store.all_mentions() if m.date_text == "mercredi"]
        second = run_extract([str(folder)], store, ExtractOptions(document_date="2023-03-16"))
        third = run_extract([str(folder)], store, ExtractOptions(document_date="2023-03-23"))
        wednesday_3 = [m.date.start for m in store.all_mentions() if m.date_text == "mercredi"]
    assert first.stored == ["a"] and second.unchanged == ["a"] and third.stored == ["a"]
    assert wednesday_1 == [D("2023-03-15")] and wednesday_3 == [D("2023-03-22")]


# ---------------------------------------------------------------------------------------------
# Golden file: `factx timeline --json` on samples/

def _normalised(doc: dict) -> dict:
    """Drop what changes without the timeline changing: the version, absolute folders in paths."""
    doc = json.loads(json.dumps(doc))
    doc.pop("factx_version", None)
    for d in doc["documents"]:
        path = Path(d["path"])
        if path.is_absolute():
            try:
                d["path"] = path.relative_to(ROOT).as_posix()
            except ValueError:
                pass
    return doc


def _outline(doc: dict) -> list[str]:
    lines = [f"doc {d['id']} {(d['date'] or {}).get('edtf')}" for d in doc["documents"]]
    for e in doc["events"]:
        lines.append(f"{(e['date'] or {}).get('edtf')} {','.join(e['sources'])} | {e['summary'][:70]}")
    return lines


def test_samples_timeline_matches_golden(samples_db):
    result = CliRunner().invoke(app, ["timeline", "--db", str(samples_db), "--json"])
    assert result.exit_code == 0, result.stderr
    current = _normalised(json.loads(result.stdout))
    if os.environ.get("FACTX_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing; create it with FACTX_UPDATE_GOLDEN=1 python -m pytest {__file__}")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if current != golden:
        diff = "\n".join(difflib.unified_diff(_outline(golden), _outline(current), "golden", "now", lineterm="", n=1))
        pytest.fail("the samples timeline changed; if that is intended, run with FACTX_UPDATE_GOLDEN=1\n"
                    + (diff or "(same outline: ids, mentions, actors or places changed)"))


def test_json_written_with_the_merge_is_the_json_built_from_the_rows(samples_db):
    """timeline --json prints the events' JSON stored by the merge; it must be the text the export
    builds from the stored rows, whole and filtered."""
    import io

    from factx import export

    with Store.open(samples_db, create=False) as store:
        for filters in ({}, {"actors": ["Vladimir Poutine"], "since": D("2024-06-01"), "until": D("2024-06-30")}):
            published = store.published_events(**filters)
            assert published is not None and len(published) > 3
            fast, slow = io.StringIO(), io.StringIO()
            export.write_published_json(published, store.documents(), fast)
            export.write_json(list(store.events(**filters)), store.documents(), slow)
            assert fast.getvalue() == slow.getvalue()


# ---------------------------------------------------------------------------------------------
# Scale (issue 5): worker processes, unchanged files, batched writes

def _stored_state(db: Path) -> tuple:
    with Store.open(db, create=False) as store:
        return ([(d.id, d.title, d.date) for d in store.documents()], store.all_mentions(), list(store.events()))


def test_two_workers_store_what_one_process_stores(samples_db, samples_extract, reuse_model, tmp_path, monkeypatch):
    import factx.pipeline as pipeline

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(pipeline, "FEW_CHUNKS", 0)  # worker processes however few the files
    db = tmp_path / "two.db"
    with Store.open(db) as store:
        report = run_extract(["samples/"], store, ExtractOptions(workers=2))
    assert report.stored == samples_extract.report.stored  # the same order too
    assert _stored_state(db) == _stored_state(samples_db)


def test_few_files_are_read_by_one_process_whatever_the_workers(samples_db, reuse_model, tmp_path, monkeypatch):
    """A re-run after a few files changed does not start worker processes that would each load the
    model for a few articles; many files do, and both store the same."""
    import multiprocessing

    import factx.pipeline as pipeline

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    pools = []
    real_context = multiprocessing.get_context

    def counting_context(method=None):
        context = real_context(method)
        real_pool = context.Pool

        def pool(*args, **kwargs):
            pools.append(args[0] if args else kwargs.get("processes"))
            return real_pool(*args, **kwargs)

        context.Pool = pool
        return context

    monkeypatch.setattr(multiprocessing, "get_context", counting_context)
    articles = len(_stored_state(samples_db)[0])
    monkeypatch.setattr(pipeline, "FEW_CHUNKS", articles)  # all the samples are a few
    with Store.open(tmp_path / "few.db") as store:
        run_extract(["samples/"], store, ExtractOptions(workers=2))
    assert pools == []
    monkeypatch.setattr(pipeline, "FEW_CHUNKS", articles - 1)
    with Store.open(tmp_path / "many.db") as store:
        run_extract(["samples/"], store, ExtractOptions(workers=2))
    assert pools == [2]
    assert _stored_state(tmp_path / "few.db") == _stored_state(tmp_path / "many.db") == _stored_state(samples_db)


def test_chunks_and_store_batches_do_not_change_what_is_stored(samples_db, reuse_model, tmp_path, monkeypatch):
    """One article per spaCy call and per transaction stores what the defaults store."""
    import factx.pipeline as pipeline

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    monkeypatch.setattr(pipeline, "STORE_BATCH", 1)
    db = tmp_path / "one-by-one.db"
    with Store.open(db) as store:
        run_extract(["samples/"], store)
    assert _stored_state(db) == _stored_state(samples_db)


def test_unchanged_files_are_not_read_as_articles(samples_db_copy, reuse_model, monkeypatch):
    """An unchanged re-run hashes the bytes and stops there: no cleaning, no model, no merging."""
    import factx.pipeline as pipeline

    loaded, merged = [], []
    monkeypatch.setattr(pipeline, "load_article", lambda source: loaded.append(source) or pytest.fail("read"))
    monkeypatch.setattr(pipeline, "merge_with_memory", lambda mentions, memory: merged.append(1) or ([], memory))
    requests = len(reuse_model)
    with Store.open(samples_db_copy) as store:
        report = run_extract([str(ROOT / "samples")], store)
    assert sorted(report.unchanged) == SAMPLE_IDS and report.stored == []
    assert loaded == [] and merged == [] and len(reuse_model) == requests


def test_a_changed_file_among_unchanged_ones_is_read_again(reuse_model, tmp_path):
    folder = tmp_path / "in"
    for path in (ROOT / "samples").rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(ROOT / "samples")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    with Store.open(tmp_path / "x.db") as store:
        run_extract([str(folder)], store)
        gazette = folder / "france/la-gazette-des-territoires-dissolution.txt"
        gazette.write_text(gazette.read_text(encoding="utf-8") + "\nUn paragraphe ajouté par la rédaction.\n",
                           encoding="utf-8")
        report = run_extract([str(folder)], store)
    assert report.stored == ["france/la-gazette-des-territoires-dissolution"]
    assert len(report.unchanged) == len(SAMPLE_IDS) - 1
    # the re-run merged from what the first left (merge.MergeMemory) and rewrote only the events that
    # changed: the store holds what a first extract of the folder as it is now holds
    with Store.open(tmp_path / "fresh.db") as store:
        run_extract([str(folder)], store)
    assert _stored_state(tmp_path / "x.db") == _stored_state(tmp_path / "fresh.db")
    with Store.open(tmp_path / "x.db") as store, Store.open(tmp_path / "fresh.db") as fresh:
        assert list(store.published_events()) == list(fresh.published_events())


def test_a_rerun_starts_from_the_stored_estimates_and_stores_what_a_fresh_run_stores(reuse_model, tmp_path, monkeypatch):
    """Undated articles' dates estimated from the claims they share (issue 17): a re-run keeps the
    stored estimate of every article whose shared claims are those of the last merge, and reads again
    only those a changed file touches; the store then holds what a first extract of the folder holds."""
    import factx.pipeline as pipeline
    from bench.corpus import build_corpus, change_files

    files = build_corpus(tmp_path / "in", 40)
    reused: list[set] = []
    estimate = pipeline.estimates_with_inputs

    def spied(*args):
        found = estimate(*args)
        reused.append(found[2])
        return found

    monkeypatch.setattr(pipeline, "estimates_with_inputs", spied)
    with Store.open(tmp_path / "x.db") as store:
        run_extract([str(tmp_path / "in")], store)
        assert reused == [set()] and len(store.merge_memory().estimate_inputs()) >= 2
        # an undated article the first merge dated (its estimate must stay though its file changed), then another
        for changed in (files[28], files[17]):
            change_files([changed], 1.0)
            report = run_extract([str(tmp_path / "in")], store)
            assert len(report.stored) == 1 and reused[-1]  # estimates kept, not computed again
    with Store.open(tmp_path / "fresh.db") as store:
        run_extract([str(tmp_path / "in")], store)
    assert _stored_state(tmp_path / "x.db") == _stored_state(tmp_path / "fresh.db")
    with Store.open(tmp_path / "x.db") as store, Store.open(tmp_path / "fresh.db") as fresh:
        assert [d for d in store.documents() if d.date and d.date.resolved_by == "corpus"]
        assert list(store.published_events()) == list(fresh.published_events())


def test_the_model_thread_switches_often_only_while_it_runs(monkeypatch):
    """The short GIL switch interval is for the model thread's run; the caller's interval is back
    after the run, and after a run stopped early."""
    import sys

    import factx.pipeline as pipeline

    seen = []
    job = pipeline._Job(nlp=None, gazetteer=None, options=ExtractOptions())
    monkeypatch.setattr(job, "parse", lambda chunk: chunk)
    monkeypatch.setattr(job, "analyse", lambda chunk: seen.append(sys.getswitchinterval()) or chunk)
    before = sys.getswitchinterval()
    assert list(job.run_overlapped([[1, 2], [3], [4]])) == [1, 2, 3, 4]
    assert seen and all(x == pytest.approx(pipeline.MODEL_THREAD_SWITCH_INTERVAL) for x in seen)
    assert pipeline.MODEL_THREAD_SWITCH_INTERVAL < before
    assert sys.getswitchinterval() == before
    stopped = job.run_overlapped([[1], [2], [3]])
    next(stopped)
    stopped.close()
    assert sys.getswitchinterval() == before


# ---------------------------------------------------------------------------------------------
# One bad document never stops a run

_PLAIN = ("Le conseil municipal de Valbourg a voté mardi 12 mars 2024 le budget de la nouvelle médiathèque.\n"
          "La maire, Claire Fontaine, a déclaré que les travaux commenceraient en septembre.")


def _folder(tmp_path, **files) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_an_error_while_analysing_one_document_skips_it_only(tmp_path, reuse_model, monkeypatch, workers):
    import factx.pipeline as pipeline

    real = pipeline.extract_event_mentions

    def failing(parsed, *args, **kwargs):
        if parsed.article.doc_id == "odd":
            raise RuntimeError("a bug hit by one odd text")
        return real(parsed, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_event_mentions", failing)
    monkeypatch.setattr(pipeline, "FEW_CHUNKS", 0)  # with 2, in worker processes however few the files
    folder = _folder(tmp_path, a__txt=_PLAIN, odd__txt=_PLAIN.replace("Valbourg", "Montclair"))
    with Store.open(tmp_path / "x.db") as store:
        report = run_extract([str(folder)], store, ExtractOptions(workers=workers))
        stored = [d.id for d in store.documents()]
    assert report.stored == ["a"] and stored == ["a"] and report.events > 0
    assert [r.source.doc_id for r in report.rejected] == ["odd"]
    assert report.rejected[0].reason == "unexpected error while analysing (RuntimeError: a bug hit by one odd text)"


def test_an_error_while_reading_or_parsing_one_document_skips_it_only(tmp_path, reuse_model, monkeypatch):
    import factx.pipeline as pipeline

    real_load, real_parse = pipeline.load_article, pipeline.parse_articles

    def load(source):
        if source.doc_id == "unreadable":
            raise UnicodeError("a decoder bug")
        return real_load(source)

    def parse(nlp, articles, **kwargs):
        if any(a.doc_id == "unparsable" for a in articles):
            raise ValueError("the model cannot take this one")
        return real_parse(nlp, articles, **kwargs)

    monkeypatch.setattr(pipeline, "load_article", load)
    monkeypatch.setattr(pipeline, "parse_articles", parse)
    folder = _folder(tmp_path, a__txt=_PLAIN, unreadable__txt=_PLAIN, unparsable__txt=_PLAIN.replace("mardi", "jeudi"))
    with Store.open(tmp_path / "x.db") as store:
        report = run_extract([str(folder)], store)
    assert report.stored == ["a"]
    reasons = {r.source.doc_id: r.reason for r in report.rejected}
    assert reasons == {"unreadable": "unexpected error while reading (UnicodeError: a decoder bug)",
                       "unparsable": "unexpected error while parsing (ValueError: the model cannot take this one)"}


def test_progress_names_its_phases(tmp_path, reuse_model):
    folder = _folder(tmp_path, a__txt=_PLAIN)
    phases = []
    with Store.open(tmp_path / "x.db") as store:
        run_extract([str(folder)], store, on_phase=lambda phase, total: phases.append((phase, total)))
        run_extract([str(folder)], store, on_phase=lambda phase, total: phases.append((phase, total)))
    assert phases == [("reading", 1), ("loading the model", None), ("reading", 1), ("merging", None),
                      ("reading", 1)]  # the unchanged re-run neither loads the model nor merges


# ---------------------------------------------------------------------------------------------
# --dct: what it accepts, it uses

def test_a_month_given_as_dct_dates_the_document_within_it(tmp_path, reuse_model):
    folder = _folder(tmp_path, a__md="---\ndate: 2019-01-05\n---\n" + _PLAIN.replace("mardi 12 mars 2024", "le 4 juin")
                     + "\nElle a salué le travail des architectes.")
    with Store.open(tmp_path / "x.db") as store:
        run_extract([str(folder)], store, ExtractOptions(document_date="2024-06"))
        (doc,) = store.documents()
        mentions = {m.sentence[:20]: m.date for m in store.all_mentions()}
    assert (doc.date.start, doc.date.end, doc.date.resolved_by) == (D("2024-06-01"), D("2024-06-30"), "user")
    assert doc.date.approximate
    fourth = mentions["Le conseil municipal"]
    assert (fourth.start, fourth.end, fourth.resolved_by) == (D("2024-06-04"), D("2024-06-04"), "estimate")
    told = mentions["Elle a salué le trav"]
    assert (told.start, told.end, told.approximate) == (D("2024-06-01"), D("2024-06-30"), True)


# ---------------------------------------------------------------------------------------------
# Reproducible re-runs: one fingerprint over the code, the data files and the options

def test_a_changed_data_file_reextracts_and_merges_anew(tmp_path, reuse_model, monkeypatch):
    import shutil

    import factx.resources as resources
    import factx.ruleset as ruleset

    folder = _folder(tmp_path, a__txt=_PLAIN)
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    monkeypatch.setattr(resources, "models_dir", lambda: models)
    monkeypatch.setattr(ruleset, "models_dir", lambda: models)
    ruleset.data_fingerprint.cache_clear()
    try:
        with Store.open(tmp_path / "x.db") as store:
            first = run_extract([str(folder)], store)
            rules_before = store.merge_memory().rules
            frames = models / "event_frames.json"
            frames.write_text(frames.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            ruleset.data_fingerprint.cache_clear()
            second = run_extract([str(folder)], store)
            rules_after = store.merge_memory().rules
    finally:
        ruleset.data_fingerprint.cache_clear()
    assert first.stored == ["a"] and second.stored == ["a"] and second.unchanged == []
    assert rules_before != rules_after


def test_the_code_fingerprint_covers_every_module(tmp_path, monkeypatch):
    import shutil

    import factx.ruleset as ruleset

    package = tmp_path / "factx"
    shutil.copytree(ROOT / "factx", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(ruleset, "_PACKAGE_DIR", package)
    ruleset.code_fingerprint.cache_clear()
    try:
        before = ruleset.code_fingerprint()
        decision = package / "merge" / "decision.py"
        decision.write_text(decision.read_text(encoding="utf-8").replace("np.maximum(side.width, 1) + 1",
                                                                         "np.maximum(side.width, 1) + 2"), encoding="utf-8")
        ruleset.code_fingerprint.cache_clear()
        after = ruleset.code_fingerprint()
    finally:
        ruleset.code_fingerprint.cache_clear()
    assert before != after


# "mardi 18 juin" without a year, told in the future: the article is of the week before that Tuesday
_FESTIVAL = ("Le festival de Valbourg ouvrira ses portes ce mardi 18 juin avec un concert.\n"
             "La maire, Claire Fontaine, a promis une édition plus longue.")


def test_the_run_date_bounds_a_guessed_date_and_is_recorded(tmp_path, reuse_model):
    # "mardi 18 juin" without a year: the latest year it is a Tuesday, up to the run date
    folder = _folder(tmp_path, a__txt=_FESTIVAL)
    with Store.open(tmp_path / "x.db") as store:
        first = run_extract([str(folder)], store, ExtractOptions(run_date=D("2024-07-01")))
        (doc_2024,) = store.documents()
        again = run_extract([str(folder)], store, ExtractOptions(run_date=D("2024-07-01")))
        other = run_extract([str(folder)], store, ExtractOptions(run_date=D("2024-01-01")))
        (doc_2019,) = store.documents()
    assert first.stored == ["a"] and again.unchanged == ["a"] and other.stored == ["a"]
    assert doc_2024.run_date == D("2024-07-01") and doc_2024.date.end == D("2024-06-18")
    assert doc_2019.run_date == D("2024-01-01") and doc_2019.date.end == D("2019-06-18")


def test_explain_shows_the_run_date_a_guessed_date_was_bounded_by(tmp_path, reuse_model):
    folder = _folder(tmp_path, a__txt=_FESTIVAL)
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        run_extract([str(folder)], store, ExtractOptions(run_date=D("2024-07-01")))
    result = CliRunner().invoke(app, ["timeline", "--db", str(db), "--json", "--explain"])
    assert result.exit_code == 0
    assert "au plus tard le jour du traitement, 2024-07-01" in result.stdout


def test_a_store_made_before_run_dates_were_recorded_is_migrated(tmp_path, reuse_model):
    import sqlite3

    folder = _folder(tmp_path, a__txt=_PLAIN)
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        run_extract([str(folder)], store, ExtractOptions(document_date="2024-03-13"))
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE documents DROP COLUMN run_date")
    conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Store.open(db, create=False) as store:
        (doc,) = store.documents()
        assert doc.run_date is None and doc.date is not None
    with Store.open(db) as store:
        report = run_extract([str(folder)], store, ExtractOptions(document_date="2024-03-13", run_date=D("2024-07-01")))
        (doc,) = store.documents()
    assert report.stored == ["a"] and doc.run_date == D("2024-07-01")


def test_an_article_known_within_days_gives_its_likeliest_day_and_the_range(tmp_path, reuse_model):
    folder = _folder(tmp_path, a__txt="Le festival de Valbourg ouvrira ses portes mardi 18 juin avec un grand concert.\n"
                                      "La maire, Claire Fontaine, a promis une édition plus longue que les précédentes.")
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        run_extract([str(folder)], store, ExtractOptions(run_date=D("2024-07-01")))
        (doc,) = store.documents()
    assert (doc.date.start, doc.date.end, doc.best_day) == (D("2024-06-12"), D("2024-06-18"), D("2024-06-18"))
    document = json.loads(CliRunner().invoke(app, ["timeline", "--db", str(db), "--json"]).stdout)["documents"][0]
    assert (document["date"]["start"], document["date"]["end"], document["date"]["approximate"]) == \
        ("2024-06-18", "2024-06-18", True)
    assert (document["date_range"]["start"], document["date_range"]["end"]) == ("2024-06-12", "2024-06-18")
