"""Merging: the same claim told by several sources (or twice by one) becomes one event.

Claims are compared, not whole sentences: two mentions are the same claim when their dates agree
(a day's slack; wider for approximate dates), their persons agree (the persons one side names
include all those the other names), the kind of action agrees (`models/event_frames.json`
puts "visite" and "se rendre", "signature" and "parapher" in one frame), their places do not
contradict, and what they say is close enough: shared content lemmas, or shared character
4-grams weighted by rarity (TF-IDF) for paraphrases with inflected words.

Candidates are blocked (a person, an organisation, a kind of action or a rare word in common) and
swept in date order, so the comparison never runs over all pairs; undated mentions meet only what
a prefix index says could be worded closely enough; mentions worded alike are compared once; and
the pairs are scored a chunk at a time as sparse-matrix products (numpy, scipy), so that 100,000
mentions are matched in seconds (docs/benchmarks.md). Clusters grow best pair first, and two
clusters join only if no pair across them contradicts (persons, dates, places): chains of
look-alikes cannot glue two different events together. A merge leaves a `MergeMemory` (kept in the
store) so that the next one, after a few documents changed, searches pairs only for new claims.

An undated mention that joins a dated event takes its date (`resolved_by: "corpus"`); where the
sources disagree on a date or a count, the event lists the values in `conflicts`.
"""

from __future__ import annotations

import hashlib
import math
import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import chain
from typing import Callable, Iterable, Iterator, Optional

from .actors import canonical_person_names, fold
from .events import COMING_DAYS, EventMention
from .resources import load_json_resource
from .temporal import DateInterval, anchors_placing, month_and_day_of, parse_french_number

# The text similarity two mentions need, by how well their dates agree ('same' days, 'near': overlapping
# or a day apart, 'open': one side undated) and how their actions compare (a 'shared' frame, frames
# that differ, or 'none' named on one side). Set on the team's merge gold (docs/merging.md): same-day
# claims of one kind of action are often told in words that share almost nothing ("ont paraphé un
# accord" / "a signé un traité"), while different actions rarely pass even on the same day.
THRESHOLDS = {
    ("same", "shared"): 0.09, ("same", "none"): 0.20, ("same", "diff"): 0.45,
    ("near", "shared"): 0.23, ("near", "none"): 0.22, ("near", "diff"): 0.50,
    ("open", "shared"): 0.45, ("open", "none"): 0.55, ("open", "diff"): 0.70,
}
# the most mentions an undated one is compared with: those sharing the most rare words with it. The one
# cut that is not exact: on 30,000 mentions of the benchmark's store, 1% of the events come out otherwise
# (11,926 events against 11,903 without it), and the merge takes 9.6 s instead of 14.6 s
OPEN_CANDIDATES = 100
# a re-run that finds more than this share of the claims new searches every pair again, as a first run does
FULL_MERGE_SHARE = 0.2
# the pairs a merge remembers for the next: those that merged and those that nearly did. Adding or
# removing a tenth of the mentions moved no pair's score by more than 0.004 in the tests
MEMORY_MARGIN = 0.05
SENTENCE_MARGIN = 0.15  # the whole sentence stands in for an action word neither clause has
PLACE_MARGIN = 0.15  # same day, but no place in common: the words must say more
# two sources telling one kind of action with one count ("trois personnes" / "trois victimes") repeat
# one claim more often than its words do: the similarity the pair needs is lowered by this much
COUNT_BONUS = 0.05
# so do the same two or more people on both sides ("Kim Jong-un a reçu samedi le ministre" / "une
# rencontre entre le ministre et Kim Jong-un ... ce week-end"): one person is in every claim of a
# story, and two named beside different actions ("ont signé un traité" / "a offert une limousine à")
# are no sign of one claim
PERSONS_BONUS = 0.05


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on one thing about an event: its date, or a count ("7 000 conteneurs")."""

    what: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (the value as the sources write it, their documents)


@dataclass(frozen=True)
class Event:
    id: str
    date: Optional[DateInterval]
    summary: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    modality: str = "asserted"  # event_modality of the mentions
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class MergeMemory:
    """What a merge leaves the next one: the claims it compared (by `_claim_key`) and the pairs of
    them that scored high enough to merge, or nearly. A re-run after a few files changed searches
    candidates only for the claims it does not know, and scores those with the pairs remembered
    here: what costs is the search, not the scoring. The scores are the new ones (the word weights
    move as documents come and go), so the clusters grow from the list a whole new merge would
    make, unless a pair the last merge left more than MEMORY_MARGIN below its threshold has come
    to pass it, or the search would now find a pair between known claims that it did not find then,
    or the other way round (the words that block it, `_block_keys`, and the cut at OPEN_CANDIDATES
    depend on all the claims). After 50 of the benchmark's 5,000 files changed, 0 to 20 of 27,000
    events came out otherwise than from a whole merge; a test bounds it on small corpora."""

    rules: str  # the scoring rules the pairs were found under (`merge_rules`)
    claims: frozenset
    pairs: tuple  # (claim key, claim key) of the pairs that scored within MEMORY_MARGIN of merging


def merge_rules() -> str:
    """A fingerprint of what decides which pairs are found and how they score: every parameter and
    rule of the code and every data file (ruleset.rules_fingerprint). Pairs found under other rules
    are not reused."""
    from .ruleset import rules_fingerprint

    return rules_fingerprint()


@dataclass(frozen=True)
class _Knowledge:
    frames: dict  # folded lemma -> frozenset of frame names
    idioms: tuple  # (pattern over folded text, folded lemma, the frames it has there instead)
    speech_words: frozenset
    part_of: dict  # folded place -> folded country
    quantity_synonyms: dict
    date_words: frozenset


@lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    raw = load_json_resource("event_frames.json")
    frames: dict[str, set] = defaultdict(set)
    for name, words in raw["frames"].items():
        for w in words:
            frames[fold(w)].add(name)
    lex = load_json_resource("temporal_fr.json")
    date_words = set(lex["months"]) | set(lex["weekdays"]) | set(lex["units"]) | set(lex["seasons"])
    date_words |= {"dernier", "prochain", "passé", "hier", "demain", "aujourd'hui", "début", "fin", "mi", "lors",
                   "soir", "matin", "nuit", "veille", "lendemain", "premier"}
    idioms = tuple((re.compile(i["pattern"]), fold(i["lemma"]), frozenset(i["frames"])) for i in raw["idioms"])
    return _Knowledge({k: frozenset(v) for k, v in frames.items()}, idioms, frozenset(fold(w) for w in raw["speech_words"]),
                      {fold(k): fold(v) for k, v in raw["places_part_of"].items()},
                      {fold(k): fold(v) for k, v in raw["quantity_synonyms"].items()},
                      frozenset(fold(w) for w in date_words))


# names, places and lemmas come back in mention after mention: fold each once
_fold_word = lru_cache(maxsize=1 << 16)(fold)


GRAM_SIZE = 4


def _gram_text(text: str) -> str:
    """The text whose character 4-grams are counted (`_count_grams`): folded, and every run of
    characters other than letters and digits one space."""
    return re.sub(r"\W+", " ", fold(text))


def _count_grams(texts: list[str], chunk: int = 4096):
    """The 4-grams of each text counted: a sparse matrix (a row per text, a column per distinct gram)
    and each column's gram as a 64-bit code (four 16-bit characters; the rare character beyond
    16 bits counts as the last one). Numpy over all texts at once, a chunk of texts at a time: a
    Counter of string slices per text cost seconds over 100,000 mentions, and more memory."""
    import numpy as np
    from scipy import sparse

    n = GRAM_SIZE
    rows, codes, counts = [], [], []
    for at in range(0, len(texts), chunk):
        part = texts[at:at + chunk]
        lengths = np.fromiter(map(len, part), dtype=np.int64, count=len(part))
        chars = np.minimum(np.frombuffer("".join(part).encode("utf-32-le"), dtype=np.uint32), 0xFFFF).astype(np.uint64)
        per_text = np.maximum(lengths - n + 1, 0)
        first_gram = np.cumsum(per_text) - per_text
        row = np.repeat(np.arange(len(part)), per_text)
        position = np.arange(int(per_text.sum())) - np.repeat(first_gram, per_text) + np.repeat(np.cumsum(lengths) - lengths, per_text)
        code = chars[position] << np.uint64(48) | chars[position + 1] << np.uint64(32) | \
            chars[position + 2] << np.uint64(16) | chars[position + 3]
        order = np.lexsort((code, row))
        row, code = row[order], code[order]
        starts = np.flatnonzero(np.concatenate(([True], (row[1:] != row[:-1]) | (code[1:] != code[:-1]))))
        counts.append(np.diff(np.append(starts, len(row))).astype(np.float64))
        rows.append(row[starts] + at)
        codes.append(code[starts])
    row, code, count = (np.concatenate(x) if x else np.zeros(0) for x in (rows, codes, counts))
    vocabulary, columns = np.unique(code.astype(np.uint64), return_inverse=True)
    indptr = np.concatenate(([0], np.cumsum(np.bincount(row.astype(np.int64), minlength=len(texts)))))
    matrix = sparse.csr_matrix((count, columns.astype(np.int32), indptr), shape=(len(texts), max(len(vocabulary), 1)))
    return matrix, vocabulary


_CLAUSE_BREAK = re.compile(r"\s*[;:()«»\u2014]\s*|,\s+|\s+(?=(?:où|qui|dont|lorsque|tandis que|alors que|avant de|après avoir)\s)", re.I)


def _claim_text(m: EventMention, other_dates: Iterable[tuple[int, int]] = ()) -> str:
    """The clause its date words belong to, without them: "sera en Corée du Nord ce mardi 18 juin et
    mercredi, une visite ... à l'issue de laquelle un accord ... sera signé" dates the visit, not
    the accord. A clause too short to say anything takes its neighbours, but not one that holds the
    date of another claim of the sentence (`other_dates`, offsets in the document): "doit s'envoler
    dans la soirée pour Hanoï, où il sera reçu jeudi" tells a departure, then a reception."""
    if m.date_start is None:
        return m.sentence
    s, e = m.date_start - m.start, m.date_end - m.start
    pieces = [(p.start(), p.end()) for p in _CLAUSE_BREAK.finditer(m.sentence)]
    bounds = [0] + [x for span in pieces for x in span] + [len(m.sentence)]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds) - 1, 2)]
    hit = next((k for k, (a, b) in enumerate(clauses) if a <= s < b or a < e <= b), None)
    if hit is None:
        return m.sentence[:s] + " " + m.sentence[e:]
    lo = hi = hit
    words = lambda: len(re.findall(r"\w+", m.sentence[clauses[lo][0]:clauses[hi][1]]))
    if words() >= 10:
        return m.sentence[clauses[lo][0]:s] + " " + m.sentence[e:clauses[hi][1]]
    others = [o - m.start for o, _ in other_dates if o != m.date_start]
    free = [not any(a <= o < b for o in others) for a, b in clauses]
    while words() < 10 and (lo > 0 and free[lo - 1] or hi < len(clauses) - 1 and free[hi + 1]):
        if hi < len(clauses) - 1 and free[hi + 1]:
            hi += 1
        if words() < 10 and lo > 0 and free[lo - 1]:
            lo -= 1
    a, b = clauses[lo][0], clauses[hi][1]
    return m.sentence[a:s] + " " + m.sentence[e:b]


