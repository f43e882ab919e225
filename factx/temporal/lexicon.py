"""The date reader's data files, read once per process and checked against their schemas:

- models/temporal_fr.json: the French lexicon, tables from a word to its value (months, weekdays,
  seasons, number words, units, holidays...) and the word lists single rules and the tense guesser read;
- models/temporal/pieces.json: the named pattern pieces rules are written with;
- models/temporal/rules.json: the rules, each with its pattern, handler, priority and examples.

A file that breaks its schema raises DataFileError naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..resources import load_json_resource, models_dir
from .validation import check

LEXICON_FILE = "temporal_fr.json"
PIECES_FILE = "temporal/pieces.json"
RULES_FILE = "temporal/rules.json"


def _load(name: str, schema: str):
    data = load_json_resource(name)
    check(data, schema, str(models_dir() / name))
    return data


@lru_cache(maxsize=1)
def lexicon_raw() -> dict:
    return _load(LEXICON_FILE, "temporal_lexicon.schema.json")


@lru_cache(maxsize=1)
def pieces_data() -> dict:
    return _load(PIECES_FILE, "temporal_pieces.schema.json")


@lru_cache(maxsize=1)
def rules_data() -> dict:
    return _load(RULES_FILE, "temporal_rules.schema.json")


@dataclass(frozen=True)
class Lexicon:
    months: dict
    weekdays: dict
    seasons: dict
    numbers: dict
    units: dict
    fractions: dict
    hedges: tuple
    raw: dict = field(default_factory=dict)  # the whole file (word lists read by single rules)

    def month(self, word: str) -> int:
        return self.months[word.lower().rstrip(".")]

    def weekday(self, word: str) -> int:
        w = word.lower()
        return self.weekdays[w[:-1] if w.endswith("s") and w[:-1] in self.weekdays else w]

    def season_code(self, name: str) -> str:
        """'été' -> 'SU', the TIMEX3 season code."""
        return self.seasons[name]["timex"]

    def season_of_code(self, code: str) -> Optional[str]:
        return next((name for name, info in self.seasons.items() if info["timex"] == code), None)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = lexicon_raw()
    return Lexicon(raw["months"], raw["weekdays"], raw["seasons"], raw["number_words"], raw["units"],
                   raw["fraction_phrases"], tuple(raw["hedges"]), raw)


def parse_french_number(text: str) -> Optional[float]:
    """'24' -> 24, 'vingt-cinq' -> 25, 'quatre-vingt-dix' -> 90, 'trente et un' -> 31; else None."""
    t = text.strip().lower().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "et"]
    if not words:
        return None
    numbers = lexicon().numbers
    total, current = 0, 0
    for w in words:
        if w.endswith("s") and w[:-1] in ("vingt", "cent"):
            w = w[:-1]
        if w not in numbers:
            return None
        n = numbers[w]
        if n == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif n == 100:
            current = max(current, 1) * 100
        elif n == 20 and current in (4,):  # quatre-vingt
            current *= 20
        else:
            current += n
    return float(total + current)


def day_number(word: str) -> int:
    """A day of the month as written: '1er' and 'premier' are 1, figures their number."""
    return 1 if word.lower() in ("1er", "premier") else int(word)


def holiday_key(words: str) -> str:
    """How a holiday is looked up: 'la  Toussaint' and 'La Toussaint' are one."""
    return re.sub(r"\s+", " ", words.replace("’", "'")).lower()


@lru_cache(maxsize=1)
def holidays() -> dict:
    """Holiday key -> ("fixed", (month, day)) or ("easter", days after Easter Sunday)."""
    raw = lexicon_raw()
    table = {holiday_key(k): ("fixed", tuple(v)) for k, v in raw["holidays"].items()}
    table.update({holiday_key(k): ("easter", v) for k, v in raw["movable_holidays"].items()})
    return table
