"""Handlers of rules that name months, seasons, years and longer periods, or the current, last or next
week, month or year, and their parts ('début juin', 'la fin de l'année', 'au second semestre')."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from ...resources import alternation
from ..anchoring import (nearest_span, season_year, step_to_tense, weekend_saturday, year_for_month,
                         year_written)
from ..context import (AliasedMatch, Context, apply_since, apply_until, direction_of, expression, in_title, is_since,
                       norm_rel)
from ..intervals import (DateInterval, add_months, month_end, month_interval, season_interval, week_start, week_value,
                         year_interval)
from ..lexicon import direction, period_part, reader_words, span_reading, words_regex
from ..provenance import ResolvedBy
from . import handler


# one period back for a word that points to the past ('le trimestre dernier', 'l'année précédente'),
# one ahead for one that points to the future (models/temporal_fr.json `direction_words`)
_STEP = {"past": -1, "future": 1}


@handler
def _h_year_range(ctx: Context, m: re.Match):
    """'de 1995 à 2008', '(1840-1926)': every year from the first to the last."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not (y1 < y2 <= y1 + 200):
        return None
    iv = DateInterval(date(y1, 1, 1), date(y2, 12, 31), "year")
    return expression(ctx, m, "DATE", f"{y1}", iv, "range")


@handler
def _h_month_year(ctx: Context, m: re.Match):
    """'septembre 2023', 'début mars 2025', 'mai 68': a month with its year, or a part of it."""
    month = ctx.month(m["m"])
    year = year_written(m["y"], ctx.anchor)
    iv = month_interval(year, month)
    iv = part_of_month(iv, m.groupdict().get("part"))
    iv = apply_since(ctx, iv, m)
    return expression(ctx, m, "DATE", f"{year}-{month:02d}", iv, "absolute", since=is_since(m))


def part_of_month(iv: DateInterval, part: Optional[str]) -> DateInterval:
    """'début juin', 'mi-mars', 'fin mai': days 1-10, 10-20, from the 20th to the end, hedged (they overlap,
    as readers' ideas of them do)."""
    days = period_part(part)
    if days is None:
        return iv
    (first, last), y, mo = days["month_days"], iv.start.year, iv.start.month
    return DateInterval(date(y, mo, first), date(y, mo, min(last, month_end(y, mo).day)), "month", True, iv.resolved_by)


def part_of_year(iv: DateInterval, part: Optional[str]) -> DateInterval:
    """'début 2024', 'la fin de l'année': the first or last quarter, the middle four months, hedged.
    TIMEX3 keeps the year as the value; the days narrow to the part a reader means."""
    if not part:
        return iv
    first, last = _part(part)["year_months"]
    y = iv.start.year
    return DateInterval(date(y, first, 1), month_end(y, last), "month", True, iv.resolved_by)


def _part(part: str) -> dict:
    """The days a part of a period covers; KeyError for a word that is none."""
    found = period_part(part)
    if found is None:
        raise KeyError(part)
    return found


@lru_cache(maxsize=1)
def _year_part() -> re.Pattern:
    """'fin 2019', 'mi-2019': a part of the year (the piece PART) opening the words."""
    from ..grammar import piece  # the grammar imports the handlers

    return re.compile(rf"({piece('PART')})\b", re.I)


@lru_cache(maxsize=1)
def _season_habit() -> re.Pattern:
    """'les mois d'été', 'été': a season the words name without a determiner."""
    from ..grammar import piece

    months = words_regex("season_month_words", r"\s+")
    return re.compile(rf"{months}|{piece('SEASON')}", re.I)


