"""Why an event has its date, in plain French: which words gave it and how they were anchored.

    «"mercredi" (futur : le mercredi suivant), compté depuis la date de l'article, 2024-06-17, lue
    dans la ligne "17/06/2024" (dateline) → 2024-06-19»

Everything is built from what the store keeps, and nothing else: each mention's date words, offsets,
interval (with its `resolved_by`) and reading (the rule, the anchor day and the tense the date reader
used when it made the date), and each document's own date (its `resolved_by`, the day relative words
were counted from, the line it was read from). Nothing here runs the date reader or the tense guesser,
or reads an article's text or file again. `explain_mention`, `explain_event` and `document_dating`
are pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Iterable, Optional

from .resources import alternation, load_json_resource
from .temporal import GUESSED_FROM_TEXT, DateInterval, ResolvedBy, month_names, weekday_names
from .temporal.lexicon import counting_words, direction, lexicon_raw

# French names as the date reader's lexicon writes them (models/temporal_fr.json)
WEEKDAYS = weekday_names()
MONTHS = month_names()



@lru_cache(maxsize=1)
def output_words() -> dict:
    """The words printed for people (models/output_fr.json), checked against their schema as they load."""
    return load_json_resource("output_fr.json")


def first_day_label(d: date) -> str:
    """'1er' for the first of the month, the number for any other day."""
    return output_words()["first_day"] if d.day == 1 else str(d.day)


def _tense_word(tense: Optional[str]) -> Optional[str]:
    return output_words()["tenses"].get(tense or "")


@dataclass(frozen=True)
class DocumentDating:
    """What a reader needs to know about an article's own date to follow an explanation."""

    doc_id: str
    interval: Optional[DateInterval]  # None: the article has no known date
    anchor: Optional[date]  # the day relative expressions were counted from
    line: Optional[str] = None  # the words the date was read from, when they can be found
    run_date: Optional[date] = None  # the day a date guessed from the text could not come after

    @property
    def resolved_by(self) -> Optional[ResolvedBy]:
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
    words = output_words()
    source = words["document_sources"].get(how.value if how else "", words["document_source_unknown"])
    tag = f"({how})"
    if dating.line:
        quoted = _quote(dating.line)
        if how == ResolvedBy.WEEKDAY_DATE and dating.anchor is not None:
            a = dating.anchor
            day = first_day_label(a)
            source = f"déduite de {quoted}"
            tag = f"(weekday-date : l'année où le {day} {MONTHS[a.month - 1]} est un {WEEKDAYS[a.weekday()]})"
        elif how in (ResolvedBy.BYLINE, ResolvedBy.DATELINE):
            source = f"lue dans la ligne {quoted}"
        else:
            source = f"{source}, {quoted}"
    bound = ""
    if dating.run_date is not None and how in GUESSED_FROM_TEXT:
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
        tense = _tense_word(m.tense)
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
        tense = _tense_word(m.tense)
        at = f"au {tense}, " if tense else ""
        return f"pas de date dans la phrase ; {at}le fait prend {article}{result}"
    if how == ResolvedBy.ABSOLUTE:
        several_years = iv.start.year != iv.end.year and iv.precision == "year"
        words_ = output_words()
        what = words_["several_years"] if several_years else words_["precisions"].get(iv.precision, words_["precision_unknown"])
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
    if how == ResolvedBy.ANCHOR:
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


def _reader_tense(m) -> Optional[str]:
    """The tense the date reader used for the date words (what oriented 'mercredi'), as it was kept."""
    reading = getattr(m, "reading", None)
    return reading.tense if reading is not None else None


@lru_cache(maxsize=1)
def _direction_words() -> re.Pattern:
    """'dernier', 'prochaine', 'précédent'... (models/temporal_fr.json, `direction_words`)."""
    return re.compile(rf"\b({alternation(lexicon_raw()['direction_words'])})\b", re.I)


def _direction_word(text: str) -> Optional[str]:
    found = _direction_words().search(text or "")
    return found.group(1).lower() if found else None


def _counts(text: str, way: str) -> bool:
    """The date words count a length of time back ('il y a', 'voilà') or ahead ('dans') of the article."""
    return any(re.search(rf"(?<![\w']){re.escape(w)}(?![\w])", text) for w, points in counting_words().items()
               if points == way)


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
    tense = _tense_word(_reader_tense(m))
    return f"{tense} : {where}" if tense else f"sans temps marqué, le plus proche : {where}"


def _anchored_kind(m, iv: DateInterval, dating: Optional[DocumentDating]) -> str:
    """What kind of relative reading it was: 'il y a ...', a month without its year, a day without it..."""
    text = (m.date_text or "").lower()
    anchor = dating.anchor if dating else None
    if _counts(text, "past"):
        return "en remontant le temps"
    if _counts(text, "future"):
        return "en avançant dans le temps"
    cue = _direction_word(text)
    has_month = any(re.search(rf"\b{mo}\b", text) for mo in MONTHS)
    has_day = re.search(rf"\b(?:{re.escape(output_words()['first_day'])}|[0-3]?\d)\b", text) is not None
    if has_month and not re.search(r"\b\d{4}\b", text):
        if has_day:
            return f"jour et mois sans année : {iv.start.year}, l'année la plus proche de l'article"
        if cue:
            return f'"{cue}" : le mois de {MONTHS[iv.start.month - 1]} {iv.start.year}'
        tense = _tense_word(_reader_tense(m))
        why = f"{tense}, " if tense else ""
        return f"mois sans année : {why}{MONTHS[iv.start.month - 1]} {iv.start.year}"
    if anchor is not None and iv.start == iv.end == anchor:
        return "le jour même de l'article"
    if cue:
        unit = output_words()["periods"].get(iv.precision, output_words()["period_unknown"])
        side = "d'après" if direction(cue) == "future" else "d'avant"
        return f'"{cue}" : {unit} {side}'
    return "relatif à l'article"


# ---------------------------------------------------------------------------------------------
# The article's date as the store kept it

# the article dates whose line or words the store keeps, quoted in the explanation
_QUOTED_SOURCES = frozenset({ResolvedBy.BYLINE, ResolvedBy.DATELINE, ResolvedBy.WEEKDAY_DATE})


def document_dating(doc_id: str, interval: Optional[DateInterval], words: Optional[str] = None,
                    mentions: Iterable = (), run_date: Optional[date] = None,
                    best_day: Optional[date] = None) -> DocumentDating:
    """The article's date with the day relative words were counted from and the words it was read
    from, all as the store kept them: nothing is read again."""
    if interval is None:
        return DocumentDating(doc_id, None, None, run_date=run_date)
    anchor = interval.start if interval.start == interval.end else best_day or _anchor_of_range(mentions)
    line = words if interval.resolved_by in _QUOTED_SOURCES else None
    return DocumentDating(doc_id, interval, anchor, line, run_date)


def _anchor_of_range(mentions: Iterable) -> Optional[date]:
    """Of an article known within days whose store kept no likeliest day: the day its sentences
    dated "at the article's date" carry, when they carry one."""
    for m in mentions:
        if m.date is not None and m.date.resolved_by == ResolvedBy.DOCUMENT_DATE and m.date.start == m.date.end:
            return m.date.start
    return None
