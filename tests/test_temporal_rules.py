"""The date grammar as data (models/temporal/): every rule reads its examples and refuses its
counter-examples, the data files meet their schemas, and a broken file is refused with its name and
the field at fault.

The examples are parametrized over the data file: a rule added there is tested here with no change.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from factx.errors import DataFileError
from factx.temporal import find_temporal_expressions
from factx.temporal import document_date, grammar, lexicon, references, tense
from factx.temporal.handlers import HANDLERS, durations, periods, relative
from factx.validation import check

ROOT = Path(__file__).resolve().parent.parent
RULES = json.loads((ROOT / "models" / "temporal" / "rules.json").read_text(encoding="utf-8"))["rules"]
PIECES = json.loads((ROOT / "models" / "temporal" / "pieces.json").read_text(encoding="utf-8"))["pieces"]
DATA_FILES = [("temporal_rules.schema.json", "models/temporal/rules.json"),
              ("temporal_pieces.schema.json", "models/temporal/pieces.json"),
              ("temporal_lexicon.schema.json", "models/temporal_fr.json")]


def _anchor(example: dict):
    return date.fromisoformat(example["anchor"]) if example["anchor"] else None


EXAMPLES = [pytest.param(rule["name"], example, id=f"{rule['name']}-{i}")
            for rule in RULES for i, example in enumerate(rule["examples"])]
COUNTER_EXAMPLES = [pytest.param(rule["name"], example, id=f"{rule['name']}-not-{i}")
                    for rule in RULES for i, example in enumerate(rule.get("counter_examples", []))]


@pytest.mark.parametrize("rule_name, example", EXAMPLES)
def test_every_rule_reads_its_examples(rule_name, example):
    found = find_temporal_expressions(example["sentence"], _anchor(example), example.get("tense"))
    same_words = [e for e in found if e.text == example["words"]]
    assert same_words, f"{example['words']!r} not found in {example['sentence']!r}: {[(e.text, e.rule) for e in found]}"
    expr = same_words[0]
    assert expr.rule == rule_name
    assert expr.value == example["value"]
    assert expr.timex_type == example.get("type", "DATE")
    if "interval" in example:
        days = [expr.interval.start.isoformat(), expr.interval.end.isoformat()] if expr.interval else None
        assert days == example["interval"]


@pytest.mark.parametrize("rule_name, example", COUNTER_EXAMPLES)
def test_no_rule_reads_its_counter_examples(rule_name, example):
    assert example["words"] in example["sentence"]
    found = find_temporal_expressions(example["sentence"], _anchor(example))
    wrong = [e for e in found if e.rule == rule_name and example["words"] in e.text and e.is_date]
    assert wrong == []


def test_every_rule_has_an_example_and_rules_are_in_the_compiled_grammar():
    assert [r.name for r in grammar.rules()] == [r["name"] for r in RULES]
    assert all(rule["examples"] for rule in RULES)


def test_every_handler_and_every_piece_is_used():
    assert {rule["handler"] for rule in RULES} == set(HANDLERS)
    used = set()
    texts = [("".join(r["pattern"]) if isinstance(r["pattern"], list) else r["pattern"]) for r in RULES]
    texts += [("".join(p["regex"]) if isinstance(p["regex"], list) else p["regex"]) for p in PIECES.values() if "regex" in p]
    for text in texts:
        used.update(re.findall(r"\{([A-Z][A-Z0-9_]*)(?::\w+)?\}", text))
    # pieces the code compiles on their own, or builds patterns around
    used |= {"PLACE_NAME", "WEEKDAY_DATE", "MONTH_AND_DAY", "DAY", "YEAR_DIGITS", "WEEKDAY", "MONTH", "OF", "PART", "SEASON"}
    assert set(PIECES) - used == set()


def test_a_piece_is_defined_once_and_rules_use_pieces_for_days_and_years():
    for rule in RULES:
        text = "".join(rule["pattern"]) if isinstance(rule["pattern"], list) else rule["pattern"]
        assert "[12]\\d|3[01]" not in text, rule["name"]  # the day is DAY_DIGITS / DAY
        assert "1[6-9]\\d\\d" not in text and "1[5-9]\\d\\d" not in text, rule["name"]  # the year is YEAR


@pytest.mark.parametrize("schema, path", DATA_FILES)
def test_data_files_meet_their_schema(schema, path):
    schema_doc = json.loads((ROOT / "factx" / "schemas" / schema).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema_doc)
    document = json.loads((ROOT / path).read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft202012Validator(schema_doc).iter_errors(document)] == []
    check(document, schema, path)  # the loader's own check agrees


def _broken_rules():
    def drop_examples(d):
        d["rules"][3]["examples"] = []

    def bad_priority(d):
        d["rules"][0]["priority"] = "high"

    def unknown_field(d):
        d["rules"][1]["handlr"] = "x"

    def bad_anchor(d):
        d["rules"][2]["examples"][0]["anchor"] = "20/06/2024"

    def no_pattern(d):
        del d["rules"][5]["pattern"]

    return [(drop_examples, "rules[3].examples"), (bad_priority, "rules[0].priority"), (unknown_field, "rules[1].handlr"),
            (bad_anchor, "rules[2].examples[0].anchor"), (no_pattern, "rules[5].pattern")]


@pytest.mark.parametrize("breaks, field", _broken_rules(), ids=lambda x: x if isinstance(x, str) else x.__name__)
def test_a_broken_rules_file_is_refused_naming_the_field(breaks, field):
    document = json.loads((ROOT / "models" / "temporal" / "rules.json").read_text(encoding="utf-8"))
    breaks(document)
    schema_doc = json.loads((ROOT / "factx" / "schemas" / "temporal_rules.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema_doc).iter_errors(document))  # jsonschema refuses it too
    with pytest.raises(DataFileError, match=re.escape(f"models/temporal/rules.json: {field}")):
        check(document, "temporal_rules.schema.json", "models/temporal/rules.json")


CACHES = [lexicon.lexicon_raw, lexicon.pieces_data, lexicon.rules_data, lexicon.lexicon, lexicon.holidays,
          lexicon.anaphoric_directions, grammar._expanded_pieces, grammar.piece, grammar.compiled_piece, grammar.rules,
          references._anaphoric, tense._future_verb, tense._future_cue, tense._not_future_verbs, tense._announced,
          tense._past_plan_before, tense._past_verb_pattern, tense._participle_before, tense._irregular_participle_before,
          tense._not_a_past_act, lexicon.words_regex, lexicon.span_reading, lexicon.latest_form, references._patterns,
          durations._patterns, periods._year_part, periods._season_habit, relative._clock_ends, document_date._this_day]


def forget_compiled() -> None:
    """Forget every list, pattern and grammar compiled from the data files."""
    for cached in CACHES:
        cached.cache_clear()


@pytest.fixture
def data_files(monkeypatch):
    """Replace what the loaders read with copies to break, and forget every compiled grammar."""
    from factx import resources

    real = resources.load_json_resource
    copies = {name: copy.deepcopy(real(name)) for name in (lexicon.RULES_FILE, lexicon.PIECES_FILE, lexicon.LEXICON_FILE)}
    from factx.validation import check

    def load_copy(name):
        check(copies[name], resources.schema_of(name), f"models/{name}")  # as resources.load_json_resource does
        return copies[name]

    monkeypatch.setattr(lexicon, "load_json_resource", load_copy)
    forget_compiled()
    yield copies
    forget_compiled()


def test_an_unknown_handler_is_refused(data_files):
    data_files[lexicon.RULES_FILE]["rules"][4]["handler"] = "no_such_handler"
    with pytest.raises(DataFileError, match=r"rules\.json: rules\[4\] \(full_date\)\.handler: no handler 'no_such_handler'"):
        grammar.rules()


def test_an_unknown_piece_is_refused(data_files):
    data_files[lexicon.RULES_FILE]["rules"][6]["pattern"] = "{START}{NO_SUCH_PIECE}"
    with pytest.raises(DataFileError, match=r"rules\.json: rules\[6\] \(iso_date\)\.pattern: unknown piece \{NO_SUCH_PIECE\}"):
        grammar.rules()


def test_a_pattern_that_does_not_compile_is_refused(data_files):
    data_files[lexicon.RULES_FILE]["rules"][0]["pattern"] = "{START}(?P<core>du"
    with pytest.raises(DataFileError, match=r"rules\[0\] \(day_range\)\.pattern: does not compile"):
        grammar.rules()


def test_a_loop_of_pieces_is_refused(data_files):
    data_files[lexicon.PIECES_FILE]["pieces"]["DAY_DIGITS"]["regex"] = "{DAY_OR_PREMIER}"
    with pytest.raises(DataFileError, match=r"pieces\.json: pieces\.\w+: refers to itself"):
        grammar.rules()


def test_a_piece_must_declare_its_groups(data_files):
    data_files[lexicon.PIECES_FILE]["pieces"]["PREP"]["groups"] = []
    with pytest.raises(DataFileError, match=r"pieces\.json: pieces\.PREP\.groups"):
        grammar.rules()


def test_a_words_piece_must_name_a_table_of_the_lexicon(data_files):
    data_files[lexicon.PIECES_FILE]["pieces"]["MONTH"]["words"] = ["monthz"]
    with pytest.raises(DataFileError, match=r"pieces\.json: pieces\.MONTH\.words: 'monthz'"):
        grammar.rules()


def test_a_lexicon_without_a_table_is_refused_at_load(data_files):
    del data_files[lexicon.LEXICON_FILE]["weekdays"]
    with pytest.raises(DataFileError, match=r"temporal_fr\.json: weekdays: missing"):
        lexicon.lexicon()


def test_a_rule_changed_in_the_data_changes_the_reading(data_files):
    """A date rule is changed in one place: the data file."""
    month = next(r for r in data_files[lexicon.RULES_FILE]["rules"] if r["name"] == "month")
    month["pattern"] = month["pattern"].replace("(?:en|au|courant)", "(?:en|au|courant|vers)")
    [expr] = find_temporal_expressions("La récolte commencera vers septembre.", date(2024, 6, 20))
    assert (expr.text, expr.value, expr.rule) == ("septembre", "2024-09", "month")


@pytest.mark.parametrize("pattern, expected", [
    ("{ALT}", "a|b"),                      # a whole pattern
    ("x(?:{ALT}|c)", "x(?:a|b|c)"),        # a whole alternative
    ("x{ALT}y", "x(?:a|b)y"),              # inside a sequence, an alternation keeps its group
    ("{ALT}?", "(?:a|b)?"),
    ("x{SEQ}y", "xa+y"),                   # a piece without '|' of its own goes in as it is
    ("x{SEQ}?", "x(?:a+)?"),               # unless a quantifier follows
    ("x{SEQ}{2}", "x(?:a+){2}"),
    ("{SEQ}{ALT}", "a+(?:a|b)"),           # '{' of a reference is no quantifier
    ("{ALT:g}", "(?P<g>a|b)"),
    ("(?:{CLASS}|z)", "(?:[|]|z)"),        # a '|' in a character class is no alternation
])
def test_pieces_go_in_without_needless_groups(pattern, expected):
    bodies = {"ALT": "a|b", "SEQ": "a+", "CLASS": "[|]"}
    assert grammar.substitute(pattern, "f", (), lambda name, field, stack: bodies[name]) == expected


# -- the date reader's word lists (models/temporal_fr.json) ---------------------------------------

LEXICON = json.loads((ROOT / "models" / "temporal_fr.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(LEXICON["tense_words"]))
def test_each_tense_word_list_reads_its_example(name):
    entry = LEXICON["tense_words"][name]
    example = entry["example"]
    start = example["sentence"].index(example["date"])
    assert any(word in example["sentence"].lower() for word in entry["words"]), name
    assert tense.guess_tense(example["sentence"], start, start + len(example["date"])) == example["tense"]


@pytest.mark.parametrize("name, word, sentence, before, after", [
    ("future_forms", "ira", "Le président ira à Moscou mardi.", "future", None),
    ("not_future_verbs", "opéra", "L'opéra rouvre ses portes mardi.", None, "future"),
    ("future_cue_words", "s'apprête", "Le gouvernement s'apprête à publier le décret mardi.", "future", None),
    ("announced_participles", "annoncé", "Le concert annoncé le 30 juin se tient en plein air.", None, "past"),
])
def test_a_tense_word_taken_out_of_the_data_changes_the_guess(data_files, name, word, sentence, before, after):
    """The tense guesser's words are read from the data file only."""
    words = data_files[lexicon.LEXICON_FILE]["tense_words"][name]["words"]
    date_words = "30 juin" if "30 juin" in sentence else "mardi"
    start = sentence.index(date_words)
    assert tense.guess_tense(sentence, start, start + len(date_words)) == before
    words.remove(word)
    for cached in (tense._future_verb, tense._future_cue, tense._not_future_verbs, tense._announced):
        cached.cache_clear()
    assert tense.guess_tense(sentence, start, start + len(date_words)) == after


