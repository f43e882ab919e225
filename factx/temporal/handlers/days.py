"""Handlers of rules that name days of the calendar: full dates, day and month, ranges and lists of
days, 'la semaine du 8 avril', a day alone ('le 13')."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..anchoring import (full_year, span_near, weekday_days_near, year_for_day_month, year_of_weekday_date,
                         year_written)
from ..context import Context, apply_since, direction_of, expression, is_since, is_since_start, norm_rel
from ..intervals import DateInterval, day_interval, day_value, safe_date, week_start, week_value
from ..lexicon import day_number, latest_form
from ..provenance import ResolvedBy
from . import handler


@handler
def _h_full_date(ctx: Context, m: re.Match):
    """'le mardi 18 juin 2024', 'depuis le 1er janvier 2020': a day with its year."""
    day = day_number(m["d"])
    year = int(m["y"])
    d = safe_date(year, ctx.month(m["m"]), day)
    if d is None:
        return None
    iv = apply_since(ctx, day_interval(d), m)
    return expression(ctx, m, "DATE", day_value(d), iv, "absolute", since=is_since(m))


@handler
def _h_numeric_date(ctx: Context, m: re.Match):
    """'15.11.2019', '10/05/26': a day in figures; two figures of year go through anchoring."""
    year = year_written(m["y"], ctx.anchor)
    d = safe_date(year, int(m["m"]), int(m["d"]))
    if d is None:
        return None
    return expression(ctx, m, "DATE", day_value(d), day_interval(d), "absolute")


@handler
def _h_iso_date(ctx: Context, m: re.Match):
    """'2024-06-18'."""
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    return expression(ctx, m, "DATE", day_value(d), day_interval(d), "absolute")


@handler
def _h_day_month(ctx: Context, m: re.Match):
    """'le 2 juillet', 'ce mardi 18 juin', 'le 2 juillet dernier': a day without its year, which
    anchoring settles (the weekday, 'dernier' / 'prochain', the tense), or with two figures of year."""
    day = day_number(m["d"])
    month = ctx.month(m["m"])
    if safe_date(2024, month, day) is None:
        return None
    rel = norm_rel(m["rel"])
    if m.groupdict().get("yy"):
        d = safe_date(full_year(int(m["yy"]), ctx.anchor), month, day)
        if d is None:
            return None
        return expression(ctx, m, "DATE", day_value(d), apply_since(ctx, day_interval(d), m), "absolute", since=is_since(m))
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-{month:02d}-{day:02d}", None, "partial", since=is_since(m))
    # a weekday with the day fixes the year
    year = year_of_weekday_date(ctx.anchor, month, day, ctx.weekday(m["wd"])) if m["wd"] else None
    if year is None:
        if is_since_start(m):
            # "depuis le 11 mai": the span has begun, so the day is the latest such day up to the article
            # (no week of slack), whatever the verb of the clause plans ("se déroulent", "prévues")
            rel = latest_form()
        year = year_for_day_month(ctx.anchor, month, day, direction_of(ctx, m, rel), rel) or ctx.anchor.year
    d = date(year, month, day)
    iv = apply_since(ctx, day_interval(d, resolved_by=ResolvedBy.ANCHOR), m)
    return expression(ctx, m, "DATE", day_value(d), iv, "partial", since=is_since(m))


@handler
def _h_day_range(ctx: Context, m: re.Match):
    """'du 11 au 13 juillet', 'les 19 et 20 juin', 'du 30 décembre 2024 au 2 janvier 2025': every day
    from the first to the last, in the year written or the nearest one the tense allows."""
    if m.groupdict().get("wd1") and m["m1"]:
        return None  # "du mercredi 3 avril au samedi 6 avril": two full dates, each read (and marked in TimeBank) on its own
    d1, d2 = (day_number(m[g]) for g in ("d1", "d2"))
    m2 = ctx.month(m["m2"])
    m1 = ctx.month(m["m1"]) if m["m1"] else m2
    y2 = int(m["y2"]) if m["y2"] else None
    y1 = int(m["y1"]) if m["y1"] else y2
    if m.groupdict().get("mid"):
        # "les 23, 24 et 25 décembre": the days between must follow each other, else it is no list of days
        days = [d1, *(int(x) for x in re.findall(r"\d+", m["mid"])), d2]
        if days != sorted(set(days)):
            return None
    if y2 is None:
        if ctx.anchor is None:
            return expression(ctx, m, "DATE", f"XXXX-{m1:02d}-{d1:02d}", None, "range")
        rel = norm_rel(m.groupdict().get("rel"))
        def span_in(y: int) -> tuple:  # "du 30 décembre au 2 janvier" ends the year after
            return safe_date(y, m1, d1), safe_date(y if (m1, d1) <= (m2, d2) else y + 1, m2, d2)
        span = span_near(ctx.anchor, span_in, ctx.tense_at(m, rel), rel)
        if span is None:
            return None
        y1, y2 = span[0].year, span[1].year
    start, end = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    how = ResolvedBy.ABSOLUTE if m["y2"] else ResolvedBy.ANCHOR
    return expression(ctx, m, "DATE", day_value(start), DateInterval(start, end, "day", resolved_by=how), "range")


@handler
def _h_weekday_day_range(ctx: Context, m: re.Match):
    """'du lundi 2 au jeudi 5', no month written: the weekdays fix the month, the one nearest the
    article on the side the tense points to (over by then if past, not over if to come)."""
    d1, d2 = (day_number(m[g]) for g in ("d1", "d2"))
    wd1, wd2 = ctx.weekday(m["wd1"]), ctx.weekday(m["wd2"])
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-XX-{d1:02d}", None, "range")
    span = weekday_days_near(ctx.anchor, d1, wd1, d2, wd2, ctx.tense_at(m))
    if span is None:
        return None
    start, end = span
    return expression(ctx, m, "DATE", day_value(start), DateInterval(start, end, "day", resolved_by=ResolvedBy.WEEKDAY), "range")


@handler
def _h_week_of(ctx: Context, m: re.Match):
    """'la semaine du 8 avril': the Monday-Sunday week holding that day."""
    day = day_number(m["d"])
    month = ctx.month(m["m"])
    if m["y"]:
        d, how = safe_date(int(m["y"]), month, day), ResolvedBy.ABSOLUTE
    elif ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-{month:02d}-{day:02d}", None, "week")
    else:
        year = year_for_day_month(ctx.anchor, month, day, ctx.tense_at(m), None)
        d, how = (safe_date(year, month, day) if year else None), ResolvedBy.ANCHOR
    if d is None:
        return None
    monday = week_start(d)
    iv = DateInterval(monday, monday + timedelta(days=6), "week", resolved_by=how)
    return expression(ctx, m, "DATE", week_value(monday), iv, "absolute" if m["y"] else "week")


@handler
def _h_day_slash_month(ctx: Context, m: re.Match):
    """'avant le 31/07': day and month in figures, read like '31 juillet'."""
    day, month = int(m["d"]), int(m["m"])
    if safe_date(2024, month, day) is None:
        return None
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-{month:02d}-{day:02d}", None, "partial")
    year = year_for_day_month(ctx.anchor, month, day, ctx.tense_at(m), None) or ctx.anchor.year
    d = date(year, month, day)
    return expression(ctx, m, "DATE", day_value(d), day_interval(d, resolved_by=ResolvedBy.ANCHOR), "partial")


@handler
def _h_day_alone(ctx: Context, m: re.Match):
    """'le 13': placed later, in the month of the day the text named last (`attach_to_reference_days`)."""
    day = day_number(m["d"])
    return expression(ctx, m, "DATE", f"XXXX-XX-{day:02d}", None, "day-alone")
