"""Dates: find French temporal expressions and resolve them to intervals of calendar days.

Everything here is pure: text and an anchor date in, records out. No spaCy, no I/O beyond the
lexicon file read once. The tense that orients "mercredi" (the coming or the past Wednesday) is read
from the words around the expression, so the resolver behaves the same inside `factx extract` and in
`factx dates`.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Optional

from .resources import alternation, load_json_resource

PRECISIONS = ("day", "week", "month", "season", "year", "decade", "century")


@dataclass(frozen=True)
class DateInterval:
    """The calendar days an expression covers, inclusive at both ends."""

    start: date
    end: date
    precision: str
    approximate: bool = False
    resolved_by: str = "absolute"

    @property
    def edtf(self) -> str:
        """Extended Date/Time Format (ISO 8601-2) text for the interval."""
        mark = "~" if self.approximate else ""
        s, e = self.start, self.end
        if self.precision == "year" and s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
            return f"{s.year}{mark}"
        if self.precision == "decade" and s.year % 10 == 0 and e.year == s.year + 9:
            return f"{str(s.year)[:3]}X{mark}"
        if self.precision == "month" and s.day == 1 and e == _month_end(s.year, s.month):
            return f"{s.year:04d}-{s.month:02d}{mark}"
        if s == e:
            return f"{s.isoformat()}{mark}"
        if s.day == 1 and e == _month_end(e.year, e.month) and self.precision in ("month", "season"):
            return f"{s.year:04d}-{s.month:02d}{mark}/{e.year:04d}-{e.month:02d}{mark}"
        return f"{s.isoformat()}{mark}/{e.isoformat()}{mark}"

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "edtf": self.edtf,
            "approximate": self.approximate,
            "resolved_by": self.resolved_by,
        }

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_counted_from(interval: DateInterval) -> Optional[DateInterval]:
    """The day, month or year a 'depuis X' span counts from, X itself ('depuis juillet 2000' -> July
    2000); None for any other interval, or a since-span of another kind of period."""
    if interval.resolved_by != "since":
        return None
    s = interval.start
    if interval.precision == "day":
        end = s
    elif interval.precision == "month" and s.day == 1:
        end = _month_end(s.year, s.month)
    elif interval.precision == "year" and (s.month, s.day) == (1, 1):
        end = date(s.year, 12, 31)
    else:
        return None
    return replace(interval, end=end, resolved_by="since-start")


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

    def to_dict(self) -> dict:
        return self.interval.to_dict()


# ---------------------------------------------------------------------------------------------
# Lexicon and patterns

@dataclass(frozen=True)
class _Lexicon:
    months: dict
    weekdays: dict
    seasons: dict
    numbers: dict
    units: dict
    fractions: dict
    hedges: tuple
    month_re: str
    weekday_re: str
    number_re: str
    unit_re: str
    hedge_re: str
    fraction_re: str
    raw: dict = field(default_factory=dict)  # the rest of the lexicon file (word lists read by single rules)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = load_json_resource("temporal_fr.json")
    months = raw["months"]
    # abbreviations may carry a full stop ("sept.", "janv.")
    # only abbreviations ("sept.", "avr.") take a full stop; "avril." ends a sentence
    abbreviations = {m for m in months if any(o != m and o.startswith(m) for o in months)}
    month_re = "|".join(sorted((re.escape(m) + (r"\.?" if m in abbreviations else "") for m in months),
                               key=len, reverse=True))
    numbers = raw["number_words"]
    number_words = "|".join(sorted(numbers, key=len, reverse=True))
    number_re = rf"(?:\d{{1,3}}(?:[,.]\d+)?|(?:(?:{number_words})(?:[- ](?:et[- ])?)?)+)"
    units = raw["units"]
    unit_re = "|".join(sorted((re.escape(u) for u in units), key=len, reverse=True))
    hedges = tuple(raw["hedges"])
    hedge_re = "|".join(sorted((re.escape(h) for h in hedges), key=len, reverse=True))
    fractions = raw["fraction_phrases"]
    fraction_re = "|".join(sorted((re.escape(f) for f in fractions), key=len, reverse=True))
    return _Lexicon(months, raw["weekdays"], raw["seasons"], numbers, units, fractions, hedges,
                    f"(?:{month_re})", "(?:" + "|".join(raw["weekdays"]) + ")s?",
                    number_re, f"(?:{unit_re})", f"(?:{hedge_re})", f"(?:{fraction_re})", raw)


def parse_french_number(text: str) -> Optional[float]:
    """'24' -> 24, 'vingt-cinq' -> 25, 'quatre-vingt-dix' -> 90, 'trente et un' -> 31; else None."""
    t = text.strip().lower().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "et"]
    if not words:
        return None
    numbers = _lexicon().numbers
    total, current = 0, 0
    for w in words:
        if w.endswith("s") and w[:-1] in ("vingt", "cent"):
            w = w[:-1]
        if w not in numbers:
            return None
        n = numbers[w]
        if n == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif n == 100:
            current = max(current, 1) * 100
        elif n == 20 and current in (4,):  # quatre-vingt
            current *= 20
        else:
            current += n
    return float(total + current)


# ---------------------------------------------------------------------------------------------
# Calendar helpers

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_interval(year: int, month: int, **kw) -> DateInterval:
    return DateInterval(date(year, month, 1), _month_end(year, month), "month", **kw)


def _year_interval(year: int, **kw) -> DateInterval:
    return DateInterval(date(year, 1, 1), date(year, 12, 31), "year", **kw)


def _day_interval(day: date, **kw) -> DateInterval:
    return DateInterval(day, day, "day", **kw)


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Tense: which way a relative expression points

_FUTURE_VERB = re.compile(
    r"\b(?:[a-zàâçéèêëîïôûùüÿœ]{2,}(?:erai|eras|era|erons|erez|eront|irai|ira|irons|iront|rai|ra|rons|ront|dra|dront)"
    r"|sera|seront|aura|auront|ira|iront|fera|feront|pourra|pourront|devra|devront|viendra|viendront)\b", re.I)
_FUTURE_CUE = re.compile(
    r"\b(?:prochaine?s?|prévue?s?|programmée?s?|attendue?s?|doi(?:t|vent)\s+\w+(?:er|ir|re)|va\s+\w+(?:er|ir|re)|vont\s+\w+(?:er|ir|re)"
    r"|devrai(?:t|ent)|s'apprête|à venir|d'ici|compte\s+\w+(?:er|ir|re)"
    r"|[a-zàâçéèêëîïôûùüÿœ]+(?:er|rr|dr)ai(?:t|ent))\b", re.I)
# the conditional ("pourraient rouvrir", "signerait") speaks of what is to come; it ends like the
# imperfect, so the imperfect's past reading leaves these endings out
_CONDITIONAL = r"[a-zàâçéèêëîïôûùüÿœ]+(?:er|rr|dr)ai(?:t|ent)\b"
_PARTICIPLE = r"[\wàâçéèêëîïôûùüÿœ]+(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|erte|ort|eint|aint|oint|uit)"
_ADVERBS = r"(?:(?:[\wàâçéèêëîïôûùüÿœ'’-]+\s+){0,3}?)"


@lru_cache(maxsize=1)
def _past_verb_pattern() -> re.Pattern:
    """Past forms: avoir + participle, être + participle of a verb conjugated with être
    ("est arrivé"), pronominal verbs ("s'est rendu"), the imperfect, and past cue words."""
    etre = "|".join(sorted(_lexicon_raw()["etre_participles"], key=len, reverse=True))
    return re.compile(
        rf"\b(?:a|ont|avait|avaient|ai|avons|avez|as|eut|eurent|aurait|auraient)\s+{_ADVERBS}{_PARTICIPLE}\b"
        rf"|\b(?:est|sont|était|étaient|fut|furent|serait|seraient)\s+{_ADVERBS}(?:{etre})(?:e|s|es)?\b"
        rf"|\b(?:s'|se\s+|s’)(?:est|sont|était|étaient|serait|seraient)\s+{_ADVERBS}{_PARTICIPLE}\b"
        rf"|\b(?!{_CONDITIONAL})[a-zàâçéèêëîïôûùüÿœ]{{2,}}(?:ait|aient)\b|\bhier\b|\bdernière?s?\b|\bpassée?\b", re.I)


def _lexicon_raw() -> dict:
    return load_json_resource("temporal_fr.json")


_FUTURE_NOT = {"opéra", "caméra", "extra", "ultra", "contra", "tiara", "mantra", "sahara", "aura", "dra", "tora", "cobra",
               "algèbre", "lira", "mira", "zebra", "vera", "sierra", "guerra", "era", "terra", "para", "ira", "ra"}


_PARTICIPLE_BEFORE = re.compile(r"\b([\wàâçéèêëîïôûùüÿœ]{3,}(?:é|ée|és|ées))\s+(?P<prep>en|le|au|dès|depuis)?\s*$", re.I)
@lru_cache(maxsize=1)
def _planned_participles() -> frozenset:
    return frozenset(w + end for w in _lexicon_raw()["planned_participles"] for end in ("", "e", "s", "es"))


# "annoncé lundi" is an announcement made on Monday; "annoncé le 30 juin" may be a coming event
_ANNOUNCED = {"annoncé", "annoncée", "annoncés", "annoncées"}


@lru_cache(maxsize=1)
def _irregular_participle_before() -> re.Pattern:
    """'élu mardi', 'ouvertes en mai': participles the -é pattern cannot see, from the lexicon."""
    words = alternation(_lexicon_raw()["irregular_participles"])
    return re.compile(rf"\b({words}(?:e|s|es)?)\s+(?P<prep>en|le|au|dès|depuis)?\s*$", re.I)


@lru_cache(maxsize=1)
def _future_verb_cue() -> re.Pattern:
    """Present-tense verbs of promise and plan: what they govern is still to come."""
    return re.compile(rf"(?<![\w'’]){alternation(_lexicon_raw()['future_verbs'])}(?![\w])", re.I)


# what stands before a word in -é that makes it no past act: a present or coming passive ("sont
# convoquées le 30 juin", "doit être adopté avant le 23 décembre", "sera exceptionnellement fermé
# le jour de l'An") or a determiner, which makes it a noun ("devant les députés début juillet",
# "le Conseil de sécurité en avril")
_NOT_A_PAST_ACT = re.compile(
    r"(?:\b(?:est|sont|sera|seront|être|soit|soient)(?:\s+(?:[\wàâçéèêëîïôûùüÿœ]+ment|pas|plus|encore|déjà|bien|toujours|aussi|enfin))*"
    r"|\b(?:les|des|aux|du|de|la|le|un|une|ces|ses|leurs?|nos|vos|cette|ce|cet)|\b[ld]')\s*$", re.I)

# ", " (not the comma of "2,3 %") and dashes set off an apposition or another clause
_CLAUSE_BREAK = re.compile(r",\s|\s[–—]\s|[()]")


def _past_participle_before(head: str) -> bool:
    """'Nommé en janvier', 'signé le 19 juin', 'élu mardi': a past participle right before the date
    dates a past act."""
    for pattern in (_PARTICIPLE_BEFORE, _irregular_participle_before()):
        before = pattern.search(head)
        if before is None or _NOT_A_PAST_ACT.search(head[:before.start()]):
            continue
        word = before.group(1).lower()
        if word in _planned_participles() or word in _ANNOUNCED and before["prep"]:
            continue
        return True
    return False


@lru_cache(maxsize=1)
def _past_plan_before() -> re.Pattern:
    """'initialement prévues en', 'qui avait été programmé le': a plan told as made in the past."""
    raw = _lexicon_raw()
    planned = alternation([*raw["planned_participles"], "annoncé"])
    markers = alternation(raw["past_plan_markers"])
    # only adverbs and other markers between ("avaient été initialement prévues"): in "était complet, est
    # prévu" the plan is a present one
    gap = rf"(?:(?:{markers}|été|déjà|[\wàâçéèêëîïôûùüÿœ]+ment)\s+){{0,3}}"
    return re.compile(rf"(?<![\w']){markers}\s+{gap}{planned}(?:e|s|es)?"
                      rf"\s+(?:(?:en|le|au|à|pour|dès|pour\s+le)\s+)?$", re.I)


def guess_tense(text: str, start: int, end: int) -> Optional[str]:
    """'past', 'future' or None from the verbs and cues nearest the expression in its clause.

    The clause is the stretch between commas around the expression: in "ouvertes en mai, seront
    closes" or "augmenteront au 1er février, a prévenu le régulateur" the verb of the date's own
    clause orients it, however near a verb of the next clause stands. With no cue in its clause,
    the nearest one in the sentence counts.
    """
    left_bound = max(text.rfind(c, 0, start) for c in ".;!?\n")
    right_hits = [i for i in (text.find(c, end) for c in ".;!?\n") if i != -1]
    right_bound = min(right_hits) if right_hits else len(text)
    lo, hi = max(left_bound + 1, start - 120), min(right_bound, end + 120)
    window = text[lo:hi]
    head = text[max(lo, start - 60):start]
    if _past_plan_before().search(head):
        # the plan was made before the article, and the planned day may be over ("initialement prévues
        # en mars", said in May) or not yet come ("initialement prévu en septembre"): the nearest counts
        return None
    if _past_participle_before(head):
        return "past"
    breaks = [lo + b.start() for b in _CLAUSE_BREAK.finditer(window)]
    clause_lo = max([b for b in breaks if b < start], default=lo)
    clause_hi = min([b for b in breaks if b >= end], default=hi)
    best: Optional[tuple[bool, int, str]] = None  # (outside the clause, distance, tense): smallest wins
    for tense, pattern in (("future", _FUTURE_VERB), ("future", _FUTURE_CUE), ("future", _future_verb_cue()),
                           ("past", _past_verb_pattern())):
        for m in pattern.finditer(window):
            word = m.group(0).lower()
            if tense == "future" and pattern is _FUTURE_VERB and word in _FUTURE_NOT and word not in ("aura", "ira"):
                continue
            abs_start, abs_end = lo + m.start(), lo + m.end()
            if abs_start < end and abs_end > start:  # a cue inside the expression itself is read elsewhere
                continue
            distance = start - abs_end if abs_end <= start else abs_start - end
            key = (not (clause_lo <= abs_start and abs_end <= clause_hi), distance, tense)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


# ---------------------------------------------------------------------------------------------
# Direction-aware resolution of partial dates

def full_year(two_digits: int, anchor: Optional[date]) -> int:
    """The year a reader means by two digits ("mai 50", "le 10/05/26", "les années 30"): the one in the
    hundred years that end a few years after the article's date (models/temporal_fr.json,
    `two_digit_years`), so the article's date decides the century. Without an article date, the
    reference year of the same data file stands in. Every two-digit year of every rule comes here."""
    rule = _lexicon_raw()["two_digit_years"]
    reference = anchor.year if anchor is not None else rule["reference_year_without_article_date"]
    latest = reference + rule["future_years"]
    year = latest - (latest - two_digits) % 100
    return year


def _weekday_near(anchor: date, weekday: int, tense: Optional[str]) -> date:
    """The weekday closest to the anchor in the direction the tense points (today counts)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def _year_for_month(anchor: date, month: int, tense: Optional[str], rel: Optional[str]) -> int:
    """Which year a month named without one belongs to, as a reader of the article would take it."""
    if rel in ("dernier", "passé", "précédent"):
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in ("prochain", "suivant"):
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


