"""The API's OpenAPI document, from which the front end's TypeScript types are generated.

``python -m la4ai.web.openapi > frontend/src/api/openapi.json`` (``make api-types``); a test
fails when the committed copy is stale.
"""

from __future__ import annotations

import json
from typing import Any

from la4ai.web.app import build_app

__all__ = ["openapi_document", "openapi_json"]


def openapi_document() -> dict[str, Any]:
    return build_app().openapi()


def openapi_json() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(openapi_json(), end="")
