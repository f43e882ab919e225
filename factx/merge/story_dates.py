"""An undated article's date from the dated articles of its folder that tell the same story.

Outlets publish what they tell of one story within days of each other, and a folder is usually one
story told by several outlets (or a few stories side by side). Which articles tell one story is read
from what they name (persons, places, organisations) and the words they use, each weighted by how
rare it is in the folder; whether two articles tell one story is a logistic model of those two
similarities, fitted on the real corpus's stories (eval/real/fit_story_dates.py writes
models/story_dates.json, with the cross-validated figures it was chosen on). The estimate is the day
the likeliest same-story articles were published (each counted by that likelihood), kept inside the
days the article's shared claims allow when those are known (estimates.py); approximate, with
`resolved_by: "corpus"`, like the claims' estimate.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Mapping, Optional

from ..events import EventMention
from ..resources import load_json_resource
from ..temporal import DateInterval, ResolvedBy


@dataclass(frozen=True)
class StoryModel:
    """P(same story) = logistic(name_weight * name similarity + lemma_weight * lemma similarity +
    intercept); an article lends its date to those it tells one story with at `threshold` or more."""

    name_weight: float
    lemma_weight: float
    intercept: float
    threshold: float
    lender_max_days: int  # an article dated only within more days than this lends no date


@lru_cache(maxsize=1)
def story_model() -> StoryModel:
    raw = load_json_resource("story_dates.json")
    return StoryModel(**{name: raw[name]["value"] for name in
                         ("name_weight", "lemma_weight", "intercept", "threshold", "lender_max_days")})


@dataclass(frozen=True)
class DocumentProfile:
    """What an article is about: how often it names each person, place and organisation, and uses
    each content lemma, in the sentences the pipeline kept."""

    names: Counter
    lemmas: Counter


def document_profiles(mentions: Iterable[EventMention]) -> dict[str, DocumentProfile]:
    names: dict[str, Counter] = defaultdict(Counter)
    lemmas: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        names[m.doc_id].update(m.actors + m.places + m.organisations)
        lemmas[m.doc_id].update(m.lemmas)
    return {doc_id: DocumentProfile(names[doc_id], lemmas[doc_id]) for doc_id in names.keys() | lemmas.keys()}


def _weighted_vectors(bags: Mapping[str, Counter]) -> dict[str, dict[str, float]]:
    """Each bag as a unit vector of sublinear counts times smoothed inverse document frequency: a word
    every article of a one-story folder uses still counts (its weight is 1, not 0), a rare one more."""
    n = len(bags)
    df = Counter(word for bag in bags.values() for word in bag)
    vectors = {}
    for doc_id, bag in bags.items():
        v = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[doc_id] = {w: x / norm for w, x in v.items()}
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


class StorySimilarity:
    """The two similarities of any pair of a folder's articles, weighted over that folder."""

    def __init__(self, profiles: Mapping[str, DocumentProfile]):
        self.names = _weighted_vectors({d: p.names for d, p in profiles.items()})
        self.lemmas = _weighted_vectors({d: p.lemmas for d, p in profiles.items()})

    def pair(self, a: str, b: str) -> tuple[float, float]:
        return _cosine(self.names[a], self.names[b]), _cosine(self.lemmas[a], self.lemmas[b])


def same_story_probability(name_similarity: float, lemma_similarity: float, model: StoryModel) -> float:
    z = model.name_weight * name_similarity + model.lemma_weight * lemma_similarity + model.intercept
    return 1.0 / (1.0 + math.exp(-z))


def lendable_day(interval: Optional[DateInterval], best_day: Optional[date], model: StoryModel) -> Optional[date]:
    """The day a dated article lends the undated ones of its story: its likeliest day, when its date is
    known within a few days."""
    if interval is None or (interval.end - interval.start).days + 1 > model.lender_max_days:
        return None
    return best_day or interval.start


def estimate_from_story(profiles: Mapping[str, DocumentProfile], lenders: Mapping[str, date],
                        undated: Iterable[str], claims_estimates: Mapping[str, DateInterval],
                        model: Optional[StoryModel] = None) -> dict[str, DateInterval]:
    """For each undated article with same-story dated articles (`lenders`: their days): the day they
    most support, each counted by its probability of telling the same story; among the days its own
    claims allow (`claims_estimates`) when any of them falls there; the earlier day on a tie, since
    news is written soon after what it tells. Undated articles with no same-story lender keep what
    their claims gave, or nothing."""
    model = model or story_model()
    similarity = StorySimilarity(profiles)
    estimates = {}
    for doc_id in undated:
        if doc_id not in profiles:
            continue
        support: Counter = Counter()
        for lender, day in lenders.items():
            if lender == doc_id or lender not in profiles:
                continue
            p = same_story_probability(*similarity.pair(doc_id, lender), model)
            if p >= model.threshold:
                support[day] += p
        claims = claims_estimates.get(doc_id)
        if claims is not None:
            inside = Counter({day: w for day, w in support.items() if claims.start <= day <= claims.end})
            support = inside or support
        if support:
            day = max(support, key=lambda d: (support[d], -d.toordinal()))
            estimates[doc_id] = DateInterval(day, day, "day", True, ResolvedBy.CORPUS)
    return estimates
