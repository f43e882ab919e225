"""`factx dates FILE` without --dct counts relative dates from the article's own date, read as
`factx extract` reads it (here its byline), and its spans stay offsets into the file."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from factx.cli import app

runner = CliRunner()

# invented: the byline is page junk extract removes, and the date it reads the article by
ARTICLE = (
    "LE COURRIER DES TILLEULS\n"
    "Publié le 20 juin 2024 à 07h45\n"
    "\n"
    "Le conseil communautaire de Sarvignac a adopté mardi le plan de rénovation des écoles, après deux heures "
    "de débat. Les premiers chantiers doivent commencer pendant les vacances d'été, selon la vice-présidente "
    "chargée de l'éducation.\n"
    "\n"
    "Les parents d'élèves, reçus la semaine dernière, ont salué un calendrier enfin précis.\n"
)


def _row(stdout: str, words: str) -> list[str]:
    """The cells of the table row for these words (the table is wide enough not to wrap them)."""
    [line] = [line for line in stdout.splitlines() if f" {words} " in line]
    return [cell.strip() for cell in re.split(r"[│|]", line)[1:-1]]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "ecoles.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_weekday_is_counted_from_the_byline(article):
    result = runner.invoke(app, ["dates", str(article)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    span, text, kind, value, edtf, resolved_by = _row(result.stdout, "mardi")
    assert (kind, value, edtf, resolved_by) == ("DATE", "2024-06-18", "2024-06-18", "weekday")
    start = ARTICLE.index("mardi")
    assert span == f"{start}-{start + len('mardi')}"  # an offset into the file, byline and all


def test_the_same_from_stdin(article):
    result = runner.invoke(app, ["dates", "-"], input=ARTICLE, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    assert _row(result.stdout, "mardi")[3] == "2024-06-18"


def test_dct_still_wins(article):
    result = runner.invoke(app, ["dates", str(article), "--dct", "2024-07-05"], env={"COLUMNS": "160"})
    assert _row(result.stdout, "mardi")[3] == "2024-07-02"


def test_a_text_with_no_date_of_its_own_leaves_a_weekday_unresolved(tmp_path):
    path = tmp_path / "sans-date.txt"
    path.write_text("Le conseil communautaire de Sarvignac a adopté mardi le plan de rénovation des écoles, après "
                    "deux heures de débat et un vote à main levée.\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    assert _row(result.stdout, "mardi")[4] == "—"