def _year_for_day_month(anchor: date, month: int, day: int, tense: Optional[str], rel: Optional[str]) -> Optional[int]:
    best = _occurrence_near(anchor, lambda year: _safe_date(year, month, day), tense, rel)
    return best.year if best else None


def _occurrence_near(anchor: date, day_in: Callable[[int], Optional[date]], tense: Optional[str],
                     rel: Optional[str]) -> Optional[date]:
    """The yearly day (a day-month, a holiday) a reader takes: the nearest to the anchor on the side
    the tense or 'dernier' / 'prochain' points to."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = day_in(year)
        if d is None:
            continue
        delta = (d - anchor).days
        if rel == "dernier" and delta > 0 or rel == "prochain" and delta < 0:
            continue
        if tense == "past" and delta > 7 or tense == "future" and delta < -7:
            continue  # a week of slack: articles announce and recap around their own date
        if best is None or abs(delta) < abs((best - anchor).days):
            best = d
    return best


def _span_near(anchor: date, span_in: Callable[[int], tuple], tense: Optional[str],
               rel: Optional[str]) -> Optional[tuple[date, date]]:
    """The yearly stretch of days (a range of days, a list) a reader takes: the nearest to the anchor
    among those the tense allows. A past one has begun by then, a coming one is not over, each with
    the week of slack of `_occurrence_near`; 'derniers' / 'prochains' allow no slack."""
    best, best_gap = None, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        start, end = span_in(year)
        if start is None or end is None or end < start:
            continue
        if rel == "dernier" and end > anchor or rel == "prochain" and start < anchor:
            continue
        if tense == "past" and (start - anchor).days > 7 or tense == "future" and (anchor - end).days > 7:
            continue
        gap = 0 if start <= anchor <= end else min(abs((start - anchor).days), abs((end - anchor).days))
        if best_gap is None or gap < best_gap:
            best, best_gap = (start, end), gap
    return best


# ---------------------------------------------------------------------------------------------
# Candidate patterns

@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    handler: Callable[["_Context", re.Match], Optional[TemporalExpression]]
    priority: int


@dataclass
class _Context:
    text: str  # typographic apostrophes made straight, same length as `original`
    anchor: Optional[date]
    tense: Optional[str]
    original: str = ""
    lex: _Lexicon = field(default_factory=_lexicon)
    names: tuple = ()  # (start, end) of place names that hold a date ("rue du 8-Mai-1945"): no date inside

    def tense_at(self, m: re.Match, rel: Optional[str] = None) -> Optional[str]:
        if rel:
            rel = rel.lower()
            if rel.startswith(("dernier", "dernière", "passé", "précédent")):
                return "past"
            if rel.startswith(("prochain", "suivant")):
                return "future"
        return self.tense or guess_tense(self.text, m.start(), m.end())

    def month(self, word: str) -> int:
        return self.lex.months[word.lower().rstrip(".")]

    def full_year(self, two_digits: int) -> int:
        return full_year(two_digits, self.anchor)

    def weekday(self, word: str) -> int:
        w = word.lower()
        return self.lex.weekdays[w[:-1] if w.endswith("s") and w[:-1] in self.lex.weekdays else w]


def _expr(ctx: _Context, m: re.Match, ttype: str, value: str, interval: Optional[DateInterval], kind: str,
          group: str = "core", since: bool = False) -> TemporalExpression:
    s, e = m.span(group) if m.groupdict().get(group) is not None else m.span()
    if since and ctx.anchor is not None and interval is not None and interval.resolved_by != "since":
        since = False  # "dès janvier" said of a coming January starts there, it runs to no anchor
    return TemporalExpression(s, e, ctx.original[s:e], ttype, value, interval, kind, since)


def _is_since(m: re.Match) -> bool:
    prep = (m.groupdict().get("prep") or "").lower()
    return prep.startswith(("depuis", "dès", "à partir"))


def _is_since_start(m: re.Match) -> bool:
    """'depuis X' (not 'dès X', which may open a coming span): X lies on or before the article's date."""
    return (m.groupdict().get("prep") or "").lower().startswith("depuis")


def _direction(ctx: _Context, m: re.Match, rel: Optional[str] = None) -> Optional[str]:
    """'depuis X' looks back; 'dès X' and 'à partir de X' look back too unless their verb is future
    ('la grille s'appliquera dès janvier'): then X is a coming start."""
    if not _is_since(m):
        return ctx.tense_at(m, rel)
    if (m.groupdict().get("prep") or "").lower().startswith("depuis"):
        return "past"
    return "future" if ctx.tense_at(m, rel) == "future" else "past"


def _apply_since(ctx: _Context, interval: Optional[DateInterval], m: re.Match) -> Optional[DateInterval]:
    """'depuis octobre': from the start of October to the article's date. Not 'dès mercredi' in the
    past: "avait fait part de son intention dès mercredi" tells what happened that day."""
    if interval is None or not _is_since(m) or ctx.anchor is None or interval.start > ctx.anchor:
        return interval
    if (m.groupdict().get("prep") or "").lower().startswith("dès"):
        return interval
    return replace(interval, end=max(interval.end, ctx.anchor), resolved_by="since")


def _apply_until(ctx: _Context, interval: Optional[DateInterval], m: re.Match) -> Optional[DateInterval]:
    """'d'ici la fin de l'année', 'jusqu'à la fin du mois': from the article's date to the last day of
    the period, the mirror of 'depuis'; a period already over keeps its own days."""
    prep = (m.groupdict().get("prep") or "").lower()
    if interval is None or ctx.anchor is None or not prep.startswith(("d'ici", "jusqu'")) or interval.end < ctx.anchor:
        return interval
    return DateInterval(ctx.anchor, interval.end, interval.precision, False, "until")


def _value_day(d: date) -> str:
    return d.isoformat()


def _h_full_date(ctx: _Context, m: re.Match):
    day = 1 if m["d"].lower() in ("1er", "premier") else int(m["d"])
    year = int(m["y"])
    d = _safe_date(year, ctx.month(m["m"]), day)
    if d is None:
        return None
    iv = _apply_since(ctx, _day_interval(d), m)
    return _expr(ctx, m, "DATE", _value_day(d), iv, "absolute", since=_is_since(m))


def _h_numeric_date(ctx: _Context, m: re.Match):
    year = int(m["y"]) if len(m["y"]) > 2 else ctx.full_year(int(m["y"]))
    d = _safe_date(year, int(m["m"]), int(m["d"]))
    if d is None:
        return None
    return _expr(ctx, m, "DATE", _value_day(d), _day_interval(d), "absolute")


def _h_iso_date(ctx: _Context, m: re.Match):
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    return _expr(ctx, m, "DATE", _value_day(d), _day_interval(d), "absolute")


def _h_day_month(ctx: _Context, m: re.Match):
    day = 1 if m["d"].lower() in ("1er", "premier") else int(m["d"])
    month = ctx.month(m["m"])
    if _safe_date(2024, month, day) is None:
        return None
    rel = _norm_rel(m["rel"])
    if m.groupdict().get("yy"):
        d = _safe_date(ctx.full_year(int(m["yy"])), month, day)
        if d is None:
            return None
        return _expr(ctx, m, "DATE", _value_day(d), _apply_since(ctx, _day_interval(d), m), "absolute", since=_is_since(m))
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-{month:02d}-{day:02d}", None, "partial", since=_is_since(m))
    year = None
    if m["wd"]:
        # a weekday with the day fixes the year: take the matching year nearest the anchor
        wd = ctx.weekday(m["wd"])
        matching = [y for y in range(ctx.anchor.year - 6, ctx.anchor.year + 7)
                    if (d := _safe_date(y, month, day)) and d.weekday() == wd]
        if matching:
            year = min(matching, key=lambda y: abs((date(y, month, day) - ctx.anchor).days))
            if abs(year - ctx.anchor.year) > 1:
                year = None
    if year is None:
        if _is_since_start(m):
            # "depuis le 11 mai": the span has begun, so the day is the latest such day up to the article
            # (no week of slack), whatever the verb of the clause plans ("se déroulent", "prévues")
            rel = "dernier"
        year = _year_for_day_month(ctx.anchor, month, day, _direction(ctx, m, rel), rel) or ctx.anchor.year
    d = date(year, month, day)
    iv = _apply_since(ctx, _day_interval(d, resolved_by="anchor"), m)
    return _expr(ctx, m, "DATE", _value_day(d), iv, "partial", since=_is_since(m))


def _norm_rel(rel: Optional[str]) -> Optional[str]:
    """'derniers', 'dernière' -> 'dernier'; 'prochaines' -> 'prochain'."""
    if not rel:
        return None
    rel = rel.lower()
    return "dernier" if rel.startswith("derni") else "prochain" if rel.startswith("prochain") else rel


def _h_day_range(ctx: _Context, m: re.Match):
    if m.groupdict().get("wd1") and m["m1"]:
        return None  # "du mercredi 3 avril au samedi 6 avril": two full dates, each read (and marked in TimeBank) on its own
    d1, d2 = (1 if m[g].lower() == "1er" else int(m[g]) for g in ("d1", "d2"))
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
            return _expr(ctx, m, "DATE", f"XXXX-{m1:02d}-{d1:02d}", None, "range")
        rel = _norm_rel(m.groupdict().get("rel"))
        def span_in(y: int) -> tuple:  # "du 30 décembre au 2 janvier" ends the year after
            return _safe_date(y, m1, d1), _safe_date(y if (m1, d1) <= (m2, d2) else y + 1, m2, d2)
        span = _span_near(ctx.anchor, span_in, ctx.tense_at(m, rel), rel)
        if span is None:
            return None
        y1, y2 = span[0].year, span[1].year
    start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    how = "absolute" if m["y2"] else "anchor"
    return _expr(ctx, m, "DATE", _value_day(start), DateInterval(start, end, "day", resolved_by=how), "range")


def _h_weekday_day_range(ctx: _Context, m: re.Match):
    """'du lundi 2 au jeudi 5', no month written: the weekdays fix the month, the one nearest the
    article on the side the tense points to (over by then if past, not over if to come)."""
    d1, d2 = (1 if m[g].lower() in ("1er", "premier") else int(m[g]) for g in ("d1", "d2"))
    wd1, wd2 = ctx.weekday(m["wd1"]), ctx.weekday(m["wd2"])
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-XX-{d1:02d}", None, "range")
    a = ctx.anchor
    spans = []
    for step in range(-24, 25):
        first = _add_months(date(a.year, a.month, 1), step)
        start = _safe_date(first.year, first.month, d1)
        after = first if d2 > d1 else _add_months(first, 1)  # "du samedi 30 au lundi 1er" ends in the next month
        end = _safe_date(after.year, after.month, d2)
        if start and end and start.weekday() == wd1 and end.weekday() == wd2 and 0 < (end - start).days < 31:
            spans.append((start, end))
    tense = ctx.tense_at(m)
    if tense == "past":
        spans = [sp for sp in spans if sp[0] <= a]
    elif tense == "future":
        spans = [sp for sp in spans if sp[1] >= a]
    if not spans:
        return None
    start, end = min(spans, key=lambda sp: 0 if sp[0] <= a <= sp[1] else min(abs((sp[0] - a).days), abs((sp[1] - a).days)))
    return _expr(ctx, m, "DATE", _value_day(start), DateInterval(start, end, "day", resolved_by="weekday"), "range")


def _h_year_range(ctx: _Context, m: re.Match):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < 100:  # "1950-53"
        y2 += y1 // 100 * 100
    if not (y1 < y2 <= y1 + 200):
        return None
    iv = DateInterval(date(y1, 1, 1), date(y2, 12, 31), "year")
    return _expr(ctx, m, "DATE", f"{y1}", iv, "range")


def _h_month_year(ctx: _Context, m: re.Match):
    month = ctx.month(m["m"])
    year = int(m["y"]) if len(m["y"]) > 2 else ctx.full_year(int(m["y"]))
    iv = _month_interval(year, month)
    iv = _part_of_month(iv, m.groupdict().get("part"))
    iv = _apply_since(ctx, iv, m)
    return _expr(ctx, m, "DATE", f"{year}-{month:02d}", iv, "absolute", since=_is_since(m))


