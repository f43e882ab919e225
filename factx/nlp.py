"""The spaCy stage: cleaned articles in, sentences with entities, tense and lemmas out.

The model is loaded once per run by `load_pipeline`. spaCy objects never leave this module: each
article comes out as plain `ParsedArticle` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple, Optional

from .errors import ModelError
from .ingest import Article
from .resources import load_json_resource

DEFAULT_MODEL = "fr_core_news_md"
GAZETTEER_COMPONENT = "factx_gazetteer"


@dataclass(frozen=True)
class NamePattern:
    """A surface form the gazetteer knows: it becomes one whole entity, never cut by the model."""

    text: str
    label: str  # PER, LOC, ORG
    entity_id: str  # the canonical name
    ignore_case: bool = False  # role phrases ("le président russe") are matched in any case


@dataclass(frozen=True)
class EntityMention:
    text: str
    label: str  # PER, LOC, ORG, MISC
    start: int  # character offsets into the article text
    end: int
    entity_id: Optional[str] = None  # the canonical name when the gazetteer matched the form


class Token(NamedTuple):
    """One word as the parser read it, kept for the readers of syntax (factx.claims)."""

    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # index into Sentence.tokens; a root is its own head
    morph: str  # "Mood=Cnd|Tense=Pres|..."
    start: int  # character offset into the article text


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # character offsets into the article text
    end: int
    text: str
    entities: tuple[EntityMention, ...]
    has_verb: bool
    tense: Optional[str]  # past, present, future, conditional, pluperfect; None for verbless text
    subject_is_pronoun: bool  # "Il a déclaré...": the actor is in an earlier sentence
    lemmas: tuple[str, ...]  # content-word lemmas, lower case, in order
    root_lemma: Optional[str]
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


def check_model_installed(model: str) -> Optional[str]:
    """Fail early, before any file is read, when the pipeline named is not installed; else its
    package's version (None for a pipeline in a folder), which the extraction fingerprint holds."""
    import importlib.metadata
    import importlib.util
    from pathlib import Path

    if importlib.util.find_spec(model.replace("-", "_")) is None and not Path(model).is_dir():
        raise ModelError(f"spaCy pipeline {model!r} is not installed (pip install {model.replace('_', '-')})")
    try:
        return importlib.metadata.version(model.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        return None


def load_pipeline(model: str = DEFAULT_MODEL, patterns: Iterable[NamePattern] = ()):
    """Load an installed spaCy pipeline once and add the gazetteer component before the parser."""
    import spacy

    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError:
        raise ModelError(f"spaCy pipeline {model!r} is not installed (pip install {model.replace('_', '-')})") from None
    _register_gazetteer_component()
    where = {"before": "parser"} if "parser" in nlp.pipe_names else ({"before": "ner"} if "ner" in nlp.pipe_names else {})
    nlp.add_pipe(GAZETTEER_COMPONENT, config={}, **where)
    nlp.get_pipe(GAZETTEER_COMPONENT).set_patterns(list(patterns))
    return nlp


def _register_gazetteer_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(GAZETTEER_COMPONENT):
        Language.factory(GAZETTEER_COMPONENT, default_config={})(GazetteerComponent)


class GazetteerComponent:
    """Marks the gazetteer's names and role phrases as whole entities (the model cuts "Kim Jong-un"
    at its hyphen) and forbids a sentence break inside them ("Kim Jong Un" is not two sentences)."""

    def __init__(self, nlp, name: str):
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.info: dict[int, tuple[str, str]] = {}

    def set_patterns(self, patterns: list[NamePattern]) -> None:
        for p in patterns:
            key = f"{p.label}|{p.entity_id}"
            key_hash = self.nlp.vocab.strings.add(key)
            self.info[key_hash] = (p.label, p.entity_id)
            matcher = self.folded if p.ignore_case else self.exact
            matcher.add(key, [self.nlp.make_doc(p.text)])

    def __call__(self, doc):
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        for matcher in (self.exact, self.folded):
            for key_hash, start, end in matcher(doc):
                label, entity_id = self.info[key_hash]
                spans.append(Span(doc, start, end, label=label, kb_id=entity_id))
        spans = filter_spans(spans)
        for span in spans:
            for token in span[1:]:
                token.is_sent_start = False
        doc.ents = spans
        return doc


def parse_articles(nlp, articles: Iterable[Article], batch_size: int = 256) -> Iterator[ParsedArticle]:
    """Run the pipeline over each article, block by block (one line is one block), streaming.

    `batch_size` counts blocks: about 15 articles' worth at the default, which measured faster than
    both smaller batches and spaCy's default of 1,000 texts (large batches pad more and hold more).
    """

    # spaCy needs the texts as one stream; remember which article and offset each block came from
    pending: dict[int, tuple[Article, list]] = {}
    columns = _TokenColumns(nlp.vocab)

    def stream() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for n, article in enumerate(articles):
            pending[n] = (article, [])
            offset = 0
            lines = article.text.split("\n")
            for i, line in enumerate(lines):
                yield line, (n, offset, i == len(lines) - 1)
                offset += len(line) + 1

    for doc, (n, offset, last) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
        article, sentences = pending[n]
        block: list[Sentence] = []
        tokens = columns.of(doc)
        # Doc.text and Span.text build a Token object per word on every call: slice the line instead
        end = article.text.find("\n", offset)
        line = article.text[offset:end] if end >= 0 else article.text[offset:]
        for sent in doc.sents:
            text = line[sent.start_char:sent.end_char]
            if not text.strip():
                continue
            record = _sentence_record(sent, text, line, len(sentences) + len(block), offset, tokens)
            if block and _continues(block[-1], record):
                block[-1] = _joined(block[-1], record, article.text)
            else:
                block.append(record)
        sentences.extend(block)
        if last:
            del pending[n]
            yield ParsedArticle(article, tuple(sentences))


class _TokenColumns:
    """The token attributes a sentence record reads, fetched once per block as plain lists.

    Reading `token.pos_`, `token.lemma_`... creates a Token object and looks a string up on every
    access; the sentence records read each token four or five times, which cost more than the
    parser itself. One `Doc.to_array` call per block gives the same values as integers.
    """

    def __init__(self, vocab):
        from spacy import symbols

        self.strings = vocab.strings
        self.verb_or_aux = frozenset((symbols.VERB, symbols.AUX))
        self.content = frozenset((symbols.NOUN, symbols.PROPN, symbols.VERB, symbols.ADJ, symbols.NUM))
        self.verb = symbols.VERB
        self.noun = symbols.NOUN
        self.pron = symbols.PRON
        self.pronoun_forms = frozenset(self.strings.add(w)
                                       for w in load_json_resource("entity_names_fr.json")["subject_pronoun_genders"])
        self.expletive = self.strings.add("expl:subj")
        # the parser takes "Il" for an impersonal subject before some verbs of saying ("Il a indiqué
        # que ...", "Il a promis que ..."): verbs a person does, never impersonal in the active voice
        cues = load_json_resource("modality_fr.json")
        self.personal_verbs = frozenset(self.strings.add(w) for key in ("speech_verbs", "commitment_verbs", "denial_verbs")
                                        for w in cues[key])
        self._lemma_lower: dict[int, str] = {}
        self._is_subject: dict[int, bool] = {}
        self._is_compound: dict[int, bool] = {}

    def of(self, doc) -> "_Tokens":
        from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, IS_STOP, LEMMA, LOWER, MORPH, ORTH, POS

        if not len(doc):
            return _Tokens(self, [], [], [], [], [], [], [], [], [], [])
        columns = doc.to_array([POS, DEP, LEMMA, IS_STOP, IS_ALPHA, LOWER, ORTH, HEAD, MORPH, IDX]).T.tolist()
        return _Tokens(self, *columns)

    def lemma_lower(self, key: int) -> str:
        text = self._lemma_lower.get(key)
        if text is None:
            text = self._lemma_lower[key] = self.strings[key].lower()
        return text

    def is_compound(self, orth: int) -> bool:
        """A hyphenated word ("tête-à-tête", "cessez-le-feu"): a content word, though not alphabetic
        (taken for nouns only: hyphenated names and numbers, "Jong-un", "vingt-quatre", say nothing
        of the claim)."""
        answer = self._is_compound.get(orth)
        if answer is None:
            text = self.strings[orth]
            answer = self._is_compound[orth] = "-" in text.strip("-") and text.replace("-", "").isalpha()
        return answer

    def is_subject(self, dep: int) -> bool:
        answer = self._is_subject.get(dep)
        if answer is None:
            answer = self._is_subject[dep] = self.strings[dep].startswith("nsubj")
        return answer


@dataclass(frozen=True)
class _Tokens:
    columns: _TokenColumns
    pos: list
    dep: list
    lemma: list
    stop: list
    alpha: list
    lower: list
    orth: list  # the columns below feed Sentence.tokens
    head: list  # relative to the token
    morph: list
    idx: list


def _sentence_record(sent, text: str, line: str, index: int, offset: int, tokens: _Tokens) -> Sentence:
    start = offset + sent.start_char
    # trim spaces the tokenizer left at the edges so the offsets frame the words exactly
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    start += lead
    entities = _merge_split_names([_entity_record(ent, offset) for ent in sent.ents], line, offset)
    cols = tokens.columns
    span = range(sent.start, sent.end)
    pos = tokens.pos
    has_verb = any(pos[i] in cols.verb_or_aux for i in span)
    # only a singular pronoun stands for the one person spoken of before ("ils" may be anyone)
    subject_pronoun = any(pos[i] == cols.pron and tokens.lower[i] in cols.pronoun_forms
                          and (cols.is_subject(tokens.dep[i]) or _personal_expletive(i, tokens)) for i in span)
    lemmas = tuple(cols.lemma_lower(tokens.lemma[i]) for i in span if pos[i] in cols.content and not tokens.stop[i]
                   and (tokens.alpha[i] or pos[i] == cols.noun and cols.is_compound(tokens.orth[i])))
    root = sent.root
    return Sentence(index, start, start + len(text), text, entities, has_verb, _tense(sent, root, tokens),
                    subject_pronoun, lemmas, root.lemma_.lower() if root.pos_ in ("VERB", "AUX") else None,
                    _token_records(sent, offset, tokens))


def _personal_expletive(i: int, tokens: "_Tokens") -> bool:
    """An "il" or "elle" the parser took for impersonal, whose verb only a person does."""
    cols = tokens.columns
    return tokens.dep[i] == cols.expletive and tokens.lemma[i + tokens.head[i]] in cols.personal_verbs


def _token_records(sent, offset: int, tokens: "_Tokens") -> tuple[Token, ...]:
    """The sentence's words for the readers of syntax (factx.claims), from the block's columns."""
    strings = tokens.columns.strings
    first = sent.start
    # the block's array is unsigned (it holds string hashes): a head to the left wraps around
    heads = [h - (1 << 64) if h >= 1 << 63 else h for h in tokens.head[sent.start:sent.end]]
    return tuple(Token(strings[tokens.orth[i]], strings[tokens.lemma[i]], strings[tokens.pos[i]],
                       strings[tokens.dep[i]], i + heads[i - first] - first,
                       strings[tokens.morph[i]].strip("_"), offset + tokens.idx[i])
                 for i in range(sent.start, sent.end))


_SUBORDINATE_START = re.compile(r"^(?:(?:et|mais|ou)\s+)?(?:que|qu['’])", re.I)
_LOWER_START = re.compile(r"^[a-zàâçéèêëîïôûùüÿœ]")
_NAME_END = re.compile(r"(?<![\w-])[A-ZÀ-Ý][a-zà-ÿ]+\Z")  # a capitalised word, not shouted, ends the text
_NAME_START = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’-]*\s?[\w-]")


