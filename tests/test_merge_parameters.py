"""The merge's parameters and word lists (models/merge.json): read once, checked, each explained."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from builders import interval, make_mention
from factx.errors import DataFileError
from factx.merge.parameters import parameters
from factx.resources import models_dir


def test_every_parameter_has_a_value_and_says_why():
    raw = json.loads((models_dir() / "merge.json").read_text(encoding="utf-8"))
    entries = {name: entry for name, entry in raw.items() if not name.startswith("_")}
    assert len(entries) >= 20
    for name, entry in entries.items():
        assert set(entry) == {"value", "why"} and len(entry["why"]) > 40, name


def test_date_words_are_the_temporal_lexicon_s_lists_and_the_few_more_named():
    from factx.merge.lexicon import lexicon

    assert {"mars", "lundi", "semaines", "printemps", "lendemain", "hier"} <= lexicon().date_words


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A copy of models/ the merge reads instead, its caches emptied before and after."""
    import factx.merge.lexicon as lexicon
    import factx.merge.parameters as merge_parameters
    import factx.resources as resources

    folder = tmp_path / "models"
    shutil.copytree(models_dir(), folder)
    monkeypatch.setattr(resources, "models_dir", lambda: folder)
    monkeypatch.setattr(lexicon, "models_dir", lambda: folder)
    caches = (merge_parameters.parameters, lexicon.lexicon, lexicon.counts_of, lexicon.quantities,
              resources.load_json_resource)
    for cache in caches:
        cache.cache_clear()
    yield folder
    for cache in caches:
        cache.cache_clear()


def _break(folder, change) -> None:
    path = folder / "merge.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("change, field", [
    (lambda raw: raw.pop("news_lag_days"), "news_lag_days"),
    (lambda raw: raw["memory_margin"].update(value="0.05"), "memory_margin.value"),
    (lambda raw: raw["full_merge_share"].update(value=-1), "full_merge_share.value"),
    (lambda raw: raw["gram_size"].update(value=5), "gram_size.value"),
    (lambda raw: raw["open_candidates"].update(value=2.5), "open_candidates.value"),
    (lambda raw: raw["memory_margin"].pop("why"), "memory_margin.why"),
    (lambda raw: raw["news_reach_days"]["value"].pop("month"), "news_reach_days.value.month"),
    (lambda raw: raw["clause_openers"].update(value=["où", 3]), "clause_openers.value[1]"),
    (lambda raw: raw.update(memory_margn={"value": 0.1, "why": "a misspelt name is no parameter at all"}),
     "memory_margn"),
])
def test_a_malformed_parameter_stops_the_merge_naming_the_file_and_the_field(models, change, field):
    from factx.merge import merge_mentions

    _break(models, change)
    mention = make_mention("a", "Le maire a inauguré la nouvelle médiathèque.", interval("2024-06-19"))
    with pytest.raises(DataFileError, match=re.escape(f"models/merge.json: {field}:")):
        merge_mentions([mention])


def test_a_date_word_list_the_temporal_lexicon_lacks_is_named(models):
    from factx.merge.lexicon import lexicon

    _break(models, lambda raw: raw["date_words"]["value"].update(temporal_fr=["months", "no_such_list"]))
    with pytest.raises(DataFileError, match=r"models/merge\.json: date_words\.value\.temporal_fr: 'no_such_list'"):
        lexicon()
