"""Anchoring: the one place where what the words leave open is settled against the article's date
and the tense. Which century two digits mean, which Monday 'lundi' is, which year 'en mars' or 'le 14
juillet' falls in, which days 'il y a trois mois' covers: every handler asks here, and none decides
it itself (HeidelTime's UNDEF-year and UNDEF-century, resolved in one step)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from .intervals import (DateInterval, add_months, month_interval, safe_date, season_interval, week_start,
                        year_interval)
from .lexicon import direction, lexicon_raw

# ---------------------------------------------------------------------------------------------
# Years written with two figures


def full_year(two_digits: int, anchor: Optional[date]) -> int:
    """The year a reader means by two digits ("mai 50", "le 10/05/26", "les années 30"): the one in the
    hundred years that end a few years after the article's date (models/temporal_fr.json,
    `two_digit_years`), so the article's date decides the century. Without an article date, the
    reference year of the same data file stands in. Every two-digit year of every rule comes here."""
    rule = lexicon_raw()["two_digit_years"]
    reference = anchor.year if anchor is not None else rule["reference_year_without_article_date"]
    latest = reference + rule["future_years"]
    year = latest - (latest - two_digits) % 100
    return year


def year_written(digits: str, anchor: Optional[date]) -> int:
    """A year as written: four digits stand for themselves, two go through `full_year`."""
    return int(digits) if len(digits) > 2 else full_year(int(digits), anchor)


# ---------------------------------------------------------------------------------------------
# Weekdays


def weekday_near(anchor: date, weekday: int, tense: Optional[str], rel: Optional[str] = None) -> date:
    """Which day 'lundi' is: the weekday closest to the anchor in the direction the tense points, the
    article's own day included; 'lundi dernier' and 'lundi prochain' said on a Monday are a week away."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if tense == "past":
        day = anchor - timedelta(days=back)
    elif tense == "future":
        day = anchor + timedelta(days=ahead)
    else:
        day = anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)
    if direction(rel) == "past" and day == anchor:
        day -= timedelta(days=7)
    if direction(rel) == "future" and day == anchor:
        day += timedelta(days=7)
    return day


def days_to_weekday(from_weekday: int, to_weekday: int) -> int:
    """How many days after a day of `from_weekday` the next `to_weekday` comes, 1 to 7: 'mardi et
    mercredi' are one day apart, 'vendredi et lundi' three, 'mardi et mardi' a week."""
    return (to_weekday - from_weekday) % 7 or 7


def years_with_weekday(month: int, day: int, weekday: int, years: Iterable[int]) -> list[int]:
    """The years, among `years`, in which that day of that month falls on that weekday."""
    return [y for y in years if (d := safe_date(y, month, day)) and d.weekday() == weekday]


def year_of_weekday_date(anchor: date, month: int, day: int, weekday: int) -> Optional[int]:
    """'mardi 18 juin' without a year: the weekday fixes the year, the matching one nearest the anchor,
    if it is within a year of the anchor's; None otherwise."""
    matching = years_with_weekday(month, day, weekday, range(anchor.year - 6, anchor.year + 7))
    if not matching:
        return None
    year = min(matching, key=lambda y: abs((date(y, month, day) - anchor).days))
    return None if abs(year - anchor.year) > 1 else year


def weekday_days_near(anchor: date, d1: int, wd1: int, d2: int, wd2: int,
                      tense: Optional[str]) -> Optional[tuple[date, date]]:
    """'du lundi 2 au jeudi 5', no month written: the days of the month (within two years of the anchor)
    where they fall on those weekdays, the nearest on the side the tense points to."""
    spans = []
    for step in range(-24, 25):
        first = add_months(date(anchor.year, anchor.month, 1), step)
        start = safe_date(first.year, first.month, d1)
        after = first if d2 > d1 else add_months(first, 1)  # "du samedi 30 au lundi 1er" ends in the next month
        end = safe_date(after.year, after.month, d2)
        if start and end and start.weekday() == wd1 and end.weekday() == wd2 and 0 < (end - start).days < 31:
            spans.append((start, end))
    return nearest_span(anchor, spans, tense)


def weekend_saturday(anchor: date, step: int, tense: Optional[str]) -> date:
    """The Saturday of 'ce week-end' (step 0), 'le week-end dernier' (-1) or 'prochain' (1). Said on a
    weekday, 'ce week-end' told in the past is the one just gone, and 'le week-end prochain' the coming
    one, not the one after."""
    monday = week_start(anchor) + timedelta(weeks=step)
    if step == 0 and tense == "past" and anchor.weekday() < 5:
        monday -= timedelta(weeks=1)
    if step == 1 and anchor.weekday() < 5:
        monday -= timedelta(weeks=1)
    return monday + timedelta(days=5)


# ---------------------------------------------------------------------------------------------
# Which year, which occurrence, which stretch of days


def year_for_month(anchor: date, month: int, tense: Optional[str], rel: Optional[str]) -> int:
    """Which year a month named without one belongs to, as a reader of the article would take it."""
    if direction(rel) == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction(rel) == "future":
        return anchor.year if month > anchor.month else anchor.year + 1
    if month == anchor.month:
        return anchor.year
    if tense == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if tense == "future":
        return anchor.year if month > anchor.month else anchor.year + 1
    # no tense: the nearest such month
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: abs((date(y, month, 15) - anchor).days))


def year_for_day_month(anchor: date, month: int, day: int, tense: Optional[str], rel: Optional[str]) -> Optional[int]:
    """Which year a day and month named without one ('le 14 juillet') belongs to: see `occurrence_near`."""
    best = occurrence_near(anchor, lambda year: safe_date(year, month, day), tense, rel)
    return best.year if best else None


