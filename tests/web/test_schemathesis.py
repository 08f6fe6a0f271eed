"""A bounded property-based run of the public API against its own OpenAPI description (schemathesis): generated
queries and paths never produce a server error on any documented GET operation."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from web_helpers import make_settings

from ipoffice.web.app import create_app

schemathesis = pytest.importorskip("schemathesis")


def test_public_api_never_fails(office) -> None:  # type: ignore[no-untyped-def]
    app = create_app(settings=make_settings(office[0]))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app).include(method="GET")
    checked = []
    try:
        for result in schema.get_all_operations():
            op = result.ok()

            @given(case=op.as_strategy())
            @settings(
                max_examples=8,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def run(case) -> None:  # type: ignore[no-untyped-def]
                response = case.call()
                assert response.status_code < 500, (case.path, case.query, response.text)

            run()
            checked.append(op.label)
    finally:
        app.state.dispose()
    assert len(checked) >= 8, checked