def _part_of_month(iv: DateInterval, part: Optional[str]) -> DateInterval:
    if not part:
        return iv
    part = part.lower()
    y, mo = iv.start.year, iv.start.month
    if part == "début":
        return DateInterval(date(y, mo, 1), date(y, mo, 10), "month", True, iv.resolved_by)
    if part == "fin":
        return DateInterval(date(y, mo, 20), iv.end, "month", True, iv.resolved_by)
    if part in ("mi", "milieu"):
        return DateInterval(date(y, mo, 10), date(y, mo, 20), "month", True, iv.resolved_by)
    return iv


def _part_of_year(iv: DateInterval, part: Optional[str]) -> DateInterval:
    """'début 2024', 'la fin de l'année': the first or last quarter, the middle four months, hedged.
    TIMEX3 keeps the year as the value; the days narrow to the part a reader means."""
    if not part:
        return iv
    first, last = {"début": (1, 3), "mi": (5, 8), "milieu": (5, 8), "fin": (10, 12)}[part.lower()]
    y = iv.start.year
    return DateInterval(date(y, first, 1), _month_end(y, last), "month", True, iv.resolved_by)


def _h_month(ctx: _Context, m: re.Match):
    month = ctx.month(m["m"])
    rel = (m["rel"] or "").lower() or None
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-{month:02d}", None, "month", since=_is_since(m))
    tense = _direction(ctx, m, rel)
    year = _year_for_month(ctx.anchor, month, tense, rel)
    iv = _part_of_month(_month_interval(year, month, resolved_by="anchor"), m.groupdict().get("part"))
    iv = _apply_since(ctx, iv, m)
    return _expr(ctx, m, "DATE", f"{year}-{month:02d}", iv, "month", since=_is_since(m))


_SEASON_VALUE = {"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"}


def _season_interval(name: str, year: int, lex: _Lexicon, **kw) -> DateInterval:
    info = lex.seasons[name]
    (sm, sd), (em, ed) = info["start"], info["end"]
    end_year = year + 1 if (em, ed) < (sm, sd) else year
    return DateInterval(date(year, sm, sd), date(end_year, em, ed), "season", **kw)


def _h_season(ctx: _Context, m: re.Match):
    name = m["s"].lower()
    code = _SEASON_VALUE[name]
    rel = (m["rel"] or "").lower() or None
    if m["y"]:
        year = int(m["y"])
        how = "absolute"
    elif ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-{code}", None, "season", since=_is_since(m))
    else:
        how = "anchor"
        tense = _direction(ctx, m, rel)
        if tense is None and rel is None and re.match(r"(?:les\s+mois|printemps|été|automne|hiver)", m["core"] or "", re.I):
            # "la demande augmente en été": a habit in the present, any summer
            return _expr(ctx, m, "DATE", f"XXXX-{code}", None, "season")
        current = _season_interval(name, ctx.anchor.year, ctx.lex)
        if name == "hiver" and ctx.anchor.month <= 3:
            current = _season_interval(name, ctx.anchor.year - 1, ctx.lex)
        year = current.start.year
        if tense == "past" and current.start > ctx.anchor:
            year -= 1
        elif tense == "future" and current.end < ctx.anchor:
            year += 1
        if rel in ("dernier", "passé") and current.start <= ctx.anchor <= current.end:
            year -= 1
        if rel == "prochain" and current.start <= ctx.anchor <= current.end:
            year += 1
    iv = _apply_since(ctx, _season_interval(name, year, ctx.lex, resolved_by=how), m)
    return _expr(ctx, m, "DATE", f"{year}-{code}", iv, "season", since=_is_since(m))


def _h_rentree(ctx: _Context, m: re.Match):
    """'à la rentrée': days 1-10 of September (the school year's start, as 'début septembre'), of the
    year written, or of the one the tense points to; with none, the nearest."""
    def days(year: int) -> DateInterval:
        return DateInterval(date(year, 9, 1), date(year, 9, 10), "day", resolved_by="anchor")
    if m["mon"]:
        # "la rentrée de septembre": the writer names the month, and the date is that month
        # (TimeBank marks "septembre" and leaves "rentrée" an event)
        if m["y"]:
            year, how = int(m["y"]), "absolute"
        elif ctx.anchor is None:
            return _expr(ctx, m, "DATE", "XXXX-09", None, "month", group="mon")
        else:
            rel = _norm_rel(m["rel"])
            year, how = _year_for_month(ctx.anchor, 9, _direction(ctx, m, rel), rel), "anchor"
        iv = _apply_since(ctx, _month_interval(year, 9, resolved_by=how), m)
        return _expr(ctx, m, "DATE", f"{year}-09", iv, "absolute" if m["y"] else "month", group="mon",
                     since=_is_since(m))
    if m["y"]:
        year = int(m["y"])
        return _expr(ctx, m, "DATE", f"{year}-09", replace(days(year), resolved_by="absolute"), "absolute",
                     since=_is_since(m))
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", "XXXX-09", None, "rentrée", since=_is_since(m))
    a = ctx.anchor
    rel = _norm_rel(m["rel"])
    tense = _direction(ctx, m, rel)
    spans = [days(y) for y in (a.year - 1, a.year, a.year + 1)]
    if rel == "dernier" or tense == "past":
        iv = [sp for sp in spans if sp.start <= a and (rel != "dernier" or sp.end < a)][-1]
    elif rel == "prochain" or tense == "future":
        iv = next(sp for sp in spans if sp.end >= a and (rel != "prochain" or sp.start > a))
    else:
        iv = min(spans, key=lambda sp: 0 if sp.start <= a <= sp.end else min(abs((sp.start - a).days), abs((sp.end - a).days)))
    iv = _apply_since(ctx, iv, m)
    return _expr(ctx, m, "DATE", f"{iv.start.year}-09", iv, "rentrée", since=_is_since(m))


def _h_season_pair(ctx: _Context, m: re.Match):
    """'été comme hiver': all year round, two seasons of no year."""
    def code(word: str) -> str:  # "Eté": capitals often lose their accent
        return _SEASON_VALUE[word.lower().replace("eté", "été")]
    first = _expr(ctx, m, "DATE", f"XXXX-{code(m['s'])}", None, "season", group="s")
    second = _expr(ctx, m, "DATE", f"XXXX-{code(m['s2'])}", None, "season", group="s2")
    return [first, second]


def _h_year(ctx: _Context, m: re.Match):
    year = int(m["y"])
    if re.search(rf"\b{alternation(ctx.lex.raw['identifier_nouns'])}\s*$", ctx.text[:m.start("core")], re.I):
        return None
    part = re.match(r"(début|fin|mi)\b", m["core"], re.I)
    iv = _apply_since(ctx, _part_of_year(_year_interval(year), part and part.group(1)), m)
    if (m.groupdict().get("prep") or "").lower().startswith("d'ici") and ctx.anchor is not None \
            and ctx.anchor <= iv.end and (not part or part.group(1).lower() == "fin"):
        # "d'ici à 2030", "d'ici fin 2026": from now to the end of that year, the mirror of "depuis 2019"
        # (a day, as in "d'ici vendredi", stays the deadline itself)
        return _expr(ctx, m, "DATE", str(year), DateInterval(ctx.anchor, iv.end, "year", resolved_by="until"), "until")
    return _expr(ctx, m, "DATE", str(year), iv, "year", since=_is_since(m))


def _roman(text: str) -> Optional[int]:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for ch, nxt in zip(text, text[1:] + " "):
        v = values[ch]
        total += -v if nxt in values and values[nxt] > v else v
    return total or None


def _h_century(ctx: _Context, m: re.Match):
    """'au XIXe siècle': TIMEX3 writes the century by its first two digits, '18'."""
    if m["roman"] != m["roman"].upper():
        return None
    n = _roman(m["roman"])
    if not n or not 1 <= n <= 21:
        return None
    first = max(1, (n - 1) * 100)
    iv = DateInterval(date(first, 1, 1), date(n * 100 - 1 if n * 100 - 1 >= first else first, 12, 31), "century")
    return _expr(ctx, m, "DATE", f"{n - 1:02d}", iv, "century")


