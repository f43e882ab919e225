"""The words the merge reads, from the data files: kinds of action, idioms, speech words and places
(models/event_frames.json), date and number words (models/temporal_fr.json), and the few word
lists of models/merge.json; and the counts a sentence gives, which a lexicon's words decide."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..actors import fold
from ..errors import DataFileError
from ..resources import load_json_resource, models_dir
from ..temporal import parse_french_number
from .parameters import parameters


@dataclass(frozen=True)
class Lexicon:
    frames: dict  # folded lemma -> frozenset of frame names
    idioms: tuple  # (pattern over folded text, folded lemma, the frames it has there instead)
    speech_words: frozenset
    part_of: dict  # folded place -> folded country
    quantity_synonyms: dict
    date_words: frozenset  # folded
    clause_break: re.Pattern  # where a sentence's clauses meet: punctuation, or a word that opens one
    naming_count: re.Pattern  # a determiner just before a number: "les deux pays" names, it does not count
    not_counts: frozenset  # number words read as articles


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_json_resource("event_frames.json")
    p = parameters()
    frames: dict[str, set] = defaultdict(set)
    for name, words in raw["frames"].items():
        for w in words:
            frames[fold(w)].add(name)
    temporal = load_json_resource("temporal_fr.json")
    date_words = set(p.date_words["more"])
    for name in p.date_words["temporal_fr"]:
        if not isinstance(temporal.get(name), (list, dict)):
            raise DataFileError(f"{models_dir() / 'merge.json'}: date_words.value.temporal_fr: '{name}' is no list "
                                f"of {models_dir() / 'temporal_fr.json'}")
        date_words |= set(temporal[name])
    idioms = tuple((re.compile(i["pattern"]), fold(i["lemma"]), frozenset(i["frames"])) for i in raw["idioms"])
    openers = "|".join(map(re.escape, p.clause_openers))
    determiners = "|".join(map(re.escape, p.naming_determiners))
    return Lexicon({k: frozenset(v) for k, v in frames.items()}, idioms, frozenset(fold(w) for w in raw["speech_words"]),
                   {fold(k): fold(v) for k, v in raw["places_part_of"].items()},
                   {fold(k): fold(v) for k, v in raw["quantity_synonyms"].items()},
                   frozenset(fold(w) for w in date_words),
                   re.compile(rf"\s*[;:()«»\u2014]\s*|,\s+|\s+(?=(?:{openers})\s)", re.I),
                   re.compile(rf"\b(?:{determiners})\s+$", re.I),
                   frozenset(p.not_counts))


# names, places and lemmas come back in mention after mention: fold each once
fold_word = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern:
    lex = load_json_resource("temporal_fr.json")
    words = "|".join(sorted(lex["number_words"], key=len, reverse=True))
    number = rf"(?:\d{{1,3}}(?:[\s\u202f\u00a0.]\d{{3}})+|\d+(?:,\d+)?|(?:(?:{words})(?:[- ](?:et[- ])?)?)+)"
    return re.compile(rf"(?<![\w,.])(?P<n>{number})\s+(?:(?:de|d')\s*)?(?P<noun>[^\W\d_]{{3,}})", re.I)


@lru_cache(maxsize=1 << 14)  # copies of one sentence in many mentions
def quantities(sentence: str) -> tuple[tuple[float, str, str], ...]:
    """The counts a sentence gives: (value, as written, the counted noun, folded and singular)."""
    lex = lexicon()
    out = []
    for m in _quantity_pattern().finditer(sentence):
        noun = fold(m["noun"])
        if noun in lex.date_words or noun.rstrip("s") in lex.date_words:
            continue  # "24 ans", "deux jours": durations are dates' business, not counts
        written = m["n"].strip().lower()
        if written in lex.not_counts:
            continue
        number = parse_french_number(re.sub(r"[\s\u202f\u00a0.](?=\d{3})", "", written))
        if number is None:
            continue
        noun = lex.quantity_synonyms.get(noun, noun[:-1] if noun.endswith(("s", "x")) and len(noun) > 3 else noun)
        out.append((number, m.group(0), noun))
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def counts_of(sentence: str) -> frozenset:
    """The values a sentence counts things with, but not "les deux pays", which names them."""
    naming = lexicon().naming_count
    return frozenset(number for number, written, _ in quantities(sentence)
                     if not naming.search(sentence[:max(0, sentence.find(written))]))