def occurrence_near(anchor: date, day_in: Callable[[int], Optional[date]], tense: Optional[str],
                    rel: Optional[str]) -> Optional[date]:
    """The yearly day (a day-month, a holiday) a reader takes: the nearest to the anchor on the side
    the tense or 'dernier' / 'prochain' points to."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = day_in(year)
        if d is None:
            continue
        delta = (d - anchor).days
        if direction(rel) == "past" and delta > 0 or direction(rel) == "future" and delta < 0:
            continue
        if tense == "past" and delta > 7 or tense == "future" and delta < -7:
            continue  # a week of slack: articles announce and recap around their own date
        if best is None or abs(delta) < abs((best - anchor).days):
            best = d
    return best


def nearest_span(anchor: date, spans: list[tuple[date, date]], tense: Optional[str],
                 strict: bool = False) -> Optional[tuple[date, date]]:
    """Of stretches of days in time order (a month range, 'la rentrée' of three years), the one a reader
    takes: begun by the article's date if the tense is past (over by then if `strict`: 'dernière'),
    not over if it is future (not begun if `strict`: 'prochaine'), the nearest otherwise."""
    if tense == "past":
        spans = [sp for sp in spans if sp[0] <= anchor and (not strict or sp[1] < anchor)]
    elif tense == "future":
        spans = [sp for sp in spans if sp[1] >= anchor and (not strict or sp[0] > anchor)]
    if not spans:
        return None
    return min(spans, key=lambda sp: 0 if sp[0] <= anchor <= sp[1] else min(abs((sp[0] - anchor).days),
                                                                            abs((sp[1] - anchor).days)))


def step_to_tense(anchor: date, start: date, end: date, tense: Optional[str]) -> int:
    """-1 when the current period's days start after the article's date but the tense is past ('en
    fin de mois, il avait...' said on the 5th: last month's end), 1 when they are over and the tense
    is future, else 0."""
    if tense == "past" and start > anchor:
        return -1
    if tense == "future" and end < anchor:
        return 1
    return 0


def season_year(anchor: date, name: str, tense: Optional[str], rel: Optional[str], lex) -> int:
    """The year of the season 'l'été', 'cet hiver', 'l'automne dernier' names (a winter is the year it
    starts in): the current one, or the one before or after as the tense or 'dernier' / 'prochain' say."""
    current = season_interval(name, anchor.year, lex)
    info = lex.seasons[name]
    if info["end"][0] < info["start"][0] and anchor.month <= 3:  # winter: it starts the year before it ends
        current = season_interval(name, anchor.year - 1, lex)
    year = current.start.year + step_to_tense(anchor, current.start, current.end, tense)
    if direction(rel) == "past" and current.start <= anchor <= current.end:
        year -= 1
    if direction(rel) == "future" and current.start <= anchor <= current.end:
        year += 1
    return year


def span_near(anchor: date, span_in: Callable[[int], tuple], tense: Optional[str],
              rel: Optional[str]) -> Optional[tuple[date, date]]:
    """The yearly stretch of days (a range of days, a list) a reader takes: the nearest to the anchor
    among those the tense allows. A past one has begun by then, a coming one is not over, each with
    the week of slack of `occurrence_near`; 'derniers' / 'prochains' allow no slack."""
    best, best_gap = None, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        start, end = span_in(year)
        if start is None or end is None or end < start:
            continue
        if direction(rel) == "past" and end > anchor or direction(rel) == "future" and start < anchor:
            continue
        if tense == "past" and (start - anchor).days > 7 or tense == "future" and (anchor - end).days > 7:
            continue
        gap = 0 if start <= anchor <= end else min(abs((start - anchor).days), abs((end - anchor).days))
        if best_gap is None or gap < best_gap:
            best, best_gap = (start, end), gap
    return best


# ---------------------------------------------------------------------------------------------
# Counting from a date


def shift(anchor: date, n: float, unit: str, sign: int) -> Optional[DateInterval]:
    """The days 'N units' before (sign -1) or after (+1) the anchor, at the unit's precision."""
    try:
        if unit == "D":
            d = anchor + timedelta(days=sign * n)
            return DateInterval(d, d, "day")
        if unit == "W":
            monday = week_start(anchor + timedelta(weeks=sign * n))
            return DateInterval(monday, monday + timedelta(days=6), "week")
        if unit == "M":
            if n != int(n):
                d = anchor + timedelta(days=sign * round(n * 30.4))
                return DateInterval(d, d, "day")
            first = add_months(date(anchor.year, anchor.month, 1), sign * int(n))
            return month_interval(first.year, first.month)
        years = {"Y": n, "DE": n * 10, "CE": n * 100}.get(unit)
        if years is None:
            return None
        if years != int(years):
            d = anchor + timedelta(days=sign * round(years * 365.25))
            return month_interval(d.year, d.month)
        return year_interval(anchor.year + sign * int(years))
    except (OverflowError, ValueError):
        return None


def shift_exact(anchor: date, n: float, unit: str, sign: int) -> Optional[DateInterval]:
    """'il y a un an jour pour jour': the same day N units away, not the whole year or month."""
    if n != int(n) or unit not in ("D", "W", "M", "Y"):
        return None
    n = int(n)
    if unit in ("D", "W"):
        d = anchor + timedelta(days=sign * n * (7 if unit == "W" else 1))
    else:
        first = add_months(date(anchor.year, anchor.month, 1), sign * n * (12 if unit == "Y" else 1))
        d = date(first.year, first.month, min(anchor.day, calendar.monthrange(first.year, first.month)[1]))
    return DateInterval(d, d, "day")
