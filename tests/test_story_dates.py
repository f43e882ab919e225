"""factx/merge/story_dates.py: an undated article dated by the dated articles of its story.

The sentences are the team's own; the model's weights are those of models/story_dates.json."""

from __future__ import annotations

from collections import Counter

import pytest

from builders import day, interval, make_mention
from factx.merge.story_dates import (DocumentProfile, StoryModel, document_profiles, estimate_from_story,
                                     lendable_day, same_story_probability, shifted_weekday_dates,
                                     slipped_documents, story_model, text_floors)
from factx.pipeline import run_extract
from factx.store import Store

# a harbour strike told by three outlets, and a vintage fair told by a fourth
STRIKE = ("Les dockers du port de Brest ont voté la grève illimitée contre la fermeture du terminal {}.",
          "Yannick Le Goff, délégué des dockers, a dénoncé la fermeture du terminal céréalier de Brest.",
          "La direction du port de Brest a confirmé la suspension des escales pendant la grève.")
FAIR = ("La foire aux vins de Colmar a accueilli ses premiers viticulteurs alsaciens sous un grand soleil.",
        "Monique Haeberlin, présidente de la foire, a salué la qualité des cépages de la vendange.",
        "Les dégustations de riesling et de gewurztraminer ont attiré une foule de visiteurs à Colmar.")


def _article(doc_id: str, sentences, actors=("Yannick Le Goff",), places=("Brest",)):
    return [make_mention(doc_id, s.format(""), None, actors=actors, places=places, start=200 * i)
            for i, s in enumerate(sentences)]


def _folder():
    mentions = (_article("a", STRIKE) + _article("b", STRIKE[:2]) + _article("c", STRIKE[1:])
                + _article("d", FAIR, actors=("Monique Haeberlin",), places=("Colmar",))
                + _article("u", STRIKE))
    return document_profiles(mentions)


def test_undated_article_takes_the_day_its_story_was_told():
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-03-05"), "d": day("2025-09-12")}
    estimates = estimate_from_story(_folder(), lenders, ["u"], {})
    assert estimates["u"] == interval("2025-03-04", approximate=True, resolved_by="corpus")


def test_an_article_of_another_story_lends_nothing():
    # only the fair is dated: the strike's undated article must not take the fair's day
    estimates = estimate_from_story(_folder(), {"d": day("2025-09-12")}, ["u"], {})
    assert estimates == {}


def test_the_days_its_claims_allow_come_first():
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-03-06")}
    claims = {"u": interval("2025-03-06", "2025-03-12", approximate=True, resolved_by="corpus")}
    assert estimate_from_story(_folder(), lenders, ["u"], claims)["u"].start == day("2025-03-06")


def test_a_tie_goes_to_the_earlier_day():
    profiles = {"a": DocumentProfile(Counter({"Brest": 1}), Counter({"grève": 1})),
                "b": DocumentProfile(Counter({"Brest": 1}), Counter({"grève": 1})),
                "u": DocumentProfile(Counter({"Brest": 1}), Counter({"grève": 1}))}
    estimates = estimate_from_story(profiles, {"a": day("2025-03-05"), "b": day("2025-03-04")}, ["u"], {})
    assert estimates["u"].start == day("2025-03-04")


def test_only_an_article_dated_within_days_lends_its_day():
    model = story_model()
    assert lendable_day(interval("2025-03-01", "2025-03-31", precision="month"), None, model) is None
    assert lendable_day(interval("2025-03-03", "2025-03-09"), day("2025-03-04"), model) == day("2025-03-04")
    assert lendable_day(interval("2025-03-03"), None, model) == day("2025-03-03")
    assert lendable_day(None, None, model) is None


def test_the_fitted_model_grows_with_both_similarities():
    model = story_model()
    assert isinstance(model, StoryModel) and 0 < model.threshold < 1
    assert model.name_weight > 0 and model.lemma_weight > 0
    assert same_story_probability(0.0, 0.0, model) < model.threshold < same_story_probability(0.6, 0.4, model)


