"""Where a rule's regular expression can match, found cheaply: the same matches as
`rule.pattern.finditer(text)`, without running the pattern at every position of the text.

Every rule opens on a look-behind and is compiled case-insensitive, which keeps the regular-expression
engine from its fast search for the pattern's first characters: it tries the whole pattern at every
position, and 45 rules over every article cost most of the date reader's time. Yet a match can only
begin with a few strings ("depuis", "le", "ce", a weekday, a digit...). Those strings are read from the
compiled rule itself (its parse tree, once per process), never listed by hand, and become a *starter*:
a case-sensitive pattern that the engine does search fast, run over the text folded to one case
(`fold`, which maps each character to the one the rules' IGNORECASE takes it for). The rule then runs
only where its starter finds a start, with `pattern.match`, which sees the text before that position
as `finditer` does (its look-behinds included). A rule whose starts cannot be read (one that may match
an empty string, or begin with any character) keeps `finditer`.

Exactness: every position where a match can begin is a starter hit (the starts are a superset: the
starter ignores every assertion but the leading look-behind, and cuts its strings short whenever
unsure), and matches are taken left to right, each search resuming at the end of the last match, as
`finditer` does. A test holds the two equal over the team's texts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

try:  # the parse tree of `re`: the module moved in 3.11
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# How many characters of a start the starter checks, and how many different starts it may hold: longer
# starts find fewer false positions, more of them make a longer starter
START_CHARS = 4
MAX_STARTS = 200
# a character class is spelt out into its characters only when it holds at most this many
MAX_CLASS = 32


# \d and \s (Unicode) in a start: characters no text holds, written back as classes in the starter;
# the fold leaves digits and spaces as they are
_CLASSES = {_c.CATEGORY_DIGIT: "\x01", _c.CATEGORY_SPACE: "\x02"}
_CLASS_REGEX = {"\x01": r"\d", "\x02": r"\s"}


def _regex(text: str) -> str:
    return "".join(_CLASS_REGEX.get(ch) or re.escape(ch) for ch in text)


class _Unknown(Exception):
    """The starts of a pattern cannot be read: the rule keeps its plain scan."""


class _Fold(dict):
    """str.translate table: each character to the first character of `alphabet` the rules' flags
    (IGNORECASE) take it for, itself if none. Filled as characters are met."""

    def __init__(self, alphabet: str, flags: int):
        super().__init__()
        self.alphabet = [(ch, re.compile(re.escape(ch), flags)) for ch in alphabet]

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        out = next((a for a, p in self.alphabet if p.fullmatch(ch)), ch)
        self[code] = ord(out)
        return ord(out)


def _chars_of(items, flags: int) -> Optional[list[str]]:
    """The characters an IN node accepts, or None when there are too many or they cannot be listed."""
    out: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo >= MAX_CLASS:
                return None
            out.extend(chr(c) for c in range(lo, hi + 1))
        elif op is _c.CATEGORY and av in _CLASSES:
            out.append(_CLASSES[av])  # \d or \s: one atom, written back as such in the starter
        else:  # NEGATE, other categories (\w)
            return None
        if len(out) > MAX_CLASS:
            return None
    return out


def _starts(data: list, flags: int) -> set[str]:
    """Strings one of which begins every match of the parsed pattern `data`, in the pattern's own
    spelling: as long as START_CHARS, or shorter where more than MAX_STARTS would be needed (days and
    years spelt out digit by digit multiply)."""
    for length in range(START_CHARS, 0, -1):
        found = _starts_of_length(data, flags, length)
        if len(found) <= MAX_STARTS:
            return found
    raise _Unknown("too many starts")


def _starts_of_length(data: list, flags: int, length: int) -> set[str]:
    """`_starts` cut to `length` characters; '' among them raises _Unknown (a match may begin with anything)."""
    found: set[str] = set()
    budget = [20000]

    def walk(items: list, prefix: str) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Unknown("too many paths")
        if len(prefix) >= length or not items:
            found.add(prefix[:length])
            return
        (op, av), rest = items[0], items[1:]
        if op is _c.LITERAL:
            walk(rest, prefix + chr(av))
        elif op is _c.IN:
            chars = _chars_of(av, flags)
            if chars is None:
                found.add(prefix)
            else:
                for ch in chars:
                    walk(rest, prefix + ch)
        elif op is _c.SUBPATTERN:
            walk(list(av[3].data) + rest, prefix)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            walk(list(av.data) + rest, prefix)
        elif op is _c.BRANCH:
            for alternative in av[1]:
                walk(list(alternative.data) + rest, prefix)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
            lo, hi, sub = av
            if hi == 0:
                walk(rest, prefix)
                return
            again = [(op, (max(lo - 1, 0), hi if hi is _c.MAXREPEAT else hi - 1, sub))] if hi is _c.MAXREPEAT or hi > 1 else []
            if lo == 0:
                walk(rest, prefix)
            if sub.getwidth()[0] == 0 and again:
                raise _Unknown("a repeated part that may be empty")
            walk(list(sub.data) + again + rest, prefix)
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            walk(rest, prefix)  # zero width: skipping it only lets more positions through
        else:  # ANY, NOT_LITERAL, group references...: the start is known this far
            found.add(prefix)

    walk(list(data), "")
    if "" in found:
        raise _Unknown("a match may begin anywhere")
    return found


def _opens_on_word_start(data: list) -> bool:
    """Whether the pattern opens on the look-behind (?<![\\w]) (or (?<!\\w)): then so does its starter."""
    if not data:
        return False
    op, av = data[0]
    if op is not _c.ASSERT_NOT or av[0] != -1:
        return False
    inner = list(av[1].data)
    return len(inner) == 1 and (
        inner[0] == (_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)]) or inner[0] == (_c.CATEGORY, _c.CATEGORY_WORD))


class Starter:
    """The positions of a text where one rule's match may begin."""

    def __init__(self, pattern: re.Pattern, starts: set[str], word_start: bool):
        self.pattern = pattern
        self.starts = starts
        self.word_start = word_start
        self.search: Optional[re.Pattern] = None  # compiled once the fold is known

    def build(self, fold: _Fold) -> None:
        by_first: dict[str, set[str]] = {}
        for s in self.starts:
            s = s.translate(fold)
            by_first.setdefault(s[0], set()).add(s[1:])
        behind = r"(?<!\w[\s\S])" if self.word_start else ""
        alternatives = []
        for first in sorted(by_first):
            rests = by_first[first]
            ahead = "" if "" in rests else "(?=" + "|".join(_regex(r) for r in sorted(rests, key=len, reverse=True)) + ")"
            alternatives.append(_regex(first) + behind + ahead)
        # each alternative opens on a literal character and the pattern is case-sensitive: the engine
        # looks for those first characters with its fast search
        self.search = re.compile("|".join(alternatives))