def _continues(previous: Sentence, sentence: Sentence) -> bool:
    """"... quand l'ONU a voulu prolonger le suivi... Et que la Russie y a opposé son veto": the
    model cuts at the ellipsis, but a clause opening on "que" (or a lower-case word) cannot stand
    alone, so a reader reads on."""
    if previous.text.endswith(("...", "…")):
        return bool(_SUBORDINATE_START.match(sentence.text) or _LOWER_START.match(sentence.text))
    # "Anne | -Laure Pichon est arrivée...", "Météo | -France avait...": a cut inside a hyphenated name,
    # with no space between the two pieces, never ends a sentence
    if sentence.start == previous.end and not previous.text.endswith((".", "!", "?")):
        return True
    # "« Nous levons notre préavis » | , a déclaré X": the quotation ends, the sentence goes on
    if previous.text.endswith(("»", '"', "”")):
        return sentence.text[:1] in ",;" or bool(_LOWER_START.match(sentence.text))
    # "Bruno | Le Maire a expliqué...", "Il est suivi de Aliou Mamadou | Dia": a cut between two
    # capitalised words, with no mark to end the first part, falls inside a name
    if _NAME_END.search(previous.text) and _NAME_START.match(sentence.text) and sentence.start == previous.end + 1:
        return True
    # "Le président russe effectue les 19 et 20 juin | une visite...": cut before a lower-case
    # word or a comma, the sentence had not ended
    return not previous.text.endswith((".", "!", "?", "»", '"', "”", ":")) and bool(
        _LOWER_START.match(sentence.text) or sentence.text[:1] in ",;)")


