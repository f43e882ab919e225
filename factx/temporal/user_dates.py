"""Dates a person types on the command line (--since, --until, --dct): ISO, then the French reader,
then dateparser for any other language."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Optional

from .intervals import DateInterval, day_interval, month_interval, week_start, year_interval
from .reader import find_temporal_expressions
from .provenance import ResolvedBy


_ISO_USER_DATE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def parse_user_date(text: str, today: Optional[date] = None) -> DateInterval:
    """A date a person types on the command line, as the interval of days it names: ISO ('2024-06',
    '2024-06-18', '2024-06-20T10:00'), then factx's French reader when it reads the whole text
    ('juin 2024', 'la semaine dernière'), then dateparser for any other language or format ('June
    2024', '3 days ago'). Relative words count from `today`. An impossible date ('31 février 2024',
    '2024-02-31') is refused in every syntax: ValueError."""
    t = text.strip()
    today = today or date.today()
    m = _ISO_USER_DATE.fullmatch(t)
    if m:
        y, mo, d = int(m[1]), m[2], m[3]
        try:
            if d:
                return day_interval(date(y, int(mo), int(d)), resolved_by=ResolvedBy.USER)
            if mo:
                return month_interval(y, int(mo), resolved_by=ResolvedBy.USER)
            return year_interval(y, resolved_by=ResolvedBy.USER)
        except ValueError:
            raise ValueError(f"{text!r} is not a calendar date") from None
    whole = [e for e in find_temporal_expressions(t, today)
             if e.is_date and e.interval is not None and not t[:e.start].strip(" ,.") and not t[e.end:].strip(" ,.")]
    if whole:
        return replace(whole[0].interval, resolved_by=ResolvedBy.USER)
    found = _dateparser_interval(t, today)
    if found is None:
        raise ValueError(f"cannot read {text!r} as a calendar date (try 2024-06-18, 2024-06 or 'juin 2024')")
    return found


def _dateparser_interval(text: str, today: date) -> Optional[DateInterval]:
    """dateparser's reading of a date in any language, widened to the period it names (a month for
    'June 2024', the Monday-to-Sunday week for 'last week'); None when it reads nothing, which is
    also its answer to an impossible date."""
    from datetime import datetime

    from dateparser.date import DateDataParser

    parser = DateDataParser(settings={"RELATIVE_BASE": datetime(today.year, today.month, today.day),
                                      "PREFER_DATES_FROM": "past"})
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises on some malformed inputs instead of answering None
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return year_interval(day.year, resolved_by=ResolvedBy.USER)
    if data.period == "month":
        return month_interval(day.year, day.month, resolved_by=ResolvedBy.USER)
    if data.period == "week":
        monday = week_start(day)
        return DateInterval(monday, monday + timedelta(days=6), "week", False, ResolvedBy.USER)
    return day_interval(day, resolved_by=ResolvedBy.USER)