def _h_quarter(ctx: _Context, m: re.Match):
    """'le premier trimestre 1999' 1999-Q1, 'au second semestre' (of the article's year) -> 1999-H2."""
    per_year, code = (4, "Q") if m["q"].lower() == "trimestre" else (2, "H")
    months = 12 // per_year
    word = (m["ord"] or m["rel"] or m["this"]).lower()
    year = int(m["y"]) if m["y"] else ctx.anchor.year if ctx.anchor else None
    if word in ctx.lex.raw["ordinals"]:
        n = ctx.lex.raw["ordinals"][word]
    elif word == "dernier" and m["ord"] and (m["y"] or ctx.tense_at(m) == "future"):
        n = per_year  # "au dernier trimestre 2022", "reprendra au dernier trimestre": the year's last one
    elif year is None:
        return _expr(ctx, m, "DATE", f"XXXX-{code}X", None, "quarter")
    else:
        # "au dernier trimestre", "le trimestre dernier" (the one before the article's), "le semestre
        # prochain", "ce trimestre": counted from the anchor's own
        step = {"dernier": -1, "précédent": -1, "prochain": 1, "suivant": 1}.get(word, 0)
        index = (ctx.anchor.year * per_year + (ctx.anchor.month - 1) // months) + step
        year, n = index // per_year, index % per_year + 1
    if n > per_year:
        return None
    if year is None:
        return _expr(ctx, m, "DATE", f"XXXX-{code}{n}", None, "quarter")
    first = (n - 1) * months + 1
    iv = DateInterval(date(year, first, 1), _month_end(year, first + months - 1), "month",
                      resolved_by="absolute" if m["y"] else "anchor")
    return _expr(ctx, m, "DATE", f"{year}-{code}{n}", iv, "quarter")


def _h_quarter_any(ctx: _Context, m: re.Match):
    return _h_quarter(ctx, _AliasedMatch(m, {"q": ("q", "q2", "q3")}))


def _h_decade(ctx: _Context, m: re.Match):
    year = int(m["y"]) if len(m["y"]) > 2 else ctx.full_year(int(m["y"]))
    if year % 10:
        return None
    iv = DateInterval(date(year, 1, 1), date(year + 9, 12, 31), "decade")
    return _expr(ctx, m, "DATE", str(year)[:3], iv, "decade")


_QUOTED = re.compile(r"«\s*(?P<a>[^«»\n]{1,80}?)\s*»|“(?P<b>[^“”\n]{1,80}?)”|\"(?P<c>[^\"\n]{1,80}?)\"")


def _in_title(ctx: _Context, start: int, end: int) -> bool:
    """'Vendredi ou la Vie sauvage', '« Dimanche à la Campagne »': a capitalised date word that opens
    a title. Titles are told by the double-title 'ou la', or by quotes holding a few words with
    another capital and no punctuation (quoted speech, "« Lundi, nous serons là »", has some)."""
    word = ctx.text[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    if re.match(rf"\s+{alternation(ctx.lex.raw['title_after'])}\s*[A-ZÀ-Ý]", ctx.text[end:]):
        return True
    for q in _QUOTED.finditer(ctx.text):
        inner = next(g for g in ("a", "b", "c") if q[g] is not None)
        if q.start(inner) == start:
            words = q[inner].split()
            return (2 <= len(words) <= 8 and not re.search(r"[,;:.!?\d]", q[inner])
                    and any(w[:1].isupper() for w in words[1:]))
    return False


def _h_weekday(ctx: _Context, m: re.Match):
    if _in_title(ctx, *m.span("wd")):
        return None
    det = (m["det"] or "").lower()
    wd_word = m["wd"].lower()
    part = (m["part"] or "").lower() or None
    rel = (m["rel"] or "").lower() or None
    wd = ctx.weekday(wd_word)
    # "les jeudis", "chaque jeudi", "le jeudi" (no date, no "dernier"), "les deuxième et quatrième jeudis": a habit
    habitual = det in ("les", "chaque", "tous les") or wd_word.endswith("s") or det == "le" and not part
    if habitual and rel is None and not _is_since(m):
        return _expr(ctx, m, "SET", f"XXXX-WXX-{wd + 1}", None, "weekday")
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-WXX-{wd + 1}", None, "weekday", since=_is_since(m))
    tense = _direction(ctx, m, rel)
    d = _weekday_near(ctx.anchor, wd, tense)
    if rel in ("dernier",) and d == ctx.anchor:
        d -= timedelta(days=7)
    if rel in ("prochain",) and d == ctx.anchor:
        d += timedelta(days=7)
    iv = _apply_since(ctx, _day_interval(d, resolved_by="weekday"), m)
    if part:
        return _expr(ctx, m, "TIME", f"{d.isoformat()}T{_PART_CODE.get(part, 'DT')}", iv, "weekday", since=_is_since(m))
    return _expr(ctx, m, "DATE", _value_day(d), iv, "weekday", since=_is_since(m))


_PART_CODE = {"matin": "MO", "matinée": "MO", "midi": "12:00", "après-midi": "AF", "soir": "EV", "soirée": "EV", "nuit": "NI"}


def _h_weekday_pair(ctx: _Context, m: re.Match):
    """'les prochains mardi et mercredi', 'la nuit de mardi à mercredi': consecutive days."""
    wd1, wd2 = ctx.weekday(m["wd1"]), ctx.weekday(m["wd2"])
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-WXX-{wd1 + 1}", None, "weekday")
    rel = (m["rel"] or "").lower() or None
    tense = ctx.tense_at(m, rel)
    first = _weekday_near(ctx.anchor, wd1, tense)
    if rel and rel.startswith("prochain") and first == ctx.anchor:
        first += timedelta(days=7)
    gap = (wd2 - wd1) % 7 or 7
    iv = DateInterval(first, first + timedelta(days=gap), "day", resolved_by="weekday")
    return _expr(ctx, m, "DATE", _value_day(first), iv, "weekday")


def _h_deictic(ctx: _Context, m: re.Match):
    word = m["w"].lower().replace("’", "'")
    offsets = {"aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2}
    if word in ("actuellement", "maintenant", "à présent", "en ce moment", "de nos jours", "désormais"):
        return _expr(ctx, m, "DATE", "PRESENT_REF", None, "relative")
    off = offsets[word]
    part = (m["part"] or "").lower() or None
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", "XXXX-XX-XX", None, "relative")
    d = ctx.anchor + timedelta(days=off)
    iv = _day_interval(d, resolved_by="anchor")
    if part:
        return _expr(ctx, m, "TIME", f"{d.isoformat()}T{_PART_CODE.get(part, 'DT')}", iv, "relative")
    return _expr(ctx, m, "DATE", _value_day(d), iv, "relative")


def _h_this_part(ctx: _Context, m: re.Match):
    """'ce matin', 'ce soir', 'cette nuit': the article's own day."""
    part = m["part"].lower()
    if ctx.anchor is None:
        return _expr(ctx, m, "TIME", f"XXXX-XX-XXT{_PART_CODE.get(part, 'DT')}", None, "relative")
    iv = _day_interval(ctx.anchor, resolved_by="anchor")
    return _expr(ctx, m, "TIME", f"{ctx.anchor.isoformat()}T{_PART_CODE.get(part, 'DT')}", iv, "relative")


def _h_relative_period(ctx: _Context, m: re.Match):
    unit = m["unit"].lower()
    rel = (m["rel"] or "").lower()
    det = (m["det"] or "").lower()
    if rel.startswith(("dernier", "dernière", "passé", "précédent")):
        step = -1
    elif rel.startswith(("prochain", "suivant")):
        step = 1
    elif det in ("ce", "cette", "cet") or rel in ("ci", "en cours") or m["new"] or m["edge"]:
        step = 0  # "la fin de l'année", "la fin du mois": the current one
    else:
        return None
    a = ctx.anchor
    if unit in ("semaine", "week-end"):
        if a is None:
            return _expr(ctx, m, "DATE", "XXXX-WXX", None, "relative")
        monday = a - timedelta(days=a.weekday()) + timedelta(weeks=step)
        if unit == "week-end":
            if step == 0 and tense_is_past(ctx, m) and a.weekday() < 5:
                monday -= timedelta(weeks=1)
            if step == 1 and a.weekday() < 5:
                monday -= timedelta(weeks=1)  # said on a weekday, "le week-end prochain" is the coming one
            sat = monday + timedelta(days=5)
            iv = DateInterval(sat, sat + timedelta(days=1), "day", resolved_by="anchor")
            return _expr(ctx, m, "DATE", f"{sat.isocalendar()[0]}-W{sat.isocalendar()[1]:02d}-WE", iv, "relative")
        iv = _apply_until(ctx, _apply_since(ctx, _part_of_week(monday, m["edge"]), m), m)
        return _expr(ctx, m, "DATE", f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}", iv, "relative",
                     since=_is_since(m))
    if unit == "mois":
        if a is None:
            return _expr(ctx, m, "DATE", "XXXX-XX", None, "relative")
        first = _add_months(date(a.year, a.month, 1), step)
        iv = _part_of_month(_month_interval(first.year, first.month, resolved_by="anchor"), m["edge"])
        return _expr(ctx, m, "DATE", f"{first.year}-{first.month:02d}", _apply_until(ctx, _apply_since(ctx, iv, m), m),
                     "relative", since=_is_since(m))
    if unit in ("année", "an"):
        if a is None:
            return _expr(ctx, m, "DATE", "XXXX", None, "relative")
        y = a.year + step
        iv = _part_of_year(_year_interval(y, resolved_by="anchor"), m["edge"])
        return _expr(ctx, m, "DATE", str(y), _apply_until(ctx, _apply_since(ctx, iv, m), m), "relative", since=_is_since(m))
    return None


def _part_of_week(monday: date, part: Optional[str]) -> DateInterval:
    """The week from `monday`, or its 'début' (Monday-Tuesday), 'milieu' (Tuesday-Thursday) or 'fin'
    (Thursday-Sunday), hedged: the month's convention of overlapping thirds, on seven days."""
    if not part:
        return DateInterval(monday, monday + timedelta(days=6), "week", resolved_by="anchor")
    first, last = {"début": (0, 1), "mi": (1, 3), "milieu": (1, 3), "fin": (3, 6)}[part.lower()]
    return DateInterval(monday + timedelta(days=first), monday + timedelta(days=last), "day", True, "anchor")


def _h_edge_period(ctx: _Context, m: re.Match):
    """'en début de semaine', 'en fin de mois', 'en fin d'année prochaine': a part of the anchor's
    week, month or year, or of the one before or after when the tense says it is over or to come."""
    edge, unit = m["edge"].lower(), m["unit"].lower()
    rel = _norm_rel(m["rel"])
    a = ctx.anchor
    if a is None:
        return _expr(ctx, m, "DATE", {"semaine": "XXXX-WXX", "mois": "XXXX-XX"}.get(unit, "XXXX"), None, "relative")

    def part(step: int) -> tuple[str, DateInterval]:
        if unit == "semaine":
            monday = a - timedelta(days=a.weekday()) + timedelta(weeks=step)
            return f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}", _part_of_week(monday, edge)
        if unit == "mois":
            first = _add_months(date(a.year, a.month, 1), step)
            return f"{first.year}-{first.month:02d}", _part_of_month(_month_interval(first.year, first.month, resolved_by="anchor"), edge)
        return str(a.year + step), _part_of_year(_year_interval(a.year + step, resolved_by="anchor"), edge)

    step = {"dernier": -1, "passé": -1, "passée": -1, "prochain": 1}.get(rel or "", 0)
    value, iv = part(step)
    if not rel:
        tense = ctx.tense_at(m)
        if tense == "past" and iv.start > a:
            value, iv = part(-1)
        elif tense == "future" and iv.end < a:
            value, iv = part(1)
    return _expr(ctx, m, "DATE", value, iv, "relative")


def tense_is_past(ctx: _Context, m: re.Match) -> bool:
    return ctx.tense_at(m) == "past"


def _duration_amount(ctx: _Context, m: re.Match) -> Optional[tuple[float, str]]:
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


def _duration_value(n: Optional[float], unit: str) -> str:
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


def _shift(anchor: date, n: float, unit: str, sign: int) -> Optional[DateInterval]:
    """The days 'N units' before (sign -1) or after (+1) the anchor, at the unit's precision."""
    try:
        if unit == "D":
            d = anchor + timedelta(days=sign * n)
            return DateInterval(d, d, "day")
        if unit == "W":
            d = anchor + timedelta(weeks=sign * n)
            monday = d - timedelta(days=d.weekday())
            return DateInterval(monday, monday + timedelta(days=6), "week")
        if unit == "M":
            if n != int(n):
                d = anchor + timedelta(days=sign * round(n * 30.4))
                return DateInterval(d, d, "day")
            first = _add_months(date(anchor.year, anchor.month, 1), sign * int(n))
            return _month_interval(first.year, first.month)
        years = {"Y": n, "DE": n * 10, "CE": n * 100}.get(unit)
        if years is None:
            return None
        if years != int(years):
            d = anchor + timedelta(days=sign * round(years * 365.25))
            return _month_interval(d.year, d.month)
        return _year_interval(anchor.year + sign * int(years))
    except (OverflowError, ValueError):
        return None


def _shift_exact(anchor: date, n: float, unit: str, sign: int) -> Optional[DateInterval]:
    """'il y a un an jour pour jour': the same day N units away, not the whole year or month."""
    if n != int(n) or unit not in ("D", "W", "M", "Y"):
        return None
    n = int(n)
    if unit in ("D", "W"):
        d = anchor + timedelta(days=sign * n * (7 if unit == "W" else 1))
    else:
        first = _add_months(date(anchor.year, anchor.month, 1), sign * n * (12 if unit == "Y" else 1))
        d = date(first.year, first.month, min(anchor.day, calendar.monthrange(first.year, first.month)[1]))
    return DateInterval(d, d, "day")


def _h_ago(ctx: _Context, m: re.Match):
    amount = _duration_amount(ctx, m)
    if amount is None:
        return None
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return _expr(ctx, m, "DURATION", _duration_value(n, unit), None, "duration")
    if _is_vague(ctx, m):  # "il y a quelques mois": TimeBank marks the unknown length, not a date
        return _expr(ctx, m, "DURATION", _duration_value(None, unit), None, "duration", group="amount")
    hedged = any(m.groupdict().get(g) for g in ("hedge", "frac", "approx"))
    sign = 1 if m["dir"].lower() == "dans" else -1  # "il y a", "voilà", "voici"
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, "ago")
    if m.groupdict().get("exact"):
        iv = _shift_exact(ctx.anchor, n, unit, sign)
    else:
        iv = _shift(ctx.anchor, n, unit, sign)
    if iv is None:
        return None
    iv = replace(iv, approximate=hedged, resolved_by="anchor")
    value = {"day": iv.start.isoformat(), "week": f"{iv.start.isocalendar()[0]}-W{iv.start.isocalendar()[1]:02d}",
             "month": f"{iv.start.year}-{iv.start.month:02d}", "year": str(iv.start.year)}[iv.precision]
    return _expr(ctx, m, "DATE", value, iv, "ago")


def _h_duration_from_anchor(ctx: _Context, m: re.Match):
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
    since = m["dir"].lower() == "depuis"
    iv = _shift(ctx.anchor, n, unit, -1 if since else 1)
    if iv is None:
        return expr
    hedged = any(m.groupdict().get(g) for g in ("hedge", "frac", "approx"))
    span = (DateInterval(iv.start, ctx.anchor, iv.precision, hedged, "since") if since
            else DateInterval(ctx.anchor, iv.end, iv.precision, hedged, "until"))
    return replace(expr, interval=span, kind="since" if since else "until", since=since)


def _h_after_event(ctx: _Context, m: re.Match):
    """'neuf mois après que Poutine a accueilli Kim': the subordinate event lies that long before
    (après) or after (avant) the main one, which the article reports at its own date."""
    amount = _duration_amount(ctx, m)
    if amount is None or ctx.anchor is None:
        return _h_duration(ctx, m)
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return _h_duration(ctx, m)
    iv = _shift(ctx.anchor, n, unit, -1 if m["dir"].lower() == "après" else 1)
    if iv is None:
        return None
    iv = replace(iv, approximate=any(m.groupdict().get(g) for g in ("hedge", "approx")), resolved_by="relative-event")
    value = {"day": iv.start.isoformat(), "week": f"{iv.start.isocalendar()[0]}-W{iv.start.isocalendar()[1]:02d}",
             "month": f"{iv.start.year}-{iv.start.month:02d}", "year": str(iv.start.year)}[iv.precision]
    return _expr(ctx, m, "DATE", value, iv, "relative-event")


def _h_after_reference(ctx: _Context, m: re.Match):
    """'neuf mois après,' 'deux semaines plus tard': that long after (or before) the date the text
    spoke of last; `_attach_to_reference_days` counts from it once every expression is known."""
    amount = _duration_amount(ctx, m)
    if amount is None:
        return None
    n, unit = amount
    if unit in ("H", "MIN", "S"):
        return _h_duration(ctx, m)
    direction = (m["dir"] or m["dir2"]).lower()
    sign = 1 if direction in ("après",) or direction.endswith("tard") else -1
    hedge = "~" if any(m.groupdict().get(g) for g in ("hedge", "frac", "approx")) else ""
    return _expr(ctx, m, "DATE", f"{'+' if sign > 0 else '-'}{n}|{unit}{hedge}", None, "after-reference")


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
        iv = _shift_exact(reference.start, float(amount), unit, sign)
    else:
        iv = _shift(reference.start if sign > 0 else reference.end, float(amount), unit, sign)
    return replace(iv, approximate=expr.value.endswith("~") or reference.approximate,
                   resolved_by="reference") if iv else None


def _h_duration(ctx: _Context, m: re.Match):
    amount = _duration_amount(ctx, m)
    if amount is None:
        return None
    n, unit = amount
    if unit == "Y" and _is_age(ctx, m):
        return None
    return _expr(ctx, m, "DURATION", _duration_value(None if _is_vague(ctx, m) else n, unit), None, "duration")


def _h_present(ctx: _Context, m: re.Match):
    return _expr(ctx, m, "DATE", "PRESENT_REF", None, "relative")


# ---------------------------------------------------------------------------------------------
# Times of day, sets, vague and noun durations, reference words
#
# A clock time ("21 h 45"), a part of a day ("dans la nuit") or "le lendemain" names no day of its
# own: it belongs to the day the text is talking about. Handlers leave a placeholder value
# (`_NEEDS_DAY` kinds) that `_attach_to_reference_days` completes once every expression is known.

_NEEDS_DAY = ("clock", "daypart", "dayshift")


