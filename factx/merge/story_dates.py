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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Mapping, Optional

from ..events import EventMention
from ..resources import load_json_resource
from ..temporal import DateInterval, ResolvedBy, guess_tense


@dataclass(frozen=True)
class StoryModel:
    """P(same story) = logistic(name_weight * name similarity + lemma_weight * lemma similarity +
    intercept); an article lends its date to those it tells one story with at `threshold` or more."""

    name_weight: float
    lemma_weight: float
    intercept: float
    threshold: float
    lender_max_days: int  # an article dated only within more days than this lends no date
    slip_days: int  # a weekday-date this far from its story's days took the wrong year


@lru_cache(maxsize=1)
def story_model() -> StoryModel:
    raw = load_json_resource("story_dates.json")
    return StoryModel(**{name: raw[name]["value"] for name in
                         ("name_weight", "lemma_weight", "intercept", "threshold", "lender_max_days", "slip_days")})


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


def text_floors(mentions: Iterable[EventMention]) -> dict[str, date]:
    """The day each article cannot be earlier than, from what it tells: the latest day or month it
    names with its year ("Ce 4 septembre 2023, le général a prêté serment", "en mars 2023, il a
    signé") in a sentence told in the past, whose own words are told in the past too (the sentence's
    tense alone would take "une grève qui s'étalera du 16 au 18 février 2024", said in a past
    sentence, for past). A day bounds it by that day, a month by its first day; a year alone says
    too little ("candidat pour 2027")."""
    floors: dict[str, date] = {}
    for m in mentions:
        iv = m.date
        if (iv is None or iv.resolved_by != ResolvedBy.ABSOLUTE or iv.approximate or m.date_start is None
                or iv.precision not in ("day", "month") or m.tense not in ("past", "pluperfect", "present")):
            continue
        if guess_tense(m.sentence, m.date_start - m.start, m.date_end - m.start) not in ("past", "pluperfect"):
            continue
        bound = iv.end if iv.precision == "day" else iv.start
        if bound > floors.get(m.doc_id, date.min):
            floors[m.doc_id] = bound
    return floors


def _weighted_rows(bags: list[Counter]):
    """The bags as the rows of a sparse matrix, each a unit vector of sublinear counts times smoothed
    inverse document frequency: a word every article of a one-story folder uses still counts (its
    weight is 1, not 0), a rare one more."""
    import numpy as np
    from scipy import sparse

    n = len(bags)
    columns: dict[str, int] = {}
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    indptr, indices, data = [0], [], []
    for bag in bags:
        for word, count in bag.items():
            indices.append(columns.setdefault(word, len(columns)))
            data.append((1 + math.log(count)) * (math.log((1 + n) / (1 + df[word])) + 1))
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                                np.array(indptr, dtype=np.int64)), shape=(n, max(1, len(columns))))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


class StorySimilarity:
    """The two similarities of any pairs of a folder's articles, weighted over that folder: one sparse
    product for many pairs (an undated article against every dated one)."""

    def __init__(self, profiles: Mapping[str, DocumentProfile]):
        self.ids = list(profiles)
        self.row = {doc_id: k for k, doc_id in enumerate(self.ids)}
        self.names = _weighted_rows([profiles[d].names for d in self.ids])
        self.lemmas = _weighted_rows([profiles[d].lemmas for d in self.ids])

    def between(self, left: list[str], right: list[str]):
        """Two dense arrays (names, lemmas) of the cosines of each of `left` with each of `right`."""
        rows, cols = [self.row[d] for d in left], [self.row[d] for d in right]
        return tuple((m[rows] @ m[cols].T).toarray() for m in (self.names, self.lemmas))

    def pair(self, a: str, b: str) -> tuple[float, float]:
        names, lemmas = self.between([a], [b])
        return float(names[0, 0]), float(lemmas[0, 0])


def same_story_probability(name_similarity: float, lemma_similarity: float, model: StoryModel) -> float:
    z = model.name_weight * name_similarity + model.lemma_weight * lemma_similarity + model.intercept
    return 1.0 / (1.0 + math.exp(-z))


def lendable_day(interval: Optional[DateInterval], best_day: Optional[date], model: StoryModel) -> Optional[date]:
    """The day a dated article lends the undated ones of its story: its likeliest day, when its date is
    known within a few days."""
    if interval is None or (interval.end - interval.start).days + 1 > model.lender_max_days:
        return None
    return best_day or interval.start


def _story_supports(doc_ids: list[str], lenders: Mapping[str, date], similarity: StorySimilarity,
                    model: StoryModel) -> dict[str, Counter]:
    """For each article, the days the same-story dated articles lend it, each counted by its
    probability of telling the same story (an article lends nothing to itself)."""
    import numpy as np

    doc_ids = [d for d in doc_ids if d in similarity.row]
    names = [d for d in lenders if d in similarity.row]
    if not doc_ids or not names:
        return {}
    by_names, by_lemmas = similarity.between(doc_ids, names)
    z = model.name_weight * by_names + model.lemma_weight * by_lemmas + model.intercept
    probability = 1.0 / (1.0 + np.exp(-z))
    # each lender's day as a number; an article's own row among the lenders, if it is one
    days = sorted(set(lenders[d] for d in names))
    day_of = np.searchsorted(np.array([d.toordinal() for d in days]), [lenders[d].toordinal() for d in names])
    own = {d: j for j, d in enumerate(names)}
    supports = {}
    for i, doc_id in enumerate(doc_ids):
        lending = np.flatnonzero(probability[i] >= model.threshold)
        lending = lending[lending != own.get(doc_id, -1)]
        # the probabilities added day by day in the lenders' order, from 0, as a Counter adds them one
        # at a time: the same sums to the last bit, without a Python step per lender
        totals = np.zeros(len(days))
        np.add.at(totals, day_of[lending], probability[i, lending])
        first_seen = np.unique(day_of[lending], return_index=True)[1]
        supports[doc_id] = Counter({days[k]: float(totals[k]) for k in day_of[lending][np.sort(first_seen)].tolist()})
    return supports


