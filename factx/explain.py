"""Why an event has its date, in plain French: which words gave it and how they were anchored.

    «"mercredi" (futur : le mercredi suivant), compté depuis la date de l'article, 2024-06-17, lue
    dans la ligne "17/06/2024" (dateline) → 2024-06-19»

Everything is built from what the store keeps: each mention's date words, offsets and interval (with
its `resolved_by`), and each document's own date (its `resolved_by`: user, front-matter, html-meta,
sidecar, byline, dateline, weekday-date). `explain_mention` and `explain_event` are pure;
`document_dating` gathers, once per document, the line its date was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from .temporal import DateInterval, ResolvedBy, byline_pattern, month_names, weekday_names

# French names as the date reader's lexicon writes them (models/temporal_fr.json)
WEEKDAYS = weekday_names()
MONTHS = month_names()

# where the article's own date came from, said after "lue dans ..." / "donnée par ..."
_DOCUMENT_SOURCES = {
    "user": "donnée par l'option --dct",
    "front-matter": "lue dans l'en-tête du fichier",
    "html-meta": "lue dans les métadonnées de la page HTML",
    "sidecar": "lue dans le fichier de métadonnées posé à côté de l'article",
    "header": "lue dans la ligne « Date: » en tête du fichier",
    "url": "lue dans l'adresse de l'article (ligne « URL: » en tête du fichier)",
    "metadata": "lue dans les métadonnées de l'article",
    "byline": "lue dans la ligne de publication de l'article",
    "dateline": "lue dans l'en-tête de l'article",
    "weekday-date": "déduite d'un jour de semaine écrit avec sa date",
    "text-bounds": "bornée par les périodes que l'article raconte au passé (ex. « depuis l'été 2024 », « en avril dernier »)",
    "corpus": "estimée d'après les faits que l'article partage avec des sources datées",
}
_TENSES = {"past": "passé", "future": "futur", "present": "présent", "pluperfect": "plus-que-parfait",
           "conditional": "conditionnel", "imperfect": "imparfait"}


@dataclass(frozen=True)
class DocumentDating:
    """What a reader needs to know about an article's own date to follow an explanation."""

    doc_id: str
    interval: Optional[DateInterval]  # None: the article has no known date
    anchor: Optional[date]  # the day relative expressions were counted from
    line: Optional[str] = None  # the words the date was read from, when they can be found
    run_date: Optional[date] = None  # the day a date guessed from the text could not come after

    @property
    def resolved_by(self) -> Optional[str]:
        return self.interval.resolved_by if self.interval else None


def day_label(d: date) -> str:
    return d.isoformat()


def describe_document_date(dating: Optional[DocumentDating]) -> str:
    """'la date de l'article, 2024-06-17, lue dans la ligne "17/06/2024" (dateline)'."""
    if dating is None or dating.interval is None:
        return "la date de l'article, inconnue"
    iv, how = dating.interval, dating.interval.resolved_by
    if dating.anchor is not None:
        when = day_label(dating.anchor)
        if iv.start != iv.end:
            when += f" à {(iv.end - iv.start).days} jours près"
    else:
        when = f"entre {day_label(iv.start)} et {day_label(iv.end)}"
    source = _DOCUMENT_SOURCES.get(how, "trouvée")
    tag = f"({how})"
    if dating.line:
        quoted = _quote(dating.line)
        if how == ResolvedBy.WEEKDAY_DATE and dating.anchor is not None:
            a = dating.anchor
            day = "1er" if a.day == 1 else str(a.day)
            source = f"déduite de {quoted}"
            tag = f"(weekday-date : l'année où le {day} {MONTHS[a.month - 1]} est un {WEEKDAYS[a.weekday()]})"
        elif how in ("byline", "dateline"):
            source = f"lue dans la ligne {quoted}"
        else:
            source = f"{source}, {quoted}"
    bound = ""
    if dating.run_date is not None and how in _GUESSED_FROM_TEXT:
        bound = f", au plus tard le jour du traitement, {day_label(dating.run_date)} (--run-date)"
    return f"la date de l'article, {when}, {source} {tag}{bound}"


