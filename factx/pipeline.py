"""The extract job: files -> cleaned text -> spaCy -> actors and events -> store -> merged events.

Each stage is its own module; this one only runs them in order. Articles stream through in chunks
(`CHUNK_ARTICLES`): one process, or a pool of worker processes that each load the model once and
turn a chunk of articles into plain records. Only this process writes the store, in the order the
files were found, so `--workers 2` stores exactly what `--workers 1` stores.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import stat
import sys
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .actors import ActorMention, Gazetteer, resolve_article_actors
from .merge import merge_with_memory
from .merge.estimates import KnownEstimates, estimates_with_inputs
from .merge.memory import usable
from .merge.story_dates import (StorySimilarity, document_profiles, estimate_from_story, lendable_day,
                                shifted_weekday_dates, slipped_documents, story_model, story_supports, text_floors)
from .collector import paused
from .errors import FactxError
from .events import EventMention, date_by_estimates, extract_event_mentions, with_folder_persons, without_document_date
from .export import event_json
from .ingest import Article, Rejected, discover_sources, load_article, unexpected_error
from .nlp import DEFAULT_MODEL, ParsedArticle, check_model_installed, load_pipeline, parse_articles
from .ruleset import extraction_fingerprint
from .store import Store, estimate_dates_lent
from .temporal import DocumentDate, ResolvedBy, resolve_document_date

# Articles per spaCy call and per worker task. The same chunks in one process and in many, so the
# model sees the same batches either way; small enough that workers stay evenly busy.
CHUNK_ARTICLES = 16
# At most this many chunks to read (a re-run after a few files changed) are read by this process
# whatever --workers says: each worker process loads the model (about 5 s of a core), which the
# few articles it would read do not repay, and the core it would take is left to others.
FEW_CHUNKS = 4
# Documents per store transaction: one transaction per document spent more time committing than
# writing; an interrupted run still leaves whole documents only.
STORE_BATCH = 64
# How often (seconds) a thread holding the GIL is asked to hand it over, while the model runs in a
# thread of its own. The model lets go of the GIL for each matrix product and then waits to take it
# back from the analysis thread; at Python's default of 5 ms that wait cost about 8% of a one-process
# run (300 articles: 26.9 s at 5 ms, 24.1-24.9 s at 0.1 ms; below 0.05 ms the switching itself costs).
MODEL_THREAD_SWITCH_INTERVAL = 0.0001


@dataclass
class ExtractReport:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    events: int = 0


@dataclass(frozen=True)
class ExtractOptions:
    model: str = DEFAULT_MODEL
    actor_files: tuple[Path, ...] = ()
    document_date: Optional[str] = None  # the user's --dct, for every article of the run
    force: bool = False  # re-read files whose content has not changed
    # the day no article date may come after ("no article comes from the future"): today unless given;
    # an explicit one is part of the fingerprint, and each document records the one it was read with
    run_date: Optional[date] = None
    batch_size: int = 256  # blocks (lines) per spaCy batch; see nlp.parse_articles
    workers: int = 1  # processes running the model


@dataclass(frozen=True)
class Analysis:
    """Everything the store keeps for one article."""

    article: Article
    document_date: Optional[DocumentDate]
    actors: list[ActorMention]
    mentions: list[EventMention]
    run_date: Optional[date] = None  # the day its date, if guessed from the text, could not come after


class Phase(str, Enum):
    """What a long extract is busy with, for the progress line."""

    READING = "reading"
    LOADING_MODEL = "loading the model"
    MERGING = "merging"


def run_extract(paths: Iterable[str], store: Store, options: ExtractOptions = ExtractOptions(),
                on_progress: Callable[[int, int, str], None] = lambda done, total, doc: None,
                on_skip: Callable[[Rejected], None] = lambda rejected: None,
                on_phase: Callable[[str, Optional[int]], None] = lambda phase, total: None) -> ExtractReport:
    """Store every readable document of `paths`, then merge. A document that fails in any stage (a
    reader that cannot be imported, a bug hit by one odd text) is skipped with its reason; the others
    are stored."""
    report = ExtractReport()
    gazetteer = Gazetteer.load(options.actor_files)
    model_version = check_model_installed(options.model)
    fingerprint = _fingerprint(options, gazetteer, model_version)
    options = replace(options, run_date=options.run_date or date.today())
    sources = list(discover_sources(paths))
    total = len(sources)
    on_phase(Phase.READING.value, total)
    # what the store holds, read once: an unchanged re-run asks nothing more of SQLite
    stored = {} if options.force else store.document_hashes()
    # an extract stopped before its merge left events and estimates older than the documents
    stale_before = store.events_stale()
    done = 0

    def changed_articles() -> Iterator[Article]:
        nonlocal done
        for source in sources:
            if not isinstance(source, Rejected) and not options.force and source.path is not None:
                # hash the bytes before reading them as an article: an unchanged file costs one read
                digest = _file_sha256(source.path)
                if digest is not None and stored.get(source.doc_id) == (digest, fingerprint):
                    report.unchanged.append(source.doc_id)
                    done += 1
                    on_progress(done, total, source.doc_id)
                    continue
            item = source if isinstance(source, Rejected) else _load_isolated(source)
            if isinstance(item, Rejected):
                skip(item)
                continue
            if not options.force and stored.get(item.doc_id) == (item.sha256, fingerprint):
                report.unchanged.append(item.doc_id)
                done += 1
                on_progress(done, total, item.doc_id)
                continue
            # a later file with the same id is compared with this one, as the store will then hold it
            stored[item.doc_id] = (item.sha256, fingerprint)
            yield item

    def skip(rejected: Rejected) -> None:
        nonlocal done
        report.rejected.append(rejected)
        on_skip(rejected)
        done += 1
        on_progress(done, total, rejected.source.doc_id)

    with _StoreWriter(store, fingerprint) as writer:
        for analysis in analyse_articles(changed_articles(), gazetteer, options, on_phase=on_phase, total=total):
            if isinstance(analysis, Rejected):
                skip(analysis)
                continue
            writer.add(analysis)
            report.stored.append(analysis.article.doc_id)
            done += 1
            on_progress(done, total, analysis.article.doc_id)
    if report.stored or store.events_stale():
        on_phase(Phase.MERGING.value, None)
        # candidates are searched only for the claims the last merge did not know (merge.MergeMemory)
        mentions = with_folder_persons(store.all_mentions())
        own_dates = {d.id: d for d in store.documents(estimated=False)}
        # the story's similarities, only where an article has no date or only a weekday's year
        if any(d.date is None or d.date.resolved_by == ResolvedBy.WEEKDAY_DATE for d in own_dates.values()):
            profiles = document_profiles(mentions)
            similarity = StorySimilarity(profiles)
        else:
            profiles, similarity = {}, None
        lenders = {doc_id: day for doc_id, d in own_dates.items()
                   if (day := lendable_day(d.date, d.best_day, story_model())) is not None}
        # an article dated only by a weekday and a day whose year its story contradicts is dated as an
        # undated one; the date its text gave is kept as the conflict the timeline shows
        floors = text_floors(mentions) if similarity is not None else {}
        slipped = slipped_documents(profiles, {doc_id: d.date for doc_id, d in own_dates.items()}, lenders,
                                    similarity=similarity, words={doc_id: d.words for doc_id, d in own_dates.items()},
                                    floors=floors) if similarity is not None else {}
        if slipped:
            lenders = {doc_id: day for doc_id, day in lenders.items() if doc_id not in slipped}
            mentions = [without_document_date(m) if m.doc_id in slipped else m for m in mentions]
        undated = [doc_id for doc_id, d in own_dates.items() if d.date is None or doc_id in slipped]
        memory = None if options.force else store.merge_memory()
        # what the last merge estimated, if it was the last thing done to the store and under these rules
        known = None
        if undated and usable(memory) is not None and not stale_before:
            estimated = {d.id: d.date for d in store.documents() if d.date is not None}
            kept = frozenset(undated).difference(report.stored)
            known = KnownEstimates({doc_id: estimated[doc_id] for doc_id in kept if doc_id in estimated},
                                   memory.estimate_inputs(), kept)
        estimates: dict = {}
        inputs = frozenset()
        lent_by_story = story_supports(profiles, lenders, undated, similarity=similarity) if undated else {}

        def dated_by_estimates(events):
            # an article with no date of its own is dated by the claims it shares and by the dated
            # articles of its story; what it tells is then dated as a dated article's sentences are,
            # and compared again
            nonlocal inputs
            by_claims, inputs, reused = estimates_with_inputs(events, undated, known)
            estimates.update(by_claims)
            estimates.update(estimate_from_story(profiles, lenders, undated, by_claims, supports=lent_by_story,
                                                 floors=floors))
            # a slipped weekday-date keeps its weekday and day in its story's year, when that year has them
            estimates.update(shifted_weekday_dates(slipped, {d: own_dates[d].best_day for d in slipped}, lent_by_story))
            # an article its story now dates otherwise than the last merge did reads its date words again
            reused = {d for d in reused if known is not None and known.estimates.get(d) == estimates.get(d)}
            return _dated_by_estimates(mentions, estimates, reused, estimate_dates_lent(store) if reused else {})

        events, memory = merge_with_memory(mentions, memory, redate=dated_by_estimates if undated else None)
        # the JSON timeline of the whole store is printed often and rebuilt rarely: written once here
        store.replace_events(events, estimates, published=_published(events), contradicted=slipped,
                             memory=memory.with_estimate_inputs(inputs))
    report.events = store.event_count()
    return report


def _published(events: list) -> dict[str, str]:
    """Each event's JSON, by id (export.event_json)."""
    with paused():
        return {e.id: event_json(e) for e in events}


