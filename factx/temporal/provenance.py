"""Where a date came from, and how it was made: the one list of `resolved_by` values and the record
of the reading (rule, anchor day, tense) kept with each date when the reader makes it.

`ResolvedBy` is a `str` enum: its members are equal to the strings the store, the JSON contract and
the merge have always used (`ResolvedBy.SINCE == "since"`), and print as them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Optional


class ResolvedBy(str, Enum):
    """How the days of a date were found. Values are the published `resolved_by` strings."""

    # -- a date the words of a sentence give
    ABSOLUTE = "absolute"  # the words say the whole date, year included: nothing counted ("le 20 juin 2024")
    ANCHOR = "anchor"  # counted from the article's date: a month or day without a year, "hier", "il y a trois ans"
    WEEKDAY = "weekday"  # a weekday without its date: the nearest one on the side the tense points to ("mercredi")
    SINCE = "since"  # "depuis X": the span from X to the article's date
    SINCE_START = "since-start"  # "depuis X" in a negative clause: X itself, when it last happened
    UNTIL = "until"  # "d'ici / jusqu'à la fin de X": from the article's date to the end of X
    REFERENCE = "reference"  # counted from the last date the text named before ("le lendemain", "le 13")
    FRAME = "frame"  # a day or month without a year, in the year the sentence opens on ("En 2015, le 7 janvier")
    RELATIVE_EVENT = "relative-event"  # a duration counted from the sentence's main event ("trois jours après")
    ESTIMATE = "estimate"  # date words counted from an undated article's estimated date
    # -- a date a sentence gets without date words of its own
    DOCUMENT_DATE = "document-date"  # told in the past or present: the article's own date
    COMING = "coming"  # told in the future: the days after the article's date (to compare, not to date)
    CORPUS = "corpus"  # lent by the merge: the other sources' date of the same claim, or an article's estimate
    # -- an article's own date
    USER = "user"  # given by the user (--dct; a date typed in a filter)
    FRONT_MATTER = "front-matter"  # the file's front matter
    HTML_META = "html-meta"  # the HTML page's metadata
    SIDECAR = "sidecar"  # the metadata file beside the article
    HEADER = "header"  # the "Date:" header line that opens a text file
    URL = "url"  # the date in the article's address (its "URL:" header line)
    METADATA = "metadata"  # metadata of another, unnamed kind
    BYLINE = "byline"  # the publication line ("Publié le ...") removed with the page junk
    DATELINE = "dateline"  # a short line holding a full date near the top of the text
    WEEKDAY_DATE = "weekday-date"  # a weekday written with its day and month ("ce mardi 18 juin"): the year where it fits
    TEXT_BOUNDS = "text-bounds"  # bounded by the periods the article tells in the past ("en avril dernier")

    # print and format as the value ("since"), as the plain strings did
    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__  # and hash as it: "since" in a set or dict of strings finds SINCE

    @classmethod
    def read(cls, value: str) -> "ResolvedBy":
        """The member a stored value names; the values older factx versions wrote for dates counted
        from the article map to ANCHOR. Any other value raises ValueError naming it."""
        try:
            return cls(value)
        except ValueError:
            pass
        if value in _OLDER_VALUES:
            return _OLDER_VALUES[value]
        raise ValueError(f"unknown date provenance (resolved_by) {value!r}; known: "
                         + ", ".join(m.value for m in cls))


# what factx wrote before the values were one list: the reading's kind, all counted from the article's date
_OLDER_VALUES = {"relative": ResolvedBy.ANCHOR, "ago": ResolvedBy.ANCHOR, "month": ResolvedBy.ANCHOR,
                 "partial": ResolvedBy.ANCHOR}

# the article dates guessed from the text, which no article can have after the day it was read
GUESSED_FROM_TEXT = frozenset({ResolvedBy.DATELINE, ResolvedBy.WEEKDAY_DATE, ResolvedBy.TEXT_BOUNDS})


@dataclass(frozen=True)
class Reading:
    """How the reader made a date, kept with it when it is made: what an explanation tells later
    without reading the text again."""

    rule: str = ""  # the rule of models/temporal/rules.json that read the words
    anchor: Optional[date] = None  # the day it was counted from: the article's, or a day the text named before
    tense: Optional[str] = None  # which way the words were read: 'past', 'future', or None (the nearest)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "anchor": self.anchor.isoformat() if self.anchor else None, "tense": self.tense}

    @classmethod
    def from_dict(cls, d: dict) -> "Reading":
        return cls(d.get("rule") or "", date.fromisoformat(d["anchor"]) if d.get("anchor") else None, d.get("tense"))
