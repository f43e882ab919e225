"""Merging: the same claim told by several sources (or twice by one) becomes one event.

First version: mentions merge when they name the same day interval, the same persons, and say
closely similar things (shared content lemmas, or shared character n-grams for paraphrases with
inflected words). Candidates are blocked by date so the comparison never runs over all pairs.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from functools import lru_cache

from .actors import canonical_person_names, fold
from .resources import load_json_resource
from .events import EventMention
from .temporal import DateInterval

MERGE_THRESHOLD = 0.30


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


def _ngrams(text: str, n: int = 4) -> Counter:
    t = re.sub(r"\W+", " ", text.lower())
    return Counter(t[i:i + n] for i in range(max(len(t) - n + 1, 0)))


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _claim_text(m: EventMention) -> str:
    """The sentence without its date words, so two different claims on one day do not look alike."""
    if m.date_start is None:
        return m.sentence
    s, e = m.date_start - m.start, m.date_end - m.start
    return m.sentence[:s] + " " + m.sentence[e:]


@lru_cache(maxsize=1)
def _date_words() -> frozenset:
    """Lemmas that only say when (months, weekdays, 'dernier'): two claims on one day share them."""
    lex = load_json_resource("temporal_fr.json")
    words = set(lex["months"]) | set(lex["weekdays"]) | set(lex["units"]) | set(lex["seasons"])
    words |= {"dernier", "prochain", "passé", "hier", "demain", "aujourd'hui", "début", "fin", "mi", "lors"}
    return frozenset(fold(w) for w in words)


def _claim_lemmas(m: EventMention) -> set[str]:
    return {f for f in (fold(l) for l in m.lemmas) if f not in _date_words()}


@dataclass(frozen=True)
class _ClaimFeatures:
    """What two mentions are compared on, computed once per mention rather than once per pair."""

    lemmas: frozenset
    ngrams: Counter

    @classmethod
    def of(cls, m: EventMention) -> "_ClaimFeatures":
        return cls(frozenset(_claim_lemmas(m)), _ngrams(_claim_text(m)))


def _feature_similarity(fa: _ClaimFeatures, fb: _ClaimFeatures) -> float:
    union = fa.lemmas | fb.lemmas
    jaccard = len(fa.lemmas & fb.lemmas) / len(union) if union else 0.0
    return max(jaccard, _cosine(fa.ngrams, fb.ngrams) - 0.25)


def similarity(a: EventMention, b: EventMention) -> float:
    return _feature_similarity(_ClaimFeatures.of(a), _ClaimFeatures.of(b))


def _same_actors(a: EventMention, b: EventMention) -> bool:
    return set(a.actors) == set(b.actors)


def merge_mentions(mentions: Iterable[EventMention]) -> list[Event]:
    """Group mentions into events, sorted by date (undated last)."""
    mentions = list(mentions)
    names = canonical_person_names(n for m in mentions for n in m.actors)
    mentions = [replace(m, actors=tuple(dict.fromkeys(names.get(a, a) for a in m.actors))) for m in mentions]

    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.date is not None:
            blocks[(m.date.start, m.date.end)].append(i)
    features: dict[int, _ClaimFeatures] = {}

    def features_of(i: int) -> _ClaimFeatures:
        if i not in features:
            features[i] = _ClaimFeatures.of(mentions[i])
        return features[i]

    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = mentions[members[x]], mentions[members[y]]
                if a.id == b.id or not _same_actors(a, b):
                    continue
                if _feature_similarity(features_of(members[x]), features_of(members[y])) >= MERGE_THRESHOLD:
                    parent[find(members[y])] = find(members[x])

    clusters: dict[int, list[EventMention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        clusters[find(i)].append(m)
    events = [_event(sorted(group, key=lambda m: (m.doc_id, m.start))) for group in clusters.values()]
    return sort_events(events)


def _event(group: list[EventMention]) -> Event:
    dated = [m.date for m in group if m.date is not None]
    date = min(dated, key=lambda d: ((d.end - d.start).days, d.approximate)) if dated else None
    summary = min((m.sentence for m in group), key=lambda s: (len(s) > 280, len(s)))
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
    )


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
