"""Reading and cleaning: files (or stdin) in, article text without page junk out.

Each article comes out as one `Article` whose text has one block (paragraph, heading, list item)
per line: later stages never let a sentence run across a line, so a heading without a final stop
cannot glue onto the next sentence.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .resources import load_json_resource

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_FILE_BYTES = 50 * 1024 * 1024
STDIN_ID = "stdin"


@dataclass(frozen=True)
class Source:
    """Where an article comes from: a file under a folder the user named, a file, or stdin."""

    doc_id: str  # the path under the folder given, without extension; the file stem; or "stdin"
    path: Optional[Path]  # None for stdin

    @property
    def display(self) -> str:
        return str(self.path) if self.path else "<stdin>"


@dataclass(frozen=True)
class Article:
    doc_id: str
    path: str
    title: str
    text: str  # cleaned: one block per line
    sha256: str  # of the raw bytes, to skip unchanged files
    metadata_date: Optional[str]  # a date found in metadata, as written
    metadata_date_source: Optional[str]  # front-matter, html-meta, sidecar
    encoding: str
    byline: Optional[str] = None  # a "Publié le ..." line removed as junk, kept for the article's date


@dataclass(frozen=True)
class Rejected:
    """A source that is not an article factx can read; `reason` is said to the user in one line."""

    source: Source
    reason: str

    @property
    def message(self) -> str:
        return f"{self.source.display}: {self.reason}"


# ---------------------------------------------------------------------------------------------
# Finding the files

def discover_sources(paths: Iterable[str]) -> Iterator[Union[Source, Rejected]]:
    """Every article file under the given paths, in a stable order; '-' is stdin.

    Folders are walked recursively without following symbolic links to folders, so a link loop
    cannot trap the walk; hidden files and folders are skipped.
    """
    for raw in paths:
        if raw == "-":
            yield Source(STDIN_ID, None)
            continue
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    file = Path(dirpath) / name
                    if file.suffix.lower() in ARTICLE_SUFFIXES:
                        rel = file.relative_to(path).with_suffix("")
                        yield Source(rel.as_posix(), file)
        elif path.exists():
            yield Source(path.stem, path)
        else:
            yield Rejected(Source(path.stem, path), "no such file or folder")


# ---------------------------------------------------------------------------------------------
# Reading bytes as text

def _read_bytes(source: Source) -> bytes:
    if source.path is None:
        return sys.stdin.buffer.read()
    size = source.path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    return source.path.read_bytes()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name; UTF-8 first, then what charset-normalizer finds, then cp1252.

    Raises ValueError with the reason when the bytes are not text.
    """
    if b"\x00" in data[:65536]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # French web text that is not UTF-8 is nearly always Windows-1252; charset-normalizer's guesses
    # (cp1006, cp1250...) read it wrong, so it only comes second
    best = from_bytes(data[:1_000_000]).best()
    candidates = ["cp1252"] + ([best.encoding] if best is not None else []) + ["latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_ratio(text) < 0.02:
            return text, encoding
    raise ValueError("not text in UTF-8 or any usual encoding")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\r\t\f")
    return bad / len(sample)


# ---------------------------------------------------------------------------------------------
# Cleaning

@dataclass(frozen=True)
class _CleaningRules:
    junk: re.Pattern
    bullet_prefix: re.Pattern
    keep_prefixes: frozenset
    french: frozenset
    other: frozenset


@lru_cache(maxsize=1)
def _rules() -> _CleaningRules:
    raw = load_json_resource("boilerplate.json")
    junk = re.compile("(?:" + "|".join(f"(?:{p})" for p in raw["junk_lines"]) + ")", re.IGNORECASE)
    bullet_prefix = re.compile(rf"^[{re.escape(raw['bullet_glyphs'])}]+\s+")
    return _CleaningRules(junk, bullet_prefix, frozenset(raw["glued_name_prefixes_keep"]),
                          frozenset(raw["french_function_words"]), frozenset(raw["other_language_function_words"]))


_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_GLUED = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]{1,})([A-ZÀ-Ý][a-zà-ÿ]{2,})\b")
_HAS_ALNUM = re.compile(r"[^\W_]")


