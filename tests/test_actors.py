"""Actors: factx.actors (gazetteer, spelling, canonical names); the last tests use the model."""

from __future__ import annotations

import json
import re

import pytest

from builders import make_article
from factx.actors import (
    Gazetteer,
    canonical_person_names,
    fold,
    names_something,
    resolve_article_actors,
    same_person_spelling,
)
from factx.errors import DataFileError
from factx.nlp import EntityMention, ParsedArticle, Sentence, Token, parse_articles


# ---------------------------------------------------------------------------------------------
# Spelling

@pytest.mark.parametrize("a, b", [
    ("Kim Jong Un", "Kim Jong-un"),
    ("Kim Jong-Un", "Kim Jong-un"),
    ("Kim Jung-un", "Kim Jong-un"),
    ("Vladirmir Poutine", "Vladimir Poutine"),
    ("Vladimir Poutin", "Vladimir Poutine"),
    ("Sergueï Lavrov", "Serguei Lavrov"),
    ("Choe Son-hui", "Choe Son Hui"),
    ("Yaël Braun-Pivet", "Yael Braun Pivet"),
])
def test_same_person_spelling(a, b):
    assert same_person_spelling(a, b)
    assert same_person_spelling(b, a)


@pytest.mark.parametrize("a, b", [
    ("Kim Jong-il", "Kim Jong-un"),  # father and son: a two-letter part must match exactly
    ("Kim Il-sung", "Kim Jong-un"),
    ("Vladirmir Poutinne", "Vladimir Poutine"),  # two typos
    ("Poutine", "Poutine"),  # one-word names are never matched on spelling alone
    ("Vladimir Poutine", "Vladimir Vladimirovitch Poutine"),  # not the same number of parts
    ("Jean Martin", "Jeanne Martine"),
    ("Sergueï Lavrov", "Sergueï Choïgou"),
])
def test_different_people(a, b):
    assert not same_person_spelling(a, b)


def test_fold():
    assert fold("Kim Jong-Un") == "kim jong un"
    assert fold("le chef de l’État russe") == "le chef de l etat russe"
    assert fold("  Sergueï   Choïgou ") == "serguei choigou"


def test_canonical_person_names_prefers_the_frequent_spelling():
    names = ["Vladimir Poutine", "Vladimir Poutine", "Vladirmir Poutine", "Kim Jong-il", "Kim Jong-un", "Kim Jong-un"]
    mapping = canonical_person_names(names)
    assert mapping["Vladirmir Poutine"] == "Vladimir Poutine"
    assert mapping["Vladimir Poutine"] == "Vladimir Poutine"
    assert mapping["Kim Jong-il"] == "Kim Jong-il"
    assert mapping["Kim Jong-un"] == "Kim Jong-un"



def test_a_surname_alone_takes_the_one_full_name_of_the_corpus_it_ends():
    mapping = canonical_person_names(["Nicolas Sarkozy", "Sarkozy", "Fernande Garnier", "Georges Garnier", "Garnier",
                                      "Kelche"])
    assert mapping["Sarkozy"] == "Nicolas Sarkozy"
    assert mapping["Garnier"] == "Garnier"  # two full names end with it
    assert mapping["Kelche"] == "Kelche"

# ---------------------------------------------------------------------------------------------
# The built-in gazetteer

@pytest.mark.parametrize("form, name", [
    ("Poutine", "Vladimir Poutine"),
    ("Vladimir Putin", "Vladimir Poutine"),
    ("le président russe", "Vladimir Poutine"),
    ("Le Président Russe", "Vladimir Poutine"),
    ("le maître du Kremlin", "Vladimir Poutine"),
    ("le chef de l’État russe", "Vladimir Poutine"),
    ("Kim Jong Un", "Kim Jong-un"),
    ("Kim Jong-un", "Kim Jong-un"),
    ("le dirigeant nord-coréen", "Kim Jong-un"),
    ("Kim Jong-il", "Kim Jong-il"),
    ("Lavrov", "Sergueï Lavrov"),
    ("le chef de la diplomatie russe", "Sergueï Lavrov"),
    ("Kirby", "John Kirby"),
    ("Attal", "Gabriel Attal"),
])
def test_builtin_gazetteer_lookup(gazetteer, form, name):
    entry = gazetteer.lookup(form)
    assert entry is not None, form
    assert entry.name == name