@dataclass
class _Claim:
    """What a mention is compared on, computed once per mention rather than once per pair: the kind of
    action comes from the clause its date words belong to, the wording from both that clause and
    the whole sentence (a paraphrase may spread its words over clauses differently)."""

    mention: EventMention
    persons: frozenset
    places: frozenset  # folded, with the countries the places lie in
    lemmas: frozenset  # of the whole sentence, date and speech words and names left out
    frames: frozenset  # of the claim clause
    gram_text: str  # the sentence without its date words, as its 4-grams are counted (`_gram_text`)
    clause_lemmas: frozenset = frozenset()
    clause_gram_text: str = ""
    # the month and day (or None) of date words whose year is unknown ("en mars" without an article date)
    partial: Optional[tuple] = None
    # its source's own words, three at a time (`_quoted_words`)
    quotes: frozenset = frozenset()
    # the counts it gives (`_counts_of`)
    counts: frozenset = frozenset()
    # the (document, sentence) of every mention this claim stands for: identical claims are compared once
    sentences: frozenset = frozenset()
    # TF-IDF of the grams and of the clause's grams, unit length: rows of one matrix (`_weigh`)
    gram_weights: Optional["_GramWeights"] = None
    row: int = -1
    clause_row: int = -1
    documents: frozenset = field(init=False)  # the documents of `sentences`
    date: Optional[DateInterval] = field(init=False)  # as it is compared (`_date_compared`)

    def __post_init__(self):
        self.documents = frozenset(doc for doc, _ in self.sentences)
        self.date = _date_compared(self.mention)

    @property
    def weights(self) -> dict:
        return self.gram_weights.of_row(self.row)

    @property
    def clause_weights(self) -> dict:
        return self.gram_weights.of_row(self.clause_row)

    @classmethod
    def of(cls, m: EventMention, sentences: Optional[frozenset] = None,
           other_dates: Iterable[tuple[int, int]] = ()) -> "_Claim":
        """`other_dates`: where the other mentions of its sentence have their date words."""
        kb = _knowledge()
        name_words = frozenset(w for a in m.actors for w in _fold_word(a).split())
        lemmas = frozenset(f for f in (_fold_word(lemma) for lemma in m.lemmas)
                           if f not in kb.date_words and f not in kb.speech_words and f not in name_words)
        clause = _claim_text(m, other_dates)
        folded = fold(clause)
        # the sentence's lemmas that the clause holds (an inflected word keeps its lemma's first letters)
        clause_lemmas = frozenset(f for f in lemmas if f[:4] in folded)
        # the clause's kind of action; the sentence's when the clause names none ("sera en Corée")
        frames = _frames_of(clause_lemmas, lambda: folded, kb) or _frames_of(lemmas, lambda: fold(m.sentence), kb)
        places = set()
        for p in m.places:
            f = _fold_word(p)
            places.add(f)
            if f in kb.part_of:
                places.add(kb.part_of[f])
        # who says so is not who acts: "Iouri Ouchakov a indiqué qu'un accord pourrait être signé"
        persons = frozenset(a for a in m.actors if a != m.attributed_to)
        return cls(m, persons, frozenset(places), lemmas, frames, _gram_text(_without_date_words(m)),
                   clause_lemmas, _gram_text(clause),
                   partial=_partial_date(m), quotes=_quoted_words(m), counts=_counts_of(m.sentence),
                   sentences=sentences if sentences is not None else frozenset({(m.doc_id, m.sentence_index)}))


_DETERMINED_COUNT = re.compile(r"\b(?:les|des|ces|leurs|aux|ses|nos|vos)\s+$", re.I)


@lru_cache(maxsize=1 << 14)
def _counts_of(sentence: str) -> frozenset:
    """The values a sentence counts things with, but not "les deux pays", which names them."""
    return frozenset(number for number, written, _ in _quantities(sentence)
                     if not _DETERMINED_COUNT.search(sentence[:max(0, sentence.find(written))]))


def _date_compared(m: EventMention) -> Optional[DateInterval]:
    """A plan or a possibility told without date words ("X a indiqué qu'un accord pourrait être
    signé à Pyongyang") is of the days after its article, as an announcement in the future is
    (`resolved_by: "coming"`): what the article's date dates is the saying, not the signing."""
    d = m.date
    if d is not None and d.resolved_by == "document-date" and m.modality == "possible":
        return _coming_after(d)
    return d


@lru_cache(maxsize=4096)
def _coming_after(d: DateInterval) -> DateInterval:
    return DateInterval(d.start, d.end + COMING_DAYS, "day", True, "coming")


def _partial_date(m: EventMention) -> Optional[tuple]:
    """The month and day of date words whose year is unknown, for a mention left undated."""
    return month_and_day_of(m.date_text) if m.date is None and m.date_text else None


_QUOTED = re.compile(r"«([^«»]+)»|^([^«»]+)»|«([^«»]+)$|\"([^\"]+)\"")


def _quoted_words(m: EventMention) -> frozenset:
    """A named source's own words, three at a time: two outlets quoting one statement share some
    ("« ... de la logique du chacun pour soi », a affirmé X" / "Selon X, le texte « met fin au chacun
    pour soi »") whatever else their sentences name. A sentence may open inside a quote the one
    before began. Runs of short words only ("de la part") say nothing of the statement."""
    if not m.attributed_to:
        return frozenset()
    out = set()
    for quoted in _QUOTED.finditer(m.sentence):
        words = re.findall(r"\w+", fold(next(g for g in quoted.groups() if g is not None)))
        out.update(f"{m.attributed_to}:{' '.join(words[k:k + 3])}" for k in range(len(words) - 2)
                   if any(len(w) >= 4 for w in words[k:k + 3]))
    return frozenset(out)


def _frames_of(lemmas: frozenset, folded_text, kb: _Knowledge) -> frozenset:
    """The kinds of action the lemmas name; `folded_text()` gives the text the idioms are read in.
    An idiom counts even when the model gave its word another lemma or none ("il est attendu" may
    be tagged an auxiliary and an adjective)."""
    meaning = kb.frames
    text = None
    for pattern, lemma, frames in kb.idioms:
        text = folded_text() if text is None else text
        # an idiom holds a form of its word, which keeps at least the word's first three letters
        # ("venu" of "venir"): a cheap test before the pattern
        if (lemma in lemmas or lemma[:3] in text) and pattern.search(text):
            meaning = {**meaning, lemma: frames}
            lemmas = lemmas | {lemma}
    return frozenset(fr for lemma in lemmas for fr in meaning.get(lemma, ()))


def _without_date_words(m: EventMention) -> str:
    if m.date_start is None:
        return m.sentence
    s, e = m.date_start - m.start, m.date_end - m.start
    return m.sentence[:s] + " " + m.sentence[e:]


@dataclass(frozen=True)
class _GramWeights:
    """The TF-IDF weights of every distinct text's grams, one unit-length row each of a sparse matrix
    (claims with the same words share their rows)."""

    matrix: object  # scipy.sparse.csr_matrix: distinct gram texts x grams
    grams: list  # the gram of each column, as `_count_grams` codes it

    def of_row(self, row: int) -> dict:
        lo, hi = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        return dict(zip(map(self.grams.__getitem__, self.matrix.indices[lo:hi].tolist()), self.matrix.data[lo:hi].tolist()))


def _weigh(claims: list[_Claim]) -> None:
    """TF-IDF weights of each claim's 4-grams over the mentions being merged: the grams every
    sentence shares ("ent ", " de ") say nothing about the claim. Computed as numpy columns over all
    the claims' grams at once: a loop per gram in Python cost seconds over 100,000 mentions."""
    import numpy as np
    from scipy import sparse

    unique: list[str] = []
    row_of: dict[str, int] = {}
    for c in claims:
        for text in (c.gram_text, c.clause_gram_text):
            if text not in row_of:
                row_of[text] = len(unique)
                unique.append(text)
    counted, vocabulary = _count_grams(unique)
    indices, indptr, counts = counted.indices, counted.indptr, counted.data
    lengths = np.diff(indptr)
    # a gram's document frequency: the claims whose sentence holds it (a clause's grams are the sentence's)
    claims_per_row = np.bincount(np.fromiter((row_of[c.gram_text] for c in claims), dtype=np.int64, count=len(claims)),
                                 minlength=len(unique))
    df = np.bincount(indices, weights=np.repeat(claims_per_row, lengths).astype(np.float64), minlength=len(vocabulary))
    idf = np.where(df > 0, np.log((len(claims) + 1) / (1 + df)) + 1.0, 1.0)
    weights = counts * idf[indices]
    norms = np.sqrt(np.bincount(np.repeat(np.arange(len(unique)), lengths), weights=weights * weights,
                                minlength=len(unique)))
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix((weights / np.repeat(norms, lengths), indices, indptr), shape=counted.shape)
    table = _GramWeights(matrix, vocabulary.tolist())
    for c in claims:
        c.gram_weights, c.row, c.clause_row = table, row_of[c.gram_text], row_of[c.clause_gram_text]