def _joined(a: Sentence, b: Sentence, text: str) -> Sentence:
    entities = a.entities + b.entities
    if a.entities and b.entities and a.entities[-1].end == a.end and b.entities[0].start == b.start:
        # the two halves of one name the cut made two entities of: one person ("Bruno" + "Le Maire")
        first, second = a.entities[-1], b.entities[0]
        label = "PER" if "PER" in (first.label, second.label) else first.label
        entities = (*a.entities[:-1], EntityMention(text[first.start:second.end], label, first.start, second.end, None),
                    *b.entities[1:])
    return Sentence(a.index, a.start, b.end, text[a.start:b.end], entities, a.has_verb or b.has_verb,
                    a.tense or b.tense, a.subject_is_pronoun or b.subject_is_pronoun, a.lemmas + b.lemmas,
                    a.root_lemma or b.root_lemma, a.tokens + tuple(t._replace(head=t.head + len(a.tokens)) for t in b.tokens))


def _merge_split_names(entities: list[EntityMention], block_text: str, offset: int) -> tuple[EntityMention, ...]:
    """"Vladirmir" + "Poutine": a misspelt first name before a known surname is one person, not two
    (the gazetteer claimed the surname before the model could read the whole name)."""
    out: list[EntityMention] = []
    for ent in entities:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == ent.label == "PER" and " " not in prev.text
                and block_text[prev.end - offset:ent.start - offset] == " "):
            out[-1] = EntityMention(f"{prev.text} {ent.text}", "PER", prev.start, ent.end, None)
            continue
        out.append(ent)
    return tuple(out)


