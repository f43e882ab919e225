"""The merge's fitted model (factx/merge/model.py, models/merge_model.json): the weights file is the
fit of the committed labelled pairs (tests/data/merge_pairs.csv), and the merge applies it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from builders import interval, make_mention
from factx.merge.model import BOUNDED_BY_SENTENCE, INPUTS, OPEN, least_similarity, merge_model
from factx.resources import models_dir

ROOT = Path(__file__).resolve().parent.parent
PK = ("Vladimir Poutine", "Kim Jong-un")


def _fit_merge():
    sys.path.insert(0, str(ROOT / "bench"))
    import fit_merge

    return fit_merge


def test_the_weights_file_names_only_inputs_the_code_computes_and_validates():
    model = merge_model()
    assert set(model.inputs) <= set(INPUTS) and len(model.inputs) == len(model.weights)
    assert 0 < model.threshold < 1
    raw = json.loads((models_dir() / "merge_model.json").read_text(encoding="utf-8"))
    assert set(raw["inputs"]) == set(raw["weights"])


def test_the_committed_weights_are_a_refit_of_the_committed_pairs():
    pytest.importorskip("sklearn")
    refit = _fit_merge().fit(write=False)
    committed = json.loads((models_dir() / "merge_model.json").read_text(encoding="utf-8"))
    assert refit["threshold"]["value"] == pytest.approx(committed["threshold"]["value"], abs=1e-3)
    assert refit["intercept"] == pytest.approx(committed["intercept"], abs=1e-4)
    for name, weight in committed["weights"].items():
        assert refit["weights"][name] == pytest.approx(weight, abs=1e-4), name


def test_the_labelled_pairs_are_enough_and_hold_no_text():
    """Issue 18: at least 300 labelled pairs, about half the same claim; beside them the background,
    the look-alikes the candidate search hands the decision (pairs of one story the annotators did
    not link), in the proportion it does."""
    rows, names = _fit_merge().read_table()
    named = [int(r["label"]) for r in rows if r["origin"] != "other_set"]
    assert len(named) >= 300 and 0.35 <= sum(named) / len(named) <= 0.65
    background = [r for r in rows if r["origin"] == "other_set"]
    assert len(background) > len(named) and not any(int(r["label"]) or r["apart_by"] for r in background)
    assert set(names) == set(INPUTS)
    assert len({r["story"] for r in rows}) >= 10
    assert all(len(r["a"]) < 60 and len(r["b"]) < 60 for r in rows)  # ids, never sentences


def test_the_merge_scores_a_pair_by_the_model():
    from factx.merge.decision import agreement, frames_relation, pair_scores
    from factx.merge.features import PairFeatures
    from factx.merge.judge import pair_columns
    from factx.merge.model import inputs

    a = make_mention("quotidien", "Vladimir Poutine et Kim Jong-un ont signé mercredi un traité de partenariat.",
                     interval("2024-06-19"), PK, date_text="mercredi")
    b = make_mention("radio", "Mercredi, Kim Jong-un et Vladimir Poutine ont signé un traité de partenariat stratégique.",
                     interval("2024-06-19"), PK, date_text="Mercredi")
    columns, number = pair_columns([a, b])
    i, j = np.array([number[a.id]]), np.array([number[b.id]])
    f = PairFeatures(columns, i, j)
    level = agreement(f)
    model = merge_model()
    x = inputs(f, level, frames_relation(f), model.inputs)
    expected = 1 / (1 + np.exp(-(x @ model.weights + model.intercept))) - model.threshold
    assert pair_scores(columns, i, j) == pytest.approx(expected)
    assert pair_scores(columns, i, j)[0] >= 0


def test_no_undated_pair_below_the_least_similarity_could_merge():
    """The bound the candidate search of undated pairs relies on: the most favourable other inputs
    and a similarity just below it stay under the threshold."""
    model = merge_model()
    s = least_similarity(OPEN)
    if s == 0:
        return
    below = s - 1e-6
    # every other input at its most favourable: 1 where its weight is positive, else 0; the
    # similarities bounded by the sentence's at `below` where their weight is positive, else 0
    value = {n: float(w > 0) for n, w in zip(model.inputs, model.weights)}
    value.update({n: below * value[n] for n in BOUNDED_BY_SENTENCE if n in value})
    value.update(sentence_similarity=below, action_date_same=0, action_date_near=0, date_gap=0, action_both_written=0)
    logit = model.intercept + sum(w * value[n] for n, w in zip(model.inputs, model.weights))
    assert 1 / (1 + np.exp(-logit)) < model.threshold
