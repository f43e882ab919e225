"""The article's own date (DCT): from the user, metadata or a byline, else from the text itself
(a dateline, a weekday written with its date, the past periods it speaks of); and which article dates
would place given date words on given days."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from ..resources import alternation
from .anchoring import years_with_weekday
from .grammar import compiled_piece, piece
from .intervals import (DateInterval, DocumentDate, TemporalExpression, add_months, day_interval, month_end, safe_date,
                        season_interval)
from .lexicon import byline_pattern, day_number, direction, lexicon, lexicon_raw, month_names, weekday_names, words_regex
from .reader import date_words_at, find_temporal_expressions
from .tense import guess_tense, has_future_verb
from .user_dates import parse_user_date
from .provenance import ResolvedBy


def resolve_document_date(text: str, given: Optional[str] = None, metadata: Optional[str] = None,
                          metadata_source: Optional[str] = None, byline: Optional[str] = None,
                          today: Optional[date] = None) -> Optional[DocumentDate]:
    """The article's date, from the most to the least trustworthy source, each named in
    `resolved_by`: the user's --dct, metadata (front matter, HTML meta, sidecar), a publication
    line removed with the page junk, then the text itself (dateline, weekday with a date)."""
    if given:
        found = document_date_given(given, today)
        if found is not None:
            return found
    source = ResolvedBy.read(metadata_source) if metadata_source else ResolvedBy.METADATA
    for value, how in ((metadata, source), (byline, ResolvedBy.BYLINE)):
        if value:
            found = document_date_from_metadata(value, how)
            if found is not None:
                return replace(found, words=" ".join(value.split())) if how == ResolvedBy.BYLINE else found
    return infer_document_date(text, today=today)


def document_date_given(value: str, today: Optional[date] = None) -> Optional[DocumentDate]:
    """The user's --dct, in any syntax `parse_user_date` reads. A day is the anchor of relative
    dates; a week, month or year is an approximate interval with no anchor, from which the events
    stage counts only the words every day of it places alike, as for an estimated date."""
    try:
        interval = parse_user_date(value, today)
    except ValueError:
        return None
    if interval.start == interval.end:
        return DocumentDate(replace(interval, precision="day", approximate=False, resolved_by=ResolvedBy.USER), interval.start)
    return DocumentDate(replace(interval, approximate=True, resolved_by=ResolvedBy.USER), None)


def document_date_from_metadata(value: str, resolved_by: ResolvedBy) -> Optional[DocumentDate]:
    """A date given by the user or found in metadata ('2024-06-20', '2024-06-20T08:15:00+02:00', '20 juin 2024')."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if m:
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return DocumentDate(day_interval(d, resolved_by=resolved_by), d)
    for expr in find_temporal_expressions(value or "", None):
        if expr.interval and expr.interval.precision == "day":
            return DocumentDate(replace(expr.interval, resolved_by=resolved_by), expr.interval.start)
    return None




def infer_document_date(text: str, max_header_lines: int = 12, today: Optional[date] = None,
                        max_lead_paragraphs: int = 1) -> Optional[DocumentDate]:
    """The article's date as a careful reader finds it in the text itself.

    1. a dateline or byline at the top, before the body: a short line holding a full date ("20 juin
       2024", "19/06/2024") among the first lines, with at most one paragraph (the lead) before it; a
       short line after the body has begun is a heading or a teaser ("Le 3 avril 1973, dans une rue"),
       not the article's date;
    2. a weekday written with its day and month ("mardi 18 juin"): the year where that day is that
       weekday, no earlier than the latest year the article names, no later than today; the article is
       then within the week before (future tense) or after (past tense) that day, or of that very
       day for "ce mardi 12 août" told in the past or present (news says "ce mardi" of its own day).
    Returns None when nothing in the text fixes it.
    """
    today = today or date.today()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    paragraphs = 0
    for line in lines[:max_header_lines]:
        words = line.split()
        if len(words) > 14 and not byline_pattern().search(line[:40]):
            paragraphs += 1
            if paragraphs > max_lead_paragraphs:
                break
            continue
        for expr in find_temporal_expressions(line, None):
            iv = expr.interval
            if iv is None or iv.precision != "day" or iv.start > today:
                continue
            if expr.kind == "absolute":
                return DocumentDate(replace(iv, resolved_by=ResolvedBy.DATELINE), iv.start, line.strip())
            if expr.kind == "range" and (iv.end - iv.start).days <= 6 and _issue_line(line):
                # "N° 1482 – Semaine du 18 au 24 août 2025": a weekly's issue, written by its last day
                return DocumentDate(replace(iv, approximate=True, resolved_by=ResolvedBy.DATELINE), iv.end, line.strip())
    return _infer_from_weekday_dates(text, today) or _infer_from_past_bounds(text, today)


