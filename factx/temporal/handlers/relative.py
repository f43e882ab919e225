"""Handlers of rules that name a day from the article's date or from the day the text speaks of
('mercredi', 'hier soir', 'le lendemain', 'la veille de la grève'), and times of day ('à 14 h',
'dans la soirée')."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from ..anchoring import days_to_weekday, weekday_near
from ..context import Context, apply_since, direction_of, expression, in_title, is_since
from ..intervals import DateInterval, day_interval, day_value
from ..lexicon import direction, reader_words, words_regex
from ..provenance import ResolvedBy
from . import handler


@handler
def _h_weekday(ctx: Context, m: re.Match):
    """'mercredi', 'lundi prochain', 'dimanche soir': the day anchoring.weekday_near picks; 'les
    lundis', 'chaque jeudi' are a habit (SET); a capitalised weekday opening a title is no date."""
    if in_title(ctx, *m.span("wd")):
        return None
    det = (m["det"] or "").lower()
    wd_word = m["wd"].lower()
    part = (m["part"] or "").lower() or None
    rel = (m["rel"] or "").lower() or None
    wd = ctx.weekday(wd_word)
    # "les jeudis", "chaque jeudi", "le jeudi" (no date, no "dernier"), "les deuxième et quatrième jeudis": a habit
    habitual = det in reader_words("habit_determiners") or wd_word.endswith("s") or det in reader_words("habit_articles") and not part
    if habitual and rel is None and not is_since(m):
        return expression(ctx, m, "SET", f"XXXX-WXX-{wd + 1}", None, "weekday")
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-WXX-{wd + 1}", None, "weekday", since=is_since(m))
    tense = direction_of(ctx, m, rel)
    d = weekday_near(ctx.anchor, wd, tense, rel)
    iv = apply_since(ctx, day_interval(d, resolved_by=ResolvedBy.WEEKDAY), m)
    if part:
        return expression(ctx, m, "TIME", f"{d.isoformat()}T{ctx.lex.raw['day_part_codes'][part]}", iv, "weekday", since=is_since(m))
    return expression(ctx, m, "DATE", day_value(d), iv, "weekday", since=is_since(m))


@handler
def _h_weekday_pair(ctx: Context, m: re.Match):
    """'les prochains mardi et mercredi', 'la nuit de mardi à mercredi': consecutive days."""
    wd1, wd2 = ctx.weekday(m["wd1"]), ctx.weekday(m["wd2"])
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", f"XXXX-WXX-{wd1 + 1}", None, "weekday")
    rel = (m["rel"] or "").lower() or None
    tense = ctx.tense_at(m, rel)
    # "les prochains" skips the article's own day, as "mardi prochain" does; "les derniers" keeps it,
    # unlike "mardi dernier"
    first = weekday_near(ctx.anchor, wd1, tense, rel if direction(rel) == "future" else None)
    iv = DateInterval(first, first + timedelta(days=days_to_weekday(wd1, wd2)), "day", resolved_by=ResolvedBy.WEEKDAY)
    return expression(ctx, m, "DATE", day_value(first), iv, "weekday")


@handler
def _h_deictic(ctx: Context, m: re.Match):
    """'hier', 'demain matin': days counted from the article's date; 'actuellement': the present."""
    word = m["w"].lower().replace("’", "'")
    if word in ctx.lex.raw["deictic_present"]:
        return expression(ctx, m, "DATE", "PRESENT_REF", None, "relative")
    off = ctx.lex.raw["deictic_days"][word]
    part = (m["part"] or "").lower() or None
    if ctx.anchor is None:
        return expression(ctx, m, "DATE", "XXXX-XX-XX", None, "relative")
    d = ctx.anchor + timedelta(days=off)
    iv = day_interval(d, resolved_by=ResolvedBy.ANCHOR)
    if part:
        return expression(ctx, m, "TIME", f"{d.isoformat()}T{ctx.lex.raw['day_part_codes'][part]}", iv, "relative")
    return expression(ctx, m, "DATE", day_value(d), iv, "relative")


@handler
def _h_this_part(ctx: Context, m: re.Match):
    """'ce matin', 'ce soir', 'cette nuit': the article's own day."""
    part = m["part"].lower()
    if ctx.anchor is None:
        return expression(ctx, m, "TIME", f"XXXX-XX-XXT{ctx.lex.raw['day_part_codes'][part]}", None, "relative")
    iv = day_interval(ctx.anchor, resolved_by=ResolvedBy.ANCHOR)
    return expression(ctx, m, "TIME", f"{ctx.anchor.isoformat()}T{ctx.lex.raw['day_part_codes'][part]}", iv, "relative")


@handler
def _h_dayshift(ctx: Context, m: re.Match):
    """'le lendemain', 'la veille': the day after or before the reference day."""
    step = "+1" if m["w"] else "-1"
    return expression(ctx, m, "DATE", step, None, "dayshift")


@handler
def _h_event_shift(ctx: Context, m: re.Match):
    """'la veille de la grève', 'au lendemain du scrutin': the day before or after the day the text
    gave that event (`_day_of_event_named_before`)."""
    if not m["noun"].islower():
        return None  # "la veille de Noël" is the holiday rules'
    step = 1 if m["after"] else -2 if m["two"] else -1
    return expression(ctx, m, "DATE", f"{step:+d}|{m['noun'].lower()}", None, "event-shift")


@handler
def _h_clock(ctx: Context, m: re.Match):
    """'18 h', '21 h 45', 'à 14 heures', 'vers midi': a TIME on the reference day."""
    word = (m.groupdict().get("word") or "").lower()
    if word:
        hhmm = ctx.lex.raw["day_part_codes"][word]
    else:
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        spelled = any(w in m["core"].lower() for w in reader_words("spelled_hour"))  # "12 heures": only after "à", "vers"...
        # "pendant 24 h", "en 48 heures": a length of time, left to the duration rule
        if _clock_ends("clock_duration_before").search(before):
            return None
        if spelled and not _clock_ends("clock_hour_before").search(before):
            return None
        hhmm = f"{int(m['h']):02d}:{int(m['mi'] or 0):02d}"
    return expression(ctx, m, "TIME", "T" + hhmm, None, "clock")


@lru_cache(maxsize=None)
def _clock_ends(name: str) -> re.Pattern:
    """Text ending with a word of the `reader_words` list `name` (and spaces)."""
    return re.compile(rf"{words_regex(name)}\s*$")


@handler
def _h_daypart(ctx: Context, m: re.Match):
    """'dans la nuit', 'au cours de la soirée', 'le matin même': that part of the reference day."""
    code = ctx.lex.raw["day_part_codes"][(m["part"] or m["part2"]).lower()]
    return expression(ctx, m, "TIME", "T" + code, None, "daypart")


@handler
def _h_edge_daypart(ctx: Context, m: re.Match):
    """'en fin de journée', 'en début de soirée': that part of the reference day, like 'dans la soirée'."""
    part = m["part"].lower()
    codes = ctx.lex.raw["day_part_codes"]
    # "en fin de journée": the part whose code is the whole day (DT) takes the code of its edge
    code = ctx.lex.raw["day_edge_codes"][m["edge"].lower()] if codes[part] == "DT" else codes[part]
    return expression(ctx, m, "TIME", "T" + code, None, "daypart")