def _entity_record(ent, offset: int) -> EntityMention:
    """The entity, extended over hyphenated pieces the model left out ("Kim Jung" + "-un")."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text.startswith("-") or doc[end - 1].text.endswith("-")) \
            and doc[end].is_alpha | doc[end].text.startswith("-") and len(doc[end].text) <= 5:
        end += 1
    span = doc[ent.start:end]
    return EntityMention(span.text, ent.label_, offset + span.start_char, offset + span.end_char, ent.kb_id_ or None)


def _is_compound_tense(aux, participle) -> bool:
    """"avait signé", "était arrivé", "s'était imposé" are a compound tense; "était entourée" (the
    parser labels both kinds of "était" alike) is a passive or an adjective in the imperfect. A verb
    takes "être" in its compound tenses if it is reflexive or one of models/temporal_fr.json
    etre_participles."""
    if aux.lemma_ != "être" or any(c.dep_.startswith("expl") for c in participle.children):
        return True
    word = participle.text.lower()
    return any(word[:len(word) - len(ending)] in _etre_participles() for ending in ("", "e", "s", "es") if word.endswith(ending))


@lru_cache(maxsize=1)
def _cleft_subjects() -> frozenset:
    return frozenset(load_json_resource("entity_names_fr.json")["cleft_subjects"])


@lru_cache(maxsize=1)
def _etre_participles() -> frozenset:
    return frozenset(load_json_resource("temporal_fr.json")["etre_participles"])


def _tense(sent, root, tokens: _Tokens) -> Optional[str]:
    """The grammatical tense of the main verb: passé composé counts as past, 'va signer' as future."""
    copula = next((c for c in root.children if c.dep_ == "cop"), None) if root.pos_ not in ("VERB", "AUX") else None
    if copula is not None and any(c.dep_.startswith(("nsubj", "expl")) and c.lemma_.lower() in _cleft_subjects()
                                  for c in root.children):
        copula = None  # "C'est lors de ce sommet qu'il avait invité...": the cleft's verb tells the tense
    if copula is None and root.pos_ not in ("VERB", "AUX"):
        verb = next((i for i in range(sent.start, sent.end) if tokens.pos[i] == tokens.columns.verb), None)
        if verb is None:
            return None
        root = sent.doc[verb]
    # "Messi a été exceptionnel": the parser hangs a copula's auxiliaries on the predicate
    auxes = [c for c in root.children if c.dep_.startswith("aux")]
    if copula is not None:
        root = copula  # "X est la troisième femme à...": the copula's tense
    morph = root.morph
    for aux in auxes:
        am = aux.morph
        if "Fut" in am.get("Tense"):
            return "future"
        if "Cnd" in am.get("Mood"):
            return "conditional"
        if "Imp" in am.get("Tense") and "Part" in morph.get("VerbForm") and _is_compound_tense(aux, root):
            return "pluperfect"
        if "Part" in morph.get("VerbForm"):
            return "past"
    if "Fut" in morph.get("Tense"):
        return "future"
    if "Cnd" in morph.get("Mood"):
        return "conditional"
    if root.lemma_ == "aller" and any(c.morph.get("VerbForm") == ["Inf"] for c in root.children):
        return "future"
    if any(t in morph.get("Tense") for t in ("Imp", "Past")):
        return "past"
    if "Pres" in morph.get("Tense"):
        return "present"
    return None
