"""Every data file of models/ is checked against its schema when it is loaded."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from factx import resources
from factx.errors import DataFileError
from factx.resources import load_json_resource, models_dir, schema_of, schema_path


def _data_files() -> list[str]:
    root = models_dir()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json"))


@pytest.mark.parametrize("name", _data_files())
def test_every_data_file_has_a_schema_and_follows_it(name):
    assert schema_path(schema_of(name)).is_file(), f"no schema for models/{name}"
    load_json_resource.cache_clear()
    assert load_json_resource(name) is not None


@pytest.mark.parametrize("name, breaking, field", [
    ("actors.json", lambda d: d["entries"][0].update(kind="PERSON"), "entries[0].kind"),
    ("boilerplate.json", lambda d: d.update(junk_lines="menu"), "junk_lines"),
    ("event_frames.json", lambda d: d["frames"].update(visit=[1]), "frames.visit[0]"),
    ("text_headers.json", lambda d: d.pop("fields"), "fields"),
    ("temporal_fr.json", lambda d: d.pop("byline_cues"), "byline_cues"),
])
def test_a_malformed_data_file_names_the_file_and_the_field(tmp_path, monkeypatch, name, breaking, field):
    models = tmp_path / "models"
    shutil.copytree(models_dir(), models)
    document = json.loads((models / name).read_text(encoding="utf-8"))
    breaking(document)
    (models / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(resources, "models_dir", lambda: models)
    load_json_resource.cache_clear()
    try:
        with pytest.raises(DataFileError, match=re.escape(f"models/{name}: {field}:")):
            load_json_resource(name)
    finally:
        load_json_resource.cache_clear()
