"""Shared fixtures.

The French spaCy pipeline is slow to load (several seconds), so it is loaded ONCE per test session
(`nlp`), and every extract run in the suite -- through `pipeline.run_extract` or through the CLI --
reuses that object (`reuse_model` swaps the loader the pipeline module calls). The sample folder is
extracted once into a temporary SQLite file (`samples_db`); tests that change a store work on a copy.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# no .hypothesis/ folder in the checkout, and no flaky deadline failures on a loaded CI machine
settings.register_profile("factx", database=None, deadline=None, max_examples=200,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("factx")


def pytest_collection_modifyitems(items):
    """A test that uses the model through a fixture is a model test even if its mark was forgotten."""
    model_fixtures = {"nlp", "reuse_model", "samples_db", "samples_extract"}
    for item in items:
        if model_fixtures & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def gazetteer():
    from factx.actors import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def nlp(gazetteer):
    """The full French pipeline with the gazetteer, loaded once for the whole run."""
    from factx.errors import ModelError
    from factx.nlp import load_pipeline

    try:
        return load_pipeline("fr_core_news_md", gazetteer.patterns())
    except ModelError as exc:  # pragma: no cover - only on a machine without the model
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def reuse_model(nlp, gazetteer):
    """Make every extract run of the session reuse the already loaded pipeline.

    Returns the list of (model, n_patterns) the pipeline asked for, so a test can check whether an
    extract run needed the model at all. Requests for another model or other patterns (a user
    gazetteer) still go to the real loader.
    """
    import factx.nlp as nlp_module
    import factx.pipeline as pipeline_module

    real_loader = nlp_module.load_pipeline
    default_patterns = gazetteer.patterns()
    requests: list[tuple[str, int]] = []

    def cached_loader(model: str = "fr_core_news_md", patterns=()):
        patterns = list(patterns)
        requests.append((model, len(patterns)))
        if model == "fr_core_news_md" and patterns == default_patterns:
            return nlp
        return real_loader(model, patterns)

    mp = pytest.MonkeyPatch()
    mp.setattr(nlp_module, "load_pipeline", cached_loader)
    mp.setattr(pipeline_module, "load_pipeline", cached_loader, raising=False)
    yield requests
    mp.undo()


@dataclass(frozen=True)
class SamplesExtract:
    db: Path
    report: object  # pipeline.ExtractReport


@pytest.fixture(scope="session")
def samples_extract(reuse_model, tmp_path_factory) -> SamplesExtract:
    """`factx extract samples/` once, run from the repository root like a user would."""
    from factx.pipeline import ExtractOptions, run_extract
    from factx.store import Store

    db = tmp_path_factory.mktemp("samples") / "samples.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        store = Store.open(db)
        try:
            report = run_extract(["samples/"], store, ExtractOptions())
        finally:
            store.close()
    return SamplesExtract(db, report)


@pytest.fixture(scope="session")
def samples_db(samples_extract) -> Path:
    """Path of the SQLite store holding the extracted samples (read-only: copy it to change it)."""
    return samples_extract.db


@pytest.fixture
def samples_db_copy(samples_db, tmp_path) -> Path:
    """A private copy of the samples store that a test may modify."""
    target = tmp_path / "copy.db"
    shutil.copyfile(samples_db, target)
    return target