@handler
def _h_month(ctx: Context, m: re.Match):
    """'en mars', 'depuis octobre', 'fin juillet': a month without its year, which anchoring settles."""
    month = ctx.month(m["m"])
    rel = (m["rel"] or "").lower() or None
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-{month:02d}", None, "month", since=is_since(m))
    tense = direction_of(ctx, m, rel)
    year = year_for_month(ctx.anchor, month, tense, rel)
    iv = part_of_month(month_interval(year, month, resolved_by=ResolvedBy.ANCHOR), m.groupdict().get("part"))
    iv = apply_since(ctx, iv, m)
    return expression(ctx, m, "DATE", f"{year}-{month:02d}", iv, "month", since=is_since(m))


@handler
def _h_month_rel(ctx: Context, m: re.Match):
    """'février dernier', 'le mois d'août': a month read like 'en février', without a preposition."""
    return _h_month(ctx, AliasedMatch(m, {"m": ("m", "m2x")}, {"prep": None}))


@handler
def _h_month_range(ctx: Context, m: re.Match):
    """'de février à juin', 'entre mars et mai 2024': every day of both months and those between."""
    if any(m[g][:1].isupper() and not m[g].isupper() for g in ("m1", "m2")):
        return None  # "de Mars à Vénus": after "de", a capital makes a name
    m1, m2 = ctx.month(m["m1"]), ctx.month(m["m2"])
    y2 = int(m["y2"]) if m["y2"] else None
    y1 = int(m["y1"]) if m["y1"] else (y2 if y2 is None or m1 <= m2 else y2 - 1)
    if y1 is not None and y2 is None:
        y2 = y1 if m1 <= m2 else y1 + 1
    if y1 is None:
        if ctx.anchor is None:
            return expression(ctx, m, "DATE", f"XXXX-{m1:02d}", None, "range")
        a = ctx.anchor
        spans = [(date(y, m1, 1), month_end(y if m1 <= m2 else y + 1, m2)) for y in (a.year - 1, a.year, a.year + 1)]
        span = nearest_span(a, spans, ctx.tense_at(m))
        if span is None:
            return None
        (start, end), how = span, ResolvedBy.ANCHOR
    else:
        if (y2, m2) < (y1, m1):
            return None
        start, end, how = date(y1, m1, 1), month_end(y2, m2), ResolvedBy.ABSOLUTE
    return expression(ctx, m, "DATE", f"{start.year}-{start.month:02d}", DateInterval(start, end, "month", resolved_by=how), "range")


def _season(ctx: Context, m: re.Match):
    """A season, in the year written or the one anchoring settles; a present habit ('en été, la
    demande augmente') is any summer."""
    name = m["s"].lower()
    code = ctx.lex.season_code(name)
    rel = (m["rel"] or "").lower() or None
    if m["y"]:
        year = int(m["y"])
        how = ResolvedBy.ABSOLUTE
    elif ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-{code}", None, "season", since=is_since(m))
    else:
        how = ResolvedBy.ANCHOR
        tense = direction_of(ctx, m, rel)
        if tense is None and rel is None and _season_habit().match(m["core"] or ""):
            # "la demande augmente en été": a habit in the present, any summer
            return expression(ctx, m, "DATE", f"XXXX-{code}", None, "season")
        year = season_year(ctx.anchor, name, tense, rel, ctx.lex)
    iv = apply_since(ctx, season_interval(name, year, ctx.lex, resolved_by=how), m)
    return expression(ctx, m, "DATE", f"{year}-{code}", iv, "season", since=is_since(m))


@handler
def _h_season_any(ctx: Context, m: re.Match):
    """'l'été 2022', 'à l'automne', 'l'hiver dernier', unless the season is a name or a title."""
    word = "s" if m["s"] else "s2"
    if re.match(rf"\s+{alternation(ctx.lex.raw['season_not_after'])}(?![\w])", ctx.text[m.end(word):], re.I):
        return None
    # "au Printemps de Bourges", "le Printemps arabe": a capital anywhere but at the start of a
    # sentence makes a name (a word all in capitals is a headline, not a name)
    if m[word][:1].isupper() and not m[word].isupper() \
            and not re.search(r"(?:^|[.!?:;«\"\n])\s*$", ctx.text[:m.start(word)]) or in_title(ctx, *m.span(word)):
        return None
    return _season(ctx, AliasedMatch(m, {"s": ("s", "s2"), "y": ("y", "y2")}))


