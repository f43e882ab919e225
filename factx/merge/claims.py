"""What a mention is compared on: its claim (the clause its date words belong to, its kind of
action, persons, places, counts and quoted words), made once per wording, with a key that names
it across runs."""

from __future__ import annotations

import copy
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Optional

from ..actors import canonical_person_names, fold
from ..events import COMING_DAYS, EventMention
from ..temporal import DateInterval, ResolvedBy, month_and_day_of
from .lexicon import Lexicon, counts_of, fold_word, lexicon
from .parameters import parameters
from .similarity import gram_text


@dataclass
class Claim:
    """What a mention is compared on, computed once per mention rather than once per pair: the kind of
    action comes from the clause its date words belong to, the wording from both that clause and
    the whole sentence (a paraphrase may spread its words over clauses differently)."""

    mention: EventMention
    persons: frozenset
    places: frozenset  # folded, with the countries the places lie in
    lemmas: frozenset  # of the whole sentence, date and speech words and names left out
    frames: frozenset  # of the claim clause; its sentence's when the clause names none
    gram_text: str  # the sentence without its date words, as its grams are counted (`similarity.gram_text`)
    clause_lemmas: frozenset = frozenset()
    clause_gram_text: str = ""
    # the month and day (or None) of date words whose year is unknown ("en mars" without an article date)
    partial: Optional[tuple] = None
    # its source's own words, a few at a time (`_quoted_words`)
    quotes: frozenset = frozenset()
    # the counts it gives (`lexicon.counts_of`)
    counts: frozenset = frozenset()
    # the kinds of action its clause names itself (empty when `frames` are its sentence's)
    clause_frames: frozenset = frozenset()
    # the (document, sentence) of every mention this claim stands for: identical claims are compared once
    sentences: frozenset = frozenset()
    # TF-IDF of the grams and of the clause's grams, unit length: rows of one matrix (`similarity.weigh`)
    gram_weights: object = None  # scipy.sparse.csr_matrix
    row: int = -1
    clause_row: int = -1
    documents: frozenset = field(init=False)  # the documents of `sentences`
    date: Optional[DateInterval] = field(init=False)  # as it is compared (`_date_compared`)

    def __post_init__(self):
        self.documents = frozenset(doc for doc, _ in self.sentences)
        self.date = _date_compared(self.mention)

    def told(self, mention: EventMention, sentences: frozenset, partial: Optional[tuple] = None) -> "Claim":
        """The same words told by `mention` (another date, other sentences): a copy, cheaper than
        reading the words again or than dataclasses.replace."""
        claim = copy.copy(self)
        claim.mention, claim.sentences, claim.partial = mention, sentences, partial
        claim.__post_init__()
        return claim

    @classmethod
    def of(cls, m: EventMention, sentences: Optional[frozenset] = None,
           other_dates: Iterable[tuple[int, int]] = ()) -> "Claim":
        """`other_dates`: where the other mentions of its sentence have their date words."""
        lex, stem = lexicon(), parameters().lemma_stem_letters
        name_words = frozenset(w for a in m.actors for w in fold_word(a).split())
        lemmas = frozenset(f for f in (fold_word(lemma) for lemma in m.lemmas)
                           if f not in lex.date_words and f not in lex.speech_words and f not in name_words)
        clause = _claim_text(m, other_dates)
        folded = fold(clause)
        # the sentence's lemmas that the clause holds (an inflected word keeps its lemma's first letters)
        clause_lemmas = frozenset(f for f in lemmas if f[:stem] in folded)
        # the clause's kind of action; when it names none ("sera en Corée"), the nearest clause's that does
        clause_frames = _frames_of(clause_lemmas, lambda: folded, lex)
        frames = clause_frames or _nearest_frames(m, lemmas, lex)
        places = set()
        for p in m.places:
            f = fold_word(p)
            places.add(f)
            if f in lex.part_of:
                places.add(lex.part_of[f])
        # who says so is not who acts: "Iouri Ouchakov a indiqué qu'un accord pourrait être signé"
        persons = frozenset(a for a in m.actors if a != m.attributed_to)
        return cls(m, persons, frozenset(places), lemmas, frames, gram_text(_without_date_words(m)),
                   clause_lemmas, gram_text(clause),
                   partial=partial_date(m), quotes=_quoted_words(m), counts=counts_of(m.sentence), clause_frames=clause_frames,
                   sentences=sentences if sentences is not None else frozenset({(m.doc_id, m.sentence_index)}))


