"""Claims grouped into events, best pair first: two groups join only if no pair across them
contradicts (persons, dates, places), so chains of look-alikes cannot glue two events together."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional

import numpy as np

from .decision import APART, agreement, persons_agree
from .features import ClaimColumns, PairFeatures


def clusters(columns: ClaimColumns, scored: list, among: Optional[Iterable[int]] = None,
             window: int = 512) -> list[list[int]]:
    """The claims of `columns` grouped from the pairs `scored` (-score, i, j), best first.
    `among`: the claims to group (the pairs name no other), by default all."""
    among = range(len(columns.claims)) if among is None else sorted(among)
    cluster_of = {i: i for i in among}
    members: dict[int, list[int]] = {i: [i] for i in among}
    # clusters found to contradict stay so as they grow: many pairs across the same two clusters would
    # otherwise each compare all their members again
    apart: dict[int, set[int]] = defaultdict(set)
    dated_by_words = columns.written.tolist()
    # whether a cluster holds a claim dated by its own words
    written = {i: dated_by_words[i] for i in among}

    def worth_joining(i: int, j: int) -> bool:
        ci, cj = cluster_of[i], cluster_of[j]
        # a sentence without date words is no evidence that two dated events are one
        return ci != cj and cj not in apart[ci] and (dated_by_words[i] and dated_by_words[j] or
                                                     not (written[ci] and written[cj]))

    # the verdicts a run of `window` pairs may ask for are computed at once, before the run: a pair
    # not worth joining at its start is not worth it later either (apart and dated groups stay so)
    verdicts = _Verdicts(columns)
    for at in range(0, len(scored), window):
        part = [(i, j) for _, i, j in scored[at:at + window] if worth_joining(i, j)]
        verdicts.prefetch(_linked(part, cluster_of, members))
        for i, j in part:
            ci, cj = cluster_of[i], cluster_of[j]
            if not worth_joining(i, j):
                continue
            # two lone claims are the pair itself, which scored: it can be one claim
            if (len(members[ci]) > 1 or len(members[cj]) > 1) and verdicts.contradict(members[ci], members[cj]):
                apart[ci].add(cj)
                apart[cj].add(ci)
                continue
            if len(members[ci]) < len(members[cj]):
                ci, cj = cj, ci
            for x in members[cj]:
                cluster_of[x] = ci
            members[ci].extend(members.pop(cj))
            written[ci] = written[ci] or written.pop(cj)
            for k in apart.pop(cj, ()):
                apart[k].discard(cj)
                apart[k].add(ci)
                apart[ci].add(k)
        verdicts.clear()
    return list(members.values())


def _linked(pairs: list, cluster_of: dict, members: dict) -> list[list[list[int]]]:
    """The clusters the pairs link, as groups of clusters: a run of pairs joins clusters only within
    one group, so the pairs across a group's clusters are all the run can ask about."""
    parent: dict[int, int] = {}

    def root(c: int) -> int:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for i, j in pairs:
        a, b = root(cluster_of[i]), root(cluster_of[j])
        if a != b:
            parent[a] = b
    groups: dict[int, list[list[int]]] = defaultdict(list)
    for c in parent:
        groups[root(c)].append(members[c])
    return list(groups.values())


class _Verdicts:
    """Whether pairs of claims can be in one event, computed for many pairs at once and kept for the
    joins that ask: a join asks about a few pairs, and rules computed over a few pairs at a time
    would cost more than the pairs themselves."""

    def __init__(self, columns: ClaimColumns):
        self.columns = columns
        # i * n + j (i < j) -> APART, or 1 (persons differ), of the pairs fetched that are not plainly one
        self.known: dict[int, int] = {}

    def prefetch(self, groups: list[list[list[int]]]) -> None:
        """The pairs across the clusters of each group."""
        claims: list[int] = []
        cluster: list[int] = []
        ends: list[int] = []
        for group in groups:
            for c, group_members in enumerate(group):
                claims.extend(group_members)
                cluster.extend([c] * len(group_members))
            ends.append(len(claims))
        if not claims:
            return
        claims, cluster, ends = np.array(claims), np.array(cluster), np.array(ends)
        # every pair within a group: each claim with those after it in its group
        group_end = np.repeat(ends, np.diff(ends, prepend=0))
        after = group_end - np.arange(len(claims)) - 1
        left = np.repeat(np.arange(len(claims)), after)
        right = left + 1 + np.arange(int(after.sum())) - np.repeat(np.cumsum(after) - after, after)
        across = cluster[left] != cluster[right]
        i, j = claims[left[across]], claims[right[across]]
        self._compute(np.minimum(i, j), np.maximum(i, j))

    def _compute(self, i, j) -> None:
        f = PairFeatures(self.columns, i, j)
        verdict = np.where(agreement(f, persons=False) == APART, APART, np.where(persons_agree(f), 0, 1))
        odd = np.flatnonzero(verdict)
        self.known.update(zip((i[odd] * len(self.columns.claims) + j[odd]).tolist(), verdict[odd].tolist()))

    def clear(self) -> None:
        self.known.clear()

    def contradict(self, left: list[int], right: list[int]) -> bool:
        """Whether a claim of `left` and one of `right` cannot be in one event: they cannot be one claim
        (decision.agreement), or they name different people and no claim of the two groups names them
        all ("Sa première visite ..., son interlocuteur s'appelait Kim Jong-il" and "Poutine n'avait
        plus foulé le sol ..." fit an event beside "Poutine ... reçu par Kim Jong-il")."""
        n, known = len(self.columns.claims), self.known
        odd = [(key, known[key]) for key in (min(x, y) * n + max(x, y) for x in left for y in right) if key in known]
        if any(verdict == APART for _, verdict in odd):
            return True
        claims = self.columns.claims
        group = left + right
        return any(not any((claims[key // n].persons | claims[key % n].persons) <= claims[k].persons for k in group)
                   for key, _ in odd)


def regroup(columns: ClaimColumns, near: list, groups: list[list[int]], touched: set[int]
            ) -> tuple[list[int], list[list[int]]]:
    """The groups again after the claims `touched` changed: those groups, and the groups a pair that
    merges links them to, are grouped anew among themselves; the others stand as they were.
    Returns the numbers of the groups that stand and the new groups."""
    group_of = {c: k for k, group in enumerate(groups) for c in group}
    affected = {group_of[c] for c in touched if c in group_of}
    new_claims = {c for c in touched if c not in group_of}
    linked = set(new_claims) | {c for k in affected for c in groups[k]}
    for score, i, j in near:
        if score > 0:  # only a pair that merges can join groups
            continue
        if i in linked and j in group_of:
            affected.add(group_of[j])
        elif j in linked and i in group_of:
            affected.add(group_of[i])
    among = new_claims | {c for k in affected for c in groups[k]}
    regrouped = clusters(columns, [pair for pair in near if pair[0] <= 0 and pair[1] in among and pair[2] in among], among)
    return [k for k in range(len(groups)) if k not in affected], regrouped