@pytest.mark.parametrize("word", sorted(LEXICON["day_words"]))
def test_each_day_word_is_read_as_its_day(word):
    entry = LEXICON["day_words"][word]
    assert lexicon.day_number(word) == lexicon.day_number(word.upper()) == entry["day"] and word in entry["example"]
    assert re.fullmatch(grammar.piece("DAY_OR_PREMIER"), word, re.I)
    [expr] = find_temporal_expressions(f"Il est arrivé {entry['example']}.", date(2024, 6, 20))
    assert expr.text == entry["example"] and expr.interval.start.day == entry["day"]
    assert lexicon.day_number("07") == 7


def test_anaphoric_direction_words_count_from_the_date_named_before():
    words = lexicon.anaphoric_directions()
    assert {"précédent", "précédente", "suivant", "suivante"} <= set(words)
    assert all(lexicon.direction(w) for w in words) and "dernier" not in words and "prochaine" not in words
    found = find_temporal_expressions("Le sommet s'est ouvert le 3 mars 2020. La semaine suivante, les ministres se "
                                      "sont revus ; l'année précédente, ils ne s'étaient pas vus.", date(2024, 6, 20))
    assert [(e.text, e.value) for e in found] == [("le 3 mars 2020", "2020-03-03"), ("La semaine suivante", "2020-W11"),
                                                  ("l'année précédente", "2019")]