def _cosine(a: dict, b: dict) -> float:
    small, large = (a, b) if len(a) < len(b) else (b, a)
    # the grams both hold, in the smaller one's order: the same sum as over all its grams (the others add
    # exactly 0.0), computed in C; pairs are scored by the hundred thousand
    shared = list(filter(large.__contains__, small))
    return sum(map(operator.mul, map(small.__getitem__, shared), map(large.__getitem__, shared)), 0.0 if small else 0)


def _jaccard(a: frozenset, b: frozenset) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _text_similarity(a: _Claim, b: _Claim, whole_sentences: bool = True, clause: Optional[float] = None) -> float:
    """How alike the claims are worded: their clauses, and, when `whole_sentences`, their sentences
    (a paraphrase may spread its words over clauses differently; but a sentence that tells two
    claims looks like both, so the whole sentence only counts once the actions agree). `clause` is
    the clauses' similarity when the caller has it already."""
    if clause is None:
        clause = max(_jaccard(a.clause_lemmas, b.clause_lemmas), _cosine(a.clause_weights, b.clause_weights))
    if not whole_sentences:
        return clause
    return max(clause, _jaccard(a.lemmas, b.lemmas), _cosine(a.weights, b.weights))


@lru_cache(maxsize=4096)
def _since_as_end(iv: DateInterval) -> DateInterval:
    # built once per interval, not once per pair (dataclasses.replace is slow)
    return replace(iv, start=iv.end, approximate=True)


_OWN_DATES = frozenset({"since", "document-date", "corpus", "coming"})


def _names_since_period(since: DateInterval, other: DateInterval) -> bool:
    """`other` is the period (the same month, the same day...) that `since` counts from."""
    return since.resolved_by == "since" and other.resolved_by not in _OWN_DATES \
        and other.start == since.start and other.precision == since.precision


def _date_agreement(a: Optional[DateInterval], b: Optional[DateInterval]) -> Optional[str]:
    """'same', 'near' (overlapping, or within the slack of the vaguer date), 'open' (one has no date),
    or None when the dates contradict."""
    if a is None or b is None:
        return "open"
    if "coming" in (a.resolved_by, b.resolved_by):
        return _coming_agreement(a, b)
    # "n'y était plus allé depuis juillet 2000" and "sa visite de juillet 2000": the period a 'since'
    # starts from is the other's very period
    if _names_since_period(a, b) or _names_since_period(b, a):
        return "near" if a.approximate or b.approximate else "same"
    # "depuis 2000" dates a state at the article's date, not twenty-four years of events
    if a.resolved_by == "since":
        a = _since_as_end(a)
    if b.resolved_by == "since":
        b = _since_as_end(b)
    if (a.start, a.end) == (b.start, b.end) and not a.resolved_by == b.resolved_by == "document-date":
        return "near" if a.approximate or b.approximate else "same"
    if "document-date" in (a.resolved_by, b.resolved_by):
        # a sentence with no date words took the article's date: what it tells may be days older
        if a.resolved_by == b.resolved_by:
            return "open" if a.start - _NEWS_LAG <= b.end and b.start - _NEWS_LAG <= a.end else None
        guessed, other = (a, b) if a.resolved_by == "document-date" else (b, a)
        return "open" if other.start - timedelta(days=1) <= guessed.end and guessed.start <= other.end + _NEWS_LAG \
            else None
    # an approximate date reaches as far again as it is wide ("vers la mi-juin"); an exact one a day
    slack = max(_slack(a), _slack(b))
    if a.start <= b.end + slack and b.start <= a.end + slack:
        return "near"
    return None


def _coming_agreement(a: DateInterval, b: DateInterval) -> Optional[str]:
    """An announcement without date words ("Poutine se rendra au Vietnam") is of the days after its
    article (`events.COMING_DAYS`). Against a date the text wrote within them (a day of slack),
    'near', as a plan and its dated telling are; against another announcement, or what an article
    tells as of its own date (days older, perhaps), of days that meet, or against a wider date that
    holds them all, 'open'; else they differ."""
    coming, other = (a, b) if a.resolved_by == "coming" else (b, a)
    lo, hi = coming.start - timedelta(days=1), coming.end + timedelta(days=1)
    if other.resolved_by == "coming":
        return "open" if a.start <= b.end and b.start <= a.end else None
    if other.resolved_by == "document-date":
        return "open" if other.start - _NEWS_LAG <= hi and lo <= other.end else None
    if lo <= other.start and other.end <= hi:
        return "near"
    # a wider date that holds those days ("signé l'an dernier") allows them, no more
    return "open" if other.start <= coming.start and coming.end <= other.end else None


def _persons_agree(a: _Claim, b: _Claim) -> bool:
    """One side may name someone in passing that the other leaves out ("accueilli par Kim"), but
    when each names someone the other does not, they tell of different people."""
    return a.persons <= b.persons or b.persons <= a.persons


def _places_agree(a: _Claim, b: _Claim) -> bool:
    """A visit to Pyongyang and one to Hanoï the next day are two events: when both sides say
    where and no place agrees (a city agrees with its country), they differ."""
    return not a.places or not b.places or bool(a.places & b.places)


def _contradict(a: _Claim, b: _Claim) -> bool:
    """Two mentions that cannot be one claim, whatever their words."""
    return _agreement(a, b) is None


def _contradict_within(a: _Claim, b: _Claim, claims: list[_Claim], group: list[int]) -> bool:
    """Two mentions that cannot be in one event of `group`: as `_contradict`, except that two
    mentions naming different people fit an event that another of its mentions names them both in
    ("Sa première visite ..., son interlocuteur s'appelait Kim Jong-il" and "Poutine n'avait plus
    foulé le sol ..." beside "Poutine ... reçu par Kim Jong-il")."""
    if _persons_agree(a, b):
        return _contradict(a, b)
    if _agreement(a, b, persons=False) is None:
        return True
    both = a.persons | b.persons
    return not any(both <= claims[k].persons for k in group)


def _agreement(a: _Claim, b: _Claim, persons: bool = True) -> Optional[str]:
    """How the dates of two mentions that can be one claim agree (`_date_agreement`); None when they
    cannot be one claim, whatever their words. Places contradict only on different days: on one
    day, sentences often name places in passing ("les liens entre Moscou et Pyongyang")."""
    if not a.sentences.isdisjoint(b.sentences):
        return None  # one sentence's two dates are two claims ("signé vendredi, salué samedi")
    agreement = _partial_agreement(a, b) if a.partial or b.partial else _date_agreement(a.date, b.date)
    if agreement is None or persons and not _persons_agree(a, b) or (agreement != "same" and not _places_agree(a, b)):
        return None
    if agreement == "near" and not a.documents.isdisjoint(b.documents) and _days_apart(a.date, b.date):
        return None
    if agreement == "open" and (_one_speaker_in_the_news(a, b) or _same_people_in_the_news(a, b)):
        return "near"
    return agreement


def _one_speaker_in_the_news(a: _Claim, b: _Claim) -> bool:
    """Two outlets relaying, without date words, what one named source said around their own dates
    ("Il a souligné que cette coopération pourrait...", "Il a souligné que cela pourrait nuire...",
    both John Kirby's): as close in time as two dates a day apart, not merely undated. A date the
    text writes is no guess, and one article's two sentences are two statements."""
    return bool(a.mention.attributed_to) and a.mention.attributed_to == b.mention.attributed_to \
        and _guessed(a) and _guessed(b) and a.documents.isdisjoint(b.documents)


def _same_people_in_the_news(a: _Claim, b: _Claim) -> bool:
    """The same two or more people, in two outlets, one telling without date words around its
    article's date (not announcing) what the other dates in words ("Il s'est entretenu avec son
    homologue Choe Son Hui" and "Arrivé vendredi, ... a entamé des discussions avec son homologue,
    Choe Son Hui"): as close in time as two dates a day apart. One person is in every claim of a
    story."""
    return _same_people(a, b) and a.date is not None and b.date is not None \
        and {a.date.resolved_by == "document-date", b.date.resolved_by == "document-date"} == {True, False} \
        and _written(a.date) != _written(b.date) and a.documents.isdisjoint(b.documents)


def _same_people(a: _Claim, b: _Claim) -> bool:
    """Both name the same two or more people (one alone is in every claim of a story)."""
    return len(a.persons) >= 2 and a.persons == b.persons


def _guessed(c: _Claim) -> bool:
    return c.date is not None and c.date.resolved_by in ("document-date", "coming")


def _partial_agreement(a: _Claim, b: _Claim) -> Optional[str]:
    """A claim dated "en mars" in an article whose year is unknown: 'near' a claim dated within a
    March (of any year), and contradicting one dated otherwise; 'open' against a date the text did
    not write."""
    if a.partial and b.partial:
        return "near" if _same_month_and_day(a.partial, b.partial) else None
    partial, other = (a.partial, b.date) if a.partial else (b.partial, a.date)
    if other is None or not _written(other):
        return "open"
    return "near" if _within_month(other, partial) else None


def _same_month_and_day(a: tuple, b: tuple) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


def _within_month(d: DateInterval, partial: tuple) -> bool:
    month, day = partial
    return d.start.year == d.end.year and d.start.month == d.end.month == month \
        and (day is None or d.start.day <= day <= d.end.day)


def _written(d: DateInterval) -> bool:
    return d.resolved_by not in _OWN_DATES


def _written_exactly(d: DateInterval) -> bool:
    return not d.approximate and _written(d)


def _days_apart(a: Optional[DateInterval], b: Optional[DateInterval]) -> bool:
    """Two exact dates the text wrote, that do not overlap. The day's slack between sources (one
    counts from the night, another from the morning) has no place inside one article: its writer
    who says "arrivé vendredi" and "reçu samedi" tells of two events."""
    return a is not None and b is not None and _written_exactly(a) and _written_exactly(b) \
        and (a.end < b.start or b.end < a.start)


def _frames_relation(a: _Claim, b: _Claim) -> str:
    """'shared' (a kind of action in common, or the same source's quoted words), 'diff' (each names
    another), 'none' (one names none). Quoted words are a statement's own action: "« ... chacun pour
    soi », a affirmé X lors de la conférence de presse" and "Selon X, le texte « met fin au chacun
    pour soi » en matière d'accueil" say one thing, whatever 'conférence' and 'accueil' name."""
    if a.frames & b.frames or a.quotes & b.quotes:
        return "shared"
    return "diff" if a.frames and b.frames else "none"


