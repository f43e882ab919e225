"""Candidate pairs: which pairs of claims are worth scoring, found without comparing all with all.
Claims are blocked (a person, an organisation, a kind of action, the source, or a rare word in
common) and swept in date order; undated ones meet only what a prefix index says could be worded
closely enough; 'since' claims meet the period they count from, and claims dated by a month
whose year is unknown the claims that month can agree with."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import chain
from typing import Iterator, Optional

from ..temporal import ResolvedBy
from .claims import Claim
from .decision import NEAR, partial_agreement, slack_days
from .model import OPEN, least_similarity
from .features import OWN_DATES, ClaimColumns, PairFeatures
from .parameters import parameters
from .similarity import SparseRows


def block_keys_of(claims: list[Claim]) -> list[set[str]]:
    """What a pair must have in common to be compared: a person, an organisation, a kind of action,
    the source who says so, or one of the rarest words of either side (`block_rare_words`) (a cheap inverted index
    that finds paraphrases naming nobody, and keeps the blocks small however large the corpus)."""
    df: Counter = Counter()
    for c in claims:
        df.update(c.lemmas)
    rare = parameters().block_rare_words
    keys = []
    for c in claims:
        k = {f"p:{p}" for p in c.persons} | {f"o:{o}" for o in c.mention.organisations} | {f"f:{f}" for f in c.frames}
        if c.mention.attributed_to:
            k.add(f"s:{c.mention.attributed_to}")
        shared = sorted((lemma for lemma in c.lemmas if df[lemma] > 1), key=lambda lemma: (df[lemma], lemma))
        k |= {f"w:{lemma}" for lemma in shared[:rare]}
        keys.append(k)
    return keys


def candidate_pairs(columns: ClaimColumns, fresh=None, block_keys: Optional[list[set[str]]] = None,
                    open_search: bool = True) -> tuple:
    """Pairs worth comparing, as two arrays (i < j, each pair once): sharing a block key, with dates
    that can agree. Within a block the dated mentions are ordered by the first day each can reach
    (its start less its slack), so each one's partners are the run of those that follow it up to
    its last day plus slack: no pair farther apart is made. An undated mention meets only the
    members of its blocks that an index says could reach the threshold an undated pair needs
    (`_OpenPairIndex`), at most `open_candidates` of them. Two sides that both name persons agree
    only if they share one, so blocks other than a person's pair only a side that names nobody. A 'since' mention also meets those dated
    by the period it counts from (`_since_period_pairs`).

    With `fresh` (a boolean per claim), only the pairs with a fresh side: those a re-run has not
    scored before (memory.py). `block_keys`: `block_keys_of` the claims when known; without
    `open_search`, no undated mention is looked up in the index (memory.py has their pairs already)."""
    import numpy as np

    claims = columns.claims
    n = len(claims)
    if fresh is not None and not fresh.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    block_keys = block_keys if block_keys is not None else block_keys_of(claims)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(block_keys):
        for k in keys:
            blocks[k].append(i)
    dated, named = columns.dated, columns.persons_count > 0
    slack = slack_days(columns)
    reach, last = columns.start - slack, columns.end + slack
    found = []
    # with fresh claims, only the blocks that hold one can make a pair with a fresh side
    searched = blocks.keys() if fresh is None else {k for i in np.flatnonzero(fresh) for k in block_keys[i]}
    for key in searched:
        members = blocks[key]
        if len(members) < 2:
            continue
        members = np.array(members)
        members = members[dated[members]]
        if len(members) < 2 or (fresh is not None and not fresh[members].any()):
            continue
        order = members[np.argsort(reach[members], kind="stable")]
        ends = np.searchsorted(reach[order], last[order], side="right")
        counts = np.maximum(ends - np.arange(1, len(order) + 1), 0)
        total = int(counts.sum())
        if not total:
            continue
        left = np.repeat(np.arange(len(order)), counts)
        right = left + 1 + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        i, j = order[left], order[right]
        if fresh is not None:
            keep = fresh[i] | fresh[j]
            i, j = i[keep], j[keep]
        if not key.startswith("p:"):
            keep = ~(named[i] & named[j])
            i, j = i[keep], j[keep]
        found.append(np.minimum(i, j) * n + np.maximum(i, j))
    found.extend(_partial_date_pairs(columns, blocks, block_keys, named, fresh))
    undated = [i for i in range(n) if not dated[i]]
    if fresh is None:
        queries = [(undated, None)]
    else:
        # a fresh undated claim meets every claim; a known one only the fresh (it met the others before)
        queries = [([i for i in undated if fresh[i]], None), ([i for i in undated if not fresh[i]], np.flatnonzero(fresh))]
    queries = [(q, rows) for q, rows in queries if q and (rows is None or len(rows))] if open_search else []
    since = _since_period_pairs(claims, fresh)
    if queries or len(since[0]):
        keys = SparseRows(list(range(n)), block_keys.__getitem__)
        persons = columns.persons

        def sharing(i, j):
            """In a block together (the pairs the whole-block comparison made); persons not disjoint."""
            keep = (i != j) & (keys.dot(i, j) > 0)
            i, j = i[keep], j[keep]
            keep = (persons.sizes[i] == 0) | (persons.sizes[j] == 0) | (persons.dot(i, j) > 0)
            return i[keep], j[keep]

        if len(since[0]):
            i, j = sharing(*since)
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    if queries:
        needed = None  # whose prefixes are read: the undated asking, and whom they ask
        if all(rows is not None for _, rows in queries):
            needed = np.zeros(n, dtype=bool)
            for q, rows in queries:
                needed[q] = needed[rows] = True
        index = _OpenPairIndex(claims, needed)
        for i, j in chain.from_iterable(index.pairs(q, rows) for q, rows in queries):
            i, j = sharing(i, j)
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    pairs = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    pairs.sort()
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    return pairs // n, pairs % n


def _partial_date_pairs(columns: ClaimColumns, blocks: dict, block_keys: list[set[str]], named, fresh=None) -> list:
    """Each claim dated by a month whose year is unknown ("en mars") with the members of its blocks
    it can agree with (`decision.partial_agreement`): the index of undated claims would only find those
    worded closely enough for an undated pair."""
    import numpy as np

    claims = columns.claims
    n = len(claims)
    left, right = [], []
    # the blocks that hold a claim with a partial date
    for key in sorted({k for i, c in enumerate(claims) if c.partial for k in block_keys[i]}):
        members = blocks[key]
        partial = [i for i in members if claims[i].partial]
        # a source's block is for what it said around the articles' dates, not for month names
        if not partial or key.startswith("s:"):
            continue
        members = np.array(members, dtype=np.int64)
        fresh_members = None if fresh is None else members[fresh[members]]
        # outside a person's block, two sides that both name persons are not paired (`candidate_pairs`)
        unnamed = members if key.startswith("p:") else members[~named[members]]
        fresh_unnamed = None if fresh is None else unnamed[fresh[unnamed]]
        for i in partial:
            # a re-run: a known claim's pairs with known claims were made before
            known = fresh is not None and not fresh[i]
            if key.startswith("p:") or not named[i]:
                others = fresh_members if known else members
            else:
                others = fresh_unnamed if known else unnamed
            others = others[others != i]
            left.append(np.full(len(others), i, dtype=np.int64))
            right.append(others)
    i, j = (np.concatenate(side) if side else np.zeros(0, dtype=np.int64) for side in (left, right))
    if not len(i):
        return []
    near = partial_agreement(PairFeatures(columns, i, j)) == NEAR
    i, j = i[near], j[near]
    return [np.minimum(i, j) * n + np.maximum(i, j)]


def _since_period_pairs(claims: list[Claim], fresh=None) -> tuple:
    """Each 'since' claim with the claims dated by the very period it counts from (`decision.date_agreement`):
    the date sweep compares a 'since' at the article's date, far from that period."""
    import numpy as np

    by_period: dict[tuple, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        d = c.mention.date
        if d is not None and d.resolved_by not in OWN_DATES:
            by_period[(d.start, d.precision)].append(k)
    left, right = [], []
    for k, c in enumerate(claims):
        d = c.mention.date
        if d is not None and d.resolved_by == ResolvedBy.SINCE:
            for other in by_period.get((d.start, d.precision), ()):
                if fresh is None or fresh[k] or fresh[other]:
                    left.append(k)
                    right.append(other)
    return np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)


