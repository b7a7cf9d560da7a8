"""The data that crosses between the grader and the process running learner code.

Only plain data crosses, never code: JSON frames in which lists, numbers, strings, booleans
and ``None`` are themselves, and everything else is a tagged object ``{"$": tag, …}``:
tuples, dicts with any plain keys, complex numbers, NumPy arrays and scalars (numeric and
boolean dtypes, raw little-endian bytes in base64), and what a matplotlib ``Axes`` draws.
Decoding never calls constructors chosen by the sender (no pickle), refuses object arrays,
and is bounded in depth and size, so a hostile sender can only send wrong values.

Frames are ``<length>\\n<json>``; :func:`read_frame` refuses a frame over its limit before
reading it.
"""

from __future__ import annotations

import base64
import json
import math
import os
import select
import time
from typing import Any

import numpy as np

__all__ = [
    "MAX_DEPTH",
    "MAX_FRAME_BYTES",
    "Closed",
    "PlottedAxes",
    "TimedOut",
    "Unencodable",
    "WireError",
    "decode",
    "encode",
    "read_frame",
    "write_frame",
]

MAX_DEPTH = 64
MAX_FRAME_BYTES = 64 * 1024 * 1024
_ARRAY_KINDS = "biufc"  # bool, signed, unsigned, float, complex: nothing that holds objects


class WireError(ValueError):
    """A frame or value that does not follow the format (from a broken or hostile sender)."""


class Unencodable(TypeError):
    """A value that cannot cross: the message names its type."""


class Closed(EOFError):
    """The other side closed the channel (it exited or was killed)."""


class TimedOut(TimeoutError):
    """No complete frame arrived before the deadline."""


class PlottedAxes(dict[str, Any]):
    """What a matplotlib ``Axes`` drew (the keys of :func:`la4ai.labkit.guards.axes_data`),
    standing in for the ``Axes`` itself on the grader's side."""


def _axes_payload(value: object) -> list[dict[str, Any]] | None:
    """The drawn data of an ``Axes`` (one item) or a ``Figure`` (one per axes), else None.
    Only looks at matplotlib when the value's class comes from it."""
    module = type(value).__module__ or ""
    if not module.startswith("matplotlib."):
        return None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from la4ai.labkit.guards import axes_data

    if isinstance(value, Axes):
        return [axes_data(value)]
    if isinstance(value, Figure):
        return [axes_data(ax) for ax in value.axes]
    return None


def _array(value: np.ndarray[Any, Any]) -> dict[str, Any]:
    if value.dtype.kind not in _ARRAY_KINDS or value.dtype.fields is not None:
        raise Unencodable(f"a NumPy array of dtype {value.dtype}")
    little = value.astype(value.dtype.newbyteorder("<"), copy=False)
    data = np.ascontiguousarray(little).tobytes()
    return {
        "$": "ndarray",
        "dtype": little.dtype.str,
        "shape": list(value.shape),
        "data": base64.b64encode(data).decode("ascii"),
    }


def _float(value: float) -> float | dict[str, Any]:
    return value if math.isfinite(value) else {"$": "float", "value": repr(value)}


def encode(value: object, *, _depth: int = 0) -> Any:
    """``value`` as JSON-ready data; raises :class:`Unencodable` for what cannot cross."""
    if _depth > MAX_DEPTH:
        raise Unencodable(f"a value nested more than {MAX_DEPTH} levels deep")
    deeper = _depth + 1
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.generic):
        if value.dtype.kind not in _ARRAY_KINDS:
            raise Unencodable(f"a NumPy {type(value).__name__}")
        return {**_array(np.asarray(value)), "$": "scalar"}
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _float(float(value))
    if isinstance(value, complex):
        return {"$": "complex", "re": _float(value.real), "im": _float(value.imag)}
    if isinstance(value, np.ndarray):
        return _array(value)
    if isinstance(value, list):
        return [encode(item, _depth=deeper) for item in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "items": [encode(item, _depth=deeper) for item in value]}
    if isinstance(value, dict):
        items = [[encode(k, _depth=deeper), encode(v, _depth=deeper)] for k, v in value.items()]
        return {"$": "dict", "items": items}
    if (plotted := _axes_payload(value)) is not None:
        return {"$": "axes", "items": [encode(dict(p), _depth=deeper) for p in plotted]}
    raise Unencodable(f"a {type(value).__module__}.{type(value).__qualname__}")


