"""Refusing requests that another website's page makes on the learner's behalf.

A page on any site can make the learner's browser send a form POST or open a WebSocket to
``localhost:8421``; neither is stopped by the same-origin policy. Browsers always say where
such a request comes from (``Origin``), so state-changing requests and WebSockets from a
foreign origin are refused. Requests without ``Origin`` (CLI tools, tests) carry no ambient
credentials and are allowed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers

__all__ = ["install_origin_check", "same_origin"]

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def same_origin(headers: Headers) -> bool:
    origin = headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == headers.get("host", "")


def install_origin_check(app: FastAPI) -> None:
    @app.middleware("http")
    async def refuse_foreign_writes(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method not in _SAFE_METHODS and not same_origin(request.headers):
            return JSONResponse({"detail": "cross-origin request refused"}, status_code=403)
        return await call_next(request)
