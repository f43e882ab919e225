"""Checks every data file of models/ against its JSON schema (factx/schemas/) when it is loaded.

The schemas are standard JSON Schema (draft 2020-12), and the tests also check the data files with the
`jsonschema` package. At run time this module checks the subset of keywords the schemas use, because
importing `jsonschema` costs more than reading every date of a short article (`factx dates` is timed
with its start-up, bench/dates_speed.py). A keyword outside the subset is refused, so that no schema
says more than is checked.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from .errors import DataFileError
from .resources import schema_path

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "$defs", "examples"}
_CHECKED = {"type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems", "maxItems",
            "enum", "pattern", "minLength", "minimum", "maximum", "$ref", "anyOf", "propertyNames"}


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


def check(document: Any, schema_name: str, origin: str) -> None:
    """Raise DataFileError naming `origin` (the data file) and the field when `document` breaks the
    schema `schema_name`."""
    schema = load_schema(schema_name)
    problem = _first_problem(document, schema, schema, "")
    if problem is not None:
        where, message = problem
        raise DataFileError(f"{origin}: {where or '(top level)'}: {message}")


_SUPPORTED: set[int] = set()  # ids of the (cached, never changing) schema nodes already found supported


def _first_problem(value: Any, schema: dict, root: dict, where: str):
    if id(schema) not in _SUPPORTED:
        unknown = set(schema) - _CHECKED - _ANNOTATIONS
        if unknown:
            raise ValueError(f"schema keyword(s) {sorted(unknown)} not supported by factx.validation")
        _SUPPORTED.add(id(schema))
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"only local #/$defs/ references are supported, not {ref}")
        return _first_problem(value, root["$defs"][ref[len("#/$defs/"):]], root, where)
    if "anyOf" in schema:
        problems = []
        for option in schema["anyOf"]:
            problem = _first_problem(value, option, root, where)
            if problem is None:
                break
            problems.append(problem)
        else:
            return max(problems, key=lambda p: len(p[0]))  # the deepest says most
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return where, f"expected {' or '.join(types)}, found {_json_type(value)}"
    if "enum" in schema and value not in schema["enum"]:
        return where, f"{value!r} is not one of {schema['enum']}"
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            return where, f"expected at least {schema['minLength']} character(s)"
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return where, f"{value!r} does not match {schema['pattern']}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return where, f"{value} is below {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            return where, f"{value} is above {schema['maximum']}"
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            return where, f"expected at least {schema['minItems']} item(s)"
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            return where, f"expected at most {schema['maxItems']} item(s)"
        for i, (item, sub) in enumerate(zip(value, schema.get("prefixItems", ()))):
            problem = _first_problem(item, sub, root, f"{where}[{i}]")
            if problem:
                return problem
        if "items" in schema:
            for i, item in enumerate(value):
                problem = _first_problem(item, schema["items"], root, f"{where}[{i}]")
                if problem:
                    return problem
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                return _field(where, key), "missing"
        properties = schema.get("properties", {})
        for key, item in value.items():
            if "propertyNames" in schema:
                problem = _first_problem(key, schema["propertyNames"], root, _field(where, key))
                if problem:
                    return problem[0], f"field name {problem[1]}"
            if key in properties:
                sub = properties[key]
            elif schema.get("additionalProperties", True) is False:
                return _field(where, key), "unknown field"
            elif isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
            else:
                continue
            problem = _first_problem(item, sub, root, _field(where, key))
            if problem:
                return problem
    return None


def _field(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _json_type(value: Any) -> str:
    return next((t for t in ("null", "boolean", "integer", "number", "string", "array", "object") if _TYPES[t](value)),
                type(value).__name__)
