"""The code-execution protocol: messages on a session's WebSocket, defined once.

The browser sends :data:`ClientMessage`; the server answers with :data:`ServerEvent`. Every
message is a JSON object with a ``type`` tag. The front end's TypeScript types are generated
from these models (they are added to the OpenAPI schema's components).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

__all__ = [
    "CLIENT_MESSAGE",
    "CellDone",
    "CellError",
    "CellStatus",
    "ClientMessage",
    "DisplayOutput",
    "Hello",
    "InterruptRequest",
    "KernelState",
    "KernelStatus",
    "LimitNotice",
    "ProtocolError",
    "RestartRequest",
    "RunAllRequest",
    "RunRequest",
    "ServerEvent",
    "StreamOutput",
]

CellStatus = Literal["ok", "error", "interrupted", "timeout", "memory", "died", "skipped"]
KernelState = Literal["starting", "idle", "busy", "restarting", "dead"]


class _Message(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )


# -- browser → server ---------------------------------------------------------------------


class RunRequest(_Message):
    """Run one cell. ``cell_id`` names the cell in every event the run produces."""

    type: Literal["run"] = "run"
    cell_id: str = Field(min_length=1, max_length=64)
    code: str = Field(max_length=262_144)


class RunAllRequest(_Message):
    """Run cells in order; stop at the first that does not finish ``ok`` (the rest are
    reported ``skipped``)."""

    type: Literal["run_all"] = "run_all"
    cells: list[RunRequest] = Field(max_length=200)


class InterruptRequest(_Message):
    """Stop the running cell (and any queued ones)."""

    type: Literal["interrupt"] = "interrupt"


class RestartRequest(_Message):
    """Start a fresh kernel for this session: variables are lost, saved files are kept."""

    type: Literal["restart"] = "restart"


ClientMessage = Annotated[
    RunRequest | RunAllRequest | InterruptRequest | RestartRequest, Field(discriminator="type")
]
CLIENT_MESSAGE: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)


# -- server → browser ---------------------------------------------------------------------


class Hello(_Message):
    """First message on a session: where code runs and under which limits."""

    type: Literal["hello"] = "hello"
    session_id: str
    backend: Literal["sandbox", "local", "gateway"]
    sandboxed: bool
    notice: str | None = Field(
        default=None, description="A warning to show the learner, e.g. that code is not sandboxed."
    )
    time_limit_s: float
    memory_limit_mb: int
    output_limit_bytes: int


class KernelStatus(_Message):
    type: Literal["status"] = "status"
    state: KernelState
    cell_id: str | None = None


class StreamOutput(_Message):
    """Text a cell printed, as it was produced."""

    type: Literal["stream"] = "stream"
    cell_id: str
    name: Literal["stdout", "stderr"]
    text: str


class DisplayOutput(_Message):
    """Rich output: ``data`` maps MIME types (text/plain, image/png as base64, image/svg+xml,
    text/html, text/markdown) to content. HTML must be shown in a sandboxed iframe."""

    type: Literal["display"] = "display"
    cell_id: str
    data: dict[str, str]
    execution_count: int | None = Field(
        default=None, description="Set when this is the value of the cell's last expression."
    )


class CellError(_Message):
    """An exception the cell raised, with a plain explanation for common NumPy mistakes."""

    type: Literal["error"] = "error"
    cell_id: str
    ename: str
    evalue: str
    traceback: list[str] = Field(description="Traceback lines, ANSI colour codes removed.")
    explanation: str | None = None


class LimitNotice(_Message):
    """A resource limit stopped or cut the cell; ``message`` is written for the learner."""

    type: Literal["limit"] = "limit"
    cell_id: str | None
    limit: Literal["time", "memory", "output", "rate", "workspace", "kernels"]
    message: str


class CellDone(_Message):
    type: Literal["done"] = "done"
    cell_id: str
    status: CellStatus
    execution_count: int | None = None
    duration_ms: float


class ProtocolError(_Message):
    """The server could not act on a message (malformed, or the session is unusable)."""

    type: Literal["protocol_error"] = "protocol_error"
    message: str


ServerEvent = Annotated[
    Hello
    | KernelStatus
    | StreamOutput
    | DisplayOutput
    | CellError
    | LimitNotice
    | CellDone
    | ProtocolError,
    Field(discriminator="type"),
]