def test_a_direction_word_marked_anaphoric_in_the_data_is_counted_from_the_date_before(data_files):
    text = "Le sommet s'est ouvert le 3 mars 2020. La semaine suivante, les ministres se sont revus."
    data_files[lexicon.LEXICON_FILE]["direction_words"]["suivante"]["anaphoric"] = False
    assert find_temporal_expressions(text, date(2024, 6, 20))[1].value == "2024-W26"  # from the article's date


def test_a_tense_word_list_without_its_example_is_refused(data_files):
    del data_files[lexicon.LEXICON_FILE]["tense_words"]["future_forms"]["example"]
    with pytest.raises(DataFileError, match=r"temporal_fr\.json: tense_words\.future_forms\.example: missing"):
        lexicon.lexicon()


# -- the word lists of the handlers and passes, the span prepositions and the parts of periods -------

def _reads(example: dict) -> None:
    """The reader finds example['words'] in its sentence with its value (None: finds no date there)."""
    found = find_temporal_expressions(example["sentence"], _anchor(example), example.get("tense"))
    same_words = [e for e in found if e.text == example["words"]]
    if example["value"] is None:
        assert example["words"] in example["sentence"] and not same_words, [(e.text, e.value) for e in found]
        return
    assert same_words, f"{example['words']!r} not found in {example['sentence']!r}: {[(e.text, e.rule) for e in found]}"
    expr = same_words[0]
    assert (expr.value, expr.timex_type) == (example["value"], example.get("type", "DATE"))
    if "interval" in example:
        assert [expr.interval.start.isoformat(), expr.interval.end.isoformat()] == example["interval"]