def _dated_by_estimates(mentions: list[EventMention], estimates: dict, kept: set[str],
                        lent: dict) -> list[EventMention]:
    """`events.date_by_estimates`, in the mentions' order; the date words of an article of `kept`
    (its file was not extracted again, and its estimate's inputs are those of the last merge) are not
    read again: they name the days they named then, which the store keeps (`lent`, by mention id), or
    none."""
    again = [not (m.doc_id in kept and m.date is None and m.date_start is not None) for m in mentions]
    dated = iter(date_by_estimates([m for m, read in zip(mentions, again) if read], estimates))
    out = []
    for m, read in zip(mentions, again):
        if read:
            out.append(next(dated))
        else:
            out.append(replace(m, date=lent[m.id]) if m.id in lent else m)
    return out


def _load_isolated(source) -> Union[Article, Rejected]:
    try:
        return load_article(source)
    except FactxError:  # the run's own problem (a bad setting, a broken data file), not this file's
        raise
    except Exception as exc:  # one odd file never stops the run: it is named and skipped
        return Rejected(source, unexpected_error("reading", exc))


def analyse_articles(articles: Iterable[Article], gazetteer: Gazetteer,
                     options: ExtractOptions = ExtractOptions(),
                     on_phase: Callable[[str, Optional[int]], None] = lambda phase, total: None,
                     total: Optional[int] = None) -> Iterator[Union[Analysis, Rejected]]:
    """Each article's date, actors and event mentions, in the order the articles come, or why it was
    skipped. The model is loaded only when there is a first article to read."""
    chunks = _chunked(articles, CHUNK_ARTICLES)
    # the first chunks, to know whether there are more than a few
    ahead = list(itertools.islice(chunks, FEW_CHUNKS + 1 if options.workers > 1 else 1))
    if not ahead:
        return
    chunks = itertools.chain(ahead, chunks)
    if options.workers <= 1 or len(ahead) <= FEW_CHUNKS:
        on_phase(Phase.LOADING_MODEL.value, None)
        nlp = load_pipeline(options.model, gazetteer.patterns())
        on_phase(Phase.READING.value, total)
        job = _Job(nlp, gazetteer, options)
        yield from job.run_overlapped(chunks)
    else:
        on_phase(Phase.LOADING_MODEL.value, None)  # each worker loads it with its first chunk
        yield from _in_worker_processes(chunks, gazetteer, options)