@lru_cache(maxsize=None)
def _starter_of(pattern: re.Pattern) -> Optional[Starter]:
    try:
        data = _p.parse(pattern.pattern, pattern.flags).data
        return Starter(pattern, _starts(data, pattern.flags), _opens_on_word_start(data))
    except (_Unknown, RecursionError, AttributeError, TypeError, ValueError, re.error):
        return None


class Scanner:
    """Finds the rules' matches in texts: `scanner.finditer(pattern, folded, text)` gives what
    `pattern.finditer(text)` gives, `folded` being `scanner.fold(text)`."""

    def __init__(self, patterns: list[re.Pattern]):
        flags = {p.flags for p in patterns}
        starters = {p: _starter_of(p) for p in patterns}
        alphabet = "".join(sorted({ch.lower() for s in starters.values() if s for start in s.starts for ch in start}
                                  - set(_CLASS_REGEX)))
        self.table = _Fold(alphabet, next(iter(flags)) if len(flags) == 1 else re.IGNORECASE | re.UNICODE)
        if len(flags) != 1 or not self._fold_agrees(alphabet, next(iter(flags))):
            starters = dict.fromkeys(patterns)  # a fold that is not re's own: no shortcut
        for s in starters.values():
            if s is not None:
                s.build(self.table)
        self.starters = starters

    def _fold_agrees(self, alphabet: str, flags: int) -> bool:
        """The fold is an equivalence on the alphabet exactly where the flags make one."""
        for a in alphabet:
            for b in alphabet:
                same = re.fullmatch(re.escape(a), b, flags) is not None
                if same != (a.translate(self.table) == b.translate(self.table)):
                    return False
        return True

    def fold(self, text: str) -> str:
        return text.translate(self.table)

    def finditer(self, pattern: re.Pattern, folded: str, text: str) -> Iterator[re.Match]:
        starter = self.starters.get(pattern)
        if starter is None:
            yield from pattern.finditer(text)
            return
        match = pattern.match
        resume = 0
        for hit in starter.search.finditer(folded):
            at = hit.start()
            if at < resume:
                continue
            m = match(text, at)
            if m is not None:
                yield m
                resume = m.end()
