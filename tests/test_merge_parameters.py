"""The merge's parameters and word lists (models/merge.json): read once, checked, each explained."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builders import interval, make_mention
from factx.errors import DataFileError
from factx.merge.parameters import AGREEMENTS, FRAMES, load_parameters, parameters
from factx.resources import models_dir


def _written(tmp_path, change) -> Path:
    raw = json.loads((models_dir() / "merge.json").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "merge.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_parameter_has_a_value_and_says_why():
    raw = json.loads((models_dir() / "merge.json").read_text(encoding="utf-8"))
    entries = {name: entry for name, entry in raw.items() if not name.startswith("_")}
    assert len(entries) >= 20
    for name, entry in entries.items():
        assert set(entry) == {"value", "why"} and len(entry["why"]) > 40, name


def test_the_less_the_dates_agree_the_more_alike_the_words_must_be():
    thresholds = parameters().thresholds
    for frames in FRAMES:
        needed = [thresholds[(agreement, frames)] for agreement in AGREEMENTS]
        assert needed == sorted(needed), frames


@pytest.mark.parametrize("change, field", [
    (lambda raw: raw.pop("place_margin"), "place_margin"),
    (lambda raw: raw["thresholds"]["value"]["open"].pop("diff"), "thresholds.open.diff"),
    (lambda raw: raw["count_bonus"].update(value="0.05"), "count_bonus"),
    (lambda raw: raw["gram_size"].update(value=5), "gram_size"),
    (lambda raw: raw["open_candidates"].update(value=2.5), "open_candidates"),
    (lambda raw: raw["memory_margin"].pop("why"), "memory_margin"),
    (lambda raw: raw["news_reach_days"]["value"].pop("month"), "news_reach_days.month"),
    (lambda raw: raw["clause_openers"].update(value=["où", 3]), "clause_openers"),
])
def test_a_malformed_parameter_is_named_with_its_file(tmp_path, change, field):
    path = _written(tmp_path, change)
    with pytest.raises(DataFileError) as error:
        load_parameters(path)
    assert str(path) in str(error.value) and f"'{field}'" in str(error.value)


def test_a_file_that_is_not_json_is_named(tmp_path):
    path = tmp_path / "merge.json"
    path.write_text('{"thresholds": ', encoding="utf-8")
    with pytest.raises(DataFileError, match="merge.json: not valid JSON"):
        load_parameters(path)


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A copy of models/ the merge reads instead, its caches emptied before and after."""
    import factx.merge.lexicon as lexicon
    import factx.merge.parameters as merge_parameters
    import factx.resources as resources

    folder = tmp_path / "models"
    shutil.copytree(models_dir(), folder)
    monkeypatch.setattr(resources, "models_dir", lambda: folder)
    monkeypatch.setattr(merge_parameters, "models_dir", lambda: folder)
    monkeypatch.setattr(lexicon, "models_dir", lambda: folder)
    caches = (merge_parameters.parameters, lexicon.lexicon, lexicon.counts_of, lexicon.quantities,
              resources.load_json_resource)
    for cache in caches:
        cache.cache_clear()
    yield folder
    for cache in caches:
        cache.cache_clear()


def _broken(folder, change) -> None:
    path = folder / "merge.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def test_a_merge_stops_on_a_malformed_parameter_file(models):
    from factx.merge import merge_mentions

    _broken(models, lambda raw: raw["sentence_margin"].update(value=-1))
    mention = make_mention("a", "Le maire a inauguré la nouvelle médiathèque.", interval("2024-06-19"))
    with pytest.raises(DataFileError, match=r"merge\.json: field 'sentence_margin'"):
        merge_mentions([mention])


def test_date_words_are_the_temporal_lexicon_s_lists_and_the_few_more_named():
    from factx.merge.lexicon import lexicon

    assert {"mars", "lundi", "semaines", "printemps", "lendemain", "hier"} <= lexicon().date_words


def test_a_date_word_list_the_temporal_lexicon_lacks_is_named(models):
    from factx.merge.lexicon import lexicon

    _broken(models, lambda raw: raw["date_words"]["value"].update(temporal_fr=["months", "no_such_list"]))
    with pytest.raises(DataFileError, match=r"merge\.json: field 'date_words.temporal_fr' names 'no_such_list'"):
        lexicon()
