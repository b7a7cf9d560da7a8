"""Add the WebSocket protocol's message models to the OpenAPI document.

WebSocket routes do not appear in OpenAPI, but the front end's types are generated from it;
so the models of :mod:`la4ai.runtime.events` are published as components
(``ClientMessage``, ``ServerEvent`` and each message), the single source of both sides.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import TypeAdapter

from la4ai.runtime.events import ClientMessage, ServerEvent

__all__ = ["install_protocol_schemas"]

_REF = "#/components/schemas/{model}"


def _schemas() -> dict[str, Any]:
    found: dict[str, Any] = {}
    adapters: dict[str, TypeAdapter[Any]] = {
        "ClientMessage": TypeAdapter(ClientMessage),
        "ServerEvent": TypeAdapter(ServerEvent),
    }
    for name, adapter in adapters.items():
        schema = adapter.json_schema(ref_template=_REF, mode="serialization")
        found.update(schema.pop("$defs", {}))
        found[name] = schema
    return found


def install_protocol_schemas(app: FastAPI) -> None:
    """Make ``app.openapi()`` include the execution protocol's models."""
    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = plain_openapi()
            components = document.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in _schemas().items():
                components.setdefault(name, schema)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