@handler
def _h_rentree(ctx: Context, m: re.Match):
    """'à la rentrée': days 1-10 of September (the school year's start, as 'début septembre'), of the
    year written, or of the one the tense points to; with none, the nearest."""
    def days(year: int) -> DateInterval:
        return DateInterval(date(year, 9, 1), date(year, 9, 10), "day", resolved_by=ResolvedBy.ANCHOR)

    if m["mon"]:
        # "la rentrée de septembre": the writer names the month, and the date is that month
        # (TimeBank marks "septembre" and leaves "rentrée" an event)
        if m["y"]:
            year, how = int(m["y"]), ResolvedBy.ABSOLUTE
        elif ctx.anchor is None:
            return expression(ctx, m, "DATE", "XXXX-09", None, "month", group="mon")
        else:
            rel = norm_rel(m["rel"])
            year, how = year_for_month(ctx.anchor, 9, direction_of(ctx, m, rel), rel), ResolvedBy.ANCHOR
        iv = apply_since(ctx, month_interval(year, 9, resolved_by=how), m)
        return expression(ctx, m, "DATE", f"{year}-09", iv, "absolute" if m["y"] else "month", group="mon",
                          since=is_since(m))
    if m["y"]:
        year = int(m["y"])
        return expression(ctx, m, "DATE", f"{year}-09", replace(days(year), resolved_by=ResolvedBy.ABSOLUTE), "absolute",
                          since=is_since(m))
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", "XXXX-09", None, "rentrée", since=is_since(m))
    a = ctx.anchor
    rel = norm_rel(m["rel"])
    tense = direction_of(ctx, m, rel)
    # "dernière" and "prochaine" point back or ahead whatever the verb, and skip the one under way
    way = "past" if direction(rel) == "past" or tense == "past" else \
        "future" if direction(rel) == "future" or tense == "future" else None
    strict = rel is not None and direction(rel) == way
    span = nearest_span(a, [(days(y).start, days(y).end) for y in (a.year - 1, a.year, a.year + 1)], way, strict)
    if span is None:
        return None
    iv = apply_since(ctx, days(span[0].year), m)
    return expression(ctx, m, "DATE", f"{iv.start.year}-09", iv, "rentrée", since=is_since(m))


@handler
def _h_season_pair(ctx: Context, m: re.Match):
    """'été comme hiver': all year round, two seasons of no year."""
    def code(word: str) -> str:  # "Eté": capitals often lose their accent
        word = word.lower()
        return ctx.lex.season_code(ctx.lex.raw["season_spellings"].get(word, word))
    first = expression(ctx, m, "DATE", f"XXXX-{code(m['s'])}", None, "season", group="s")
    second = expression(ctx, m, "DATE", f"XXXX-{code(m['s2'])}", None, "season", group="s2")
    return [first, second]


@handler
def _h_year(ctx: Context, m: re.Match):
    """'en 2019', 'fin 2019', 'd'ici à 2030': a year, or a part of it; not an identifier ('la loi 2019')."""
    year = int(m["y"])
    if re.search(rf"\b{alternation(ctx.lex.raw['identifier_nouns'])}\s*$", ctx.text[:m.start("core")], re.I):
        return None
    part = _year_part().match(m["core"])
    iv = apply_since(ctx, part_of_year(year_interval(year), part and part.group(1)), m)
    if span_reading(m.groupdict().get("prep")) == "until" and ctx.anchor is not None \
            and ctx.anchor <= iv.end and (not part or _part(part.group(1))["year_months"][1] == 12):
        # "d'ici à 2030", "d'ici fin 2026": from now to the end of that year, the mirror of "depuis 2019"
        # (a day, as in "d'ici vendredi", stays the deadline itself)
        return expression(ctx, m, "DATE", str(year), DateInterval(ctx.anchor, iv.end, "year", resolved_by=ResolvedBy.UNTIL), "until")
    return expression(ctx, m, "DATE", str(year), iv, "year", since=is_since(m))


