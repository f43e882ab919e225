"""The merge's shortcuts for speed give what the plain computation gives, to the pair."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy import sparse

from factx.merge import candidates
from factx.merge.parameters import parameters


def _plain_undated_pairs(matrix, undated, among, most) -> set:
    """The undated search as it was first written: a sparse product of every mention's prefixes by an
    undated one's, read column by column (ascending mentions), cut to the `most` sharing the most."""
    asked = matrix if among is None else matrix[among]
    found = (asked @ matrix[undated].T).tocsc()
    out = set()
    for col, u in enumerate(undated):
        lo, hi = found.indptr[col], found.indptr[col + 1]
        members, shared = found.indices[lo:hi], found.data[lo:hi]
        if hi - lo > most:
            members = members[np.argpartition(-shared, most)[:most]]
        for m in members.tolist():
            out.add((int(m if among is None else among[m]), int(u)))
    return out


def _index_of(matrix):
    index = candidates._OpenPairIndex.__new__(candidates._OpenPairIndex)
    index.matrix = matrix
    return index


def test_undated_search_cuts_as_the_plain_sparse_product(monkeypatch):
    """Dense and sparse parts, slices smaller than the undated, and many equal counts at the cut (which
    of them the partition keeps depends on the order and type of the counts it reads)."""
    rng = np.random.default_rng(7)
    claims, words = 400, 60
    # a few words most claims hold (counted densely), many that few hold
    share = np.concatenate([np.full(6, 0.7), rng.uniform(0.005, 0.08, words - 6)])
    matrix = sparse.csr_matrix((rng.random((claims, words)) < share).astype(np.float64))
    most = 7
    monkeypatch.setattr(candidates, "parameters", lambda: replace(parameters(), open_candidates=most))
    monkeypatch.setattr(candidates, "COUNTS_BUDGET", 400 * 16)  # slices of 16 undated, at most 16 dense words
    undated = sorted(rng.choice(claims, 90, replace=False).tolist())
    among = np.flatnonzero(rng.random(claims) < 0.6)
    index = _index_of(matrix)
    for asked in (None, among):
        got = set()
        for i, j in index.pairs(undated, asked):
            got.update(zip(i.tolist(), j.tolist()))
        plain = _plain_undated_pairs(matrix, undated, asked, most)
        assert got == plain
        assert len(plain) < len(undated) * (claims if asked is None else len(among))  # the cut applied
