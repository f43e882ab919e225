"""Commentary: a sentence that tells no fact, only what the writer (or nobody in particular) makes of one.

An event mention is *commentary* when its sentence evaluates, interprets, generalises, sets a mood or
guesses at what comes next, and tells neither what happened nor what someone said ("C'est l'une de
ses obsessions depuis la guerre froide.", "Le contraste est saisissant.", "Une décision qui ne
manquera pas de faire réagir.", "Reste à savoir si la trêve tiendra."). A fact is what happened or
was said ("Le président a signé le décret mardi.", "« Nous ferons appel », a déclaré son avocat.",
"Le bilan s'élève à 724 morts."). The labelling guideline the model was fitted on is in
docs/commentary.md.

`is_commentary` is a pure function of one parsed sentence (`factx.nlp.Sentence`) and of what the
events stage already knows of it (its modality and source, whether it has date words, the persons
it names): a logistic regression over the inputs of `INPUTS`, each in [0, 1], read from the parse and
from the word lists of models/commentary_fr.json. Its weights and threshold are data,
models/commentary.json, fitted by eval/real/fit_commentary.py on the labelled sentences of
tests/data/commentary_labels.csv; the threshold was chosen for precision on "commentary" (a fact
hidden costs more than a comment shown). The runtime is numpy: no fitting library is imported here.

An event is commentary only when every one of its mentions is (`event_is_commentary`): the timeline
hides those unless asked (`factx timeline --with-commentary`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Optional

import numpy as np

from .errors import DataFileError
from .nlp import Sentence
from .resources import alternation, load_json_resource

QUOTES = ("«", "»", '"', "“", "”")
LONG_SENTENCE = 60  # tokens: the length input is log(tokens) / log(LONG_SENTENCE), at most 1


@dataclass(frozen=True)
class SentenceView:
    """What the inputs read of one sentence: its parse, and what the events stage knows of it."""

    sentence: Sentence
    modality: str  # asserted, planned, possible, reported, denied (factx.claims)
    attributed: bool  # a source says it ("selon X", "a déclaré X", a quotation's speaker)
    dated: bool  # it has date words of its own
    persons: bool  # it names a person, or stands for one ("il" after a name)
    quoted: bool = False  # it lies inside a quotation opened by a sentence before it, in its paragraph

    @property
    def tokens(self):
        return self.sentence.tokens

    # what several inputs read, found in one pass over the words (a frozen dataclass still has the
    # __dict__ cached_property writes to)
    @cached_property
    def scan(self) -> "_Scan":
        return _Scan.of(self.sentence.tokens)

    @property
    def root(self) -> Optional[int]:
        return self.scan.root

    def children(self, k: int) -> list[int]:
        return self.scan.children.get(k, [])

    @cached_property
    def unanchored(self) -> bool:
        """Nothing ties it to a fact: no date words, no person, no number, no source, no quotation, no
        first or second person (what a speaker says of themself)."""
        return not (self.dated or self.persons or self.attributed or self.quoted or self.scan.number
                    or _quotation(self) or self.scan.first_second_person)

    @cached_property
    def hedged(self) -> bool:
        return bool(_lexicon()[1].search(_lower(self.sentence.text)))


@dataclass(frozen=True)
class _Scan:
    root: Optional[int]
    children: dict
    number: bool  # a number word or a digit
    first_second_person: bool
    moods: frozenset  # the moods of its words: "Cnd", "Sub"...
    finite_verb: bool
    speech_verb: bool
    evaluative: int  # words that judge or feel
    generic_adverb: bool
    generic_subject: bool
    words: int  # its words, punctuation left out

    @classmethod
    def of(cls, tokens) -> "_Scan":
        evaluative, _, adverbs, _, _, generic_subjects = _lexicon()
        speech = _speech_verbs()
        root, children, moods = None, {}, set()
        number = person = finite = said = adverb = generic = False
        judging = words = 0
        for i, t in enumerate(tokens):
            if root is None and t.dep == "ROOT":
                root = i
            if t.head != i:
                children.setdefault(t.head, []).append(i)
            lower, lemma = _lower(t.text), t.lemma.lower()
            number = number or t.pos == "NUM" or any(c.isdigit() for c in t.text)
            person = person or "Person=1" in t.morph or "Person=2" in t.morph
            if "Mood=" in t.morph:
                moods.update(m for f in t.morph.split("|") if f.startswith("Mood=") for m in f[5:].split(","))
            verb = t.pos in ("VERB", "AUX")
            finite = finite or verb and "VerbForm=Fin" in t.morph
            said = said or verb and lemma in speech
            judging += lemma in evaluative or lower in evaluative
            adverb = adverb or t.pos == "ADV" and lower in adverbs
            generic = generic or t.dep.startswith("nsubj") and lower in generic_subjects
            words += t.pos != "PUNCT"
        return cls(root, children, number, person, frozenset(moods), finite, said, judging, adverb, generic, words)


def _words() -> dict:
    return load_json_resource("commentary_fr.json")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset, re.Pattern, frozenset, frozenset, frozenset, frozenset]:
    w = _words()
    hedges = re.compile(r"(?<![\w-])" + alternation(w["hedges"]) + r"(?![\w-])")
    return (frozenset(w["evaluative"]), hedges, frozenset(w["generic_adverbs"]), frozenset(w["commentary_verbs"]),
            frozenset(w["presentative_subjects"]), frozenset(w["generic_subjects"]))


def in_open_quotation(text: str, start: int) -> bool:
    """Whether the paragraph of `text` before `start` leaves a quotation open: the sentence at `start`
    is one of its sentences ("« C'est ce que l'on espérait. | C'est une émotion énorme. »")."""
    paragraph = text[text.rfind("\n", 0, start) + 1:start]
    return (paragraph.count("«") > paragraph.count("»") or paragraph.count("“") > paragraph.count("”")
            or paragraph.count('"') % 2 == 1)


def _opening(v: SentenceView) -> list[str]:
    """The sentence's first words, lower case, punctuation left out."""
    return [_lower(t.text) for t in v.tokens[:4] if t.pos != "PUNCT"]