class _Job:
    """The model and what the stages after it need, for one process."""

    def __init__(self, nlp, gazetteer: Gazetteer, options: ExtractOptions):
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.options = options

    def run(self, chunk: list[Article]) -> list[Union[Analysis, Rejected]]:
        return self.analyse(self.parse(chunk))

    def parse(self, chunk: list[Article]) -> list[Union[ParsedArticle, Rejected]]:
        """The chunk through the model; when the batch fails, each article alone, so that only the
        article the model cannot take is skipped."""
        try:
            return list(parse_articles(self.nlp, chunk, batch_size=self.options.batch_size))
        except Exception:  # narrowed below, article by article
            pass
        out: list[Union[ParsedArticle, Rejected]] = []
        for article in chunk:
            try:
                out.extend(parse_articles(self.nlp, [article], batch_size=self.options.batch_size))
            except FactxError:
                raise
            except Exception as exc:  # this article only
                out.append(Rejected.of_article(article, unexpected_error("parsing", exc)))
        return out

    def run_overlapped(self, chunks: Iterable[list[Article]]) -> Iterator[Analysis]:
        """`run` over the chunks, the model reading the next chunk in a thread of its own while this
        one is analysed: the model's matrix products release the GIL, and the dates, actors and
        events of the chunk before fill the core they leave idle. Only the model runs in that thread
        (files are read here); the same results, in the same order."""
        import queue
        import threading

        todo: queue.Queue = queue.Queue()
        done: queue.Queue = queue.Queue()

        def read() -> None:
            while (chunk := todo.get()) is not None:
                try:
                    done.put(self.parse(chunk))
                except BaseException as error:  # handed to this side, which raises it
                    done.put(error)

        def analysed() -> list[Analysis]:
            item = done.get()
            if isinstance(item, BaseException):
                raise item
            return self.analyse(item)

        reader = threading.Thread(target=read, name="factx-model", daemon=True)
        usual_interval = sys.getswitchinterval()
        sys.setswitchinterval(MODEL_THREAD_SWITCH_INTERVAL)
        reader.start()
        in_flight = 0
        try:
            for chunk in chunks:
                todo.put(chunk)
                in_flight += 1
                if in_flight == 2:  # one chunk in the model while the one before is analysed
                    in_flight -= 1
                    yield from analysed()
            while in_flight:
                in_flight -= 1
                yield from analysed()
        finally:
            while not todo.empty():  # stopped early: the chunks not yet begun are not read
                todo.get_nowait()
            todo.put(None)
            sys.setswitchinterval(usual_interval)

    def analyse(self, chunk: list[Union[ParsedArticle, Rejected]]) -> list[Union[Analysis, Rejected]]:
        out: list[Union[Analysis, Rejected]] = []
        for parsed in chunk:
            if isinstance(parsed, Rejected):
                out.append(parsed)
                continue
            try:
                out.append(self.analyse_one(parsed))
            except FactxError:
                raise
            except Exception as exc:  # a bug hit by one odd text skips that text, not the run
                out.append(Rejected.of_article(parsed.article, unexpected_error("analysing", exc)))
        return out

    def analyse_one(self, parsed: ParsedArticle) -> Analysis:
        article = parsed.article
        document_date = resolve_document_date(article.text, given=self.options.document_date,
                                              metadata=article.metadata_date,
                                              metadata_source=article.metadata_date_source, byline=article.byline,
                                              today=self.options.run_date)
        actors = resolve_article_actors(parsed, self.gazetteer, document_date.anchor if document_date else None)
        mentions = extract_event_mentions(parsed, actors, document_date, self.gazetteer.plural_references)
        return Analysis(article, document_date, actors, mentions, self.options.run_date)