def _threshold(a: _Claim, b: _Claim, agreement: str, frames: str) -> float:
    return THRESHOLDS[(agreement, frames)] + (0.0 if _places_agree(a, b) else PLACE_MARGIN)


def pair_score(a: _Claim, b: _Claim) -> Optional[float]:
    """How much more alike the two claims are than their threshold requires (>= 0 merges), or None."""
    agreement = _agreement(a, b)
    if agreement is None:
        return None
    frames = _frames_relation(a, b)
    threshold = _threshold(a, b, agreement, frames)
    if frames == "shared":
        threshold -= (COUNT_BONUS if a.counts & b.counts else 0.0) + (PERSONS_BONUS if _same_people(a, b) else 0.0)
        return _text_similarity(a, b) - threshold
    # the actions do not visibly agree: the sentences must be much closer than their clauses need be
    clause = _text_similarity(a, b, whole_sentences=False)
    return max(clause - threshold, _text_similarity(a, b, clause=clause) - threshold - SENTENCE_MARGIN)


_AGREEMENTS = ("same", "near", "open")


def _score_pairs(claims: list[_Claim], pairs: tuple, chunk: int = 200_000,
                 margin: float = 0.0) -> list[tuple[float, int, int]]:
    """`pair_score` of many candidate pairs at once; those that merge as (-score, i, j), best first
    (with `margin`, those that come within it of merging too).

    Every condition and similarity is a column computed for a chunk of pairs with numpy: sets (persons,
    places, frames, sentences, lemmas) and weighted grams are rows of sparse matrices, and what two rows
    share is their row-by-row product. The figures are those `pair_score` computes one pair at a time
    (a test holds them equal); this is what lets 100,000 mentions be matched in seconds."""
    import numpy as np

    first, second = pairs
    if not len(first):
        return []
    used = np.unique(np.concatenate([first, second]))
    if len(used) < len(claims) // 2:
        # a re-run's few fresh pairs: the columns of the claims they name, not of all
        rows = _PairColumns([claims[k] for k in used])
        local_first, local_second = np.searchsorted(used, first), np.searchsorted(used, second)
    else:
        used, rows, local_first, local_second = None, _PairColumns(claims), first, second
    thresholds = np.array([[THRESHOLDS[(agreement, frames)] for frames in ("shared", "diff", "none")]
                           for agreement in _AGREEMENTS])
    first, second = local_first, local_second
    scored: list[tuple[float, int, int]] = []
    for at in range(0, len(first), chunk):
        i, j = first[at:at + chunk], second[at:at + chunk]
        agreement = rows.agreement(i, j)
        can = agreement >= 0
        i, j, agreement = i[can], j[can], agreement[can]
        shared_frames = (rows.frames.dot(i, j) > 0) | (rows.quotes.dot(i, j) > 0)
        frames = np.where(shared_frames, 0, np.where((rows.frames.sizes[i] > 0) & (rows.frames.sizes[j] > 0), 1, 2))
        threshold = thresholds[agreement, frames] + np.where(rows.places_agree(i, j), 0.0, PLACE_MARGIN)
        # with one kind of action: the same count, the same two or more people
        threshold = threshold - np.where(shared_frames, np.where(rows.counts.dot(i, j) > 0, COUNT_BONUS, 0.0)
                                         + np.where(rows.same_people(i, j), PERSONS_BONUS, 0.0), 0.0)
        clause = np.maximum(rows.clause_lemmas.jaccard(i, j), rows.clause_grams.dot(i, j))
        whole = np.maximum(clause, np.maximum(rows.lemmas.jaccard(i, j), rows.grams.dot(i, j)))
        # a shared frame: the best of the four; else the clauses, or the sentences by a wider margin
        score = np.where(shared_frames, whole - threshold,
                         np.maximum(clause - threshold, whole - threshold - SENTENCE_MARGIN))
        keep = np.nonzero(score >= -margin)[0]
        i, j = (i[keep], j[keep]) if used is None else (used[i[keep]], used[j[keep]])
        scored.extend(zip((-score[keep]).tolist(), i.tolist(), j.tolist()))
    scored.sort()
    return scored


class _SparseRows:
    """One row per item (a set, or a dict of weights), for products of many pairs of rows at once."""

    def __init__(self, items: list, row_of):
        import numpy as np
        from scipy import sparse

        # claims with the same words hold the same objects: one row each
        row_number: dict[int, int] = {}
        unique: list = []
        self.row_of_claim = np.empty(len(items), dtype=np.int64)
        for k, item in enumerate(items):
            row = row_of(item)
            number = row_number.get(id(row))
            if number is None:
                number = row_number[id(row)] = len(unique)
                unique.append(row)
            self.row_of_claim[k] = number
        # column numbers and values read by C loops (map, fromiter): rows hold millions of grams in all
        columns = {x: k for k, x in enumerate(dict.fromkeys(chain.from_iterable(unique)))}
        lengths = np.fromiter(map(len, unique), dtype=np.int64, count=len(unique))
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        indices = np.fromiter(map(columns.__getitem__, chain.from_iterable(unique)), dtype=np.int32, count=int(indptr[-1]))
        if unique and isinstance(unique[0], dict):
            data = np.fromiter(chain.from_iterable(r.values() for r in unique), dtype=np.float64, count=int(indptr[-1]))
        else:
            data = np.ones(int(indptr[-1]), dtype=np.float64)
        self.matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(unique), max(len(columns), 1)))
        self.sizes = np.diff(self.matrix.indptr).astype(np.float64)[self.row_of_claim]

    @classmethod
    def of_matrix(cls, matrix, row_of_claim) -> "_SparseRows":
        """Rows already made (a claim's row number in `matrix`, for each claim)."""
        import numpy as np

        rows = cls.__new__(cls)
        rows.matrix, rows.row_of_claim = matrix, np.asarray(row_of_claim, dtype=np.int64)
        rows.sizes = np.diff(matrix.indptr).astype(np.float64)[rows.row_of_claim]
        return rows

    def dot(self, i, j):
        import numpy as np

        rows = self.row_of_claim
        return np.asarray(self.matrix[rows[i]].multiply(self.matrix[rows[j]]).sum(axis=1)).ravel()

    def jaccard(self, i, j):
        import numpy as np

        shared = self.dot(i, j)
        union = self.sizes[i] + self.sizes[j] - shared
        return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