def _h_clock(ctx: _Context, m: re.Match):
    """'18 h', '21 h 45', 'à 14 heures', 'vers midi': a TIME on the reference day."""
    word = (m.groupdict().get("word") or "").lower()
    if word:
        hhmm = ctx.lex.raw["day_part_codes"][word]
    else:
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        spelled = "heure" in m["core"].lower()  # "12 heures" is an hour only after "à", "vers"...
        # "pendant 24 h", "en 48 heures": a length of time, left to the duration rule
        if re.search(r"(?:en|pendant|durant|depuis|sous|les|des|dans|plus de|moins de)\s*$", before):
            return None
        if spelled and not re.search(r"(?:à|vers|dès|jusqu'à|de|avant|après)\s*$", before):
            return None
        hhmm = f"{int(m['h']):02d}:{int(m['mi'] or 0):02d}"
    return _expr(ctx, m, "TIME", "T" + hhmm, None, "clock")


def _h_daypart(ctx: _Context, m: re.Match):
    """'dans la nuit', 'au cours de la soirée', 'le matin même': that part of the reference day."""
    code = ctx.lex.raw["day_part_codes"][(m["part"] or m["part2"]).lower()]
    return _expr(ctx, m, "TIME", "T" + code, None, "daypart")


def _h_edge_daypart(ctx: _Context, m: re.Match):
    """'en fin de journée', 'en début de soirée': that part of the reference day, like 'dans la soirée'."""
    part = m["part"].lower()
    codes = ctx.lex.raw["day_part_codes"]
    code = ctx.lex.raw["day_edge_codes"][m["edge"].lower()] if part == "journée" else codes[part]
    return _expr(ctx, m, "TIME", "T" + code, None, "daypart")


def _h_dayshift(ctx: _Context, m: re.Match):
    """'le lendemain', 'la veille': the day after or before the reference day."""
    step = "+1" if m["w"] else "-1"
    return _expr(ctx, m, "DATE", step, None, "dayshift")


def _h_event_shift(ctx: _Context, m: re.Match):
    """'la veille de la grève', 'au lendemain du scrutin': the day before or after the day the text
    gave that event (`_day_of_event_named_before`)."""
    if not m["noun"].islower():
        return None  # "la veille de Noël" is the holiday rules'
    step = 1 if m["after"] else -2 if m["two"] else -1
    return _expr(ctx, m, "DATE", f"{step:+d}|{m['noun'].lower()}", None, "event-shift")


def _day_of_event_named_before(ctx: _Context, noun: str, before: list[TemporalExpression]) -> Optional[date]:
    """The last day named before in the clause of `noun` ("La grève a débuté jeudi 6 mars" for "la
    veille de la grève"; not "a annoncé mercredi que son syndicat renonçait à la grève"); None when
    no such clause names a day."""
    stem = re.compile(rf"(?<![\w]){re.escape(noun[:max(4, len(noun) - 2)])}", re.I)
    for expr in reversed(before):
        if _is_day(expr) and expr.kind != "event-shift":
            left, right = _sentence_bounds(ctx.text, expr.start)
            for word in stem.finditer(ctx.text, left, right):
                between = ctx.text[min(word.end(), expr.end):max(word.start(), expr.start)]
                if not _PUNCTUATION_BETWEEN_CLAUSES.search(between) and not _CLAUSE_OPENER.search(between):
                    return _day_of(expr)
    return None


_PUNCTUATION_BETWEEN_CLAUSES = re.compile(r"[,;:«»()]")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, pos) for c in ".!?\n;") + 1
    right = [i for i in (text.find(c, pos) for c in ".!?\n;") if i != -1]
    return left, min(right) if right else len(text)


def _is_day(expr: TemporalExpression) -> bool:
    return (expr.interval is not None and expr.interval.start == expr.interval.end and not expr.since
            and expr.timex_type in ("DATE", "TIME")) or expr.kind == "clock" and expr.value[:4].isdigit()


def _day_of(expr: TemporalExpression) -> date:
    """The day an expression names; a clock time already attached to its day holds it in its value."""
    return expr.interval.start if expr.interval is not None else date.fromisoformat(expr.value[:10])


_CLAUSE_OPENER = re.compile(r"\b(?:où|qui|que|qu'|lorsque|quand|puis|avant|après|dont)\b", re.I)


def _reference_day(ctx: _Context, found: list[TemporalExpression], i: int) -> Optional[date]:
    """The day an expression without one belongs to: the nearest day named before it in its sentence,
    else after it in its sentence ('Vers 0 h 40, jeudi'), else the last day the text named, else the
    article's date."""
    expr = found[i]
    lo, hi = _sentence_bounds(ctx.text, expr.start)
    before = [e for e in found[:i] if _is_day(e)]
    if before and before[-1].start >= lo:
        return _day_of(before[-1])
    after = [e for e in found[i + 1:] if _is_day(e) and e.start < hi and e.kind not in _NEEDS_DAY]
    # "dans la soirée pour Hanoï, où il sera reçu jeudi": a day in a clause of its own dates that clause
    if after and not _CLAUSE_OPENER.search(ctx.text[expr.end:after[0].start]):
        return _day_of(after[0])
    if before:
        return _day_of(before[-1])
    return ctx.anchor


_THAT_DAY = re.compile(r"(?:-|\s)là(?![\w])", re.I)


def _that_weekday(expr: TemporalExpression, before: list[TemporalExpression]) -> TemporalExpression:
    """'Ce lundi-là': the Monday the text named last ("le lundi 6 octobre ... Ce lundi-là"), not the
    Monday of the article's week; unknown when the text named none."""
    weekday = expr.interval.start.weekday()
    named = [e for e in before if _is_day(e) and e.interval is not None and e.interval.start.weekday() == weekday]
    if not named:
        return replace(expr, value=f"XXXX-WXX-{weekday + 1}", interval=None)
    day = named[-1].interval.start
    return replace(expr, value=day.isoformat(), interval=_day_interval(day, resolved_by="reference"))