def _opens_with_connector(v: SentenceView) -> bool:
    """"Mais ...", "Pourtant ...", "Reste à savoir ...": a sentence that comments on the one before."""
    words = _opening(v)
    return bool(words) and words[0] in _words()["opening_connectors"]


def _demonstrative_start(v: SentenceView) -> bool:
    """"Cette décision ...", "Et ce match ...": what was told, pointed back at."""
    words = _opening(v)
    demonstratives = _words()["demonstratives"]
    return bool(words) and (words[0] in demonstratives or len(words) > 1 and words[0] in _words()["opening_connectors"]
                            and words[1] in demonstratives)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset:
    cues = load_json_resource("modality_fr.json")
    return frozenset(w for key in ("speech_verbs", "commitment_verbs", "denial_verbs") for w in cues[key])


def _lower(text: str) -> str:
    return text.lower().replace("’", "'")


def _root_pos(v: SentenceView) -> Optional[str]:
    return None if v.root is None else v.tokens[v.root].pos


def _has_copula(v: SentenceView) -> bool:
    return v.root is not None and any(v.tokens[i].dep == "cop" for i in v.children(v.root))


def _copula_adjective(v: SentenceView) -> bool:
    """"Le contraste est saisissant.": an adjective predicate."""
    return _has_copula(v) and _root_pos(v) == "ADJ"


def _copula_noun(v: SentenceView) -> bool:
    """"C'est une satisfaction.", "X est un économiste ultralibéral.": a noun predicate."""
    return _has_copula(v) and _root_pos(v) in ("NOUN", "PRON", "PROPN")


def _presentative(v: SentenceView) -> bool:
    """"C'est ...", "Cela reste ...", "Il s'agit de ...": a subject that names nothing."""
    if v.root is None:
        return False
    subjects = _lexicon()[4]
    root = v.tokens[v.root]
    if root.lemma.lower() in _words()["impersonal_verbs"] \
            and any(v.tokens[i].dep.startswith("expl") for i in v.children(v.root)):
        return True
    return any(v.tokens[i].dep.startswith(("nsubj", "expl")) and _lower(v.tokens[i].text) in subjects
               for i in v.children(v.root))


def _verbless(v: SentenceView) -> bool:
    """No finite verb: a noun phrase with a relative clause ("Une décision qui ne manquera pas...") or
    an infinitive ("Reste à savoir..." is finite, "Pas question de céder" is not)."""
    return not v.scan.finite_verb


def _nominal_head(v: SentenceView) -> bool:
    """The sentence's head is a noun without a copula, opened by an indefinite or demonstrative
    ("Une décision qui...", "Un sacre qui avait suscité...", "Un échec cuisant qui a poussé...")."""
    if v.root is None or _has_copula(v) or _root_pos(v) != "NOUN" or not v.tokens:
        return False
    words = _words()
    return _lower(v.tokens[0].text) in (*words["indefinite_openers"], *words["demonstratives"])


def _person(v: SentenceView, persons: str) -> bool:
    if persons == "12":
        return v.scan.first_second_person
    return any(f"Person={p}" in t.morph for t in v.tokens for p in persons)


def _mood(v: SentenceView, mood: str) -> bool:
    return mood in v.scan.moods