def _likeliest(support: Counter) -> date:
    return max(support, key=lambda d: (support[d], -d.toordinal()))


def slipped_documents(profiles: Mapping[str, DocumentProfile], dates: Mapping[str, Optional[DateInterval]],
                      lenders: Mapping[str, date], model: Optional[StoryModel] = None,
                      similarity: Optional[StorySimilarity] = None, words: Optional[Mapping[str, Optional[str]]] = None,
                      floors: Optional[Mapping[str, date]] = None) -> dict[str, DateInterval]:
    """The articles dated only by a weekday written with its day and month ("samedi 28 octobre": the
    year where that day is that weekday) whose story's dated articles were published another year:
    a slip of the writer's, or a year the text never says, which the story contradicts. Each with the
    date its text gave, to be shown as the conflict; the article is then dated as an undated one.
    A weekday-date whose year is written ('samedi 7 décembre 2024', in `words`) says its year, and a
    story's day before what the article tells in the past (`floors`, `text_floors`) is no other
    year's: neither is a slip."""
    model = model or story_model()
    words, floors = words or {}, floors or {}
    weekday_dated = [d for d, own in dates.items() if own is not None and own.resolved_by == ResolvedBy.WEEKDAY_DATE
                     and not re.search(rf"\b{own.start.year}$|\b{own.end.year}$", words.get(d) or "")]
    if not weekday_dated:
        return {}
    sure = {d: day for d, day in lenders.items() if d not in set(weekday_dated)}
    supports = _story_supports(weekday_dated, sure, similarity or StorySimilarity(profiles), model)
    slipped = {}
    for doc_id, support in supports.items():
        if not support:
            continue
        told = _likeliest(support)
        if abs((told - dates[doc_id].start).days) > model.slip_days and told >= floors.get(doc_id, date.min):
            slipped[doc_id] = dates[doc_id]
    return slipped


def shifted_weekday_dates(slipped: Mapping[str, DateInterval], best_days: Mapping[str, Optional[date]],
                          supports: Mapping[str, Counter], model: Optional[StoryModel] = None) -> dict[str, DateInterval]:
    """A slipped article's weekday and day in the year its story was told: "ce samedi 8 août", read
    in 2026 when its story's articles were published in August 2020, is Saturday 8 August 2020, the
    same weekday, day and month in the year nearest the story's likeliest day, when that day is
    within `slip_days` of it; a weekday the story's year does not give that day ("samedi 4 mars" in
    2025) stays a slip, dated by the story alone."""
    model = model or story_model()
    shifted = {}
    for doc_id in slipped:
        day, support = best_days.get(doc_id) or slipped[doc_id].start, supports.get(doc_id)
        if not support:
            continue
        told = _likeliest(support)
        same = [d for y in (told.year - 1, told.year, told.year + 1)
                if (d := _same_day(y, day)) is not None and d.weekday() == day.weekday()]
        near = min(same, key=lambda d: abs((d - told).days), default=None)
        if near is not None and abs((near - told).days) <= model.slip_days:
            shifted[doc_id] = DateInterval(near, near, "day", True, ResolvedBy.CORPUS)
    return shifted


def _same_day(year: int, day: date) -> Optional[date]:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def story_supports(profiles: Mapping[str, DocumentProfile], lenders: Mapping[str, date], undated: Iterable[str],
                   model: Optional[StoryModel] = None, similarity: Optional[StorySimilarity] = None) -> dict[str, Counter]:
    """What the story lends each undated article (`_story_supports`): computed once per merge, whatever
    the claims' estimates become."""
    return _story_supports(list(undated), lenders, similarity or StorySimilarity(profiles), model or story_model())


def estimate_from_story(profiles: Mapping[str, DocumentProfile], lenders: Mapping[str, date],
                        undated: Iterable[str], claims_estimates: Mapping[str, DateInterval],
                        model: Optional[StoryModel] = None, similarity: Optional[StorySimilarity] = None,
                        supports: Optional[dict[str, Counter]] = None,
                        floors: Optional[Mapping[str, date]] = None) -> dict[str, DateInterval]:
    """For each undated article with same-story dated articles (`lenders`: their days): the day they
    most support, each counted by its probability of telling the same story; among the days its own
    claims allow (`claims_estimates`) when any of them falls there; the earlier day on a tie, since
    news is written soon after what it tells. Undated articles with no same-story lender keep what
    their claims gave, or nothing. `supports`: `story_supports`' answer, when already computed.
    `floors` (`text_floors`): no estimate is earlier than the latest day the article tells in the
    past; when its story's days are all earlier, it is that day.""" 
    if supports is None:
        supports = story_supports(profiles, lenders, undated, model, similarity)
    estimates = {}
    floors = floors or {}
    for doc_id, support in supports.items():
        floor = floors.get(doc_id)
        if floor is not None and support:
            # the story's days must agree with what the article tells in the past; else it was
            # written soon after the latest day it tells
            after = Counter({day: w for day, w in support.items() if day >= floor})
            support = after or Counter({floor: 1.0})
        claims = claims_estimates.get(doc_id)
        if claims is not None:
            inside = Counter({day: w for day, w in support.items() if claims.start <= day <= claims.end})
            support = inside or support
        if support:
            day = _likeliest(support)
            estimates[doc_id] = DateInterval(day, day, "day", True, ResolvedBy.CORPUS)
    return estimates
