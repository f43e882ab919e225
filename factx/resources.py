"""Where the data files the pipeline loads live: models/ beside the package in a checkout,
factx/models inside an installed wheel."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .errors import DataFileError

_PACKAGE_DIR = Path(__file__).resolve().parent


def models_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "models", _PACKAGE_DIR.parent / "models"):
        if candidate.is_dir():
            return candidate
    raise DataFileError("models/ directory not found beside the factx package")


def schema_path(name: str) -> Path:
    return _PACKAGE_DIR / "schemas" / name


# the schema of each data file of models/ (factx/schemas/): its stem's, unless named here
_SCHEMAS = {"temporal_fr.json": "temporal_lexicon.schema.json", "temporal/pieces.json": "temporal_pieces.schema.json",
            "temporal/rules.json": "temporal_rules.schema.json"}


def schema_of(name: str) -> str:
    """The schema file a data file of models/ is checked against ('actors.json' -> 'actors.schema.json')."""
    return _SCHEMAS.get(name) or f"{Path(name).stem}.schema.json"


@lru_cache(maxsize=None)
def load_json_resource(name: str) -> Any:
    """Read a JSON data file from models/ once per process (the files never change at run time),
    checked against its schema: a malformed file is a DataFileError naming the file and the field."""
    from .validation import check

    path = models_dir() / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path}: data file missing") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    check(data, schema_of(name), str(path))
    return data


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of a data file's words, longest first so that 'à présent' is tried before
    'présent'; one that matches nothing when there are none."""
    words = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, words)) + ")" if words else "(?!)"
