"""Events: factx.events on real parses (model), and the sentence records of factx.nlp."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from builders import extract_mentions, make_article
from factx.actors import resolve_article_actors
from factx.events import extract_event_mentions
from factx.nlp import parse_articles
from factx.temporal import resolve_document_date

pytestmark = pytest.mark.model

ARTICLE = "\n".join([
    "Le sommet de Pyongyang",
    "Vladimir Poutine a signé mercredi un traité de défense avec Kim Jong-un.",
    "Kim Jong-un s'était rendu en Russie en avril 2019 et en septembre 2023.",
    "Il a qualifié la relation d'alliance militaire.",
    "Sergueï Lavrov a salué la signature du traité devant les journalistes.",
    "Le président russe se rendra au Vietnam pour une visite d'État.",
    "Pourquoi Vladimir Poutine a-t-il choisi Pyongyang pour cette signature ?",
])


@pytest.fixture(scope="module")
def extracted(nlp, gazetteer):
    article = make_article("sommet", ARTICLE, metadata_date="2024-06-20")
    parsed = next(parse_articles(nlp, [article]))
    document_date = resolve_document_date(article.text, metadata=article.metadata_date,
                                          metadata_source=article.metadata_date_source)
    actors = resolve_article_actors(parsed, gazetteer)
    mentions = extract_event_mentions(parsed, actors, document_date)
    return article, parsed, mentions


def _in_sentence(mentions, words):
    found = [m for m in mentions if words in m.sentence]
    assert found, f"no mention for a sentence with {words!r}: {[m.sentence for m in mentions]}"
    return found


def test_document_date_from_metadata(extracted):
    article, _, _ = extracted
    dd = resolve_document_date(article.text, metadata="2024-06-20", metadata_source="sidecar")
    assert dd.anchor == date(2024, 6, 20) and dd.interval.resolved_by == "sidecar"


def test_dated_sentence_gives_a_mention_with_date_and_actors(extracted):
    article, _, mentions = extracted
    [m] = _in_sentence(mentions, "a signé mercredi")
    assert (m.date.start, m.date.end) == (date(2024, 6, 19), date(2024, 6, 19))
    assert m.date_text == "mercredi"
    assert article.text[m.date_start:m.date_end] == "mercredi"
    assert set(m.actors) == {"Vladimir Poutine", "Kim Jong-un"}
    assert m.tense == "past"
    assert m.doc_id == "sommet"


def test_sentence_with_two_dates_gives_two_mentions(extracted):
    article, _, mentions = extracted
    found = _in_sentence(mentions, "avril 2019")
    assert len(found) == 2
    assert sorted((m.date.start, m.date.end) for m in found) == [
        (date(2019, 4, 1), date(2019, 4, 30)), (date(2023, 9, 1), date(2023, 9, 30))]
    assert len({m.id for m in found}) == 2
    assert len({m.sentence_index for m in found}) == 1
    for m in found:
        assert m.actors == ("Kim Jong-un",)
        assert article.text[m.date_start:m.date_end] == m.date_text
        assert m.date_text in ("avril 2019", "septembre 2023")


def test_pronoun_subject_takes_the_previous_person(extracted):
    [m] = _in_sentence(extracted[2], "Il a qualifié")
    assert m.actors == ("Kim Jong-un",)


def test_undated_past_sentence_takes_the_article_date(extracted):
    [m] = _in_sentence(extracted[2], "Sergueï Lavrov a salué")
    assert m.actors == ("Sergueï Lavrov",)
    assert (m.date.start, m.date.end) == (date(2024, 6, 20), date(2024, 6, 20))
    assert m.date.resolved_by == "document-date"
    assert m.date_text is None and m.date_start is None


def test_undated_future_sentence_is_of_the_days_after_the_article(extracted):
    """Compared as of the coming week, not dated: the event it makes alone stays undated."""
    from factx.merge import merge_mentions

    [m] = _in_sentence(extracted[2], "se rendra au Vietnam")
    assert m.tense == "future"
    assert (m.date.start, m.date.end) == (date(2024, 6, 20), date(2024, 6, 27))
    assert m.date.resolved_by == "coming" and m.date.approximate and m.date_text is None
    assert m.actors == ("Vladimir Poutine",)
    [event] = merge_mentions([m])
    assert event.date is None


def test_question_and_heading_are_not_mentions(extracted):
    _, _, mentions = extracted
    assert not any("Pourquoi" in m.sentence for m in mentions)
    assert not any(m.sentence == "Le sommet de Pyongyang" for m in mentions)


def test_mention_offsets_frame_the_sentence(extracted):
    article, _, mentions = extracted
    assert mentions, "the article has mentions"
    for m in mentions:
        assert article.text[m.start:m.end] == m.sentence
        assert len(m.id) == 16
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_mention_ids_are_stable(nlp, gazetteer, extracted):
    article, _, first = extracted
    parsed = next(parse_articles(nlp, [article]))
    dd = resolve_document_date(article.text, metadata="2024-06-20", metadata_source="sidecar")
    again = extract_event_mentions(parsed, resolve_article_actors(parsed, gazetteer), dd)
    assert [m.id for m in again] == [m.id for m in first]


def test_no_document_date_leaves_relative_dates_unresolved(nlp, gazetteer):
    article = make_article("sans-date", "Vladimir Poutine a signé mercredi un traité avec Kim Jong-un.")
    parsed = next(parse_articles(nlp, [article]))
    [m] = extract_event_mentions(parsed, resolve_article_actors(parsed, gazetteer), None)
    assert m.date is None
    assert m.date_text == "mercredi"  # the words are kept, the day is unknown


def test_a_date_counted_from_an_earlier_sentence(nlp, gazetteer):
    text = ("Kim Jong-un a été reçu à Vostotchny le 13 septembre 2023.\n"
            "Neuf mois plus tard, Vladimir Poutine a rendu la visite à Pyongyang.")
    mentions = extract_mentions(nlp, gazetteer, "suite", text, metadata_date="2024-06-20")
    [later] = [m for m in mentions if "Neuf mois plus tard" in m.sentence]
    assert later.date_text == "Neuf mois plus tard"
    assert (later.date.start, later.date.end) == (date(2024, 6, 1), date(2024, 6, 30))
    assert later.sentence[later.date_start - later.start:later.date_end - later.start] == "Neuf mois plus tard"


def test_a_pronoun_does_not_stand_for_a_person_of_the_other_gender(nlp, gazetteer):
    text = ("L'avocate de l'accusé, Alexandra Michel, a plaidé la clémence hier.\n"
            "Il a ensuite condamné l'accusé à six mois de prison avec sursis.\n"
            "Elle a annoncé mardi qu'elle ferait appel.")
    mentions = extract_mentions(nlp, gazetteer, "proces", text, metadata_date="2024-06-20")
    actors = {m.sentence.split()[0]: m.actors for m in mentions}
    assert actors["L'avocate"] == ("Alexandra Michel",)
    assert actors["Il"] == ()  # the court, not the lawyer: a fact of its day, told by no named person
    assert actors["Elle"] == ("Alexandra Michel",)


def test_a_date_a_figure_is_compared_with_does_not_date_the_sentence(nlp, gazetteer):
    text = ("Le maire Paul Girard a présenté hier un budget en hausse de 4 % par rapport à l'année dernière.\n"
            "Paul Girard a signalé une fréquentation en baisse par rapport à celle du 14 juillet 2023.")
    mentions = extract_mentions(nlp, gazetteer, "budget", text, metadata_date="2024-06-20")
    budget = [m for m in mentions if "budget" in m.sentence]
    assert [(m.date_text, m.date.start) for m in budget] == [("hier", date(2024, 6, 19))]
    [attendance] = [m for m in mentions if "fréquentation" in m.sentence]
    assert attendance.date_text is None and attendance.date.resolved_by == "document-date"


def test_the_point_a_first_or_a_record_is_measured_from_does_not_date_the_sentence(nlp, gazetteer):
    """'leur première rencontre depuis 2019', 'le plus haut niveau depuis 2008': the sentence tells of
    now, not of 2019; with no person and no other date it is still a mention, of its article's time."""
    text = ("Les deux dirigeants se sont retrouvés à Vladivostok pour un sommet.\n"
            "Il s'agissait de leur première rencontre depuis 2019.\n"
            "Le chômage a atteint en mai son plus haut niveau depuis 2008.")
    mentions = extract_mentions(nlp, gazetteer, "sommet", text, metadata_date="2024-06-20")
    [first] = [m for m in mentions if "rencontre" in m.sentence]
    assert first.date_text is None and first.date.resolved_by == "document-date"
    [record] = [m for m in mentions if "chômage" in m.sentence]
    assert record.date_text == "en mai" or record.date_text == "mai"
    assert record.date.start == date(2024, 5, 1)


