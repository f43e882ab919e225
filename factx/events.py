"""Events: which sentences state something dated or done by an actor, and when.

One `EventMention` per sentence and per distinct date it names ("en avril 2019 et en septembre
2023" gives two). A sentence with no date words of its own that reports what an actor did or does
at the time of the article takes the article's date, as a careful reader would.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache
from typing import Iterable, Optional

from .actors import ActorMention, fold, person_nouns
from .claims import Claim, is_singular_pronoun, read_claim
from .commentary import is_commentary
from .nlp import ParsedArticle, Sentence
from .resources import alternation, load_json_resource
from .temporal import (DateInterval, DocumentDate, Reading, ResolvedBy, TemporalExpression, date_words_at, dated_expressions,
                       find_temporal_expressions, period_counted_from, time_nouns)

# tenses whose sentences happen at the article's time when they carry no date of their own
_TENSES_AT_ARTICLE_DATE = ("past", "present")
# what an article announces without date words ("Poutine se rendra au Vietnam") is of the days after
# it: close enough to compare it with what is dated then, not to date it (`resolved_by: "coming"`)
COMING_DAYS = timedelta(days=7)


@dataclass(frozen=True)
class EventMention:
    id: str
    doc_id: str
    sentence_index: int
    start: int  # character offsets of the sentence in the article text
    end: int
    sentence: str
    date: Optional[DateInterval]
    date_text: Optional[str]
    date_start: Optional[int]  # offsets of the date words in the article text
    date_end: Optional[int]
    actors: tuple[str, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    tense: Optional[str]
    lemmas: tuple[str, ...]
    modality: str = "asserted"  # asserted, planned, possible, reported, denied (factx.claims)
    attributed_to: Optional[str] = None  # who says so; None when the newspaper states it itself
    # how the reader made the date of its date words (rule, anchor day, tense), kept when it was made;
    # None for a sentence without date words
    reading: Optional[Reading] = None
    # the sentence tells no fact, only an evaluation, background or a guess (factx.commentary)
    commentary: bool = False


def _mention_id(doc_id: str, start: int, date_text: Optional[str], date_start: Optional[int]) -> str:
    key = f"{doc_id}\x1f{start}\x1f{date_text or ''}\x1f{date_start if date_start is not None else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _is_statement(sentence: Sentence) -> bool:
    """A sentence that can tell a fact: a verb, no question, and not an order to the reader ("Suivez
    notre direct dédié à la réouverture, ce samedi 7 décembre", "Dites son Excellence.")."""
    text = sentence.text.rstrip()
    return sentence.has_verb and not text.endswith("?") and len(sentence.lemmas) >= 2 and not _addresses_the_reader(sentence)


def _addresses_the_reader(sentence: Sentence) -> bool:
    return any(k == t.head and t.pos in ("VERB", "AUX") and "Mood=Imp" in t.morph for k, t in enumerate(sentence.tokens))


_SENTENCE_END = re.compile(r"[.!…»\"”)]\s*$")


def _is_headline(sentence: Sentence, text: str) -> bool:
    """The article's first line, whole: its headline ("Séisme à Haïti : le bilan s'alourdit à 724
    morts"), which tells the article's main fact without a closing mark."""
    return sentence.start == 0 and text[sentence.end:sentence.end + 1] in ("\n", "")


def _tells_a_fact(sentence: Sentence) -> bool:
    """A sentence with neither date words nor a named person that still tells what happened, as of
    its article's day ("L'armée a mobilisé des équipes de sauvetage."): a whole sentence, ended as
    one, around a finite verb that is not an order. Headings ("Couche-Tard se lève tôt", "L'île à
    nouveau frappée") and page furniture ("Envoyer un commentaire", "Testez l'offre.") are not."""
    return bool(_SENTENCE_END.search(sentence.text)) and _has_finite_verb(sentence)


def _has_finite_verb(sentence: Sentence) -> bool:
    """A finite verb that is not an order."""
    return any(t.pos in ("VERB", "AUX") and "VerbForm=Fin" in t.morph and "Mood=Imp" not in t.morph
               for t in sentence.tokens)


def extract_event_mentions(parsed: ParsedArticle, actors: list[ActorMention],
                           document_date: Optional[DocumentDate],
                           plural_references: tuple[str, ...] = ()) -> list[EventMention]:
    """The event mentions of one article, in text order.

    `plural_references` (folded phrases such as "les deux presidents") stand for the last two
    persons the article spoke of.
    """
    doc_id = parsed.article.doc_id
    anchor = document_date.anchor if document_date else None
    # what a sentence without date words of its own is dated by (`_date_without_words`)
    article_day = None if anchor is None else DateInterval(anchor, anchor, "day", document_date.interval.approximate)
    out: list[EventMention] = []
    # read once over the whole article: "deux semaines plus tard" and "la veille" count from a
    # date an earlier sentence named
    in_article = find_temporal_expressions(parsed.article.text, anchor)
    last_subjects: tuple[str, ...] = ()
    genders = {**_genders_by_agreement(parsed.sentences, actors), **{a.name: a.gender for a in actors if a.gender}}
    recent_persons: list[str] = []
    speakers = _quotation_speakers(parsed.sentences, actors, parsed.article.text)
    protagonist = _protagonist(actors, parsed.article.text)
    for sentence in parsed.sentences:
        in_sentence = [a for a in actors if sentence.start <= a.start < sentence.end]
        persons = _unique(a.name for a in in_sentence if a.kind == "PER")
        places = _unique(a.name for a in in_sentence if a.kind == "LOC")
        orgs = _unique(a.name for a in in_sentence if a.kind == "ORG")
        if len(persons) < 2 and len(recent_persons) >= 2 and any(p in fold(sentence.text) for p in plural_references):
            persons = _unique((*persons, *recent_persons[-2:]))
        earlier_subjects = last_subjects
        if not persons and sentence.subject_is_pronoun and last_subjects \
                and _genders_agree(genders.get(last_subjects[0]), _pronoun_gender(sentence)):
            persons = last_subjects[:1]  # "Il a déclaré...": the person the previous sentences spoke of
        elif persons and last_subjects and last_subjects[0] not in persons and _main_subject_is_pronoun(sentence) \
                and _genders_agree(genders.get(last_subjects[0]), _pronoun_gender(sentence)):
            # "Il s'est entretenu avec son homologue Choe Son Hui": the names are whom he met
            persons = (last_subjects[0], *persons)
        elif not persons and recent_persons and (described := _described_subject(sentence)) is not None:
            gender, own_complement = described
            if not own_complement:
                # "La réalisatrice a remercié son équipe": the person the article spoke of last, of that gender
                persons = _described_person(recent_persons, genders, gender or None)
            elif protagonist is not None and _genders_agree(genders.get(protagonist), gender or None):
                # "Le ministre de l'Économie a dit non", "la cinéaste de 44 ans": a role of its own that
                # no name of this article was given; the person the article is about
                persons = (protagonist,)
        if not persons and sentence.index in speakers:
            # "« Je suis très touchée. (...) », a confié Justine Triet": the quotation's speaker
            persons = (speakers[sentence.index],)
        elif not persons and protagonist is not None and (_quotes_a_speaker_about_themself(sentence)
                                                          or _subject_is_possessed(sentence)):
            # "« Je suis très touchée. »" with no speaker named, "Sa dépouille repose à Monaco": the
            # person the article is about
            persons = (protagonist,)
        if persons:
            last_subjects = _subject_first(sentence, in_sentence, persons)
            for p in persons:
                if p in recent_persons:
                    recent_persons.remove(p)
                recent_persons.append(p)
        if not _is_statement(sentence):
            continue
        found = _expressions_in(in_article, sentence)
        dated = dated_expressions(found)
        expressions = [_last_time_if_negated(sentence.text, e) for e in dated if not _is_comparison_point(sentence.text, e)]
        # a date that could not be placed (no article date) keeps its words ("il y a 25 ans" too, which
        # an estimate of the article's date may place later); a bare clock time does not stop the
        # sentence from taking the article's date
        unresolved = [e for e in found if e.timex_type == "DATE" and e.interval is None
                      and (e.value.startswith("X") or e.kind == "ago")] if not expressions else []
        # a sentence dated only by a point of comparison still tells something of its time
        if not expressions and not persons and not unresolved and not dated and not _tells_a_fact(sentence) \
                and not (_is_headline(sentence, parsed.article.text) and _has_finite_verb(sentence)):
            continue
        claim = read_claim(sentence)
        source = claim.attributed_to
        if claim.source_is_pronoun:
            # "selon lui", "a-t-il déclaré": the person spoken of before, the quotation's speaker, or
            # nobody the article names (a pronoun is no source)
            source = earlier_subjects[0] if is_singular_pronoun(claim) and earlier_subjects \
                else speakers.get(sentence.index)
        elif source is None and sentence.index in speakers:
            source = speakers[sentence.index]
        if not persons and claim.source_is_pronoun and source is not None:
            persons = (source,)  # "« ... », a-t-il estimé": the speaker is the claim's actor
        base = dict(doc_id=doc_id, sentence_index=sentence.index, start=sentence.start, end=sentence.end,
                    sentence=sentence.text, actors=persons, places=places, organisations=orgs,
                    tense=sentence.tense, lemmas=sentence.lemmas, modality=claim.modality, attributed_to=source,
                    commentary=is_commentary(sentence, claim.modality, source is not None, bool(expressions or unresolved),
                                             bool(persons), parsed.article.text))
        if expressions:
            for expr in expressions:
                out.append(_mention(_claim_at(base, claim, expr, anchor), expr, sentence.start))
            date = None if article_day is None else _date_without_words(sentence.tense, source, article_day)
            # without an article date the main clause is dated later, by the article's estimate
            if (date is not None or article_day is None) and _root_is_a_verb(sentence) \
                    and all(_in_relative_clause(sentence, sentence.start + e.start)
                            or _dates_a_noun(sentence, sentence.start + e.start, sentence.start + e.end)
                            for e in expressions):
                # "Il s'est entretenu avec son homologue, qui s'était rendue à Moscou en novembre 2024",
                # "Il a été condamné pour le massacre du 28 septembre 2009": the date is the relative
                # clause's or the noun's; the main clause tells its own claim, without date words, and
                # without what only the relative clause names
                main = [a for a in in_sentence if not _in_relative_clause(sentence, a.start)]
                only_relative = {a.name for a in in_sentence} - {a.name for a in main}
                out.append(EventMention(
                    id=_mention_id(doc_id, sentence.start, None, None), date=date, date_text=None, date_start=None,
                    date_end=None, **{**base, "actors": tuple(p for p in persons if p not in only_relative),
                                      "places": _unique(a.name for a in main if a.kind == "LOC"),
                                      "organisations": _unique(a.name for a in main if a.kind == "ORG")}))
        elif unresolved:
            out.append(_mention(_claim_at(base, claim, unresolved[0], anchor), unresolved[0], sentence.start, keep_date=False))
        else:
            date = None if article_day is None else _date_without_words(sentence.tense, source, article_day)
            out.append(EventMention(id=_mention_id(doc_id, sentence.start, None, None), date=date, date_text=None,
                                    date_start=None, date_end=None, **base))
    if document_date is not None and anchor is None and document_date.interval.resolved_by == ResolvedBy.USER:
        # the user gave a week, month or year ("--dct 2024-06"): dated as an estimated article date is
        return date_by_estimates(out, {doc_id: document_date.interval})
    return out


def with_folder_persons(mentions: list[EventMention]) -> list[EventMention]:
    """What the folder's articles name as a person (a full name: two words or more) is a person in
    every article: the model may read "Tedros Adhanom Ghebreyesus a précisé" as an organisation in
    the one article that never gives his role."""
    persons = {a for m in mentions for a in m.actors if " " in a}
    out = []
    for m in mentions:
        moved = [n for n in (*m.organisations, *m.places) if n in persons]
        if moved:
            m = replace(m, actors=_unique((*m.actors, *moved)), organisations=tuple(n for n in m.organisations if n not in moved),
                        places=tuple(n for n in m.places if n not in moved))
        out.append(m)
    return out


def without_document_date(mention: EventMention) -> EventMention:
    """The mention as if its article had no date: what its article's date placed (words counted from
    it, a sentence dated by it) is forgotten; what its words say whole ("le 20 juin 2024", "le 7
    janvier" under "En 2015,") stays."""
    if mention.date is None or mention.date.resolved_by in (ResolvedBy.ABSOLUTE, ResolvedBy.FRAME):
        return mention
    return replace(mention, date=None)


def date_by_estimates(mentions: Iterable[EventMention], estimates: dict[str, DateInterval]) -> list[EventMention]:
    """What an article without a date of its own tells, dated by the date its shared claims give it
    (`merge.estimate_document_dates` and `merge.story_dates`), as a dated article's sentences are by its date:
    - told in the past or present without date words, at that estimate (`resolved_by:
      "document-date"`, approximate); in the future, in the days after it (`resolved_by: "coming"`);
    - date words it could not place ('il y a près de vingt-cinq ans', 'cette année') counted from
      the estimate (`resolved_by: "estimate"`), only where both of its ends place them alike: 'les
      prochains mardi et mercredi' counted from a week of possible days could be any of two weeks,
      and is better left for the merge to date from the sources that name the days."""
    out = []
    for m in mentions:
        estimate = estimates.get(m.doc_id)
        if estimate is None or m.date is not None:
            out.append(m)
        elif m.date_start is None:
            date = _date_without_words(m.tense, m.attributed_to, estimate)
            out.append(m if date is None else replace(m, date=date))
        else:
            out.append(_counted_from_estimate(m, estimate))
    return out


def _date_without_words(tense: Optional[str], source: Optional[str], article: DateInterval) -> Optional[DateInterval]:
    """What a sentence without date words is dated by, in an article of the days `article`:
    - told in the past or present, or a source's conditional ("« Brenta pourrait relever son
      offre », estime un analyste": the saying is the news), the article's days (`document-date`);
    - announced in the future, the days after them (`coming`, for comparing, not for dating);
    - else nothing."""
    if tense in _TENSES_AT_ARTICLE_DATE or tense == "conditional" and source is not None:
        return replace(article, resolved_by=ResolvedBy.DOCUMENT_DATE)
    if tense == "future" and article.end < article.end.max - COMING_DAYS:  # a placeholder 9999-12-31 has no days after
        return DateInterval(article.start, article.end + COMING_DAYS, "day", True, ResolvedBy.COMING)
    return None


def _counted_from_estimate(m: EventMention, estimate: DateInterval) -> EventMention:
    placed = [date_words_at(m.sentence, m.date_start - m.start, anchor) for anchor in (estimate.start, estimate.end)]
    if None in placed or (placed[0].start, placed[0].end) != (placed[1].start, placed[1].end):
        return m
    return replace(m, date=replace(placed[0], resolved_by=ResolvedBy.ESTIMATE))


def _in_relative_clause(sentence: Sentence, offset: int) -> bool:
    """The word at `offset` (in the article text) belongs to a relative clause ("qui s'était rendue à
    Moscou en novembre 2024"), not to the sentence's main clause."""
    tokens = sentence.tokens
    k = next((i for i, t in enumerate(tokens) if t.start <= offset < t.start + max(1, len(t.text))), None)
    return k is not None and any(tokens[a].dep == "acl:relcl" and _has_relative_pronoun(tokens, a)
                                 for a in (k, *_ancestors(tokens, k)) if tokens[a].head != a)


def _dates_a_noun(sentence: Sentence, start: int, end: int) -> bool:
    """The date words at [start, end) (offsets in the article) say when what a noun names happened
    ("le massacre du 28 septembre 2009", "la campagne de 2007"), not when the verb's action did: the
    parser hangs them on a noun that is neither a stretch of time ("la nuit du 8 septembre") nor the
    subject ("les attentats du 13 novembre ont fait 130 morts" tells the attacks themselves)."""
    tokens = sentence.tokens
    inside = {k for k, t in enumerate(tokens) if start <= t.start < end}
    heads = [k for k in inside if tokens[k].head not in inside and tokens[k].head != k]
    if len(heads) != 1 or tokens[heads[0]].dep != "nmod":
        return False
    governor = tokens[tokens[heads[0]].head]
    return governor.pos == "NOUN" and governor.lemma.lower() not in time_nouns() \
        and not governor.dep.startswith("nsubj")


def _root_is_a_verb(sentence: Sentence) -> bool:
    """The parse has a main verb: when it takes a noun for the root ("Les faits qui lui sont reprochés
    remontent au 27 mai 1998" read as "faits" with the main verb under the relative clause's), what
    it calls the relative clause may hold the main claim."""
    return any(k == t.head and t.pos in ("VERB", "AUX") for k, t in enumerate(sentence.tokens))


def _has_relative_pronoun(tokens, verb: int) -> bool:
    """The parser also labels a main verb a relative clause's when it misreads the sentence ("d'après le
    renseignement américain, Kim Jong-un aurait livré ..."): a true one holds "qui", "dont", "où"...
    ("dont la cérémonie se tiendra": anywhere in its subtree)."""
    return any("PronType=Rel" in t.morph and verb in _ancestors(tokens, k) for k, t in enumerate(tokens))


def _ancestors(tokens, k: int) -> list[int]:
    """The heads above token `k`, up to the root (a root is its own head)."""
    out, seen = [], {k}
    while tokens[k].head != k and tokens[k].head not in seen:
        k = tokens[k].head
        out.append(k)
        seen.add(k)
    return out


@lru_cache(maxsize=1)
def _subject_pronouns() -> dict[str, str]:
    """'il' -> 'm', 'elle' -> 'f' (models/entity_names_fr.json)."""
    return load_json_resource("entity_names_fr.json")["subject_pronoun_genders"]


@lru_cache(maxsize=1)
def _definite_articles() -> frozenset:
    """'le', 'la', "l'": the articles that open a role or a description (models/entity_names_fr.json)."""
    return frozenset(load_json_resource("entity_names_fr.json")["role_articles"])


def _main_subject_is_pronoun(sentence: Sentence) -> bool:
    """The main verb's subject is "il" or "elle" (not a subordinate verb's: "Poutine a dit qu'il
    viendrait")."""
    tokens = sentence.tokens
    return any(t.pos == "PRON" and t.dep.startswith("nsubj") and t.text.lower() in _subject_pronouns()
               and 0 <= t.head < len(tokens) and tokens[t.head].head == t.head for t in tokens)


_OPENING_QUOTES, _CLOSING_QUOTES = "«“", "»”"
_QUOTE_MARK = re.compile(f"[{_OPENING_QUOTES}{_CLOSING_QUOTES}\"]")


def _quotation_speakers(sentences, actors: list[ActorMention], text: str) -> dict[int, str]:
    """The speaker of each sentence inside a quotation that runs over several sentences of one
    paragraph, as the quotation's last sentence names them after the closing mark ("..., a confié
    Justine Triet") or its first before the opening one ("Justine Triet a déclaré : « ..."): the one
    person named there. Straight quotes open and close in turn."""
    persons = [a for a in actors if a.kind == "PER"]

    def named(start: int, end: int) -> Optional[str]:
        names = {a.name for a in persons if start <= a.start < end}
        return names.pop() if len(names) == 1 else None

    speakers: dict[int, str] = {}
    inside: list = []  # the sentences of the open quotation
    opened_at = 0
    for sentence in sentences:
        if inside and text.count("\n", inside[-1].end, sentence.start):
            inside = []  # a quotation does not run over a paragraph's end
        for mark in _QUOTE_MARK.finditer(sentence.text):
            k, ch = mark.start(), mark.group()
            straight = ch == '"'
            if ch in _OPENING_QUOTES or straight and not inside:
                if not inside:
                    opened_at = sentence.start + k
                    inside = [sentence]
            elif ch in _CLOSING_QUOTES or straight and inside:
                if inside and inside[-1] is not sentence:
                    inside.append(sentence)
                if len(inside) > 1:
                    speaker = named(sentence.start + k, sentence.end) or named(inside[0].start, opened_at)
                    if speaker is not None:
                        speakers.update((s.index, speaker) for s in inside)
                inside = []
        if inside and inside[-1] is not sentence:
            inside.append(sentence)
    return speakers


def _main_subject(tokens) -> Optional[int]:
    """The main verb's subject: the first subject whose head is the root."""
    return next((k for k, t in enumerate(tokens) if t.dep.startswith("nsubj") and 0 <= t.head < len(tokens)
                 and tokens[t.head].head == t.head), None)


def _subject_first(sentence: Sentence, in_sentence: list[ActorMention], persons: tuple[str, ...]) -> tuple[str, ...]:
    """The persons of a sentence, the main verb's subject first: "Le conseiller diplomatique de
    Vladimir Poutine, Iouri Ouchakov, a dit..." speaks of Ouchakov, whom the next "a-t-il ajouté"
    stands for. The subject is the name the main verb's nsubj is, else the last name of its phrase:
    the one in apposition just before the verb (the parser may hang it on the complement)."""
    tokens = sentence.tokens
    subject = _main_subject(tokens)
    if subject is None:
        return persons
    phrase = [t.start for k, t in enumerate(tokens) if k == subject or subject in _ancestors(tokens, k)]
    named = [a for a in in_sentence if a.kind == "PER" and a.name in persons and any(a.start <= p < a.end for p in phrase)]
    if not named:
        return persons
    head = next((a for a in named if a.start <= tokens[subject].start < a.end), named[-1])
    return (head.name, *(p for p in persons if p != head.name))


@lru_cache(maxsize=1)
def _first_person_subjects() -> frozenset:
    """'je', "j'" (models/entity_names_fr.json)."""
    return frozenset(load_json_resource("entity_names_fr.json")["first_person_subjects"])


def _quotes_a_speaker_about_themself(sentence: Sentence) -> bool:
    """A sentence that opens on a quotation mark and whose subject is "je"."""
    return sentence.text.lstrip()[:1] in (*_OPENING_QUOTES, '"') and any(
        t.dep.startswith("nsubj") and t.text.lower() in _first_person_subjects() for t in sentence.tokens)


@lru_cache(maxsize=1)
def _singular_possessives() -> frozenset:
    """'son', 'sa', 'ses' (models/entity_names_fr.json)."""
    return frozenset(load_json_resource("entity_names_fr.json")["singular_possessives"])


def _subject_is_possessed(sentence: Sentence) -> bool:
    """The main verb's subject is someone's: "Sa dépouille", "La cérémonie de sa panthéonisation"."""
    tokens = sentence.tokens
    subject = _main_subject(tokens)
    if subject is None:
        return False
    # the subject's own determiner, or its complement's ("la cérémonie de sa panthéonisation"); not a
    # possessive inside a relative clause ("Hanoï, qui soigne ses relations")
    owners = {subject, *(k for k, t in enumerate(tokens) if t.head == subject and t.dep == "nmod")}
    return any(t.dep == "det" and t.head in owners and "Poss=Yes" in t.morph and t.text.lower() in _singular_possessives()
               for t in tokens)


def _genders_by_agreement(sentences, actors: list[ActorMention]) -> dict[str, str]:
    """Each person's gender as the words that agree with their name tell it: "Anne Marchal a été
    condamnée", "Paul Marchal est arrivé", "Claire Fontaine, très émue, ..." (a participle or an
    adjective whose subject the name is). A person both ways is left out."""
    said: dict[str, set] = {}
    persons = [a for a in actors if a.kind == "PER"]
    for sentence in sentences:
        tokens = sentence.tokens
        for k, t in enumerate(tokens):
            if not t.dep.startswith("nsubj") or not 0 <= t.head < len(tokens):
                continue
            name = next((a.name for a in persons if a.start <= t.start < a.end), None)
            predicate = tokens[t.head]
            if name is None or "Number=Sing" not in predicate.morph or not (
                    predicate.pos == "ADJ" or predicate.pos == "VERB" and "VerbForm=Part" in predicate.morph
                    and any(u.head == t.head and u.lemma == "être" for u in tokens)):
                continue
            gender = "f" if "Gender=Fem" in predicate.morph else "m" if "Gender=Masc" in predicate.morph else None
            if gender:
                said.setdefault(name, set()).add(gender)
    return {name: g.pop() for name, g in said.items() if len(g) == 1}


def _pronoun_gender(sentence: Sentence) -> Optional[str]:
    """'m' for a sentence whose subject is "il", 'f' for "elle", None when it cannot be told."""
    for t in sentence.tokens:
        if t.pos == "PRON" and t.dep.startswith("nsubj") and t.text.lower() in _subject_pronouns():
            return _subject_pronouns()[t.text.lower()]
    return None


def _protagonist(actors: list[ActorMention], text: str) -> Optional[str]:
    """The person the article is about: the one whose surname it writes most, twice at least (the
    model may miss a bare "Le Maire" after "Bruno Le Maire"), the first named on a tie; None when
    it writes no one's twice."""
    names = list(dict.fromkeys(a.name for a in actors if a.kind == "PER"))  # in the order first named
    if not names:
        return None
    written = Counter(m.group() for m in re.finditer(rf"(?<![\w-]){alternation(n.split()[-1] for n in names)}(?![\w-])", text))
    counts = {n: written[n.split()[-1]] for n in names}
    best = max(counts.values())  # dicts keep the first named first, and so does next()
    return next(n for n, c in counts.items() if c == best) if best >= 2 else None


def _described_subject(sentence: Sentence) -> Optional[tuple[str, bool]]:
    """The gender ('m', 'f', or '' when the noun does not say) of the main verb's subject when it is
    a definite singular noun that describes a person ("la procureure", "l'ancien président", "le
    jeune attaquant"), and whether the noun has a complement of its own ("la ministre des
    Transports", "le patron de la SNCF"); None when the subject is anything else."""
    tokens = sentence.tokens
    for k, t in enumerate(tokens):
        if not (t.dep in ("nsubj", "nsubj:pass") and t.pos == "NOUN" and 0 <= t.head < len(tokens)
                and tokens[t.head].head == t.head):
            continue
        if "Number=Plur" in t.morph or t.lemma.lower() not in person_nouns() and t.text.lower() not in person_nouns():
            return None
        if not any(d.head == k and d.dep == "det" and d.text.lower() in _definite_articles() for d in tokens):
            return None
        # "la ministre des Transports", "le patron de la SNCF": a role of its own, which the article's
        # role phrases (actors) tie to a name, not whoever was spoken of last
        own_complement = any(d.head == k and d.dep.startswith(("nmod", "appos", "acl")) for d in tokens)
        return ("f" if "Gender=Fem" in t.morph else "m" if "Gender=Masc" in t.morph else ""), own_complement
    return None


def _described_person(recent: list[str], genders: dict[str, str], gender: Optional[str]) -> tuple[str, ...]:
    """The person a describing noun of this gender stands for: the one spoken of last whose gender the
    article gave and agrees, else the one spoken of last whose gender it did not give."""
    for known in (True, False):
        for p in reversed(recent):
            if (p in genders) == known and _genders_agree(genders.get(p), gender):
                return (p,)
    return ()


def _genders_agree(person: Optional[str], pronoun: Optional[str]) -> bool:
    return person is None or pronoun is None or person == pronoun


def _mention(base: dict, expr: TemporalExpression, offset: int, keep_date: bool = True) -> EventMention:
    start, end = offset + expr.start, offset + expr.end
    return EventMention(id=_mention_id(base["doc_id"], base["start"], expr.text, start),
                        date=expr.interval if keep_date else None, date_text=expr.text,
                        date_start=start, date_end=end, reading=expr.reading, **base)


def _expressions_in(in_article: list[TemporalExpression], sentence: Sentence) -> list[TemporalExpression]:
    """The article's expressions that start in this sentence, with offsets into the sentence."""
    return [replace(e, start=e.start - sentence.start, end=min(e.end, sentence.end) - sentence.start)
            for e in in_article if sentence.start <= e.start < sentence.end]


def _claim_at(base: dict, claim: Claim, expr: TemporalExpression, anchor) -> dict:
    """The modality of the event these date words date: the speech act's own date ("a annoncé lundi")
    dates an asserted announcement; a date after the article's is of something still to come."""
    modality, said_by = claim.at(expr.start, expr.end)
    if said_by is not None:
        said_by = base["attributed_to"]
    if modality in ("asserted", "reported") and anchor is not None and expr.interval is not None \
            and expr.interval.start > anchor:
        modality = "planned"
    return {**base, "modality": modality, "attributed_to": said_by}


@lru_cache(maxsize=1)
def _comparison_marker() -> re.Pattern:
    words = load_json_resource("temporal_fr.json")
    markers, pronouns, determiners = (alternation(words[k]) for k in ("comparison_markers", "comparison_pronouns",
                                                                       "comparison_determiners"))
    # "par rapport à l'année dernière", "par rapport à celle du 26 septembre"
    return re.compile(rf"\b{markers}\s*(?:{pronouns}\s+)?(?:{determiners}\s*)?$", re.I)


@lru_cache(maxsize=1)
def _record_since() -> re.Pattern:
    lexicon = load_json_resource("temporal_fr.json")
    words, since, determiners = (alternation(lexicon[k]) for k in ("record_words", "record_since", "record_since_determiners"))
    return re.compile(rf"\b{words}\b(?:\s+[^\s,;:]+){{0,5}}?\s+{since}\s*(?:{determiners}\s*)?$", re.I)


def _is_comparison_point(sentence: str, expr: TemporalExpression) -> bool:
    """'une hausse de 10 points par rapport à l'année dernière', 'leur première rencontre depuis
    2019': the date a figure or a first is measured from is not when the sentence's event happened."""
    before = sentence[max(0, expr.start - 60):expr.start].replace("’", "'")
    return _comparison_marker().search(before) is not None or _record_since().search(before) is not None


@lru_cache(maxsize=1)
def _negated_clause() -> re.Pattern:
    words = alternation(load_json_resource("temporal_fr.json")["negation_words"])
    # "ne " or "n'" (models/modality_fr.json negation_particles): an elided particle needs no space
    particles = "(?:" + "|".join(re.escape(p) + ("" if p.endswith(("'", "’")) else r"\s+")
                                 for p in load_json_resource("modality_fr.json")["negation_particles"]) + ")"
    return re.compile(rf"\b{particles}[^,;:]*?\b{words}\b[^,;:]*$", re.I)


def _last_time_if_negated(sentence: str, expr: TemporalExpression) -> TemporalExpression:
    """'n'avait plus foulé le sol nord-coréen depuis juillet 2000': the event last happened in July
    2000; the sentence dates that, not the span of absence up to the article's date."""
    if expr.interval is None or expr.interval.resolved_by != ResolvedBy.SINCE:
        return expr
    last = period_counted_from(expr.interval)
    if last is None or not _negated_clause().search(sentence[:expr.start].replace("’", "'")):
        return expr
    return replace(expr, interval=last)


def _unique(names) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return tuple(seen)
