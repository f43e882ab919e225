"""The merge rule: from a pair's features (features.py) and the parameters of models/merge.json,
whether two claims can be one (the hard conditions: dates that cannot agree, one sentence, persons
or places that differ) and how well their dates agree; then, for those that can, how likely they are
one claim, by the model fitted on labelled pairs of real text (model.py, models/merge_model.json).
Every rule is written once, over columns of pairs: one pair is a column of one.

Each rule is a list of (condition, outcome) read in order, the first condition that holds deciding,
as the rules of a grammar are."""

from __future__ import annotations

import numpy as np

from .features import ClaimColumns, PairFeatures, Side
from .model import DIFF, NEAR, NONE, OPEN, SAME, SHARED, inputs, merge_model
from .parameters import parameters

APART = -1  # two claims that cannot be one; else their dates agree as SAME, NEAR or OPEN (model.py)


def _first(rules, otherwise):
    """The outcome of the first rule whose condition holds, pair by pair. An outcome may be a function,
    called only when its condition holds for some pair (most pairs are neither announcements nor
    months without a year)."""
    out = otherwise
    for condition, outcome in reversed(rules):
        if callable(outcome):
            if not np.any(condition):
                continue
            outcome = outcome()
        out = np.where(condition, outcome, out)
    return out


class _Either:
    """The side of each pair where `which` holds, else the other: a rule about 'the announced side and
    the other' is written once, whichever side the announcement is."""

    def __init__(self, which, a: Side, b: Side):
        self._which, self._a, self._b = which, a, b

    def __getattr__(self, name: str):
        value = np.where(self._which, getattr(self._a, name), getattr(self._b, name))
        setattr(self, name, value)
        return value


def slack_days(side) -> np.ndarray:
    """How far a date reaches beyond its days: an article's date lent to a sentence without date words
    as far as the news it tells may be older; an approximate date as far again as it is wide (a
    day more); an exact one a day (sources count a night from different days). `side`: claim
    columns, or one side of pairs."""
    p = parameters()
    return _first([(side.guessed, p.news_lag_days),
                   (side.approximate, np.minimum(np.maximum(side.width, 1) + 1, p.approximate_slack_max_days))],
                  p.exact_slack_days)


def date_agreement(f: PairFeatures) -> np.ndarray:
    """SAME days, NEAR (overlapping, or within the slack of the vaguer date), OPEN (one side undated, or
    dated only by its article), or APART, from the dates alone."""
    p = parameters()
    a, b = f.a, f.b
    lag, day = p.news_lag_days, p.exact_slack_days
    reach = np.maximum(slack_days(a), slack_days(b))
    guessed, other = _Either(a.guessed, a, b), _Either(a.guessed, b, a)
    return _first([
        (~(a.dated & b.dated), OPEN),
        (a.coming | b.coming, lambda: _coming_agreement(f)),
        # "n'y était plus allé depuis juillet 2000" and "sa visite de juillet 2000": the period a 'since'
        # counts from is the other's very period
        (_since_names_period(a, b) | _since_names_period(b, a),
         np.where(a.period_approximate | b.period_approximate, NEAR, SAME)),
        # two articles' dates lent to sentences without date words are guesses, not days that agree
        ((a.start == b.start) & (a.end == b.end) & ~(a.guessed & b.guessed), np.where(a.approximate | b.approximate, NEAR, SAME)),
        # what a sentence without date words tells may be days older than its article
        (a.guessed & b.guessed, np.where((a.start - lag <= b.end) & (b.start - lag <= a.end), OPEN, APART)),
        (a.guessed | b.guessed,
         np.where((other.start - day <= guessed.end) & (guessed.start <= other.end + lag), OPEN, APART)),
    ], np.where((a.start <= b.end + reach) & (b.start <= a.end + reach), NEAR, APART))


