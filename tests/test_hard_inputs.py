"""Hard inputs (issue 4, item 5): each is handled with one clear line, no traceback, nothing lost.

Each test is named after the input it throws at factx. Where the user would meet the input through
the command line, the test runs the real CLI (typer's CliRunner, or the installed `factx` script in
a subprocess) and checks the exit code, one line on stderr naming the file and the reason, no
"Traceback" anywhere, and that the store still holds what it held before.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

import factx.ingest as ingest
from factx.cli import app
from factx.ingest import Article, Rejected, Source, decode_bytes, discover_sources, load_article
from factx.temporal import find_temporal_expressions, infer_document_date, parse_user_date, resolve_document_date

ROOT = Path(__file__).resolve().parent.parent
FACTX = Path(sys.executable).parent / "factx"

runner = CliRunner()

BRIDGE = (
    "LA VOIX DU CANAL\n"
    "Publié le 14 mars 2023 à 08h30\n\n"
    "Le maire de Valbourg inaugure le nouveau pont\n\n"
    "La maire de Valbourg, Claire Fontaine, a inauguré mardi le nouveau pont sur le canal, en présence des "
    "habitants du quartier. Les travaux avaient commencé en septembre 2021 et ont coûté près de quatre millions "
    "d'euros à la commune.\n"
)
ROAD = (
    "L'ÉCHO DES VALLÉES\n"
    "Publié le 16 mars 2023\n\n"
    "La préfecture a annoncé jeudi la fermeture de la route départementale pendant trois semaines. Les travaux de "
    "réfection débuteront le 3 avril 2023, selon le conseil départemental.\n"
)
POOL = (
    "LE PETIT BASSIN\n"
    "Publié le 20 mars 2023\n\n"
    "Le conseil municipal a décidé lundi de fermer la piscine municipale jusqu'en septembre 2023. La maire, "
    "Claire Fontaine, a promis une réouverture avant la rentrée scolaire.\n"
)
PARAGRAPH = ("Le maire de Valbourg a inauguré mardi le nouveau pont sur le canal, en présence des habitants du "
             "quartier {}.")


def invoke(*args: str, input=None, env=None):
    return runner.invoke(app, list(args), input=input, env=env)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def skip_lines(result) -> list[str]:
    return [line for line in stderr_lines(result) if line.startswith("factx: skipped ")]


def snapshot(db: Path) -> dict:
    """What a store holds, read with plain sqlite3 (not through factx)."""
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": conn.execute("SELECT id, sha256, text FROM documents ORDER BY id").fetchall(),
            "mentions": conn.execute("SELECT id, doc_id, sentence FROM mentions ORDER BY id").fetchall(),
            "entities": conn.execute("SELECT doc_id, name, start FROM entities ORDER BY doc_id, start, name").fetchall(),
            "events": conn.execute("SELECT id FROM events ORDER BY position").fetchall(),
            "stale": conn.execute("SELECT value FROM meta WHERE key = 'events_stale'").fetchone(),
        }
    finally:
        conn.close()


def timeline(db: Path) -> dict:
    result = invoke("timeline", "--db", str(db), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    return {"documents": [(d["id"], d["date"]) for d in doc["documents"]], "events": doc["events"]}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A folder 'in/' in the current directory (messages then name files as 'in/...') with one article."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    return folder


@pytest.fixture
def stored_corpus(corpus, reuse_model):
    """The corpus extracted once into factx.db: the state a hard input must not damage."""
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 0, result.stderr
    return corpus, Path("factx.db"), snapshot(Path("factx.db"))


# ---------------------------------------------------------------------------------------------
# A very large file: skipped unread above a size limit (FACTX_MAX_FILE_MB, 20 MB by default)

def test_very_large_file_is_skipped_without_being_read(stored_corpus):
    corpus, db, before = stored_corpus
    huge = corpus / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(2 * 1024 ** 3)  # a sparse 2 GB file: takes no disk, but is 2 GB to whoever reads it
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = invoke("extract", "in", "--db", str(db))
    assert time.monotonic() - started < 30
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 300 * 1024  # KB: never read whole
    assert result.exit_code == 3, result.stderr
    assert skip_lines(result) == [
        "factx: skipped in/huge.txt: too large (2048 MB; the limit is 20 MB, set FACTX_MAX_FILE_MB to change it)"]
    assert "0 stored, 1 unchanged, 1 skipped" in result.stderr
    no_traceback(result)
    assert snapshot(db) == before


def test_very_large_file_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "long.txt"
    path.write_text((PARAGRAPH.format("") + "\n") * 12000, encoding="utf-8")  # about 1.5 MB
    assert isinstance(load_article(Source("long", path)), Article)
    monkeypatch.setenv("FACTX_MAX_FILE_MB", "1")
    rejected = load_article(Source("long", path))
    assert isinstance(rejected, Rejected)
    size = f"{path.stat().st_size / 1024 / 1024:.1f} MB"
    assert rejected.message == f"{path}: too large ({size}; the limit is 1 MB, set FACTX_MAX_FILE_MB to change it)"


def test_very_large_file_limit_with_a_bad_value_is_a_usage_error(corpus):
    result = invoke("extract", "in", "--db", "factx.db", env={"FACTX_MAX_FILE_MB": "beaucoup"})
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("factx: usage error: FACTX_MAX_FILE_MB='beaucoup'")
    no_traceback(result)


def test_very_large_stdin_is_cut_at_the_limit(monkeypatch):
    """A pipe has no size to check first: factx reads one byte more than the limit, then stops."""
    monkeypatch.setenv("FACTX_MAX_FILE_MB", "1")
    endless = io.BytesIO(PARAGRAPH.format("").encode() * 100_000)  # 11 MB
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless))
    rejected = load_article(Source("stdin", None))
    assert isinstance(rejected, Rejected)
    assert rejected.message == "<stdin>: too large (more than 1 MB; the limit is 1 MB, set FACTX_MAX_FILE_MB to change it)"
    assert endless.tell() <= 1024 * 1024 + 65536  # the rest of the stream was never read


def test_very_long_line_is_cut_at_sentence_ends(tmp_path):
    """spaCy parses each line as one document and refuses lines over 1,000,000 characters (and
    needs about 1 GB per 100,000): a 2 MB article on one line is cut between its sentences."""
    line = " ".join(PARAGRAPH.format(i) for i in range(15000))
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    article = load_article(Source("one-line", path))
    assert isinstance(article, Article)
    lines = article.text.split("\n")
    assert len(lines) > 100
    assert all(len(part) <= ingest.MAX_LINE_CHARS for part in lines)
    assert all(part.endswith(".") for part in lines), "cut between sentences only"
    assert " ".join(lines) == line  # nothing lost
    assert ingest.MAX_LINE_CHARS * 10 <= 1_000_000


def test_very_long_line_goes_through_extract(corpus, reuse_model):
    (corpus / "one-line.txt").write_text(" ".join(PARAGRAPH.format(i) for i in range(300)), encoding="utf-8")
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 0, result.stderr
    no_traceback(result)
    conn = sqlite3.connect("factx.db")
    [(text,)] = conn.execute("SELECT text FROM documents WHERE id = 'one-line'").fetchall()
    conn.close()
    assert text.replace("\n", " ") == " ".join(PARAGRAPH.format(i) for i in range(300))


# ---------------------------------------------------------------------------------------------
# HTML nested 10,000 deep, or scripts only

def _nested(depth: int, paragraphs: int = 5, close: bool = True) -> str:
    body = "".join(f"<p>{PARAGRAPH.format(i)}</p>" for i in range(paragraphs))
    return ("<html><head><title>Le nouveau pont de Valbourg</title></head><body>"
            + "<div>" * depth + body + ("</div>" * depth if close else "") + "</body></html>")


@pytest.mark.parametrize("page", [
    _nested(10_000),
    _nested(300),
    "<html><body>" + "".join(f"<div><p>{PARAGRAPH.format(i)}</p>" for i in range(5)) + "</body></html>",
    "<html><body>" + "<span>" * 20_000 + " ".join(PARAGRAPH.format(i) for i in range(5)) + "</body></html>",
], ids=["10000-closed-divs", "300-divs", "unclosed-divs", "20000-spans"])
def test_deeply_nested_html_keeps_all_its_text(tmp_path, page):
    """lxml (under trafilatura) stops at 256 levels and silently drops everything deeper; factx
    then reads the page with a plain block reader that has no depth limit."""
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(Source("deep", path))
    assert isinstance(article, Article), article
    for i in range(5):
        assert PARAGRAPH.format(i) in article.text


def test_deeply_nested_html_with_400_unclosed_divs_loses_no_paragraph(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "".join(f"<div><p>{PARAGRAPH.format(i)}</p>" for i in range(400))
                    + "</body></html>", encoding="utf-8")
    article = load_article(Source("deep", path))
    assert article.text.split("\n") == [PARAGRAPH.format(i) for i in range(400)]


@pytest.mark.parametrize("page", [
    "<html><head><script>var titre = 'Le maire a inauguré le pont mardi';</script></head>"
    "<body><script>document.write('<p>Le maire a inauguré le pont mardi.</p>')</script><noscript></noscript></body></html>",
    "<script>" + "var a = 'Le maire a inauguré le pont mardi, en présence des habitants.';" * 2000 + "</script>",
    "<html><body><style>p { color: red }</style><nav><ul><li><a href='/'>Accueil</a></li></ul></nav></body></html>",
], ids=["scripts", "one-big-script", "style-and-menu"])
def test_html_with_scripts_only_is_skipped(tmp_path, page):
    path = tmp_path / "vide.html"
    path.write_text(page, encoding="utf-8")
    rejected = load_article(Source("vide", path))
    assert isinstance(rejected, Rejected)
    assert rejected.message == f"{path}: no article text left after removing page junk"


@pytest.mark.parametrize("page", [
    "<?xml version='1.0' encoding='utf-8'?>\n<html><body><p>" + PARAGRAPH.format(1) + "</p></body></html>",
    "<<<>>><p<p<p>>" + PARAGRAPH.format(1) + "</p></p></p></zz>&#xD800;&#0;&bogus;<!--",
    "<!DOCTYPE html [<!ENTITY a 'b'>]><p>" + PARAGRAPH.format(1) + "</p><![CDATA[ x",
], ids=["xml-declaration", "tag-soup", "doctype-subset"])
def test_broken_html_gives_text_or_a_reason(tmp_path, page):
    path = tmp_path / "casse.html"
    path.write_text(page, encoding="utf-8")
    result = load_article(Source("casse", path))
    assert isinstance(result, Article) and PARAGRAPH.format(1) in result.text


def test_deeply_nested_and_scripts_only_html_through_extract(corpus, reuse_model):
    (corpus / "deep.html").write_text(_nested(10_000), encoding="utf-8")
    (corpus / "scripts.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 3, result.stderr
    assert skip_lines(result) == ["factx: skipped in/scripts.html: no article text left after removing page junk"]
    no_traceback(result)
    conn = sqlite3.connect("factx.db")
    rows = dict(conn.execute("SELECT id, text FROM documents").fetchall())
    conn.close()
    assert sorted(rows) == ["bridge", "deep"]
    assert all(PARAGRAPH.format(i) in rows["deep"] for i in range(5))


# ---------------------------------------------------------------------------------------------
# Mixed encodings: UTF-8 wherever the bytes are valid UTF-8, Windows-1252 for each byte that is not

MIXED_LINES = [
    ("Première ligne, écrite en UTF-8 : l'été à Séoul a été « déjà » très chaud.", "utf-8"),
    ("Deuxième ligne, collée depuis un vieux fichier Windows : l’été à Séoul, « déjà » chaud — 30 °C.", "cp1252"),
    ("Troisième ligne, de nouveau en UTF-8 : Noël à Besançon, 5 000 €.", "utf-8"),
    ("Quatrième ligne en Windows-1252 : cœur, œuvre, Ça, À bientôt…", "cp1252"),
]


def test_mixed_encodings_in_one_file_are_read_line_by_line():
    data = b"".join((text + "\n").encode(encoding) for text, encoding in MIXED_LINES)
    text, encoding = decode_bytes(data)
    assert text.split("\n")[:4] == [line for line, _ in MIXED_LINES]
    assert encoding == "utf-8+cp1252"


def test_mixed_encodings_within_one_line():
    data = "Séoul ".encode() + "et Besançon ".encode("cp1252") + "et Noël.".encode()
    assert decode_bytes(data) == ("Séoul et Besançon et Noël.", "utf-8+cp1252")


def test_mixed_encodings_through_extract(corpus, reuse_model):
    data = BRIDGE.encode("utf-8") + b"\n" + ROAD.encode("cp1252")
    (corpus / "bridge.txt").unlink()
    (corpus / "mixed.txt").write_bytes(data)
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 0, result.stderr
    no_traceback(result)
    conn = sqlite3.connect("factx.db")
    [(text, encoding)] = conn.execute("SELECT text, encoding FROM documents").fetchall()
    conn.close()
    assert encoding == "utf-8+cp1252"
    assert "préfecture a annoncé jeudi" in text and "inauguré mardi le nouveau pont" in text
    assert "Ã" not in text and "\ufffd" not in text


def test_mixed_encodings_utf16_with_a_byte_order_mark():
    for encoding in ("utf-16", "utf-32"):
        assert decode_bytes(PARAGRAPH.format(1).encode(encoding)) == (PARAGRAPH.format(1), encoding)


def test_mixed_encodings_in_file_names(corpus, reuse_model):
    """A name from an old Windows archive ('caf\\xe9.txt', not UTF-8) becomes text for the store and
    for the messages instead of a UnicodeEncodeError."""
    os.rename(corpus / "bridge.txt", os.fsencode(corpus) + b"/caf\xe9-du-pont.txt")
    (corpus / "vide.txt").write_bytes(b"")
    os.rename(corpus / "vide.txt", os.fsencode(corpus) + b"/vid\xe9\nligne.txt")
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 3, result.stderr
    assert skip_lines(result) == ["factx: skipped in/vidé\\x0aligne.txt: empty file"]
    no_traceback(result)
    assert [row[0] for row in snapshot(Path("factx.db"))["documents"]] == ["café-du-pont"]


def test_mixed_encodings_in_a_file_for_factx_dates(tmp_path):
    """`factx dates FILE` reads its file like an article: a cp1252 file is no UnicodeDecodeError."""
    path = tmp_path / "ancien.txt"
    path.write_bytes("Le traité a été signé le 19 juin 2024, à Pyongyang.".encode("cp1252"))
    result = invoke("dates", str(path))
    assert result.exit_code == 0, result.stderr
    assert "2024-06-19" in result.stdout
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke("dates", str(binary))
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"factx: error: {binary}: binary file (NUL bytes), not text"]
    no_traceback(result)


_FRENCH_WORDS = ["le", "la", "été", "déjà", "Séoul", "Noël", "œuvre", "cœur", "Ça", "À", "Élysée", "l’été", "«", "»",
                 "mi-août", "garçon", "naïf", "île", "où", "5 000 €", "30 °C", "—", "…", "Besançon", "Ô", "ÉTÉ"]


@given(st.lists(st.tuples(st.lists(st.sampled_from(_FRENCH_WORDS), min_size=1, max_size=12).map(" ".join),
                          st.sampled_from(["utf-8", "cp1252"])), min_size=1, max_size=12))
def test_mixed_encodings_of_french_lines_decode_exactly(lines):
    data = b"\n".join(text.encode(encoding) for text, encoding in lines)
    text, encoding = decode_bytes(data)
    assert text == "\n".join(line for line, _ in lines)
    encodings = {encoding for line, encoding in lines if not line.isascii()}
    if encodings == {"utf-8", "cp1252"}:
        assert encoding == "utf-8+cp1252"


# ---------------------------------------------------------------------------------------------
# A folder with thousands of files, some unreadable

@contextmanager
def permission_bits_honoured(monkeypatch):
    """Tests run as root here, and root reads a file whatever its mode: as root, make factx's
    reading and listing refuse what `chmod 000` forbids, as they would for any other user."""
    if os.geteuid() != 0:
        yield
        return
    real_read, real_list = ingest._read_file, ingest._list_dir

    def refuse(path: Path) -> None:
        if not os.stat(path).st_mode & 0o444:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

    def read_file(path, limit):
        refuse(path)
        return real_read(path, limit)

    def list_dir(folder):
        refuse(folder)
        return real_list(folder)

    monkeypatch.setattr(ingest, "_read_file", read_file)
    monkeypatch.setattr(ingest, "_list_dir", list_dir)
    yield


@pytest.fixture(scope="module")
def blank_pipeline(tmp_path_factory) -> str:
    """A French spaCy pipeline with only a tokenizer and a sentence splitter, saved as a folder
    (`--model` takes one): it costs next to nothing per document, for tests about files, not language."""
    import spacy

    folder = tmp_path_factory.mktemp("blank-fr")
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(folder)
    return str(folder)


def test_thousands_of_files_some_unreadable(corpus, blank_pipeline, monkeypatch):
    """3,000 files: 30 without read permission, a sub-folder without permission (its 10 files), and 5
    broken links. Every readable file is stored; each unreadable one is named once, with the reason.

    The files go through the real CLI with a blank pipeline (see `blank_pipeline`), so the test
    measures discovery, reading, skipping and the store, not spaCy's speed.
    """
    (corpus / "bridge.txt").unlink()
    readable, unreadable = [], []
    for i in range(2990):
        path = corpus / f"note-{i:04d}.txt"
        path.write_text(f"Note {i} sur la vie quotidienne à Valbourg.", encoding="utf-8")
        (unreadable if i % 100 == 7 else readable).append(path)
    locked = corpus / "verrouille"
    locked.mkdir()
    for i in range(10):
        (locked / f"cache-{i}.txt").write_text("Note cachée sur Valbourg.", encoding="utf-8")
    for i in range(5):
        os.symlink(corpus / f"disparu-{i}.txt", corpus / f"lien-{i}.txt")
    for path in unreadable:
        path.chmod(0)
    locked.chmod(0)
    try:
        with permission_bits_honoured(monkeypatch):
            started = time.monotonic()
            result = invoke("extract", "in", "--db", "factx.db", "--model", blank_pipeline)
            elapsed = time.monotonic() - started
            again = invoke("extract", "in", "--db", "factx.db", "--model", blank_pipeline)
    finally:
        locked.chmod(0o755)
        for path in unreadable:
            path.chmod(0o644)
    assert result.exit_code == 3, result.stderr[-2000:]
    no_traceback(result)
    expected = sorted([f"factx: skipped in/{p.name}: cannot read (permission denied)" for p in unreadable]
                      + ["factx: skipped in/verrouille: cannot read folder (permission denied)"]
                      + [f"factx: skipped in/lien-{i}.txt: broken symbolic link (its target does not exist)"
                         for i in range(5)])
    assert sorted(skip_lines(result)) == expected
    assert f"{len(readable)} stored, 0 unchanged, {len(expected)} skipped" in result.stderr
    stored = snapshot(Path("factx.db"))["documents"]
    assert [doc_id for doc_id, _, _ in stored] == sorted(p.stem for p in readable)
    assert all(sha == hashlib.sha256(corpus.joinpath(doc_id + ".txt").read_bytes()).hexdigest()
               for doc_id, sha, _ in stored)
    print(f"3,000 files extracted in {elapsed:.1f} s")
    # the second run reads everything again but needs no model: nothing changed
    assert again.exit_code == 3
    assert f"0 stored, {len(readable)} unchanged, {len(expected)} skipped" in again.stderr
    assert snapshot(Path("factx.db"))["documents"] == stored


# ---------------------------------------------------------------------------------------------
# Symbolic link loops

def _discover_with_timeout(paths, seconds=20):
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(discover_sources(paths)), daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    assert not worker.is_alive(), "discover_sources did not finish: it followed a symbolic link loop"
    return found


def test_symlink_loops_end_and_each_file_is_read_once(tmp_path):
    root = tmp_path / "in"
    (root / "real").mkdir(parents=True)
    (root / "real" / "article.txt").write_text(BRIDGE, encoding="utf-8")
    os.symlink(".", root / "a")  # a -> .
    os.symlink("a", root / "b")  # b -> a -> .
    os.symlink("..", root / "real" / "up")  # real/up -> in
    os.symlink(root, root / "real" / "0-absolute")  # sorts before the real file
    os.symlink("real/article.txt", root / "alias.txt")  # the same article under another name
    os.symlink("loop-2.txt", root / "loop-1.txt")  # loop-1.txt -> loop-2.txt -> loop-1.txt
    os.symlink("loop-1.txt", root / "loop-2.txt")
    found = _discover_with_timeout([str(root)])
    assert [(s.doc_id, str(s.path)) for s in found if isinstance(s, Source)] == \
        [("real/article", str(root / "real" / "article.txt"))]
    assert [r.message for r in found if isinstance(r, Rejected)] == [
        f"{root}/loop-1.txt: symbolic link loop", f"{root}/loop-2.txt: symbolic link loop"]


def test_symlink_loops_through_extract(stored_corpus):
    corpus, db, before = stored_corpus
    os.symlink(".", corpus / "a")
    os.symlink("a", corpus / "b")
    os.symlink("bridge.txt", corpus / "meme-article.txt")
    os.symlink("boucle.txt", corpus / "boucle.txt")  # a link to itself
    result = invoke("extract", "in", "--db", str(db))
    assert result.exit_code == 3, result.stderr
    assert skip_lines(result) == ["factx: skipped in/boucle.txt: symbolic link loop"]
    assert "0 stored, 1 unchanged, 1 skipped" in result.stderr
    no_traceback(result)
    assert snapshot(db) == before


def test_symlinked_folder_outside_the_tree_is_followed(tmp_path):
    """Links are followed (after the real tree, so the real names win); a loop just ends."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "ailleurs" / "sous").mkdir(parents=True)
    (tmp_path / "ailleurs" / "sous" / "c.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "ailleurs", tmp_path / "in" / "a-lien")
    os.symlink(tmp_path / "in", tmp_path / "ailleurs" / "sous" / "retour")
    found = _discover_with_timeout([str(tmp_path / "in")])
    assert [s.doc_id for s in found] == ["b", "a-lien/sous/c"]


def test_same_document_id_from_two_files_is_reported(tmp_path):
    """page.txt and page.html would both be document 'page': the second would silently replace the first."""
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "page.txt").write_text("x", encoding="utf-8")
    found = list(discover_sources([str(tmp_path)]))
    assert [s.doc_id for s in found if isinstance(s, Source)] == ["page"]
    [rejected] = [r for r in found if isinstance(r, Rejected)]
    assert rejected.message == (f"{tmp_path}/page.txt: same document id 'page' as {tmp_path}/page.html; "
                                "rename one of them, or extract them into separate --db files")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "tube.txt")
    os.symlink(tmp_path / "tube.txt", tmp_path / "lien-vers-tube.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    found = _discover_with_timeout([str(tmp_path)], seconds=10)
    assert [r.message for r in found] == [f"{tmp_path}/{name}: not a regular file (a pipe, socket or device)"
                                          for name in ("tube.txt", "lien-vers-tube.txt", "zero.txt")]


# ---------------------------------------------------------------------------------------------
# A file that changes during the run

def test_file_that_changes_during_the_run(corpus, reuse_model, monkeypatch):
    """The file is rewritten between discovery and reading (version B) and again right after it is
    read (version C): the store holds B's text with B's hash, so the next run sees C as a change."""
    (corpus / "road.txt").write_text(ROAD, encoding="utf-8")
    version_b = ROAD.replace("jeudi la fermeture", "vendredi la fermeture")
    version_c = ROAD.replace("jeudi la fermeture", "samedi la fermeture")
    real_read = ingest._read_file

    def read_while_it_changes(path, limit):
        if path.name != "road.txt":
            return real_read(path, limit)
        path.write_text(version_b, encoding="utf-8")
        data = real_read(path, limit)
        path.write_text(version_c, encoding="utf-8")
        return data

    with monkeypatch.context() as patch:
        patch.setattr(ingest, "_read_file", read_while_it_changes)
        result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 0, result.stderr
    no_traceback(result)
    stored = {doc_id: (sha, text) for doc_id, sha, text in snapshot(Path("factx.db"))["documents"]}
    sha, text = stored["road"]
    assert sha == hashlib.sha256(version_b.encode("utf-8")).hexdigest()
    assert "vendredi la fermeture" in text and "jeudi" not in text and "samedi" not in text

    again = invoke("extract", "in", "--db", "factx.db")
    assert again.exit_code == 0, again.stderr
    assert "1 stored, 1 unchanged" in again.stderr
    sha, text = {d: (s, t) for d, s, t in snapshot(Path("factx.db"))["documents"]}["road"]
    assert sha == hashlib.sha256(version_c.encode("utf-8")).hexdigest() and "samedi la fermeture" in text


def test_file_that_disappears_during_the_run(stored_corpus, monkeypatch):
    corpus, db, before = stored_corpus
    (corpus / "road.txt").write_text(ROAD, encoding="utf-8")
    real_read = ingest._read_file

    def read_after_removal(path, limit):
        if path.name == "road.txt":
            path.unlink()
        return real_read(path, limit)

    monkeypatch.setattr(ingest, "_read_file", read_after_removal)
    result = invoke("extract", "in", "--db", str(db))
    assert result.exit_code == 3, result.stderr
    assert skip_lines(result) == ["factx: skipped in/road.txt: no such file or folder"]
    no_traceback(result)
    assert snapshot(db) == before


# ---------------------------------------------------------------------------------------------
# A locked or corrupt database

@pytest.fixture
def quick_lock_timeout(monkeypatch):
    """factx waits 5 s for another writer to finish before giving up; 0.2 s is enough to test it."""
    from factx import store as store_module

    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs["timeout"] = 0.2
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)
    return real_connect


