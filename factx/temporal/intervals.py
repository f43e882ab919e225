"""The records the date reader hands on, the calendar arithmetic that builds their days, and the TIMEX3
value text of a day, week, month or period."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Optional

from .provenance import Reading, ResolvedBy

PRECISIONS = ("day", "week", "month", "season", "year", "decade", "century")


@dataclass(frozen=True)
class DateInterval:
    """The calendar days an expression covers, inclusive at both ends."""

    start: date
    end: date
    precision: str
    approximate: bool = False
    resolved_by: ResolvedBy = ResolvedBy.ABSOLUTE

    def __post_init__(self):
        if type(self.resolved_by) is not ResolvedBy:  # a plain string ("since"): its member, or ValueError
            object.__setattr__(self, "resolved_by", ResolvedBy.read(self.resolved_by))

    @property
    def edtf(self) -> str:
        """Extended Date/Time Format (ISO 8601-2) text for the interval."""
        mark = "~" if self.approximate else ""
        s, e = self.start, self.end
        if self.precision == "year" and s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
            return f"{s.year}{mark}"
        if self.precision == "decade" and s.year % 10 == 0 and e.year == s.year + 9:
            return f"{str(s.year)[:3]}X{mark}"
        if self.precision == "month" and s.day == 1 and e == month_end(s.year, s.month):
            return f"{s.year:04d}-{s.month:02d}{mark}"
        if s == e:
            return f"{s.isoformat()}{mark}"
        if s.day == 1 and e == month_end(e.year, e.month) and self.precision in ("month", "season"):
            return f"{s.year:04d}-{s.month:02d}{mark}/{e.year:04d}-{e.month:02d}{mark}"
        return f"{s.isoformat()}{mark}/{e.isoformat()}{mark}"

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "edtf": self.edtf,
            "approximate": self.approximate,
            "resolved_by": self.resolved_by.value,
        }

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_counted_from(interval: DateInterval) -> Optional[DateInterval]:
    """The day, month or year a 'depuis X' span counts from, X itself ('depuis juillet 2000' -> July
    2000); None for any other interval, or a since-span of another kind of period."""
    if interval.resolved_by != ResolvedBy.SINCE:
        return None
    s = interval.start
    if interval.precision == "day":
        end = s
    elif interval.precision == "month" and s.day == 1:
        end = month_end(s.year, s.month)
    elif interval.precision == "year" and (s.month, s.day) == (1, 1):
        end = date(s.year, 12, 31)
    else:
        return None
    return replace(interval, end=end, resolved_by=ResolvedBy.SINCE_START)


@dataclass(frozen=True)
class TemporalExpression:
    """One temporal expression found in a text, with its TIMEX3 reading and its days."""

    start: int
    end: int
    text: str
    timex_type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: "2024-06-18", "2024-06", "P3D", "PRESENT_REF", "XXXX-03"...
    interval: Optional[DateInterval]
    kind: str  # which reading produced it: absolute, partial, weekday, month, relative, ago, range...
    since: bool = False  # "depuis X": the interval runs from X to the anchor
    # the name of the rule of models/temporal/rules.json that found it; not part of what it says,
    # so two readings of the same words by two rules are still equal
    rule: str = field(default="", compare=False)
    # how the rule made it, kept for the explanation (neither is part of what it says either): the day
    # it was counted from (the article's, or a day the text named before) and the tense that oriented it
    anchor: Optional[date] = field(default=None, compare=False)
    tense: Optional[str] = field(default=None, compare=False)

    @property
    def reading(self) -> Reading:
        """How the reader made this date: rule, anchor day, tense."""
        return Reading(self.rule, self.anchor, self.tense)

    @property
    def is_date(self) -> bool:
        # a DURATION counted from the article ("depuis trois ans", "d'ici cinq ans") covers days too
        return self.timex_type in ("DATE", "TIME", "DURATION") and self.interval is not None

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.timex_type,
            "value": self.value,
            "kind": self.kind,
            "date": self.interval.to_dict() if self.interval else None,
        }


@dataclass(frozen=True)
class DocumentDate:
    """The article's own date (DCT): the days it may have been written on and the day relative
    expressions are counted from."""

    interval: DateInterval
    anchor: Optional[date]  # None when the text only bounds the date: relative expressions stay unresolved
    words: Optional[str] = None  # the line or words it was read from (byline, dateline, weekday-date), kept for explanations

    def to_dict(self) -> dict:
        return self.interval.to_dict()


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic

def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_interval(year: int, month: int, **kw) -> DateInterval:
    return DateInterval(date(year, month, 1), month_end(year, month), "month", **kw)


def year_interval(year: int, **kw) -> DateInterval:
    return DateInterval(date(year, 1, 1), date(year, 12, 31), "year", **kw)


def day_interval(day: date, **kw) -> DateInterval:
    return DateInterval(day, day, "day", **kw)


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def season_interval(name: str, year: int, lex, **kw) -> DateInterval:
    """The days of a season starting in `year` (a winter ends the year after), from the lexicon's table."""
    info = lex.seasons[name]
    (sm, sd), (em, ed) = info["start"], info["end"]
    end_year = year + 1 if (em, ed) < (sm, sd) else year
    return DateInterval(date(year, sm, sd), date(end_year, em, ed), "season", **kw)


def safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# TIMEX3 values

def day_value(d: date) -> str:
    return d.isoformat()


def week_value(day: date) -> str:
    """The ISO week holding `day`: '2024-W25'."""
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def interval_value(iv: DateInterval) -> str:
    """The value of the day, week, month or year an interval counted from a date covers."""
    return {"day": iv.start.isoformat(), "week": week_value(iv.start),
            "month": f"{iv.start.year}-{iv.start.month:02d}", "year": str(iv.start.year)}[iv.precision]


def duration_value(n: Optional[float], unit: str) -> str:
    """TIMEX3 duration: 'P3D', 'PT30.4S', 'P20Y' for two decades; n None (an unknown count) gives X."""
    if n is None:
        num = "X"
        unit = {"DE": "Y", "CE": "Y"}.get(unit, unit)
    else:
        num = str(int(n)) if n == int(n) else str(n)
    if unit in ("H", "MIN", "S"):
        return f"PT{num}{'M' if unit == 'MIN' else unit}"
    if unit == "DE":
        return f"P{int(n * 10)}Y"
    if unit == "CE":
        return f"P{int(n * 100)}Y"
    return f"P{num}{unit}"
