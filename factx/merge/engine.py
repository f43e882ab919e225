"""The merge from end to end: mentions to claims, candidate pairs scored (or taken from the last
merge's memory), claims grouped, events built; and, when the events date undated articles, the
claims those dates change compared again."""

from __future__ import annotations

from dataclasses import replace
from functools import cache, partial
from typing import Callable, Iterable, Optional

from ..collector import paused
from ..events import EventMention
from .build import Event, event_of, sort_events
from .candidates import block_keys_of
from .claims import claims_of, with_canonical_names
from .clustering import clusters, regroup
from .features import ClaimColumns
from .memory import MergeMemory, fresh_claims, merge_rules, pairs_near_merging, usable, with_new_dates
from .similarity import weigh


def merge_mentions(mentions: Iterable[EventMention]) -> list[Event]:
    """Group mentions into events, sorted by date (undated last)."""
    return merge_with_memory(mentions)[0]


def merge_with_memory(mentions: Iterable[EventMention], memory: Optional[MergeMemory] = None,
                      redate: Optional[Callable[[list[Event]], list[EventMention]]] = None
                      ) -> tuple[list[Event], MergeMemory]:
    """`merge_mentions`, searching candidates only for the claims an earlier merge (`memory`) did not
    know; returns the events and the memory this merge leaves.

    `redate`, given the events, returns the mentions again (in their order), some with a date the
    events taught (an article's date estimated from the claims it shares): the claims whose dates
    changed are compared again, the rest keep their pairs, and the events are grouped anew."""
    # the merge makes millions of small objects and no cycles: the collector's passes over them would
    # cost a tenth of its time
    with paused():
        return _merge(list(mentions), memory, redate)


def _merge(given: list[EventMention], memory: Optional[MergeMemory],
           redate: Optional[Callable[[list[Event]], list[EventMention]]]) -> tuple[list[Event], MergeMemory]:
    mentions = with_canonical_names(given)
    memory = usable(memory)
    claims, keys, copies = claims_of(mentions)
    weigh(claims)
    block_keys = cache(partial(block_keys_of, claims))
    fresh = fresh_claims(keys, memory)
    columns = ClaimColumns(claims)
    near = pairs_near_merging(columns, keys, memory, fresh, block_keys)
    groups = clusters(columns, [pair for pair in near if pair[0] <= 0])
    events = [event_of(_members(group, mentions, copies)) for group in groups]
    # what the next merge will know: the claims and pairs before the dates the events teach, and after
    known, pairs = set(keys), dict.fromkeys((keys[i], keys[j]) for _, i, j in near)
    if redate is not None:
        redated = redate(events)
        changed = {i for i, (before, after) in enumerate(zip(given, redated)) if before.date != after.date}
        if changed:
            for i in changed:
                mentions[i] = replace(mentions[i], date=redated[i].date)
            columns, keys, copies, near, touched = with_new_dates(mentions, columns, keys, copies, near, changed,
                                                                  block_keys, memory if fresh is not None else None, fresh)
            kept, regrouped = regroup(columns, near, groups, touched)
            groups = [groups[k] for k in kept] + regrouped
            events = [events[k] for k in kept] + [event_of(_members(group, mentions, copies)) for group in regrouped]
            known.update(keys)
            pairs.update(dict.fromkeys((keys[i], keys[j]) for _, i, j in near))
    return sort_events(events), MergeMemory(merge_rules(), frozenset(known), tuple(pairs))


def _members(group: list[int], mentions: list[EventMention], copies: list[list[int]]) -> list[EventMention]:
    return sorted((mentions[i] for c in group for i in copies[c]), key=lambda m: (m.doc_id, m.start))