def _attach_to_reference_days(ctx: _Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
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
                out[i] = replace(expr, timex_type="DURATION", value=_duration_value(float(amount), unit), kind="duration")
                continue
            value = {"day": iv.start.isoformat(), "week": f"{iv.start.isocalendar()[0]}-W{iv.start.isocalendar()[1]:02d}",
                     "month": f"{iv.start.year}-{iv.start.month:02d}", "year": str(iv.start.year)}[iv.precision]
            out[i] = replace(expr, value=value, interval=iv)
            continue
        if expr.kind == "event-shift":
            step, noun = expr.value.split("|")
            day = _day_of_event_named_before(ctx, noun, out[:i])
            if day is None:
                out[i] = replace(expr, value="XXXX-XX-XX")
            else:
                day += timedelta(days=int(step))
                out[i] = replace(expr, value=day.isoformat(), interval=_day_interval(day, resolved_by="reference"))
            continue
        if expr.kind == "weekday" and expr.interval is not None and _THAT_DAY.match(ctx.text, expr.end):
            out[i] = _that_weekday(expr, out[:i])
            continue
        if expr.kind not in _NEEDS_DAY:
            continue
        day = _reference_day(ctx, out, i)
        if expr.kind == "dayshift":
            try:
                day = day + timedelta(days=int(expr.value)) if day is not None else None
            except OverflowError:  # the eve of 0001-01-01, a placeholder date in metadata
                day = None
            if day is None:
                out[i] = replace(expr, value="XXXX-XX-XX")
                continue
            out[i] = replace(expr, value=day.isoformat(), interval=_day_interval(day, resolved_by="reference"))
            continue
        if day is None:
            out[i] = replace(expr, value="XXXX-XX-XX" + expr.value)
            continue
        # an hour gets its day in the value only: "publié à 18h40" must not date the sentence
        interval = None if expr.kind == "clock" else _day_interval(day, resolved_by="reference")
        out[i] = replace(expr, value=day.isoformat() + expr.value, interval=interval)
    return _merge_day_and_clock(ctx, [e for k, e in enumerate(out) if k not in unplaced])


def _in_month_named_before(ctx: _Context, expr: TemporalExpression, before: list[TemporalExpression]) -> Optional[TemporalExpression]:
    """'Interpellé le 11 août, il a été mis en examen le 13': the 13th of the month of the last day
    or month the text named, in this sentence or the one before."""
    lo = _sentence_bounds(ctx.text, _sentence_bounds(ctx.text, expr.start)[0] - 2)[0] if expr.start > 1 else 0
    named = [e for e in before if e.start >= lo and e.interval is not None and not e.since
             and e.interval.precision in ("day", "month") and e.interval.start.month == e.interval.end.month]
    if not named:
        return None
    month = named[-1].interval.start
    d = _safe_date(month.year, month.month, int(expr.value[-2:]))
    if d is None:
        return None
    return replace(expr, value=_value_day(d), interval=_day_interval(d, resolved_by="reference"))


def _merge_day_and_clock(ctx: _Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'hier à 10 h', 'mardi à 14 h 30': a day followed by 'à' and its hour is one TIME."""
    out: list[TemporalExpression] = []
    for expr in found:
        prev = out[-1] if out else None
        if (prev is not None and expr.kind == "clock" and prev.kind in ("relative", "weekday") and prev.timex_type == "DATE"
                and _is_day(prev) and re.fullmatch(r"\s+à\s+", ctx.text[prev.end:expr.start])):
            out[-1] = replace(expr, start=prev.start, text=ctx.original[prev.start:expr.end], interval=prev.interval)
            continue
        out.append(expr)
    return out


def _h_set(ctx: _Context, m: re.Match):
    """'chaque jour' P1D, 'tous les deux ans' P2Y, 'par semestre' P6M: a frequency."""
    unit_word = m["unit"].lower()
    nouns = ctx.lex.raw["period_nouns"]
    if unit_word in nouns:
        return _expr(ctx, m, "SET", nouns[unit_word], None, "set")
    n = parse_french_number(m["n"]) if m.groupdict().get("n") else 1.0
    if n is None:
        return None
    return _expr(ctx, m, "SET", _duration_value(n, ctx.lex.units[unit_word]), None, "set")


def _h_set_adjective(ctx: _Context, m: re.Match):
    """'le lot quotidien', 'le dîner annuel'; after a determiner the word is a noun ('le quotidien')."""
    before = ctx.text[max(0, m.start() - 20):m.start()].lower()
    if re.search(r"\b(?:le|la|les|un|une|des|du|de|ce|ces|cet|cette|son|sa|ses|leur|leurs|notre|votre)\s+$", before):
        return None
    previous = re.search(r"([\w-]+)\s+$", before)
    if previous and previous.group(1) in ctx.lex.raw["set_adjective_fixed_nouns"]:
        return None
    return _expr(ctx, m, "SET", ctx.lex.raw["set_adjectives"][m["core"].lower()], None, "set")


def _h_period_noun(ctx: _Context, m: re.Match):
    """'un quinquennat' P5Y, 'le semestre' P6M."""
    return _expr(ctx, m, "DURATION", ctx.lex.raw["period_nouns"][m["core"].lower()], None, "duration")


def _h_reference_word(ctx: _Context, m: re.Match):
    """'actuellement', 'auparavant', 'prochainement': the present, the past, the future, no date."""
    return _expr(ctx, m, "DATE", ctx.lex.raw["reference_words"][m["core"].lower()], None, "relative")


def _h_vague_duration(ctx: _Context, m: re.Match):
    """'ces derniers jours' PXD, 'des années' PXY: a length of time of unknown count."""
    return _expr(ctx, m, "DURATION", _duration_value(None, ctx.lex.units[(m["unit"] or m["unit2"]).lower()]), None, "duration")


def _is_vague(ctx: _Context, m: re.Match) -> bool:
    return (m.groupdict().get("n") or "").strip().lower() in ctx.lex.raw["vague_quantities"]


def _is_age(ctx: _Context, m: re.Match) -> bool:
    """'un chauffeur de 38 ans', 'Pierre Durand, 53 ans,', 'âgé de 54 ans', 'les moins de 17 ans',
    'les 6-16 ans': a person's age, which TimeBank does not mark as a duration."""
    before = ctx.text[max(0, m.start() - 60):m.start()]
    after = ctx.text[m.end():m.end() + 3]
    if re.search(r"(?:[âa]gée?s?|l'âge)\s+d(?:e\s+|')$", before, re.I):
        return True
    if re.search(r"\d\s*[-–/]\s*$", before) or re.search(r"\b(?:les|des|aux)\s*$", before, re.I) and m.groupdict().get("hedge"):
        return True
    if re.search(r"[,(]\s*$", before) and re.match(r"\s*(?:[,.);]|$)", after):
        return True
    noun = re.search(r"(?:\b(?P<art>une?|d'une?|l'|le|la)\s+)?(?P<noun>[\w'-]+)(?:\s+d(?:e\s+|')[\w-]+)?\s+d(?:e\s+|')$", before, re.I)
    if noun:
        word = noun["noun"].lower().split("'")[-1]
        if word in ctx.lex.raw["duration_nouns"]:
            return False
        if word in ctx.lex.raw["age_nouns"] or (noun["art"] and noun["noun"][:1].isupper()):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Holidays, place names, and forms built on the rules above

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


def _key(words: str) -> str:
    return re.sub(r"\s+", " ", words.replace("’", "'")).lower()


@lru_cache(maxsize=1)
def _holidays() -> dict:
    raw = _lexicon_raw()
    table = {_key(k): ("fixed", tuple(v)) for k, v in raw["holidays"].items()}
    table.update({_key(k): ("easter", v) for k, v in raw["movable_holidays"].items()})
    return table


def _holiday_day(key: str, year: int) -> Optional[date]:
    how, when = _holidays()[key]
    if how == "fixed":
        return _safe_date(year, *when)
    try:
        return _easter(year) + timedelta(days=when)
    except (OverflowError, ValueError):
        return None


def _h_holiday(ctx: _Context, m: re.Match):
    """'la Toussaint', 'le jour de l'An', 'à Pâques': the holiday's day, in the year the tense points to."""
    key = _key(m["h"])
    raw = ctx.lex.raw
    before, after = ctx.text[:m.start("h")], ctx.original[m.end("h"):]
    if re.search(rf"(?<![\w]){alternation(raw['holiday_period_nouns'])}\s+(?:de|d'|du|des)\s*$", before, re.I):
        return None  # "les vacances de la Toussaint", "le pont de l'Ascension": days around it
    if re.match(rf"\s+{alternation(raw['holiday_not_after'])}(?![\w])", after, re.I):
        return None
    if key in {_key(k) for k in raw["holidays_after_a_cue"]}:
        if not re.search(rf"(?<![\w']){alternation(raw['holiday_cues'])}\s+$", before, re.I) \
                or re.match(r"\s+[A-ZÀ-Ý][a-zà-ÿ]", after):  # "Noël Mamère": a first name
            return None
    how, when = _holidays()[key]
    if m["y"]:
        d = _holiday_day(key, int(m["y"]))
        if d is None:
            return None
        return _expr(ctx, m, "DATE", _value_day(d), _apply_since(ctx, _day_interval(d), m), "absolute", since=_is_since(m))
    if ctx.anchor is None:
        value = f"XXXX-{when[0]:02d}-{when[1]:02d}" if how == "fixed" else "XXXX-XX-XX"
        return _expr(ctx, m, "DATE", value, None, "holiday", since=_is_since(m))
    rel = _norm_rel(m["rel"]) or ("dernier" if _is_since_start(m) else None)
    d = _occurrence_near(ctx.anchor, lambda year: _holiday_day(key, year), _direction(ctx, m, rel), rel)
    if d is None:
        return None
    iv = _apply_since(ctx, _day_interval(d, resolved_by="anchor"), m)
    return _expr(ctx, m, "DATE", _value_day(d), iv, "holiday", since=_is_since(m))


@lru_cache(maxsize=1)
def _place_name_pattern() -> re.Pattern:
    """'rue du 8-Mai-1945', 'place du 19 Mars 1962', 'lycée du 4-Septembre': the date is a name."""
    lx = _lexicon()
    letters = r"[\wàâçéèêëîïôûùüÿœ]"
    return re.compile(
        rf"(?<![\w]){alternation(lx.raw['place_nouns'])}\s+(?:du|de\s+la|de\s+l'|des|d')\s*"
        rf"(?P<name>{letters}+(?:-{letters}+)+|(?:[12]\d|3[01]|0?[1-9]|1er)\s+(?P<m>{lx.month_re})(?P<y>\s+\d{{4}})?)(?![\w])", re.I)


def _place_names(text: str) -> tuple:
    spans = []
    for m in _place_name_pattern().finditer(text):
        # written without hyphens, a name still carries its year or a capital ("rue du 4 Septembre");
        # "la fermeture de l'école du 3 mars au 5 avril" is a range of days
        if m["m"] and not m["y"] and (m["m"].islower() or re.match(r"\s+(?:au|et)\s", text[m.end():])):
            continue
        spans.append(m.span("name"))
    return tuple(spans)


def _h_day_alone(ctx: _Context, m: re.Match):
    """'le 13': placed later, in the month of the day the text named last (`_attach_to_reference_days`)."""
    day = 1 if m["d"].lower() == "1er" else int(m["d"])
    return _expr(ctx, m, "DATE", f"XXXX-XX-{day:02d}", None, "day-alone")


def _h_day_slash_month(ctx: _Context, m: re.Match):
    """'avant le 31/07': day and month in figures, read like '31 juillet'."""
    day, month = int(m["d"]), int(m["m"])
    if _safe_date(2024, month, day) is None:
        return None
    if ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-{month:02d}-{day:02d}", None, "partial")
    year = _year_for_day_month(ctx.anchor, month, day, ctx.tense_at(m), None) or ctx.anchor.year
    d = date(year, month, day)
    return _expr(ctx, m, "DATE", _value_day(d), _day_interval(d, resolved_by="anchor"), "partial")


def _h_week_of(ctx: _Context, m: re.Match):
    """'la semaine du 8 avril': the Monday-Sunday week holding that day."""
    day = 1 if m["d"].lower() in ("1er", "premier") else int(m["d"])
    month = ctx.month(m["m"])
    if m["y"]:
        d, how = _safe_date(int(m["y"]), month, day), "absolute"
    elif ctx.anchor is None:
        return _expr(ctx, m, "DATE", f"XXXX-{month:02d}-{day:02d}", None, "week")
    else:
        year = _year_for_day_month(ctx.anchor, month, day, ctx.tense_at(m), None)
        d, how = (_safe_date(year, month, day) if year else None), "anchor"
    if d is None:
        return None
    monday = d - timedelta(days=d.weekday())
    iv = DateInterval(monday, monday + timedelta(days=6), "week", resolved_by=how)
    return _expr(ctx, m, "DATE", f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}", iv,
                 "absolute" if m["y"] else "week")


def _h_month_range(ctx: _Context, m: re.Match):
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
            return _expr(ctx, m, "DATE", f"XXXX-{m1:02d}", None, "range")
        a, tense = ctx.anchor, ctx.tense_at(m)
        spans = []
        for y in (a.year - 1, a.year, a.year + 1):
            end_year = y if m1 <= m2 else y + 1
            spans.append((date(y, m1, 1), _month_end(end_year, m2)))
        if tense == "past":
            fitting = [sp for sp in spans if sp[0] <= a]
            start, end = fitting[-1]
        elif tense == "future":
            start, end = next(sp for sp in spans if sp[1] >= a)
        else:
            start, end = min(spans, key=lambda sp: 0 if sp[0] <= a <= sp[1] else min(abs((sp[0] - a).days), abs((sp[1] - a).days)))
        how = "anchor"
    else:
        if (y2, m2) < (y1, m1):
            return None
        start, end, how = date(y1, m1, 1), _month_end(y2, m2), "absolute"
    return _expr(ctx, m, "DATE", f"{start.year}-{start.month:02d}", DateInterval(start, end, "month", resolved_by=how), "range")


def _build_rules() -> list[_Rule]:
    lx = _lexicon()
    M, WD, N, U, H, F = lx.month_re, lx.weekday_re, lx.number_re, lx.unit_re, lx.hedge_re, lx.fraction_re
    # "une dizaine de jours", "une vingtaine d'années": a round count, tried before the plain number
    A = rf"(?P<approx>une\s+{alternation(lx.raw['approximate_numbers'])})\s+d(?:e\s+|')(?P<aunit>{U})"
    B, E = r"(?<![\w])", r"(?![\w])"
    DAY_ALONE_NEXT = r"pour|à|au|aux|et|lors|dans|avec|par|après|avant|devant|sous|sur|en|suivant|précédent"
    PREP = r"(?:(?P<prep>depuis|dès|à partir d[eu']|jusqu'(?:au|à|en)|avant|après|d'ici(?:\s+à)?)\s*)?"
    DAY = r"(?P<d>[12]\d|3[01]|0?[1-9]|1er|premier)"
    DET = r"(?:(?:le|ce)\s+)?"  # "du", "au" stay outside: TimeBank marks "du [30 mai]"
    REL = r"(?P<rel>derni(?:er|ère)s?|prochaine?s?)"
    YEAR = r"(?P<y>1[6-9]\d\d|20\d\d)"
    QUANTITY = alternation(lx.raw["quantity_nouns"])
    # "le 10 novembre 93": a two-digit year, not a count ("le 10 novembre 93 personnes")
    PN = alternation(lx.raw["period_nouns"])
    ORD = alternation(lx.raw["ordinals"])
    SETADJ = alternation(lx.raw["set_adjectives"])
    REFW = alternation(lx.raw["reference_words"])
    HOL = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_holidays(), key=len, reverse=True))
    # "la rentrée d'argent", "la rentrée parlementaire": another return; "d'" needs no word end after it
    elided = [w for w in lx.raw["rentree_not_after"] if w.endswith("'")]
    words = [w for w in lx.raw["rentree_not_after"] if not w.endswith("'")]
    NOT_RENTREE = rf"(?:{alternation(words)}(?![\w-])|{alternation(elided)})"
    SHORT_YEAR = rf"(?P<yy>[5-9]\d|0\d)(?!\s?\d)(?![.,]\d)(?!\s+{QUANTITY})"
    rules = [
        ("day_range", rf"{B}(?P<core>(?:du|entre le|des)\s+(?:(?P<wd1>{WD})\s+)?(?P<d1>[12]\d|3[01]|0?[1-9]|1er)(?:\s+(?P<m1>{M}))?(?:\s+(?P<y1>\d{{4}}))?\s+(?:au|et le|aux)\s+(?:{WD}\s+)?(?P<d2>[12]\d|3[01]|0?[1-9]|1er)\s+(?P<m2>{M})(?:\s+(?P<y2>\d{{4}})|\s+{REL})?){E}", _h_day_range, 10),
        ("day_list", rf"{B}(?P<core>(?:les\s+)?(?P<d1>[12]\d|3[01]|0?[1-9]|1er)(?P<mid>(?:,\s+(?:[12]\d|3[01]|0?[1-9]))*)(?:\s*(?:et|-|–|au)\s*)(?P<d2>[12]\d|3[01]|0?[1-9])\s+(?P<m2>{M})(?:\s+(?P<y2>\d{{4}})|\s+{REL})?)(?P<m1>)?(?P<y1>)?{E}", _h_day_range, 10),
        ("weekday_day_range", rf"{B}(?P<core>(?:du|entre\s+le)\s+(?P<wd1>{WD})\s+(?P<d1>[12]\d|3[01]|0?[1-9]|1er)\s+(?:au|et\s+le)\s+(?P<wd2>{WD})\s+(?P<d2>[12]\d|3[01]|0?[1-9]|1er)){E}(?!\s*(?:{M}|\d|%))", _h_weekday_day_range, 10),
        ("year_range", rf"{B}(?P<core>\(?(?:de\s+|entre\s+)?(?P<y1>1[5-9]\d\d|20\d\d)\s*(?:[-–]|à|et)\s*(?P<y2>1[5-9]\d\d|20\d\d)\)?){E}", _h_year_range, 9),
        ("full_date", rf"{B}{PREP}(?P<core>{DET}(?:(?P<wd>{WD})\s+)?{DAY}(?:\s+|-)(?P<m>{M})(?:\s+|-){YEAR}){E}", _h_full_date, 8),
        # "03.87.12.05.24" is a phone number, not the 12 May 2024 inside it
        ("numeric_date", rf"{B}(?<!\d[/.])(?P<core>(?P<d>[12]\d|3[01]|0?[1-9])[/.](?P<m>1[0-2]|0?[1-9])[/.](?P<y>\d{{4}}|\d{{2}})){E}(?![/.]\d)", _h_numeric_date, 8),
        ("iso_date", rf"{B}(?P<core>(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})){E}", _h_iso_date, 8),
        ("day_month", rf"{B}{PREP}(?P<core>{DET}(?:(?P<wd>{WD})\s+)?{DAY}(?:\s+|-)(?P<m>{M})(?:\s+{REL}|\s+{SHORT_YEAR})?){E}", _h_day_month, 7),
        ("month_year", rf"{B}{PREP}(?P<core>(?:(?:le\s+)?mois\s+d['e]\s*)?(?:(?P<part>début|fin|mi)[\s-]+)?(?P<m>{M})\s+(?P<y>1[6-9]\d\d|20\d\d|[5-9]\d(?![\s\d]))){E}", _h_month_year, 6),
        ("weekday_pair", rf"{B}(?P<core>(?:(?:les|ces)\s+)?(?:(?P<rel>prochains|derniers)\s+)?(?:la\s+nuit\s+d[eu]\s+)?(?P<wd1>{WD})\s+(?:et|à|au)\s+(?P<wd2>{WD})(?:\s+(?:prochains|derniers))?){E}", _h_weekday_pair, 6),
        ("month", rf"{B}(?:(?P<prep>depuis|dès|à partir d[eu']|jusqu'(?:au|à|en)|d'ici(?:\s+à)?)\s*|(?:en|au|courant)\s+|dans\s+le\s+courant\s+d(?:u\s+|e\s+|'))(?P<core>(?:(?:le\s+)?mois\s+d['e]\s*)?(?:(?P<part>début|fin|mi)[\s-]+)?(?P<m>{M})(?:\s+(?P<rel>dernier|prochain))?){E}", _h_month, 5),
        ("month_rel", rf"{B}(?P<core>(?:(?:le\s+)?mois\s+d['e]\s*)?(?P<m>{M})\s+(?P<rel>dernier|prochain)|(?:le\s+)?mois\s+d['e]\s*(?P<m2x>{M})){E}", None, 5),
        ("season", rf"{B}{PREP}(?P<core>(?:(?:(?<=\ben\s)|(?<=\bau\s)|(?<=\bdu\s)|(?<=à\sl')|(?:les\s+mois\s+d'|l'|cet\s+|ce\s+|le\s+))(?P<s>printemps|été|automne|hiver)(?:\s+(?P<y>1[6-9]\d\d|20\d\d)|\s+(?P<rel>dernier|prochain))?|(?P<s2>printemps|été|automne|hiver)\s+(?P<y2>1[6-9]\d\d|20\d\d))){E}", None, 5),
        ("century", rf"{B}(?P<core>(?:le\s+)?(?P<roman>[IVXL]+)(?:e|ème|è)\s+siècle){E}", _h_century, 5),
        ("quarter", rf"{B}(?P<core>(?:le\s+|ce\s+)?(?P<ord>{ORD}|dernier)\s+(?P<q>trimestre|semestre)(?:\s+(?P<y>1[6-9]\d\d|20\d\d))?"
                    rf"|(?:le\s+)?(?P<q2>trimestre|semestre)\s+(?P<rel>dernier|précédent|prochain|suivant|en\s+cours)"
                    rf"|(?P<this>ce)\s+(?P<q3>trimestre|semestre)){E}", _h_quarter_any, 5),
        ("decade", rf"{B}(?P<core>(?:les\s+)?années\s+(?P<y>(?:19|20)?\d0)){E}", _h_decade, 5),
        ("ago", rf"{B}(?P<core>(?P<dir>il y a|voilà|voici|dans)\s+(?:(?P<hedge>{H})\s*)?(?P<amount>(?P<frac>{F})|{A}|(?P<n>{N})\s+(?P<unit>{U}))(?P<exact>,?\s+jour\s+pour\s+jour)?){E}", _h_ago, 5),
        ("relative_period", rf"{B}{PREP}(?P<core>(?:(?:la|le)\s+(?P<edge>début|fin|milieu)\s+d[eu']\s*)?(?P<det>la|cette|le|ce|cet|l'|l’)?\s*(?:(?P<new>nouvelle)\s+)?(?P<unit>semaine|mois|année|an|week-end)(?:[\s-]+(?P<rel>dernière|dernier|prochaine|prochain|passée|passé|précédente|précédent|suivante|suivant|ci|en cours))?){E}", _h_relative_period, 4),
        ("deictic", rf"{B}(?P<core>(?P<w>aujourd'hui|aujourd’hui|avant-hier|après-demain|hier|demain|actuellement|désormais)(?:\s+(?P<wd>{WD}))?(?:\s+(?P<part>matin|soir|midi|après-midi|soirée|matinée))?){E}", _h_deictic, 4),
        ("this_part", rf"{B}(?P<core>(?:ce|cette)\s+(?P<part>matin|soir|après-midi|nuit|soirée|matinée)){E}", _h_this_part, 4),
        ("weekday", rf"{B}{PREP}(?P<core>(?:(?P<det>ce|le|les|chaque|tous les)\s+(?:même\s+)?)?(?P<wd>{WD})(?:\s+(?P<part>matin|soir|midi|après-midi|soirée|matinée))?(?:\s+(?P<rel>dernier|prochain))?){E}", _h_weekday, 3),
        ("duration_from_anchor", rf"{B}(?P<dir>depuis|d'ici(?:\s+à)?)\s+(?P<core>(?:(?P<hedge>{H})\s*)?(?:(?P<frac>{F})|{A}|(?P<n>{N})\s+(?P<unit>{U}))){E}", _h_duration_from_anchor, 5),
        ("after_event", rf"{B}(?P<core>(?:(?P<hedge>{H})\s*)?(?:(?P<frac>{F})|{A}|(?P<n>{N})\s+(?P<unit>{U}))\s+(?P<dir>après|avant))(?=\s+(?:que|qu'))", _h_after_event, 6),
        ("after_reference", rf"{B}(?P<core>(?:(?P<hedge>{H})\s*)?(?:(?P<frac>{F})|{A}|(?P<n>{N})\s+(?P<unit>{U}))\s+(?:(?P<dir>plus\s+tard|plus\s+tôt|auparavant)|(?P<dir2>après|avant)(?=\s*[,.;]|\s+(?:il|elle|ils|elles|on)\b))){E}", _h_after_reference, 6),
        ("clock", rf"{B}(?P<core>(?P<h>[01]?\d|2[0-3])\s?(?:h|heures?)(?:\s?(?P<mi>[0-5]\d))?){E}", _h_clock, 7),
        ("noon", rf"{B}(?:à|vers|dès|avant|après|jusqu'à)\s+(?P<core>(?P<word>midi|minuit)){E}", _h_clock, 4),
        ("daypart", rf"{B}(?:(?:dans|pendant|durant|au\s+cours\s+de|tard\s+dans)\s+)(?P<core>(?:la\s+|l')(?P<part>nuit|soirée|matinée|journée|après-midi)){E}(?!\s+d[eu]\b)"
                    rf"|{B}(?P<core2>le\s+(?P<part2>matin|soir)\s+même){E}", _h_daypart, 4),
        ("edge_daypart", rf"{B}(?P<core>en\s+(?P<edge>début|fin|milieu)\s+d(?:e\s+|')(?P<part>journée|matinée|après-midi|soirée|nuit)){E}(?!\s+d[eu]\b)", _h_edge_daypart, 5),
        ("dayshift", rf"{B}(?P<core>(?:le\s+)?(?P<w>lendemain)|la\s+veille){E}(?!\s+(?:d(?:e|u|es)\b|d'|aux?\b))", _h_dayshift, 4),
        ("event_shift", rf"{B}(?P<core>(?:(?:au\s+|le\s+)?(?P<after>lendemain)|(?:à\s+)?la\s+veille|l'(?P<two>avant-veille))"
                        rf"\s+(?:de\s+la|de\s+l'|du|des|de|d')\s*(?P<noun>[a-zà-ÿ]{{3,}})){E}", _h_event_shift, 4),
        ("set_every", rf"{B}(?P<core>(?:chaque|tous\s+les|toutes\s+les)\s+(?:(?P<n>{N})\s+)?(?P<unit>{U}|{PN})){E}", _h_set, 6),
        ("set_per", rf"{B}par\s+(?P<core>(?P<unit>jour|semaine|mois|an|année|heure|{PN})){E}", _h_set, 6),
        ("set_adjective", rf"{B}(?P<core>{SETADJ}){E}", _h_set_adjective, 3),
        ("period_noun", rf"{B}(?P<core>{PN}){E}", _h_period_noun, 3),
        ("reference_word", rf"{B}(?<!\ben\s)(?P<core>{REFW}){E}", _h_reference_word, 3),
        ("vague_duration", rf"{B}(?P<core>(?:des\s+(?P<unit>années|mois|semaines|décennies|siècles)|(?:ces|les)\s+derni(?:er|ère)s\s+(?P<unit2>{U}))){E}(?!\s+\d)", _h_vague_duration, 3),
        ("month_part", rf"{B}{PREP}(?:(?:la|le)\s+)?(?P<core>(?P<part>début|fin|mi|milieu)(?:[\s-]+|\s+d[eu]\s+(?:mois\s+d['e]\s*)?)(?P<m>{M})(?:\s+(?P<rel>dernier|prochain))?){E}", _h_month, 5),
        ("edge_period", rf"{B}(?P<core>en\s+(?P<edge>début|fin|milieu)\s+d(?:e\s+|')(?P<unit>semaine|mois|année)(?:\s+(?P<rel>prochaine?|dernière?|passée?))?){E}", _h_edge_period, 5),
        ("holiday", rf"{B}{PREP}(?P<core>(?:le\s+)?(?P<h>{HOL})(?:\s+(?P<y>1[6-9]\d\d|20\d\d)|\s+(?P<rel>derni(?:er|ère)|prochaine?))?)(?![\w-])", _h_holiday, 7),
        ("week_of", rf"{B}(?P<core>(?:la\s+)?semaine\s+du\s+(?:{WD}\s+)?{DAY}\s+(?P<m>{M})(?:\s+{YEAR})?){E}", _h_week_of, 9),
        ("month_range", rf"{B}(?P<core>(?:de\s+|d'|entre\s+)(?P<m1>{M})(?:\s+(?P<y1>1[6-9]\d\d|20\d\d))?\s+(?:à|au|et)\s+(?P<m2>{M})(?:\s+(?P<y2>1[6-9]\d\d|20\d\d))?){E}", _h_month_range, 6),
        # "31/07" only after a word that introduces a day: "2/3", "15/20" and "1/4 de finale" are no dates
        # "mis en examen le 13": a day of the month the text has just named; kept only where one was
        ("day_alone", rf"{B}(?P<core>le\s+(?P<d>[12]\d|3[01]|0?[1-9]|1er))(?=\s*(?:[,;:.)!?»]|$)|\s+(?:{DAY_ALONE_NEXT})(?![\w]))", _h_day_alone, 0),
        ("day_slash_month", rf"{B}(?:le|du|au|dès\s+le|depuis\s+le|jusqu'au|avant\s+le|après\s+le|à\s+partir\s+du|d'ici\s+(?:au|le))\s+(?P<core>(?P<d>[12]\d|3[01]|0?[1-9])/(?P<m>0[1-9]|1[0-2]))(?![/.,]?\d)(?!\s*%){E}", _h_day_slash_month, 7),
        ("rentree", rf"{B}{PREP}(?P<core>(?:la|cette)\s+rentrée(?:\s+scolaire|\s+des\s+classes)?(?:\s+de\s+(?P<mon>septembre))?(?:\s+(?P<y>1[6-9]\d\d|20\d\d)|\s+(?P<rel>prochaine|dernière))?){E}(?!\s*{NOT_RENTREE})", _h_rentree, 6),
        ("season_pair", rf"{B}(?P<core>(?P<s>printemps|[ée]té|automne|hiver)\s+comme\s+(?P<s2>printemps|[ée]té|automne|hiver)){E}", _h_season_pair, 6),
        ("duration", rf"{B}(?P<core>(?:(?P<hedge>{H})\s*)?(?:(?P<frac>{F})|{A}|(?P<n>{N})\s+(?P<unit>{U}))){E}", _h_duration, 2),
        ("year", rf"{B}(?:{PREP}|(?:en|de|d')\s*)?(?P<core>(?:l'an\s+|l'année\s+|(?:début|fin|mi)[\s-]+)?{YEAR}){E}(?!\s?\d)(?!\s*{QUANTITY})", _h_year, 1),
    ]
    out = []
    for name, pattern, handler, priority in rules:
        if handler is None:
            handler = {"month_rel": _h_month_rel, "season": _h_season_any}[name]
        out.append(_Rule(name, re.compile(pattern, re.IGNORECASE), handler, priority))
    return out


