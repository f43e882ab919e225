"""The dates of undated articles, estimated from the claims they share with dated sources."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Optional

from ..temporal import DateInterval, ResolvedBy, anchors_placing
from .build import Event
from .parameters import parameters


def estimate_document_dates(events: Iterable[Event], undated: Iterable[str],
                            known: Optional[KnownEstimates] = None) -> dict[str, DateInterval]:
    """An estimate of each undated article's own date from the claims it shares with dated sources:
    it comes after what it tells in the past, before what it announces, around what it tells in the
    present; where the claim has date words it could not place, at the days those words name the
    event's ("est mort dimanche", told of Sunday 10 August, was written in the week from the 10th).
    The days most of its shared claims allow, approximate, `resolved_by: "corpus"`: one claim merged
    wrongly does not move it. None when the best-supported days are not one stretch (two claims that
    do not agree) or nothing is shared.

    `known` (what the last merge estimated, `KnownEstimates`): an article whose shared claims give
    the windows they gave then keeps the estimate it got then, without reading its date words again."""
    return estimates_with_inputs(events, undated, known)[0]


@dataclass(frozen=True)
class KnownEstimates:
    """What the last merge estimated: the stored estimates, and the inputs each was computed from
    (`estimates_with_inputs`, kept in the merge's memory)."""

    estimates: dict  # document id -> DateInterval
    inputs: frozenset  # the input keys of the last merge's estimates
    # the articles whose estimate, or its absence, is still the last merge's: a file extracted again
    # lost its stored estimate with its old version
    documents: frozenset


def estimates_with_inputs(events: Iterable[Event], undated: Iterable[str], known: Optional[KnownEstimates] = None
                          ) -> tuple[dict[str, DateInterval], frozenset, set[str]]:
    """`estimate_document_dates`, the key of each undated article's inputs (its document, and the
    window and date words of each claim it shares: all its estimate is computed from), and the articles
    whose estimate was taken from `known` because their inputs were those of the last merge (articles
    of `known.documents` only)."""
    undated, reaches = set(undated), parameters().news_reach_days
    asks: dict[str, list[tuple]] = defaultdict(list)  # each article's windows, before its date words place them
    for e in events:
        if e.date is None or e.date.approximate or len(e.sources) < 2:
            continue
        dated_elsewhere = any(m.doc_id not in undated and m.date is not None and m.date.resolved_by not in (ResolvedBy.CORPUS, ResolvedBy.DOCUMENT_DATE)
                              for m in e.mentions)
        if not dated_elsewhere:
            continue
        reach = timedelta(days=reaches.get(e.date.precision, reaches["other"]))
        for m in e.mentions:
            if m.doc_id not in undated or m.date is None or m.date.resolved_by != ResolvedBy.CORPUS:
                continue
            if m.tense == "future":
                window = (e.date.start - reach, e.date.start)
            elif m.tense in ("past", "pluperfect"):
                window = (e.date.end, e.date.end + reach)
            else:
                window = (e.date.start - timedelta(days=1), e.date.end + timedelta(days=1))
            words = (m.sentence, m.date_start - m.start) if m.date_text is not None and m.date_start is not None else None
            asks[m.doc_id].append((window, words, e.date))
    estimates, inputs, reused = {}, set(), set()
    for doc_id, doc_asks in asks.items():
        key = _inputs_key(doc_id, doc_asks)
        inputs.add(key)
        if known is not None and key in known.inputs and doc_id in known.documents:
            reused.add(doc_id)
            if doc_id in known.estimates:
                estimates[doc_id] = known.estimates[doc_id]
            continue
        windows = [window if words is None else anchors_placing(words[0], words[1], days, *window) or window
                   for window, words, days in doc_asks]
        best = _best_supported_days(windows)
        if best is not None:
            estimates[doc_id] = DateInterval(best[0], best[1], "day", True, ResolvedBy.CORPUS)
    return estimates, frozenset(inputs), reused


def _inputs_key(doc_id: str, asks: list[tuple]) -> str:
    """A name for all an article's estimate is computed from, the same in every process."""
    raw = repr((doc_id, sorted(repr(ask) for ask in asks)))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _best_supported_days(windows: list[tuple[date, date]]) -> Optional[tuple[date, date]]:
    """The stretch of days the most windows hold, if it is one stretch."""
    import numpy as np

    first = min(s for s, _ in windows)
    opens = np.array([(s - first).days for s, _ in windows])
    closes = np.array([(e - first).days for _, e in windows])
    # a difference array: +1 where a window opens, -1 the day after it closes
    counts = np.zeros(int(closes.max()) + 2, dtype=np.int64)
    np.add.at(counts, opens, 1)
    np.add.at(counts, closes + 1, -1)
    support = np.cumsum(counts[:-1])
    best = np.flatnonzero(support == support.max())
    if best[-1] - best[0] + 1 != len(best):
        return None
    return first + timedelta(days=int(best[0])), first + timedelta(days=int(best[-1]))
