"""The one place where domain errors become HTTP responses."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from la4ai.errors import (
    DatabaseUnavailable,
    HintNotAvailable,
    InvalidSubmission,
    La4aiError,
    NotFoundError,
    SandboxUnavailable,
    SaveConflict,
    TutorUnavailable,
)

__all__ = ["ErrorBody", "install_error_handlers"]


class ErrorBody(BaseModel):
    detail: str


_STATUS: list[tuple[type[La4aiError], int]] = [
    (NotFoundError, 404),
    (InvalidSubmission, 422),
    (SaveConflict, 409),
    (HintNotAvailable, 409),
    (SandboxUnavailable, 503),
    (TutorUnavailable, 503),
    (DatabaseUnavailable, 503),
]


def _status_for(exc: La4aiError) -> int:
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return status
    return 500


async def _handle(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, La4aiError)
    body: dict[str, Any] = {"detail": str(exc)}
    if isinstance(exc, SaveConflict):
        body["current"] = exc.current  # the file as it is now, beside the message
    return JSONResponse(body, status_code=_status_for(exc))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(La4aiError, _handle)
