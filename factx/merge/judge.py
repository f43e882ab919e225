"""What the merge makes of given pairs of mentions, condition by condition (for diagnostics: the
merge gold's error list, bench/merge_eval.py). The figures are the merge's own: the same features
and rules, on columns of the pairs asked about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from ..events import EventMention
from .claims import Claim, date_spans_by_sentence, with_canonical_names
from .decision import (APART, agreement, clause_similarity, date_agreement, frames_relation, persons_agree,
                       places_agree, probability, score, sentence_similarity)
from .features import ClaimColumns, PairFeatures
from .model import AGREEMENTS, FRAMES, merge_model
from .similarity import weigh


@dataclass(frozen=True)
class PairVerdict:
    """What the merge step makes of two mentions, condition by condition."""

    dates: Optional[str]  # 'same', 'near', 'open' from the dates alone (`decision.date_agreement`), or None
    agreement: Optional[str]  # the same, all conditions counted (`decision.agreement`); None: never one claim
    persons_agree: bool
    places_agree: bool
    frames: str  # 'shared', 'diff', or 'none' (named on one side only)
    clause_similarity: float
    sentence_similarity: float
    threshold: Optional[float]  # the probability the pair must reach (the model's threshold)
    score: Optional[float]  # probability less threshold: >= 0 merges; None when the pair cannot be one claim
    probability: Optional[float] = None  # the model's probability that the two are one claim


def pair_columns(mentions: list[EventMention]) -> tuple[ClaimColumns, dict[str, int]]:
    """The columns of a claim per mention, as a merge of all of them computes them (the persons' names
    made canonical, the word weights taken over all), and each mention's number among them by id."""
    mentions = list(mentions)
    canonical = with_canonical_names(mentions)
    dates = date_spans_by_sentence(canonical)
    claims = [Claim.of(m, other_dates=dates[m.doc_id, m.sentence_index]) for m in canonical]
    weigh(claims)
    return ClaimColumns(claims), {m.id: k for k, m in enumerate(mentions)}


def judge_pairs(mentions: list[EventMention]) -> Callable[[str, str], PairVerdict]:
    """A judge of pairs among `mentions` by their ids, as a merge of all of them scores them."""
    columns, number = pair_columns(mentions)

    def verdict(a_id: str, b_id: str) -> PairVerdict:
        f = PairFeatures(columns, np.array([number[a_id]]), np.array([number[b_id]]))
        level, frames = agreement(f), frames_relation(f)
        can = level[0] != APART
        return PairVerdict(_named(date_agreement(f)[0]), _named(level[0]), bool(persons_agree(f)[0]),
                           bool(places_agree(f)[0]), FRAMES[frames[0]], float(clause_similarity(f)[0]),
                           float(sentence_similarity(f)[0]), merge_model().threshold if can else None,
                           float(score(f, level)[0]) if can else None,
                           float(probability(f, level)[0]) if can else None)

    return verdict


def similarity(a: EventMention, b: EventMention) -> float:
    """The text similarity of two mentions alone (lemmas and weighted grams), for diagnostics."""
    claims = [Claim.of(a), Claim.of(b)]
    weigh(claims)
    return float(sentence_similarity(PairFeatures(ClaimColumns(claims), np.array([0]), np.array([1])))[0])


def _named(level) -> Optional[str]:
    return None if level == APART else AGREEMENTS[level]
