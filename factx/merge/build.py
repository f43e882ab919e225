"""Events built from groups of mentions: the date the sources give (and lend to those that gave
none), a summary, the actors, places and sources, the modality, and where the sources disagree."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from ..events import EventMention
from ..temporal import DateInterval, ResolvedBy
from .claims import is_coming
from .lexicon import quantities
from .parameters import parameters


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on one thing about an event: its date, or a count ("7 000 conteneurs")."""

    what: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (the value as the sources write it, their documents)


@dataclass(frozen=True)
class Event:
    id: str
    date: Optional[DateInterval]
    summary: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    modality: str = "asserted"  # event_modality of the mentions
    conflicts: tuple[Conflict, ...] = ()


def event_of(group: list[EventMention]) -> Event:
    # an announcement's days after its article are for comparing, not for dating the event
    dated = [m.date for m in group if m.date is not None and m.date.resolved_by != ResolvedBy.COMING]
    # the dates written in the sources before the article's date lent to a sentence that names none
    # ("George W. Bush est arrivé." under "est arrivé hier"); then the narrowest, then the exact
    date = min(dated, key=lambda d: (d.resolved_by == ResolvedBy.DOCUMENT_DATE, (d.end - d.start).days, d.approximate)) \
        if dated else None
    if date is not None and date.resolved_by == ResolvedBy.DOCUMENT_DATE:
        date = _days_all_allow([d for d in dated if d.resolved_by == ResolvedBy.DOCUMENT_DATE]) or date
    if date is not None:
        # the sources that left the claim undated learn its date from the others
        # (and a possibility told without date words, of a date they wrote: its article's date was its saying's)
        written, lent = date.resolved_by != ResolvedBy.DOCUMENT_DATE, replace(date, resolved_by=ResolvedBy.CORPUS)
        group = [m if m.date is not None and m.date.resolved_by != ResolvedBy.COMING and not (written and is_coming(m))
                 else replace(m, date=lent) for m in group]
    longest = parameters().summary_max_chars
    summary = min((m.sentence for m in group), key=lambda s: (len(s) > longest, len(s)))
    event_id = "ev_" + hashlib.sha1(group[0].id.encode()).hexdigest()[:12]
    return Event(
        id=event_id,
        date=date,
        summary=summary,
        actors=_union(m.actors for m in group),
        places=_union(m.places for m in group),
        organisations=_union(m.organisations for m in group),
        sources=_union((m.doc_id,) for m in group),
        mentions=tuple(group),
        modality=event_modality(group),
        conflicts=find_conflicts(group),
    )


def _days_all_allow(guesses: list[DateInterval]) -> Optional[DateInterval]:
    """Articles whose dates were estimated, telling one claim without date words: the days all their
    estimates allow (None when they allow none together)."""
    start, end = max(d.start for d in guesses), min(d.end for d in guesses)
    if len(guesses) < 2 or start > end:
        return None
    return DateInterval(start, end, "day", any(d.approximate for d in guesses), ResolvedBy.DOCUMENT_DATE)


def find_conflicts(group: list[EventMention]) -> tuple[Conflict, ...]:
    """Where the sources of one event disagree: dates that do not overlap ("il y a 24 ans" and "il y a
    près de vingt-cinq ans"), or different counts of the same thing ("7 000" and "10 000 conteneurs")."""
    conflicts = []
    # only dates the sources wrote: the article's date lent to a sentence without date words is no
    # source's word on when it happened
    own_dates = [(m.date, m.date_text or m.date.edtf, m.doc_id) for m in group
                 if m.date is not None and m.date.resolved_by not in (ResolvedBy.CORPUS, ResolvedBy.COMING, ResolvedBy.DOCUMENT_DATE)]
    # two of them are apart exactly when one ends before another starts
    if own_dates and min(d.end for d, _, _ in own_dates) < max(d.start for d, _, _ in own_dates):
        conflicts.append(Conflict("date", _values((f"{text} ({iv.edtf})", doc) for iv, text, doc in own_dates)))
    if len({m.doc_id for m in group}) < 2:
        return tuple(conflicts)  # counts conflict only between sources
    counts: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for m in group:
        for number, written, noun in quantities(m.sentence):
            counts[noun].append((number, written, m.doc_id))
    for noun, found in sorted(counts.items()):
        if len({n for n, _, _ in found}) > 1 and len({doc for _, _, doc in found}) > 1:
            conflicts.append(Conflict(noun, _values((written, doc) for _, written, doc in found)))
    return tuple(conflicts)


def _values(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_value: dict[str, dict[str, None]] = {}
    for value, doc in pairs:
        by_value.setdefault(value, {})[doc] = None
    return tuple((value, tuple(docs)) for value, docs in by_value.items())


_MODALITY_ORDER = ("asserted", "planned", "possible", "reported", "denied")


def event_modality(mentions: Iterable[EventMention]) -> str:
    """asserted as soon as one source states it as a fact; otherwise what most mentions say (a tie
    goes to the first in asserted, planned, possible, reported, denied)."""
    counts = Counter(m.modality for m in mentions)
    if not counts or counts["asserted"]:
        return "asserted"
    return min(counts, key=lambda k: (-counts[k], _MODALITY_ORDER.index(k) if k in _MODALITY_ORDER else 99))


def _union(parts: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in parts:
        for x in part:
            seen.setdefault(x, None)
    return tuple(seen)


def sort_events(events: list[Event]) -> list[Event]:
    def key(e: Event):
        if e.date is None:
            return (1, "", "", e.mentions[0].doc_id, e.mentions[0].start)
        return (0, e.date.start.isoformat(), e.date.end.isoformat(), e.mentions[0].doc_id, e.mentions[0].start)

    return sorted(events, key=key)