def explain_mention(m, dating: Optional[DocumentDating]) -> str:
    """How this mention got its date (or why it has none), in one French sentence.

    `m` is an EventMention; `dating` is its document's, or None when unknown.
    """
    iv: Optional[DateInterval] = m.date
    words = _quote(m.date_text) if m.date_text else None
    article = describe_document_date(dating)
    undated_article = dating is None or dating.interval is None
    if iv is None:
        if words:
            reason = "l'article n'a pas de date connue pour la placer" if undated_article \
                else f"{article} : pas un jour d'où compter" if dating.anchor is None \
                else "elle ne désigne pas de jours précis"
            return f"{words} : expression de temps lue mais pas placée dans le calendrier ({reason})"
        if undated_article:
            return "sans date : la phrase n'en donne pas et l'article n'a pas de date connue"
        tense = _TENSES.get(m.tense or "")
        return ("sans date : la phrase n'en donne pas"
                + (f", et au {tense} elle ne prend pas la date de l'article" if tense else ""))
    result = f" → {iv.edtf}" + (" (approximatif)" if iv.approximate else "")
    how = iv.resolved_by
    if how == ResolvedBy.CORPUS:  # before the no-words case: a mention without date words may learn one too
        source = "date reprise des autres sources qui racontent le même fait"
        if words:
            return f"{words} : la phrase ne permet pas de placer ces mots ; {source}{result}"
        return f"pas de date dans la phrase ; {source}{result}"
    if how == ResolvedBy.COMING:
        return (f"pas de date dans la phrase ; au futur, le fait est annoncé pour les jours qui suivent {article}"
                f"{result} : de quoi le comparer aux autres sources, pas de quoi dater l'événement")
    if how == ResolvedBy.DOCUMENT_DATE or words is None:
        tense = _TENSES.get(m.tense or "")
        at = f"au {tense}, " if tense else ""
        return f"pas de date dans la phrase ; {at}le fait prend {article}{result}"
    if how == ResolvedBy.ABSOLUTE:
        several_years = iv.start.year != iv.end.year and iv.precision == "year"
        what = "des années" if several_years else {
            "day": "un jour", "month": "un mois et son année", "year": "une année", "season": "une saison et son année",
            "decade": "une décennie", "century": "un siècle", "week": "une semaine"}.get(iv.precision, "une date")
        return f"{words} : date écrite en entier dans la phrase ({what}), sans calcul{result}"
    if how == ResolvedBy.WEEKDAY:
        return f"{words} ({_weekday_direction(m, iv, dating)}) compté depuis {article}{result}"
    if how == ResolvedBy.SINCE:
        return f"{words} : « depuis » ce moment jusqu'à {article}{result}"
    if how == ResolvedBy.ESTIMATE:
        return (f"{words} : compté depuis la date de l'article, estimée d'après les faits qu'il partage "
                f"avec d'autres sources{result}")
    if how == ResolvedBy.SINCE_START:
        return f"{words} : « depuis » dans une phrase négative, le fait a eu lieu pour la dernière fois à ce moment{result}"
    if how == ResolvedBy.REFERENCE:
        return f"{words} : compté depuis la dernière date que le texte a donnée avant{result}"
    if how == ResolvedBy.FRAME:
        return f"{words} : sans année, placé dans l'année que la phrase pose en tête ({iv.start.year}){result}"
    if how == ResolvedBy.RELATIVE_EVENT:
        return f"{words} : durée comptée depuis le fait principal, daté par {article}{result}"
    if how in ("anchor", "relative", "ago", "month", "partial"):
        return f"{words} ({_anchored_kind(m, iv, dating)}) compté depuis {article}{result}"
    return f"{words} ({how}) compté depuis {article}{result}"


