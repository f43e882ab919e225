"""Modality and attribution: what a sentence says about the reality of its event, and who says so.

A fact-checker reads "Poutine est arrivé à Pyongyang" and "Poutine serait arrivé à Pyongyang, selon
Séoul" as two different things. Each sentence gets one `Claim`:

modality, from the strongest cue down (denied > possible > planned > reported > asserted):

- denied: someone rejects the claim: "nient tout transfert d'armes", "a démenti", "rejette ces
  accusations", "nie avoir mené", or a source saying it never happened ("affirme n'avoir jamais
  livré", "« Nous ne livrons aucune arme », a déclaré X"). A negated denial ("n'a ni confirmé ni
  démenti") is no denial.
- possible: "pourrait être signé", "peut s'étendre", "il est possible que", "n'est pas exclue",
  "risque de", "envisage de", "peut-être", a conditional under a "si" clause.
- planned: still to come, as scheduled or intended: the future ("se rendra", "va supprimer"),
  "doit se rendre", "devrait", "prévoit de", "est prévu", "est attendu", "s'apprête à", "entend",
  "promet de", and the conditional of a clause reported from a past speech verb, which is the future
  seen from the past ("a annoncé qu'il se rendrait").
- reported: a past or present fact the newspaper relays without vouching for it: the clause,
  infinitive or quotation of a speech verb ("X affirme que", "« ... », a déclaré X", "s'est dit
  prêt"), "selon X", "d'après X", "Pour X, ...", an accusation ("accusent X de", "sont accusés de"),
  and the conditional of hearsay ("aurait livré", "serait mort").
- asserted: the newspaper states it itself.

Policy on speech:

- A fact announced by someone is reported, whoever the source: "Poutine est arrivé à Pyongyang, a
  annoncé le Kremlin" is reported, attributed to "le Kremlin". factx does not rank sources; it shows
  who vouches, and the fact-checker decides whom to believe.
- A speech act with a noun object is an event the newspaper vouches for, so it is asserted: "a
  annoncé la dissolution", "a salué la signature", "a qualifié la relation d'« alliance »".
- A plan or possibility told by a source keeps its modality and names the source: "un accord
  pourrait être signé, a indiqué Iouri Ouchakov" is possible, attributed to "Iouri Ouchakov".
- A date that belongs to the speech act rather than to what is said dates the speech act, which is
  asserted: in "X se rendra mardi à Hanoï, a annoncé lundi le Kremlin", the Tuesday trip is planned
  (by the Kremlin's word), the Monday announcement is asserted (`Claim.at`). Likewise a clause
  with a verb of its own keeps its own modality for the dates in it ("est arrivé lundi et signera
  mercredi un traité": Monday asserted, Wednesday planned; "le déplacement, prévu du 11 au 13
  juillet, ...": planned), and factx.events calls planned an asserted or reported event dated
  after the article.
- A speech verb coordinated to a main verb of another kind is such a clause: in "a présenté le
  déplacement comme un moment fort, et a dit espérer qu'un accord serait signé", the presentation
  is the sentence's claim (asserted), the hoped-for signing a clause of its own (possible).

attributed_to is the source as written, without its apposition ("Iouri Ouchakov, conseiller
diplomatique du Kremlin, a indiqué" gives "Iouri Ouchakov"), or the name in apposition to a role
("l'avocate de l'accusé, Alexandra Michel, a souligné" gives "Alexandra Michel"): the speaker of
the speech verb, the X of "selon X", the accuser, the denier. It is None when the newspaper speaks
for itself, and also for an allegation with no named source ("sont accusés de", "aurait livré"). A
pronoun ("Il a précisé", "selon lui") is returned as written with `source_is_pronoun`;
factx.events replaces it with the person the previous sentences spoke of.

The cue words live in models/modality_fr.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .nlp import Sentence, Token
from .resources import load_json_resource

MODALITIES = ("asserted", "planned", "possible", "reported", "denied")

# where a speech verb may sit for its sentence to be a report: not inside a noun phrase or a
# relative clause ("le ministre, qui a affirmé que..., est arrivé" reports an arrival)
_FRAME_EDGES = frozenset({"ROOT", "conj", "parataxis", "advcl", "dep", "xcomp", "ccomp"})
_SPEAKER_DEPS = ("nsubj", "nsubj:pass", "obj", "expl:subj")
_PHRASE_CUT_DEPS = frozenset({"appos", "acl", "acl:relcl", "punct", "advcl", "parataxis", "dep", "ccomp", "case",
                              "mark", "cop", "aux:tense", "aux:pass", "obl:mod"})
_OPENING_PUNCT = {",", "»", '"', "”", "—", "–"}
_CLOSING_QUOTES = {"»", '"', "”", "“"}


@dataclass(frozen=True)
class Claim:
    modality: str
    attributed_to: Optional[str] = None
    source_is_pronoun: bool = False
    # character ranges (into the sentence text) of what is said; None when it is the whole sentence.
    # A date outside them dates the speech act itself
    said: Optional[tuple[tuple[int, int], ...]] = None
    # clauses that say something else than the sentence as a whole ("..., et se rendra jeudi à
    # Hanoï", "le déplacement, prévu du 11 au 13 juillet, ..."): (start, end, modality)
    clauses: tuple[tuple[int, int, str], ...] = ()

    def at(self, start: int, end: int) -> tuple[str, Optional[str]]:
        """Modality and source of the event dated by the words at [start, end) of the sentence."""
        for s, e, modality in sorted(self.clauses, key=lambda c: c[1] - c[0]):
            if s <= start and end <= e:
                return modality, None if modality == "asserted" else self.attributed_to
        if self.said is None or any(s <= start and end <= e for s, e in self.said):
            return self.modality, self.attributed_to
        return "asserted", None


ASSERTED = Claim("asserted")


@lru_cache(maxsize=1)
def _cues() -> dict:
    raw = load_json_resource("modality_fr.json")
    sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
    for group in ("possible", "planned"):
        sets.update({f"{group}.{k}": frozenset(v) for k, v in raw[group].items()})
    sets["speech_verb_helpers"] = raw["speech_verb_helpers"]
    sets["speech_helper_lemmas"] = frozenset(raw["speech_verb_helpers"].values())
    endings = raw["verb_endings"]
    # ordered: the first ending that fits decides
    sets["infinitive_endings"] = tuple(endings["infinitive"])
    sets["present_to_infinitive"] = tuple(endings["present_to_infinitive"].items())
    sets["conditional_endings"] = tuple(endings["conditional"])
    sets["future_endings"] = tuple(endings["future"])
    sets["future_stem_drops"] = tuple(endings["future_stem_drops"].items())
    sets["source_pronouns"] = raw["source_pronouns"]
    sets["opinion_preposition"] = raw["opinion_preposition"]
    lexicon = load_json_resource("temporal_fr.json")
    sets["date_words"] = frozenset(w for part in ("months", "weekdays", "units", "seasons") for w in lexicon[part])
    return sets


class _Parse:
    """The tokens of one sentence with the navigation the rules need."""

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.tokens = sentence.tokens
        n = len(self.tokens)
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, t in enumerate(self.tokens):
            if t.head != i and 0 <= t.head < n:
                self.children[t.head].append(i)
        # the rules ask each word's forms many times over: folded once
        self._lower = [t.text.lower().replace("’", "'") for t in self.tokens]
        self._lemma = [self._read_lemma(t) for t in self.tokens]

    def head(self, i: int) -> Optional[int]:
        h = self.tokens[i].head
        return None if h == i or not 0 <= h < len(self.tokens) else h

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def subtree(self, i: int, cut: frozenset = frozenset()) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(c for c in self.children[j] if self.tokens[c].dep not in cut)
        return sorted(out)

    def lower(self, i: int) -> str:
        return self._lower[i]

    def lemma(self, i: int) -> str:
        return self._lemma[i]

    @staticmethod
    def _read_lemma(t) -> str:
        lemma = t.lemma.lower()
        # the lemmatizer leaves some present forms as they are ("compte", "contestent"): an -er verb
        if t.pos == "VERB" and lemma == t.text.lower():
            cues = _cues()
            if not lemma.endswith(cues["infinitive_endings"]):
                for ending, infinitive in cues["present_to_infinitive"]:
                    if lemma.endswith(ending):
                        return lemma[:-len(ending)] + infinitive
        return lemma

    def is_negated(self, i: int) -> bool:
        negations = _cues()["negations"]
        return any(self.lower(c) in negations for c in self.kids(i, "advmod", "cc"))

    def span(self, indexes: Iterable[int]) -> tuple[int, int]:
        """Character range of tokens, relative to the sentence text."""
        indexes = list(indexes)
        first, last = self.tokens[min(indexes)], self.tokens[max(indexes)]
        base = self.sentence.start
        return first.start - base, last.start - base + len(last.text)

    def text(self, indexes: Iterable[int]) -> str:
        s, e = self.span(indexes)
        return self.sentence.text[s:e]

    def roots(self) -> list[int]:
        return [i for i in range(len(self.tokens)) if self.head(i) is None and self.tokens[i].pos not in ("PUNCT", "SPACE")]

    def main_root(self) -> Optional[int]:
        """The parser sometimes splits a sentence into several roots ("Washington | et Séoul accusent"):
        the first verb-like one carries the statement."""
        roots = self.roots()
        for r in roots:
            if self.tokens[r].pos in ("VERB", "AUX") or self.kids(r, "cop"):
                return r
        return roots[0] if roots else None

    def in_frame_position(self, i: int) -> bool:
        """True when nothing but clause links (root, conj, parataxis...) lead from i to a root."""
        while True:
            if self.tokens[i].dep not in _FRAME_EDGES and self.head(i) is not None:
                return False
            h = self.head(i)
            if h is None:
                return True
            i = h


def _is_conditional(t: Token) -> bool:
    """spaCy's French morphology often reads "rendrait" as an imperfect: the ending tells, unless the
    form is the regular imperfect of its lemma ("durait", "ouvrait")."""
    if t.pos not in ("VERB", "AUX"):
        return False
    if "Mood=Cnd" in t.morph:
        return True
    form, lemma = t.text.lower(), t.lemma.lower()
    for ending in _cues()["conditional_endings"]:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            return form != lemma[:-2] + ending[1:]
    return False


def _is_future(t: Token) -> bool:
    """The future, also when the tagger calls "respecterons" a present: future stem = infinitive."""
    if t.pos not in ("VERB", "AUX"):
        return False
    if "Tense=Fut" in t.morph:
        return True
    form, lemma = t.text.lower(), t.lemma.lower()
    cues = _cues()
    for ending in cues["future_endings"]:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[:-len(ending)]
            return any(lemma.endswith(infinitive) and stem == lemma[:-drop]
                       for infinitive, drop in cues["future_stem_drops"])
    return False


def _is_past_form(p: _Parse, i: int) -> bool:
    """A past speech verb, also through its helper ("a fait savoir", "a laissé entendre")."""
    helper_lemmas = _cues()["speech_helper_lemmas"]
    helpers = [j for j in [p.head(i), *p.kids(i)] if j is not None and p.lemma(j) in helper_lemmas]
    for j in [i, *helpers]:
        t = p.tokens[j]
        if p.kids(j, "aux:tense") or "Tense=Past" in t.morph or "Tense=Imp" in t.morph:
            return True
    return False


# -- the source phrase ------------------------------------------------------------------------

def _phrase(p: _Parse, head: int) -> list[int]:
    """The source's words: the head with its determiners, adjectives, complements and coordinated
    names, without apposition or relative clause, never across a comma."""
    cues = _cues()
    # "L'avocate de Bernard, Alexandra Michel, a souligné": the name says who better than the role
    if p.tokens[head].pos == "NOUN":
        named = [c for c in p.kids(head, "appos") if p.tokens[c].pos == "PROPN" and c > head
                 and any(p.tokens[j].text == "," for j in range(head + 1, c))]
        if named:
            return _phrase(p, named[0])
    # "a déclaré M. Poutine à la presse": whom it was said to is not who said it
    audience = [c for c in p.kids(head, "nmod", "obl:arg", "obl:mod") if p.lemma(c) in cues["audience_nouns"]
                and any(p.lower(m) in cues["audience_prepositions"] for m in p.kids(c, "case"))]
    keep = set(p.subtree(head, _PHRASE_CUT_DEPS)) - {j for a in audience for j in p.subtree(a)}
    # a name in apposition without a comma is part of the title ("le président russe Vladimir Poutine")
    for c in p.kids(head, "appos"):
        named = p.subtree(c, _PHRASE_CUT_DEPS)
        if min(named) == max(keep) + 1 and p.tokens[c].pos == "PROPN":
            keep.update(named)
    # a bare participle is an adjective ("les deux capitales concernées"), not a clause
    keep.update(c for c in p.kids(head, "acl") if not p.children[c] and c == max(keep) + 1)
    # a determiner or "de" inside the phrase ("le porte-parole du département") is kept
    for j in list(keep):
        keep.update(p.kids(j, "case", "det") if j != head else p.kids(j, "det"))
    lo, hi = min(keep), max(keep)
    for j in range(head + 1, hi + 1):
        if p.tokens[j].text in (",", ";", "(", ":"):
            hi = j - 1
            break
    for j in range(head - 1, lo - 1, -1):
        if p.tokens[j].text in (",", ";", ")", ":"):
            lo = j + 1
            break
    words = [j for j in range(lo, hi + 1) if p.tokens[j].pos not in ("SPACE",)]
    while words and p.tokens[words[0]].pos in ("CCONJ", "PUNCT", "ADP"):
        words.pop(0)
    while words and p.tokens[words[-1]].pos in ("CCONJ", "PUNCT"):
        words.pop()
    return words


_NP_TAGS = ("DET", "NOUN", "PROPN", "ADJ", "NUM", "CCONJ")


def _run_before(p: _Parse, i: int) -> list[int]:
    """The noun phrase just before a verb, for subjects the parser left unattached ("Pékin | a
    assuré", "Moscou et Pyongyang | démentent")."""
    cues = _cues()
    j = i - 1
    while j >= 0 and (p.tokens[j].dep.startswith("aux") or p.tokens[j].pos == "ADV"
                      or p.lower(j) in cues["preverbal_clitics"]):
        j -= 1
    words = []
    while j >= 0 and (p.tokens[j].pos in _NP_TAGS or p.lower(j) in cues["noun_phrase_links"]):
        words.insert(0, j)
        j -= 1
    while words and p.tokens[words[0]].pos in ("CCONJ", "ADP") or words and p.lower(words[0]) in cues["preposition_de"]:
        words.pop(0)
    return words if any(p.tokens[w].pos in ("NOUN", "PROPN") for w in words) else []


def _subject(p: _Parse, verb: int) -> list[int]:
    """Who speaks: the subject (the agent of a passive), looked for up the verbs that share it ("a
    laissé entendre", "a fait savoir", "a présenté ... et a dit"), else the noun phrase just before."""
    if "Voice=Pass" in p.tokens[verb].morph or p.kids(verb, "aux:pass"):
        agents = p.kids(verb, "obl:agent")
        return _phrase(p, agents[0]) if agents else []
    cues = _cues()
    candidates, i = [], verb
    while i is not None and len(candidates) < 6:
        candidates += [i] + [c for c in p.kids(i, "dep", "aux:caus") if p.lemma(c) in cues["speech_helper_lemmas"]]
        i = p.head(i) if p.tokens[i].dep in ("xcomp", "dep", "conj") else None
    for c in candidates:
        subjects = p.kids(c, "nsubj")
        if subjects:
            words = _phrase(p, subjects[0])
            # "Washington | et Séoul": the parser cut the coordination off
            if words and words[0] > 0 and p.lower(words[0] - 1) in cues["coordinators"]:
                words = _run_before(p, words[0] - 1) + [words[0] - 1] + words
            return words
    return _run_before(p, verb)


# -- what is said, and how --------------------------------------------------------------------

@dataclass(frozen=True)
class _Frame:
    kind: str  # speech, source, accusation
    anchor: int
    source: tuple[int, ...]
    said_head: Optional[int]  # None: the main clause of the sentence
    said: Optional[tuple[int, ...]]  # token indexes of what is said; None: the whole sentence
    past: bool  # the speech verb is in a past tense (its clause's conditional is a future)


def _is_speech_verb(p: _Parse, i: int) -> bool:
    cues = _cues()
    lemma = p.lemma(i)
    if p.tokens[i].pos not in ("VERB", "AUX", "NOUN"):
        return False
    helper = cues["speech_verb_helpers"].get(lemma)
    if helper is not None:
        h = p.head(i)
        return (h is not None and p.lemma(h) == helper) or any(p.lemma(c) == helper for c in p.children[i])
    return lemma in cues["speech_verbs"] or p.lower(i) in cues["speech_verbs"]


def _incise(p: _Parse, verb: int) -> Optional[_Frame]:
    """"..., a annoncé lundi le Kremlin." / "« ... », a déclaré X." / "Le traité, a affirmé X, ne vise"."""
    aux = [c for c in p.kids(verb) if c < verb and p.tokens[c].dep.startswith("aux")]
    if "VerbForm=Fin" not in p.tokens[verb].morph and not aux:
        return None  # "..., soulignant la dépendance": a participle has no speaker of its own
    cues = _cues()
    first = min([verb] + aux + [c for c in p.kids(verb) if c < verb and p.lower(c) in cues["negation_particles"]])
    if first < 1 or p.tokens[first - 1].text not in _OPENING_PUNCT:
        return None
    end = len(p.tokens)
    for j in range(verb + 1, len(p.tokens)):
        if p.tokens[j].text in (",", ";", ":"):
            end = j
            break
    inverted = [k for k in range(first, verb)  # "a-t-il"
                if p.tokens[k].text.startswith("-") and p.lower(k) not in cues["euphonic_letters"]]
    source = inverted or [k for k in p.kids(verb, *_SPEAKER_DEPS)
                          if verb < k < end and p.tokens[k].pos in ("NOUN", "PROPN", "PRON")]
    if not source:
        # the parser hung the speaker anywhere ("ont rapporté ce dimanche 13 juillet les médias
        # officiels de Pyongyang": "médias" under "juillet"): the first noun phrase that is no date
        dates = cues["date_words"]
        nouns = [k for k in range(verb + 1, end) if p.tokens[k].pos in ("NOUN", "PROPN", "PRON")
                 and p.lemma(k) not in dates and p.lower(k) not in dates]
        source = [k for k in nouns if p.head(k) not in nouns]
    if not source:
        return None
    quoted = any(p.tokens[j].text in _CLOSING_QUOTES for j in (first - 1, first - 2) if j >= 0)
    subject_after = source[0] in p.kids(verb, "nsubj")
    if any(k < first for k in p.kids(verb, "nsubj")) and not (quoted or inverted or subject_after):
        return None  # "Le ministre, ému, a déclaré la guerre": the subject is before, not after
    phrase = [source[0]] if inverted else _phrase(p, source[0])
    phrase = [k for k in phrase if verb < k < end] or [source[0]]
    said = tuple(j for j in range(len(p.tokens)) if (j < first - 1 or j > end) and p.tokens[j].pos != "PUNCT")
    said_head = _head_of(p, said)
    return _Frame("speech", verb, tuple(phrase), said_head, said, _is_past_form(p, verb))


def _head_of(p: _Parse, indexes: tuple[int, ...]) -> Optional[int]:
    """The token of a group whose head lies outside it, verbs first."""
    inside = set(indexes)
    tops = [i for i in indexes if p.head(i) is None or p.head(i) not in inside]
    verbs = [i for i in tops if p.tokens[i].pos in ("VERB", "AUX") or p.kids(i, "cop")]
    return (verbs or tops or [None])[0]


def _speech_frame(p: _Parse, verb: int) -> Optional[_Frame]:
    if not p.in_frame_position(verb):
        return None
    frame = _incise(p, verb)
    if frame is not None:
        return frame
    if p.tokens[verb].dep == "advcl":
        return None  # "En affirmant que...": a circumstance, not the report
    past = _is_past_form(p, verb)
    # a clause, an infinitive or an attribute ("s'est dit prêt"); an object only if it is a clause
    content = [c for c in p.kids(verb, "ccomp", "xcomp", "obj") if c > verb
               and p.tokens[c].pos in ("VERB", "AUX", "ADJ", "NOUN")
               and (p.tokens[c].dep != "obj" or (p.tokens[c].pos in ("VERB", "AUX") and p.kids(c, "nsubj")))]
    colon = next((j for j in range(verb + 1, min(verb + 3, len(p.tokens))) if p.tokens[j].text == ":"), None)
    if colon is not None:
        said = tuple(j for j in range(colon + 1, len(p.tokens)) if p.tokens[j].pos != "PUNCT")
        if said:
            return _Frame("speech", verb, tuple(_subject(p, verb)), _head_of(p, said), said, past)
    if not content:
        return None
    head = content[0]
    said = tuple(p.subtree(head))
    return _Frame("speech", verb, tuple(_subject(p, verb)), head, said, past)


def _source_frame(p: _Parse, i: int) -> Optional[_Frame]:
    """"selon X", "d'après X", and "Pour X, ..." opening the sentence."""
    cues = _cues()
    low = p.lower(i)
    de = cues["preposition_de"]
    # "d'après" cut in two tokens
    marker = low in cues["source_prepositions"] or (low in de and i + 1 < len(p.tokens)
                                                     and p.lower(i + 1) in cues["source_preposition_tails"])
    opinion = low == cues["opinion_preposition"] and i == 0
    if not marker and not opinion:
        return None
    head = p.head(i)
    if low in de and head is None:
        return None
    if head is None or p.tokens[head].pos not in ("NOUN", "PROPN", "PRON", "DET", "NUM"):
        return None
    if p.lemma(head) in cues["non_source_heads"] or p.lower(head) in cues["non_source_heads"]:
        return None
    if opinion:
        named = p.tokens[head].pos in ("PROPN", "PRON") or any(p.tokens[c].pos == "PROPN" for c in p.kids(head)) \
            or p.lemma(head) in cues["opinion_holders"]  # "Pour de nombreux observateurs, ..."
        closes = any(p.tokens[j].text == "," for j in range(head + 1, min(head + 6, len(p.tokens))))
        # "Pour l'Italie, Romano Prodi et Mario Monti.": a list names who is concerned, it says nothing
        judges = any("VerbForm=Fin" in p.tokens[j].morph for j in range(head + 1, len(p.tokens)))
        if not (named and closes and judges):
            return None
    words = _phrase(p, head)
    words = [w for w in words if w > i + (1 if low in de else 0)]
    if not words:
        return None
    return _Frame("source", i, tuple(words), None, None, False)


def _accusation_frame(p: _Parse, verb: int) -> Optional[_Frame]:
    cues = _cues()
    if p.lemma(verb) not in cues["accusation_verbs"] and p.lower(verb) not in cues["accusation_verbs"]:
        return None
    if not p.in_frame_position(verb):
        return None
    content = p.kids(verb, "xcomp", "ccomp", "obl:arg", "obl:mod")
    content = [c for c in content if any(p.lower(m) in cues["preposition_de"] for m in p.kids(c, "mark", "case"))] or \
        p.kids(verb, "xcomp")
    if not content:
        return None
    return _Frame("accusation", verb, tuple(_subject(p, verb)), content[0], tuple(p.subtree(content[0])), False)


def _denial(p: _Parse) -> Optional[list[int]]:
    """The denier's words when the sentence rejects a claim, else None."""
    cues = _cues()
    for i, t in enumerate(p.tokens):
        lemma, low = p.lemma(i), p.lower(i)
        denies = (t.pos in ("VERB", "AUX") and lemma in cues["denial_verbs"]) or low in cues["denial_forms"]
        if not denies and (lemma in cues["rejection_verbs"] or low in cues["rejection_verbs"]):
            denies = t.pos == "VERB" and any(p.lemma(o) in cues["claim_nouns"] or p.lower(o) in cues["claim_nouns"]
                                             for o in p.kids(i, "obj", "nsubj:pass"))
        if not denies:
            continue
        # "ce que Pyongyang dément" denies the clause before it, whatever the parser made of it
        answers_clause = i >= 2 and any(p.lower(j) in cues["clause_antecedents"]
                                        and p.lower(j + 1) in cues["clause_relatives"]
                                        for j in range(max(i - 5, 0), i - 1))
        # the tagger reads "dément" as the adjective ("crazy") and hangs it anywhere
        mistagged = t.pos not in ("VERB", "AUX") and low in cues["denial_forms"]
        if not (p.in_frame_position(i) or answers_clause or mistagged):
            continue
        if p.is_negated(i) or (t.dep == "conj" and p.head(i) is not None and p.is_negated(p.head(i))):
            continue
        return _subject(p, i)
    return None


def _frames(p: _Parse) -> list[_Frame]:
    found = []
    for i in range(len(p.tokens)):
        frame = _source_frame(p, i)
        if frame is None and _is_speech_verb(p, i):
            frame = _speech_frame(p, i)
        if frame is None:
            frame = _accusation_frame(p, i)
        if frame is not None:
            found.append(frame)
    return found


def _chain(p: _Parse, head: int) -> list[int]:
    """The predicate and the verbs it governs without a clause boundary ("pourrait | être signé")."""
    out, todo = [], [head]
    while todo:
        i = todo.pop(0)
        out.append(i)
        todo.extend(c for c in p.kids(i, "xcomp") if p.tokens[c].pos in ("VERB", "AUX", "ADJ", "NOUN"))
    return out


def _status(p: _Parse, head: int, reported_from_past: bool) -> Optional[str]:
    """possible, planned or hearsay from the words of one clause; None when it states a plain fact."""
    cues = _cues()
    chain = _chain(p, head)
    near = [j for c in chain for j in [c, *p.kids(c)]]
    for c in chain:
        lemma, low, t = p.lemma(c), p.lower(c), p.tokens[c]
        has_infinitive = any(p.tokens[x].pos in ("VERB", "AUX", "NOUN") for x in p.kids(c, "xcomp"))
        if lemma in cues["possible.modal_verbs"] and (_is_conditional(t) or ("Tense=Pres" in t.morph and not p.is_negated(c))):
            return "possible"
        if (lemma in cues["possible.verbs"] or low in cues["possible.verbs"]) and (has_infinitive or p.kids(c, "ccomp")):
            return "possible"
        if lemma in cues["possible.adjectives"] or low in cues["possible.adjectives"]:
            return "possible"
        if (lemma in cues["possible.excluded_unless_negated"] or low in cues["possible.excluded_unless_negated"]) \
                and p.is_negated(c):
            return "possible"
    if any(p.lower(j) in cues["possible.adverbs"] for j in near):
        return "possible"
    verbs = [j for j in near if j == head or j in chain or p.tokens[j].dep.startswith("aux") or p.tokens[j].dep == "cop"]
    conditional = any(_is_conditional(p.tokens[j]) for j in verbs)
    if conditional and any(p.lower(m) in cues["possible.hypothesis_marks"]
                           for a in p.kids(head, "advcl") for m in p.kids(a, "mark")):
        return "possible"  # "si la Russie attaquait, la Corée lui viendrait en aide"
    for c in chain:
        lemma, t = p.lemma(c), p.tokens[c]
        has_infinitive = any(p.tokens[x].pos in ("VERB", "AUX", "NOUN", "ADJ") for x in p.kids(c, "xcomp"))
        passive = "Voice=Pass" in t.morph or bool(p.kids(c, "aux:pass"))
        if lemma in cues["planned.obligation_verbs"] and has_infinitive and not p.kids(c, "aux:tense"):
            return "planned"
        if lemma in cues["planned.plan_verbs"] and (has_infinitive or passive):
            return "planned"
        helper = p.head(c)
        cancelled = helper is not None and p.lemma(helper) in cues["planned.intention_cancelling_helpers"]
        if lemma in cues["planned.intention_verbs"] and has_infinitive and not cancelled:
            return "planned"
        if (lemma in cues["planned.expected_participles"] or p.lower(c) in cues["planned.expected_participles"]) \
                and passive:
            return "planned"
        if lemma in cues["planned.periphrastic_future"] and has_infinitive and "VerbForm=Fin" in t.morph:
            return "planned"
        if lemma in cues["commitment_verbs"] and has_infinitive:
            return "planned"
    if any(_is_future(p.tokens[j]) for j in verbs):
        return "planned"
    if conditional:
        perfect = any(_is_conditional(p.tokens[a]) for a in p.kids(head, "aux:tense"))
        return "planned" if reported_from_past and not perfect else "hearsay"
    return None


def _predicate(p: _Parse, i: int) -> int:
    """The verb (or copula predicate) a word belongs to."""
    while p.tokens[i].pos not in ("VERB", "AUX") and not p.kids(i, "cop"):
        h = p.head(i)
        if h is None:
            break
        i = h
    return i


def _never(p: _Parse, said: Iterable[int], head: Optional[int]) -> bool:
    """A source saying it never happened: "n'avoir jamais fourni", "« Nous ne livrons aucune arme »".
    Only in the clause said, not in a subordinate ("car aucun pays ne devrait..."), and not in "il
    ne fait aucun doute"."""
    cues = _cues()
    clause = set(_chain(p, head)) if head is not None else set()
    for j in said:
        if p.lower(j) not in cues["strong_negations"]:
            continue
        if j > 0 and p.lower(j - 1) in cues["negation_cancellers"]:
            continue
        if j + 1 < len(p.tokens) and p.lower(j + 1) in cues["negation_cancellers_after"]:
            continue
        if head is None or _predicate(p, j) in clause:
            return True
    return False


def _modality(status: Optional[str], framed: bool) -> str:
    if status in ("possible", "planned"):
        return status
    return "reported" if framed or status == "hearsay" else "asserted"


def _clauses(p: _Parse, head: int, framed: bool, past: bool, overall: str) -> tuple[tuple[int, int, str], ...]:
    """Clauses with a modality of their own: a coordinated or juxtaposed clause with its own verb
    ("est arrivé mardi et se rendra jeudi à Hanoï"), and a planned participle ("prévu du 11 au 13")."""
    cues = _cues()
    found = []
    for c in p.kids(head, "conj", "parataxis"):
        t = p.tokens[c]
        own_verb = "VerbForm=Fin" in t.morph or p.kids(c, "aux:tense", "aux:pass", "cop", "nsubj", "nsubj:pass")
        if (t.pos in ("VERB", "AUX") or p.kids(c, "cop")) and own_verb and not _is_speech_verb(p, c):
            found.append((c, _modality(_status(p, c, past), framed)))
    for c, t in enumerate(p.tokens):
        if t.dep not in ("acl", "advcl") or "VerbForm=Part" not in t.morph:
            continue
        if p.lemma(c) in cues["planned.plan_verbs"] or p.lower(c) in cues["planned.expected_participles"]:
            found.append((c, "planned"))
        elif "Tense=Past" in t.morph and not p.kids(c, "aux:tense", "aux:pass", "cop"):
            found.append((c, _modality(None, framed)))  # "Nommé en janvier, ...", "ouverte début juillet"
    return tuple((*p.span(p.subtree(c)), modality) for c, modality in found if modality != overall)


# Claims already read, by what they are read from: a sentence's words and parse, its offsets taken
# from its own start. Agency copies and outlets relaying one dispatch repeat whole sentences (in the
# benchmark's articles, two reads in three). Emptied when full: a long run keeps its memory flat.
_READ: dict = {}
READ_CLAIMS_KEPT = 20_000


def read_claim(sentence: Sentence) -> Claim:
    """The modality and source of one sentence (see the module docstring for the policy)."""
    if not sentence.tokens:
        return ASSERTED
    # Claim spans are relative to the sentence, and nothing else of it is read: one parse, one claim
    base = sentence.start
    key = (sentence.text, tuple(t[:6] for t in sentence.tokens), tuple(t.start - base for t in sentence.tokens))
    claim = _READ.get(key)
    if claim is None:
        if len(_READ) >= READ_CLAIMS_KEPT:
            _READ.clear()
        claim = _READ[key] = _read_claim(sentence)
    return claim


def _read_claim(sentence: Sentence) -> Claim:
    p = _Parse(sentence)
    denier = _denial(p)
    if denier is not None:
        return _claim(p, "denied", denier, None)
    frames = _frames(p)
    root = p.main_root()
    if not frames:
        if root is None:
            return ASSERTED
        modality = _modality(_status(p, root, False), framed=False)
        return Claim(modality, clauses=_clauses(p, root, False, False, modality))
    frame = frames[0]
    if frame.kind == "speech" and root is not None and frame.anchor != root and p.head(frame.anchor) == root \
            and p.tokens[frame.anchor].dep == "conj" and p.tokens[root].pos == "VERB" and not _is_speech_verb(p, root) \
            and frame.said is not None and root not in frame.said and frame.said_head is not None:
        # "a présenté le déplacement comme un moment fort ..., et a dit espérer qu'un accord serait
        # signé": the main verb's clause is the sentence's claim; what is said, a clause of its own
        modality = _modality(_status(p, root, False), framed=False)
        said = _modality(_status(p, frame.said_head, frame.past), framed=True)
        own = tuple((*p.span(group), said) for group in _contiguous(frame.said)) if said != modality else ()
        return Claim(modality, clauses=_clauses(p, root, False, False, modality) + own)
    if frame.kind == "accusation":
        return _claim(p, "reported", list(frame.source), None)
    said_by_speech = frame.said if frame.kind == "speech" else None
    if frame.kind == "speech" and p.lemma(frame.anchor) in _cues()["commitment_verbs"]:
        return _claim(p, "planned", list(frame.source), said_by_speech)  # "a promis de publier le rapport"
    head = frame.said_head if frame.said_head is not None else root
    said = frame.said if frame.said is not None else tuple(range(len(p.tokens)))
    if _never(p, said, head):
        return _claim(p, "denied", list(frame.source), None)
    if head is None:
        return _claim(p, "reported", list(frame.source), said_by_speech)
    modality = _modality(_status(p, head, frame.past), framed=True)
    return _claim(p, modality, list(frame.source), said_by_speech, _clauses(p, head, True, frame.past, modality))


def _claim(p: _Parse, modality: str, source: list[int], said: Optional[tuple[int, ...]],
           clauses: tuple[tuple[int, int, str], ...] = ()) -> Claim:
    cues = _cues()
    ranges = tuple(p.span(group) for group in _contiguous(said)) if said else None
    if not source:
        return Claim(modality, None, False, ranges, clauses)
    text = _clean_source(p.text(source))
    key = text.lower().lstrip("-")
    if key in cues["anonymous_pronouns"]:
        return Claim(modality, None, False, ranges, clauses)
    pronoun = len(source) == 1 and p.tokens[source[0]].pos == "PRON" and key in cues["source_pronouns"]
    return Claim(modality, key if pronoun else text, pronoun, ranges, clauses)


def _contiguous(indexes: tuple[int, ...]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in sorted(indexes):
        if groups and i <= groups[-1][-1] + 2:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


_EDGE = re.compile(r"^[\s«»\"“”,;:—–-]+|[\s«»\"“”,;:—–-]+$")


def _clean_source(text: str) -> str:
    return _EDGE.sub("", text)


def is_singular_pronoun(claim: Claim) -> bool:
    return claim.source_is_pronoun and _cues()["source_pronouns"].get(claim.attributed_to or "") == "singular"