def _decode_array(obj: dict[str, Any], *, scalar: bool) -> Any:
    try:
        dtype = np.dtype(str(obj["dtype"]))
        shape = tuple(int(n) for n in obj["shape"])
        raw = base64.b64decode(str(obj["data"]), validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"malformed array: {exc}") from None
    if dtype.kind not in _ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"arrays of dtype {dtype} do not cross")
    if any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize != len(raw):
        raise WireError("array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))
    if scalar:
        if shape != ():
            raise WireError("a scalar has shape ()")
        return array[()]
    return array


def _decode_float(obj: Any) -> float:
    if isinstance(obj, int | float) and not isinstance(obj, bool):
        return float(obj)
    if isinstance(obj, dict) and obj.get("$") == "float" and obj.get("value") in _SPECIAL:
        return float(obj["value"])
    raise WireError("malformed float")


_SPECIAL = ("nan", "inf", "-inf")


def decode(obj: Any, *, _depth: int = 0) -> Any:
    """The value :func:`encode` encoded; raises :class:`WireError` for anything else."""
    if _depth > MAX_DEPTH:
        raise WireError(f"nested more than {MAX_DEPTH} levels deep")
    deeper = _depth + 1
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, float):
        return obj
    if isinstance(obj, list):
        return [decode(item, _depth=deeper) for item in obj]
    if not isinstance(obj, dict):
        raise WireError(f"unexpected {type(obj).__name__}")
    tag = obj.get("$")
    if tag == "ndarray":
        return _decode_array(obj, scalar=False)
    if tag == "scalar":
        return _decode_array(obj, scalar=True)
    if tag == "float":
        return _decode_float(obj)
    if tag == "complex":
        return complex(_decode_float(obj.get("re")), _decode_float(obj.get("im")))
    items = obj.get("items")
    if not isinstance(items, list):
        raise WireError(f"unknown or malformed tag {tag!r}")
    if tag == "tuple":
        return tuple(decode(item, _depth=deeper) for item in items)
    if tag == "dict":
        out: dict[Any, Any] = {}
        for pair in items:
            if not isinstance(pair, list) or len(pair) != 2:
                raise WireError("malformed dict item")
            key = decode(pair[0], _depth=deeper)
            try:
                out[key] = decode(pair[1], _depth=deeper)
            except TypeError:  # an unhashable key
                raise WireError("unhashable dict key") from None
        return out
    if tag == "axes":
        plotted = [decode(item, _depth=deeper) for item in items]
        if not all(isinstance(p, dict) for p in plotted):
            raise WireError("malformed axes")
        axes = [PlottedAxes(p) for p in plotted]
        return axes[0] if len(axes) == 1 else axes
    raise WireError(f"unknown tag {tag!r}")


def write_frame(fd: int, message: dict[str, Any]) -> None:
    """Send one frame (a JSON object) on the file descriptor ``fd``."""
    body = json.dumps(message, separators=(",", ":"), allow_nan=False).encode("utf-8")
    if len(body) > MAX_FRAME_BYTES:
        raise Unencodable(f"a message of {len(body) // (1024 * 1024)} MiB (limit 64 MiB)")
    data = b"%d\n" % len(body) + body
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class _Reader:
    """Reads exact byte counts from ``fd`` before a deadline."""

    def __init__(self, fd: int, deadline: float | None) -> None:
        self.fd = fd
        self.deadline = deadline

    def _wait(self) -> None:
        if self.deadline is None:
            return
        remaining = self.deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.fd], [], [], remaining)[0]:
            raise TimedOut

    def header(self) -> int:
        digits = b""
        while True:
            self._wait()
            byte = os.read(self.fd, 1)
            if not byte:
                raise Closed
            if byte == b"\n":
                break
            if not byte.isdigit() or len(digits) > 12:
                raise WireError("malformed frame header")
            digits += byte
        if not digits:
            raise WireError("malformed frame header")
        return int(digits)

    def exactly(self, size: int) -> bytes:
        chunks: list[bytes] = []
        while size:
            self._wait()
            chunk = os.read(self.fd, min(size, 1 << 20))
            if not chunk:
                raise Closed
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)


def read_frame(
    fd: int, *, deadline: float | None = None, limit: int = MAX_FRAME_BYTES
) -> dict[str, Any]:
    """The next frame on ``fd``, waiting until ``deadline`` (``time.monotonic()``; None
    waits forever). Raises :class:`TimedOut`, :class:`Closed` or :class:`WireError`."""
    reader = _Reader(fd, deadline)
    size = reader.header()
    if size > limit:
        raise WireError(f"a frame of {size} bytes is over the {limit}-byte limit")
    try:
        message = json.loads(reader.exactly(size))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise WireError(f"a frame that is not JSON: {exc}") from None
    if not isinstance(message, dict):
        raise WireError("a frame is a JSON object")
    return message