def explain_event(event, datings: dict[str, DocumentDating]) -> Optional[str]:
    """The explanation of a mention that gave the event its date, preferring one with date words of
    its own (the first mention if the event is undated)."""
    if not event.mentions:
        return None
    chosen = event.mentions[0]
    if event.date is not None:
        giving = [m for m in event.mentions
                  if m.date is not None and (m.date.start, m.date.end) == (event.date.start, event.date.end)]
        # a sentence's own date words say more than "dated like its article"
        giving.sort(key=lambda m: (m.date_text is None or m.date.resolved_by == ResolvedBy.DOCUMENT_DATE))
        if giving:
            chosen = giving[0]
    text = explain_mention(chosen, datings.get(chosen.doc_id))
    if event.date is not None:
        agreeing = sum(1 for m in event.mentions if m is not chosen and m.date is not None
                       and (m.date.start, m.date.end) == (event.date.start, event.date.end))
        if agreeing == 1:
            text += " ; 1 autre mention donne la même date"
        elif agreeing > 1:
            text += f" ; {agreeing} autres mentions donnent la même date"
    return text


# ---------------------------------------------------------------------------------------------
# The pieces

def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return f'"{text}"'


def _local_tense(m) -> Optional[str]:
    """The tense the date reader saw around the date words (what oriented 'mercredi')."""
    from .temporal import guess_tense

    if m.date_start is None or m.date_end is None:
        return None
    s, e = m.date_start - m.start, m.date_end - m.start
    if not (0 <= s <= e <= len(m.sentence)):
        return None
    try:
        return guess_tense(m.sentence, s, e)
    except Exception:  # a best-effort hint; the explanation stands without it
        return None


def _direction_word(text: str) -> Optional[str]:
    found = re.search(r"\b(prochaine?s?|suivante?s?|derni(?:er|ère)s?|passée?s?|précédente?s?)\b", text or "", re.I)
    return found.group(1).lower() if found else None


def _weekday_direction(m, iv: DateInterval, dating: Optional[DocumentDating]) -> str:
    """'futur : le mercredi suivant', 'passé : le lundi précédent', 'le jour même'."""
    name = WEEKDAYS[iv.start.weekday()]
    anchor = dating.anchor if dating else None
    if anchor is None:
        where = f"le {name}"
    elif iv.start > anchor:
        where = f"le {name} suivant"
    elif iv.start < anchor:
        where = f"le {name} précédent"
    else:
        where = f"le jour même de l'article, un {name}"
    cue = _direction_word(m.date_text)
    if cue:
        return f'"{cue}" : {where}'
    tense = _TENSES.get(_local_tense(m) or "")
    return f"{tense} : {where}" if tense else f"sans temps marqué, le plus proche : {where}"


def _anchored_kind(m, iv: DateInterval, dating: Optional[DocumentDating]) -> str:
    """What kind of relative reading it was: 'il y a ...', a month without its year, a day without it..."""
    text = (m.date_text or "").lower()
    anchor = dating.anchor if dating else None
    if text.startswith(("il y a", "voilà", "voila")) or " il y a " in f" {text} ":
        return "en remontant le temps"
    if re.search(r"\bdans\b", text):
        return "en avançant dans le temps"
    cue = _direction_word(text)
    has_month = any(re.search(rf"\b{mo}\b", text) for mo in MONTHS)
    has_day = re.search(r"\b(?:1er|[0-3]?\d)\b", text) is not None
    if has_month and not re.search(r"\b\d{4}\b", text):
        if has_day:
            return f"jour et mois sans année : {iv.start.year}, l'année la plus proche de l'article"
        if cue:
            return f'"{cue}" : le mois de {MONTHS[iv.start.month - 1]} {iv.start.year}'
        tense = _TENSES.get(_local_tense(m) or "")
        why = f"{tense}, " if tense else ""
        return f"mois sans année : {why}{MONTHS[iv.start.month - 1]} {iv.start.year}"
    if anchor is not None and iv.start == iv.end == anchor:
        return "le jour même de l'article"
    if cue:
        unit = {"year": "l'année", "month": "le mois", "week": "la semaine"}.get(iv.precision, "la période")
        side = "d'après" if cue.startswith(("prochain", "suivant")) else "d'avant"
        return f'"{cue}" : {unit} {side}'
    return "relatif à l'article"


