"""One anchoring step and one tense fallback: what the words leave open (the century of two figures,
which Monday 'lundi' is, which year 'en mars' falls in) is settled in factx/temporal/anchoring.py
alone, and the text-only tense guesser runs only when the caller gives no tense."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest

from factx.temporal import anchoring, find_temporal_expressions, tense

ROOT = Path(__file__).resolve().parent.parent
D = date.fromisoformat
THU = D("2024-06-20")


@pytest.mark.parametrize("tense_, rel, expected", [
    ("past", None, "2024-06-17"), ("future", None, "2024-06-24"), (None, None, "2024-06-17"),
    ("past", "dernier", "2024-06-17"), ("future", "prochain", "2024-06-24"),
])
def test_which_monday(tense_, rel, expected):
    assert anchoring.weekday_near(THU, 0, tense_, rel) == D(expected)


def test_dernier_and_prochain_said_on_that_weekday_are_a_week_away():
    assert anchoring.weekday_near(THU, 3, "past") == THU
    assert anchoring.weekday_near(THU, 3, "past", "dernier") == D("2024-06-13")
    assert anchoring.weekday_near(THU, 3, "future", "prochain") == D("2024-06-27")


def test_days_to_the_next_weekday():
    assert [anchoring.days_to_weekday(1, wd) for wd in range(7)] == [6, 7, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("digits, anchor, year", [("50", THU, 1950), ("26", THU, 2026), ("28", THU, 2028),
                                                  ("29", THU, 1929), ("2003", THU, 2003), ("03", None, 2003)])
def test_a_year_as_written(digits, anchor, year):
    assert anchoring.year_written(digits, anchor) == year


def test_the_weekday_fixes_the_year_of_a_day_and_month():
    assert anchoring.year_of_weekday_date(THU, 6, 18, 1) == 2024  # mardi 18 juin
    assert anchoring.year_of_weekday_date(THU, 6, 18, 6) == 2023  # dimanche 18 juin
    assert anchoring.year_of_weekday_date(THU, 6, 18, 4) is None  # vendredi 18 juin: 2021, too far


def test_the_nearest_span_on_the_side_of_the_tense():
    spans = [(D(f"{y}-09-01"), D(f"{y}-09-10")) for y in (2023, 2024, 2025)]
    assert anchoring.nearest_span(THU, spans, "past") == spans[0]
    assert anchoring.nearest_span(THU, spans, "future") == spans[1]
    assert anchoring.nearest_span(THU, spans, None) == spans[1]
    assert anchoring.nearest_span(D("2024-09-05"), spans, "past", strict=True) == spans[0]
    assert anchoring.nearest_span(D("2024-09-05"), spans, "future", strict=True) == spans[2]


def _handler_functions():
    for path in sorted((ROOT / "factx" / "temporal" / "handlers").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name != "_easter":  # Easter's own arithmetic
                yield path.name, node


def test_no_handler_computes_a_century_or_a_weekday_direction_itself():
    found = []
    for file, fn in _handler_functions():
        for node in ast.walk(fn):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.right, ast.Constant) \
                    and node.right.value in (7, 100):
                found.append((file, fn.name, f"% {node.right.value}"))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "weekday" \
                    and not node.args:
                found.append((file, fn.name, ".weekday()"))
            if isinstance(node, ast.Name) and node.id == "guess_tense":
                found.append((file, fn.name, "guess_tense"))
    assert found == []


def test_the_text_only_guesser_runs_only_without_a_given_tense(monkeypatch):
    items = json.loads((ROOT / "tests" / "data" / "temporal_gold.json").read_text(encoding="utf-8"))
    items = items["items"] if isinstance(items, dict) else items
    calls = []
    real = tense.guess_tense
    monkeypatch.setattr(tense, "guess_tense", lambda *a: calls.append(a) or real(*a))
    for item in items:
        find_temporal_expressions(item["text"], D(item["dct"]), "past")
        find_temporal_expressions(item["text"], D(item["dct"]), "future")
    assert calls == []
    for item in items[:20]:
        find_temporal_expressions(item["text"], D(item["dct"]))
    assert calls  # without a tense, the words say it