def test_unknown_form_is_not_in_the_gazetteer(gazetteer):
    assert gazetteer.lookup("Claire Fontaine") is None
    assert gazetteer.lookup("Kim") is None  # three Kims: never guess


def test_fuzzy_person(gazetteer):
    assert gazetteer.fuzzy_person("Vladirmir Poutine").name == "Vladimir Poutine"
    assert gazetteer.fuzzy_person("Kim Jung-un").name == "Kim Jong-un"
    assert gazetteer.fuzzy_person("Claire Fontaine") is None


@pytest.mark.parametrize("form, stripped", [
    ("M. Poutine", "Poutine"),
    ("Mme Choe Son Hui", "Choe Son Hui"),
    ("MM. Sarkissian", "Sarkissian"),
    ("le président Macron", "Macron"),
    ("le Premier ministre Gabriel Attal", "Gabriel Attal"),
    ("Poutine", "Poutine"),
])
def test_strip_title(gazetteer, form, stripped):
    assert gazetteer.strip_title(form) == stripped


def test_patterns_cover_names_aliases_and_roles(gazetteer):
    patterns = gazetteer.patterns()
    by_text = {(p.text, p.entity_id): p for p in patterns}
    assert ("Kim Jong Un", "Kim Jong-un") in by_text
    assert by_text[("Kim Jong Un", "Kim Jong-un")].ignore_case is False
    assert by_text[("Kim Jong Un", "Kim Jong-un")].label == "PER"
    roles = [p for p in patterns if p.entity_id == "Vladimir Poutine" and p.ignore_case]
    assert any("président russe" in p.text for p in roles)


# ---------------------------------------------------------------------------------------------
# The user's gazetteer

def test_user_gazetteer_entries_win(tmp_path):
    user = tmp_path / "mes-acteurs.json"
    user.write_text(json.dumps({"entries": [
        {"name": "V. V. Poutine", "kind": "PER", "aliases": ["Poutine"]},
        {"name": "Claire Fontaine", "aliases": ["Mme Fontaine"], "roles": ["la maire de Valbourg"]},
        {"name": "Valbourg", "kind": "loc"},
    ]}, ensure_ascii=False), encoding="utf-8")
    g = Gazetteer.load([user])
    assert g.lookup("Poutine").name == "V. V. Poutine"  # the user's entry wins over the built-in alias
    assert g.lookup("Vladimir Poutine").name == "Vladimir Poutine"  # the built-in entries are still there
    fontaine = g.lookup("La maire de Valbourg")
    assert fontaine.name == "Claire Fontaine" and fontaine.kind == "PER"  # kind defaults to PER
    assert g.lookup("Valbourg").kind == "LOC"  # kind is upper-cased
    assert any(p.text == "Mme Fontaine" and p.entity_id == "Claire Fontaine" for p in g.patterns())


@pytest.mark.parametrize("content", [
    "{pas du json",
    "[1, 2, 3]",
    '"une chaîne"',
    '{"entries": [{"kind": "PER", "aliases": ["Sans Nom"]}]}',
    '{"entries": ["Claire Fontaine"]}',
    '{"entries": [{"name": "X", "aliases": 5}]}',
])
def test_bad_user_gazetteer_is_a_data_file_error(tmp_path, content):
    user = tmp_path / "acteurs.json"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        Gazetteer.load([user])
    assert str(user) in str(info.value)


def test_missing_user_gazetteer_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        Gazetteer.load([tmp_path / "absent.json"])


# ---------------------------------------------------------------------------------------------
# resolve_article_actors on hand-built parses (no model)

def _parsed(text: str, entities: list[tuple[str, str, str | None]]) -> ParsedArticle:
    """One sentence per line; entities given as (form, label, gazetteer id), found in order."""
    sentences, offset, cursor = [], 0, 0
    remaining = list(entities)
    for index, line in enumerate(text.split("\n")):
        ents = []
        while remaining:
            form, label, entity_id = remaining[0]
            pos = text.find(form, max(cursor, offset))
            if pos < 0 or pos >= offset + len(line):
                break
            ents.append(EntityMention(form, label, pos, pos + len(form), entity_id))
            cursor = pos + len(form)
            remaining.pop(0)
        sentences.append(Sentence(index, offset, offset + len(line), line, tuple(ents), True, "past", False,
                                  ("mot", "autre"), "faire"))
        offset += len(line) + 1
    assert not remaining, remaining
    return ParsedArticle(make_article("doc", text), tuple(sentences))


