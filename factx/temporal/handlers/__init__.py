"""The handlers: what a rule's match means. A rule of models/temporal/rules.json names its handler, and
the handler computes the TIMEX3 value and the days (HeidelTime's value templates, kept as Python
because a value is often a computation: the year a weekday falls in, the days of 'il y a six mois').

A handler takes the context and the match and returns a TemporalExpression, a list of them, or None
when the words turn out not to be a date ('rue du 8-Mai-1945', 'de Mars à Vénus'). It asks anchoring.py
for every year, century and weekday the words leave open.
"""

from __future__ import annotations

from typing import Callable

HANDLERS: dict[str, Callable] = {}


def handler(fn: Callable) -> Callable:
    """Register `_h_name` as the handler called `name` in the rules file."""
    HANDLERS[fn.__name__.removeprefix("_h_")] = fn
    return fn


from . import days, durations, holidays, periods, relative  # noqa: E402,F401  (each registers its handlers)