def _roman(text: str) -> Optional[int]:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for ch, nxt in zip(text, text[1:] + " "):
        v = values[ch]
        total += -v if nxt in values and values[nxt] > v else v
    return total or None


@handler
def _h_century(ctx: Context, m: re.Match):
    """'au XIXe siècle': TIMEX3 writes the century by its first two digits, '18'."""
    if m["roman"] != m["roman"].upper():
        return None
    n = _roman(m["roman"])
    if not n or not 1 <= n <= 21:
        return None
    first = max(1, (n - 1) * 100)
    iv = DateInterval(date(first, 1, 1), date(n * 100 - 1 if n * 100 - 1 >= first else first, 12, 31), "century")
    return expression(ctx, m, "DATE", f"{n - 1:02d}", iv, "century")


def _quarter(ctx: Context, m: re.Match):
    """'le premier trimestre 1999' 1999-Q1, 'au second semestre' (of the article's year) -> 1999-H2."""
    months = int(ctx.lex.raw["period_nouns"][m["q"].lower()][1:-1])  # 'trimestre' P3M: four a year
    per_year = 12 // months
    code = {4: "Q", 2: "H"}[per_year]
    word = (m["ord"] or m["rel"] or m["this"]).lower()
    year = int(m["y"]) if m["y"] else ctx.anchor.year if ctx.anchor else None
    if word in ctx.lex.raw["ordinals"]:
        n = ctx.lex.raw["ordinals"][word]
    elif direction(word) == "past" and m["ord"] and (m["y"] or ctx.tense_at(m) == "future"):
        n = per_year  # "au dernier trimestre 2022", "reprendra au dernier trimestre": the year's last one
    elif year is None:
        return expression(ctx, m, "DATE", f"XXXX-{code}X", None, "quarter")
    else:
        # "au dernier trimestre", "le trimestre dernier" (the one before the article's), "le semestre
        # prochain", "ce trimestre": counted from the anchor's own
        step = _STEP.get(direction(word), 0)
        index = (ctx.anchor.year * per_year + (ctx.anchor.month - 1) // months) + step
        year, n = index // per_year, index % per_year + 1
    if n > per_year:
        return None
    if year is None:
        return expression(ctx, m, "DATE", f"XXXX-{code}{n}", None, "quarter")
    first = (n - 1) * months + 1
    iv = DateInterval(date(year, first, 1), month_end(year, first + months - 1), "month",
                      resolved_by=ResolvedBy.ABSOLUTE if m["y"] else ResolvedBy.ANCHOR)
    return expression(ctx, m, "DATE", f"{year}-{code}{n}", iv, "quarter")


@handler
def _h_quarter_any(ctx: Context, m: re.Match):
    """'au quatrième trimestre 2018', 'le trimestre dernier', 'ce semestre'."""
    return _quarter(ctx, AliasedMatch(m, {"q": ("q", "q2", "q3")}))


@handler
def _h_decade(ctx: Context, m: re.Match):
    """'les années 2000', 'les années 80'."""
    year = year_written(m["y"], ctx.anchor)
    if year % 10:
        return None
    iv = DateInterval(date(year, 1, 1), date(year + 9, 12, 31), "decade")
    return expression(ctx, m, "DATE", str(year)[:3], iv, "decade")


@handler
def _h_relative_period(ctx: Context, m: re.Match):
    """'la semaine prochaine', 'l'an dernier', 'ce mois-ci', 'ce week-end', 'la fin de l'année':
    the article's week, month or year, or the one before or after."""
    unit = m["unit"].lower()
    rel = (m["rel"] or "").lower()
    det = (m["det"] or "").lower()
    if direction(rel):
        step = _STEP[direction(rel)]
    elif det in reader_words("demonstratives") or rel in reader_words("current_words") or m["new"] or m["edge"]:
        step = 0  # "la fin de l'année", "la fin du mois": the current one
    else:
        return None
    a = ctx.anchor
    weekend = unit in reader_words("weekend_words")
    code = "W" if weekend else ctx.lex.units.get(unit)
    if code == "W":
        if a is None:
            return expression(ctx, m, "DATE", "XXXX-WXX", None, "relative")
        if weekend:
            sat = weekend_saturday(a, step, ctx.tense_at(m) if step == 0 else None)
            iv = DateInterval(sat, sat + timedelta(days=1), "day", resolved_by=ResolvedBy.ANCHOR)
            return expression(ctx, m, "DATE", f"{week_value(sat)}-WE", iv, "relative")
        monday = week_start(a) + timedelta(weeks=step)
        iv = apply_until(ctx, apply_since(ctx, part_of_week(monday, m["edge"]), m), m)
        return expression(ctx, m, "DATE", week_value(monday), iv, "relative", since=is_since(m))
    if code == "M":
        if a is None:
            return expression(ctx, m, "DATE", "XXXX-XX", None, "relative")
        first = add_months(date(a.year, a.month, 1), step)
        iv = part_of_month(month_interval(first.year, first.month, resolved_by=ResolvedBy.ANCHOR), m["edge"])
        return expression(ctx, m, "DATE", f"{first.year}-{first.month:02d}", apply_until(ctx, apply_since(ctx, iv, m), m),
                          "relative", since=is_since(m))
    if code == "Y":
        if a is None:
            return expression(ctx, m, "DATE", "XXXX", None, "relative")
        y = a.year + step
        iv = part_of_year(year_interval(y, resolved_by=ResolvedBy.ANCHOR), m["edge"])
        return expression(ctx, m, "DATE", str(y), apply_until(ctx, apply_since(ctx, iv, m), m), "relative", since=is_since(m))
    return None


def part_of_week(monday: date, part: Optional[str]) -> DateInterval:
    """The week from `monday`, or its 'début' (Monday-Tuesday), 'milieu' (Tuesday-Thursday) or 'fin'
    (Thursday-Sunday), hedged: the month's convention of overlapping thirds, on seven days."""
    if not part:
        return DateInterval(monday, monday + timedelta(days=6), "week", resolved_by=ResolvedBy.ANCHOR)
    first, last = _part(part)["week_days"]
    return DateInterval(monday + timedelta(days=first), monday + timedelta(days=last), "day", True, ResolvedBy.ANCHOR)


@handler
def _h_edge_period(ctx: Context, m: re.Match):
    """'en début de semaine', 'en fin de mois', 'en fin d'année prochaine': a part of the anchor's
    week, month or year, or of the one before or after when the tense says it is over or to come."""
    edge, code = m["edge"].lower(), ctx.lex.units[m["unit"].lower()]
    a = ctx.anchor
    if a is None:
        return expression(ctx, m, "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX"}.get(code, "XXXX"), None, "relative")

    def part(step: int) -> tuple[str, DateInterval]:
        if code == "W":
            monday = week_start(a) + timedelta(weeks=step)
            return week_value(monday), part_of_week(monday, edge)
        if code == "M":
            first = add_months(date(a.year, a.month, 1), step)
            return f"{first.year}-{first.month:02d}", part_of_month(month_interval(first.year, first.month, resolved_by=ResolvedBy.ANCHOR), edge)
        return str(a.year + step), part_of_year(year_interval(a.year + step, resolved_by=ResolvedBy.ANCHOR), edge)

    step = _STEP.get(direction(m["rel"]), 0)
    value, iv = part(step)
    if not m["rel"]:
        shifted = step_to_tense(a, iv.start, iv.end, ctx.tense_at(m))
        if shifted:
            value, iv = part(shifted)
    return expression(ctx, m, "DATE", value, iv, "relative")