def test_resolve_hand_built_entities(gazetteer):
    text = ("Iouri Ouchakov a parlé à M. Poutine mercredi.\n"
            "Ouchakov a ensuite rencontré Claire Fontaine à Pyongyang.\n"
            "Le président russe a salué Vladirmir Poutine et la presse.")
    parsed = _parsed(text, [
        ("Iouri Ouchakov", "PER", "Iouri Ouchakov"),
        ("M. Poutine", "PER", None),
        ("Ouchakov", "PER", None),
        ("Claire Fontaine", "PER", None),
        ("Pyongyang", "LOC", None),
        ("président russe", "PER", "Vladimir Poutine"),
        ("Vladirmir Poutine", "PER", None),
        ("presse", "PER", None),  # a lower-case "person" is a model mistake
    ])
    found = [(a.form, a.name, a.kind, a.via) for a in resolve_article_actors(parsed, gazetteer)]
    assert ("Iouri Ouchakov", "Iouri Ouchakov", "PER", "gazetteer") in found
    assert ("M. Poutine", "Vladimir Poutine", "PER", "gazetteer") in found
    assert ("Ouchakov", "Iouri Ouchakov", "PER", "gazetteer") in found
    assert ("Claire Fontaine", "Claire Fontaine", "PER", "document") in found
    assert ("président russe", "Vladimir Poutine", "PER", "role") in found
    assert ("Vladirmir Poutine", "Vladimir Poutine", "PER", "fuzzy") in found
    assert not any(form == "presse" for form, *_ in found)
    pyongyang = [f for f in found if f[0] == "Pyongyang"]
    assert len(pyongyang) == 1 and pyongyang[0][2] == "LOC"
    # mentions come in text order with their offsets
    mentions = resolve_article_actors(parsed, gazetteer)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(text[m.start:m.end] == m.form for m in mentions)


def test_a_role_beside_a_name_is_that_persons_role(gazetteer):
    """In 1999 "le président russe Boris Eltsine" names Eltsine; the gazetteer's president of today
    is who the role stands for only when no name stands beside it."""
    text = ("Le président russe Boris Eltsine a annulé hier une rencontre.\n"
            "Boris Eltsine, le président russe, souffre d'une bronchite.\n"
            "Le président russe a reçu Kim Jong-un.")
    parsed = _parsed(text, [
        ("président russe", "PER", "Vladimir Poutine"), ("Boris Eltsine", "PER", None),
        ("Boris Eltsine", "PER", None), ("président russe", "PER", "Vladimir Poutine"),
        ("président russe", "PER", "Vladimir Poutine"), ("Kim Jong-un", "PER", "Kim Jong-un"),
    ])
    names = [(a.name, a.via) for a in resolve_article_actors(parsed, gazetteer)]
    assert names == [("Boris Eltsine", "document"), ("Boris Eltsine", "document"), ("Vladimir Poutine", "role"),
                     ("Kim Jong-un", "gazetteer")]


def test_a_name_after_a_street_or_a_building_is_a_place(gazetteer):
    text = ("Le feu a détruit les locaux côté Paul-Bert.\n"
            "Les élèves de l'école Maurice-Henry ont été évacués.\n"
            "Paul Bert a été réélu.")
    parsed = _parsed(text, [("Paul-Bert", "PER", None), ("Maurice-Henry", "PER", None), ("Paul Bert", "PER", None)])
    found = [(a.name, a.kind) for a in resolve_article_actors(parsed, gazetteer)]
    assert found == [("Paul-Bert", "LOC"), ("Maurice-Henry", "LOC"), ("Paul Bert", "PER")]


def test_a_company_the_model_takes_for_a_person_is_an_organisation(gazetteer):
    """Named so after an organisation noun, or holding a word of a company's name, and its first words
    alone too (taken for a place as well); not a person named after "l'entreprise dirigée par"."""
    text = ("Le groupe italien Vastano lance une offre sur Caradec Industries.\n"
            "Vastano propose 38 euros, Caradec refuse.\n"
            "L'entreprise dirigée par Claire Morvan dément.")
    parsed = _parsed(text, [("Vastano", "PER", None), ("Caradec Industries", "PER", None), ("Vastano", "PER", None),
                            ("Caradec", "LOC", None), ("Claire Morvan", "PER", None)])
    found = [(a.name, a.kind) for a in resolve_article_actors(parsed, gazetteer)]
    assert found == [("Vastano", "ORG"), ("Caradec Industries", "ORG"), ("Vastano", "ORG"), ("Caradec", "ORG"),
                     ("Claire Morvan", "PER")]


