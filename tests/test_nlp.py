"""The spaCy stage: sentences as factx.nlp cuts them (needs the model)."""

from __future__ import annotations

import pytest

from builders import make_article
from factx.nlp import parse_articles

pytestmark = pytest.mark.model


def _sentences(nlp, text: str) -> list[str]:
    return [s.text for s in next(parse_articles(nlp, [make_article("phrases", text)])).sentences]


@pytest.mark.parametrize("text", [
    # a quotation and the words that say who spoke: one sentence (the parser cuts before the comma)
    "« Nous levons notre préavis, parce que la ministre a mis sur la table 400 embauches », a déclaré mercredi soir "
    "Paul Vernier.",
    # a hyphenated name opening the paragraph is not a sentence of its own (the parser cuts at the hyphen)
    "Météo-France a placé le département en vigilance orange mardi matin.",
])
def test_one_sentence_is_not_cut(nlp, text):
    assert _sentences(nlp, text) == [text]


def test_two_sentences_stay_two(nlp):
    text = "Le conseil municipal a voté le budget lundi. « Nous tiendrons nos promesses », a dit le maire."
    assert len(_sentences(nlp, text)) == 2


def test_a_hyphenated_noun_is_a_content_lemma_a_hyphenated_number_is_not(nlp):
    text = "Le tête-à-tête de Kim Jong-un et du ministre a duré vingt-deux minutes."
    parsed = next(parse_articles(nlp, [make_article("lemmes", text)]))
    lemmas = parsed.sentences[0].lemmas
    assert "tête à tête" in lemmas
    assert not any("vingt" in lemma for lemma in lemmas)  # a hyphenated number says nothing of the claim


def test_he_who_says_is_a_person_even_when_the_parser_takes_him_for_impersonal(nlp):
    """"Il a indiqué que ...": the parser may label "Il" an impersonal subject (expl:subj); before a verb
    of saying or promising it is the person spoken of before. "Il faut que ..." stays impersonal."""
    text = "Il a indiqué que le texte serait signé. Il faut que le texte soit signé."
    said, must = next(parse_articles(nlp, [make_article("il", text)])).sentences
    assert said.subject_is_pronoun
    assert not must.subject_is_pronoun


def _cut(text: str, at: int, first_entity: str, second_entity: str):
    """The two Sentence records the parser would have made of `text` cut at offset `at`, each holding
    one PER entity."""
    from factx.nlp import EntityMention, Sentence

    def record(index, start, end, name):
        pos = text.index(name, start)
        return Sentence(index, start, end, text[start:end], (EntityMention(name, "PER", pos, pos + len(name), None),),
                        True, "past", False, ("mot",), "faire")
    return record(0, 0, at - 1, first_entity), record(1, at, len(text), second_entity)


@pytest.mark.parametrize("text, at, first, second", [
    ("Yannick Le Goff a expliqué samedi sa position aux délégués.", 8, "Yannick", "Le Goff"),
    ("Il est suivi de Moussa Ibrahima Sow du PDS qui a obtenu 4,2 %.", 32, "Moussa Ibrahima", "Sow"),
])
def test_a_cut_between_two_capitalised_words_is_inside_a_name(text, at, first, second):
    from factx.nlp import _continues, _joined

    a, b = _cut(text, at, first, second)
    assert _continues(a, b)
    joined = _joined(a, b, text)
    assert joined.text == text
    assert [(e.text, e.label) for e in joined.entities] == [(f"{first} {second}", "PER")]


def test_a_sentence_ended_by_its_mark_is_not_continued_by_a_name():
    from factx.nlp import _continues

    text = "Le port est fermé depuis lundi. Yannick Le Goff a dénoncé la décision."
    a, b = _cut(text, text.index("Yannick"), "lundi", "Yannick Le Goff")
    assert not _continues(a, b)


@pytest.mark.parametrize("text, tense", [
    # a copula's sentence takes the copula's tense, not the infinitive's after it (none)
    ("La navigatrice est la première femme à remporter la course.", "present"),
    ("Le gardien a été remarquable en seconde période.", "past"),
    # the passive's auxiliary in the imperfect is no pluperfect; the tense's auxiliary is one
    ("La maire était entourée de ses adjoints.", "past"),
    ("Le maire était arrivé à la mairie avant midi.", "pluperfect"),
    # a cleft's copula is not the claim's verb
    ("C'est à Valbourg qu'il avait signé le contrat.", "pluperfect"),
])
def test_the_tense_of_the_main_clause(nlp, text, tense):
    sentence = next(parse_articles(nlp, [make_article("temps", text)])).sentences[0]
    assert sentence.tense == tense
