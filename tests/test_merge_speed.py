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


def _plain_partial_date_pairs(columns, blocks, block_keys, named, fresh) -> set:
    """`candidates._partial_date_pairs`' pairs before the agreement test, as first written: a Python
    step per claim of each block."""
    claims = columns.claims
    out = set()
    for key in sorted({k for i, c in enumerate(claims) if c.partial for k in block_keys[i]}):
        members = blocks[key]
        partial = [i for i in members if claims[i].partial]
        if not partial or key.startswith("s:"):
            continue
        fresh_members = None if fresh is None else [j for j in members if fresh[j]]
        for i in partial:
            others = members if fresh is None or fresh[i] else fresh_members
            out.update((min(i, j), max(i, j)) for j in others
                       if j != i and (key.startswith("p:") or not (named[i] and named[j])))
    return out


def test_month_without_year_pairs_as_the_plain_loop():
    """Persons' blocks and others, named and unnamed sides, a re-run's fresh claims."""
    from collections import defaultdict

    from builders import interval, make_mention
    from factx.merge.candidates import _partial_date_pairs, block_keys_of
    from factx.merge.claims import Claim
    from factx.merge.decision import NEAR, partial_agreement
    from factx.merge.features import ClaimColumns, PairFeatures
    from factx.merge.similarity import weigh

    rng = np.random.default_rng(11)
    people = [(), ("Vladimir Poutine",), ("Kim Jong-un",), ("Vladimir Poutine", "Kim Jong-un")]
    months = {"mars": interval("2024-03-01", "2024-03-31", precision="month", resolved_by="anchor"),
              "juin": interval("2024-06-01", "2024-06-30", precision="month", resolved_by="anchor")}
    mentions = []
    for k in range(60):
        month = ["mars", "juin"][k % 2]
        when = None if k % 3 else months[month]  # two thirds left undated: their year is unknown
        mentions.append(make_mention(f"doc{k}", f"En {month}, la Russie a utilisé son veto {k} au Conseil de sécurité.",
                                     when, people[int(rng.integers(0, 4))], date_text=month))
    claims = [Claim.of(m) for m in mentions]
    weigh(claims)
    columns = ClaimColumns(claims)
    block_keys = block_keys_of(claims)
    blocks = defaultdict(list)
    for i, keys in enumerate(block_keys):
        for key in keys:
            blocks[key].append(i)
    named = columns.persons_count > 0
    found_any = False
    for fresh in (None, rng.random(len(claims)) < 0.3):
        found = _partial_date_pairs(columns, blocks, block_keys, named, fresh)
        got = set()
        for codes in found:
            got.update(zip((codes // len(claims)).tolist(), (codes % len(claims)).tolist()))
        # the plain loop's pairs, then the same agreement test
        plain = _plain_partial_date_pairs(columns, blocks, block_keys, named, fresh)
        i, j = (np.array(side, dtype=np.int64) for side in zip(*sorted(plain)))
        near = partial_agreement(PairFeatures(columns, i, j)) == NEAR
        assert got == set(zip(i[near].tolist(), j[near].tolist()))
        found_any = found_any or bool(got)
    assert found_any