class _PairColumns:
    """The claims as columns and sparse rows, for `_score_pairs`."""

    def __init__(self, claims: list[_Claim]):
        import numpy as np

        self.persons = _SparseRows(claims, lambda c: c.persons)
        self.places = _SparseRows(claims, lambda c: c.places)
        self.frames = _SparseRows(claims, lambda c: c.frames)
        self.quotes = _SparseRows(claims, lambda c: c.quotes)
        self.counts = _SparseRows(claims, lambda c: c.counts)
        self.sentences = _SparseRows(claims, lambda c: c.sentences)
        self.documents = _SparseRows(claims, lambda c: c.documents)
        self.lemmas = _SparseRows(claims, lambda c: c.lemmas)
        self.clause_lemmas = _SparseRows(claims, lambda c: c.clause_lemmas)
        matrix = claims[0].gram_weights.matrix if claims else None
        self.grams = _SparseRows.of_matrix(matrix, [c.row for c in claims])
        self.clause_grams = _SparseRows.of_matrix(matrix, [c.clause_row for c in claims])
        named = [c.date for c in claims]
        self.since = np.array([bool(d and d.resolved_by == "since") for d in named])
        self.named_period = np.array([bool(d and d.resolved_by not in _OWN_DATES) for d in named])
        self.raw_start = np.array([d.start.toordinal() if d else 0 for d in named])
        precisions = {p: k for k, p in enumerate(sorted({d.precision for d in named if d}))}
        self.precision = np.array([precisions[d.precision] if d else -1 for d in named])
        self.raw_approximate = np.array([bool(d and d.approximate) for d in named])
        dates = [_compared_date(c) for c in claims]
        self.dated = np.array([d is not None for d in dates])
        self.start = np.array([d.start.toordinal() if d else 0 for d in dates])
        self.end = np.array([d.end.toordinal() if d else 0 for d in dates])
        self.approximate = np.array([bool(d and d.approximate) for d in dates])
        self.guessed = np.array([bool(d and d.resolved_by == "document-date") for d in dates])
        self.coming = np.array([bool(d and d.resolved_by == "coming") for d in dates])
        speakers = {name: k + 1 for k, name in enumerate(sorted({c.mention.attributed_to for c in claims
                                                               if c.mention.attributed_to}))}
        self.speaker = np.array([speakers.get(c.mention.attributed_to, 0) for c in claims])
        self.written_exactly = np.array([bool(d and _written_exactly(d)) for d in named])
        # `_partial_agreement`: the partial month and day (0: none); whether a written date lies within a
        # month, which, and its days
        self.partial_month = np.array([c.partial[0] if c.partial else 0 for c in claims])
        self.partial_day = np.array([c.partial[1] or 0 if c.partial else 0 for c in claims])
        self.written = np.array([bool(d and _written(d)) for d in named])
        self.month_of = np.array([d.start.month if d and d.start.year == d.end.year and d.start.month == d.end.month
                                  else -1 for d in named])
        self.first_day = np.array([d.start.day if d else 0 for d in named])
        self.last_day = np.array([d.end.day if d else 0 for d in named])
        self.slack = np.array([_slack(d).days if d else 1 for d in dates])

    def same_people(self, i, j, shared=None):
        """`_same_people` of each pair; `shared`: the persons they share, when the caller has them."""
        sizes = self.persons.sizes
        shared = self.persons.dot(i, j) if shared is None else shared
        return (sizes[i] >= 2) & (sizes[i] == sizes[j]) & (shared == sizes[i])

    def places_agree(self, i, j):
        return (self.places.sizes[i] == 0) | (self.places.sizes[j] == 0) | (self.places.dot(i, j) > 0)

    def agreement(self, i, j):
        """`_agreement` of each pair, as an index into _AGREEMENTS; -1 where they cannot be one claim."""
        import numpy as np

        lag = _NEWS_LAG.days
        si, sj, ei, ej = self.start[i], self.start[j], self.end[i], self.end[j]
        both_dated = self.dated[i] & self.dated[j]
        # two articles' dates given to sentences without date words: guesses, not days that agree
        same_days = both_dated & (si == sj) & (ei == ej) & ~(self.guessed[i] & self.guessed[j])
        approximate = self.approximate[i] | self.approximate[j]
        gi, gj = self.guessed[i], self.guessed[j]
        # an article's date given to a sentence with no date words: what it tells may be days older
        both_guessed = (si - lag <= ej) & (sj - lag <= ei)
        i_guessed = (sj - 1 <= ei) & (si <= ej + lag)
        j_guessed = (si - 1 <= ej) & (sj <= ei + lag)
        guessed_ok = np.where(gi & gj, both_guessed, np.where(gi, i_guessed, j_guessed))
        reach = np.maximum(self.slack[i], self.slack[j])
        near = (si <= ej + reach) & (sj <= ei + reach)
        same_period = (self.raw_start[i] == self.raw_start[j]) & (self.precision[i] == self.precision[j])
        since_period = same_period & ((self.since[i] & self.named_period[j]) | (self.since[j] & self.named_period[i]))
        # `_coming_agreement`
        ci, cj = self.coming[i], self.coming[j]
        inside = np.where(ci, (si - 1 <= sj) & (ej <= ei + 1), (sj - 1 <= si) & (ei <= ej + 1))
        guess_meets = np.where(ci, (sj - lag <= ei + 1) & (si - 1 <= ej), (si - lag <= ej + 1) & (sj - 1 <= ei))
        holds = np.where(ci, (sj <= si) & (ei <= ej), (si <= sj) & (ej <= ei))
        coming_agreement = np.where(ci & cj, np.where((si <= ej) & (sj <= ei), 2, -1),
                           np.where(gi | gj, np.where(guess_meets, 2, -1), np.where(inside, 1, np.where(holds, 2, -1))))
        agreement = np.where(~both_dated, 2,
                    np.where(ci | cj, coming_agreement,
                    np.where(since_period, np.where(self.raw_approximate[i] | self.raw_approximate[j], 1, 0),
                    np.where(same_days, np.where(approximate, 1, 0),
                    np.where(gi | gj, np.where(guessed_ok, 2, -1),
                    np.where(near, 1, -1))))))
        agreement = self._with_partial_dates(i, j, agreement)
        shared_persons = self.persons.dot(i, j)
        # `_one_speaker_in_the_news`, `_same_people_in_the_news`
        same_people = self.same_people(i, j, shared_persons) & both_dated & np.where(gi, self.written[j], gj & self.written[i]) \
            & (self.documents.dot(i, j) == 0)
        agreement = np.where((agreement == 2) & (((gi | ci) & (gj | cj) & self._one_speaker(i, j)) | same_people), 1,
                             agreement)
        persons_agree = shared_persons == np.minimum(self.persons.sizes[i], self.persons.sizes[j])
        one_sentence = self.sentences.dot(i, j) > 0
        places_ok = (agreement == 0) | self.places_agree(i, j)
        # `_days_apart` in one document
        days_apart = (agreement == 1) & self.written_exactly[i] & self.written_exactly[j] & ((ei < sj) | (ej < si)) \
            & (self.documents.dot(i, j) > 0)
        return np.where(persons_agree & ~one_sentence & places_ok & ~days_apart, agreement, -1)

    def _one_speaker(self, i, j):
        """`_one_speaker_in_the_news` of each pair."""
        return (self.speaker[i] > 0) & (self.speaker[i] == self.speaker[j]) & (self.documents.dot(i, j) == 0)

    def _with_partial_dates(self, i, j, agreement):
        """`_partial_agreement` where a side has one."""
        import numpy as np

        pi, pj = self.partial_month[i], self.partial_month[j]
        if not (pi.any() or pj.any()):
            return agreement
        di, dj = self.partial_day[i], self.partial_day[j]
        both = (pi > 0) & (pj > 0)
        same = (pi == pj) & ((di == 0) | (dj == 0) | (di == dj))

        def within(p, day, k):  # the written date of claims k within month p (and on day `day`)
            on_day = (day == 0) | ((self.first_day[k] <= day) & (day <= self.last_day[k]))
            return self.written[k] & (self.month_of[k] == p) & on_day

        one = np.where(pi > 0, np.where(self.written[j], np.where(within(pi, di, j), 1, -1), 2),
                       np.where(self.written[i], np.where(within(pj, dj, i), 1, -1), 2))
        return np.where(both, np.where(same, 1, -1), np.where((pi > 0) | (pj > 0), one, agreement))


def similarity(a: EventMention, b: EventMention) -> float:
    """The text similarity of two mentions alone (lemmas and weighted 4-grams), for diagnostics."""
    ca, cb = _Claim.of(a), _Claim.of(b)
    _weigh([ca, cb])
    return _text_similarity(ca, cb)


@dataclass(frozen=True)
class PairVerdict:
    """What the merge step makes of two mentions, condition by condition (for diagnostics)."""

    dates: Optional[str]  # 'same', 'near', 'open' (`_date_agreement`), or None when they contradict
    persons_agree: bool
    places_agree: bool
    frames: str  # 'shared', 'diff', or 'none' (named on one side only)
    clause_similarity: float
    sentence_similarity: float
    threshold: Optional[float]  # what the similarity must reach, the place margin included
    score: Optional[float]  # `pair_score`: >= 0 merges; None when the pair cannot be one claim


def judge_pairs(mentions: list[EventMention]) -> Callable[[str, str], PairVerdict]:
    """A judge of pairs among `mentions` by their ids, as a merge of all of them scores them (the
    persons' names made canonical, the word weights taken over all): what bench/merge_eval.py
    tells about the gold pairs it gets wrong."""
    mentions = list(mentions)
    canonical = _with_canonical_names(mentions)
    dates = _date_spans_by_sentence(canonical)
    claims = [_Claim.of(m, other_dates=dates[m.doc_id, m.sentence_index]) for m in canonical]
    _weigh(claims)
    by_id = {m.id: c for m, c in zip(mentions, claims)}

    def verdict(a_id: str, b_id: str) -> PairVerdict:
        a, b = by_id[a_id], by_id[b_id]
        agreement = _agreement(a, b)
        frames = _frames_relation(a, b)
        threshold = None if agreement is None else _threshold(a, b, agreement, frames)
        return PairVerdict(_date_agreement(a.date, b.date), _persons_agree(a, b), _places_agree(a, b),
                           frames, _text_similarity(a, b, whole_sentences=False), _text_similarity(a, b), threshold,
                           pair_score(a, b))

    return verdict


def _block_keys(claims: list[_Claim]) -> list[set[str]]:
    """What a pair must have in common to be compared: a person, an organisation, a kind of action,
    the source who says so, or one of the two rarest words of either side (a cheap inverted index
    that finds paraphrases naming nobody, and keeps the blocks small however large the corpus)."""
    df: Counter = Counter()
    for c in claims:
        df.update(c.lemmas)
    keys = []
    for c in claims:
        k = {f"p:{p}" for p in c.persons} | {f"o:{o}" for o in c.mention.organisations} | {f"f:{f}" for f in c.frames}
        if c.mention.attributed_to:
            k.add(f"s:{c.mention.attributed_to}")
        shared = sorted((lemma for lemma in c.lemmas if df[lemma] > 1), key=lambda lemma: (df[lemma], lemma))
        k |= {f"w:{lemma}" for lemma in shared[:2]}
        keys.append(k)
    return keys


_NEWS_LAG = timedelta(days=7)  # how much older than its article an undated sentence's news may be


def _slack(iv: DateInterval) -> timedelta:
    if iv.resolved_by == "document-date":
        return _NEWS_LAG
    return timedelta(days=min(max((iv.end - iv.start).days, 1) + 1, 366)) if iv.approximate else timedelta(days=1)


def _compared_date(c: _Claim) -> Optional[DateInterval]:
    """The date as `_date_agreement` compares it: "depuis 2000" dates a state at its end."""
    d = c.date
    return _since_as_end(d) if d is not None and d.resolved_by == "since" else d


def _candidate_pairs(claims: list[_Claim], fresh=None, block_keys: Optional[list[set[str]]] = None,
                     open_search: bool = True) -> tuple:
    """Pairs worth comparing, as two arrays (i < j, each pair once): sharing a block key, with dates
    that can agree. Within a block the dated mentions are ordered by the first day each can reach
    (its start less its slack), so each one's partners are the run of those that follow it up to
    its last day plus slack: no pair farther apart is made. An undated mention meets only the
    members of its blocks that an index says could reach the threshold an undated pair needs
    (`_OpenPairIndex`), at most OPEN_CANDIDATES of them. Two sides that both name persons agree only if they share one, so blocks
    other than a person's pair only a side that names nobody. A 'since' mention also meets those dated
    by the period it counts from (`_since_period_pairs`).

    With `fresh` (a boolean per claim), only the pairs with a fresh side: those a re-run has not
    scored before (`merge_with_memory`). `block_keys`: `_block_keys` of the claims when known;
    without `open_search`, no undated mention is looked up in the index (`_with_new_dates` has
    their pairs already)."""
    import numpy as np

    n = len(claims)
    block_keys = block_keys if block_keys is not None else _block_keys(claims)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(block_keys):
        for k in keys:
            blocks[k].append(i)
    dates = [_compared_date(c) for c in claims]
    dated = np.array([d is not None for d in dates])
    named = np.array([bool(c.persons) for c in claims])
    reach = np.array([(d.start - _slack(d)).toordinal() if d else 0 for d in dates])
    last = np.array([(d.end + _slack(d)).toordinal() if d else 0 for d in dates])
    found = []
    # with fresh claims, only the blocks that hold one can make a pair with a fresh side
    searched = blocks.keys() if fresh is None else {k for i in np.flatnonzero(fresh) for k in block_keys[i]}
    for key in searched:
        members = blocks[key]
        if len(members) < 2:
            continue
        members = np.array(members)
        members = members[dated[members]]
        if len(members) < 2 or (fresh is not None and not fresh[members].any()):
            continue
        order = members[np.argsort(reach[members], kind="stable")]
        ends = np.searchsorted(reach[order], last[order], side="right")
        counts = np.maximum(ends - np.arange(1, len(order) + 1), 0)
        total = int(counts.sum())
        if not total:
            continue
        left = np.repeat(np.arange(len(order)), counts)
        right = left + 1 + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        i, j = order[left], order[right]
        if fresh is not None:
            keep = fresh[i] | fresh[j]
            i, j = i[keep], j[keep]
        if not key.startswith("p:"):
            keep = ~(named[i] & named[j])
            i, j = i[keep], j[keep]
        found.append(np.minimum(i, j) * n + np.maximum(i, j))
    found.extend(_partial_date_pairs(claims, blocks, block_keys, named, fresh))
    undated = [i for i in range(n) if not dated[i]]
    if fresh is None:
        queries = [(undated, None)]
    else:
        # a fresh undated claim meets every claim; a known one only the fresh (it met the others before)
        queries = [([i for i in undated if fresh[i]], None), ([i for i in undated if not fresh[i]], np.flatnonzero(fresh))]
    queries = [(q, rows) for q, rows in queries if q and (rows is None or len(rows))] if open_search else []
    since = _since_period_pairs(claims, fresh)
    if queries or len(since[0]):
        keys = _SparseRows(list(range(n)), block_keys.__getitem__)
        persons = _SparseRows(claims, lambda c: c.persons)

        def sharing(i, j):
            """In a block together (the pairs the whole-block comparison made); persons not disjoint."""
            keep = (i != j) & (keys.dot(i, j) > 0)
            i, j = i[keep], j[keep]
            keep = (persons.sizes[i] == 0) | (persons.sizes[j] == 0) | (persons.dot(i, j) > 0)
            return i[keep], j[keep]

        if len(since[0]):
            i, j = sharing(*since)
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    if queries:
        needed = None  # whose prefixes are read: the undated asking, and whom they ask
        if all(rows is not None for _, rows in queries):
            needed = np.zeros(n, dtype=bool)
            for q, rows in queries:
                needed[q] = needed[rows] = True
        index = _OpenPairIndex(claims, needed)
        for i, j in chain.from_iterable(index.pairs(q, rows) for q, rows in queries):
            i, j = sharing(i, j)
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    pairs = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    pairs.sort()
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    return pairs // n, pairs % n


