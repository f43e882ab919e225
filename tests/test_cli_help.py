"""--help names what each option takes (DATE, FILE, N...) and shows flags as flags, never typer's
Python types ("<bool>", "paths... <list[str]>") or click's ("TEXT", "INTEGER")."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from factx.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)
# what typer (0.29: "<bool>", "<list[str]>", "<int range> [x>=1]") and click ("TEXT", "INTEGER") print
# when an option or argument has no metavar
RAW_TYPES = ("<bool>", "<list", "<int", "<str>", "<path>", "<Path", "TEXT", "INTEGER", "BOOLEAN", "[x>=1]")


def _help(*command: str) -> str:
    # wide, so that no option line is wrapped and each value name sits on its option's line
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200", "TERMINAL_WIDTH": "200"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS], ids=["factx"] + COMMANDS)
def test_help_shows_value_names_not_types(command):
    text = _help(*command)
    for raw in RAW_TYPES:
        assert raw not in text, f"factx {' '.join(command)} --help shows {raw!r}"


def _option_line(text: str, option: str) -> str:
    [line] = [line for line in text.splitlines() if re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", line)
              and line.lstrip("│ ").startswith(("-", "*"))]
    return line


@pytest.mark.parametrize("command, option, value", [
    ("extract", "PATH...", None), ("extract", "--db", "FILE"), ("extract", "--model", "MODEL"),
    ("extract", "--actors", "FILE"), ("extract", "--dct", "DATE"), ("extract", "--workers", "N"),
    ("timeline", "--actor", "NAME"), ("timeline", "--place", "NAME"), ("timeline", "--since", "DATE"),
    ("timeline", "--until", "DATE"), ("timeline", "--min-sources", "N"), ("timeline", "--output", "FILE"),
    ("timeline", "--title", "TITLE"), ("show", "EVENT_ID...", None), ("dates", "FILE", None),
    ("dates", "--dct", "DATE"),
])
def test_options_that_take_a_value_name_it(command, option, value):
    line = _option_line(_help(command), option)
    if value is not None:
        assert re.search(rf"{re.escape(option)}\s+(?:-\w\s+)?{re.escape(value)}\s", line), line


@pytest.mark.parametrize("command, flag", [
    ("extract", "--force"), ("extract", "--quiet"), ("timeline", "--json"), ("timeline", "--explain"),
    ("show", "--json"), ("actors", "--all"), ("dates", "--jsonl"), ("actors", "--help"),
])
def test_flags_show_no_value(command, flag):
    line = _option_line(_help(command), flag)
    after = line.split(flag, 1)[1]
    # what follows the flag (and its short form) is its help text, not a value name
    assert re.match(r"\s+(?:-\w\s+)?[A-Z][a-z]", after), line


def test_the_usage_line_names_the_arguments():
    assert re.search(r"Usage: factx extract \[OPTIONS\] PATH\.\.\.\s", _help("extract"))
    assert re.search(r"Usage: factx show \[OPTIONS\] EVENT_ID\.\.\.\s", _help("show"))
    assert re.search(r"Usage: factx dates \[OPTIONS\] FILE\s", _help("dates"))


@pytest.mark.parametrize("args", [["timeline", "--min-sources", "0"], ["extract", "x", "--workers", "0"]])
def test_a_count_below_one_is_a_usage_error_in_one_line(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("factx: usage error:") and args[-2] in line
    assert not (tmp_path / "factx.db").exists()