def _in_worker_processes(chunks: Iterator[list[Article]], gazetteer: Gazetteer,
                         options: ExtractOptions) -> Iterator[Union[Analysis, Rejected]]:
    import multiprocessing

    # fork shares the loaded interpreter (and a model already loaded, as in the tests) at no cost
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(options.workers, initializer=_start_worker, initargs=(gazetteer, options)) as pool:
        # a few chunks ahead per worker keeps them busy; no more, so memory does not grow with the corpus
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_run_in_worker, (chunk,)))
            if len(pending) >= 2 * options.workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


_worker: dict = {}


def _start_worker(gazetteer: Gazetteer, options: ExtractOptions) -> None:
    import signal

    # Ctrl-C is the parent's to handle: it stops the pool, and stored documents stay whole
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.update(gazetteer=gazetteer, options=options, job=None)


def _run_in_worker(chunk: list[Article]) -> list[Union[Analysis, Rejected]]:
    if _worker["job"] is None:
        # loaded in the first task rather than in the initializer, so a failure reaches the parent
        # as an error instead of a pool that restarts failing workers forever
        options, gazetteer = _worker["options"], _worker["gazetteer"]
        _worker["job"] = _Job(load_pipeline(options.model, gazetteer.patterns()), gazetteer, options)
    return _worker["job"].run(chunk)


class _StoreWriter:
    """Writes analyses to the store STORE_BATCH documents per transaction."""

    def __init__(self, store: Store, fingerprint: str):
        self.store = store
        self.fingerprint = fingerprint
        self.pending: list[Analysis] = []

    def add(self, analysis: Analysis) -> None:
        self.pending.append(analysis)
        if len(self.pending) >= STORE_BATCH:
            self.flush()

    def flush(self) -> None:
        # taken out first: a batch an interrupt cut short is not written a second time on the way out
        batch, self.pending = self.pending, []
        if batch:
            with self.store.batch():
                for a in batch:
                    self.store.save_document(a.article, a.document_date, a.actors, a.mentions, self.fingerprint,
                                             a.run_date)

    def __enter__(self) -> "_StoreWriter":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        # the documents read before an interruption are whole: keep them
        if kind is None or issubclass(kind, KeyboardInterrupt):
            self.flush()


def _chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _file_sha256(path: Path) -> Optional[str]:
    """The hash of a regular file's bytes; None for anything load_article should read itself (a pipe
    can be read only once) or report (a file that cannot be read)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def _fingerprint(options: ExtractOptions, gazetteer: Gazetteer, model_version: Optional[str]) -> str:
    """What else than the file decides what is stored (ruleset.extraction_fingerprint), with the
    gazetteer as loaded: the user's --actors files count by what they hold."""
    entries = json.dumps([(e.name, e.kind, e.aliases, e.roles,
                           [(a.isoformat(), b and b.isoformat()) for a, b in e.roles_held])
                          for e in gazetteer.entries], ensure_ascii=False)
    return extraction_fingerprint(options.model, model_version, options.document_date, options.run_date, [entries])
