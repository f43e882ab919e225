"""The merge gold (issue 6, item 6): tests/data/merge_gold.json scored by bench/merge_eval.py.

The evaluation lives in ONE place, bench/merge_eval.py (also the command that writes docs/merging.md);
this file imports it (the `bench` package) and runs it with the session's shared model. The gold must be well-formed
(a normal test), and the merge must reach the issue's targets (precision >= 0.95, recall >= 0.9).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import merge_eval

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gold() -> dict:
    return merge_eval.load_gold()


@pytest.fixture(scope="module")
def evaluation(gold, nlp, tmp_path_factory):
    """The gold articles extracted once with the real pipeline (reusing the session's model), all pairs scored."""
    return merge_eval.evaluate(gold, nlp, tmp_path_factory.mktemp("merge_gold"))


# -- the gold file alone (no model) ----------------------------------------------------------------

def test_gold_file_is_well_formed(gold):
    assert merge_eval.check_gold(gold) == []


def test_gold_has_enough_pairs_of_each_class(gold):
    pairs = gold["pairs"]
    must_merge = [p for p in pairs if p["merge"]]
    must_not = [p for p in pairs if not p["merge"]]
    assert len(pairs) >= 70
    assert len(must_merge) >= merge_eval.MIN_PER_CLASS and len(must_not) >= merge_eval.MIN_PER_CLASS


def test_gold_pairs_are_cross_source_and_spread_over_stories(gold):
    assert all(p["a"]["doc"] != p["b"]["doc"] for p in gold["pairs"])
    stories = {gold["docs"][p["a"]["doc"]]["story"] for p in gold["pairs"]}
    assert len(stories) >= 6  # not only the Poutine / North Korea story
    own = [spec for spec in gold["docs"].values() if spec["path"].startswith("tests/data/merge_articles/")]
    assert len(own) >= 10


def test_gold_quotes_occur_once_in_their_file(gold):
    """A cheap check before the model: each quote is in its raw file exactly once."""
    for pair in gold["pairs"]:
        for name in ("a", "b"):
            side = pair[name]
            raw = (ROOT / gold["docs"][side["doc"]]["path"]).read_text(encoding="utf-8").replace("\u00a0", " ")
            assert raw.count(side["quote"]) == 1, (pair["id"], name, side["quote"])


# -- with the model ----------------------------------------------------------------------------------

@pytest.mark.model
def test_every_quote_is_in_exactly_one_sentence(evaluation):
    assert evaluation.problems == []


@pytest.mark.model
def test_every_pair_is_scored_and_every_error_explained(evaluation, gold):
    s = evaluation.summary()
    assert s["tp"] + s["fp"] + s["fn"] + s["tn"] == len(gold["pairs"])
    assert [o.id for o in evaluation.outcomes] == [p["id"] for p in gold["pairs"]]
    for o in evaluation.errors:
        assert o.reasons and o.detail, o.id
        assert set(o.reasons) <= set(merge_eval.REASONS), o.id


@pytest.mark.model
def test_report_renders(evaluation):
    text = merge_eval.render_markdown(evaluation)
    assert "| gold pairs |" in text and "## Every wrong pair" in text


@pytest.mark.model
def test_merge_reaches_the_targets(evaluation):
    assert evaluation.precision is not None and evaluation.precision >= merge_eval.TARGET_PRECISION
    assert evaluation.recall is not None and evaluation.recall >= merge_eval.TARGET_RECALL
