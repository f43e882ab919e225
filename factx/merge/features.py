"""Pair features as columns: what the merge knows of each claim, as numpy columns and sparse rows
built once (`ClaimColumns`), and what it knows of each pair of claims, gathered or computed for
whole arrays of pairs at once (`PairFeatures`). One pair is the same computation on arrays of
length one. Which pairs merge is decided from these in decision.py."""

from __future__ import annotations

from functools import cached_property
from typing import Optional

from ..temporal import DateInterval, ResolvedBy
from .claims import Claim
from .similarity import SparseRows

# dates a source did not write: the article's date lent to a sentence without date words, the days
# after it for an announcement, a date learnt from the corpus, the end of a 'since'
OWN_DATES = frozenset({ResolvedBy.SINCE, ResolvedBy.DOCUMENT_DATE, ResolvedBy.CORPUS, ResolvedBy.COMING})


def written(d: Optional[DateInterval]) -> bool:
    """A date the text wrote."""
    return d is not None and d.resolved_by not in OWN_DATES


class ClaimColumns:
    """Each claim's facts as columns (a value per claim) and rows (a set per claim), each built on
    first use: clustering reads the dates and names, scoring the words too.

    `copying` (the columns of other claims, and which of them each of these claims copies): claims
    that are copies of others but for their dates and sentences (a merge's claims after the events
    dated some) share those claims' rows of words rather than counting them again."""

    def __init__(self, claims: list[Claim], copying: Optional[tuple["ClaimColumns", list[int]]] = None):
        self.claims = claims
        self._copying = copying

    def _words(self, name: str, words):
        if self._copying is None:
            return SparseRows(self.claims, words)
        columns, source = self._copying
        return getattr(columns, name).taken(source)

    def _column(self, values, dtype=None):
        import numpy as np

        return np.fromiter(values, dtype=dtype or np.int64, count=len(self.claims))

    # -- the date as compared: "depuis 2000" dates a state at its end, not twenty-four years of events

    @cached_property
    def dated(self):
        return self._column((c.date is not None for c in self.claims), bool)

    @cached_property
    def start(self):
        return self._column((c.date.end.toordinal() if c.date and c.date.resolved_by == ResolvedBy.SINCE
                             else c.date.start.toordinal() if c.date else 0 for c in self.claims))

    @cached_property
    def end(self):
        return self._column((c.date.end.toordinal() if c.date else 0 for c in self.claims))

    @cached_property
    def approximate(self):
        return self._column((bool(c.date and (c.date.approximate or c.date.resolved_by == ResolvedBy.SINCE))
                             for c in self.claims), bool)

    def _resolved_by(self, how: str):
        return self._column((bool(c.date and c.date.resolved_by == how) for c in self.claims), bool)

    @cached_property
    def guessed(self):
        """Dated by its article's date, having no date words."""
        return self._resolved_by(ResolvedBy.DOCUMENT_DATE)

    @cached_property
    def coming(self):
        """Of the days after its article: an announcement or a possibility without date words."""
        return self._resolved_by(ResolvedBy.COMING)

    @cached_property
    def since(self):
        return self._resolved_by(ResolvedBy.SINCE)

    # -- the date as the text wrote it

    @cached_property
    def written(self):
        return self._column((written(c.date) for c in self.claims), bool)

    @cached_property
    def written_exactly(self):
        return self._column((written(c.date) and not c.date.approximate for c in self.claims), bool)

    @cached_property
    def period_start(self):
        return self._column((c.date.start.toordinal() if c.date else 0 for c in self.claims))

    @cached_property
    def period_precision(self):
        precisions = {p: k for k, p in enumerate(sorted({c.date.precision for c in self.claims if c.date}))}
        return self._column((precisions[c.date.precision] if c.date else -1 for c in self.claims))

    @cached_property
    def period_approximate(self):
        return self._column((bool(c.date and c.date.approximate) for c in self.claims), bool)

    @cached_property
    def month_of(self):
        """The month a written date lies within (-1 when it spans more)."""
        return self._column((c.date.start.month if c.date and c.date.start.year == c.date.end.year
                             and c.date.start.month == c.date.end.month else -1 for c in self.claims))

    @cached_property
    def first_day(self):
        return self._column((c.date.start.day if c.date else 0 for c in self.claims))

    @cached_property
    def last_day(self):
        return self._column((c.date.end.day if c.date else 0 for c in self.claims))

    @cached_property
    def width(self):
        """Days from its first to its last, as compared."""
        return self.end - self.start

    # -- a month and day whose year is unknown (0: none)

    @cached_property
    def partial_month(self):
        return self._column((c.partial[0] if c.partial else 0 for c in self.claims))

    @cached_property
    def partial_day(self):
        return self._column((c.partial[1] or 0 if c.partial else 0 for c in self.claims))

    # -- who says so, who and where

    @cached_property
    def speaker(self):
        """A number per named source (0: none)."""
        names = {name: k + 1 for k, name in enumerate(sorted({c.mention.attributed_to for c in self.claims
                                                             if c.mention.attributed_to}))}
        return self._column((names.get(c.mention.attributed_to, 0) for c in self.claims))

    @cached_property
    def persons(self):
        return self._words("persons", lambda c: c.persons)

    @cached_property
    def persons_count(self):
        return self.persons.sizes

    @cached_property
    def places(self):
        return self._words("places", lambda c: c.places)

    @cached_property
    def places_count(self):
        return self.places.sizes

    @cached_property
    def sentences(self):
        return SparseRows(self.claims, lambda c: c.sentences)

    @cached_property
    def documents(self):
        return SparseRows(self.claims, lambda c: c.documents)

    # -- what it says

    @cached_property
    def frames(self):
        return self._words("frames", lambda c: c.frames)

    @cached_property
    def clause_frames(self):
        return self._words("clause_frames", lambda c: c.clause_frames)

    @cached_property
    def frames_count(self):
        return self.frames.sizes

    @cached_property
    def quotes(self):
        return self._words("quotes", lambda c: c.quotes)

    @cached_property
    def counts(self):
        return self._words("counts", lambda c: c.counts)

    @cached_property
    def counts_count(self):
        return self.counts.sizes

    @cached_property
    def lemmas(self):
        return self._words("lemmas", lambda c: c.lemmas)

    @cached_property
    def clause_lemmas(self):
        return self._words("clause_lemmas", lambda c: c.clause_lemmas)

    @cached_property
    def grams(self):
        return SparseRows.of_matrix(self._gram_matrix, [c.row for c in self.claims])

    @cached_property
    def clause_grams(self):
        return SparseRows.of_matrix(self._gram_matrix, [c.clause_row for c in self.claims])

    @property
    def _gram_matrix(self):
        return self.claims[0].gram_weights if self.claims else None