def _coming_agreement(f: PairFeatures) -> np.ndarray:
    """An announcement without date words ("Poutine se rendra au Vietnam") is of the days after its
    article (`events.COMING_DAYS`). Against a date the text wrote within them (with a little slack),
    NEAR, as a plan and its dated telling are; against another announcement, or what an article
    tells as of its own date (days older, perhaps), of days that meet, or against a wider date that
    holds them all, OPEN; else APART."""
    p = parameters()
    coming, other = _Either(f.a.coming, f.a, f.b), _Either(f.a.coming, f.b, f.a)
    lo, hi = coming.start - p.coming_slack_days, coming.end + p.coming_slack_days
    return _first([
        (other.coming, np.where((coming.start <= other.end) & (other.start <= coming.end), OPEN, APART)),
        (other.guessed, np.where((other.start - p.news_lag_days <= hi) & (lo <= other.end), OPEN, APART)),
        ((lo <= other.start) & (other.end <= hi), NEAR),
        # a wider date that holds those days ("signé l'an dernier") allows them, no more
        ((other.start <= coming.start) & (coming.end <= other.end), OPEN),
    ], APART)


def _since_names_period(since: Side, other: Side) -> np.ndarray:
    return since.since & other.written & (since.period_start == other.period_start) \
        & (since.period_precision == other.period_precision)


def partial_agreement(f: PairFeatures) -> np.ndarray:
    """A claim dated "en mars" in an article whose year is unknown: NEAR a claim dated within a March
    (of any year), APART from one dated otherwise; OPEN against a date the text did not write. Two
    such claims are NEAR when their months (and days) are one."""
    a, b = f.a, f.b
    partial, other = _Either(a.partial_month > 0, a, b), _Either(a.partial_month > 0, b, a)
    day = partial.partial_day
    same_day = (a.partial_day == 0) | (b.partial_day == 0) | (a.partial_day == b.partial_day)
    within = (other.month_of == partial.partial_month) & ((day == 0) | (other.first_day <= day) & (day <= other.last_day))
    return _first([
        ((a.partial_month > 0) & (b.partial_month > 0), np.where((a.partial_month == b.partial_month) & same_day, NEAR, APART)),
        (~other.written, OPEN),
    ], np.where(within, NEAR, APART))


def persons_agree(f: PairFeatures) -> np.ndarray:
    """One side may name someone in passing that the other leaves out ("accueilli par Kim"), but when
    each names someone the other does not, they tell of different people."""
    return f.shared_persons == np.minimum(f.a.persons_count, f.b.persons_count)


def places_agree(f: PairFeatures) -> np.ndarray:
    """A visit to Pyongyang and one to Hanoï the next day are two events: when both sides say where
    and no place agrees (a city agrees with its country), they differ."""
    return (f.a.places_count == 0) | (f.b.places_count == 0) | (f.shared_places > 0)


def same_people(f: PairFeatures) -> np.ndarray:
    """Both name the same two or more people (one alone is in every claim of a story)."""
    return (f.a.persons_count >= 2) & (f.a.persons_count == f.b.persons_count) & (f.shared_persons == f.a.persons_count)


def apart_reasons(f: PairFeatures, persons: bool = True) -> dict[str, np.ndarray]:
    """The conditions under which two claims cannot be one, whatever their words, each a column of
    booleans, and the date agreement of those that can (`level`, before any condition). Without
    `persons`, persons that differ do not part them (the clustering decides, from the other claims
    of the event)."""
    a, b = f.a, f.b
    level = _first([((a.partial_month > 0) | (b.partial_month > 0), lambda: partial_agreement(f))], date_agreement(f))
    # Two outlets relaying, without date words, what one named source said around their own dates
    # (both John Kirby's "Il a souligné que..."); or the same two or more people, one outlet telling
    # without date words around its article's date (not announcing) what the other dates in words
    # ("Il s'est entretenu avec son homologue Choe Son Hui" / "Arrivé vendredi, ... avec son
    # homologue, Choe Son Hui"): as close in time as two dates a day apart, not merely undated. A
    # date the text writes is no guess, and one article's two sentences are two statements.
    one_speaker = (a.speaker > 0) & (a.speaker == b.speaker) & (a.guessed | a.coming) & (b.guessed | b.coming)
    one_telling = same_people(f) & a.dated & b.dated & np.where(a.guessed, b.written, b.guessed & a.written)
    level = np.where((level == OPEN) & (one_speaker | one_telling) & ~f.one_document, NEAR, level)
    # The day's slack between sources (one counts from the night, another from the morning) has no
    # place inside one article: its writer who says "arrivé vendredi" and "reçu samedi" tells of two events
    days_apart = a.written_exactly & b.written_exactly & ((a.end < b.start) | (b.end < a.start))
    reasons = {
        "level": level,
        "dates": level == APART,
        # one sentence's two dates are two claims ("signé vendredi, salué samedi")
        "one_sentence": f.one_sentence,
        # places contradict only on different days (on one day, sentences often name places in passing)
        "places": (level != SAME) & (level != APART) & ~places_agree(f),
        "one_document_days": (level == NEAR) & f.one_document & days_apart,
    }
    if persons:
        reasons["persons"] = ~persons_agree(f)
    return reasons