class _AliasedMatch:
    """A match whose named groups are read through aliases, so one handler serves a rule whose
    alternatives name the same thing in different groups ("mars dernier" | "mois de mars")."""

    def __init__(self, match: re.Match, aliases: dict[str, tuple[str, ...]], overrides: Optional[dict] = None):
        self.m = match
        self.aliases = aliases
        self.overrides = overrides or {}

    def __getitem__(self, key):
        if key in self.overrides:
            return self.overrides[key]
        for name in self.aliases.get(key, (key,)):
            value = self.m.groupdict().get(name)
            if value:
                return value
        return self.m.groupdict().get(key)

    def groupdict(self):
        return {**self.m.groupdict(), **{k: self[k] for k in (*self.aliases, *self.overrides)}}

    def span(self, group=0):
        return self.m.span(group)

    def start(self):
        return self.m.start()

    def end(self):
        return self.m.end()


def _h_month_rel(ctx: _Context, m: re.Match):
    return _h_month(ctx, _AliasedMatch(m, {"m": ("m", "m2x")}, {"prep": None}))


def _h_season_any(ctx: _Context, m: re.Match):
    word = "s" if m["s"] else "s2"
    if re.match(rf"\s+{alternation(ctx.lex.raw['season_not_after'])}(?![\w])", ctx.text[m.end(word):], re.I):
        return None
    # "au Printemps de Bourges", "le Printemps arabe": a capital anywhere but at the start of a
    # sentence makes a name (a word all in capitals is a headline, not a name)
    if m[word][:1].isupper() and not m[word].isupper() \
            and not re.search(r"(?:^|[.!?:;«\"\n])\s*$", ctx.text[:m.start(word)]) or _in_title(ctx, *m.span(word)):
        return None
    return _h_season(ctx, _AliasedMatch(m, {"s": ("s", "s2"), "y": ("y", "y2")}))


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    return tuple(_build_rules())


# ---------------------------------------------------------------------------------------------
# Public entry points

def find_temporal_expressions(text: str, anchor: Optional[date] = None, tense: Optional[str] = None) -> list[TemporalExpression]:
    """Every temporal expression in `text`, resolved against `anchor` (the article's date).

    `tense` ('past' or 'future') forces the direction of relative expressions; by default it is read
    from the words around each expression.
    """
    ctx = _Context(text.replace("’", "'"), anchor, tense, original=text)
    ctx.names = _place_names(ctx.text)
    candidates: list[tuple[int, int, int, _Rule, re.Match]] = []
    for rule in _rules():
        for m in rule.pattern.finditer(ctx.text):
            s, e = m.span()
            if e > s:
                candidates.append((s, -(e - s), -rule.priority, rule, m))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    found: list[TemporalExpression] = []
    # longest first, then by priority, so that "le 20 juin 2024" wins over "juin 2024" and "2024"
    for s, neg_len, _, rule, m in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        e = s - neg_len
        if any(s < te and e > ts for ts, te in taken) or any(s < ne and e > ns for ns, ne in ctx.names):
            continue
        try:
            expr = rule.handler(ctx, m)
        except KeyError:  # IGNORECASE lets "marſ" or "lundı" match words the lexicon cannot look up
            expr = None
        except (OverflowError, ValueError):  # "demain" on 9999-12-31 (a placeholder date in metadata): off the calendar
            expr = None
        if expr is None:
            continue
        taken.append((s, e))
        found.extend(expr if isinstance(expr, list) else [expr])
    found.sort(key=lambda x: x.start)
    return _attach_to_reference_days(ctx, _anaphoric_periods(ctx, _frame_years(ctx, _join_coordinated(ctx, found))))


_ANAPHORIC = re.compile(r"(?P<unit>semaine|mois|année|an)\s+(?P<rel>précédente?|suivante?)$", re.I)


