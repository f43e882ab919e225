"""The date reader: every temporal expression of a text, read by the rules and resolved against the
article's date. Pure: text, an anchor date and a tense in, records out."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from .context import Context
from .grammar import Rule, compiled_piece, rules
from .intervals import DateInterval, TemporalExpression
from .lexicon import day_number, lexicon, words_regex
from .scan import Scanner
from .references import anaphoric_periods, attach_to_reference_days, frame_years, join_coordinated


def find_temporal_expressions(text: str, anchor: Optional[date] = None, tense: Optional[str] = None) -> list[TemporalExpression]:
    """Every temporal expression in `text`, resolved against `anchor` (the article's date).

    `tense` ('past' or 'future'), the sentence's tense where the caller has parsed it, orients the
    relative expressions ('mercredi': the coming or the past Wednesday); without it, tense.py reads it
    from the words around each expression.
    """
    ctx = Context(text.replace("’", "'"), anchor, tense, original=text)
    ctx.names = place_names(ctx.text)
    candidates: list[tuple[int, int, int, Rule, re.Match]] = []
    scan = scanner()
    folded = scan.fold(ctx.text)
    for rule in rules():
        for m in scan.finditer(rule.pattern, folded, ctx.text):
            s, e = m.span()
            if e > s:
                candidates.append((s, -(e - s), -rule.priority, rule, m))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    found: list[TemporalExpression] = []
    # longest first, then by priority, so that "le 20 juin 2024" wins over "juin 2024" and "2024"
    for s, neg_len, _, rule, m in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        e = s - neg_len
        if any(s < te and e > ts for ts, te in taken) or any(s < ne and e > ns for ns, ne in ctx.names):
            continue
        ctx.rule, ctx.used_tense = rule.name, None
        try:
            expr = rule.handler(ctx, m)
        except KeyError:  # IGNORECASE lets "marſ" or "lundı" match words the lexicon cannot look up
            expr = None
        except (OverflowError, ValueError):  # "demain" on 9999-12-31 (a placeholder date in metadata): off the calendar
            expr = None
        if expr is None:
            continue
        taken.append((s, e))
        found.extend(expr if isinstance(expr, list) else [expr])
    found.sort(key=lambda x: x.start)
    return attach_to_reference_days(ctx, anaphoric_periods(ctx, frame_years(ctx, join_coordinated(ctx, found))))


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    """The rules' matches found where they can begin (scan.py), not by trying every position."""
    return Scanner([rule.pattern for rule in rules()])


def place_names(text: str) -> tuple:
    """The spans of place names that hold a date ('rue du 8-Mai-1945'): no date is read inside them."""
    spans = []
    for m in compiled_piece("PLACE_NAME").finditer(text):
        # written without hyphens, a name still carries its year or a capital ("rue du 4 Septembre");
        # "la fermeture de l'école du 3 mars au 5 avril" is a range of days
        if m["m"] and not m["y"] and (m["m"].islower() or re.match(rf"\s+{words_regex('range_links')}\s", text[m.end():])):
            continue
        spans.append(m.span("name"))
    return tuple(spans)


def resolve_relative_date(text: str, anchor: date, tense: Optional[str] = None) -> Optional[DateInterval]:
    """The days the first date expression in `text` stands for, counted from `anchor`."""
    for expr in find_temporal_expressions(text, anchor, tense):
        if expr.is_date:
            return expr.interval
    return None


@lru_cache(maxsize=8192)
def date_words_at(sentence: str, offset: int, anchor: date) -> Optional[DateInterval]:
    """The days the date words at `offset` of `sentence` name, read at the article date `anchor`
    (None if they name none). Kept for the same sentence read again: an article's estimate reads
    its sentences at two dates, every merge."""
    return next((e.interval for e in dated_expressions(find_temporal_expressions(sentence, anchor)) if e.start == offset), None)


def dated_expressions(exprs: Iterable[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions that name days (not durations, sets or unresolved ones), one per interval."""
    seen: set[tuple[date, date]] = set()
    out = []
    for e in exprs:
        # "depuis vingt-quatre ans" says how long, not when the sentence's event happened: it covers
        # days (`is_date`) but dates no event
        if not e.is_date or e.timex_type == "DURATION":
            continue
        key = (e.interval.start, e.interval.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def month_and_day_of(words: str) -> Optional[tuple[int, Optional[int]]]:
    """The month, and the day if any, that date words name when their year is unknown ("mars", "le 5
    mars", "au mois de mars dernier" in an article without a date): enough to tell which dated
    claims they can be."""
    lx = lexicon()
    m = compiled_piece("MONTH_AND_DAY").search(words)
    if m is None:
        return None
    month = lx.months.get(m["m"].lower().rstrip("."))
    if month is None:
        return None
    day = None if m["d"] is None else day_number(m["d"])
    return month, day