def _partial_date_pairs(claims: list[_Claim], blocks: dict, block_keys: list[set[str]], named, fresh=None) -> list:
    """Each claim dated by a month whose year is unknown ("en mars") with the members of its blocks
    it can agree with (`_partial_agreement`): the index of undated claims would only find those
    worded closely enough for an undated pair."""
    import numpy as np

    n = len(claims)
    out = []
    # the blocks that hold a claim with a partial date
    for key in sorted({k for i, c in enumerate(claims) if c.partial for k in block_keys[i]}):
        members = blocks[key]
        partial = [i for i in members if claims[i].partial]
        # a source's block is for what it said around the articles' dates, not for month names
        if not partial or key.startswith("s:"):
            continue
        fresh_members = None if fresh is None else [j for j in members if fresh[j]]
        for i in partial:
            # a re-run: a known claim's pairs with known claims were made before
            others = members if fresh is None or fresh[i] else fresh_members
            js = [j for j in others if j != i and (key.startswith("p:") or not (named[i] and named[j]))
                  and _partial_agreement(claims[i], claims[j]) == "near"]
            if js:
                js = np.array(js, dtype=np.int64)
                out.append(np.minimum(i, js) * n + np.maximum(i, js))
    return out


def _since_period_pairs(claims: list[_Claim], fresh=None) -> tuple:
    """Each 'since' claim with the claims dated by the very period it counts from (`_names_since_period`):
    the date sweep compares a 'since' at the article's date, far from that period."""
    import numpy as np

    by_period: dict[tuple, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        d = c.mention.date
        if d is not None and d.resolved_by not in _OWN_DATES:
            by_period[(d.start, d.precision)].append(k)
    left, right = [], []
    for k, c in enumerate(claims):
        d = c.mention.date
        if d is not None and d.resolved_by == "since":
            for other in by_period.get((d.start, d.precision), ()):
                if fresh is None or fresh[k] or fresh[other]:
                    left.append(k)
                    right.append(other)
    return np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)


class _OpenPairIndex:
    """Which mentions the undated ones can merge with, found without comparing them with all.

    A pair with an undated side merges only if one of its four similarities (lemmas and clause
    lemmas by Jaccard, grams and clause grams by cosine) reaches the lowest 'open' threshold t:
    `pair_score` subtracts at least that much. Each similarity has a prefix bound, so the pairs
    whose prefixes meet are all the pairs that can merge, and no other is dropped. With one order
    of the words for all mentions (rarest first):
    - Jaccard >= t: the two sets share one of the first |X| - ceil(t|X|) + 1 elements of each;
    - cosine >= t of unit vectors: a gram both hold lies outside the tail of common grams whose
      weights' norm is below t, in each (the tails can add at most |X_tail| < t, Cauchy-Schwarz);
      the rarest gram they share is in both prefixes.
    The prefixes keep the rare words, whose postings are short; the meeting is a product of sparse
    matrices (every mention's prefixes by the undated ones'), in C, a slice of undated mentions at a time.
    """

    def __init__(self, claims: list[_Claim], needed=None):
        """`needed` (a boolean per claim): the claims whose prefixes a query will read; all by default."""
        # a hair below the threshold: rounding can only make the prefixes longer, never drop a pair
        t = min(v for (agreement, _), v in THRESHOLDS.items() if agreement == "open") - 1e-9
        lemma_df: Counter = Counter()
        for c in claims:
            lemma_df.update(c.lemmas)
        # one order for all mentions, as ranks (sorting by a rank is a C lookup per word)
        lemma_rank = {x: k for k, x in enumerate(sorted(lemma_df, key=lambda x: (lemma_df[x], x)))}
        made: dict[int, frozenset] = {}
        lemma_prefixes = []
        for k, c in enumerate(claims):
            if needed is not None and not needed[k]:
                lemma_prefixes.append(frozenset())
                continue
            if id(c.lemmas) not in made:
                made[id(c.lemmas)] = self._jaccard_prefix(c.lemmas, t, lemma_rank) | self._jaccard_prefix(c.clause_lemmas, t, lemma_rank)
            lemma_prefixes.append(made[id(c.lemmas)])
        rows = _SparseRows(list(range(len(claims))), lemma_prefixes.__getitem__)
        self.matrices = [rows.matrix[rows.row_of_claim].tocsr(), self._cosine_prefixes(claims, t)]

    @staticmethod
    def _jaccard_prefix(items: frozenset, t: float, rank: dict) -> frozenset:
        if not items:
            return frozenset()
        length = len(items) - math.ceil(t * len(items)) + 1
        return frozenset(sorted(items, key=rank.__getitem__)[:length])  # rarest first

    @staticmethod
    def _cosine_prefixes(claims: list[_Claim], t: float):
        """Each claim's gram prefixes (sentence and clause together) as a 0/1 sparse row: a row's
        grams, commonest first, past the point where their squared weights add up to t*t."""
        import numpy as np
        from scipy import sparse

        weights = claims[0].gram_weights.matrix
        df = np.bincount(weights.indices, minlength=weights.shape[1])  # distinct gram lists holding each
        # any one order serves the bound; commonest first (ties in the order the grams were met) keeps the rare
        rank = np.empty(len(df), dtype=np.int64)
        rank[np.argsort(-df, kind="stable")] = np.arange(len(df))
        lengths = np.diff(weights.indptr)
        row_ids = np.repeat(np.arange(weights.shape[0]), lengths)
        order = np.lexsort((rank[weights.indices], row_ids))
        squares = np.cumsum(weights.data[order] ** 2)
        before_row = np.concatenate(([0.0], squares))[weights.indptr[:-1]]
        # a hair early, again: a longer prefix, never a pair dropped
        reached = squares - np.repeat(before_row, lengths) >= t * t - 1e-9
        position = np.arange(len(order)) - np.repeat(weights.indptr[:-1], lengths)
        first = np.full(weights.shape[0], np.iinfo(np.int64).max)
        np.minimum.at(first, row_ids[reached], position[reached])
        kept = position >= first[row_ids]  # a row lighter than t keeps nothing: it reaches t with nobody
        prefixes = sparse.csr_matrix((np.ones(int(kept.sum())), weights.indices[order][kept],
                                      np.concatenate(([0], np.cumsum(np.bincount(row_ids[kept], minlength=weights.shape[0]))))),
                                     shape=weights.shape)
        both = (prefixes[np.array([c.row for c in claims])] + prefixes[np.array([c.clause_row for c in claims])]).tocsr()
        both.data[:] = 1.0
        return both

    def pairs(self, undated: list[int], among=None, per_slice: int = 512) -> Iterator[tuple]:
        """(mention, undated mention) index arrays, a slice of undated mentions at a time: every
        mention (of `among`, an index array, if given) whose prefixes meet an undated one's."""
        import numpy as np

        matrices = self.matrices
        for at in range(0, len(undated), per_slice):
            part = np.asarray(undated[at:at + per_slice], dtype=np.int64)
            found = None
            for matrix in matrices:
                meets = (matrix if among is None else matrix[among]) @ matrix[part].T
                found = meets if found is None else found + meets
            # the mentions sharing the most rare words with each undated one: an undated mention joins
            # one event, and its best partners are among them; a common story's undated sentence would
            # otherwise be compared with thousands of mentions of every day the story was told
            found = found.tocsc()
            kept, cols = [], []
            for col in range(found.shape[1]):
                lo, hi = found.indptr[col], found.indptr[col + 1]
                members, shared = found.indices[lo:hi], found.data[lo:hi]
                if hi - lo > OPEN_CANDIDATES:
                    best = np.argpartition(-shared, OPEN_CANDIDATES)[:OPEN_CANDIDATES]
                    members = members[best]
                kept.append(members if among is None else among[members])
                cols.append(np.full(len(members), part[col], dtype=np.int64))
            if kept:
                yield np.concatenate(kept).astype(np.int64), np.concatenate(cols)


def merge_mentions(mentions: Iterable[EventMention]) -> list[Event]:
    """Group mentions into events, sorted by date (undated last)."""
    return merge_with_memory(mentions)[0]