class Side:
    """One side of many pairs: any column of the claims, read at those claims on first use."""

    def __init__(self, columns: ClaimColumns, index):
        self._columns, self._index = columns, index

    def __getattr__(self, name: str):
        value = getattr(self._columns, name)[self._index]
        setattr(self, name, value)
        return value

    def subset(self, keep) -> "Side":
        side = Side(self._columns, self._index[keep])
        for name, value in vars(self).items():
            if not name.startswith("_"):
                setattr(side, name, value[keep])
        return side


class PairFeatures:
    """What the merge knows of each pair (i[k], j[k]): its two sides (`a`, `b`: any claim column) and
    what the two share, each computed once, on first use."""

    def __init__(self, columns: ClaimColumns, i, j):
        self.columns, self.i, self.j = columns, i, j
        self.a, self.b = Side(columns, i), Side(columns, j)

    def __len__(self) -> int:
        return len(self.i)

    def subset(self, keep) -> "PairFeatures":
        """The pairs where `keep`, with what was computed for them already."""
        pairs = PairFeatures(self.columns, self.i[keep], self.j[keep])
        pairs.a, pairs.b = self.a.subset(keep), self.b.subset(keep)
        for name, value in vars(self).items():
            if name not in ("columns", "i", "j", "a", "b"):
                setattr(pairs, name, value[keep])
        return pairs

    def _shared(self, rows: str):
        return getattr(self.columns, rows).dot(self.i, self.j)

    @cached_property
    def shared_persons(self):
        return self._shared("persons")

    @cached_property
    def shared_places(self):
        return self._shared("places")

    @cached_property
    def one_sentence(self):
        """Some mention of each stands in one sentence: two dates of a sentence tell two claims."""
        return self._shared("sentences") > 0

    @cached_property
    def one_document(self):
        return self._shared("documents") > 0

    @cached_property
    def shared_frames(self):
        return self._shared("frames")

    @cached_property
    def shared_clause_frames(self):
        """Kinds of action both claims' clauses name themselves."""
        return self._shared("clause_frames")

    @cached_property
    def shared_quotes(self):
        return self._shared("quotes")

    @cached_property
    def shared_counts(self):
        return self._shared("counts")

    @cached_property
    def lemma_jaccard(self):
        return self.columns.lemmas.jaccard(self.i, self.j)

    @cached_property
    def clause_lemma_jaccard(self):
        return self.columns.clause_lemmas.jaccard(self.i, self.j)

    @cached_property
    def gram_cosine(self):
        return self._shared("grams")

    @cached_property
    def clause_gram_cosine(self):
        return self._shared("clause_grams")

    @cached_property
    def clause_similarity(self):
        """How alike the claims' clauses are worded: shared lemmas, or weighted grams for paraphrases
        with inflected words."""
        import numpy as np

        return np.maximum(self.clause_lemma_jaccard, self.clause_gram_cosine)

    @cached_property
    def sentence_similarity(self):
        """The clauses' similarity, or their whole sentences' (a paraphrase may spread its words over
        clauses differently)."""
        import numpy as np

        return np.maximum(self.clause_similarity, np.maximum(self.lemma_jaccard, self.gram_cosine))
