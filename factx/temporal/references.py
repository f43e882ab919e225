"""The passes over every expression a text holds, once each was read on its own: what counts from
another date of the text ('le lendemain', 'deux semaines plus tard', 'l'année précédente', 'le 13'
after 'le 11 août', a clock time on the day it belongs to), and what joins or frames others ('mardi
18 juin et mercredi', 'En 2015, le 7 janvier...')."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from ..resources import alternation
from .anchoring import days_to_weekday, shift, shift_exact
from .context import Context
from .grammar import piece
from .intervals import (DateInterval, TemporalExpression, add_months, day_interval, day_value, duration_value,
                        interval_value, month_interval, safe_date, week_start, week_value, year_interval)
from .lexicon import anaphoric_directions, direction, words_regex
from .tense import tense_at
from .provenance import ResolvedBy


# ---------------------------------------------------------------------------------------------
# In the order find_temporal_expressions runs them

def join_coordinated(ctx: Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'ce mardi 18 juin et mercredi': a bare weekday coordinated after a dated day continues it."""
    out: list[TemporalExpression] = []
    for expr in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.interval is not None and expr.kind == "weekday" and expr.timex_type == "DATE"
                and _patterns()["coordinator"].fullmatch(ctx.text[prev.end:expr.start])
                and _patterns()["bare_weekday"].fullmatch(expr.text)):
            wd = ctx.weekday(_patterns()["weekday_determiner"].sub("", expr.text))
            gap = days_to_weekday(prev.interval.end.weekday(), wd)
            if prev.interval.end > date.max - timedelta(days=gap):  # 9999-12-31, a placeholder date in metadata
                out.append(expr)
                continue
            end = prev.interval.end + timedelta(days=gap)
            joined = replace(prev.interval, end=end)
            out[-1] = replace(prev, end=expr.end, text=ctx.original[prev.start:expr.end], interval=joined)
            continue
        out.append(expr)
    return out


