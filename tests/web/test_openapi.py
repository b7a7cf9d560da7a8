"""The front end is typed from the API: the committed OpenAPI document and the TypeScript
types generated from it must match the server's models."""

from __future__ import annotations

from la4ai.web.openapi import openapi_document, openapi_json
from tests.conftest import REPO, run_frontend_script

FRONTEND = REPO / "frontend"


def test_committed_openapi_document_is_current() -> None:
    committed = (FRONTEND / "src" / "api" / "openapi.json").read_text("utf-8")
    assert committed == openapi_json(), "stale: run `make api-types` and commit the result"


def test_generated_typescript_types_are_current() -> None:
    result = run_frontend_script("check-api-types.mjs")
    assert result.returncode == 0, result.stderr


def test_every_operation_has_a_stable_id_and_a_description() -> None:
    document = openapi_document()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["operationId"].isidentifier(), (method, path)
            assert operation.get("description"), (method, path)
