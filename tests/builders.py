"""Hand-built records for the tests that do not need the spaCy model."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Optional, Sequence

from factx.merge import Event
from factx.events import EventMention
from factx.ingest import Article
from factx.temporal import DateInterval

_STOP = {"avec", "dans", "pour", "mais", "plus", "sans", "sous", "vers", "chez", "entre", "leur", "leurs", "cette",
         "elle", "elles", "nous", "vous", "sont", "était", "lors"}


def day(text: str) -> date:
    return date.fromisoformat(text)


def interval(start: str, end: Optional[str] = None, precision: str = "day", approximate: bool = False,
             resolved_by: str = "absolute") -> DateInterval:
    return DateInterval(day(start), day(end or start), precision, approximate, resolved_by)


def lemmas_of(sentence: str) -> tuple[str, ...]:
    """A rough stand-in for spaCy's content lemmas: lower-case words of four letters or more."""
    words = re.findall(r"[^\W\d_]{4,}", sentence.lower())
    return tuple(w for w in words if w not in _STOP)


def make_mention(doc_id: str, sentence: str, when: Optional[DateInterval], actors: Sequence[str] = (),
                 start: int = 0, date_text: Optional[str] = None, places: Sequence[str] = (),
                 organisations: Sequence[str] = (), tense: Optional[str] = "past",
                 sentence_index: int = 0, lemmas: Optional[Sequence[str]] = None) -> EventMention:
    date_start = date_end = None
    if date_text is not None:
        pos = sentence.find(date_text)
        assert pos >= 0, f"{date_text!r} not in {sentence!r}"
        date_start, date_end = start + pos, start + pos + len(date_text)
    key = f"{doc_id}|{start}|{date_text}|{date_start}"
    return EventMention(
        id=hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=doc_id,
        sentence_index=sentence_index,
        start=start,
        end=start + len(sentence),
        sentence=sentence,
        date=when,
        date_text=date_text,
        date_start=date_start,
        date_end=date_end,
        actors=tuple(actors),
        places=tuple(places),
        organisations=tuple(organisations),
        tense=tense,
        lemmas=tuple(lemmas) if lemmas is not None else lemmas_of(sentence),
    )


def extract_mentions(nlp, gazetteer, doc_id: str, text: str, metadata_date: Optional[str] = None) -> list[EventMention]:
    """The event mentions the pipeline's stages give for one article (parse, article date, actors,
    events), without the store."""
    from factx.actors import resolve_article_actors
    from factx.events import extract_event_mentions
    from factx.nlp import parse_articles
    from factx.temporal import resolve_document_date

    article = make_article(doc_id, text, metadata_date=metadata_date)
    parsed = next(parse_articles(nlp, [article]))
    document_date = resolve_document_date(article.text, metadata=article.metadata_date,
                                          metadata_source=article.metadata_date_source)
    on = document_date.anchor if document_date else None
    return extract_event_mentions(parsed, resolve_article_actors(parsed, gazetteer, on), document_date)


def make_article(doc_id: str, text: str, title: str = "Un titre", sha: Optional[str] = None,
                 metadata_date: Optional[str] = None) -> Article:
    return Article(
        doc_id=doc_id,
        path=f"in/{doc_id}.txt",
        title=title,
        text=text,
        sha256=sha or hashlib.sha256(text.encode()).hexdigest(),
        metadata_date=metadata_date,
        metadata_date_source="sidecar" if metadata_date else None,
        encoding="utf-8",
    )


def make_event(event_id: str, when: Optional[DateInterval], summary: str, actors: Sequence[str] = (),
               sources: Sequence[str] = ("doc",), places: Sequence[str] = ()) -> Event:
    mentions = tuple(make_mention(src, summary, when, actors, places=places) for src in sources)
    return Event(id=event_id, date=when, summary=summary, actors=tuple(actors), places=tuple(places),
                 organisations=(), sources=tuple(sources), mentions=mentions)


# the sample articles in samples/, by document id, in the order factx finds them
SAMPLE_IDS = [
    "coree/agence-boreale-lavrov-kim-wonsan",
    "coree/la-depeche-de-l-est-poutine-annonce-visite",
    "coree/le-quotidien-continental-traite-pyongyang",
    "coree/le-veilleur-international-lavrov-wonsan",
    "coree/lecho-du-matin-poutine-pyongyang",
    "coree/radio-horizon-poutine-kim-traite",
    "france/la-gazette-des-territoires-dissolution",
    "france/le-courrier-republicain-attal-demission",
]