def _extracted_documents(tmp_path, texts: dict[str, str]) -> dict:
    """The stored documents of a folder of the given texts, extracted."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        run_extract([str(folder)], store)
        return {d.id: d for d in store.documents()}


@pytest.mark.model
def test_extract_dates_an_undated_article_from_its_story(tmp_path, reuse_model):
    dated = ("Le mardi 4 mars 2025, les dockers du port de Brest ont voté la grève illimitée. "
             "Yannick Le Goff, délégué des dockers, a dénoncé la fermeture du terminal céréalier de Brest.\n")
    undated = ("Les dockers du port de Brest ont voté la grève illimitée contre la fermeture du terminal. "
               "Yannick Le Goff, délégué des dockers, a dénoncé la fermeture du terminal céréalier de Brest. "
               "La direction du port de Brest a confirmé la suspension des escales.\n")
    documents = _extracted_documents(tmp_path, {"a": "Grève au port de Brest\n\n" + dated,
                                                "b": "Les dockers de Brest en grève\n\n" + undated})
    date = documents["b"].date
    assert date is not None and date.resolved_by == "corpus"
    assert date.start == date.end == day("2025-03-04")


def test_a_weekday_date_its_story_contradicts_is_a_slip():
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-03-05")}
    dates = {"a": interval("2025-03-04"), "b": interval("2025-03-04"), "c": interval("2025-03-05"),
             "d": None, "u": interval("2023-03-04", "2023-03-10", approximate=True, resolved_by="weekday-date")}
    assert slipped_documents(_folder(), dates, lenders) == {"u": dates["u"]}
    # the same weekday-date in the story's own days is no slip
    dates["u"] = interval("2025-03-04", "2025-03-10", approximate=True, resolved_by="weekday-date")
    assert slipped_documents(_folder(), dates, lenders) == {}


@pytest.mark.model
def test_extract_dates_a_slipped_article_by_its_story_and_shows_the_conflict(tmp_path, reuse_model):
    strike = ("Les dockers du port de Brest ont voté la grève illimitée contre la fermeture du terminal céréalier. "
              "Yannick Le Goff, délégué des dockers, a dénoncé la fermeture du terminal céréalier de Brest.\n")
    published = f"Grève au port de Brest\n\nPublié le 5 mars 2025\n\n{strike}"
    # 4 March was a Saturday in 2023, not in 2025: the text alone would date it 2023
    documents = _extracted_documents(tmp_path, {"a": published, "b": published, "c": (
        "Les dockers de Brest en grève\n\nLe samedi 4 mars, les dockers du port de Brest ont voté la grève illimitée. "
        + strike)})
    assert documents["c"].contradicted is not None and documents["c"].contradicted.start.year == 2023
    assert documents["c"].date.resolved_by == "corpus" and documents["c"].date.start.year == 2025


def test_an_article_is_no_earlier_than_the_latest_day_it_tells_in_the_past():
    mentions = [
        make_mention("u", "Le 6 mars 2025, les dockers ont voté la grève.", interval("2025-03-06"), date_text="6 mars 2025"),
        make_mention("u", "En février 2025, le terminal avait perdu un client.", interval("2025-02-01", "2025-02-28", "month"),
                     date_text="février 2025", tense="pluperfect", start=100),
        # a day still to come, inside a sentence told in the past, bounds nothing
        make_mention("u", "Ils ont annoncé une grève qui s'étalera du 20 au 22 mars 2025.",
                     interval("2025-03-20", "2025-03-22"), date_text="du 20 au 22 mars 2025", start=200),
        # nor a year alone
        make_mention("u", "Le maire, candidat pour 2027, a soutenu les dockers.", interval("2027-01-01", "2027-12-31", "year"),
                     date_text="2027", start=300),
        make_mention("v", "En février 2025, le terminal a perdu un client.", interval("2025-02-01", "2025-02-28", "month"),
                     date_text="février 2025"),
        make_mention("w", "Le 6 mars 2025, les dockers voteront la grève.", interval("2025-03-06"), date_text="6 mars 2025",
                     tense="future"),
    ]
    assert text_floors(mentions) == {"u": day("2025-03-06"), "v": day("2025-02-01")}


def test_the_story_s_days_must_agree_with_what_the_article_tells():
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-03-09")}
    # a later day of its story that agrees is taken
    assert estimate_from_story(_folder(), lenders, ["u"], {}, floors={"u": day("2025-03-06")})["u"].start == day("2025-03-09")
    # when every day its story lends is earlier, the article was written soon after the day it tells
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-03-05")}
    assert estimate_from_story(_folder(), lenders, ["u"], {}, floors={"u": day("2025-03-07")})["u"].start == day("2025-03-07")
    # a floor far before changes nothing
    assert estimate_from_story(_folder(), lenders, ["u"], {}, floors={"u": day("2019-03-07")})["u"].start == day("2025-03-04")


def test_a_weekday_date_with_its_year_or_after_its_story_is_no_slip():
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-03-05")}
    dates = {"a": interval("2025-03-04"), "b": interval("2025-03-04"), "c": interval("2025-03-05"),
             "d": None, "u": interval("2025-12-06", "2025-12-07", approximate=True, resolved_by="weekday-date")}
    assert slipped_documents(_folder(), dates, lenders) == {"u": dates["u"]}
    # "ce samedi 6 décembre 2025": the text writes its year
    assert slipped_documents(_folder(), dates, lenders, words={"u": "ce samedi 6 décembre 2025"}) == {}
    # the article tells in the past a day after every day of its story
    assert slipped_documents(_folder(), dates, lenders, floors={"u": day("2025-12-01")}) == {}


def test_a_slipped_weekday_date_keeps_its_weekday_and_day_in_its_story_s_year():
    slipped = {"u": interval("2026-08-08", "2026-08-09", approximate=True, resolved_by="weekday-date"),
               "s": interval("2023-03-04", "2023-03-10", approximate=True, resolved_by="weekday-date")}
    supports = {"u": Counter({day("2020-08-04"): 1.0}), "s": Counter({day("2025-03-05"): 1.0})}
    shifted = shifted_weekday_dates(slipped, {"u": day("2026-08-08"), "s": day("2023-03-04")}, supports)
    # Saturday 8 August: 2020 has it, four days after its story; Saturday 4 March: not 2024, 2025 or 2026
    assert shifted == {"u": interval("2020-08-08", approximate=True, resolved_by="corpus")}


def test_the_estimate_is_the_same_when_a_rerun_starts_from_it():
    """A re-run hands back the stored estimate as the claims' (pipeline's KnownEstimates): the floor
    comes before the claims' days, so the answer does not move."""
    lenders = {"a": day("2025-03-04"), "b": day("2025-03-04"), "c": day("2025-06-20")}
    floors = {"u": day("2025-03-10")}
    claims = {"u": interval("2025-03-02", "2025-03-05", approximate=True, resolved_by="corpus")}
    first = estimate_from_story(_folder(), lenders, ["u"], claims, floors=floors)["u"]
    assert first.start == day("2025-06-20")
    assert estimate_from_story(_folder(), lenders, ["u"], {"u": first}, floors=floors)["u"] == first
