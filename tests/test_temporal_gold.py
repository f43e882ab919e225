"""factx's date reader on the team's hand-written gold (tests/data/temporal_gold.json).

The scoring lives in bench/compare_dates.py, which also writes docs/dates.md, so the figure this test
guards is the one the doc reports.
"""

from __future__ import annotations

from datetime import date

import pytest

from bench import compare_dates as bench

MIN_VALUE_ACCURACY = 0.95
ITEMS = bench.load_gold()


def test_gold_is_well_formed():
    expressions = [(item, e) for item in ITEMS for e in item["expressions"]]
    assert len(expressions) >= 180
    assert len({item["id"] for item in ITEMS}) == len(ITEMS)
    for item, e in expressions:
        assert item["text"][e["start"]:e["end"]] == e["text"], (item["id"], e["text"])
        assert date.fromisoformat(e["start_day"]) <= date.fromisoformat(e["end_day"]), item["id"]
        assert isinstance(e["approximate"], bool)
    for item in ITEMS:
        date.fromisoformat(item["dct"])
        for words in item["not_dates"]:
            assert words in item["text"], (item["id"], words)


@pytest.fixture(scope="module")
def factx_score():
    return bench.score(ITEMS, bench.factx_dates)


def test_factx_value_accuracy(factx_score):
    misses = [(item["id"], gold["text"], bench._days(found)) for item, gold, found in factx_score["misses"]]
    assert factx_score["value_accuracy"] >= MIN_VALUE_ACCURACY, misses


def test_factx_dates_no_look_alike(factx_score):
    wrong = [(item["id"], words, bench._days(found)) for item, words, found in factx_score["false_dates"]]
    assert wrong == []


def test_scoring_can_fail():
    """A reader that puts every expression on the article's day must score far below the bar."""
    def article_day(item):
        dct = date.fromisoformat(item["dct"])
        return [bench.Found(e["start"], e["end"], dct, dct) for e in item["expressions"]]

    result = bench.score(ITEMS, article_day)
    assert result["span_recall"] == 1.0
    assert result["value_accuracy"] < 0.2