def _claim_text(m: EventMention, other_dates: Iterable[tuple[int, int]] = ()) -> str:
    """The clause its date words belong to, without them: "sera en Corée du Nord ce mardi 18 juin et
    mercredi, une visite ... à l'issue de laquelle un accord ... sera signé" dates the visit, not
    the accord. A clause too short to say anything takes its neighbours, but not one that holds the
    date of another claim of the sentence (`other_dates`, offsets in the document): "doit s'envoler
    dans la soirée pour Hanoï, où il sera reçu jeudi" tells a departure, then a reception."""
    if m.date_start is None:
        return m.sentence
    enough = parameters().clause_min_words
    s, e = m.date_start - m.start, m.date_end - m.start
    pieces = [(p.start(), p.end()) for p in lexicon().clause_break.finditer(m.sentence)]
    bounds = [0] + [x for span in pieces for x in span] + [len(m.sentence)]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds) - 1, 2)]
    hit = next((k for k, (a, b) in enumerate(clauses) if a <= s < b or a < e <= b), None)
    if hit is None:
        return m.sentence[:s] + " " + m.sentence[e:]
    lo = hi = hit
    words = lambda: len(re.findall(r"\w+", m.sentence[clauses[lo][0]:clauses[hi][1]]))
    if words() >= enough:
        return m.sentence[clauses[lo][0]:s] + " " + m.sentence[e:clauses[hi][1]]
    others = [o - m.start for o, _ in other_dates if o != m.date_start]
    free = [not any(a <= o < b for o in others) for a, b in clauses]
    while words() < enough and (lo > 0 and free[lo - 1] or hi < len(clauses) - 1 and free[hi + 1]):
        if hi < len(clauses) - 1 and free[hi + 1]:
            hi += 1
        if words() < enough and lo > 0 and free[lo - 1]:
            lo -= 1
    a, b = clauses[lo][0], clauses[hi][1]
    return m.sentence[a:s] + " " + m.sentence[e:b]


def _date_compared(m: EventMention) -> Optional[DateInterval]:
    """A plan or a possibility told without date words ("X a indiqué qu'un accord pourrait être
    signé à Pyongyang") is of the days after its article, as an announcement in the future is
    (`resolved_by: "coming"`): what the article's date dates is the saying, not the signing."""
    d = m.date
    if d is not None and d.resolved_by == ResolvedBy.DOCUMENT_DATE and m.modality == "possible":
        return _coming_after(d)
    return d


@lru_cache(maxsize=4096)
def _coming_after(d: DateInterval) -> DateInterval:
    return DateInterval(d.start, d.end + COMING_DAYS, "day", True, ResolvedBy.COMING)


def is_coming(m: EventMention) -> bool:
    """Whether the merge compares the mention as of the days after its article (`_date_compared`)."""
    d = _date_compared(m)
    return d is not None and d.resolved_by == ResolvedBy.COMING


def partial_date(m: EventMention) -> Optional[tuple]:
    """The month and day of date words whose year is unknown, for a mention left undated."""
    return month_and_day_of(m.date_text) if m.date is None and m.date_text else None


_QUOTED = re.compile(r"«([^«»]+)»|^([^«»]+)»|«([^«»]+)$|\"([^\"]+)\"")


def _quoted_words(m: EventMention) -> frozenset:
    """A named source's own words, a few at a time: two outlets quoting one statement share some
    ("« ... de la logique du chacun pour soi », a affirmé X" / "Selon X, le texte « met fin au chacun
    pour soi »") whatever else their sentences name. A sentence may open inside a quote the one
    before began. Runs of short words only ("de la part") say nothing of the statement."""
    if not m.attributed_to:
        return frozenset()
    p = parameters()
    run, long_word = p.quoted_run_words, p.quoted_long_word_letters
    out = set()
    for quoted in _QUOTED.finditer(m.sentence):
        words = re.findall(r"\w+", fold(next(g for g in quoted.groups() if g is not None)))
        out.update(f"{m.attributed_to}:{' '.join(words[k:k + run])}" for k in range(len(words) - run + 1)
                   if any(len(w) >= long_word for w in words[k:k + run]))
    return frozenset(out)


