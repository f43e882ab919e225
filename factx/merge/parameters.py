"""The merge's parameters, read once from models/merge.json (the fitted model that decides which
pairs merge is models/merge_model.json, read by model.py), which is checked against its schema
(factx/schemas/merge.schema.json) as it is read: a malformed file stops the run with a DataFileError
naming the file and the field, before any pair is scored."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json_resource



@dataclass(frozen=True)
class Parameters:
    news_lag_days: int
    exact_slack_days: int
    approximate_slack_max_days: int
    coming_slack_days: int
    open_candidates: int
    block_rare_words: int
    memory_margin: float
    full_merge_share: float
    gram_size: int
    clause_min_words: int
    lemma_stem_letters: int
    idiom_stem_letters: int
    quoted_run_words: int
    quoted_long_word_letters: int
    summary_max_chars: int
    news_reach_days: dict  # a date's precision ('other': any other) -> days
    date_words: dict  # {"temporal_fr": [names of lists of temporal_fr.json], "more": [words]}
    clause_openers: tuple
    naming_determiners: tuple
    not_counts: tuple


@lru_cache(maxsize=1)
def parameters() -> Parameters:
    raw = load_json_resource("merge.json")
    value = {name: entry["value"] for name, entry in raw.items() if not name.startswith("_")}
    return Parameters(**{name: tuple(v) if isinstance(v, list) else v for name, v in value.items()})
