"""The date rules' matches found where they can begin (factx/temporal/scan.py) are exactly those of
`pattern.finditer`: over the team's texts, the samples, every rule's examples, and texts written to
trip the shortcut (case-folded letters IGNORECASE accepts, starts right after punctuation, matches
that run across lines)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from factx.temporal.grammar import rules
from factx.temporal.reader import scanner
from factx.temporal.scan import Scanner

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    out = []
    for name in ("temporal_gold.json", "temporal_heldout.json", "temporal_heldout2.json"):
        path = ROOT / "tests" / "data" / name
        if path.is_file():
            items = json.loads(path.read_text(encoding="utf-8"))
            out += [it["text"] for it in (items["items"] if isinstance(items, dict) else items)]
    for rule in json.loads((ROOT / "models" / "temporal" / "rules.json").read_text(encoding="utf-8"))["rules"]:
        out += [e["sentence"] if isinstance(e, dict) else e for e in rule["examples"] + rule.get("counter_examples", [])]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*")) if p.suffix in (".txt", ".md")]
    return out


TRICKY = ["LE 18 JUIN 2024, MARDI DERNIER", "marſ 2024, lundı 3 mars", "(2019-2020) et 12/05/2023",
          "il y a\ndeux ans, le\n5 mai", "Il Y A 3 ANS", "à partir du 1er janvier", "xle 5 mai", "_le 5 mai",
          "l'an 2000; l’été 2023", "ce  mardi   soir", "-le 3 mai", "du 3\u00a0au 5 juin", "٣ ans", "au XXe siècle",
          "Noël dernier, la Saint-Sylvestre", "14h30, vers midi", ""]


def _plain(text: str) -> list:
    return [(r.name, m.span(), m.groupdict()) for r in rules() for m in r.pattern.finditer(text)]


def _scanned(text: str) -> list:
    scan = scanner()
    folded = scan.fold(text)
    return [(r.name, m.span(), m.groupdict()) for r in rules() for m in scan.finditer(r.pattern, folded, text)]


@pytest.mark.parametrize("text", _texts() + TRICKY)
def test_the_scan_finds_what_finditer_finds(text):
    text = text.replace("’", "'")
    assert _scanned(text) == _plain(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["le ", "Le", "5", "18 ", "juin", "JUIN", "mars", "marſ", "2024", " ", "\n", ",",
                                 "il y a ", "ans", "depuis ", "mardi", "lundı", "-", "/", "(", "l'", "été", "X",
                                 "siècle", "semaine", "dernière", "prochain", "à partir d", "é", "a", "h", "midi"]),
                max_size=30).map("".join))
def test_the_scan_finds_what_finditer_finds_in_any_mix_of_date_words(text):
    assert _scanned(text) == _plain(text)


def test_most_rules_have_a_starter_and_a_rule_that_may_match_anywhere_keeps_its_scan():
    scan = scanner()
    assert sum(s is not None for s in scan.starters.values()) >= len(rules()) - 2
    anywhere = re.compile(r"(?<![\w])(?:\w+)?x", re.IGNORECASE)
    empty = re.compile(r"a*", re.IGNORECASE)
    loose = Scanner([anywhere, empty])
    assert loose.starters == {anywhere: None, empty: None}
    text = "max xylo Taxi"
    assert [m.span() for m in loose.finditer(anywhere, loose.fold(text), text)] == [m.span() for m in anywhere.finditer(text)]
