"""The merge's fitted model: what a pair of claims that can be one is worth as one claim.

A logistic regression over the pair's inputs (`INPUTS`, each computed from the columns of
features.py and the date agreement of decision.py), fitted on labelled pairs of real articles by
bench/fit_merge.py, which writes its weights, its threshold and how both were chosen to
models/merge_model.json. The runtime is numpy: no fitting library is imported here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..errors import DataFileError
from ..resources import load_json_resource
from .features import PairFeatures

SAME, NEAR, OPEN = 0, 1, 2  # how the dates of two claims that can be one agree (decision.agreement)
AGREEMENTS = ("same", "near", "open")
SHARED, DIFF, NONE = 0, 1, 2  # their kinds of action: one in common, each its own, one side none (decision.frames_relation)
FRAMES = ("shared", "diff", "none")

GAP_DAYS = 31  # the date gap is read on a log scale up to a month, flat beyond


def _gap(f: PairFeatures) -> np.ndarray:
    """Days between two dates the texts wrote (0 when they meet or either was not written), on a log
    scale from 0 to 1."""
    a, b = f.a, f.b
    days = np.maximum(0, np.maximum(a.start - b.end, b.start - a.end))
    days = np.where(a.written & b.written, days, 0)
    return np.log1p(np.minimum(days, GAP_DAYS)) / np.log1p(GAP_DAYS)


def _both(x, y):
    return (x > 0) & (y > 0)


# name -> (what it is, how it is computed from the pairs, their date agreement and relation of actions).
# Every input lies within [0, 1], so the least similarity an undated pair needs can be bounded
# (`least_similarity`).
INPUTS = {
    # What two claims share around their action (the same days, both dates written, the same two
    # people) counts only when they share a kind of action (a frame of models/event_frames.json, or the
    # same source's quoted words): in a story, most claims of its main day name its main people, and
    # a signing and a gift of the same day and people are two claims however much they share besides.
    "action_date_same": ("a kind of action in common, on the same days",
                         lambda f, level, frames: (frames == SHARED) & (level == SAME)),
    "action_date_near": ("a kind of action in common, on days that overlap or lie within the slack of the vaguer date",
                         lambda f, level, frames: (frames == SHARED) & (level == NEAR)),
    "action_both_written": ("a kind of action in common, both dates written by the texts",
                            lambda f, level, frames: (frames == SHARED) & f.a.written & f.b.written),
    "action_same_people": ("a kind of action in common, two or more persons in common",
                           lambda f, level, frames: (frames == SHARED) & (f.shared_persons >= 2)),
    "date_gap": ("days between two written dates, log scale, a month or more is 1", lambda f, level, frames: _gap(f)),
    "coming": ("either side is an announcement without date words",
               lambda f, level, frames: f.a.coming | f.b.coming),
    "frames_shared": ("a kind of action (or a source's quoted words) in common", lambda f, level, frames: frames == SHARED),
    # a sentence that tells two claims: "sera en Corée ce mardi, une visite à l'issue de laquelle un accord
    # pourra être signé" dates the visit; the signing its sentence names is not the visit's own action
    "action_beyond_clause": ("the kind of action in common is named outside a claim's clause (its clause names none)",
                             lambda f, level, frames: (frames == SHARED) & (f.shared_quotes == 0) & (f.shared_clause_frames == 0)),
    "frames_diff": ("each names a kind of action, none in common", lambda f, level, frames: frames == DIFF),
    "clause_similarity": ("how alike the claims' clauses are worded", lambda f, level, frames: f.clause_similarity),
    "sentence_similarity": ("the clauses' or the whole sentences' similarity, the higher",
                            lambda f, level, frames: f.sentence_similarity),
    # each similarity on its own: the lemmas leave names out, the grams keep them, so two claims that
    # share only their people ("a signé un traité avec Kim" / "a offert une limousine à Kim") are alike
    # by grams, not by lemmas
    "lemma_similarity": ("the sentences' lemmas in common (Jaccard; names, date and speech words left out)",
                         lambda f, level, frames: f.lemma_jaccard),
    "clause_lemma_similarity": ("the clauses' lemmas in common (Jaccard)", lambda f, level, frames: f.clause_lemma_jaccard),
    "gram_similarity": ("the sentences' weighted grams in common, names included (cosine)",
                        lambda f, level, frames: f.gram_cosine),
    "clause_gram_similarity": ("the clauses' weighted grams in common (cosine)",
                               lambda f, level, frames: f.clause_gram_cosine),
    # one sentence telling two claims: its whole words alike, the claim's clause not
    "sentence_beyond_clause": ("how much more alike the whole sentences are than the claims' clauses",
                               lambda f, level, frames: f.sentence_similarity - f.clause_similarity),
    "quotes_shared": ("the same source's quoted words on both sides", lambda f, level, frames: f.shared_quotes > 0),
    "persons_one_side": ("persons named on one side only", lambda f, level, frames: (f.a.persons_count > 0) != (f.b.persons_count > 0)),
    "places_shared": ("a place in common (a city agrees with its country)", lambda f, level, frames: f.shared_places > 0),
    "places_differ": ("both say where, no place in common",
                      lambda f, level, frames: _both(f.a.places_count, f.b.places_count) & (f.shared_places == 0)),
    "counts_shared": ("a count in common ('trois personnes' / 'trois victimes')", lambda f, level, frames: f.shared_counts > 0),
    "counts_differ": ("both count something, no count in common",
                      lambda f, level, frames: _both(f.a.counts_count, f.b.counts_count)
                      & (f.shared_counts == 0)),
    "same_speaker": ("the same named source on both sides", lambda f, level, frames: (f.a.speaker > 0) & (f.a.speaker == f.b.speaker)),
    "one_document": ("both from one article", lambda f, level, frames: f.one_document),
}


@dataclass(frozen=True)
class MergeModel:
    inputs: tuple[str, ...]
    weights: np.ndarray  # one per input
    intercept: float
    threshold: float  # the probability from which a pair merges

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(one claim) of each row of inputs. The weighted sum is taken input by input, in one order for
        every row: a matrix product sums in an order that depends on how many rows there are, and one
        pair must score alike alone or among many, to the last bit."""
        logit = np.full(len(x), self.intercept)
        for k, weight in enumerate(self.weights):
            logit = logit + x[:, k] * weight
        return 1.0 / (1.0 + np.exp(-logit))