def _nearest_frames(m: EventMention, lemmas: frozenset, lex: Lexicon) -> frozenset:
    """The kinds of action of the clause nearest the claim's that names one (the two at one distance
    together): "sera en Corée du Nord ce mardi 18 juin et mercredi, une visite exceptionnelle à l'issue
    de laquelle un accord pourra être signé" tells the visit, not the signing told further on. The
    sentence's for a claim without date words, whose clause is its sentence, and when no clause
    names one by itself."""
    if m.date_start is None:
        return _frames_of(lemmas, lambda: fold(m.sentence), lex)
    at, stem = m.date_start - m.start, parameters().lemma_stem_letters
    pieces = [(p.start(), p.end()) for p in lex.clause_break.finditer(m.sentence)]
    bounds = [0] + [x for span in pieces for x in span] + [len(m.sentence)]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds) - 1, 2)]
    hit = next((k for k, (a, b) in enumerate(clauses) if a <= at < b), None)
    if hit is None:
        return _frames_of(lemmas, lambda: fold(m.sentence), lex)
    for distance in range(1, len(clauses)):
        found: frozenset = frozenset()
        for k in (hit - distance, hit + distance):
            if 0 <= k < len(clauses):
                text = fold(m.sentence[clauses[k][0]:clauses[k][1]])
                found |= _frames_of(frozenset(f for f in lemmas if f[:stem] in text), lambda: text, lex)
        if found:
            return found
    # no clause holds a kind of action by its words' first letters ("reçu" of "recevoir"): the sentence's
    return _frames_of(lemmas, lambda: fold(m.sentence), lex)


def _frames_of(lemmas: frozenset, folded_text, lex: Lexicon) -> frozenset:
    """The kinds of action the lemmas name; `folded_text()` gives the text the idioms are read in.
    An idiom counts even when the model gave its word another lemma or none ("il est attendu" may
    be tagged an auxiliary and an adjective)."""
    meaning = lex.frames
    stem = parameters().idiom_stem_letters
    text = None
    for pattern, lemma, frames in lex.idioms:
        text = folded_text() if text is None else text
        # an idiom holds a form of its word, which keeps the word's first letters ("venu" of "venir"):
        # a cheap test before the pattern
        if (lemma in lemmas or lemma[:stem] in text) and pattern.search(text):
            meaning = {**meaning, lemma: frames}
            lemmas = lemmas | {lemma}
    return frozenset(fr for lemma in lemmas for fr in meaning.get(lemma, ()))


def _without_date_words(m: EventMention) -> str:
    if m.date_start is None:
        return m.sentence
    s, e = m.date_start - m.start, m.date_end - m.start
    return m.sentence[:s] + " " + m.sentence[e:]


def claims_of(mentions: list[EventMention]) -> tuple[list[Claim], list[str], list[list[int]]]:
    """One claim per wording, its key across runs (`claim_key`), and the mentions it stands for.

    The same claim in the same words (an agency dispatch several outlets print) is one claim to
    compare: its copies would score 1.0 with each other and each take part in every pair the first
    one takes."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[wording(m)].append(i)
    dates = date_spans_by_sentence(mentions)
    claims, worded, keys = [], {}, []
    for words, g in groups.items():
        m, sentences = mentions[g[0]], frozenset((mentions[i].doc_id, mentions[i].sentence_index) for i in g)
        # the same words told of another day (a yearly event, a copy of the story) need not be read again
        undated = words[:2] + words[3:]
        same_words = worded.get(undated)
        claims.append(same_words.told(m, sentences, same_words.partial) if same_words else
                      Claim.of(m, sentences, dates[m.doc_id, m.sentence_index]))
        worded.setdefault(undated, claims[-1])
        keys.append(claim_key(words, sentences))
    return claims, keys, list(groups.values())


def with_canonical_names(mentions: list[EventMention]) -> list[EventMention]:
    """The mentions with each person under one name across the corpus ("V. Poutine", "Poutine")."""
    names = canonical_person_names(n for m in mentions for n in m.actors)
    renamed = (tuple(dict.fromkeys(names.get(a, a) for a in m.actors)) if names else m.actors for m in mentions)
    return [m if actors == m.actors else replace(m, actors=actors) for m, actors in zip(mentions, renamed)]


def date_spans_by_sentence(mentions: list[EventMention]) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Where each sentence's mentions have their date words, by (document, sentence)."""
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        if m.date_start is not None:
            spans[m.doc_id, m.sentence_index].append((m.date_start, m.date_end))
    return spans


def wording(m: EventMention) -> tuple:
    """What a claim is compared on: two mentions alike in all of it score alike with every other (who
    says so too: a claim's persons leave its source out, and quoted words are its source's)."""
    offsets = (m.date_start - m.start, m.date_end - m.start) if m.date_start is not None else None
    return (m.sentence, offsets, m.date, frozenset(m.actors), frozenset(m.places), frozenset(m.organisations), m.lemmas,
            m.attributed_to)


def claim_key(words: tuple, sentences: frozenset) -> str:
    """A claim's name across runs: all a pair's score is computed from (its wording, and the sentences
    its copies stand in, since two claims of one sentence never merge), in an order that does not
    depend on the process's string hashing."""
    sentence, offsets, when, actors, places, organisations, lemmas, source = words
    raw = repr((sentence, offsets, when, sorted(actors), sorted(places), sorted(organisations), lemmas, source,
                sorted(sentences)))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
