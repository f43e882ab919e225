"""A reader that stops early (`factx show ID... | head -1`) is no error for any command: exit code 0
and nothing on stderr, with real processes and real pipes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factx.cli import app

PIPE_BUFFER = 64 * 1024  # what a Linux pipe holds before the writer waits for its reader


def _factx(*args: str, stdin=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "factx.cli", *args], stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _finish(producer: subprocess.Popen) -> tuple[int, str]:
    stderr = producer.stderr.read().decode()
    producer.stderr.close()
    return producer.wait(timeout=120), stderr


def _read_one_line_and_close(producer: subprocess.Popen) -> bytes:
    """What `| head -1` does: read a line, then close the pipe while the producer still writes."""
    line = producer.stdout.readline()
    producer.stdout.close()
    return line


@pytest.fixture(scope="module")
def event_ids(samples_db) -> list[str]:
    result = CliRunner().invoke(app, ["timeline", "--db", str(samples_db), "--jsonl"])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def test_show_many_ids_into_head(samples_db, event_ids):
    full = CliRunner().invoke(app, ["show", *event_ids, "--db", str(samples_db)]).stdout
    assert len(full.encode()) > PIPE_BUFFER, "the output must outgrow the pipe, or the reader stops too late"
    producer = _factx("show", *event_ids, "--db", str(samples_db))
    assert _read_one_line_and_close(producer).startswith(b"ev_")
    code, stderr = _finish(producer)
    assert (code, stderr) == (0, "")


def test_show_ids_from_stdin_into_head(samples_db, event_ids, tmp_path):
    ids = tmp_path / "ids"
    ids.write_text("\n".join(event_ids) + "\n", encoding="utf-8")
    with open(ids, "rb") as stdin:
        producer = _factx("show", "-", "--db", str(samples_db), stdin=stdin)
        assert _read_one_line_and_close(producer).startswith(b"ev_")
        code, stderr = _finish(producer)
    assert (code, stderr) == (0, "")


@pytest.fixture(scope="module")
def long_text(tmp_path_factory):
    """A text whose table of dates outgrows a pipe."""
    path = tmp_path_factory.mktemp("dates") / "long.txt"
    path.write_text("Le conseil s'est réuni le 3 mars 2024, puis mardi, et de nouveau en avril dernier.\n" * 400,
                    encoding="utf-8")
    return path


COMMANDS = [["timeline"], ["timeline", "--explain"], ["timeline", "--csv"], ["actors"], ["actors", "--all"],
            ["actors", "--json"], ["show", "FIRST"], ["show", "FIRST", "--json"], ["dates", "LONG"]]


def test_a_pipe_closed_before_any_output_is_not_an_error(samples_db, event_ids, long_text):
    """The reader is gone before the first write (Python takes far longer to start than the reader
    to close), so every command meets the closed pipe however short its output. The commands run
    side by side: the test takes the time of one."""
    producers = {}
    for args in COMMANDS:
        argv = [event_ids[0] if a == "FIRST" else str(long_text) if a == "LONG" else a for a in args]
        if args[0] != "dates":
            argv += ["--db", str(samples_db)]
        producers[" ".join(args)] = producer = _factx(*argv)
        producer.stdout.close()
    outcomes = {command: _finish(producer) for command, producer in producers.items()}
    assert {command: outcome for command, outcome in outcomes.items() if outcome != (0, "")} == {}