# ---------------------------------------------------------------------------------------------
# Sentence records (factx.nlp)

def test_heading_is_its_own_sentence(nlp):
    text = "Poutine attendu à Pyongyang\nLe président russe est arrivé mardi dans la capitale nord-coréenne."
    parsed = next(parse_articles(nlp, [make_article("titre", text)]))
    assert [s.text for s in parsed.sentences] == [
        "Poutine attendu à Pyongyang", "Le président russe est arrivé mardi dans la capitale nord-coréenne."]


def test_sentences_carry_exact_offsets_and_indexes(nlp):
    text = ("Kim Jong Un a reçu Sergueï Lavrov. Ils ont parlé de l'Ukraine.\n\n"
            "Lavrov repartira mardi.")
    parsed = next(parse_articles(nlp, [make_article("offsets", text)]))
    assert [s.index for s in parsed.sentences] == list(range(len(parsed.sentences)))
    for s in parsed.sentences:
        assert text[s.start:s.end] == s.text
        for e in s.entities:
            assert text[e.start:e.end] == e.text
    assert parsed.sentences[0].text == "Kim Jong Un a reçu Sergueï Lavrov."  # "Kim Jong Un" is not cut
    assert parsed.sentences[-1].tense == "future"


def test_parse_streams_several_articles_in_order(nlp):
    articles = [make_article(f"a{i}", f"Le maire numéro {i} a inauguré un pont.\nIl a remercié les ouvriers.")
                for i in range(5)]
    parsed = list(parse_articles(nlp, articles, batch_size=2))
    assert [p.article.doc_id for p in parsed] == ["a0", "a1", "a2", "a3", "a4"]
    assert all(len(p.sentences) == 2 for p in parsed)