@lru_cache(maxsize=1)
def _issue_line_pattern() -> re.Pattern:
    return re.compile(rf"(?<![\w]){alternation(lexicon_raw()['issue_cues'])}(?![\w])", re.I)


@lru_cache(maxsize=1)
def _this_day() -> re.Pattern:
    """'ce mardi 18 juin': a weekday with its date said of the article's own day."""
    return re.compile(rf"(?<![\w]){words_regex('demonstratives')}\s+$", re.I)


def _issue_line(line: str) -> bool:
    return bool(_issue_line_pattern().search(line))


def _infer_from_weekday_dates(text: str, today: date) -> Optional[DocumentDate]:
    """Step 2 of `infer_document_date`: a weekday written with its day and month."""
    lx = lexicon()
    years = [int(y) for y in re.findall(r"(?<![\d\s])(?<!\d )((?:19|20)\d\d)(?![\d])", text) if int(y) <= today.year]
    floor_year = max(years) if years else None
    for m in compiled_piece("WEEKDAY_DATE").finditer(text):
        wd = lx.weekdays[m["wd"].lower().rstrip("s")] if m["wd"].lower().rstrip("s") in lx.weekdays else None
        if wd is None:
            continue
        day = day_number(m["d"])
        month = lx.months[m["m"].lower().rstrip(".")]
        lo = floor_year if floor_year is not None else today.year - 30
        years_possible = range(int(m["y"]), int(m["y"]) + 1) if m["y"] else range(lo, today.year + 1)
        matching = [y for y in years_with_weekday(month, day, wd, years_possible)
                    if date(y, month, day) <= today + timedelta(days=7)]
        if not matching:
            continue
        year = min(matching) if floor_year is not None else max(matching)
        d = date(year, month, day)
        tense = guess_tense(text, m.start(), m.end())
        this_day = _this_day().search(text[max(0, m.start() - 6):m.start()])
        if this_day and tense != "future" and not has_future_verb(text[m.end():m.end() + 80].split(".")[0]):
            interval = DateInterval(d, d + timedelta(days=1), "day", True, ResolvedBy.WEEKDAY_DATE)
            return DocumentDate(interval, d, weekday_date_words(text, d))
        if tense == "past":
            interval = DateInterval(d, d + timedelta(days=6), "day", True, ResolvedBy.WEEKDAY_DATE)
        else:
            interval = DateInterval(d - timedelta(days=6), d, "day", True, ResolvedBy.WEEKDAY_DATE)
        return DocumentDate(interval, _this_weekday_within(text, interval) or d, weekday_date_words(text, d))
    return None


@lru_cache(maxsize=1)
def _this_weekday() -> re.Pattern:
    """'ce mercredi matin': a weekday with a demonstrative and no day number, the article's own day."""
    return re.compile(rf"(?<![\w]){words_regex('demonstratives')}\s+(?P<wd>{piece('WEEKDAY')})(?!\s+\d)(?![\w])",
                      re.I)


def _this_weekday_within(text: str, interval: DateInterval) -> Optional[date]:
    """The likeliest day of an article known within a week: the day of that week it calls "ce
    mercredi" in the past or present (news says "ce mercredi" of its own day), when it names one
    such weekday only; None otherwise."""
    lx = lexicon()
    named = set()
    for m in _this_weekday().finditer(text):
        wd = lx.weekdays.get(m["wd"].lower().rstrip("s"))
        if wd is not None and guess_tense(text, m.start(), m.end()) != "future":
            named.add(wd)
    if len(named) != 1:
        return None
    wd = named.pop()
    days = [interval.start + timedelta(days=k) for k in range((interval.end - interval.start).days + 1)]
    return next((d for d in days if d.weekday() == wd), None)


