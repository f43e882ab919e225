"""Dates: find French temporal expressions and resolve them to intervals of calendar days.

Everything here is pure: text and an anchor date in, records out. No spaCy, no I/O beyond the data
files read once (models/temporal_fr.json, models/temporal/). The grammar is data: named pattern pieces
and rules with their examples (grammar.py compiles them); handlers compute the values; anchoring.py
settles what the words leave open against the article's date and the tense, which the caller gives or
tense.py reads from the words around each expression.

    intervals.py      the records (DateInterval, TemporalExpression, DocumentDate) and calendar arithmetic
    lexicon.py        the data files (checked against their schemas as they load) and their tables
    grammar.py        pieces + rules -> compiled rules, once per process
    scan.py           each rule run only where a match can begin (the same matches, a fraction of the time)
    handlers/         what each rule's match means (values and days)
    context.py        what handlers share: the context, the record, 'depuis' / 'dès' / 'd'ici'
    anchoring.py      centuries, weekdays, the year of a month or day, spans counted from the anchor
    tense.py          which way an expression points when the caller gives no tense
    reader.py         find_temporal_expressions
    references.py     its passes over the expressions found (reference days, frames, coordination)
    document_date.py  the article's own date
    user_dates.py     dates typed by a person
"""

from .anchoring import full_year
from .document_date import (anchors_placing, document_date_from_metadata, document_date_given, infer_document_date,
                            resolve_document_date)
from .intervals import PRECISIONS, DateInterval, DocumentDate, TemporalExpression, period_counted_from
from .provenance import GUESSED_FROM_TEXT, Reading, ResolvedBy
from .lexicon import byline_pattern, month_names, parse_french_number, time_nouns, weekday_names
from .reader import date_words_at, dated_expressions, find_temporal_expressions, month_and_day_of, resolve_relative_date
from .tense import guess_tense
from .user_dates import parse_user_date

__all__ = [
    "GUESSED_FROM_TEXT", "PRECISIONS", "DateInterval", "DocumentDate", "Reading", "ResolvedBy", "TemporalExpression", "anchors_placing", "byline_pattern", "date_words_at",
    "dated_expressions", "document_date_from_metadata", "document_date_given", "find_temporal_expressions",
    "full_year", "guess_tense", "infer_document_date", "month_and_day_of", "parse_french_number",
    "month_names", "parse_user_date", "period_counted_from", "resolve_document_date", "resolve_relative_date", "time_nouns",
    "weekday_names",
]