def _root_lemma_in(v: SentenceView, lemmas: frozenset) -> bool:
    if v.root is None:
        return False
    root = v.tokens[v.root]
    if root.lemma.lower() in lemmas:
        return True
    # "Il faut ...", "Le bilan pourrait s'alourdir": the verb that governs the root
    return any(v.tokens[i].lemma.lower() in lemmas and v.tokens[i].pos in ("VERB", "AUX") for i in v.children(v.root)
               if v.tokens[i].dep.startswith("aux") or v.tokens[i].dep == "cop")


def _evaluative(v: SentenceView) -> float:
    return min(v.scan.evaluative, 2) / 2


def _generic(v: SentenceView) -> bool:
    return v.scan.generic_adverb


def _generic_subject(v: SentenceView) -> bool:
    return v.scan.generic_subject


def _speech(v: SentenceView) -> bool:
    return v.scan.speech_verb


def _length(v: SentenceView) -> float:
    return min(math.log(max(v.scan.words, 1)) / math.log(LONG_SENTENCE), 1.0)


def _unanchored(v: SentenceView) -> bool:
    return v.unanchored


def _number(v: SentenceView) -> bool:
    return v.scan.number


def _quotation(v: SentenceView) -> bool:
    return any(q in v.sentence.text for q in QUOTES)


def _hedge(v: SentenceView) -> bool:
    return v.hedged


def _tense(name: Optional[str]) -> Callable[[SentenceView], bool]:
    return lambda v: v.sentence.tense == name


def _modality(name: str) -> Callable[[SentenceView], bool]:
    return lambda v: v.modality == name


# name -> (what it is, how it is read). Every input lies within [0, 1].
INPUTS: dict[str, tuple[str, Callable[[SentenceView], float]]] = {
    "tense_past": ("the main verb is in a past tense (passé composé, simple, imperfect)", _tense("past")),
    "tense_present": ("the main verb is in the present", _tense("present")),
    "tense_future": ("the main verb is in the future ('va signer' too)", _tense("future")),
    "tense_conditional": ("the main verb is in the conditional", _tense("conditional")),
    "tense_pluperfect": ("the main verb is in the pluperfect", _tense("pluperfect")),
    "tense_none": ("no tense was read (no verb heads the sentence)", _tense(None)),
    "conditional_mood": ("a verb in the conditional anywhere", lambda v: _mood(v, "Cnd")),
    "subjunctive_mood": ("a verb in the subjunctive anywhere", lambda v: _mood(v, "Sub")),
    "verbless": ("no finite verb", _verbless),
    "nominal_head": ("a noun heads the sentence, opened by 'un', 'une', 'ce'... ('Une décision qui...')", _nominal_head),
    "copula_adjective": ("a copula with an adjective predicate ('Le contraste est saisissant')", _copula_adjective),
    "copula_noun": ("a copula with a noun predicate ('C'est une satisfaction')", _copula_noun),
    "presentative": ("a subject that names nothing: 'c'est', 'cela', 'il s'agit'", _presentative),
    "commentary_verb": ("the main verb describes or judges (models/commentary_fr.json commentary_verbs)",
                        lambda v: _root_lemma_in(v, _lexicon()[3])),
    "speech_verb": ("a verb of saying (models/modality_fr.json speech, commitment and denial verbs)", _speech),
    "first_second_person": ("a word in the first or second person ('je', 'nous', 'vous', 'ferons')",
                            lambda v: _person(v, "12")),
    "generic_subject": ("a subject that names nobody in particular ('on')", _generic_subject),
    "quotation": ("quotation marks", _quotation),
    "inside_quotation": ("inside a quotation a sentence before it opened", lambda v: v.quoted),
    "opening_connector": ("opens on a word that links it to the sentence before ('Mais', 'Pourtant', 'Reste')",
                          _opens_with_connector),
    "demonstrative_start": ("opens on a demonstrative ('Cette décision ...')", _demonstrative_start),
    "attributed": ("a source says it (factx.claims, or a quotation's speaker)", lambda v: v.attributed),
    "modality_reported": ("relayed from a source ('selon X')", _modality("reported")),
    "modality_planned": ("announced, to come", _modality("planned")),
    "modality_possible": ("supposed, possible", _modality("possible")),
    "modality_denied": ("denied", _modality("denied")),
    "dated": ("date words of its own", lambda v: v.dated),
    "person": ("names a person or stands for one", lambda v: v.persons),
    "named_entity": ("a person, place or organisation is named in it",
                     lambda v: bool(v.sentence.entities)),
    "number": ("a number", _number),
    "evaluative": ("words that judge or feel (models/commentary_fr.json evaluative), 1 for two or more", _evaluative),
    "hedge": ("a guess or a doubt ('peut-être', 'reste à savoir', 'ne manquera pas')", _hedge),
    "generic_adverb": ("an adverb of habit or lasting state ('toujours', 'souvent', 'désormais')", _generic),
    "exclamation": ("an exclamation mark", lambda v: "!" in v.sentence.text),
    "length": ("its length in words, log scale, 1 from LONG_SENTENCE words", _length),
    # what the words above are worth in a sentence that nothing ties to a fact (a linear model cannot
    # make these products itself): "peut-être" in a minister's quoted words is no guess of the writer's
    "unanchored": ("no date words, person, number, source, quotation or first or second person", _unanchored),
    "unanchored_hedge": ("unanchored, with a guess or a doubt", lambda v: _unanchored(v) and _hedge(v)),
    "unanchored_evaluative": ("unanchored, with words that judge or feel",
                              lambda v: _evaluative(v) if _unanchored(v) else 0.0),
    "unanchored_verbless": ("unanchored, no tense read", lambda v: _unanchored(v) and v.sentence.tense is None),
    "unanchored_copula": ("unanchored, a copula with a noun or adjective predicate",
                          lambda v: _unanchored(v) and (_copula_noun(v) or _copula_adjective(v))),
}


