"""The handler of holidays ('la Toussaint', 'à Pâques', 'le 14-Juillet'), fixed or counted from Easter."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from ...resources import alternation
from ..anchoring import occurrence_near
from ..context import Context, apply_since, direction_of, expression, is_since, is_since_start, norm_rel
from ..intervals import day_interval, day_value, safe_date
from ..lexicon import holiday_key, holidays, latest_form, words_regex
from ..provenance import ResolvedBy
from . import handler


try:  # dateparser depends on python-dateutil; the computation below stands in without it
    from dateutil.easter import easter as _dateutil_easter
except ImportError:  # pragma: no cover
    _dateutil_easter = None


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar."""
    if _dateutil_easter is not None:
        return _dateutil_easter(year)
    # the anonymous Gregorian algorithm (Meeus, Jones, Butcher)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    month, day = divmod(h + l - 7 * ((a + 11 * h + 22 * l) // 451) + 114, 31)
    return date(year, month, day + 1)


def _holiday_day(key: str, year: int) -> Optional[date]:
    how, when = holidays()[key]
    if how == "fixed":
        return safe_date(year, *when)
    try:
        return _easter(year) + timedelta(days=when)
    except (OverflowError, ValueError):
        return None


@handler
def _h_holiday(ctx: Context, m: re.Match):
    """'la Toussaint', 'le jour de l'An', 'à Pâques': the holiday's day, in the year the tense points to."""
    key = holiday_key(m["h"])
    raw = ctx.lex.raw
    before, after = ctx.text[:m.start("h")], ctx.original[m.end("h"):]
    if re.search(rf"(?<![\w]){alternation(raw['holiday_period_nouns'])}\s+{words_regex('holiday_period_links')}\s*$", before, re.I):
        return None  # "les vacances de la Toussaint", "le pont de l'Ascension": days around it
    if re.match(rf"\s+{alternation(raw['holiday_not_after'])}(?![\w])", after, re.I):
        return None
    if key in {holiday_key(k) for k in raw["holidays_after_a_cue"]}:
        if not re.search(rf"(?<![\w']){alternation(raw['holiday_cues'])}\s+$", before, re.I) \
                or re.match(r"\s+[A-ZÀ-Ý][a-zà-ÿ]", after):  # "Noël Mamère": a first name
            return None
    how, when = holidays()[key]
    if m["y"]:
        d = _holiday_day(key, int(m["y"]))
        if d is None:
            return None
        return expression(ctx, m, "DATE", day_value(d), apply_since(ctx, day_interval(d), m), "absolute", since=is_since(m))
    if ctx.anchor is None:
        value = f"XXXX-{when[0]:02d}-{when[1]:02d}" if how == "fixed" else "XXXX-XX-XX"
        return expression(ctx, m, "DATE", value, None, "holiday", since=is_since(m))
    rel = norm_rel(m["rel"]) or (latest_form() if is_since_start(m) else None)
    d = occurrence_near(ctx.anchor, lambda year: _holiday_day(key, year), direction_of(ctx, m, rel), rel)
    if d is None:
        return None
    iv = apply_since(ctx, day_interval(d, resolved_by=ResolvedBy.ANCHOR), m)
    return expression(ctx, m, "DATE", day_value(d), iv, "holiday", since=is_since(m))
