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


def _plain_story_supports(doc_ids, lenders, similarity, model) -> dict:
    """`story_dates._story_supports` as it was first written: a Counter's step per lender."""
    from collections import Counter

    doc_ids = [d for d in doc_ids if d in similarity.row]
    names = [d for d in lenders if d in similarity.row]
    if not doc_ids or not names:
        return {}
    by_names, by_lemmas = similarity.between(doc_ids, names)
    probability = 1.0 / (1.0 + np.exp(-(model.name_weight * by_names + model.lemma_weight * by_lemmas + model.intercept)))
    supports = {}
    for i, doc_id in enumerate(doc_ids):
        support = Counter()
        for j in np.flatnonzero(probability[i] >= model.threshold):
            if names[j] != doc_id:
                support[lenders[names[j]]] += float(probability[i, j])
        supports[doc_id] = support
    return supports


def test_story_supports_add_as_a_counter_does():
    """Many lenders a day, an article among its own lenders: the same days, in the same order, with
    the same sums to the last bit."""
    from collections import Counter
    from datetime import date, timedelta

    from factx.merge import story_dates

    rng = np.random.default_rng(3)
    words = [f"mot{k}" for k in range(30)]
    profiles = {f"d{k}": story_dates.DocumentProfile(Counter(rng.choice(words[:8], 3).tolist()),
                                                     Counter(rng.choice(words, 12).tolist())) for k in range(120)}
    similarity = story_dates.StorySimilarity(profiles)
    model = replace(story_dates.story_model(), threshold=0.0)  # every pair lends, so that days repeat
    lenders = {f"d{k}": date(2024, 6, 1) + timedelta(days=int(rng.integers(0, 6))) for k in range(0, 120, 2)}
    asking = [f"d{k}" for k in range(0, 120, 3)] + ["elsewhere"]
    got = story_dates._story_supports(asking, lenders, similarity, model)
    plain = _plain_story_supports(asking, lenders, similarity, model)
    assert got == plain and [list(s) for s in got.values()] == [list(s) for s in plain.values()]
    assert all(type(v) is float for s in got.values() for v in s.values())
    assert story_dates._story_supports(asking, {}, similarity, model) == {}