def test_a_role_the_article_puts_beside_a_name_stands_for_that_person_later(gazetteer):
    text = ("La ministre des Transports, Hélène Carvalho, recevra les syndicats.\n"
            "La ministre des Transports a reçu les fédérations pendant quatre heures.\n"
            "La ministre a ensuite quitté la salle.\n"
            "Une rencontre entre la ministre et les syndicats est prévue.\n"
            "La ministre de la Santé a démenti.\n"
            "Paul Roux, directeur de la SNCF, a confirmé.\n"
            "Le directeur de la SNCF a démenti.")
    parsed = _parsed(text, [("Hélène Carvalho", "PER", None), ("Paul Roux", "PER", None)])
    found = [(text[a.start:a.end], a.name) for a in resolve_article_actors(parsed, gazetteer)]
    assert ("ministre des Transports", "Hélène Carvalho") in found  # the second sentence
    assert ("directeur de la SNCF", "Paul Roux") in found
    # the head noun alone, before its verb or a conjunction, is the one minister the article named;
    # "la ministre de la Santé" is another
    assert ("ministre", "Hélène Carvalho") in found
    assert [name for _, name in found].count("Hélène Carvalho") == 4


def test_a_persons_gender_where_the_article_says_it(gazetteer):
    text = ("L'avocate de Bernard, Alexandra Michel, a plaidé.\n"
            "M. Paul Roux a répondu.\n"
            "La ministre des Transports, Hélène Carvalho, a reçu Claire Fontaine.")
    parsed = _parsed(text, [("Alexandra Michel", "PER", None), ("M. Paul Roux", "PER", None),
                            ("Hélène Carvalho", "PER", None), ("Claire Fontaine", "PER", None)])
    genders = {a.name: a.gender for a in resolve_article_actors(parsed, gazetteer)}
    assert genders == {"Alexandra Michel": "f", "Paul Roux": "m", "Hélène Carvalho": "f", "Claire Fontaine": None}


def test_unknown_surname_takes_the_full_name_of_the_article(gazetteer):
    text = "Claire Fontaine a inauguré le pont.\nFontaine a remercié les ouvriers.\nMartin a applaudi."
    parsed = _parsed(text, [("Claire Fontaine", "PER", None), ("Fontaine", "PER", None), ("Martin", "PER", None)])
    names = [(a.form, a.name) for a in resolve_article_actors(parsed, gazetteer)]
    assert names == [("Claire Fontaine", "Claire Fontaine"), ("Fontaine", "Claire Fontaine"), ("Martin", "Martin")]


@pytest.mark.parametrize("word", ["Lundi", "Mercredi", "Juillet"])
def test_weekday_or_month_tagged_as_person_is_not_an_actor(gazetteer, word):
    """samples/coree/lecho-du-matin…: the model tags 'Lundi' in 'Lundi, John Kirby, …' as a person."""
    text = f"{word}, John Kirby a jugé la visite préoccupante."
    parsed = _parsed(text, [(word, "PER", None), ("John Kirby", "PER", "John Kirby")])
    assert [a.name for a in resolve_article_actors(parsed, gazetteer)] == ["John Kirby"]


# ---------------------------------------------------------------------------------------------
# Only entities that name something: not headings, mastheads, fragments or roles (invented texts)

@pytest.mark.parametrize("form, kind, named", [
    ("syndicat intercommunal des", "ORG", False),  # cut before its last words
    ("Office des forêts de la", "ORG", False),
    ("Gilles Marchetti et", "PER", False),
    ("de la Culture", "LOC", False),  # cut after its first words
    ("ministre de l'Agriculture", "ORG", False),  # a person's role, not an organisation
    ("la directrice de l'Office", "ORG", False),
    ("Premier adjoint de la Ve circonscription", "PER", False),
    ("Jeanne Roux, porte-parole", "PER", False),
    ("ministre Paul Roux", "PER", True),  # a role and a name: the name is there
    ("Sport • Rugby", "ORG", False),  # a heading glued across its mark
    ("Météo : Alerte", "LOC", False),
    ("syndicat intercommunal des eaux de la Cure", "ORG", True),
    ("Asie de l’Est", "LOC", True),
    ("la Cure", "LOC", True),
    ("Office national des forêts", "ORG", True),
    ("Paulin de Vauclair", "PER", True),
    ("Saint-Ivre-sur-Cure", "LOC", True),
    ("Série A", "ORG", True),
])
def test_what_the_form_alone_says(gazetteer, form, kind, named):
    assert names_something(form, kind, gazetteer.role_nouns) is named


