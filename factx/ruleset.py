"""The fingerprint of everything besides a file that decides what factx stores for it: the code,
every data file the pipeline loads (models/), and the options of the run.

A stored document remembers the fingerprint it was extracted under, and a merge the one it found
its pairs under: a re-run extracts a file again, and merges anew, exactly when one of them changes.
The code is fingerprinted by its own bytes rather than by a version number somebody must remember
to raise, so a rule or threshold changed in code counts as surely as one changed in a data file.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from . import __version__
from .resources import models_dir

_PACKAGE_DIR = Path(__file__).resolve().parent


def _digest_files(root: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version and the bytes of every module of the package."""
    return hashlib.sha256((__version__ + _digest_files(_PACKAGE_DIR, _PACKAGE_DIR.rglob("*.py"))).encode()).hexdigest()


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """The bytes of every data file of models/ (gazetteer, lexicons, patterns, frames)."""
    root = models_dir()
    return _digest_files(root, (p for p in root.rglob("*") if p.is_file()))


def rules_fingerprint() -> str:
    """Code and data together: what the merge's pairs are found and scored under."""
    return hashlib.sha256(f"{code_fingerprint()} {data_fingerprint()}".encode()).hexdigest()[:16]


def extraction_fingerprint(model: str, model_version: Optional[str], document_date: Optional[str],
                           run_date: Optional[date], user_gazetteers: Iterable[str]) -> str:
    """What besides its bytes decides what a file is stored as: the rules, the spaCy pipeline and its
    version, the user's --dct, an explicit --run-date (the day a guessed article date may not pass:
    left out when it is today's by default, so that an unchanged folder is not extracted again each
    day), and the contents of the user's own gazetteers."""
    key = "\n".join([rules_fingerprint(), model, model_version or "", document_date or "",
                     run_date.isoformat() if run_date else "", *user_gazetteers])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()
