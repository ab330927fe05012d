"""Schemathesis against the OpenAPI schema: generated (valid and invalid) requests get no server error,
documented status codes and responses that match the schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from sitrep.serve import create_app
from sitrep.settings import Settings
from sitrep.store import Store

EXAMPLES_PER_OPERATION = 40


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api_schema(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, seed) -> Iterator[schemathesis.BaseSchema]:  # noqa: ANN001 - seed: a fixture
    """The app's schema, served by the app on a seeded store (ingest off: no token)."""
    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('schema')) / 'sitrep.db'}"
    else:
        database = request.getfixturevalue("postgres_database")
        database.reset()
        url = database.url
    with Store(url) as store:
        seed(store)
        yield schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(database_url=url), store))


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=lambda mode: mode.value)
def test_api_conforms_to_its_schema(api_schema: schemathesis.BaseSchema, mode: schemathesis.GenerationMode) -> None:
    """Every operation, with valid (positive) or invalid (negative) generated requests, passes every check."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 7
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate()

        try:
            conforms()
        except Unsatisfiable:  # nothing to make invalid (e.g. /api/tallies takes no parameter)
            assert mode is schemathesis.GenerationMode.NEGATIVE and not operation.query and not operation.body
