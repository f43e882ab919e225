"""The compiler of the date grammar: the pieces of models/temporal/pieces.json and the rules of
models/temporal/rules.json become compiled regular expressions, once per process.

A pattern refers to a piece as {NAME}, standing for (?:piece), or {NAME:group}, standing for
(?P<group>piece). A piece is a regex (written with other pieces) or the words of tables of the lexicon
(models/temporal_fr.json), escaped and tried longest first. Anything that does not fit (an unknown
piece or handler, a loop of pieces, a pattern that does not compile, a piece whose groups are not the
ones it declares) raises DataFileError naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..errors import DataFileError
from ..resources import models_dir
from .handlers import HANDLERS
from .lexicon import PIECES_FILE, RULES_FILE, lexicon_raw, pieces_data, rules_data

FLAGS = re.IGNORECASE
_REFERENCE = re.compile(r"\{([A-Z][A-Z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handler: Callable
    priority: int


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _where(file: str) -> str:
    return str(models_dir() / file)


@lru_cache(maxsize=1)
def _expanded_pieces() -> dict[str, str]:
    """Every piece's regex text, its references to other pieces replaced."""
    pieces = pieces_data()["pieces"]
    done: dict[str, str] = {}

    def expand(name: str, field: str, stack: tuple) -> str:
        if name not in pieces:
            raise DataFileError(f"{_where(PIECES_FILE)}: {field}: unknown piece {{{name}}}")
        if name in stack:
            raise DataFileError(f"{_where(PIECES_FILE)}: pieces.{name}: refers to itself through {' -> '.join(stack)}")
        if name not in done:
            spec = pieces[name]
            if ("regex" in spec) == ("words" in spec):
                raise DataFileError(f"{_where(PIECES_FILE)}: pieces.{name}: needs either 'regex' or 'words'")
            if "regex" in spec:
                done[name] = substitute(_text(spec["regex"]), f"pieces.{name}.regex", (*stack, name), expand)
            else:
                done[name] = _words(name, spec)
        return done[name]

    for name in pieces:
        expand(name, f"pieces.{name}", ())
    for name, spec in pieces.items():
        _check_groups(name, spec, done[name])
    return done


def substitute(pattern: str, field: str, stack: tuple, expand: Callable) -> str:
    """`pattern` with its references replaced. A piece goes in without a group of its own where none
    is needed (a whole alternative, or a piece with no '|' of its own and no quantifier after it), so
    that the compiled pattern is the one a person would write by hand: nested alternatives cost the
    regular-expression engine time on every position of every text."""
    def replace(m: re.Match) -> str:
        body = expand(m.group(1), field, stack)
        if m.group(2):
            return f"(?P<{m.group(2)}>{body})"
        before, after = pattern[:m.start()], pattern[m.end():]
        whole_alternative = _OPENS_ALTERNATIVE.search(before) and _CLOSES_ALTERNATIVE.match(after)
        if whole_alternative or not _has_top_level_bar(body) and not _QUANTIFIER.match(after):
            return body
        return f"(?:{body})"

    return _REFERENCE.sub(replace, pattern)


# what stands right before and after a reference that is a whole alternative: the start of the pattern,
# of a group or of an alternative, and the end of one (a quantifier after ')' applies to the group)
_OPENS_ALTERNATIVE = re.compile(r"(?:^|(?<!\\)\||(?<!\\)\((?:\?(?::|P<\w+>|=|!|<=|<!))?)$")
_CLOSES_ALTERNATIVE = re.compile(r"$|\||\)")
_QUANTIFIER = re.compile(r"[?*+]|\{\d")


def _has_top_level_bar(text: str) -> bool:
    """Whether `text` is an alternation at its top level ('a|b'), not only inside groups ('(?:a|b)c')."""
    depth, i, in_class = 0, 0, False
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if text[i + 1:i + 2] == "]":  # a ']' right after '[' is a member, not the end
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def _words(name: str, spec: dict) -> str:
    """The alternation of a words piece: longest first, so that 'septembre' is tried before 'sept'."""
    raw = lexicon_raw()
    words: list[str] = []
    for table in spec["words"]:
        if not isinstance(raw.get(table), (dict, list)):
            raise DataFileError(f"{_where(PIECES_FILE)}: pieces.{name}.words: '{table}' is not a table or list of "
                                f"{_where('temporal_fr.json')}")
        words.extend(w for w in raw[table] if w not in words)
    if not words:
        raise DataFileError(f"{_where(PIECES_FILE)}: pieces.{name}.words: no words")
    abbreviations = ({w for w in words if any(o != w and o.startswith(w) for o in words)}
                     if spec.get("abbreviations_take_full_stop") else set())
    alternatives = []
    for word in words:
        text = re.escape(word)
        if "spaces" in spec:
            text = text.replace(r"\ ", spec["spaces"])
        alternatives.append(text + (r"\.?" if word in abbreviations else ""))
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return f"(?:{body}){spec['suffix']}" if spec.get("suffix") else body


_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")


def _check_groups(name: str, spec: dict, text: str) -> None:
    groups = set(_GROUP.findall(text))
    if groups != set(spec.get("groups", ())):
        raise DataFileError(f"{_where(PIECES_FILE)}: pieces.{name}.groups: the piece names the groups "
                            f"{sorted(groups)}, not {sorted(spec.get('groups', ()))}")


@lru_cache(maxsize=None)
def piece(name: str) -> str:
    """A piece's regex text, as a group: for the few patterns written in code around it."""
    pieces = _expanded_pieces()
    if name not in pieces:
        raise KeyError(f"no piece {name} in {PIECES_FILE}")
    return f"(?:{pieces[name]})"


@lru_cache(maxsize=None)
def compiled_piece(name: str) -> re.Pattern:
    """A piece that is a whole pattern of its own (PLACE_NAME), compiled like the rules."""
    try:
        return re.compile(piece(name), FLAGS)
    except re.error as exc:
        raise DataFileError(f"{_where(PIECES_FILE)}: pieces.{name}: does not compile ({exc})") from None


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules in file order (which breaks ties between equal matches), compiled."""
    pieces = _expanded_pieces()
    where = _where(RULES_FILE)

    def expand(name: str, field: str, stack: tuple) -> str:
        if name not in pieces:
            raise DataFileError(f"{where}: {field}: unknown piece {{{name}}}")
        return pieces[name]

    out: list[Rule] = []
    seen: set[str] = set()
    for i, spec in enumerate(rules_data()["rules"]):
        field = f"rules[{i}] ({spec['name']})"
        if spec["name"] in seen:
            raise DataFileError(f"{where}: {field}.name: a second rule of that name")
        seen.add(spec["name"])
        handler = HANDLERS.get(spec["handler"])
        if handler is None:
            raise DataFileError(f"{where}: {field}.handler: no handler '{spec['handler']}' in factx/temporal/handlers/")
        text = substitute(_text(spec["pattern"]), f"{field}.pattern", (), expand)
        try:
            pattern = re.compile(text, FLAGS)
        except re.error as exc:
            raise DataFileError(f"{where}: {field}.pattern: does not compile ({exc})") from None
        out.append(Rule(spec["name"], pattern, handler, spec["priority"]))
    return tuple(out)