@lru_cache(maxsize=1)
def merge_model() -> MergeModel:
    """The fitted model of models/merge_model.json (checked against its schema as it loads); its inputs
    must be those this code computes, by name."""
    raw = load_json_resource("merge_model.json")
    weights = raw["weights"]
    unknown = sorted(set(weights) - set(INPUTS))
    if unknown:
        raise DataFileError(f"models/merge_model.json: weights of unknown inputs {unknown} (known: {sorted(INPUTS)})")
    names = tuple(name for name in INPUTS if name in weights)
    return MergeModel(names, np.array([float(weights[n]) for n in names]), float(raw["intercept"]),
                      float(raw["threshold"]["value"]))


def inputs(f: PairFeatures, level: np.ndarray, frames: np.ndarray, names=None) -> np.ndarray:
    """The model's inputs of each pair, a row per pair and a column per name of `names` (all by default)."""
    names = tuple(INPUTS) if names is None else names
    out = np.zeros((len(f), len(names)))
    for k, name in enumerate(names):
        out[:, k] = INPUTS[name][1](f, level, frames)
    return out


# the inputs that lie between 0 and `sentence_similarity` (the highest of the four similarities)
BOUNDED_BY_SENTENCE = ("clause_similarity", "lemma_similarity", "clause_lemma_similarity", "gram_similarity",
                       "clause_gram_similarity", "sentence_beyond_clause")


def least_similarity(level: int) -> float:
    """The least `sentence_similarity` a pair of this date agreement could merge with, whatever its other
    inputs (each within [0, 1]; those of BOUNDED_BY_SENTENCE within [0, sentence_similarity]): below
    it, no pair merges. The candidate search of undated pairs reads it (candidates.py)."""
    model = merge_model()
    w = dict(zip(model.inputs, model.weights))
    # at `level`, the date inputs of the other levels are 0; an undated side wrote no date
    fixed = {"action_date_same": None if level == SAME else 0.0, "action_date_near": None if level == NEAR else 0.0,
             "date_gap": 0.0, "action_both_written": 0.0 if level == OPEN else None}
    best = model.intercept
    for name, weight in w.items():
        if name == "sentence_similarity" or name in BOUNDED_BY_SENTENCE:
            continue
        value = fixed.get(name)
        best += weight * float(value) if value is not None else max(weight, 0.0)
    # the similarities at s: the sentence's s, each of the others between 0 and s
    per_unit = w.get("sentence_similarity", 0.0) + sum(max(w.get(n, 0.0), 0.0) for n in BOUNDED_BY_SENTENCE)
    needed = np.log(model.threshold / (1 - model.threshold)) - best
    if per_unit <= 0:
        return 0.0 if needed <= 0 else 1.0
    return float(min(max(needed / per_unit, 0.0), 1.0))
