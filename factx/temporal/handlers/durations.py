"""Handlers of rules that count lengths of time: durations ('trois ans'), spans counted from the
article or another date ('il y a six mois', 'depuis trois ans', 'deux semaines plus tard'), sets
('chaque lundi', 'par an'), and words of no date ('actuellement', 'des années')."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from ..anchoring import shift, shift_exact
from ..context import Context, expression
from ..intervals import DateInterval, duration_value, interval_value
from ..lexicon import counting_words, parse_french_number, reader_words, span_reading, words_regex
from ..provenance import ResolvedBy
from . import handler


def _duration_amount(ctx: Context, m: re.Match) -> Optional[tuple[float, str]]:
    """The count and unit of the AMOUNT piece's groups: (25, 'Y') for 'un quart de siècle', (10, 'D')
    for 'une dizaine de jours', (3, 'M') for 'trois mois'; None for a number it cannot read."""
    if m.groupdict().get("frac"):
        n, unit = ctx.lex.fractions[m["frac"].lower()]
        return float(n), unit
    if m.groupdict().get("approx"):
        word = m["approx"].split()[-1].lower()
        return float(ctx.lex.raw["approximate_numbers"][word]), ctx.lex.units[m["aunit"].lower()]
    n = parse_french_number(m["n"]) if m["n"] else 1.0
    if n is None:
        return None
    return n, ctx.lex.units[m["unit"].lower()]


@handler
def _h_ago(ctx: Context, m: re.Match):
    """'il y a trois mois', 'dans deux semaines', 'voilà trente ans': counted back or ahead from the
    article's date, at the unit's precision; a vague count is only a length of time."""
    amount = _duration_amount(ctx, m)
    if amount is None:
        return None
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return expression(ctx, m, "DURATION", duration_value(n, unit), None, "duration")
    if _is_vague(ctx, m):  # "il y a quelques mois": TimeBank marks the unknown length, not a date
        return expression(ctx, m, "DURATION", duration_value(None, unit), None, "duration", group="amount")
    hedged = any(m.groupdict().get(g) for g in ("hedge", "frac", "approx"))
    sign = 1 if counting_words().get(m["dir"].lower()) == "future" else -1  # "dans"; "il y a", "voilà", "voici" count back
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, "ago")
    if m.groupdict().get("exact"):
        iv = shift_exact(ctx.anchor, n, unit, sign)
    else:
        iv = shift(ctx.anchor, n, unit, sign)
    if iv is None:
        return None
    iv = replace(iv, approximate=hedged, resolved_by=ResolvedBy.ANCHOR)
    return expression(ctx, m, "DATE", interval_value(iv), iv, "ago")


@handler
def _h_duration_from_anchor(ctx: Context, m: re.Match):
    """'depuis trois ans', 'd'ici cinq ans': a length of time (TIMEX3 keeps the DURATION) whose days
    run from 'il y a N ans' to the article's date, or from it to the end of 'dans N ans': the
    calendar unit, as in 'depuis 2014' and 'd'ici à 2024'."""
    expr = _h_duration(ctx, m)
    amount = _duration_amount(ctx, m)
    if expr is None or amount is None or ctx.anchor is None or _is_vague(ctx, m):
        return expr
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return expr
    since = span_reading(m["dir"]) == "since"
    iv = shift(ctx.anchor, n, unit, -1 if since else 1)
    if iv is None:
        return expr
    hedged = any(m.groupdict().get(g) for g in ("hedge", "frac", "approx"))
    span = (DateInterval(iv.start, ctx.anchor, iv.precision, hedged, ResolvedBy.SINCE) if since
            else DateInterval(ctx.anchor, iv.end, iv.precision, hedged, ResolvedBy.UNTIL))
    return replace(expr, interval=span, kind="since" if since else "until", since=since)


@handler
def _h_after_event(ctx: Context, m: re.Match):
    """'neuf mois après que Poutine a accueilli Kim': the subordinate event lies that long before
    (après) or after (avant) the main one, which the article reports at its own date."""
    amount = _duration_amount(ctx, m)
    if amount is None or ctx.anchor is None:
        return _h_duration(ctx, m)
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return _h_duration(ctx, m)
    iv = shift(ctx.anchor, n, unit, -1 if _later(m["dir"]) else 1)
    if iv is None:
        return None
    iv = replace(iv, approximate=any(m.groupdict().get(g) for g in ("hedge", "approx")), resolved_by=ResolvedBy.RELATIVE_EVENT)
    return expression(ctx, m, "DATE", interval_value(iv), iv, "relative-event")


@handler
def _h_after_reference(ctx: Context, m: re.Match):
    """'neuf mois après,' 'deux semaines plus tard': that long after (or before) the date the text
    spoke of last; `attach_to_reference_days` counts from it once every expression is known."""
    amount = _duration_amount(ctx, m)
    if amount is None:
        return None
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return _h_duration(ctx, m)
    sign = 1 if _later(m["dir"] or m["dir2"]) else -1
    hedge = "~" if any(m.groupdict().get(g) for g in ("hedge", "frac", "approx")) else ""
    return expression(ctx, m, "DATE", f"{'+' if sign > 0 else '-'}{n}|{unit}{hedge}", None, "after-reference")


