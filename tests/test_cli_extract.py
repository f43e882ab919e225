"""`factx extract` before and around the pipeline: paths that are not there, and the progress bar
naming what the extract is busy with. The pipeline itself is replaced where it would load the model."""

from __future__ import annotations

import os
from datetime import date
import re

import pytest
from typer.testing import CliRunner

import factx.pipeline as pipeline
from factx.cli import app

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("paths", [["/nonexistent"], ["in", "nulle-part"], ["-", "nulle-part"]])
def test_a_missing_input_path_is_a_usage_error_and_creates_no_store(tmp_path, monkeypatch, paths):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Le conseil municipal s'est réuni mardi.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", *paths, "--db", "x.db"], input="")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = lines(result.stderr)
    assert line.startswith("factx: usage error:") and paths[-1] in line
    assert not (tmp_path / "x.db").exists()


def test_a_broken_link_is_there_and_skipped_like_any_unreadable_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    result = runner.invoke(app, ["extract", "link.txt", "--db", "x.db"])
    assert result.exit_code == 3, result.stderr
    assert any(line.startswith("factx: skipped") and "link.txt" in line for line in lines(result.stderr))


@pytest.fixture
def fake_pipeline(monkeypatch):
    """A run_extract that goes through the phases the real one announces, without the model."""
    calls = []

    def run_extract(paths, store, options, on_progress, on_skip, on_phase):
        calls.append(list(paths))
        on_phase("loading the model", None)
        on_phase("reading", 3)
        for done in range(1, 4):
            on_progress(done, 3, f"doc{done}")
        on_phase("merging", None)
        return pipeline.ExtractReport(stored=["doc1", "doc2", "doc3"], events=2)

    monkeypatch.setattr(pipeline, "run_extract", run_extract)
    return calls


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Le conseil municipal s'est réuni mardi.\n", encoding="utf-8")
    return "a.txt"


def _frames(stderr: str) -> list[str]:
    """Each state of the progress line, as a terminal showed it, without colours."""
    return [ANSI.sub("", frame).strip() for frame in re.split(r"\r\x1b\[2K", stderr)]


def test_the_progress_bar_names_each_phase(fake_pipeline, article):
    terminal = {"TTY_COMPATIBLE": "1", "TERM": "xterm", "COLUMNS": "100", "NO_COLOR": ""}
    result = runner.invoke(app, ["extract", article, "--db", "x.db"], env=terminal)
    assert result.exit_code == 0, result.stderr
    assert fake_pipeline == [[article]]
    frames = _frames(result.stderr)
    loading = [f for f in frames if f.startswith("loading the model")]
    reading = [f for f in frames if f.startswith("reading")]
    merging = [f for f in frames if f.startswith("merging")]
    assert loading and reading and merging, frames
    # while the model loads and while merging, no count stands still ("0/?", "3/3")
    assert not any(re.search(r"\d+/[\d?]", f) for f in loading + merging), loading + merging
    assert any(re.search(r"\b[0-3]/3\b", f) for f in reading), reading
    assert "3 stored" in result.stderr


@pytest.mark.parametrize("env, args", [({}, []), ({"TTY_COMPATIBLE": "1", "TERM": "xterm"}, ["--quiet"])],
                         ids=["not a terminal", "quiet"])
def test_no_progress_bar_without_a_terminal_or_with_quiet(fake_pipeline, article, env, args):
    result = runner.invoke(app, ["extract", article, "--db", "x.db", *args], env=env)
    assert result.exit_code == 0
    assert "\x1b[" not in result.stderr
    assert not any(phase in result.stderr for phase in ("loading the model", "reading", "merging"))


def test_run_date_bounds_the_guessed_article_date_and_must_be_a_day(tmp_path, reuse_model):
    from factx.store import Store

    (tmp_path / "a.txt").write_text("Le festival de Valbourg ouvrira ses portes ce mardi 18 juin avec un concert.\n"
                                    "La maire, Claire Fontaine, a promis une édition plus longue.", encoding="utf-8")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--db", str(db), "--run-date", "2024-01-01"])
    assert result.exit_code == 0, result.stderr
    with Store.open(db, create=False) as store:
        (doc,) = store.documents()
    assert doc.run_date == date(2024, 1, 1) and doc.date.end == date(2019, 6, 18)
    wide = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--db", str(tmp_path / "y.db"),
                                    "--run-date", "2024-06"])
    assert wide.exit_code == 2 and "names more than one day" in wide.stderr
    assert not (tmp_path / "y.db").exists()


def test_a_missing_gazetteer_file_is_a_usage_error_and_creates_no_store(tmp_path):
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"),
                                      "--actors", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "--actors: no such file or folder" in result.stderr
    assert not (tmp_path / "x.db").exists()