def _anaphoric_periods(ctx: _Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'En 2019 ..., contre ... l'année précédente': 'précédent' and 'suivant' count from the date
    named before them, not from the article's date (which they fall back on when none was)."""
    out = list(found)
    for i, expr in enumerate(out):
        hit = _ANAPHORIC.search(expr.text.replace("’", "'"))
        if expr.kind != "relative" or expr.interval is None or expr.since or hit is None:
            continue
        before = [e for e in out[:i] if e.interval is not None and e.timex_type == "DATE" and not e.since]
        if not before:
            continue
        step = -1 if hit["rel"].lower().startswith("pr") else 1
        ref = before[-1].interval.start if step < 0 else before[-1].interval.end
        unit = hit["unit"].lower()
        if unit == "semaine":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
            iv = DateInterval(monday, monday + timedelta(days=6), "week", resolved_by="reference")
            value = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
        elif unit == "mois":
            first = _add_months(date(ref.year, ref.month, 1), step)
            iv, value = _month_interval(first.year, first.month, resolved_by="reference"), f"{first.year}-{first.month:02d}"
        else:
            iv, value = _year_interval(ref.year + step, resolved_by="reference"), str(ref.year + step)
        out[i] = replace(expr, value=value, interval=iv)
    return out


def _join_coordinated(ctx: _Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'ce mardi 18 juin et mercredi': a bare weekday coordinated after a dated day continues it."""
    out: list[TemporalExpression] = []
    for expr in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.interval is not None and expr.kind == "weekday" and expr.timex_type == "DATE"
                and re.fullmatch(r"\s*(?:et|,|puis|ou)\s*", ctx.text[prev.end:expr.start])
                and re.fullmatch(r"(?:le\s+|ce\s+)?\w+", expr.text, re.I)):
            wd = ctx.weekday(re.sub(r"^(?:le|ce)\s+", "", expr.text, flags=re.I))
            gap = (wd - prev.interval.end.weekday()) % 7 or 7
            if prev.interval.end > date.max - timedelta(days=gap):  # 9999-12-31, a placeholder date in metadata
                out.append(expr)
                continue
            end = prev.interval.end + timedelta(days=gap)
            joined = replace(prev.interval, end=end)
            out[-1] = replace(prev, end=expr.end, text=ctx.original[prev.start:expr.end], interval=joined)
            continue
        out.append(expr)
    return out


def _shift_years(expr: TemporalExpression, years: int) -> TemporalExpression:
    iv = expr.interval
    start = _safe_date(iv.start.year + years, iv.start.month, iv.start.day)
    end = _safe_date(iv.end.year + years, iv.end.month, iv.end.day)
    if start is None or end is None or not expr.value[:4].isdigit():
        return expr  # 29 February has no place in the frame's year
    value = f"{int(expr.value[:4]) + years:04d}{expr.value[4:]}"
    return replace(expr, value=value, interval=replace(iv, start=start, end=end, resolved_by="frame"))


def _tense_allows(ctx: _Context, expr: TemporalExpression, year: int) -> bool:
    """'En 2023, il avait promis d'ouvrir le 15 mars': a coming act does not sit in a past frame."""
    if ctx.anchor is None or year == ctx.anchor.year:
        return True
    tense = ctx.tense or guess_tense(ctx.text, expr.start, expr.end)
    return not (year < ctx.anchor.year and tense == "future" or year > ctx.anchor.year and tense == "past")


def _frame_years(ctx: _Context, found: list[TemporalExpression]) -> list[TemporalExpression]:
    """'Il y a dix ans, les attentats du 13 novembre...', 'En 2015, le 7 janvier...': a sentence that
    opens on a year sets the scene, and the days and months it then names without a year are in it."""
    out = list(found)
    frame_year, frame_end = None, None
    for i, expr in enumerate(out):
        lo, hi = _sentence_bounds(ctx.text, expr.start)
        if frame_end is not None and expr.start >= frame_end:
            frame_year = None  # a new sentence
        iv = expr.interval
        if (iv is not None and not expr.since and iv.start.year == iv.end.year
                and (expr.kind in ("year", "absolute") or expr.kind == "ago" and iv.precision == "year")
                and re.fullmatch(r"\s*(?:(?:en|au cours de|dans)\s*)?", ctx.text[lo:expr.start], re.I)
                and re.match(r"\s*,", ctx.text[expr.end:hi])):
            frame_year, frame_end = iv.start.year, hi
            continue
        if (frame_year is not None and iv is not None and not expr.since and iv.resolved_by == "anchor"
                and expr.kind in ("partial", "month", "range") and iv.start.year != frame_year
                and not re.search(rf"derni|prochain|{ctx.lex.weekday_re}", expr.text, re.I)
                and _tense_allows(ctx, expr, frame_year)):
            out[i] = _shift_years(expr, frame_year - iv.start.year)
    return out


def resolve_relative_date(text: str, anchor: date, tense: Optional[str] = None) -> Optional[DateInterval]:
    """The days the first date expression in `text` stands for, counted from `anchor`."""
    for expr in find_temporal_expressions(text, anchor, tense):
        if expr.is_date:
            return expr.interval
    return None


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
                return _day_interval(date(y, int(mo), int(d)), resolved_by="user")
            if mo:
                return _month_interval(y, int(mo), resolved_by="user")
            return _year_interval(y, resolved_by="user")
        except ValueError:
            raise ValueError(f"{text!r} is not a calendar date") from None
    whole = [e for e in find_temporal_expressions(t, today)
             if e.is_date and e.interval is not None and not t[:e.start].strip(" ,.") and not t[e.end:].strip(" ,.")]
    if whole:
        return replace(whole[0].interval, resolved_by="user")
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
        return _year_interval(day.year, resolved_by="user")
    if data.period == "month":
        return _month_interval(day.year, day.month, resolved_by="user")
    if data.period == "week":
        monday = day - timedelta(days=day.weekday())
        return DateInterval(monday, monday + timedelta(days=6), "week", False, "user")
    return _day_interval(day, resolved_by="user")


# ---------------------------------------------------------------------------------------------
# The document's own date

_BYLINE_CUE = re.compile(r"\b(?:publié|mis à jour|mis en ligne|modifié|actualisé)\b", re.I)


def infer_document_date(text: str, max_header_lines: int = 12, today: Optional[date] = None) -> Optional[DocumentDate]:
    """The article's date as a careful reader finds it in the text itself.

    1. a dateline or byline near the top: a short line holding a full date ("20 juin 2024", "19/06/2024");
    2. a weekday written with its day and month ("mardi 18 juin"): the year where that day is that
       weekday, no earlier than the latest year the article names, no later than today; the article is
       then within the week before (future tense) or after (past tense) that day, or of that very
       day for "ce mardi 12 août" told in the past or present (news says "ce mardi" of its own day).
    Returns None when nothing in the text fixes it.
    """
    today = today or date.today()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for line in lines[:max_header_lines]:
        words = line.split()
        if len(words) > 14 and not _BYLINE_CUE.search(line[:40]):
            continue
        for expr in find_temporal_expressions(line, None):
            iv = expr.interval
            if iv is None or iv.precision != "day" or iv.start > today:
                continue
            if expr.kind == "absolute":
                return DocumentDate(replace(iv, resolved_by="dateline"), iv.start)
            if expr.kind == "range" and (iv.end - iv.start).days <= 6 and _issue_line(line):
                # "N° 1482 – Semaine du 18 au 24 août 2025": a weekly's issue, written by its last day
                return DocumentDate(replace(iv, approximate=True, resolved_by="dateline"), iv.end)
    return _infer_from_weekday_dates(text, today) or _infer_from_past_bounds(text, today)


@lru_cache(maxsize=1)
def _issue_line_pattern() -> re.Pattern:
    return re.compile(rf"(?<![\w]){alternation(_lexicon_raw()['issue_cues'])}(?![\w])", re.I)


def _issue_line(line: str) -> bool:
    return bool(_issue_line_pattern().search(line))


@lru_cache(maxsize=1)
def _weekday_day_month_pattern() -> re.Pattern:
    """'mardi 18 juin' written without a year."""
    lx = _lexicon()
    return re.compile(
        rf"(?<![\w])(?P<wd>{lx.weekday_re})\s+(?P<d>[12]\d|3[01]|0?[1-9]|1er)\s+(?P<m>{lx.month_re})(?!\s+\d{{4}})(?![\w])", re.I)


def _infer_from_weekday_dates(text: str, today: date) -> Optional[DocumentDate]:
    lx = _lexicon()
    years = [int(y) for y in re.findall(r"(?<![\d\s])(?<!\d )((?:19|20)\d\d)(?![\d])", text) if int(y) <= today.year]
    floor_year = max(years) if years else None
    for m in _weekday_day_month_pattern().finditer(text):
        wd = lx.weekdays[m["wd"].lower().rstrip("s")] if m["wd"].lower().rstrip("s") in lx.weekdays else None
        if wd is None:
            continue
        day = 1 if m["d"].lower() == "1er" else int(m["d"])
        month = lx.months[m["m"].lower().rstrip(".")]
        lo = floor_year if floor_year is not None else today.year - 30
        matching = [y for y in range(lo, today.year + 1) if (d := _safe_date(y, month, day)) and d.weekday() == wd and d <= today + timedelta(days=7)]
        if not matching:
            continue
        year = min(matching) if floor_year is not None else max(matching)
        d = date(year, month, day)
        tense = guess_tense(text, m.start(), m.end())
        this_day = re.search(r"(?<![\w])(?:ce|cette)\s+$", text[max(0, m.start() - 6):m.start()], re.I)
        if this_day and tense != "future" and not _FUTURE_VERB.search(text[m.end():m.end() + 80].split(".")[0]):
            interval = DateInterval(d, d + timedelta(days=1), "day", True, "weekday-date")
            return DocumentDate(interval, d)
        if tense == "past":
            interval = DateInterval(d, d + timedelta(days=6), "day", True, "weekday-date")
            return DocumentDate(interval, d)
        interval = DateInterval(d - timedelta(days=6), d, "day", True, "weekday-date")
        return DocumentDate(interval, d)
    return None


_LAST_WORDS = ("dernier", "dernière", "derniere", "passé", "passée")


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
        if iv is None or iv.resolved_by != "absolute" or iv.approximate:
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
    lx = _lexicon()
    latest_end: Optional[date] = None
    for e in found:
        words = e.text.lower()
        if e.interval is not None or not any(w in words.split() for w in _LAST_WORDS):
            continue
        year = floor.year
        if e.kind == "month" and re.fullmatch(r"XXXX-\d\d", e.value):
            month = int(e.value[5:])
            while _month_end(year, month) <= floor:
                year += 1
            end = _month_end(year, month)
        elif e.kind == "season" and e.value[5:] in _SEASON_VALUE.values():
            name = next(n for n, code in _SEASON_VALUE.items() if code == e.value[5:])
            while (season := _season_interval(name, year, lx)).end <= floor:
                year += 1
            end = season.end
        else:
            continue
        latest_end = max(latest_end, end) if latest_end else end
    if latest_end is None or latest_end >= today:
        # a floor alone ("depuis 2019") leaves every later day possible: that is no date
        return None
    upper = min(today, _add_months(latest_end, 12))
    return DocumentDate(DateInterval(latest_end + timedelta(days=1), upper, "day", True, "text-bounds"), None)


def document_date_from_metadata(value: str, resolved_by: str) -> Optional[DocumentDate]:
    """A date given by the user or found in metadata ('2024-06-20', '2024-06-20T08:15:00+02:00', '20 juin 2024')."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return DocumentDate(_day_interval(d, resolved_by=resolved_by), d)
    for expr in find_temporal_expressions(value or "", None):
        if expr.interval and expr.interval.precision == "day":
            return DocumentDate(replace(expr.interval, resolved_by=resolved_by), expr.interval.start)
    return None


def month_and_day_of(words: str) -> Optional[tuple[int, Optional[int]]]:
    """The month, and the day if any, that date words name when their year is unknown ("mars", "le 5
    mars", "au mois de mars dernier" in an article without a date): enough to tell which dated
    claims they can be."""
    lx = _lexicon()
    m = re.search(rf"(?:(?<![\w])(?P<d>[12]\d|3[01]|0?[1-9]|1er)\s+)?(?<![\w])(?P<m>{lx.month_re})(?![\w])", words, re.I)
    if m is None:
        return None
    month = lx.months.get(m["m"].lower().rstrip("."))
    if month is None:
        return None
    day = None if m["d"] is None else 1 if m["d"].lower() == "1er" else int(m["d"])
    return month, day


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


@lru_cache(maxsize=8192)
def date_words_at(sentence: str, offset: int, anchor: date) -> Optional[DateInterval]:
    """The days the date words at `offset` of `sentence` name, read at the article date `anchor`
    (None if they name none). Kept for the same sentence read again: an article's estimate reads
    its sentences at two dates, every merge."""
    return next((e.interval for e in dated_expressions(find_temporal_expressions(sentence, anchor)) if e.start == offset), None)


def dated_expressions(exprs: Iterable[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions that name days (not durations, sets or unresolved ones), one per interval."""
    seen: set[tuple[date, date]] = set()
    out = []
    for e in exprs:
        # "depuis vingt-quatre ans" says how long, not when the sentence's event happened: it covers
        # days (`is_date`) but dates no event
        if not e.is_date or e.timex_type == "DURATION":
            continue
        key = (e.interval.start, e.interval.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


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
    for value, how in ((metadata, metadata_source or "metadata"), (byline, "byline")):
        if value:
            found = document_date_from_metadata(value, how)
            if found is not None:
                return found
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
        return DocumentDate(replace(interval, precision="day", approximate=False, resolved_by="user"), interval.start)
    return DocumentDate(replace(interval, approximate=True, resolved_by="user"), None)
