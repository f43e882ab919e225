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

from ..resources import load_json_resource

LEXICON_FILE = "temporal_fr.json"
PIECES_FILE = "temporal/pieces.json"
RULES_FILE = "temporal/rules.json"


@lru_cache(maxsize=1)
def lexicon_raw() -> dict:
    return load_json_resource(LEXICON_FILE)  # checked against its schema as it is read (factx.resources)


@lru_cache(maxsize=1)
def pieces_data() -> dict:
    return load_json_resource(PIECES_FILE)


@lru_cache(maxsize=1)
def rules_data() -> dict:
    return load_json_resource(RULES_FILE)


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


@lru_cache(maxsize=1)
def month_names() -> tuple[str, ...]:
    """The twelve month names as French writes them in full: for each number, the first word the
    lexicon gives it (the file lists the accented full name before its abbreviations and variants)."""
    names: dict[int, str] = {}
    for word, number in lexicon_raw()["months"].items():
        names.setdefault(number, word)
    return tuple(names[n] for n in range(1, 13))


@lru_cache(maxsize=1)
def weekday_names() -> tuple[str, ...]:
    """Monday to Sunday, as French writes them."""
    names: dict[int, str] = {}
    for word, number in lexicon_raw()["weekdays"].items():
        names.setdefault(number, word)
    return tuple(names[n] for n in range(7))


@lru_cache(maxsize=1)
def time_nouns() -> frozenset:
    """Nouns that name a stretch of time ("la nuit du 8 septembre", "la semaine du 12"): date words
    under one of them still date what the sentence's verb tells."""
    raw = lexicon_raw()
    return frozenset(w.lower() for key in ("units", "day_parts", "period_nouns", "seasons", "months", "weekdays")
                     for w in raw[key])


@lru_cache(maxsize=1)
def byline_pattern() -> re.Pattern:
    """The cue words of a publication line ('Publié le ...', 'Mis à jour le ...'); `.match` on a line
    stripped of its indent tells a line that opens with one."""
    from ..resources import alternation

    return re.compile(rf"(?<![\w]){alternation(lexicon_raw()['byline_cues'])}(?![\w])", re.I)


def direction(word: Optional[str]) -> Optional[str]:
    """Which way a word after a date points ('dernier', 'passée', 'précédent' -> 'past'; 'prochain',
    'suivante' -> 'future'), from models/temporal_fr.json `direction_words`; None for any other word."""
    entry = lexicon_raw()["direction_words"].get(word.lower()) if word else None
    return entry["points"] if entry else None


def direction_form(word: Optional[str]) -> Optional[str]:
    """The form the anchoring step reads a direction word as ('derniers', 'dernière' -> 'dernier');
    any other word lower-cased, None for none."""
    if not word:
        return None
    entry = lexicon_raw()["direction_words"].get(word.lower())
    return entry["as"] if entry else word.lower()


@lru_cache(maxsize=1)
def anaphoric_directions() -> tuple[str, ...]:
    """'précédent', 'suivante'...: the direction words that count from the date the text named before
    them, not from the article's (`direction_words` entries marked `anaphoric`)."""
    return tuple(w for w, e in lexicon_raw()["direction_words"].items() if e.get("anaphoric"))


def tense_words(name: str) -> tuple[str, ...]:
    """One word list of the text-only tense guesser (models/temporal_fr.json `tense_words`)."""
    return tuple(lexicon_raw()["tense_words"][name]["words"])


@lru_cache(maxsize=1)
def counting_words() -> dict[str, str]:
    """'il y a' -> 'past', 'dans' -> 'future': the words that count a length of time from the article."""
    return {w: e["points"] for w, e in lexicon_raw()["counting_words"].items()}


def reader_words(name: str) -> tuple[str, ...]:
    """One word list of the date reader's passes and handlers (models/temporal_fr.json `reader_words`),
    each kept there with why and an example the tests run."""
    return tuple(lexicon_raw()["reader_words"][name]["words"])


@lru_cache(maxsize=None)
def words_regex(name: str, spaces: Optional[str] = None) -> str:
    r"""The alternation of a `reader_words` list, longest first, as a group; with `spaces`, the regex
    each space of a word stands for (r"\s+": 'au cours de' also across a line break)."""
    words = sorted(set(reader_words(name)), key=len, reverse=True)
    texts = [re.escape(w).replace(r"\ ", spaces) if spaces else re.escape(w) for w in words]
    return "(?:" + "|".join(texts) + ")"


@lru_cache(maxsize=256)
def span_reading(prep: Optional[str]) -> Optional[str]:
    """What a preposition opening a span does ('depuis' -> 'since', 'dès' -> 'from_day', 'd'ici' ->
    'until'...), from models/temporal_fr.json `span_prepositions`, matched on the word's beginning
    ('à partir du', 'jusqu'au'); None for any other word."""
    prep = (prep or "").lower()
    return next((e["reading"] for w, e in lexicon_raw()["span_prepositions"].items() if prep.startswith(w)), None)


@lru_cache(maxsize=1)
def latest_form() -> str:
    """The form anchoring reads 'the latest one' as ('dernier'): the first word of `direction_words`
    that points to the past from the article's date."""
    return next(e["as"] for e in lexicon_raw()["direction_words"].values() if e["points"] == "past" and not e.get("anaphoric"))


def period_part(part: Optional[str]) -> Optional[dict]:
    """'début', 'mi', 'milieu', 'fin' -> the days of a month, months of a year and days of a week it
    covers (models/temporal_fr.json `period_parts`)."""
    return lexicon_raw()["period_parts"].get(part.lower()) if part else None


def parse_french_number(text: str) -> Optional[float]:
    """'24' -> 24, 'vingt-cinq' -> 25, 'quatre-vingt-dix' -> 90, 'trente et un' -> 31; else None."""
    t = text.strip().lower().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    joiners, plurals = reader_words("number_joiners"), reader_words("number_plurals")
    words = [w for w in re.split(r"[\s-]+", t) if w and w not in joiners]
    if not words:
        return None
    numbers = lexicon().numbers
    total, current = 0, 0
    for w in words:
        if w.endswith("s") and w[:-1] in plurals:
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
    """A day of the month as written: figures their number, a word ('1er', 'premier') the day
    models/temporal_fr.json `day_words` gives it."""
    entry = lexicon_raw()["day_words"].get(word.lower())
    return entry["day"] if entry else int(word)


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
