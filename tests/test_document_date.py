"""factx/temporal/document_date.py: the article's own date as a careful reader sets it from the text.

The sentences are the team's own."""

from __future__ import annotations

from datetime import date

from factx.temporal import infer_document_date

D = date.fromisoformat
TODAY = D("2026-01-15")

BODY = ("Les maraîchers de la vallée ont manifesté devant la préfecture pour réclamer des aides après la grêle "
        "qui a détruit une grande partie de leurs récoltes de printemps.")
BODY_2 = ("Le préfet a reçu une délégation en fin de matinée et promis de transmettre leurs demandes au ministère "
          "de l'Agriculture, sans avancer de montant ni de calendrier précis.")


def test_a_dateline_after_the_lead_paragraph_still_dates_the_article():
    dd = infer_document_date(f"Grêle : les maraîchers à la préfecture\n{BODY}\n12 mai 2025\n{BODY_2}", today=TODAY)
    assert dd.anchor == D("2025-05-12") and dd.interval.resolved_by == "dateline"


def test_a_short_line_once_the_body_has_begun_is_no_dateline():
    """A teaser or a heading after the body ("Le 3 avril 1961, dans une rue de Lyon, un") tells
    another story's date, not the article's."""
    text = f"Grêle : les maraîchers à la préfecture\n{BODY}\n{BODY_2}\nLe 3 avril 1961, dans une rue de Lyon, un"
    assert infer_document_date(text, today=TODAY) is None
    # the article's weekday with its date is then what dates it
    dated = text.replace("ont manifesté", "ont manifesté lundi 12 mai")
    dd = infer_document_date(dated, today=TODAY)
    assert dd.anchor == D("2025-05-12") and dd.interval.resolved_by == "weekday-date"


def test_this_weekday_is_the_likeliest_day_of_the_week_a_weekday_date_allows():
    """An article that announces "dimanche 18 mai" was written in the week before; the day it calls
    "ce mercredi" is its own."""
    text = ("Le préfet a annoncé ce mercredi matin que la foire se tiendrait bien dimanche 18 mai 2025.\n"
            "Les exposants seront plus nombreux que l'an dernier.")
    dd = infer_document_date(text, today=TODAY)
    assert (dd.interval.start, dd.interval.end) == (D("2025-05-12"), D("2025-05-18"))
    assert dd.anchor == D("2025-05-14")
    # without it, the day named is the likeliest
    plain = infer_document_date(text.replace("ce mercredi matin", "à la presse"), today=TODAY)
    assert plain.anchor == D("2025-05-18")
    # two such weekdays say nothing of which day it is
    both = infer_document_date(text.replace("ce mercredi matin", "ce mardi puis ce mercredi"), today=TODAY)
    assert both.anchor == D("2025-05-18")


def test_a_weekday_date_keeps_its_written_year_in_its_words():
    """The story may move a weekday-date's guessed year, never a written one: the words say which."""
    text = "Les portes de la vieille halle ont rouvert ce samedi 6 décembre 2025 devant une foule venue de toute la région."
    dd = infer_document_date(text, today=TODAY)
    assert dd.words == "ce samedi 6 décembre 2025"
    dd = infer_document_date(text.replace(" 2025", ""), today=TODAY)
    assert dd.words == "ce samedi 6 décembre"