def weekday_date_words(text: str, day: date) -> Optional[str]:
    """'ce mardi 18 juin': the weekday written with the day and month that fixed the article's year, and
    the year when the text writes it ('ce mardi 18 juin 2024')."""
    wd, month = weekday_names()[day.weekday()], month_names()[day.month - 1]
    # the day as the piece DAY writes it: its figures, or a word of `day_words` ('1er')
    number = "|".join([*(w for w, e in lexicon_raw()["day_words"].items() if e["day"] == day.day
                         and re.fullmatch(piece("DAY"), w, re.I)), str(day.day)])
    found = re.search(rf"\b(?:{words_regex('weekday_determiners')} )?{wd}\s+(?:{number})\s+{month}(?:\s+{day.year})?\b",
                      text, re.I)
    return found.group(0) if found else None


def _earliest_possible_day(text: str, found: list[TemporalExpression]) -> Optional[date]:
    """The day after which the article must have been written, from the dated periods it speaks of
    in the past: "depuis l'été 2024" began before the article; "en mars 2023, il a signé" is over.

    A writer names the year of a season or month that is not the current one ("l'été 2024" rather
    than "cet été"), so a past season or month with its year is taken as ended; a year alone only
    says the article is not older than that year.
    """
    bounds = []
    for e in found:
        iv = e.interval
        if iv is None or iv.resolved_by != ResolvedBy.ABSOLUTE or iv.approximate:
            continue
        if not (e.since or guess_tense(text, e.start, e.end) == "past"):
            continue
        if iv.precision in ("day", "month", "season"):
            bounds.append(iv.end)
        elif iv.precision == "year":
            bounds.append(iv.start)
    return max(bounds) if bounds else None


def _infer_from_past_bounds(text: str, today: date) -> Optional[DocumentDate]:
    """An interval for an article that prints no date but speaks of dated periods as past.

    A month or season called "dernier" without a year ("en avril dernier") is the latest of its kind
    before the article and is taken to come after the periods the article dates with their year;
    so "depuis l'été 2024" and "en avril dernier" put the article after April 2025 and no later than
    the April after. Without such a word there is only a floor, and no date. The result is
    approximate, and gives no anchor: a week-wide or year-wide
    guess must not turn "mercredi" into a day.
    """
    found = find_temporal_expressions(text, None)
    floor = _earliest_possible_day(text, found)
    if floor is None or floor >= today:
        return None
    lx = lexicon()
    latest_end: Optional[date] = None
    for e in found:
        words = e.text.lower()
        if e.interval is not None or not any(direction(w) == "past" for w in words.split()):
            continue
        year = floor.year
        if e.kind == "month" and re.fullmatch(r"XXXX-\d\d", e.value):
            month = int(e.value[5:])
            while month_end(year, month) <= floor:
                year += 1
            end = month_end(year, month)
        elif e.kind == "season" and lx.season_of_code(e.value[5:]) is not None:
            name = lx.season_of_code(e.value[5:])
            while (season := season_interval(name, year, lx)).end <= floor:
                year += 1
            end = season.end
        else:
            continue
        latest_end = max(latest_end, end) if latest_end else end
    if latest_end is None or latest_end >= today:
        # a floor alone ("depuis 2019") leaves every later day possible: that is no date
        return None
    upper = min(today, add_months(latest_end, 12))
    return DocumentDate(DateInterval(latest_end + timedelta(days=1), upper, "day", True, ResolvedBy.TEXT_BOUNDS), None)


def anchors_placing(sentence: str, offset: int, days: DateInterval, first: date, last: date) -> Optional[tuple[date, date]]:
    """The first and last article dates, between `first` and `last`, at which the date words at
    `offset` of `sentence` name days that meet `days`: "est mort dimanche", told of Sunday 10 August,
    was written from the 10th to the 16th; "hier", of the 11th. None when no such day (or the span
    is too long to try).

    Words counted from the article's date move forward with it ("hier", "dimanche", "la semaine
    dernière"), so the dates that fit are one stretch, found by halving the span; if some date leaves
    the words unplaced, every date is tried."""
    if (last - first).days > 92:
        return None
    span = [first + timedelta(days=k) for k in range((last - first).days + 1)]

    def named(k: int) -> DateInterval:
        iv = date_words_at(sentence, offset, span[k])
        if iv is None:
            raise LookupError(k)
        return iv

    try:
        start = bisect_left(range(len(span)), True, key=lambda k: named(k).end >= days.start)
        end = bisect_left(range(len(span)), True, key=lambda k: named(k).start > days.end) - 1
    except LookupError:
        fitting = [a for a in span if (iv := date_words_at(sentence, offset, a)) is not None
                   and iv.start <= days.end and days.start <= iv.end]
        return (fitting[0], fitting[-1]) if fitting else None
    return (span[start], span[end]) if start <= end else None
