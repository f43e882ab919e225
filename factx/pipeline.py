"""The extract job: files -> cleaned text -> spaCy -> actors and events -> store -> merged events.

Each stage is its own module; this one only runs them in order, streaming one article at a time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from . import __version__
from .actors import Gazetteer, resolve_article_actors
from .dedup import merge_mentions
from .events import extract_event_mentions
from .ingest import Article, Rejected, Source, discover_sources, load_article
from .nlp import DEFAULT_MODEL, check_model_installed, load_pipeline, parse_articles
from .store import Store
from .temporal import resolve_document_date


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
    batch_size: int = 32


def run_extract(paths: Iterable[str], store: Store, options: ExtractOptions = ExtractOptions(),
                on_progress: Callable[[int, int, str], None] = lambda done, total, doc: None,
                on_skip: Callable[[Rejected], None] = lambda rejected: None) -> ExtractReport:
    report = ExtractReport()
    gazetteer = Gazetteer.load(options.actor_files)
    check_model_installed(options.model)
    fingerprint = _fingerprint(options, gazetteer)
    sources = list(discover_sources(paths))
    total = len(sources)
    done = 0

    def changed_articles() -> Iterator[Article]:
        nonlocal done
        for source in sources:
            item = source if isinstance(source, Rejected) else load_article(source)
            if isinstance(item, Rejected):
                report.rejected.append(item)
                on_skip(item)
                done += 1
                on_progress(done, total, item.source.doc_id)
                continue
            if not options.force and store.is_current(item.doc_id, item.sha256, fingerprint):
                report.unchanged.append(item.doc_id)
                done += 1
                on_progress(done, total, item.doc_id)
                continue
            yield item

    articles = changed_articles()
    first = next(articles, None)
    if first is not None:
        nlp = load_pipeline(options.model, gazetteer.patterns())
        for parsed in parse_articles(nlp, _chain(first, articles), batch_size=options.batch_size):
            article = parsed.article
            document_date = resolve_document_date(article.text, given=options.document_date,
                                                  metadata=article.metadata_date,
                                                  metadata_source=article.metadata_date_source, byline=article.byline)
            actors = resolve_article_actors(parsed, gazetteer)
            mentions = extract_event_mentions(parsed, actors, document_date, gazetteer.plural_references)
            store.save_document(article, document_date, actors, mentions, fingerprint)
            report.stored.append(article.doc_id)
            done += 1
            on_progress(done, total, article.doc_id)
    if report.stored or store.events_stale():
        events = merge_mentions(store.all_mentions())
        store.replace_events(events)
    report.events = store.event_count()
    return report


def _fingerprint(options: ExtractOptions, gazetteer: Gazetteer) -> str:
    """What else than the file decides what is stored: a file extracted with another model, gazetteer,
    document date or factx version is extracted again."""
    key = json.dumps([__version__, options.model, options.document_date, [
        (e.name, e.kind, e.aliases, e.roles) for e in gazetteer.entries]], ensure_ascii=False)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