@pytest.mark.parametrize("sentence, last", [
    ("Le dirigeant n'avait plus foulé le sol de ce pays depuis juillet 2000.", (date(2000, 7, 1), date(2000, 7, 31))),
    ("Elle ne s'y était jamais rendue depuis 2011.", (date(2011, 1, 1), date(2011, 12, 31))),
    ("Il n'a pas parlé à la presse depuis le 3 mars.", (date(2024, 3, 3), date(2024, 3, 3))),
])
def test_a_negative_clause_with_depuis_dates_the_last_time(sentence, last):
    """'n'avait plus foulé le sol depuis juillet 2000': the event last happened in July 2000."""
    from factx.events import _last_time_if_negated
    from factx.temporal import find_temporal_expressions

    [expr] = find_temporal_expressions(sentence, date(2024, 6, 18))
    assert expr.interval.resolved_by == "since"
    dated = _last_time_if_negated(sentence, expr)
    assert (dated.interval.start, dated.interval.end) == last
    assert dated.interval.resolved_by == "since-start"


@pytest.mark.parametrize("sentence", [
    "Le dirigeant est au pouvoir depuis juillet 2000.",
    "Il dirige le pays depuis 2011, mais ne s'exprime pas.",  # the negation is in another clause
])
def test_a_positive_since_stays_a_span_to_the_article_date(sentence):
    from factx.events import _last_time_if_negated
    from factx.temporal import find_temporal_expressions

    [expr] = find_temporal_expressions(sentence, date(2024, 6, 18))
    assert _last_time_if_negated(sentence, expr).interval.end == date(2024, 6, 18)