# ---------------------------------------------------------------------------------------------
# Finding the line an article's date was read from (reads the stored text, and the source file
# for a publication line that was removed with the page junk)



# the article dates read from the text, which no article can have after the day it was read
_GUESSED_FROM_TEXT = ("dateline", "weekday-date", "text-bounds")


def document_dating(doc_id: str, interval: Optional[DateInterval], text: Optional[str] = None,
                    path: Optional[str] = None, mentions: Iterable = (),
                    run_date: Optional[date] = None, best_day: Optional[date] = None) -> DocumentDating:
    """The article's date with the day relative words were counted from and, when it can be found,
    the line it was read from. Never raises: an explanation is a help, not a requirement."""
    if interval is None:
        return DocumentDating(doc_id, None, None, run_date=run_date)
    # the day relative words were counted from, as the store kept it; stores made before it was kept
    # have it found again
    anchor = interval.start if interval.start == interval.end else \
        best_day or _anchor_of_range(interval, text, mentions, run_date)
    line = None
    try:
        if interval.resolved_by == ResolvedBy.DATELINE and text:
            line = _dateline(text, interval.start)
        elif interval.resolved_by == ResolvedBy.WEEKDAY_DATE and text and anchor:
            line = _weekday_date_words(text, anchor)
        elif interval.resolved_by == ResolvedBy.BYLINE and path:
            line = _byline_in_file(path)
    except Exception:  # a moved or unreadable file: the explanation goes without the line
        line = None
    return DocumentDating(doc_id, interval, anchor, line, run_date)


def _anchor_of_range(interval: DateInterval, text: Optional[str], mentions: Iterable,
                     run_date: Optional[date] = None) -> Optional[date]:
    # a weekday-date is one end of the week it leaves open: the end written in the text ("ce mardi 18 juin")
    if interval.resolved_by == ResolvedBy.WEEKDAY_DATE and text:
        for candidate in (interval.end, interval.start):
            if _weekday_date_words(text, candidate):
                return candidate
    # sentences dated "at the article's date" carry the anchor day itself
    for m in mentions:
        if m.date is not None and m.date.resolved_by == ResolvedBy.DOCUMENT_DATE and m.date.start == m.date.end:
            return m.date.start
    if text:
        from .temporal import infer_document_date

        try:
            found = infer_document_date(text, today=run_date)
        except Exception:
            found = None
        if found is not None and (found.interval.start, found.interval.end) == (interval.start, interval.end):
            return found.anchor
    return None


def _dateline(text: str, day: date) -> Optional[str]:
    from .temporal import find_temporal_expressions

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:12]:
        for expr in find_temporal_expressions(line, None):
            if expr.interval and expr.interval.precision == "day" and expr.interval.start == day:
                return line
    return None


def _weekday_date_words(text: str, anchor: date) -> Optional[str]:
    """'ce mardi 18 juin': the weekday written with the day and month that fixed the year."""
    wd, month = WEEKDAYS[anchor.weekday()], MONTHS[anchor.month - 1]
    day = "1er|1" if anchor.day == 1 else str(anchor.day)
    found = re.search(rf"\b(?:ce |le )?{wd}\s+(?:{day})\s+{month}\b", text, re.I)
    return found.group(0) if found else None


def _byline_in_file(path: str) -> Optional[str]:
    p = Path(path)
    if not p.is_file():
        return None
    with p.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f):
            if number > 80:
                break
            if byline_pattern().match(line.lstrip()) and any(c.isdigit() for c in line):
                return " ".join(line.split())
    return None
