"""What every handler shares: the context it reads, the record it returns, and the reading of the
prepositions that open a span ('depuis', 'dès', 'd'ici': models/temporal_fr.json `span_prepositions`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from ..resources import alternation
from .intervals import DateInterval, TemporalExpression
from .lexicon import Lexicon, direction_form, lexicon, span_reading
from .tense import tense_at
from .provenance import ResolvedBy


@dataclass
class Context:
    """What a handler reads besides its match: the text, the article's date, the tense the caller gave."""

    text: str  # typographic apostrophes made straight, same length as `original`
    anchor: Optional[date]
    tense: Optional[str]  # the sentence's tense from the parse; None: read from the words (tense.py)
    original: str = ""
    lex: Lexicon = field(default_factory=lexicon)
    names: tuple = ()  # (start, end) of place names that hold a date ("rue du 8-Mai-1945"): no date inside
    rule: str = ""  # the name of the rule whose match the handler is reading
    used_tense: Optional[str] = None  # the tense that last oriented the handler's reading (kept with the date)

    def tense_at(self, m: re.Match, rel: Optional[str] = None) -> Optional[str]:
        self.used_tense = tense_at(self.text, m.start(), m.end(), self.tense, rel)
        return self.used_tense

    def month(self, word: str) -> int:
        return self.lex.month(word)

    def weekday(self, word: str) -> int:
        return self.lex.weekday(word)


def expression(ctx: Context, m: re.Match, ttype: str, value: str, interval: Optional[DateInterval], kind: str,
               group: str = "core", since: bool = False) -> TemporalExpression:
    """The record of what a handler read: the words of group `group` (the rule's `core`, else the whole
    match)."""
    s, e = m.span(group) if m.groupdict().get(group) is not None else m.span()
    if since and ctx.anchor is not None and interval is not None and interval.resolved_by != ResolvedBy.SINCE:
        since = False  # "dès janvier" said of a coming January starts there, it runs to no anchor
    return TemporalExpression(s, e, ctx.original[s:e], ttype, value, interval, kind, since, ctx.rule, ctx.anchor,
                              ctx.used_tense)


def _reading(m: re.Match) -> Optional[str]:
    """What the rule's preposition ('prep') does: 'since', 'from', 'from_day', 'until', 'until_period'."""
    return span_reading(m.groupdict().get("prep"))


def is_since(m: re.Match) -> bool:
    return _reading(m) in ("since", "from", "from_day")


def is_since_start(m: re.Match) -> bool:
    """'depuis X' (not 'dès X', which may open a coming span): X lies on or before the article's date."""
    return _reading(m) == "since"


def direction_of(ctx: Context, m: re.Match, rel: Optional[str] = None) -> Optional[str]:
    """'depuis X' looks back; 'dès X' and 'à partir de X' look back too unless their verb is future
    ('la grille s'appliquera dès janvier'): then X is a coming start."""
    if not is_since(m):
        return ctx.tense_at(m, rel)
    if is_since_start(m):
        ctx.used_tense = "past"
        return "past"
    ctx.used_tense = "future" if ctx.tense_at(m, rel) == "future" else "past"
    return ctx.used_tense


def apply_since(ctx: Context, interval: Optional[DateInterval], m: re.Match) -> Optional[DateInterval]:
    """'depuis octobre': from the start of October to the article's date. Not 'dès mercredi' in the
    past: "avait fait part de son intention dès mercredi" tells what happened that day."""
    if interval is None or not is_since(m) or ctx.anchor is None or interval.start > ctx.anchor:
        return interval
    if _reading(m) == "from_day":
        return interval
    return replace(interval, end=max(interval.end, ctx.anchor), resolved_by=ResolvedBy.SINCE)


def apply_until(ctx: Context, interval: Optional[DateInterval], m: re.Match) -> Optional[DateInterval]:
    """'d'ici la fin de l'année', 'jusqu'à la fin du mois': from the article's date to the last day of
    the period, the mirror of 'depuis'; a period already over keeps its own days."""
    if interval is None or ctx.anchor is None or _reading(m) not in ("until", "until_period") or interval.end < ctx.anchor:
        return interval
    return DateInterval(ctx.anchor, interval.end, interval.precision, False, ResolvedBy.UNTIL)


def norm_rel(rel: Optional[str]) -> Optional[str]:
    """'derniers', 'dernière' -> 'dernier'; 'prochaines' -> 'prochain' (models/temporal_fr.json,
    `direction_words`)."""
    return direction_form(rel)


class AliasedMatch:
    """A match whose named groups are read through aliases, so one handler serves a rule whose
    alternatives name the same thing in different groups ("mars dernier" | "mois de mars")."""

    def __init__(self, match: re.Match, aliases: dict[str, tuple[str, ...]], overrides: Optional[dict] = None):
        self.m = match
        self.aliases = aliases
        self.overrides = overrides or {}

    def __getitem__(self, key):
        if key in self.overrides:
            return self.overrides[key]
        for name in self.aliases.get(key, (key,)):
            value = self.m.groupdict().get(name)
            if value:
                return value
        return self.m.groupdict().get(key)

    def groupdict(self):
        return {**self.m.groupdict(), **{k: self[k] for k in (*self.aliases, *self.overrides)}}

    def span(self, group=0):
        return self.m.span(group)

    def start(self):
        return self.m.start()

    def end(self):
        return self.m.end()


_QUOTED = re.compile(r"«\s*(?P<a>[^«»\n]{1,80}?)\s*»|“(?P<b>[^“”\n]{1,80}?)”|\"(?P<c>[^\"\n]{1,80}?)\"")


def in_title(ctx: Context, start: int, end: int) -> bool:
    """'Vendredi ou la Vie sauvage', '« Dimanche à la Campagne »': a capitalised date word that opens
    a title. Titles are told by the double-title 'ou la', or by quotes holding a few words with
    another capital and no punctuation (quoted speech, "« Lundi, nous serons là »", has some)."""
    word = ctx.text[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    if re.match(rf"\s+{alternation(ctx.lex.raw['title_after'])}\s*[A-ZÀ-Ý]", ctx.text[end:]):
        return True
    for q in _QUOTED.finditer(ctx.text):
        inner = next(g for g in ("a", "b", "c") if q[g] is not None)
        if q.start(inner) == start:
            words = q[inner].split()
            return (2 <= len(words) <= 8 and not re.search(r"[,;:.!?\d]", q[inner])
                    and any(w[:1].isupper() for w in words[1:]))
    return False
