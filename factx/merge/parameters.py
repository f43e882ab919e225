"""The merge's parameters, read once from models/merge.json and checked: a malformed file stops the
run with a DataFileError naming the file and the field, before any pair is scored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..resources import models_dir

AGREEMENTS = ("same", "near", "open")
FRAMES = ("shared", "diff", "none")
PRECISIONS = ("day", "week", "month", "season", "year", "other")


@dataclass(frozen=True)
class Parameters:
    thresholds: dict  # (agreement, frames) -> the similarity a pair needs
    sentence_margin: float
    place_margin: float
    count_bonus: float
    persons_bonus: float
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
    news_reach_days: dict  # a date's precision -> days
    date_words: dict  # {"temporal_fr": [names of lists in temporal_fr.json], "more": [words]}
    clause_openers: tuple
    naming_determiners: tuple
    not_counts: tuple


@lru_cache(maxsize=1)
def parameters() -> Parameters:
    return load_parameters(models_dir() / "merge.json")


def load_parameters(path: Path) -> Parameters:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path}: data file missing") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    read = _Reader(path, raw)
    return Parameters(
        thresholds={(agreement, frames): read.number(f"thresholds.{agreement}.{frames}", 0, 1)
                    for agreement in AGREEMENTS for frames in FRAMES},
        sentence_margin=read.number("sentence_margin", 0, 1),
        place_margin=read.number("place_margin", 0, 1),
        count_bonus=read.number("count_bonus", 0, 1),
        persons_bonus=read.number("persons_bonus", 0, 1),
        news_lag_days=read.whole("news_lag_days", 0, 366),
        exact_slack_days=read.whole("exact_slack_days", 0, 366),
        approximate_slack_max_days=read.whole("approximate_slack_max_days", 1, 3660),
        coming_slack_days=read.whole("coming_slack_days", 0, 366),
        open_candidates=read.whole("open_candidates", 1, 100_000),
        block_rare_words=read.whole("block_rare_words", 0, 100),
        memory_margin=read.number("memory_margin", 0, 1),
        full_merge_share=read.number("full_merge_share", 0, 1),
        # a gram is coded in 64 bits, 16 per character (similarity.count_grams)
        gram_size=read.whole("gram_size", 1, 4),
        clause_min_words=read.whole("clause_min_words", 0, 1000),
        lemma_stem_letters=read.whole("lemma_stem_letters", 1, 100),
        idiom_stem_letters=read.whole("idiom_stem_letters", 1, 100),
        quoted_run_words=read.whole("quoted_run_words", 1, 100),
        quoted_long_word_letters=read.whole("quoted_long_word_letters", 0, 100),
        summary_max_chars=read.whole("summary_max_chars", 1, 100_000),
        news_reach_days={p: read.whole(f"news_reach_days.{p}", 0, 36_600) for p in PRECISIONS},
        date_words={"temporal_fr": read.words("date_words.temporal_fr"), "more": read.words("date_words.more")},
        clause_openers=read.words("clause_openers"),
        naming_determiners=read.words("naming_determiners"),
        not_counts=read.words("not_counts"),
    )


class _Reader:
    """Reads the fields of the file, each `{"value": ..., "why": "..."}`; dotted names reach into a value."""

    def __init__(self, path: Path, raw: Any):
        if not isinstance(raw, dict):
            raise DataFileError(f"{path}: must be a JSON object of parameters")
        self.path, self.raw = path, raw

    def _value(self, name: str) -> Any:
        top, *inner = name.split(".")
        entry = self.raw.get(top)
        if not isinstance(entry, dict) or "value" not in entry:
            raise self._error(top, 'missing, or not {"value": ..., "why": "..."}')
        if not isinstance(entry.get("why"), str) or not entry["why"].strip():
            raise self._error(top, "needs a 'why': what the parameter is for")
        value = entry["value"]
        for k, part in enumerate(inner):
            if not isinstance(value, dict) or part not in value:
                raise self._error(".".join([top, *inner[:k + 1]]), "missing")
            value = value[part]
        return value

    def number(self, name: str, low: float, high: float) -> float:
        value = self._value(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise self._error(name, f"must be a number from {low} to {high}")
        return float(value)

    def whole(self, name: str, low: int, high: int) -> int:
        value = self._value(name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self._error(name, f"must be a whole number from {low} to {high}")
        return value

    def words(self, name: str) -> tuple:
        value = self._value(name)
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise self._error(name, "must be a list of words")
        return tuple(value)

    def _error(self, name: str, problem: str) -> DataFileError:
        return DataFileError(f"{self.path}: field '{name}' {problem}")