def test_fragments_mastheads_and_datelines(gazetteer):
    text = ("L'ÉCHO DES MARAIS — Édition du soir\n"
            "BRÉVILLE (correspondance) – Le SIVOM de la vallée a voté mardi.\n"
            "SIVOM, le syndicat de la vallée, attendait ce vote.\n"
            "Le président du syndicat intercommunal des a démissionné, a dit la délégation de la Culture.\n"
            "Le ministre de l'Agriculture est attendu.\n"
            "Sport • Rugby\n"
            "Le maire, Paulin Dechaume, a reçu les pompiers de Bréville.")
    parsed = _parsed(text, [
        ("ÉCHO DES MARAIS", "ORG", None),
        ("BRÉVILLE", "LOC", None),
        ("SIVOM", "ORG", None),
        ("SIVOM", "ORG", None),
        ("syndicat intercommunal des", "ORG", None),
        ("de la Culture", "LOC", None),
        ("ministre de l'Agriculture", "ORG", None),
        ("Sport • Rugby", "ORG", None),
        ("Paulin Dechaume", "PER", None),
        ("Bréville", "LOC", None),
    ])
    found = [(a.form, a.name, a.kind) for a in resolve_article_actors(parsed, gazetteer)]
    assert found == [("BRÉVILLE", "Bréville", "LOC"),  # a dateline's place is the place named again below
                     ("SIVOM", "SIVOM", "ORG"),  # an acronym
                     ("SIVOM", "SIVOM", "ORG"),  # at the start of a line too, and not made "Sivom"
                     ("Paulin Dechaume", "Paulin Dechaume", "PER"),
                     ("Bréville", "Bréville", "LOC")]


def _parsed_with_tags(text: str, entities: list[tuple[str, str]], tags: dict[str, str]) -> ParsedArticle:
    """As `_parsed`, with tokens tagged as a parser would: `tags` gives a word's part of speech, a
    capitalised word is otherwise a proper noun and a lower-case one a common noun."""
    parsed = _parsed(text, [(form, label, None) for form, label in entities])
    sentences = []
    for sentence in parsed.sentences:
        tokens = tuple(
            Token(m.group(), m.group().lower(),
                  tags.get(m.group(), "PROPN" if m.group()[0].isupper() else "NOUN"), "dep", 0, "",
                  sentence.start + m.start())
            for m in re.finditer(r"\w+['’]?|[^\w\s]", sentence.text))
        sentences.append(Sentence(sentence.index, sentence.start, sentence.end, sentence.text, sentence.entities,
                                  sentence.has_verb, sentence.tense, sentence.subject_is_pronoun, sentence.lemmas,
                                  sentence.root_lemma, tokens))
    return ParsedArticle(parsed.article, tuple(sentences))


def test_common_words_a_heading_or_a_sentence_start_capitalises_are_not_names(gazetteer):
    text = ("Averses\n"  # a rubric
            "Orages : Alerte Maximale Sur Le Plateau\n"  # a heading Written In Title Case
            "Dernières nouvelles : la dernière crue date de 1998.\n"  # tagged a proper noun, written lower below
            "Gendarmerie nationale et pompiers ont évacué le camping de Vermenton.\n"
            "Selon la Gendarmerie nationale, Claire Fontaine dirige les secours.\n"
            "Fontaine a remercié les habitants.")
    parsed = _parsed_with_tags(text, [
        ("Averses", "LOC"), ("Alerte Maximale", "ORG"), ("Dernières", "LOC"), ("Gendarmerie nationale", "ORG"),
        ("Vermenton", "LOC"), ("Gendarmerie nationale", "ORG"), ("Claire Fontaine", "PER"), ("Fontaine", "PER"),
    ], tags={"Averses": "NOUN", "Orages": "NOUN", "Alerte": "NOUN", "Maximale": "ADJ", "Gendarmerie": "NOUN",
             "nationale": "ADJ", "Fontaine": "NOUN", "Dernières": "PROPN"})
    found = [(a.form, a.name) for a in resolve_article_actors(parsed, gazetteer)]
    # a capital the article gives a word where no position asks for one makes it a name everywhere:
    # "Gendarmerie nationale" starting a line, "Fontaine" starting a sentence
    assert found == [("Gendarmerie nationale", "Gendarmerie nationale"), ("Vermenton", "Vermenton"),
                     ("Gendarmerie nationale", "Gendarmerie nationale"), ("Claire Fontaine", "Claire Fontaine"),
                     ("Fontaine", "Claire Fontaine")]