@contextmanager
def write_locked(db: Path, connect=sqlite3.connect):
    """Another process in the middle of writing: it holds SQLite's write lock."""
    conn = connect(db, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_locked_database(stored_corpus, quick_lock_timeout):
    corpus, db, before = stored_corpus
    (corpus / "road.txt").write_text(ROAD, encoding="utf-8")
    with write_locked(db, quick_lock_timeout):
        result = invoke("extract", "in", "--db", str(db))
        reading = invoke("timeline", "--db", str(db), "--json")
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert line == f"factx: error: {db}: the database is locked by another process; try again when it has finished"
    no_traceback(result)
    assert reading.exit_code == 0, reading.stderr  # readers are not blocked by a writer
    assert snapshot(db) == before
    again = invoke("extract", "in", "--db", str(db))
    assert again.exit_code == 0 and "1 stored, 1 unchanged" in again.stderr


def test_locked_database_before_it_is_a_store(corpus, tmp_path, quick_lock_timeout):
    db = tmp_path / "neuve.db"
    with write_locked(db, quick_lock_timeout):
        result = invoke("extract", "in", "--db", str(db))
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert str(db) in line and "database is locked" in line
    no_traceback(result)


def test_corrupt_database_garbage_bytes(corpus):
    Path("factx.db").write_bytes(os.urandom(64 * 1024))
    for command in (["extract", "in"], ["timeline", "--json"], ["actors"]):
        result = invoke(*command, "--db", "factx.db")
        assert result.exit_code == 1, (command, result.stderr)
        [line] = stderr_lines(result)
        assert line == "factx: error: factx.db: not a valid SQLite database (corrupt or another kind of file)"
        no_traceback(result)


def test_corrupt_database_damaged_pages(stored_corpus):
    """A real store with pages overwritten: SQLite notices only when it reads a damaged page, so a
    command either works or stops with one line; never a traceback."""
    corpus, db, _ = stored_corpus
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    pages = db.stat().st_size // page_size
    original = db.read_bytes()
    failures = 0
    for page in range(1, pages):
        damaged = bytearray(original)
        damaged[page * page_size:(page + 1) * page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
        for command in (["timeline", "--json"], ["actors", "--all"]):
            db.write_bytes(bytes(damaged))
            result = invoke(*command, "--db", str(db))
            no_traceback(result)
            assert result.exit_code in (0, 1), (page, command, result.stderr)
            if result.exit_code == 1:
                failures += 1
                [line] = stderr_lines(result)
                assert line.startswith(f"factx: error: {db}: ")
    assert failures  # the damage was seen somewhere


# ---------------------------------------------------------------------------------------------
# Ctrl-C in the middle of extract

def _interrupt_after(n: int):
    @contextmanager
    def progress(console, quiet):
        def update(done, total, doc):
            if done == n:
                raise KeyboardInterrupt

        yield update, (lambda phase, total: None)

    return progress


def test_ctrl_c_in_the_middle_of_extract(samples_db, tmp_path, monkeypatch, reuse_model):
    """Ctrl-C right after the 2nd document is stored: exit 130, one line, whole documents only, and
    the next run finishes with the same timeline as a run never interrupted."""
    import factx.cli as cli

    monkeypatch.chdir(ROOT)
    db = tmp_path / "interrupted.db"
    with monkeypatch.context() as patch:
        patch.setattr(cli, "_progress", _interrupt_after(2))
        result = invoke("extract", "samples/", "--db", str(db))
    assert result.exit_code == 130, result.stderr
    assert result.stdout == ""
    assert stderr_lines(result) == [
        "factx: interrupted; what was stored is complete, run the same command again to finish"]
    no_traceback(result)

    partial, clean = snapshot(db), snapshot(samples_db)
    stored_ids = [doc_id for doc_id, _, _ in partial["documents"]]
    assert len(stored_ids) == 2
    assert partial["documents"] == [d for d in clean["documents"] if d[0] in stored_ids]
    assert partial["mentions"] == [m for m in clean["mentions"] if m[1] in stored_ids]
    assert partial["entities"] == [e for e in clean["entities"] if e[0] in stored_ids]
    assert partial["stale"] == ("1",)  # events are merged again on the next run

    again = invoke("extract", "samples/", "--db", str(db))
    assert again.exit_code == 0, again.stderr
    assert "6 stored, 2 unchanged, 0 skipped" in again.stderr
    assert timeline(db) == timeline(samples_db)


def test_ctrl_c_while_a_document_is_being_written(corpus, reuse_model, monkeypatch):
    """The interrupt lands inside the 3rd document's transaction: it is rolled back whole."""
    from factx.store import Store

    (corpus / "pool.txt").write_text(POOL, encoding="utf-8")
    (corpus / "road.txt").write_text(ROAD, encoding="utf-8")
    real_save = Store.save_document
    calls = []

    def save_and_interrupt(self, article, document_date, actors, mentions, *args, **kwargs):
        calls.append(article.doc_id)
        if len(calls) == 3:
            def interrupted(first_mentions):
                yield from first_mentions
                raise KeyboardInterrupt

            mentions = interrupted(list(mentions)[:1])
        return real_save(self, article, document_date, actors, mentions, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Store, "save_document", save_and_interrupt)
        result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 130, result.stderr
    assert len(stderr_lines(result)) == 1 and "interrupted" in result.stderr
    no_traceback(result)
    partial = snapshot(Path("factx.db"))
    assert [doc_id for doc_id, _, _ in partial["documents"]] == sorted(calls[:2])
    assert {m[1] for m in partial["mentions"]} <= set(calls[:2])
    assert {e[0] for e in partial["entities"]} <= set(calls[:2])

    again = invoke("extract", "in", "--db", "factx.db")
    assert again.exit_code == 0, again.stderr
    assert "1 stored, 2 unchanged" in again.stderr


@pytest.mark.skipif(not FACTX.exists(), reason="the factx script is not installed in this environment")
def test_ctrl_c_real_signal(tmp_path, blank_pipeline):
    """A real SIGINT to a real `factx extract` process once it has stored a document. The blank
    pipeline makes each of the 2,000 documents cheap, so the run is short but still well under way
    when the signal comes."""
    folder = tmp_path / "in"
    folder.mkdir()
    total = 2000  # enough that a busy machine still sees the first stored document before the last
    for i in range(total):
        (folder / f"depeche-{i:03d}.txt").write_text(BRIDGE.replace("Valbourg", f"Valbourg-{i}"), encoding="utf-8")
    db = tmp_path / "factx.db"
    command = [str(FACTX), "extract", str(folder), "--db", str(db), "--model", blank_pipeline]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not _stored_documents(db):
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert stdout == ""
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "factx: interrupted; what was stored is complete, run the same command again to finish"]
    stored = _stored_documents(db)
    assert 1 <= stored < total
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{total - stored} stored, {stored} unchanged, 0 skipped" in again.stderr
    assert len(snapshot(db)["documents"]) == total and snapshot(db)["stale"] == ("0",)


def _stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


# ---------------------------------------------------------------------------------------------
# Random text and bytes: no crash, no hang

SUFFIXES = [".txt", ".md", ".html"]
_HTML_PIECES = ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[",
                "<?xml version='1.0' encoding='utf-8'?>", "<!DOCTYPE html>", "<html>", "<body>", "<title>", "</title>",
                "<meta property='article:published_time' content='2023-02-30'>", "<time datetime='9999-99-99'>",
                "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&bogus;", "<br>", "<h1>", "<a href='", "'>", "\x00",
                "---\n", "title: [", "date: 0001-01-01\n", "\r", "\n", "«", "»", "é", "Le maire a inauguré le pont mardi."]


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder:
        # the first HTML page imports trafilatura (about a second): not part of any example's time
        warm = Path(folder) / "warm.html"
        warm.write_text(f"<p>{PARAGRAPH.format(0)}</p>", encoding="utf-8")
        load_article(Source("warm", warm))
        yield Path(folder)


def _check_ingested(result) -> None:
    assert isinstance(result, (Article, Rejected))
    if isinstance(result, Rejected):
        assert result.reason and "\n" not in result.message
    else:
        assert result.text.strip() and "\r" not in result.text
        assert len(result.sha256) == 64


@settings(deadline=2000)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_through_ingestion(scratch, data, suffix):
    path = scratch / f"random{suffix}"
    path.write_bytes(data)
    _check_ingested(load_article(Source("random", path)))


@settings(deadline=2000)
@given(pieces=st.lists(st.one_of(st.sampled_from(_HTML_PIECES), st.text(max_size=20)), max_size=80),
       suffix=st.sampled_from(SUFFIXES), encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_markup_through_ingestion(scratch, pieces, suffix, encoding):
    path = scratch / f"markup{suffix}"
    path.write_bytes("".join(pieces).encode(encoding, errors="replace"))
    _check_ingested(load_article(Source("markup", path)))


_DATE_WORDS = ["le", "la", "les", "du", "au", "et", "à", "de", "depuis", "dès", "il y a", "dans", "près de", "ce",
               "dernier", "prochain", "prochaine", "veille", "lendemain", "demain", "hier", "avant-hier", "semaine",
               "mois", "an", "ans", "année", "siècle", "siècles", "lundi", "mardi", "mercredi", "dimanche", "janvier",
               "juin", "décembre", "1er", "2", "18", "31", "32", "0", "2024", "0001", "9999", "99999999999", "1e308",
               "XXIe", "MMMMMMMMMM", "1950-1953", "19/06/2024", "31/12/9999", "2024-06-19", "0001-01-01", "mi",
               "début", "fin", "tous les", "chaque", "entre le", "Publié le", "ſ", "ı", "İ", "K", "\n", ",", "."]
any_text = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_DATE_WORDS), max_size=150).map(" ".join))
any_anchor = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 2), date(9999, 12, 30)]))