def normalise_characters(text: str) -> str:
    """NFC, every kind of non-breaking or thin space made a plain space, invisible marks removed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_SPACES).translate(_INVISIBLE)


def _unglue(line: str, keep: frozenset) -> list[str]:
    """'ParisVladimir Poutine' -> ['Paris', 'Vladimir Poutine']: a lost line break between two words."""
    parts: list[str] = []
    last = 0
    for m in _GLUED.finditer(line):
        if m.group(1) in keep:
            continue
        parts.append(line[last:m.end(1)])
        last = m.end(1)
    parts.append(line[last:])
    return [p.strip() for p in parts if p.strip()]


def clean_text(raw: str) -> str:
    """Article text with one block per line and no page junk (menus, share buttons, reading times,
    photo credits, separator lines, bullet glyphs)."""
    return _clean_lines(raw)[0]


_BYLINE_DATE = re.compile(r"^(?:publié|mis en ligne|mis à jour|modifié|actualisé)\b.*\d", re.I)


def _clean_lines(raw: str) -> tuple[str, Optional[str]]:
    """The cleaned text, and the first publication line found among the junk (it dates the article)."""
    rules = _rules()
    byline: Optional[str] = None
    kept: list[str] = []
    last_junk = ""
    for line in normalise_characters(raw).split("\n"):
        line = re.sub(r" {2,}", " ", line).strip()
        line = rules.bullet_prefix.sub("", line).strip()
        if not line:
            continue
        if not _HAS_ALNUM.search(line) or rules.junk.fullmatch(line):
            if byline is None and _BYLINE_DATE.match(line):
                byline = line
            last_junk = line
            continue
        if last_junk and len(line.split()) <= 5 and line.lower() in last_junk.lower():
            continue  # an author's name repeated under the photo credit that named them
        last_junk = ""
        kept.extend(_unglue(line, rules.keep_prefixes))
    return "\n".join(kept), byline


def check_language(text: str) -> Optional[str]:
    """None when the text reads as French, else the reason it does not."""
    rules = _rules()
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    if len(words) < 20:
        return None  # too short to judge
    french = sum(1 for w in words if w in rules.french)
    other = sum(1 for w in words if w in rules.other)
    if french < 0.04 * len(words) or other > french:
        return "not French (too few French function words)"
    return None


def guess_title(text: str) -> str:
    """The first heading-like line (no final stop, a few words) before the first paragraph, else
    the opening words."""
    lines = text.split("\n")
    for line in lines[:8]:
        words = line.split()
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters):
            continue  # an outlet's name in capitals, not the headline
        if len(words) > 30 or line.rstrip().endswith((".", "!", "?", "…", ":")) and len(words) > 12:
            break
        if 3 <= len(words) <= 30 and not line.rstrip().endswith("."):
            return line.strip()
    first = lines[0] if lines else ""
    words = first.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _split_front_matter(text: str) -> tuple[dict, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        return {}, text[m.end():]
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def _markdown_to_text(md: str) -> str:
    out = []
    for line in md.split("\n"):
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
        line = re.sub(r"`([^`]*)`", r"\1", line)
        out.append(line)
    return "\n".join(out)


def _html_to_text(html: str) -> tuple[str, str, Optional[str]]:
    """Article text, title and published date of an HTML page (trafilatura keeps the article and
    drops menus, scripts and footers; htmldate reads the date from meta and time tags only)."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               include_links=False, include_images=False, deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else "") or ""
    try:
        published = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises many kinds of parse errors on broken pages; the date is optional
        published = None
    return text, title, published


def _sidecar_metadata(path: Optional[Path]) -> dict:
    if path is None:
        return {}
    for candidate in (path.with_name(path.name + ".json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return {}
            return data if isinstance(data, dict) else {}
    return {}


def load_article(source: Source) -> Union[Article, Rejected]:
    """Read, decode and clean one source; a Rejected says in one line why it is not an article."""
    try:
        data = _read_bytes(source)
    except (OSError, ValueError) as exc:
        reason = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Rejected(source, f"cannot read ({reason})")
    if not data.strip():
        return Rejected(source, "empty file")
    try:
        raw, encoding = decode_bytes(data)
    except ValueError as exc:
        return Rejected(source, str(exc))

    kind = ARTICLE_SUFFIXES.get(source.path.suffix.lower(), "text") if source.path else _sniff_kind(raw)
    title, date_value, date_source = "", None, None
    if kind == "html":
        raw, title, date_value = _html_to_text(raw)
        date_source = "html-meta" if date_value else None
    elif kind == "markdown" or raw.startswith("---\n"):
        meta, body = _split_front_matter(raw)
        raw = _markdown_to_text(body)
        title = str(meta.get("title") or "")
        if meta.get("date"):
            date_value, date_source = str(meta["date"]), "front-matter"
    sidecar = _sidecar_metadata(source.path)
    if sidecar.get("date"):
        date_value, date_source = str(sidecar["date"]), "sidecar"
    title = str(sidecar.get("title") or title)

    text, byline = _clean_lines(raw)
    if not text.strip():
        return Rejected(source, "no article text left after removing page junk")
    reason = check_language(text)
    if reason:
        return Rejected(source, reason)
    return Article(
        doc_id=source.doc_id,
        path=source.display,
        title=title.strip() or guess_title(text),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata_date=date_value,
        metadata_date_source=date_source,
        encoding=encoding,
        byline=byline,
    )


def _sniff_kind(raw: str) -> str:
    head = raw[:2000].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head:
        return "html"
    return "text"