def inputs(view: SentenceView, names: Optional[Iterable[str]] = None) -> np.ndarray:
    """The model's inputs of one sentence, in the order of `names` (all of INPUTS by default)."""
    names = tuple(INPUTS) if names is None else tuple(names)
    return np.array([float(INPUTS[name][1](view)) for name in names])


@dataclass(frozen=True)
class CommentaryModel:
    inputs: tuple[str, ...]  # the names of INPUTS it weighs, in INPUTS' order
    weights: np.ndarray
    intercept: float
    threshold: float  # the probability from which a sentence is commentary

    def probability(self, x: np.ndarray) -> float:
        """P(commentary) of one row of inputs."""
        return 1.0 / (1.0 + math.exp(-(self.intercept + float(np.dot(x, self.weights)))))


@lru_cache(maxsize=1)
def commentary_model() -> CommentaryModel:
    """models/commentary.json, checked against its schema as it loads; a weight of an input this code
    does not compute is an error naming it."""
    raw = load_json_resource("commentary.json")
    if set(raw["weights"]) - set(INPUTS):
        raise DataFileError(f"models/commentary.json: weights of unknown inputs {sorted(set(raw['weights']) - set(INPUTS))}")
    names = tuple(n for n in INPUTS if n in raw["weights"])
    return CommentaryModel(names, np.array([raw["weights"][n] for n in names], dtype=float), float(raw["intercept"]),
                           float(raw["threshold"]["value"]))


def view_of(sentence: Sentence, modality: str = "asserted", attributed: bool = False, dated: bool = False,
            persons: bool = False, text: str = "") -> SentenceView:
    """What the inputs read: the sentence, what the events stage knows of it, and whether its article's
    `text` (when given) has a quotation open where it starts."""
    return SentenceView(sentence, modality, attributed, dated, persons, bool(text) and in_open_quotation(text, sentence.start))


def commentary_probability(view: SentenceView) -> float:
    """How likely the sentence is commentary rather than a fact, by the fitted model."""
    model = commentary_model()
    return model.probability(inputs(view, model.inputs))


def is_commentary(sentence: Sentence, modality: str = "asserted", attributed: bool = False,
                  dated: bool = False, persons: bool = False, text: str = "") -> bool:
    """True when the sentence tells no fact: an evaluation, an interpretation, background or a guess
    (see the module's docstring), by the fitted model and its threshold. `modality` and `attributed`
    are the claim's (factx.claims), `dated` says it has date words, `persons` that it names or stands
    for a person; `text` is the article's text (offsets of `sentence` are into it)."""
    if modality != "asserted" or attributed:
        # a plan, a possibility, a denial or what a source says is a claim of the story, which the
        # timeline shows under its modality ("pourrait culminer avec la signature d'un accord" is
        # possible, not commentary); commentary is the paper's own take
        return False
    view = view_of(sentence, modality, attributed, dated, persons, text)
    return commentary_probability(view) >= commentary_model().threshold


def commentary_mark() -> str:
    """The word that marks a commentary event in the table for people (models/commentary_fr.json)."""
    return _words()["mark"]


def event_is_commentary(mentions: Iterable) -> bool:
    """An event is commentary only when all its mentions are: one sentence that tells it as a fact
    is enough to keep it."""
    mentions = list(mentions)
    return bool(mentions) and all(getattr(m, "commentary", False) for m in mentions)
