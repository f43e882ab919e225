"""Reading and cleaning: files (or stdin) in, article text without page junk out.

Each article comes out as one `Article` whose text has one block (paragraph, heading, list item)
per line: later stages never let a sentence run across a line, so a heading without a final stop
cannot glue onto the next sentence.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import InputError, UsageError
from .resources import load_json_resource

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# news articles weigh kilobytes and saved pages a few megabytes; above this a file is a dump or a
# mistake, and reading it whole would only fill the memory
DEFAULT_MAX_FILE_MB = 20
MAX_FILE_ENV = "FACTX_MAX_FILE_MB"
# spaCy parses each line as one document (it refuses more than 1,000,000 characters and needs about
# 1 GB per 100,000); no paragraph of a real article comes near this
MAX_LINE_CHARS = 10_000
STDIN_ID = "stdin"


@dataclass(frozen=True)
class Source:
    """Where an article comes from: a file under a folder the user named, a file, or stdin."""

    doc_id: str  # the path under the folder given, without extension; the file stem; or "stdin"
    path: Optional[Path]  # None for stdin

    @property
    def display(self) -> str:
        return printable_path(self.path) if self.path else "<stdin>"


def printable_path(path: Path) -> str:
    """The path as one line of valid text: a file name in a legacy encoding ('caf\\xe9.txt' from an
    old archive) would otherwise reach SQLite and the terminal as unencodable surrogates."""
    text = os.fsencode(path).decode("utf-8", errors=_LEGACY_FALLBACK)
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)


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

    @classmethod
    def of_article(cls, article: "Article", reason: str) -> "Rejected":
        """An article read, then found unusable by a later stage."""
        return cls(Source(article.doc_id, None if article.path == "<stdin>" else Path(article.path)), reason)


def unexpected_error(stage: str, exc: BaseException) -> str:
    """The one-line reason a document is skipped for an error no check foresaw (a bug hit by one odd text):
    the stage and the error, never a traceback."""
    message = " ".join(str(exc).split())[:200]
    return f"unexpected error while {stage} ({type(exc).__name__}{': ' + message if message else ''})"


# ---------------------------------------------------------------------------------------------
# Finding the files

def discover_sources(paths: Iterable[str]) -> Iterator[Union[Source, Rejected]]:
    """Every article file under the given paths, once each, in a stable order; '-' is stdin.

    Folders are walked recursively; hidden files and folders are skipped. Symbolic links are
    followed, but only after every real file and folder, and a folder or file already reached is
    not read again: a link loop ends where it starts, and a link to an article adds no second copy
    of it. What cannot be read (a folder without permission, a broken link, two files that would
    get the same document id) comes out as a Rejected naming it.
    """
    walk = _Walk()
    for raw in paths:
        if raw == "-":
            yield Source(STDIN_ID, None)
        else:
            yield from walk.argument(Path(raw))
    yield from walk.links()


def _list_dir(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return list(entries)


class _Walk:
    def __init__(self) -> None:
        self.folders_seen: set[tuple[int, int]] = set()
        self.files_seen: set[tuple[int, int]] = set()
        self.ids: dict[str, str] = {}  # document id -> the file that has it
        self.deferred: list[tuple[Path, Path]] = []  # (symbolic link, the folder ids are relative to)

    def argument(self, path: Path) -> Iterator[Union[Source, Rejected]]:
        try:
            info = os.stat(path)
        except OSError as exc:
            yield Rejected(Source(_doc_id(path), path), _path_problem(path, exc))
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self.folder(path, path, info)
        else:  # named by the user: a pipe such as <(curl ...) is read too
            yield from self.file(Source(_doc_id(path), path), info, named=True)

    def folder(self, folder: Path, root: Path, info: os.stat_result) -> Iterator[Union[Source, Rejected]]:
        """Depth first, files before subfolders, each sorted by name (the order of `os.walk`)."""
        if (info.st_dev, info.st_ino) in self.folders_seen:
            return  # a link loop, or the same folder twice: everything in it is already listed
        self.folders_seen.add((info.st_dev, info.st_ino))
        stack = [folder]
        while stack:
            current = stack.pop()
            try:
                entries = sorted(_list_dir(current), key=lambda e: e.name)
            except OSError as exc:
                rel = printable_path(current.relative_to(root)) if current != root else printable_path(Path(root.name))
                yield Rejected(Source(rel, current), f"cannot read folder ({_os_reason(exc)})")
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                try:
                    if entry.is_symlink():
                        self.deferred.append((path, root))
                    elif entry.is_dir(follow_symlinks=False):
                        entry_info = entry.stat(follow_symlinks=False)
                        if (entry_info.st_dev, entry_info.st_ino) not in self.folders_seen:
                            self.folders_seen.add((entry_info.st_dev, entry_info.st_ino))
                            subfolders.append(path)
                    elif path.suffix.lower() in ARTICLE_SUFFIXES:
                        yield from self.file(Source(_doc_id(path, root), path), entry.stat(follow_symlinks=False))
                except OSError as exc:  # the entry vanished or cannot be examined
                    if path.suffix.lower() in ARTICLE_SUFFIXES:
                        yield Rejected(Source(_doc_id(path, root), path), _path_problem(path, exc))
            stack.extend(reversed(subfolders))

    def file(self, source: Source, info: os.stat_result, named: bool = False) -> Iterator[Union[Source, Rejected]]:
        if not named and not stat.S_ISREG(info.st_mode):
            # found in a folder, a named pipe would block the run forever and a device never ends
            yield Rejected(source, "not a regular file (a pipe, socket or device)")
            return
        if (info.st_dev, info.st_ino) in self.files_seen:
            return  # the same file under another name (a link, or named twice): read once
        self.files_seen.add((info.st_dev, info.st_ino))
        first = self.ids.get(source.doc_id)
        if first is not None:
            yield Rejected(source, f"same document id {source.doc_id!r} as {first}; rename one of them, "
                                   "or extract them into separate --db files")
            return
        self.ids[source.doc_id] = source.display
        yield source

    def links(self) -> Iterator[Union[Source, Rejected]]:
        """The symbolic links met on the way, including those found inside linked folders."""
        i = 0
        while i < len(self.deferred):
            link, root = self.deferred[i]
            i += 1
            is_article = link.suffix.lower() in ARTICLE_SUFFIXES
            try:
                info = os.stat(link)
            except OSError as exc:
                if is_article:
                    yield Rejected(Source(_doc_id(link, root), link), _path_problem(link, exc))
                continue  # a dangling link to something that was never an article
            if stat.S_ISDIR(info.st_mode):
                yield from self.folder(link, root, info)
            elif is_article:
                yield from self.file(Source(_doc_id(link, root), link), info)


def _doc_id(path: Path, root: Optional[Path] = None) -> str:
    """The path under the folder given (or the file's own name), without extension."""
    return printable_path(path.relative_to(root).with_suffix("") if root else Path(path.stem))


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _path_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file or folder"
    return f"cannot read ({_os_reason(exc)})"


# ---------------------------------------------------------------------------------------------
# Reading bytes as text

class _TooLarge(Exception):
    def __init__(self, size: Optional[int], limit: int):
        self.size, self.limit = size, limit

    @property
    def reason(self) -> str:
        limit = _megabytes(self.limit)
        size = f"{_megabytes(self.size)}" if self.size is not None else f"more than {limit}"
        return f"too large ({size}; the limit is {limit}, set {MAX_FILE_ENV} to change it)"


def _megabytes(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def max_file_bytes() -> int:
    """The size above which a file is skipped: FACTX_MAX_FILE_MB megabytes, 20 by default."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        mb = float(raw.replace(",", "."))
    except ValueError:
        mb = float("nan")
    if not (0 < mb < 1_000_000):
        raise UsageError(f"{MAX_FILE_ENV}={raw!r}: expected a size in megabytes, such as 50")
    return int(mb * 1024 * 1024)


def _read_file(path: Path, limit: int) -> bytes:
    """The file's bytes, read once: the text stored and the hash that marks it unchanged both come
    from these bytes, whatever happens to the file meanwhile."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            raise _TooLarge(size, limit)
        data = f.read(limit + 1)  # a file growing while read, or a pipe with no size, stops here too
    if len(data) > limit:
        raise _TooLarge(None, limit)
    return data


def _read_bytes(source: Source) -> bytes:
    limit = max_file_bytes()
    if source.path is not None:
        return _read_file(source.path, limit)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(None, limit)
    return data


def _legacy_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not valid UTF-8 are read as Windows-1252, the legacy
    encoding of French text (a byte it leaves undefined becomes U+FFFD)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


_LEGACY_FALLBACK = "factx-utf8-else-cp1252"
codecs.register_error(_LEGACY_FALLBACK, _legacy_fallback)

# a UTF-8 multi-byte character: Windows-1252 text almost never holds these byte pairs by chance
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                 (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MIXED_ENCODING = "utf-8+cp1252"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name; UTF-8 first, then what charset-normalizer finds, then cp1252.

    A file that mixes UTF-8 and Windows-1252 (articles pasted together from several sources) is
    read piece by piece: UTF-8 wherever the bytes are valid UTF-8, Windows-1252 for each byte that
    is not; its encoding is then "utf-8+cp1252". UTF-16 and UTF-32 are read when a byte-order mark
    says so. Raises ValueError with the reason when the bytes are not text.
    """
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if _control_ratio(text) < 0.02:
                return text, encoding
            break
    if b"\x00" in data[:65536]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8-sig", errors=_LEGACY_FALLBACK)
        if _control_ratio(text) < 0.02:
            return text, MIXED_ENCODING
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
    junk_within: re.Pattern  # junk glued inside a line, cut out and the line split there
    bullet_prefix: re.Pattern
    keep_prefixes: frozenset
    french: frozenset
    other: frozenset


@lru_cache(maxsize=1)
def _rules() -> _CleaningRules:
    raw = load_json_resource("boilerplate.json")
    junk = re.compile("(?:" + "|".join(f"(?:{p})" for p in raw["junk_lines"]) + ")", re.IGNORECASE)
    bullet_prefix = re.compile(rf"^[{re.escape(raw['bullet_glyphs'])}]+\s+")
    within = re.compile("|".join(f"(?:{j['pattern']})" for j in raw["junk_within_lines"]) or "(?!)", re.IGNORECASE)
    return _CleaningRules(junk, within, bullet_prefix, frozenset(raw["glued_name_prefixes_keep"]),
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
            if byline is None and _is_byline(line):
                byline = line
            last_junk = line
            continue
        if last_junk and len(line.split()) <= 5 and line.lower() in last_junk.lower():
            continue  # an author's name repeated under the photo credit that named them
        last_junk = ""
        for piece in rules.junk_within.split(line):
            for part in _unglue(piece.strip(), rules.keep_prefixes) if piece.strip() else ():
                kept.extend(_split_long_line(part) if len(part) > MAX_LINE_CHARS else (part,))
    return "\n".join(kept), byline


_SENTENCE_END = re.compile(r"[.!?…][»”\"')\]]*\s+")


def _split_long_line(line: str) -> list[str]:
    """A line too long to parse as one block, cut at the last sentence end before the limit (else at
    a space, else anywhere): no sentence runs across a line, so a cut there loses nothing."""
    parts = []
    while len(line) > MAX_LINE_CHARS:
        window = line[:MAX_LINE_CHARS]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window, MAX_LINE_CHARS // 2)), default=0)
        if not cut:
            cut = window.rfind(" ", MAX_LINE_CHARS // 2) + 1 or MAX_LINE_CHARS
        parts.append(line[:cut].strip())
        line = line[cut:].strip()
    parts.append(line)
    return [p for p in parts if p]


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
    drops menus, scripts and footers; htmldate reads the date from meta and time tags only).

    Pages nested deeper than lxml parses (it stops at 256 levels and drops everything below), and
    pages trafilatura finds nothing in, are read by a plain block reader instead.
    """
    trafilatura, find_date = _html_reader()
    text, title = "", ""
    if not _nested_too_deep(html):
        try:
            text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                                       include_links=False, include_images=False, deduplicate=False) or ""
        except Exception:  # lxml and trafilatura fail in many ways on broken markup; the plain reader takes over
            text = ""
    try:
        meta = trafilatura.extract_metadata(html)
        title = (meta.title if meta and meta.title else "") or ""
    except Exception:  # the title is optional, and guessed from the text when missing
        title = ""
    if not text.strip():
        text, plain_title = _plain_html_text(html)
        title = title or plain_title
    try:
        published = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises many kinds of parse errors on broken pages; the date is optional
        published = None
    return text, title, published


class ReaderUnavailable(Exception):
    """A reader library (the HTML stack) that cannot be imported: only the files it reads are skipped."""


def _html_reader():
    """trafilatura's module and htmldate's find_date, imported on the first page: a broken HTML stack
    (jusText without lxml_html_clean, say) then costs the HTML files only, never the text files."""
    try:
        import trafilatura
        from htmldate import find_date
    except Exception as exc:  # ImportError, or any error a half-installed dependency raises on import
        raise ReaderUnavailable(f"the HTML reader cannot be loaded ({type(exc).__name__}: {exc})") from None
    return trafilatura, find_date


def _nested_too_deep(html: str) -> bool:
    """True when libxml2 (under trafilatura) would cut the page at its nesting limit."""
    import lxml.etree

    parser = lxml.etree.HTMLParser(recover=True)
    try:
        lxml.etree.fromstring(html.encode("utf-8"), parser)
    except Exception as exc:  # an unparseable page is trafilatura's to judge; only depth matters here
        return "depth" in str(exc).lower()
    return any("excessive depth" in e.message.lower() for e in parser.error_log)


_SKIPPED_HTML = {"script", "style", "noscript", "template", "svg", "math", "select", "button"}
_BLOCK_HTML = {"address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt", "figcaption",
               "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
               "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _PlainHTML(HTMLParser):
    """Text blocks of a page, at any nesting depth (html.parser keeps no tree, so depth costs nothing)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.blocks: list[tuple[str, bool]] = []  # (text, is a heading)
        self.words: list[str] = []
        self.heading = False
        self.title: list[str] = []
        self.in_title = False

    def _end_block(self) -> None:
        if self.words:
            self.blocks.append((" ".join(self.words), self.heading))
        self.words = []
        self.heading = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_HTML:
            self.skipping.append(tag)
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK_HTML:
            self._end_block()
            self.heading = tag in _HEADINGS

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_HTML:
            self._end_block()

    def handle_data(self, data):
        if self.skipping:
            return
        if self.in_title:
            self.title.append(data)
        else:
            self.words.extend(data.split())


def _plain_html_text(html: str) -> tuple[str, str]:
    reader = _PlainHTML()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # html.parser gives up on some malformed declarations; keep what it read so far
        pass
    reader._end_block()
    # without trafilatura's judgement, a block counts as article text only if it reads like prose:
    # menus and buttons are short runs of words without a sentence end
    lines = [text for text, heading in reader.blocks
             if heading or (len(text.split()) >= 4 and re.search(r"[.!?…»:;]", text)) or len(text.split()) >= 12]
    title = " ".join(" ".join(reader.title).split())
    if not title:
        title = next((text for text, heading in reader.blocks if heading), "")
    return "\n".join(lines), title


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
    except _TooLarge as exc:
        return Rejected(source, exc.reason)
    except OSError as exc:
        return Rejected(source, _path_problem(source.path, exc) if source.path else f"cannot read ({_os_reason(exc)})")
    if not data.strip():
        return Rejected(source, "empty file")
    try:
        raw, encoding = decode_bytes(data)
    except ValueError as exc:
        return Rejected(source, str(exc))

    kind = ARTICLE_SUFFIXES.get(source.path.suffix.lower(), "text") if source.path else _sniff_kind(raw)
    title, date_value, date_source = "", None, None
    if kind == "html":
        try:
            raw, title, date_value = _html_to_text(raw)
        except ReaderUnavailable as exc:
            return Rejected(source, str(exc))
        date_source = "html-meta" if date_value else None
    elif kind == "markdown" or raw.startswith("---\n"):
        meta, body = _split_front_matter(raw)
        raw = _markdown_to_text(body)
        title = str(meta.get("title") or "")
        if meta.get("date"):
            date_value, date_source = str(meta["date"]), "front-matter"
    if kind != "html":
        headers, raw = split_header_lines(raw)
        title = title or headers.get("title", "")
        if date_value is None and headers.get("date"):
            date_value, date_source = headers["date"], "header"
        if date_value is None and headers.get("url"):
            date_value = _date_in_address(headers["url"])
            date_source = "url" if date_value else None
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


@lru_cache(maxsize=1)
def _header_fields() -> dict[str, str]:
    """Folded header name -> field (models/text_headers.json)."""
    return {_fold_header(name): field for field, names in load_json_resource("text_headers.json")["fields"].items()
            for name in names}


def _fold_header(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.strip().lower()) if not unicodedata.combining(c))


_HEADER_LINE = re.compile(r"^\s*([^\W\d][\w .'-]{0,30}?)\s*:\s*(\S.*?)\s*$")


def _is_byline(line: str) -> bool:
    """'Publié le 20 juin 2024 à 18h40': a publication line with a date (its cue words are the date
    reader's, models/temporal_fr.json byline_cues)."""
    from .temporal import byline_pattern

    return bool(byline_pattern().match(line.lstrip())) and any(c.isdigit() for c in line)


def split_header_lines(raw: str) -> tuple[dict[str, str], str]:
    """The metadata lines that open a text file ('URL: …', 'Date: …', 'Titre: …'), as fields, and the
    text after them. Only a run of such lines at the very top counts, ended by a blank line or the
    first line that is not one; a text that opens with 'Paris: le conseil a voté' keeps it, since
    'Paris' names no field."""
    fields: dict[str, str] = {}
    lines = raw.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    k = first
    while k < len(lines):
        m = _HEADER_LINE.match(lines[k])
        field = _header_fields().get(_fold_header(m[1])) if m else None
        if field is None:
            break
        fields.setdefault(field, m[2])
        k += 1
    if not fields or k < len(lines) and lines[k].strip() and not fields.get("url") and len(fields) < 2:
        # one lone 'Source: AFP' line glued to the text is a credit, not a header block
        return {}, raw
    return fields, "\n".join(lines[:first] + lines[k:])


def _date_in_address(url: str) -> Optional[str]:
    """The day an article's address holds ('/2024/06/20/', '-2024-06-20'), as htmldate reads it; None
    when it holds none, or when the HTML stack cannot be loaded (the text is read all the same)."""
    try:
        _, find_date = _html_reader()
        return find_date("<html><body></body></html>", url=url, extensive_search=False, original_date=True,
                         outputformat="%Y-%m-%d")
    except Exception:  # htmldate fails in several ways on odd addresses; the date is optional
        return None


def _sniff_kind(raw: str) -> str:
    head = raw[:2000].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head:
        return "html"
    return "text"


def read_text(name: str) -> str:
    """A file, or '-' for stdin, as text for the commands that read one text (`factx dates`): the
    same size limit and decoding as articles, and an InputError naming it when it cannot be read."""
    source = Source(STDIN_ID, None) if name == "-" else Source(_doc_id(Path(name)), Path(name))
    try:
        return decode_bytes(_read_bytes(source))[0]
    except _TooLarge as exc:
        raise InputError(source.display, exc.reason) from None
    except OSError as exc:
        reason = _path_problem(source.path, exc) if source.path else f"cannot read ({_os_reason(exc)})"
        raise InputError(source.display, reason) from None
    except ValueError as exc:
        raise InputError(source.display, str(exc)) from None