def frame_years(ctx: Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'Il y a dix ans, les attentats du 13 novembre...', 'En 2015, le 7 janvier...': a sentence that
    opens on a year sets the scene, and the days and months it then names without a year are in it."""
    out = list(found)
    frame_year, frame_end = None, None
    for i, expr in enumerate(out):
        lo, hi = sentence_bounds(ctx.text, expr.start)
        if frame_end is not None and expr.start >= frame_end:
            frame_year = None  # a new sentence
        iv = expr.interval
        if (iv is not None and not expr.since and iv.start.year == iv.end.year
                and (expr.kind in ("year", "absolute") or expr.kind == "ago" and iv.precision == "year")
                and _patterns()["frame_opener"].fullmatch(ctx.text[lo:expr.start])
                and re.match(r"\s*,", ctx.text[expr.end:hi])):
            frame_year, frame_end = iv.start.year, hi
            continue
        if (frame_year is not None and iv is not None and not expr.since and iv.resolved_by == ResolvedBy.ANCHOR
                and expr.kind in ("partial", "month", "range") and iv.start.year != frame_year
                and not _patterns()["not_framed"].search(expr.text)
                and _tense_allows(ctx, expr, frame_year)):
            out[i] = _shift_years(expr, frame_year - iv.start.year)
    return out


def _tense_allows(ctx: Context, expr: TemporalExpression, year: int) -> bool:
    """'En 2023, il avait promis d'ouvrir le 15 mars': a coming act does not sit in a past frame."""
    if ctx.anchor is None or year == ctx.anchor.year:
        return True
    tense = tense_at(ctx.text, expr.start, expr.end, ctx.tense)
    return not (year < ctx.anchor.year and tense == "future" or year > ctx.anchor.year and tense == "past")


def _shift_years(expr: TemporalExpression, years: int) -> TemporalExpression:
    """The same days `years` later (earlier if negative), placed by the frame."""
    iv = expr.interval
    start = safe_date(iv.start.year + years, iv.start.month, iv.start.day)
    end = safe_date(iv.end.year + years, iv.end.month, iv.end.day)
    if start is None or end is None or not expr.value[:4].isdigit():
        return expr  # 29 February has no place in the frame's year
    value = f"{int(expr.value[:4]) + years:04d}{expr.value[4:]}"
    return replace(expr, value=value, interval=replace(iv, start=start, end=end, resolved_by=ResolvedBy.FRAME))


def anaphoric_periods(ctx: Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'En 2019 ..., contre ... l'année précédente': 'précédent' and 'suivant' count from the date
    named before them, not from the article's date (which they fall back on when none was)."""
    out = list(found)
    for i, expr in enumerate(out):
        hit = _anaphoric().search(expr.text.replace("’", "'"))
        if expr.kind != "relative" or expr.interval is None or expr.since or hit is None:
            continue
        before = [e for e in out[:i] if e.interval is not None and e.timex_type == "DATE" and not e.since]
        if not before:
            continue
        step = -1 if direction(hit["rel"]) == "past" else 1
        ref = before[-1].interval.start if step < 0 else before[-1].interval.end
        unit = ctx.lex.units[hit["unit"].lower()]
        if unit == "W":
            monday = week_start(ref) + timedelta(weeks=step)
            iv = DateInterval(monday, monday + timedelta(days=6), "week", resolved_by=ResolvedBy.REFERENCE)
            value = week_value(monday)
        elif unit == "M":
            first = add_months(date(ref.year, ref.month, 1), step)
            iv, value = month_interval(first.year, first.month, resolved_by=ResolvedBy.REFERENCE), f"{first.year}-{first.month:02d}"
        else:
            iv, value = year_interval(ref.year + step, resolved_by=ResolvedBy.REFERENCE), str(ref.year + step)
        out[i] = replace(expr, value=value, interval=iv, anchor=ref)
    return out


@lru_cache(maxsize=1)
def _anaphoric() -> re.Pattern:
    """'la semaine précédente', 'l'année suivante': a week, month or year counted from the date named
    before (models/temporal_fr.json, `direction_words` marked `anaphoric`)."""
    return re.compile(rf"(?P<unit>{words_regex('anaphoric_units')})\s+(?P<rel>{alternation(anaphoric_directions())})$", re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """The words around expressions the passes read (models/temporal_fr.json `reader_words`)."""
    determiner = words_regex("weekday_determiners")
    return {
        "coordinator": re.compile(rf"\s*{words_regex('coordinators')}\s*"),
        "bare_weekday": re.compile(rf"(?:{determiner}\s+)?\w+", re.I),
        "weekday_determiner": re.compile(rf"^{determiner}\s+", re.I),
        "frame_opener": re.compile(rf"\s*(?:{words_regex('frame_openers')}\s*)?", re.I),
        "not_framed": re.compile(rf"{words_regex('frame_not_with')}|{piece('WEEKDAY')}", re.I),
        "day_clock": re.compile(rf"\s+{words_regex('day_clock_link')}\s+"),
        "that_day": re.compile(rf"(?:-|\s){words_regex('that_day')}(?![\w])", re.I),
        "clause_opener": re.compile(rf"\b{words_regex('clause_openers')}\b", re.I),
    }


# ---------------------------------------------------------------------------------------------
# Reference days

# A clock time ("21 h 45"), a part of a day ("dans la nuit") or "le lendemain" names no day of its
# own: it belongs to the day the text is talking about. Handlers leave a placeholder value (these
# kinds) that `attach_to_reference_days` completes once every expression is known.
NEEDS_DAY = ("clock", "daypart", "dayshift")


def attach_to_reference_days(ctx: Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """Complete what counts from another date of the text: 'le 13' in the month named before, 'deux
    semaines plus tard', 'la veille de la grève', 'ce lundi-là', and the clock times, parts of days
    and 'le lendemain' of the day the text speaks of."""
    out = list(found)
    unplaced: set[int] = set()
    for i, expr in enumerate(out):
        if expr.kind == "day-alone":
            placed = _in_month_named_before(ctx, expr, out[:i])
            if placed is None:
                unplaced.add(i)  # "le 13" with no month in sight may be anything: a team, a channel
            else:
                out[i] = placed
            continue
        if expr.kind == "after-reference":
            iv = _after_reference_interval(expr, out, i)
            amount, unit = expr.value[1:].rstrip("~").split("|")
            following = out[i + 1] if i + 1 < len(out) else None
            if following is not None and following.interval is not None \
                    and re.fullmatch(r"\s*,?\s*", ctx.text[expr.end:following.start]):
                iv = None  # "un mois et demi plus tard, le 30 avril": the date written out says when
            if iv is None:  # nothing to count from: only a length of time
                out[i] = replace(expr, timex_type="DURATION", value=duration_value(float(amount), unit), kind="duration")
                continue
            value = interval_value(iv)
            out[i] = replace(expr, value=value, interval=iv, anchor=_counted_from(expr, out, i))
            continue
        if expr.kind == "event-shift":
            step, noun = expr.value.split("|")
            day = _day_of_event_named_before(ctx, noun, out[:i])
            if day is None:
                out[i] = replace(expr, value="XXXX-XX-XX")
            else:
                out[i] = replace(expr, value=(day + timedelta(days=int(step))).isoformat(), anchor=day,
                                 interval=day_interval(day + timedelta(days=int(step)), resolved_by=ResolvedBy.REFERENCE))
            continue
        if expr.kind == "weekday" and expr.interval is not None and _patterns()["that_day"].match(ctx.text, expr.end):
            out[i] = _that_weekday(expr, out[:i])
            continue
        if expr.kind not in NEEDS_DAY:
            continue
        day = reference = _reference_day(ctx, out, i)
        if expr.kind == "dayshift":
            try:
                day = day + timedelta(days=int(expr.value)) if day is not None else None
            except OverflowError:  # the eve of 0001-01-01, a placeholder date in metadata
                day = None
            if day is None:
                out[i] = replace(expr, value="XXXX-XX-XX")
                continue
            out[i] = replace(expr, value=day.isoformat(), interval=day_interval(day, resolved_by=ResolvedBy.REFERENCE),
                             anchor=reference)
            continue
        if day is None:
            out[i] = replace(expr, value="XXXX-XX-XX" + expr.value)
            continue
        # an hour gets its day in the value only: "publié à 18h40" must not date the sentence
        interval = None if expr.kind == "clock" else day_interval(day, resolved_by=ResolvedBy.REFERENCE)
        out[i] = replace(expr, value=day.isoformat() + expr.value, interval=interval, anchor=day)
    return _merge_day_and_clock(ctx, [e for k, e in enumerate(out) if k not in unplaced])


def _reference_day(ctx: Context, found: list[TemporalExpression], i: int) -> Optional[date]:
    """The day an expression without one belongs to: the nearest day named before it in its sentence,
    else after it in its sentence ('Vers 0 h 40, jeudi'), else the last day the text named, else the
    article's date."""
    expr = found[i]
    lo, hi = sentence_bounds(ctx.text, expr.start)
    before = [e for e in found[:i] if _is_day(e)]
    if before and before[-1].start >= lo:
        return _day_of(before[-1])
    after = [e for e in found[i + 1:] if _is_day(e) and e.start < hi and e.kind not in NEEDS_DAY]
    # "dans la soirée pour Hanoï, où il sera reçu jeudi": a day in a clause of its own dates that clause
    if after and not _patterns()["clause_opener"].search(ctx.text[expr.end:after[0].start]):
        return _day_of(after[0])
    if before:
        return _day_of(before[-1])
    return ctx.anchor


def _in_month_named_before(ctx: Context, expr: TemporalExpression, before: list[TemporalExpression]) -> Optional[TemporalExpression]:
    """'Interpellé le 11 août, il a été mis en examen le 13': the 13th of the month of the last day
    or month the text named, in this sentence or the one before."""
    lo = sentence_bounds(ctx.text, sentence_bounds(ctx.text, expr.start)[0] - 2)[0] if expr.start > 1 else 0
    named = [e for e in before if e.start >= lo and e.interval is not None and not e.since
             and e.interval.precision in ("day", "month") and e.interval.start.month == e.interval.end.month]
    if not named:
        return None
    month = named[-1].interval.start
    d = safe_date(month.year, month.month, int(expr.value[-2:]))
    if d is None:
        return None
    return replace(expr, value=day_value(d), interval=day_interval(d, resolved_by=ResolvedBy.REFERENCE), anchor=month)


def _counted_from(expr: TemporalExpression, found: list[TemporalExpression], i: int) -> Optional[date]:
    """The day 'N units later' (or earlier) was counted from, as `_after_reference_interval` takes it."""
    before = [e for e in found[:i] if e.interval is not None and e.timex_type == "DATE"]
    return (before[-1].interval.start if expr.value[0] == "+" else before[-1].interval.end) if before else None


def _after_reference_interval(expr: TemporalExpression, found: list[TemporalExpression], i: int) -> Optional[DateInterval]:
    """The interval of 'N units later': counted from the last date named before it in the text."""
    before = [e for e in found[:i] if e.interval is not None and e.timex_type == "DATE"]
    if not before:
        return None
    sign = 1 if expr.value[0] == "+" else -1
    amount, unit = expr.value[1:].rstrip("~").split("|")
    reference = before[-1].interval
    if unit == "W" and reference.precision == "day" and reference.start == reference.end:
        # "le second tour, dimanche ... une semaine plus tôt, au premier tour": seven days before that day
        iv = shift_exact(reference.start, float(amount), unit, sign)
    else:
        iv = shift(reference.start if sign > 0 else reference.end, float(amount), unit, sign)
    return replace(iv, approximate=expr.value.endswith("~") or reference.approximate,
                   resolved_by=ResolvedBy.REFERENCE) if iv else None


def _day_of_event_named_before(ctx: Context, noun: str, before: list[TemporalExpression]) -> Optional[date]:
    """The last day named before in the clause of `noun` ("La grève a débuté jeudi 6 mars" for "la
    veille de la grève"; not "a annoncé mercredi que son syndicat renonçait à la grève"); None when
    no such clause names a day."""
    stem = re.compile(rf"(?<![\w]){re.escape(noun[:max(4, len(noun) - 2)])}", re.I)
    for expr in reversed(before):
        if _is_day(expr) and expr.kind != "event-shift":
            left, right = sentence_bounds(ctx.text, expr.start)
            for word in stem.finditer(ctx.text, left, right):
                between = ctx.text[min(word.end(), expr.end):max(word.start(), expr.start)]
                if not _PUNCTUATION_BETWEEN_CLAUSES.search(between) and not _patterns()["clause_opener"].search(between):
                    return _day_of(expr)
    return None


def _that_weekday(expr: TemporalExpression, before: list[TemporalExpression]) -> TemporalExpression:
    """'Ce lundi-là': the Monday the text named last ("le lundi 6 octobre ... Ce lundi-là"), not the
    Monday of the article's week; unknown when the text named none."""
    weekday = expr.interval.start.weekday()
    named = [e for e in before if _is_day(e) and e.interval is not None and e.interval.start.weekday() == weekday]
    if not named:
        return replace(expr, value=f"XXXX-WXX-{weekday + 1}", interval=None)
    day = named[-1].interval.start
    return replace(expr, value=day.isoformat(), interval=day_interval(day, resolved_by=ResolvedBy.REFERENCE), anchor=day)


def _merge_day_and_clock(ctx: Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'hier à 10 h', 'mardi à 14 h 30': a day followed by 'à' and its hour is one TIME."""
    out: list[TemporalExpression] = []
    for expr in found:
        prev = out[-1] if out else None
        if (prev is not None and expr.kind == "clock" and prev.kind in ("relative", "weekday") and prev.timex_type == "DATE"
                and _is_day(prev) and _patterns()["day_clock"].fullmatch(ctx.text[prev.end:expr.start])):
            out[-1] = replace(expr, start=prev.start, text=ctx.original[prev.start:expr.end], interval=prev.interval)
            continue
        out.append(expr)
    return out


# ---------------------------------------------------------------------------------------------
# Sentences and days

_PUNCTUATION_BETWEEN_CLAUSES = re.compile(r"[,;:«»()]")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the sentence (or clause after a semicolon) holding `pos`."""
    left = max(text.rfind(c, 0, pos) for c in ".!?\n;") + 1
    right = [i for i in (text.find(c, pos) for c in ".!?\n;") if i != -1]
    return left, min(right) if right else len(text)


def _is_day(expr: TemporalExpression) -> bool:
    return (expr.interval is not None and expr.interval.start == expr.interval.end and not expr.since
            and expr.timex_type in ("DATE", "TIME")) or expr.kind == "clock" and expr.value[:4].isdigit()


def _day_of(expr: TemporalExpression) -> date:
    """The day an expression names; a clock time already attached to its day holds it in its value."""
    return expr.interval.start if expr.interval is not None else date.fromisoformat(expr.value[:10])