@pytest.mark.parametrize("name", sorted(LEXICON["reader_words"]))
def test_each_reader_word_list_reads_its_example(name):
    entry = LEXICON["reader_words"][name]
    example = entry["example"]
    if "number" in example:
        assert any(w in example["number_text"] for w in entry["words"])
        assert lexicon.parse_french_number(example["number_text"]) == example["number"]
        return
    assert any(w in example["sentence"].lower() for w in entry["words"]), name
    _reads(example)


@pytest.mark.parametrize("word", sorted(LEXICON["span_prepositions"]))
def test_each_span_preposition_reads_its_example(word):
    example = LEXICON["span_prepositions"][word]["example"]
    assert word in example["sentence"].lower()
    _reads(example)


@pytest.mark.parametrize("word", sorted(LEXICON["period_parts"]))
def test_each_part_of_a_period_reads_its_example(word):
    example = LEXICON["period_parts"][word]["example"]
    assert word in example["words"].lower()
    _reads(example)


@pytest.mark.parametrize("name, word, sentence, words, before, after", [
    ("coordinators", "et", "Les grèves auront lieu ce mardi 18 juin et mercredi.", "mercredi", None, "2024-06-26"),
    ("adjective_determiners", "le", "Il a lu le quotidien hier.", "quotidien", None, "P1D"),
    ("habit_determiners", "chaque", "Le marché se tient chaque jeudi.", "chaque jeudi", "XXXX-WXX-4", "2024-06-20"),
])
def test_a_reader_word_taken_out_of_the_data_changes_the_reading(data_files, name, word, sentence, words, before, after):
    """The handlers' words are read from the data file only."""
    def value():
        return next((e.value for e in find_temporal_expressions(sentence, date(2024, 6, 20)) if e.text == words), None)

    assert value() == before
    data_files[lexicon.LEXICON_FILE]["reader_words"][name]["words"].remove(word)
    forget_compiled()
    assert value() == after


def test_a_reader_word_list_without_its_example_is_refused(data_files):
    del data_files[lexicon.LEXICON_FILE]["reader_words"]["coordinators"]["example"]
    with pytest.raises(DataFileError, match=r"temporal_fr\.json: reader_words\.coordinators\.example: missing"):
        lexicon.lexicon()