def merge_with_memory(mentions: Iterable[EventMention], memory: Optional[MergeMemory] = None,
                      redate: Optional[Callable[[list[Event]], list[EventMention]]] = None
                      ) -> tuple[list[Event], MergeMemory]:
    """`merge_mentions`, searching candidates only for the claims an earlier merge (`memory`) did not
    know; returns the events and the memory this merge leaves.

    `redate`, given the events, returns the mentions again (in their order), some with a date the
    events taught (an article's date estimated from the claims it shares): the claims whose dates
    changed are compared again, the rest keep their pairs, and the events are grouped anew."""
    given = list(mentions)
    mentions = _with_canonical_names(given)
    claims, keys, copies = _claims_of(mentions)
    _weigh(claims)
    block_keys = _block_keys(claims)
    near = _pairs_near_merging(claims, keys, memory, block_keys)
    groups = _clusters(claims, [pair for pair in near if pair[0] <= 0])
    events = [_event(_members(group, mentions, copies)) for group in groups]
    if redate is not None:
        redated = redate(events)
        changed = {i for i, (before, after) in enumerate(zip(given, redated)) if before.date != after.date}
        if changed:
            for i in changed:
                mentions[i] = replace(mentions[i], date=redated[i].date)
            claims, keys, copies, near, touched = _with_new_dates(mentions, claims, keys, copies, near, changed,
                                                                  block_keys)
            groups, events = _regrouped(claims, near, groups, events, touched, lambda g: _members(g, mentions, copies))
    return sort_events(events), MergeMemory(merge_rules(), frozenset(keys), tuple((keys[i], keys[j]) for _, i, j in near))


def _members(group: list[int], mentions: list[EventMention], copies: list[list[int]]) -> list[EventMention]:
    return sorted((mentions[i] for c in group for i in copies[c]), key=lambda m: (m.doc_id, m.start))


def _regrouped(claims: list[_Claim], near: list, groups: list[list[int]], events: list[Event], touched: set[int],
               members: Callable[[list[int]], list[EventMention]]) -> tuple[list[list[int]], list[Event]]:
    """The groups again after the claims `touched` changed: those groups, and the groups a pair that
    merges links them to, are grouped anew among themselves; the others stand as they were."""
    group_of = {c: k for k, group in enumerate(groups) for c in group}
    affected = {group_of[c] for c in touched if c in group_of}
    new_claims = {c for c in touched if c not in group_of}
    linked = set(new_claims) | {c for k in affected for c in groups[k]}
    for score, i, j in near:
        if score > 0:  # only a pair that merges can join groups
            continue
        if i in linked and j in group_of:
            affected.add(group_of[j])
        elif j in linked and i in group_of:
            affected.add(group_of[i])
    among = new_claims | {c for k in affected for c in groups[k]}
    regrouped = _clusters(claims, [pair for pair in near if pair[0] <= 0 and pair[1] in among and pair[2] in among], among)
    kept = [k for k in range(len(groups)) if k not in affected]
    return ([groups[k] for k in kept] + regrouped,
            [events[k] for k in kept] + [_event(members(group)) for group in regrouped])