# ---------------------------------------------------------------------------------------------
# With the model

ARTICLE = (
    "Poutine et Kim renforcent leur alliance\n"
    "Vladimir Poutine est arrivé mardi à Pyongyang, où Kim Jong-un l'attendait sur le tarmac.\n"
    "M.\u00a0Poutine a salué une relation « sans précédent ».\n"
    "Le président russe a ensuite offert une voiture à Kim Jong Un, selon l'agence officielle.\n"
    "Le dirigeant nord-coréen a promis de soutenir la Russie."
)


@pytest.fixture(scope="module")
def resolved(nlp, gazetteer):
    from factx.ingest import clean_text

    text = clean_text(ARTICLE)
    parsed = next(parse_articles(nlp, [make_article("alliance", text)]))
    return text, resolve_article_actors(parsed, gazetteer)


@pytest.mark.model
def test_every_form_resolves_to_the_canonical_name(resolved):
    text, actors = resolved
    persons = [(a.form, a.name) for a in actors if a.kind == "PER"]
    forms = {form for form, _ in persons}
    assert {name for _, name in persons} <= {"Vladimir Poutine", "Kim Jong-un"}
    for form in ("Vladimir Poutine", "Kim Jong-un", "Kim Jong Un"):
        assert form in forms
    assert any("Poutine" in form and not form.startswith("Vladimir") for form in forms)  # "M. Poutine" / "Poutine"
    assert any("président russe" in form.lower() for form in forms)
    assert any("dirigeant nord-coréen" in form.lower() for form in forms)
    for form, name in persons:
        expected = "Kim Jong-un" if ("Kim" in form or "nord-coréen" in form) else "Vladimir Poutine"
        assert name == expected, (form, name)
    assert all(text[a.start:a.end] == a.form for a in actors)


@pytest.mark.model
def test_hyphenated_name_is_whole(resolved):
    _, actors = resolved
    forms = [a.form for a in actors]
    assert "Kim Jong-un" in forms
    assert not any(f.endswith("-") or f in ("Kim Jong", "Jong-un", "-un", "un") for f in forms)


@pytest.mark.model
def test_misspelt_first_name_is_one_person(nlp, gazetteer):
    parsed = next(parse_articles(nlp, [make_article("typo", "Vladirmir Poutine a rencontré Kim Jong-un mercredi.")]))
    persons = [(a.form, a.name) for a in resolve_article_actors(parsed, gazetteer) if a.kind == "PER"]
    assert [name for _, name in persons] == ["Vladimir Poutine", "Kim Jong-un"]
    assert persons[0][0] == "Vladirmir Poutine"


@pytest.mark.parametrize("text, expected", [
    ("Le chef de l'État sénégalais a reçu mardi les syndicats à Dakar.", []),
    ("Le président de la République de Guinée a dissous le gouvernement.", []),
    ("Le chef de l'État a reçu mardi les syndicats à l'Élysée.", ["Emmanuel Macron"]),
    ("Le président russe a salué mardi la coopération.", ["Vladimir Poutine"]),
])
def test_a_known_role_qualified_further_is_someone_elses(nlp, gazetteer, text, expected):
    """'le chef de l'État' is the gazetteer's French president; 'le chef de l'État sénégalais' is not."""
    parsed = next(parse_articles(nlp, [make_article("role", text)]))
    assert [a.name for a in resolve_article_actors(parsed, gazetteer) if a.kind == "PER"] == expected


def test_a_role_names_a_gazetteer_person_only_while_they_hold_it(nlp, gazetteer):
    """'le président russe' in an article of 1999 is not Vladimir Poutine (models/actors.json roles_held)."""
    from datetime import date

    parsed = next(parse_articles(nlp, [make_article("role", "Le président russe a salué mardi la coopération.")]))
    persons = lambda on: [a.name for a in resolve_article_actors(parsed, gazetteer, on) if a.kind == "PER"]
    assert persons(date(1999, 6, 1)) == [] and persons(date(2010, 6, 1)) == []
    assert persons(date(2024, 6, 18)) == ["Vladimir Poutine"] and persons(None) == ["Vladimir Poutine"]


