"""Tense: which way a relative expression points, when the caller gives no tense.

`find_temporal_expressions` takes the sentence's tense from the parse where there is one; without it
(`factx dates`, the article's own date, a user's date) the words around each expression say it:
`guess_tense`. Both meet in `tense_at`, the one place the reader asks which way an expression points.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..resources import alternation
from .lexicon import direction, lexicon_raw, tense_words

_LETTER = "[a-zàâçéèêëîïôûùüÿœ]"


@lru_cache(maxsize=1)
def _future_verb() -> re.Pattern:
    """A verb in the simple future ('signera', 'sera'), from models/temporal_fr.json `tense_words`."""
    return re.compile(rf"\b(?:{_LETTER}{{2,}}{alternation(tense_words('future_endings'))}"
                      rf"|{alternation(tense_words('future_forms'))})\b", re.I)


@lru_cache(maxsize=1)
def _future_cue() -> re.Pattern:
    """Words of what is to come ('prévu', 'à venir'), a helper before an infinitive ('va signer',
    'doit rendre'), and the conditional ('signerait')."""
    infinitive = rf"\s+\w+{alternation(tense_words('infinitive_endings'))}"
    return re.compile(rf"\b(?:{alternation(tense_words('future_cue_words'))}"
                      rf"|{alternation(tense_words('future_auxiliaries'))}{infinitive}"
                      rf"|{_LETTER}+{alternation(tense_words('conditional_endings'))})\b", re.I)


def _agreement() -> str:
    """The endings a participle takes to agree ('prévue', 'prévus', 'prévues'), optional."""
    return f"{alternation(tense_words('agreement_endings'))}?"


# the conditional ("pourraient rouvrir", "signerait") speaks of what is to come; it ends like the
# imperfect, so the imperfect's past reading leaves these endings out
def _conditional() -> str:
    return rf"[a-zàâçéèêëîïôûùüÿœ]+{alternation(tense_words('conditional_endings'))}\b"


def _participle() -> str:
    return rf"[\wàâçéèêëîïôûùüÿœ]+{alternation(tense_words('participle_endings'))}"


_ADVERBS = r"(?:(?:[\wàâçéèêëîïôûùüÿœ'’-]+\s+){0,3}?)"


@lru_cache(maxsize=1)
def _past_verb_pattern() -> re.Pattern:
    """Past forms: avoir + participle, être + participle of a verb conjugated with être
    ("est arrivé"), pronominal verbs ("s'est rendu"), the imperfect, and past cue words."""
    etre = "|".join(sorted(lexicon_raw()["etre_participles"], key=len, reverse=True))
    avoir, etre_forms = alternation(tense_words("avoir_forms")), alternation(tense_words("etre_forms"))
    reflexive = alternation(tense_words("reflexive_forms"))
    participle = _participle()
    pronoun = "|".join([*(re.escape(w) for w in tense_words("reflexive_pronouns_elided")),
                        *(re.escape(w) + r"\s+" for w in tense_words("reflexive_pronouns"))])
    return re.compile(
        rf"\b{avoir}\s+{_ADVERBS}{participle}\b"
        rf"|\b{etre_forms}\s+{_ADVERBS}(?:{etre}){_agreement()}\b"
        rf"|\b(?:{pronoun}){reflexive}\s+{_ADVERBS}{participle}\b"
        rf"|\b(?!{_conditional()}){_LETTER}{{2,}}{alternation(tense_words('imperfect_endings'))}\b"
        rf"|\b{alternation(tense_words('past_cue_words'))}\b", re.I)


@lru_cache(maxsize=1)
def _not_future_verbs() -> frozenset:
    """'opéra', 'caméra': words that end like a future and are no verb."""
    return frozenset(tense_words("not_future_verbs"))


@lru_cache(maxsize=1)
def _participle_before() -> re.Pattern:
    """'signé le', 'nommé en': a word in -é right before the date."""
    prep = alternation(tense_words("participle_prepositions"))
    endings = alternation(tense_words("e_participle_endings"))
    return re.compile(rf"\b([\wàâçéèêëîïôûùüÿœ]{{3,}}{endings})\s+(?P<prep>{prep})?\s*$", re.I)


@lru_cache(maxsize=1)
def _planned_participles() -> frozenset:
    """'prévu', 'programmé' and their forms: the plan is told, its day may be to come."""
    return frozenset(w + end for w in lexicon_raw()["planned_participles"] for end in ("", *tense_words("agreement_endings")))


@lru_cache(maxsize=1)
def _announced() -> frozenset:
    """'annoncé' and its forms: "annoncé lundi" is an announcement made on Monday; "annoncé le 30 juin"
    may be a coming event."""
    return frozenset(w + end for w in tense_words("announced_participles") for end in ("", *tense_words("agreement_endings")))


@lru_cache(maxsize=1)
def _irregular_participle_before() -> re.Pattern:
    """'élu mardi', 'ouvertes en mai': participles the -é pattern cannot see, from the lexicon."""
    words = alternation(lexicon_raw()["irregular_participles"])
    prep = alternation(tense_words("participle_prepositions"))
    return re.compile(rf"\b({words}{_agreement()})\s+(?P<prep>{prep})?\s*$", re.I)


@lru_cache(maxsize=1)
def _future_verb_cue() -> re.Pattern:
    """Present-tense verbs of promise and plan: what they govern is still to come."""
    return re.compile(rf"(?<![\w'’]){alternation(lexicon_raw()['future_verbs'])}(?![\w])", re.I)


# what stands before a word in -é that makes it no past act: a present or coming passive ("sont
# convoquées le 30 juin", "doit être adopté avant le 23 décembre", "sera exceptionnellement fermé
# le jour de l'An") or a determiner, which makes it a noun ("devant les députés début juillet",
# "le Conseil de sécurité en avril")
@lru_cache(maxsize=1)
def _not_a_past_act() -> re.Pattern:
    adverbs = alternation(tense_words("passive_adverbs"))
    return re.compile(rf"(?:\b{alternation(tense_words('passive_auxiliaries'))}(?:\s+(?:[\wàâçéèêëîïôûùüÿœ]+ment|{adverbs}))*"
                      rf"|\b{alternation(tense_words('determiners'))})\s*$", re.I)


# ", " (not the comma of "2,3 %") and dashes set off an apposition or another clause
_CLAUSE_BREAK = re.compile(r",\s|\s[–—]\s|[()]")


def _past_participle_before(head: str) -> bool:
    """'Nommé en janvier', 'signé le 19 juin', 'élu mardi': a past participle right before the date
    dates a past act."""
    for pattern in (_participle_before(), _irregular_participle_before()):
        before = pattern.search(head)
        if before is None or _not_a_past_act().search(head[:before.start()]):
            continue
        word = before.group(1).lower()
        if word in _planned_participles() or word in _announced() and before["prep"]:
            continue
        return True
    return False


@lru_cache(maxsize=1)
def _past_plan_before() -> re.Pattern:
    """'initialement prévues en', 'qui avait été programmé le': a plan told as made in the past."""
    raw = lexicon_raw()
    planned = alternation([*raw["planned_participles"], *tense_words("announced_participles")])
    markers = alternation(raw["past_plan_markers"])
    # only adverbs and other markers between ("avaient été initialement prévues"): in "était complet, est
    # prévu" the plan is a present one
    gap = rf"(?:(?:{markers}|{alternation(tense_words('plan_gap_words'))}|[\wàâçéèêëîïôûùüÿœ]+ment)\s+){{0,3}}"
    prepositions = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in tense_words("plan_prepositions"))
    return re.compile(rf"(?<![\w']){markers}\s+{gap}{planned}{_agreement()}"
                      rf"\s+(?:(?:{prepositions})\s+)?$", re.I)


def guess_tense(text: str, start: int, end: int) -> Optional[str]:
    """'past', 'future' or None from the verbs and cues nearest the expression in its clause.

    The clause is the stretch between commas around the expression: in "ouvertes en mai, seront
    closes" or "augmenteront au 1er février, a prévenu le régulateur" the verb of the date's own
    clause orients it, however near a verb of the next clause stands. With no cue in its clause,
    the nearest one in the sentence counts.
    """
    left_bound = max(text.rfind(c, 0, start) for c in ".;!?\n")
    right_hits = [i for i in (text.find(c, end) for c in ".;!?\n") if i != -1]
    right_bound = min(right_hits) if right_hits else len(text)
    lo, hi = max(left_bound + 1, start - 120), min(right_bound, end + 120)
    window = text[lo:hi]
    head = text[max(lo, start - 60):start]
    if _past_plan_before().search(head):
        # the plan was made before the article, and the planned day may be over ("initialement prévues
        # en mars", said in May) or not yet come ("initialement prévu en septembre"): the nearest counts
        return None
    if _past_participle_before(head):
        return "past"
    breaks = [lo + b.start() for b in _CLAUSE_BREAK.finditer(window)]
    clause_lo = max([b for b in breaks if b < start], default=lo)
    clause_hi = min([b for b in breaks if b >= end], default=hi)
    best: Optional[tuple[bool, int, str]] = None  # (outside the clause, distance, tense): smallest wins
    for tense, pattern in (("future", _future_verb()), ("future", _future_cue()), ("future", _future_verb_cue()),
                           ("past", _past_verb_pattern())):
        for m in pattern.finditer(window):
            if pattern is _future_verb() and m.group(0).lower() in _not_future_verbs():
                continue
            abs_start, abs_end = lo + m.start(), lo + m.end()
            if abs_start < end and abs_end > start:  # a cue inside the expression itself is read elsewhere
                continue
            distance = start - abs_end if abs_end <= start else abs_start - end
            key = (not (clause_lo <= abs_start and abs_end <= clause_hi), distance, tense)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def has_future_verb(text: str) -> bool:
    """Whether `text` holds a verb in the future ('signera', 'sera')."""
    return _future_verb().search(text) is not None


def rel_tense(rel: Optional[str]) -> Optional[str]:
    """'dernier', 'passé', 'précédent' point back, 'prochain' and 'suivant' ahead, whatever the verb
    (models/temporal_fr.json, `direction_words`)."""
    return direction(rel)


def tense_at(text: str, start: int, end: int, given: Optional[str] = None, rel: Optional[str] = None) -> Optional[str]:
    """Which way the expression at text[start:end] points: its own 'dernier' or 'prochain', else the
    tense the caller gives (the sentence's, from the parse), else the words around it."""
    return rel_tense(rel) or given or guess_tense(text, start, end)