def _with_new_dates(mentions: list[EventMention], claims: list[_Claim], keys: list[str], copies: list[list[int]],
                    near: list, changed: set[int], block_keys: list[set[str]]
                    ) -> tuple[list[_Claim], list[str], list[list[int]], list, set[int]]:
    """The claims after the mentions `changed` got dates: each such mention leaves its claim for one
    of its own (same words, so the same rows of word weights and the same blocks). Their pairs are
    scored again, those the date lets them meet in their blocks added; the other pairs stand."""
    import numpy as np

    claims, keys, copies, block_keys = list(claims), list(keys), [list(g) for g in copies], list(block_keys)
    origin: dict[int, int] = {}  # each renewed claim: the claim it came from
    claim_of = {i: c for c, g in enumerate(copies) for i in g}
    for c in sorted({claim_of[i] for i in changed}):
        stay = [i for i in copies[c] if i not in changed]
        moved: dict[tuple, list[int]] = defaultdict(list)
        for i in copies[c]:
            if i in changed:
                moved[_wording(mentions[i])].append(i)
        old = claims[c]
        for n, (wording, g) in enumerate(moved.items()):
            sentences = frozenset((mentions[i].doc_id, mentions[i].sentence_index) for i in g)
            claim = replace(old, mention=mentions[g[0]], sentences=sentences,
                            partial=_partial_date(mentions[g[0]]))
            if n == 0 and not stay:
                at = c
                claims[at], keys[at], copies[at] = claim, _claim_key(wording, sentences), g
            else:
                at = len(claims)
                claims.append(claim)
                keys.append(_claim_key(wording, sentences))
                copies.append(g)
                block_keys.append(block_keys[c])
            origin[at] = c
        if stay:
            sentences = frozenset((mentions[i].doc_id, mentions[i].sentence_index) for i in stay)
            claims[c], copies[c] = replace(old, mention=mentions[stay[0]], sentences=sentences), stay
    fresh = np.zeros(len(claims), dtype=bool)
    fresh[list(origin)] = True
    kept = [pair for pair in near if not fresh[pair[1]] and not fresh[pair[2]]]
    partners: dict[int, set[int]] = defaultdict(set)
    for _, i, j in near:
        partners[i].add(j)
        partners[j].add(i)
    again = [(r, p) for r, c in origin.items() for p in partners[c] if p != r]
    found_i, found_j = _candidate_pairs(claims, fresh, block_keys, open_search=False)
    first = np.concatenate([np.array([min(r, p) for r, p in again], dtype=np.int64), found_i])
    second = np.concatenate([np.array([max(r, p) for r, p in again], dtype=np.int64), found_j])
    unique = np.unique(first * len(claims) + second)
    scored = _score_pairs(claims, (unique // len(claims), unique % len(claims)), margin=MEMORY_MARGIN)
    # the claims whose groups must be made again: those renewed, those their mentions left, and the
    # partners they merge with
    merging = [(i, j) for score, i, j in scored if score <= 0]
    touched = set(origin) | set(origin.values()) | {i for i, _ in merging} | {j for _, j in merging}
    return claims, keys, copies, sorted(kept + scored), touched


def _claims_of(mentions: list[EventMention]) -> tuple[list[_Claim], list[str], list[list[int]]]:
    """One claim per wording, its key across runs (`_claim_key`), and the mentions it stands for.

    The same claim in the same words (an agency dispatch several outlets print) is one claim to
    compare: its copies would score 1.0 with each other and each take part in every pair the first
    one takes."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[_wording(m)].append(i)
    dates = _date_spans_by_sentence(mentions)
    claims, worded, keys = [], {}, []
    for wording, g in groups.items():
        m, sentences = mentions[g[0]], frozenset((mentions[i].doc_id, mentions[i].sentence_index) for i in g)
        # the same words told of another day (a yearly event, a copy of the story) need not be read again
        words = wording[:2] + wording[3:]
        same_words = worded.get(words)
        claims.append(replace(same_words, mention=m, sentences=sentences) if same_words else
                      _Claim.of(m, sentences, dates[m.doc_id, m.sentence_index]))
        worded.setdefault(words, claims[-1])
        keys.append(_claim_key(wording, sentences))
    return claims, keys, list(groups.values())


def _pairs_near_merging(claims: list[_Claim], keys: list[str], memory: Optional[MergeMemory],
                        block_keys: Optional[list[set[str]]] = None) -> list:
    """The pairs that score within MEMORY_MARGIN of merging, as (-score, i, j), best first: searched
    among all claims, or, with a memory made under the same rules, among those with a new claim,
    the remembered pairs scored again with them (cheap: no search; the word weights moved a little)."""
    import numpy as np

    fresh = None
    if memory is not None and memory.rules == merge_rules() and claims:
        fresh = np.fromiter((k not in memory.claims for k in keys), dtype=bool, count=len(keys))
        if fresh.mean() > FULL_MERGE_SHARE:
            fresh = None
    if fresh is None:
        return _score_pairs(claims, _candidate_pairs(claims, block_keys=block_keys), margin=MEMORY_MARGIN)
    number = {k: i for i, k in enumerate(keys)}
    known = np.array([(number[a], number[b]) for a, b in memory.pairs if a in number and b in number],
                     dtype=np.int64).reshape(-1, 2)
    found = _candidate_pairs(claims, fresh, block_keys)
    pairs = (np.concatenate([known.min(axis=1), found[0]]), np.concatenate([known.max(axis=1), found[1]]))
    return _score_pairs(claims, pairs, margin=MEMORY_MARGIN)


def _clusters(claims: list[_Claim], scored: list, among: Optional[Iterable[int]] = None) -> list[list[int]]:
    """Claims grouped best pair first; two clusters join only if no pair across them contradicts.
    `among`: the claims to group (the pairs name no other), by default all."""
    among = range(len(claims)) if among is None else sorted(among)
    cluster_of = {i: i for i in among}
    members: dict[int, list[int]] = {i: [i] for i in among}
    # clusters found to contradict stay so as they grow: many pairs across the same two clusters would
    # otherwise each compare all their members again
    apart: dict[int, set[int]] = defaultdict(set)
    # whether a cluster holds a claim dated by its own words
    written = {i: _dated_by_its_words(claims[i]) for i in among}
    for _, i, j in scored:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or cj in apart[ci]:
            continue
        if not (_dated_by_its_words(claims[i]) and _dated_by_its_words(claims[j])) \
                and written[ci] and written[cj]:
            continue  # a sentence without date words is no evidence that two dated events are one
        joined = members[ci] + members[cj]
        if any(_contradict_within(claims[x], claims[y], claims, joined) for x in members[ci] for y in members[cj]):
            apart[ci].add(cj)
            apart[cj].add(ci)
            continue
        if len(members[ci]) < len(members[cj]):
            ci, cj = cj, ci
        for x in members[cj]:
            cluster_of[x] = ci
        members[ci].extend(members.pop(cj))
        written[ci] = written[ci] or written.pop(cj)
        for k in apart.pop(cj, ()):
            apart[k].discard(cj)
            apart[k].add(ci)
            apart[ci].add(k)
    return list(members.values())


def _dated_by_its_words(c: _Claim) -> bool:
    return c.date is not None and _written(c.date)


def _with_canonical_names(mentions: list[EventMention]) -> list[EventMention]:
    """The mentions with each person under one name across the corpus ("V. Poutine", "Poutine")."""
    names = canonical_person_names(n for m in mentions for n in m.actors)
    renamed = (tuple(dict.fromkeys(names.get(a, a) for a in m.actors)) if names else m.actors for m in mentions)
    return [m if actors == m.actors else replace(m, actors=actors) for m, actors in zip(mentions, renamed)]


def _date_spans_by_sentence(mentions: list[EventMention]) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Where each sentence's mentions have their date words, by (document, sentence)."""
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        if m.date_start is not None:
            spans[m.doc_id, m.sentence_index].append((m.date_start, m.date_end))
    return spans


def _wording(m: EventMention) -> tuple:
    """What a claim is compared on: two mentions alike in all of it score alike with every other (who
    says so too: a claim's persons leave its source out, and quoted words are its source's)."""
    offsets = (m.date_start - m.start, m.date_end - m.start) if m.date_start is not None else None
    return (m.sentence, offsets, m.date, frozenset(m.actors), frozenset(m.places), frozenset(m.organisations), m.lemmas,
            m.attributed_to)


def _claim_key(wording: tuple, sentences: frozenset) -> str:
    """A claim's name across runs: all a pair's score is computed from (its wording, and the sentences
    its copies stand in, since two claims of one sentence never merge), in an order that does not
    depend on the process's string hashing."""
    sentence, offsets, when, actors, places, organisations, lemmas, source = wording
    raw = repr((sentence, offsets, when, sorted(actors), sorted(places), sorted(organisations), lemmas, source,
                sorted(sentences)))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _event(group: list[EventMention]) -> Event:
    # an announcement's days after its article are for comparing, not for dating the event
    dated = [m.date for m in group if m.date is not None and m.date.resolved_by != "coming"]
    # the dates written in the sources before the article's date lent to a sentence that names none
    # ("George W. Bush est arrivé." under "est arrivé hier"); then the narrowest, then the exact
    date = min(dated, key=lambda d: (d.resolved_by == "document-date", (d.end - d.start).days, d.approximate)) \
        if dated else None
    if date is not None and date.resolved_by == "document-date":
        date = _days_all_allow([d for d in dated if d.resolved_by == "document-date"]) or date
    if date is not None:
        # the sources that left the claim undated learn its date from the others
        # (and a possibility told without date words, of a date they wrote: its article's date was its saying's)
        written = date.resolved_by != "document-date"
        group = [m if m.date is not None and m.date.resolved_by != "coming"
                 and not (written and _date_compared(m).resolved_by == "coming")
                 else replace(m, date=replace(date, resolved_by="corpus")) for m in group]
    summary = min((m.sentence for m in group), key=lambda s: (len(s) > 280, len(s)))
    event_id = "ev_" + hashlib.sha1(group[0].id.encode()).hexdigest()[:12]
    return Event(
        id=event_id,
        date=date,
        summary=summary,
        actors=_union(m.actors for m in group),
        places=_union(m.places for m in group),
        organisations=_union(m.organisations for m in group),
        sources=_union((m.doc_id,) for m in group),
        mentions=tuple(group),
        modality=event_modality(group),
        conflicts=find_conflicts(group),
    )


def _days_all_allow(guesses: list[DateInterval]) -> Optional[DateInterval]:
    """Articles whose dates were estimated, telling one claim without date words: the days all their
    estimates allow (None when they allow none together)."""
    start, end = max(d.start for d in guesses), min(d.end for d in guesses)
    if len(guesses) < 2 or start > end:
        return None
    return DateInterval(start, end, "day", any(d.approximate for d in guesses), "document-date")


def find_conflicts(group: list[EventMention]) -> tuple[Conflict, ...]:
    """Where the sources of one event disagree: dates that do not overlap ("il y a 24 ans" and "il y a
    près de vingt-cinq ans"), or different counts of the same thing ("7 000" and "10 000 conteneurs")."""
    conflicts = []
    # only dates the sources wrote: the article's date lent to a sentence without date words is no
    # source's word on when it happened
    own_dates = [(m.date, m.date_text or m.date.edtf, m.doc_id) for m in group
                 if m.date is not None and m.date.resolved_by not in ("corpus", "coming", "document-date")]
    disjoint = any(a.end < b.start or b.end < a.start for a, _, _ in own_dates for b, _, _ in own_dates)
    if disjoint:
        conflicts.append(Conflict("date", _values((f"{text} ({iv.edtf})", doc) for iv, text, doc in own_dates)))
    if len({m.doc_id for m in group}) < 2:
        return tuple(conflicts)  # counts conflict only between sources
    counts: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for m in group:
        for number, written, noun in _quantities(m.sentence):
            counts[noun].append((number, written, m.doc_id))
    for noun, found in sorted(counts.items()):
        if len({n for n, _, _ in found}) > 1 and len({doc for _, _, doc in found}) > 1:
            conflicts.append(Conflict(noun, _values((written, doc) for _, written, doc in found)))
    return tuple(conflicts)


def _values(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_value: dict[str, dict[str, None]] = {}
    for value, doc in pairs:
        by_value.setdefault(value, {})[doc] = None
    return tuple((value, tuple(docs)) for value, docs in by_value.items())


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern:
    lex = load_json_resource("temporal_fr.json")
    words = "|".join(sorted(lex["number_words"], key=len, reverse=True))
    number = rf"(?:\d{{1,3}}(?:[\s\u202f\u00a0.]\d{{3}})+|\d+(?:,\d+)?|(?:(?:{words})(?:[- ](?:et[- ])?)?)+)"
    return re.compile(rf"(?<![\w,.])(?P<n>{number})\s+(?:(?:de|d')\s*)?(?P<noun>[^\W\d_]{{3,}})", re.I)


@lru_cache(maxsize=1 << 14)  # copies of one sentence in many mentions
def _quantities(sentence: str) -> tuple[tuple[float, str, str], ...]:
    """The counts a sentence gives: (value, as written, the counted noun, folded and singular)."""
    kb = _knowledge()
    out = []
    for m in _quantity_pattern().finditer(sentence):
        noun = fold(m["noun"])
        if noun in kb.date_words or noun.rstrip("s") in kb.date_words:
            continue  # "24 ans", "deux jours": durations are dates' business, not counts
        written = m["n"].strip().lower()
        if written in ("un", "une"):
            continue  # an article far more often than a count
        number = parse_french_number(re.sub(r"[\s\u202f\u00a0.](?=\d{3})", "", written))
        if number is None:
            continue
        noun = kb.quantity_synonyms.get(noun, noun[:-1] if noun.endswith(("s", "x")) and len(noun) > 3 else noun)
        out.append((number, m.group(0), noun))
    return tuple(out)


_MODALITY_ORDER = ("asserted", "planned", "possible", "reported", "denied")


def event_modality(mentions: Iterable[EventMention]) -> str:
    """asserted as soon as one source states it as a fact; otherwise what most mentions say (a tie
    goes to the first in asserted, planned, possible, reported, denied)."""
    counts = Counter(m.modality for m in mentions)
    if not counts or counts["asserted"]:
        return "asserted"
    return min(counts, key=lambda k: (-counts[k], _MODALITY_ORDER.index(k) if k in _MODALITY_ORDER else 99))


def _union(parts: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in parts:
        for x in part:
            seen.setdefault(x, None)
    return tuple(seen)


def sort_events(events: list[Event]) -> list[Event]:
    def key(e: Event):
        if e.date is None:
            return (1, "", "", e.mentions[0].doc_id, e.mentions[0].start)
        return (0, e.date.start.isoformat(), e.date.end.isoformat(), e.mentions[0].doc_id, e.mentions[0].start)

    return sorted(events, key=key)


# how long after a claim told in the past (or before one told in the future) an article may be
# written, by how precisely the claim is dated: "mardi" is recent news, "en janvier" may be a year old
_NEWS_REACH = {"day": 30, "week": 30, "month": 366, "season": 366, "year": 3 * 366}


def estimate_document_dates(events: Iterable[Event], undated: Iterable[str]) -> dict[str, DateInterval]:
    """An estimate of each undated article's own date from the claims it shares with dated sources:
    it comes after what it tells in the past, before what it announces, around what it tells in the
    present; where the claim has date words it could not place, at the days those words name the
    event's ("est mort dimanche", told of Sunday 10 August, was written in the week from the 10th).
    The days most of its shared claims allow, approximate, `resolved_by: "corpus"`: one claim merged
    wrongly does not move it. None when the best-supported days are not one stretch (two claims that
    do not agree) or nothing is shared."""
    undated = set(undated)
    allowed: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for e in events:
        if e.date is None or e.date.approximate or len(e.sources) < 2:
            continue
        dated_elsewhere = any(m.doc_id not in undated and m.date is not None and m.date.resolved_by not in ("corpus", "document-date")
                              for m in e.mentions)
        if not dated_elsewhere:
            continue
        reach = timedelta(days=_NEWS_REACH.get(e.date.precision, 30))
        for m in e.mentions:
            if m.doc_id not in undated or m.date is None or m.date.resolved_by != "corpus":
                continue
            if m.tense == "future":
                window = (e.date.start - reach, e.date.start)
            elif m.tense in ("past", "pluperfect"):
                window = (e.date.end, e.date.end + reach)
            else:
                window = (e.date.start - timedelta(days=1), e.date.end + timedelta(days=1))
            if m.date_text is not None and m.date_start is not None:
                window = anchors_placing(m.sentence, m.date_start - m.start, e.date, *window) or window
            allowed[m.doc_id].append(window)
    estimates = {}
    for doc_id, windows in allowed.items():
        best = _best_supported_days(windows)
        if best is not None:
            estimates[doc_id] = DateInterval(best[0], best[1], "day", True, "corpus")
    return estimates


def _best_supported_days(windows: list[tuple[date, date]]) -> Optional[tuple[date, date]]:
    """The stretch of days the most windows hold, if it is one stretch."""
    first, last = min(s for s, _ in windows), max(e for _, e in windows)
    days = (last - first).days + 1
    counts = [0] * (days + 1)
    for s, e in windows:  # a difference array: +1 where a window opens, -1 after it closes
        counts[(s - first).days] += 1
        counts[(e - first).days + 1] -= 1
    running, support = 0, []
    for k in range(days):
        running += counts[k]
        support.append(running)
    most = max(support)
    best = [k for k, n in enumerate(support) if n == most]
    if best[-1] - best[0] + 1 != len(best):
        return None
    return first + timedelta(days=best[0]), first + timedelta(days=best[-1])