def test_roles_held_must_be_pairs_of_days(tmp_path):
    bad = tmp_path / "actors.json"
    bad.write_text(json.dumps({"entries": [{"name": "Jean Dupont", "roles": ["le maire"], "roles_held": [["hier", None]]}]}),
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="roles_held"):
        Gazetteer.load([bad])


@pytest.mark.model
def test_headings_and_fragments_of_an_invented_article_are_not_actors(nlp, gazetteer):
    from factx.ingest import clean_text

    text = clean_text(
        "LE RÉVEIL DU MORVAN\n"
        "Crues : Vigilance Rouge sur la Vallée\n"
        "Pluies torrentielles sur Vermenton, où la Cure est sortie de son lit dans la nuit de lundi à mardi.\n"
        "Le maire de Vermenton, Paulin Dechaume, a demandé mardi l'aide du syndicat des eaux.\n"
        "Le préfet de l'Yonne a ouvert une cellule de crise avec le ministre de l'Agriculture.\n")
    parsed = next(parse_articles(nlp, [make_article("crue", text)]))
    names = {a.name for a in resolve_article_actors(parsed, gazetteer)}
    assert {"Vermenton", "Paulin Dechaume", "Yonne", "Cure"} <= names
    assert not names & {"Crues", "ministre de l'Agriculture", "RÉVEIL DU MORVAN", "Vigilance Rouge"}


@pytest.mark.parametrize("text, name, label", [
    ("« Nous agirons vite », a promis la directrice générale de l'Office mondial des forêts (OMF), Adaeze Okafor Lind.",
     "Adaeze Okafor Lind", "ORG"),
    ("La réunion s'est ouverte à Genève, a indiqué le secrétaire général, Kwame Adjoa Mensah.", "Kwame Adjoa Mensah", "LOC"),
    ("Le Dr Amara Diallo a présenté les premiers résultats de l'essai.", "Amara Diallo", "ORG"),
])
def test_a_name_after_a_persons_role_or_title_is_a_person(gazetteer, text, name, label):
    """The model sometimes reads a person named after their role, or their title, as an organisation
    or a place."""
    found = [(a.name, a.kind) for a in resolve_article_actors(_parsed(text, [(name, label, None)]), gazetteer)]
    assert found == [(name, "PER")]


@pytest.mark.parametrize("text, name", [
    ("Les salariés de Renault Trucks Lyon ont voté la grève.", "Renault Trucks Lyon"),
    ("Le directeur de la filiale, Banque Populaire Rives, a démissionné.", "Banque Populaire Rives"),
])
def test_an_organisation_stays_one(gazetteer, text, name):
    found = [(a.name, a.kind) for a in resolve_article_actors(_parsed(text, [(name, "ORG", None)]), gazetteer)]
    assert found == [(name, "ORG")]


def test_a_name_the_article_gives_a_person_is_one_where_the_model_reads_an_organisation(gazetteer):
    text = ("La directrice générale de l'Office mondial des forêts, Adaeze Okafor Lind, a ouvert la séance.\n"
            "Adaeze Okafor Lind a précisé que les aides seraient versées en mai.")
    parsed = _parsed(text, [("Office mondial des forêts", "ORG", None), ("Adaeze Okafor Lind", "ORG", None),
                            ("Adaeze Okafor Lind", "ORG", None)])
    found = [(a.name, a.kind, a.start > text.index("\n")) for a in resolve_article_actors(parsed, gazetteer)]
    assert ("Adaeze Okafor Lind", "PER", True) in found


def test_gazetteer_forms_match_capitals_written_without_their_accent(gazetteer):
    from factx.actors import _as_written

    assert _as_written("le chef de l'État") == ("le chef de l'État", "le chef de l'Etat")
    assert _as_written("Vladimir Poutine") == ("Vladimir Poutine",)
    assert {p.text for p in gazetteer.patterns()} >= {"chef de l'Etat", "chef de l'État"}


def test_a_weekday_the_model_ran_a_name_on_into_is_no_part_of_it(gazetteer):
    text = "Le maire a également félicité Kervella lundi pour sa victoire."
    found = [(a.name, a.kind) for a in resolve_article_actors(_parsed(text, [("Kervella lundi", "PER", None)]), gazetteer)]
    assert found == [("Kervella", "PER")]