def agreement(f: PairFeatures, persons: bool = True) -> np.ndarray:
    """How the dates of two claims that can be one agree (SAME, NEAR, OPEN), or APART when they cannot
    be one claim whatever their words (`apart_reasons`)."""
    reasons = apart_reasons(f, persons)
    level = reasons.pop("level")
    return np.where(np.logical_or.reduce(list(reasons.values())), APART, level)


def frames_relation(f: PairFeatures) -> np.ndarray:
    """SHARED (a kind of action in common, or the same source's quoted words), DIFF (each names
    another), NONE (one names none). Quoted words are a statement's own action: "« ... chacun pour
    soi », a affirmé X lors de la conférence de presse" and "Selon X, le texte « met fin au chacun
    pour soi » en matière d'accueil" say one thing, whatever 'conférence' and 'accueil' name."""
    return _first([((f.shared_frames > 0) | (f.shared_quotes > 0), SHARED),
                   ((f.a.frames_count > 0) & (f.b.frames_count > 0), DIFF)], NONE)


def clause_similarity(f: PairFeatures) -> np.ndarray:
    """How alike the claims' clauses are worded (features.PairFeatures.clause_similarity)."""
    return f.clause_similarity


def sentence_similarity(f: PairFeatures) -> np.ndarray:
    """The clauses' similarity, or their whole sentences' (features.PairFeatures.sentence_similarity)."""
    return f.sentence_similarity


def probability(f: PairFeatures, level: np.ndarray) -> np.ndarray:
    """The fitted model's probability that two claims that can be one (`level`: their agreement) are
    one (model.py, models/merge_model.json)."""
    model = merge_model()
    return model.probability(inputs(f, level, frames_relation(f), model.inputs))


def score(f: PairFeatures, level: np.ndarray) -> np.ndarray:
    """How far above the model's threshold two claims that can be one are: >= 0 merges."""
    return probability(f, level) - merge_model().threshold


def pair_scores(columns: ClaimColumns, i, j) -> np.ndarray:
    """`score` of each pair (i[k], j[k]) of the claims of `columns`; NaN where they cannot be one claim."""
    f = PairFeatures(columns, np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64))
    level = agreement(f)
    can = level != APART
    out = np.full(len(f), np.nan)
    out[can] = score(f.subset(can), level[can])
    return out


def scored_pairs(columns: ClaimColumns, pairs: tuple, margin: float = 0.0,
                 chunk: int = 200_000) -> list[tuple[float, int, int]]:
    """The pairs (two arrays of indices into the claims of `columns`) that merge, or come within
    `margin` of merging, as (-score, i, j), best first; a chunk of pairs at a time."""
    first, second = pairs
    scored: list[tuple[float, int, int]] = []
    for at in range(0, len(first), chunk):
        i, j = first[at:at + chunk], second[at:at + chunk]
        scores = pair_scores(columns, i, j)
        keep = np.flatnonzero(scores >= -margin)  # NaN (cannot be one claim) is never kept
        scored.extend(zip((-scores[keep]).tolist(), i[keep].tolist(), j[keep].tolist()))
    scored.sort()
    return scored