@settings(deadline=2000)
@given(text=any_text, anchor=any_anchor, tense=st.sampled_from([None, "past", "future"]))
def test_random_text_through_the_date_resolver(text, anchor, tense):
    for expr in find_temporal_expressions(text, anchor, tense):
        assert text[expr.start:expr.end] == expr.text
    infer_document_date(text)
    resolve_document_date(text, given=None, metadata=text, metadata_source="sidecar", byline=text)
    if anchor is not None:
        resolve_document_date(text, given=anchor.isoformat())


@settings(deadline=2000)
@given(text=any_text)
def test_random_text_as_a_user_date(text):
    try:
        parsed = parse_user_date(text)
    except ValueError as exc:  # what the CLI turns into a usage error naming the option
        assert str(exc) and "\n" not in str(exc)
    else:
        assert parsed.start <= parsed.end


@pytest.mark.parametrize("line", ['{"id": "a", "text": 12}', '{"id": "a", "text": null}', '["text"]', '"texte"'])
def test_random_json_lines_for_factx_dates(line):
    result = invoke("dates", "-", "--jsonl", input=line + "\n")
    assert result.exit_code == 2
    assert stderr_lines(result) == ["factx: usage error: stdin line 1: expected a JSON object with 'id' and 'text'"]
    no_traceback(result)


def test_placeholder_metadata_dates_through_extract(corpus, reuse_model):
    """CMS exports date undated pages 0001-01-01 or 9999-12-31: 'la veille' or 'demain' then falls
    off the calendar; factx leaves that expression unresolved instead of crashing."""
    body = "La veille, la maire avait annoncé la fermeture du pont. Demain, elle rencontrera les habitants.\n"
    (corpus / "debut.md").write_text(f"---\ntitle: Un pont fermé\ndate: 0001-01-01\n---\n\n{body}", encoding="utf-8")
    (corpus / "fin.md").write_text(f"---\ntitle: Un pont rouvert\ndate: 9999-12-31\n---\n\n{body}", encoding="utf-8")
    result = invoke("extract", "in", "--db", "factx.db")
    assert result.exit_code == 0, result.stderr
    no_traceback(result)
    assert [row[0] for row in snapshot(Path("factx.db"))["documents"]] == ["bridge", "debut", "fin"]