@handler
def _h_duration(ctx: Context, m: re.Match):
    """'trois jours', 'une dizaine d'années', 'quelques mois' (PXM): a length of time; not a person's age."""
    amount = _duration_amount(ctx, m)
    if amount is None:
        return None
    n, unit = amount
    if unit == "Y" and _is_age(ctx, m):
        return None
    return expression(ctx, m, "DURATION", duration_value(None if _is_vague(ctx, m) else n, unit), None, "duration")


@handler
def _h_set(ctx: Context, m: re.Match):
    """'chaque jour' P1D, 'tous les deux ans' P2Y, 'par semestre' P6M: a frequency."""
    unit_word = m["unit"].lower()
    nouns = ctx.lex.raw["period_nouns"]
    if unit_word in nouns:
        return expression(ctx, m, "SET", nouns[unit_word], None, "set")
    n = parse_french_number(m["n"]) if m.groupdict().get("n") else 1.0
    if n is None:
        return None
    return expression(ctx, m, "SET", duration_value(n, ctx.lex.units[unit_word]), None, "set")


@handler
def _h_set_adjective(ctx: Context, m: re.Match):
    """'le lot quotidien', 'le dîner annuel'; after a determiner the word is a noun ('le quotidien')."""
    before = ctx.text[max(0, m.start() - 20):m.start()].lower()
    if _patterns()["determiner"].search(before):
        return None
    previous = re.search(r"([\w-]+)\s+$", before)
    if previous and previous.group(1) in ctx.lex.raw["set_adjective_fixed_nouns"]:
        return None
    return expression(ctx, m, "SET", ctx.lex.raw["set_adjectives"][m["core"].lower()], None, "set")


@handler
def _h_period_noun(ctx: Context, m: re.Match):
    """'un quinquennat' P5Y, 'le semestre' P6M."""
    return expression(ctx, m, "DURATION", ctx.lex.raw["period_nouns"][m["core"].lower()], None, "duration")


@handler
def _h_reference_word(ctx: Context, m: re.Match):
    """'actuellement', 'auparavant', 'prochainement': the present, the past, the future, no date."""
    return expression(ctx, m, "DATE", ctx.lex.raw["reference_words"][m["core"].lower()], None, "relative")


@handler
def _h_vague_duration(ctx: Context, m: re.Match):
    """'ces derniers jours' PXD, 'des années' PXY: a length of time of unknown count."""
    return expression(ctx, m, "DURATION", duration_value(None, ctx.lex.units[(m["unit"] or m["unit2"]).lower()]), None, "duration")


def _is_vague(ctx: Context, m: re.Match) -> bool:
    """'quelques', 'plusieurs': a count nobody knows."""
    return (m.groupdict().get("n") or "").strip().lower() in ctx.lex.raw["vague_quantities"]


def _is_age(ctx: Context, m: re.Match) -> bool:
    """'un chauffeur de 38 ans', 'Pierre Durand, 53 ans,', 'âgé de 54 ans', 'les moins de 17 ans',
    'les 6-16 ans': a person's age, which TimeBank does not mark as a duration."""
    before = ctx.text[max(0, m.start() - 60):m.start()]
    after = ctx.text[m.end():m.end() + 3]
    patterns = _patterns()
    if patterns["age"].search(before):
        return True
    if re.search(r"\d\s*[-–/]\s*$", before) or patterns["age_group"].search(before) and m.groupdict().get("hedge"):
        return True
    if re.search(r"[,(]\s*$", before) and re.match(r"\s*(?:[,.);]|$)", after):
        return True
    noun = patterns["age_noun"].search(before)
    if noun:
        word = noun["noun"].lower().split("'")[-1]
        if word in ctx.lex.raw["duration_nouns"]:
            return False
        if word in ctx.lex.raw["age_nouns"] or (noun["art"] and noun["noun"][:1].isupper()):
            return True
    return False


def _later(word: str) -> bool:
    """'après', 'plus tard': counted forward (models/temporal_fr.json `reader_words.later_words`)."""
    return " ".join(word.lower().split()) in reader_words("later_words")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """What stands before a count of years that makes it a person's age, or before a frequency
    adjective that makes it a noun: built from models/temporal_fr.json `reader_words` and the piece OF."""
    from ..grammar import piece  # the grammar imports the handlers

    of = piece("OF")
    return {
        "determiner": re.compile(rf"\b{words_regex('adjective_determiners')}\s+$"),
        "age": re.compile(rf"{words_regex('age_cues')}\s+{of}$", re.I),
        "age_group": re.compile(rf"\b{words_regex('age_group_determiners')}\s*$", re.I),
        "age_noun": re.compile(rf"(?:\b(?P<art>{words_regex('age_noun_articles')})\s+)?(?P<noun>[\w'-]+)"
                               rf"(?:\s+{of}[\w-]+)?\s+{of}$", re.I),
    }