def test_an_article_without_a_date_keeps_the_words_of_a_lapse_it_cannot_count(nlp, gazetteer):
    """'il y a près de vingt-cinq ans' with no article date: no day, but the words stay with the
    mention, for an estimate of the article's date to place later."""
    text = "La dernière visite du dirigeant russe Vladimir Poutine à Pyongyang a eu lieu il y a près de vingt-cinq ans."
    [m] = extract_mentions(nlp, gazetteer, "sans-date", text)
    assert m.date is None and m.date_text == "il y a près de vingt-cinq ans"


def test_what_an_undated_article_tells_is_dated_by_its_estimate():
    from builders import interval, make_mention
    from factx.events import date_by_estimates

    estimate = interval("2024-06-13", "2024-06-18", approximate=True, resolved_by="corpus")
    lapse = make_mention("undated", "Sa dernière visite a eu lieu il y a près de vingt-cinq ans.", None,
                         ("Vladimir Poutine",), date_text="il y a près de vingt-cinq ans")
    this_year = make_mention("undated", "Cette année, il a offert une voiture au dirigeant.", None, ("Vladimir Poutine",),
                             date_text="Cette année", start=100, sentence_index=1)
    # counted from the 13th or from the 18th, "the coming Tuesday and Wednesday" is not the same week
    days = make_mention("undated", "Il se rendra en Corée du Nord les prochains mardi et mercredi.", None,
                        ("Vladimir Poutine",), date_text="les prochains mardi et mercredi", start=200, sentence_index=2)
    elsewhere = make_mention("other", "Sa dernière visite a eu lieu il y a près de vingt-cinq ans.", None,
                             ("Vladimir Poutine",), date_text="il y a près de vingt-cinq ans")
    said = make_mention("undated", "Il a salué les liens entre les deux pays.", None, ("Vladimir Poutine",),
                        start=300, sentence_index=3, tense="past")
    coming = make_mention("undated", "Il assistera à un concert.", None, ("Vladimir Poutine",), start=400,
                          sentence_index=4, tense="future")
    placed = date_by_estimates([lapse, this_year, days, elsewhere, said, coming], {"undated": estimate})
    assert placed[0].date.start.year == 1999 and placed[0].date.approximate
    assert placed[0].date.resolved_by == "estimate"
    assert (placed[1].date.start, placed[1].date.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert placed[2] is days and placed[3] is elsewhere
    # told without date words: at the article's estimated date; still to come, in the days after it
    assert placed[4].date == replace(estimate, resolved_by="document-date")
    assert (placed[5].date.start, placed[5].date.end) == (date(2024, 6, 13), date(2024, 6, 25))
    assert placed[5].date.resolved_by == "coming"


def test_a_source_s_conditional_is_told_as_of_the_article_s_date(nlp, gazetteer):
    """"« ... pourrait relever son offre », estime un analyste": what the source says is the news of
    the article's day; the same conditional with no source says nothing of when."""
    text = ("« Le groupe pourrait relever son offre de dix pour cent », estime Paul Mercier, analyste chez Orvane.\n"
            "Paul Mercier pourrait quitter son poste.")
    mentions = extract_mentions(nlp, gazetteer, "analyse", text, metadata_date="2025-10-08")
    [said] = _in_sentence(mentions, "estime Paul Mercier")
    assert said.attributed_to == "Paul Mercier" and said.tense == "conditional"
    assert said.date.resolved_by == "document-date" and said.date.start == date(2025, 10, 8)
    [alone] = _in_sentence(mentions, "pourrait quitter son poste")
    assert alone.attributed_to is None and alone.date is None


def test_a_date_in_a_relative_clause_leaves_the_main_clause_its_own_claim(nlp, gazetteer):
    """"Il s'est entretenu avec son homologue Choe Son Hui, qui s'était rendue à Moscou en novembre
    2024": November 2024 dates her trip to Moscow; the talks, told without date words, are of the
    article's date, without the relative clause's place. "Il" is the minister named before, beside
    the person he met."""
    text = ("Sergueï Lavrov est arrivé vendredi à Wonsan.\n"
            "Il s'est entretenu à deux reprises avec son homologue Choe Son Hui, qui s'était rendue à Moscou en "
            "novembre 2024.")
    mentions = extract_mentions(nlp, gazetteer, "wonsan", text, metadata_date="2025-07-13")
    talks = [m for m in mentions if m.sentence.startswith("Il s'est entretenu")]
    assert sorted((m.date_text or "", m.date.edtf) for m in talks) == [("", "2025-07-13"), ("novembre 2024", "2024-11")]
    [main] = [m for m in talks if m.date_text is None]
    assert main.date.resolved_by == "document-date" and "Moscou" not in main.places
    assert main.actors == ("Sergueï Lavrov", "Choe Son Hui")
    # a date of the main clause leaves no second claim
    dated = extract_mentions(nlp, gazetteer, "w2", "Sergueï Lavrov a rencontré samedi Choe Son Hui, qui était venue "
                                                   "de Pyongyang.", metadata_date="2025-07-13")
    assert [m.date_text for m in dated] == ["samedi"]



def _sentence_of(words):
    """A parsed sentence from (word, dep, head, morph) rows, for the readers of syntax without the model."""
    from factx.nlp import Sentence, Token
    tokens, start = [], 0
    for text, dep, head, morph in words:
        tokens.append(Token(text, text.lower(), "VERB" if dep in ("ROOT", "acl:relcl") else "X", dep, head, morph, start))
        start += len(text) + 1
    text = " ".join(w for w, *_ in words)
    return Sentence(0, 0, len(text), text, (), True, "past", False, (), None, tuple(tokens))


def test_a_relative_clause_is_one_its_pronoun_opens():
    """'... son homologue, qui s'était rendue à Moscou en novembre': the date is the relative clause's.
    The parser also hangs a main verb on a noun as 'acl:relcl' when it misreads a sentence ("le
    renseignement, Kim aurait livré ... depuis octobre"): without a relative pronoun under it, the
    date is the main clause's."""
    from factx.events import _in_relative_clause
    relative = _sentence_of([("Il", "nsubj", 1, ""), ("rencontre", "ROOT", 1, ""), ("Choe", "obj", 1, ""),
                             ("qui", "nsubj", 4, "PronType=Rel"), ("venait", "acl:relcl", 2, ""),
                             ("de", "case", 6, ""), ("Moscou", "obl", 4, ""), ("en", "case", 8, ""),
                             ("novembre", "obl", 4, "")])
    at = relative.text.index("novembre")
    assert _in_relative_clause(relative, at)
    assert not _in_relative_clause(relative, relative.text.index("Choe"))
    misread = _sentence_of([("Le", "det", 1, ""), ("renseignement", "ROOT", 1, ""), ("Kim", "nsubj", 3, ""),
                            ("aurait_livré", "acl:relcl", 1, ""), ("des", "det", 5, ""), ("obus", "obj", 3, ""),
                            ("depuis", "case", 7, ""), ("octobre", "obl", 3, "")])
    assert not _in_relative_clause(misread, misread.text.index("octobre"))


def test_a_parse_with_a_noun_for_root_has_no_main_clause_to_split():
    """"Les faits qui lui sont reprochés remontent au 27 mai 1998": read with "faits" as the root and
    the main verb under the relative clause's, the date is not left to a relative clause."""
    from factx.events import _root_is_a_verb
    noun_root = _sentence_of([("Les", "det", 1, ""), ("faits", "NOUNROOT", 1, ""), ("qui", "nsubj", 3, "PronType=Rel"),
                              ("reprochés", "acl:relcl", 1, ""), ("remontent", "xcomp", 3, ""), ("mai", "obl", 4, "")])
    assert not _root_is_a_verb(noun_root)
    verb_root = _sentence_of([("Il", "nsubj", 1, ""), ("rencontre", "ROOT", 1, ""), ("Choe", "obj", 1, "")])
    assert _root_is_a_verb(verb_root)


# ---------------------------------------------------------------------------------------------
# Facts told without a date or a named person are facts of the article's day (issue 18)

def test_a_fact_without_date_words_or_person_is_a_mention_of_the_article_day(nlp, gazetteer):
    text = ("Un incendie a ravagé un entrepôt de la zone portuaire de Valbourg.\n"
            "La préfecture a ouvert une enquête sur les causes du sinistre.\n"
            "Valbourg sous le choc\n"
            "Envoyer un commentaire\n"
            "Partagez sur les réseaux sociaux !")
    mentions = extract_mentions(nlp, gazetteer, "incendie", text, metadata_date="2024-06-20")
    told = {m.sentence: m for m in mentions}
    assert set(told) == {"Un incendie a ravagé un entrepôt de la zone portuaire de Valbourg.",
                         "La préfecture a ouvert une enquête sur les causes du sinistre."}
    for m in told.values():
        assert (m.date.start, m.date.end, m.date.resolved_by) == (date(2024, 6, 20), date(2024, 6, 20), "document-date")


_FESTIVAL = ("La cinéaste Claire Fontaine a reçu samedi le grand prix du festival de Valbourg.\n"
             "Son producteur, M. Paul Martin, a salué une récompense méritée.\n"
             "La réalisatrice a dédié son prix à toute son équipe.\n"
             "Les spectateurs ont longuement applaudi.")
_STRIKE = ("Le syndicaliste Marc Delorme a annoncé samedi une grève reconductible.\n"
           "La ministre des Transports a reçu les fédérations pendant quatre heures.")
_BUDGET = ("Bruno Lemercier a présenté lundi le budget de la région devant les élus de Valbourg.\n"
           "Lemercier a promis une baisse des dépenses.\n"
           "La présidente Hélène Carvalho a salué un texte sérieux.\n"
           "Le ministre des Finances a défendu une hausse des impôts locaux.")
_SPEECH = ("La cinéaste Claire Fontaine a reçu samedi le grand prix du festival de Valbourg.\n"
           "Fontaine est montée sur scène sous les applaudissements du préfet Paul Martin.\n"
           "« Je dédie ce prix à toute mon équipe.\n"
           "« Nous avons tourné ce film en douze jours.")
_COUPLE = ("Le tribunal de Valbourg a condamné lundi Paul Marchal à deux ans de prison pour fraude.\n"
           "Son épouse, Anne Marchal, a été condamnée à un an avec sursis.\n"
           "Les époux Marchal ont annoncé mardi qu'ils feraient appel.\n"
           "Paul et Anne Marchal devront aussi rembourser 300 000 euros.")
_FUNERAL = ("La chanteuse Claire Fontaine est morte lundi à Valbourg, a annoncé le maire Paul Martin.\n"
            "Fontaine avait 80 ans.\n"
            "Sa dépouille repose au cimetière du port.\n"
            "La cérémonie de ses obsèques est prévue samedi.")
_AGREEMENT = ("Paul Marchal est arrivé lundi à la mairie de Valbourg.\n"
              "Paul Marchal a présenté le budget aux élus.\n"
              "Elle a quitté la salle avant le vote.")
_PORT = ("« Nous avons tenu nos engagements. Le port rouvrira dès lundi », a affirmé mardi Yannick Le Goff.\n"
         "« Les quais seront plus sûrs qu'avant », a-t-il ajouté.")


@pytest.mark.parametrize("text, sentence, actors", [
    # a subject that describes a person is the person of that gender named last; a plural is nobody
    (_FESTIVAL, "La réalisatrice a dédié son prix à toute son équipe.", {"Claire Fontaine"}),
    (_FESTIVAL, "Les spectateurs ont longuement applaudi.", set()),
    # a role with a complement of its own is not the person spoken of last (here, of another gender)
    (_STRIKE, "La ministre des Transports a reçu les fédérations pendant quatre heures.", set()),
    # ... but the person the article is about when no name was given that role
    (_BUDGET, "Le ministre des Finances a défendu une hausse des impôts locaux.", {"Bruno Lemercier"}),
    # a quotation in the first person with no speaker named: the person the article is about ("nous" is not one person)
    (_SPEECH, "« Je dédie ce prix à toute mon équipe.", {"Claire Fontaine"}),
    (_SPEECH, "« Nous avons tourné ce film en douze jours.", set()),
    # a couple named by their surname, or by two first names and one surname, is both persons
    (_COUPLE, "Les époux Marchal ont annoncé mardi qu'ils feraient appel.", {"Paul Marchal", "Anne Marchal"}),
    (_COUPLE, "Paul et Anne Marchal devront aussi rembourser 300 000 euros.", {"Paul Marchal", "Anne Marchal"}),
    # a subject that is someone's, in a sentence naming nobody: the person the article is about
    (_FUNERAL, "Sa dépouille repose au cimetière du port.", {"Claire Fontaine"}),
    (_FUNERAL, "La cérémonie de ses obsèques est prévue samedi.", {"Claire Fontaine"}),
    # "elle" is not a man the words agreeing with his name ("est arrivé") say is one
    (_AGREEMENT, "Elle a quitté la salle avant le vote.", set()),
    # the speaker a pronoun stands for is the quotation's actor
    (_PORT, "« Les quais seront plus sûrs qu'avant », a-t-il ajouté.", {"Yannick Le Goff"}),
])
def test_the_persons_a_sentence_speaks_of(nlp, gazetteer, text, sentence, actors):
    """Who a sentence without a name, or with a name that stands for several, speaks of (issue 18)."""
    found = {m.sentence: set(m.actors) for m in extract_mentions(nlp, gazetteer, "personnes", text, metadata_date="2024-06-20")}
    assert found[sentence] == actors


def test_the_next_he_is_the_subject_not_the_first_name_of_the_sentence(nlp, gazetteer):
    """'Le conseiller de la maire Anne Kervella, Yannick Le Goff, a confirmé...' speaks of Le Goff: the
    quote his 'a-t-il ajouté' ends is his, and so is the claim."""
    text = ("Le conseiller de la maire Anne Kervella, Yannick Le Goff, a confirmé lundi la fermeture du port.\n"
            "« Nous rouvrirons les quais dès que possible », a-t-il ajouté.")
    mentions = extract_mentions(nlp, gazetteer, "port", text, metadata_date="2025-03-04")
    quote = next(m for m in mentions if m.sentence.startswith("«"))
    assert quote.attributed_to == "Yannick Le Goff"


@pytest.mark.parametrize("text", [
    # the speaker after the closing mark
    "« Nous avons tenu bon pendant trois semaines. Les quais rouvriront demain matin », a assuré Yannick Le Goff "
    "mardi 4 mars 2025.",
    # the speaker before the opening mark
    "Yannick Le Goff a déclaré mardi 4 mars 2025 : « Nous avons tenu bon pendant trois semaines. Les quais "
    "rouvriront demain matin. »",
])
def test_every_sentence_of_a_quotation_is_its_speakers(nlp, gazetteer, text):
    mentions = extract_mentions(nlp, gazetteer, "quais", text, metadata_date="2025-03-04")
    inner = [m for m in mentions if "Le Goff" not in m.sentence]
    assert inner and all(m.actors == ("Yannick Le Goff",) for m in inner)


def test_a_pronoun_no_person_stands_for_is_no_source(nlp, gazetteer):
    text = ("La direction du port a réagi mardi 4 mars 2025.\n\"Mais il est nécessaire d'avoir davantage de moyens "
            "pour les quais\", a-t-il dit sur le réseau social X.")
    mentions = extract_mentions(nlp, gazetteer, "moyens", text, metadata_date="2025-03-04")
    assert mentions and all(m.attributed_to is None for m in mentions)


def test_a_full_name_the_folder_gives_a_person_is_a_person_in_every_article():
    from builders import make_mention
    from factx.events import with_folder_persons

    named = make_mention("a", "Adaeze Okafor Lind a ouvert la séance.", None, actors=("Adaeze Okafor Lind",))
    misread = make_mention("b", "Adaeze Okafor Lind a précisé le calendrier.", None, organisations=("Adaeze Okafor Lind", "OMF"))
    single = make_mention("c", "Lind a parlé.", None, organisations=("Lind",))
    out = with_folder_persons([named, misread, single])
    assert out[1].actors == ("Adaeze Okafor Lind",) and out[1].organisations == ("OMF",)
    assert out[2] == single


def test_an_order_to_the_reader_is_no_fact(nlp, gazetteer):
    text = ("Suivez notre direct consacré à l'inauguration du pont de Brest, ce samedi 8 mars 2025.\n"
            "Le pont de Brest a été inauguré samedi 8 mars 2025 par la maire.")
    mentions = extract_mentions(nlp, gazetteer, "pont", text, metadata_date="2025-03-08")
    assert [m.sentence[:12] for m in mentions] == ["Le pont de B"]


def _dates_by_sentence(nlp, gazetteer, text: str) -> set:
    mentions = extract_mentions(nlp, gazetteer, "faits", text, metadata_date="2025-03-04")
    return {(m.date.start.isoformat() if m.date else None) for m in mentions}


def test_a_date_that_names_when_a_noun_happened_leaves_the_verb_to_the_article_day(nlp, gazetteer):
    """'condamné pour la fraude électorale de 2014': the fraud is of 2014, the conviction of the article's day."""
    assert _dates_by_sentence(nlp, gazetteer, "L'ancien maire de Brest a été condamné pour la fraude électorale "
                                              "de 2014.") == {"2014-01-01", "2025-03-04"}


@pytest.mark.parametrize("text", [
    # the noun is the subject: the attacks are what the sentence tells
    "Les attentats du 13 novembre 2015 ont fait 130 morts à Paris.",
    # the noun is a stretch of time: the date is the verb's
    "Le séisme s'est produit dans la nuit du 8 septembre 2023 près de Marrakech.",
])
def test_a_date_of_the_subject_or_of_a_stretch_of_time_dates_the_verb(nlp, gazetteer, text):
    assert "2025-03-04" not in _dates_by_sentence(nlp, gazetteer, text)


def test_the_headline_tells_a_fact_of_the_article_day(nlp, gazetteer):
    text = ("Inondations dans le Finistère : la préfecture déclenche l'alerte rouge\n"
            "Les pluies ont commencé dans la nuit.\n"
            "Plan de circulation\n")
    mentions = extract_mentions(nlp, gazetteer, "crue", text, metadata_date="2025-03-04")
    by_sentence = {m.sentence: m.date for m in mentions}
    assert by_sentence["Inondations dans le Finistère : la préfecture déclenche l'alerte rouge"].start.isoformat() == "2025-03-04"
    assert "Plan de circulation" not in by_sentence


def test_a_role_written_without_the_capital_accent_is_the_gazetteer_person(nlp, gazetteer):
    mentions = extract_mentions(nlp, gazetteer, "etat", "Le chef de l'Etat a salué mardi 4 mars 2025 le travail "
                                                        "des sauveteurs.", metadata_date="2025-03-04")
    assert mentions and "Emmanuel Macron" in mentions[0].actors