# The numbers a dense block of the undated search holds at most (32-bit floats: 64 MB): a slice of
# undated mentions' counts against every mention asked, and the common words of every mention asked.
COUNTS_BUDGET = 1 << 24
# A prefix word is counted densely when the share of the mentions asked that hold it, times the share
# of undated mentions that hold it, passes this: a dense product costs about a hundredth of a sparse
# one per number (BLAS against scipy's sparse product, measured on the benchmark's 100,000 mentions)
DENSE_SHARE = 0.001


class _OpenPairIndex:
    """Which mentions the undated ones can merge with, found without comparing them with all.

    A pair with an undated side merges only if one of its four similarities (lemmas and clause
    lemmas by Jaccard, grams and clause grams by cosine) reaches t, the least similarity an undated
    pair can merge with whatever else it shares (`model.least_similarity`). Each similarity has a prefix bound, so the pairs
    whose prefixes meet are all the pairs that can merge, and no other is dropped. With one order
    of the words for all mentions (rarest first):
    - Jaccard >= t: the two sets share one of the first |X| - ceil(t|X|) + 1 elements of each;
    - cosine >= t of unit vectors: a gram both hold lies outside the tail of common grams whose
      weights' norm is below t, in each (the tails can add at most |X_tail| < t, Cauchy-Schwarz);
      the rarest gram they share is in both prefixes.
    The prefixes keep the rare words, whose postings are short; the meeting is a product of matrices
    (every mention's prefixes by the undated ones'), a slice of undated mentions at a time: dense
    (BLAS) for the words most mentions hold, sparse for the rest.
    """

    def __init__(self, claims: list[Claim], needed=None):
        """`needed` (a boolean per claim): the claims whose prefixes a query will read; all by default."""
        from scipy import sparse

        # a hair below the threshold: rounding can only make the prefixes longer, never drop a pair
        t = least_similarity(OPEN) - 1e-9
        lemma_df: Counter = Counter()
        for c in claims:
            lemma_df.update(c.lemmas)
        # one order for all mentions, as ranks (sorting by a rank is a C lookup per word)
        lemma_rank = {x: k for k, x in enumerate(sorted(lemma_df, key=lambda x: (lemma_df[x], x)))}
        made: dict[int, frozenset] = {}
        lemma_prefixes = []
        for k, c in enumerate(claims):
            if needed is not None and not needed[k]:
                lemma_prefixes.append(frozenset())
                continue
            if id(c.lemmas) not in made:
                made[id(c.lemmas)] = self._jaccard_prefix(c.lemmas, t, lemma_rank) | self._jaccard_prefix(c.clause_lemmas, t, lemma_rank)
            lemma_prefixes.append(made[id(c.lemmas)])
        rows = SparseRows(list(range(len(claims))), lemma_prefixes.__getitem__)
        # both kinds of prefix side by side: one product counts what two rows share of either, as the
        # sum of two products would (counts of ones, exact in floats), without adding two large matrices
        self.matrix = sparse.hstack([rows.zero_one(), self._cosine_prefixes(claims, t)], format="csr")

    @staticmethod
    def _jaccard_prefix(items: frozenset, t: float, rank: dict) -> frozenset:
        if not items:
            return frozenset()
        length = len(items) - math.ceil(t * len(items)) + 1
        return frozenset(sorted(items, key=rank.__getitem__)[:length])  # rarest first

    @staticmethod
    def _cosine_prefixes(claims: list[Claim], t: float):
        """Each claim's gram prefixes (sentence and clause together) as a 0/1 sparse row: a row's
        grams, commonest first, past the point where their squared weights add up to t*t."""
        import numpy as np
        from scipy import sparse

        weights = claims[0].gram_weights
        df = np.bincount(weights.indices, minlength=weights.shape[1])  # distinct gram lists holding each
        # any one order serves the bound; commonest first (ties in the order the grams were met) keeps the rare
        rank = np.empty(len(df), dtype=np.int64)
        rank[np.argsort(-df, kind="stable")] = np.arange(len(df))
        lengths = np.diff(weights.indptr)
        row_ids = np.repeat(np.arange(weights.shape[0]), lengths)
        order = np.lexsort((rank[weights.indices], row_ids))
        squares = np.cumsum(weights.data[order] ** 2)
        before_row = np.concatenate(([0.0], squares))[weights.indptr[:-1]]
        # a hair early, again: a longer prefix, never a pair dropped
        reached = squares - np.repeat(before_row, lengths) >= t * t - 1e-9
        position = np.arange(len(order)) - np.repeat(weights.indptr[:-1], lengths)
        first = np.full(weights.shape[0], np.iinfo(np.int64).max)
        np.minimum.at(first, row_ids[reached], position[reached])
        kept = position >= first[row_ids]  # a row lighter than t keeps nothing: it reaches t with nobody
        prefixes = sparse.csr_matrix((np.ones(int(kept.sum())), weights.indices[order][kept],
                                      np.concatenate(([0], np.cumsum(np.bincount(row_ids[kept], minlength=weights.shape[0]))))),
                                     shape=weights.shape)
        both = (prefixes[np.array([c.row for c in claims])] + prefixes[np.array([c.clause_row for c in claims])]).tocsr()
        both.data[:] = 1.0
        return both

    def pairs(self, undated: list[int], among=None) -> Iterator[tuple]:
        """(mention, undated mention) index arrays, a slice of undated mentions at a time: every
        mention (of `among`, an index array, if given) whose prefixes meet an undated one's."""
        import numpy as np

        most = parameters().open_candidates
        asked = self.matrix if among is None else self.matrix[among]
        queries = np.asarray(undated, dtype=np.int64)
        common, rare, rare_asked = self._split(asked, self.matrix[queries])
        common_asked = common(asked)
        per_slice = max(1, min(512, COUNTS_BUDGET // asked.shape[0]))
        for at in range(0, len(queries), per_slice):
            part = queries[at:at + per_slice]
            # how many prefix words each undated mention of the slice shares with each mention asked
            # (counts of ones: exact in 32-bit floats, whatever order BLAS adds them in)
            counts = common(self.matrix[part]) @ common_asked.T
            counts += (rare(self.matrix[part]) @ rare_asked).toarray()
            kept, cols = [], []
            for row, line in enumerate(counts):
                members = np.flatnonzero(line)
                # the mentions sharing the most rare words with each undated one: an undated mention joins
                # one event, and its best partners are among them; a common story's undated sentence would
                # otherwise be compared with thousands of mentions of every day the story was told. The
                # cut reads the counts as it always has (64-bit, in ascending order of mentions): which of
                # equal counts the partition keeps depends on both
                if len(members) > most:
                    shared = line[members].astype(np.float64)
                    members = members[np.argpartition(-shared, most)[:most]]
                kept.append(members)
                cols.append(np.full(len(members), part[row], dtype=np.int64))
            members = np.concatenate(kept).astype(np.int64)
            yield (members if among is None else among[members]), np.concatenate(cols)

    @staticmethod
    def _split(asked, queries) -> tuple:
        """The prefix words in two parts: the common, whose products cost least as dense matrices (BLAS),
        and the rest, sparse. With undated mentions nearly every mention meets them all (the least
        similarity of an undated pair is low, so its prefixes are nearly whole), and a few hundred
        common grams and lemmas make most of a sparse product's work. Returns the common part of
        rows as a function (rows -> dense 32-bit matrix), the rare part likewise (sparse), and the
        rare part of `asked` transposed, ready for the products."""
        import numpy as np

        width = asked.shape[1]
        held = np.bincount(asked.indices, minlength=width) / asked.shape[0]
        asking = np.bincount(queries.indices, minlength=width) / queries.shape[0]
        # a word's share of the dense product that a sparse one would compute too
        share = held * asking
        common = np.flatnonzero(share > DENSE_SHARE)
        common = common[np.argsort(-share[common], kind="stable")][:COUNTS_BUDGET // asked.shape[0]]
        is_common = np.zeros(width, dtype=bool)
        is_common[common] = True
        rare = np.flatnonzero(~is_common)

        def common_part(rows):
            return rows[:, common].astype(np.float32).toarray()

        def rare_part(rows):
            return rows[:, rare].astype(np.float32)

        return common_part, rare_part, rare_part(asked).T.tocsr()
