"""The learner's side of grading: a process that loads the learner's file and calls its
functions when the grader asks, nothing else.

The grader starts it in the sandbox before any submission arrives (NumPy already
imported), then sends frames (:mod:`la4ai.labkit.wire`) on stdin and reads the
replies on stdout:

* ``{"op": "load", "source": …, "functions": [names]}`` → ``{"ok": true, "kinds": {name:
  "function" | type name}}`` or ``{"error": {type, message, line}}``
* ``{"op": "call", "function": name, "args": […], "kwargs": {…}}`` → ``{"ok": true,
  "value": …}``, ``{"raised": {type, message, line}}`` or ``{"unencodable": what}``

What the learner's code prints goes to stderr (file descriptors 1 and 2 both), which the
grader drains and caps: output printed before a call that never returns is not lost.

The checks and the reference solution never come here. Learner code in this process can
tamper with anything in it, which only ever changes the values it sends back.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import sys
import traceback
from typing import Any

from la4ai.labkit.wire import Closed, Unencodable, decode, encode, read_frame, write_frame

__all__ = ["LEARNER_FILE", "main"]

#: The file name learner code is compiled under (and that tracebacks are searched for).
LEARNER_FILE = "lab.py"


def _learner_line(exc: BaseException) -> int | None:
    """The line of the learner's file where ``exc`` was raised (innermost), if any."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == LEARNER_FILE:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == LEARNER_FILE:
        line = exc.lineno
    return line


def _describe(exc: BaseException) -> dict[str, Any]:
    message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    return {"type": type(exc).__name__, "message": message[:2000], "line": _learner_line(exc)}


class _Runner:
    def __init__(self, send_fd: int) -> None:
        self.send_fd = send_fd
        self.namespace: dict[str, Any] | None = None

    def reply(self, message: dict[str, Any]) -> None:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with contextlib.suppress(Exception):  # learner code may have replaced them
                stream.flush()  # type: ignore[union-attr]
        write_frame(self.send_fd, message)

    def load(self, request: dict[str, Any]) -> dict[str, Any]:
        namespace: dict[str, Any] = {"__name__": "lab", "__builtins__": builtins}
        try:
            code = compile(str(request["source"]), LEARNER_FILE, "exec")
            exec(code, namespace)  # the learner's file, in this sandboxed process only
        except BaseException as exc:  # SystemExit and KeyboardInterrupt too: a result
            return {"error": _describe(exc)}
        self.namespace = namespace
        kinds = {}
        for name in request.get("functions", []):
            if name in namespace:
                value = namespace[name]
                kinds[name] = "function" if callable(value) else type(value).__name__
        return {"ok": True, "kinds": kinds}

    def call(self, request: dict[str, Any]) -> dict[str, Any]:
        if self.namespace is None:
            return {"error": {"type": "RuntimeError", "message": "nothing loaded", "line": None}}
        function = self.namespace[str(request["function"])]
        args = decode(request.get("args", []))
        kwargs = decode(request.get("kwargs", {"$": "dict", "items": []}))
        try:
            value = function(*args, **kwargs)
        except BaseException as exc:
            return {"raised": _describe(exc)}
        try:
            return {"ok": True, "value": encode(value)}
        except (Unencodable, RecursionError) as exc:
            return {"unencodable": str(exc)}

    def serve(self, receive_fd: int) -> None:
        handlers = {"load": self.load, "call": self.call}
        while True:
            try:
                request = read_frame(receive_fd)
            except Closed:
                return
            handler = handlers.get(str(request.get("op")))
            if handler is None:
                return
            try:
                reply = handler(request)
            except Exception as exc:  # a malformed request: answer, do not die
                reply = {"error": _describe(exc)}
            self.reply(reply)


def main() -> None:
    """Run the loop on stdin/stdout. Writes by learner code to the file descriptors 1 and
    2 go to stderr, which the grader reads separately (and caps)."""
    receive_fd, send_fd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as we do
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115

    # Imported before any submission arrives: that is the point. matplotlib is not (it
    # would triple the start-up cost of every checker); a learner's file that plots imports
    # it, with the Agg backend the grader sets in MPLBACKEND.
    import numpy  # noqa: F401

    runner = _Runner(send_fd)
    write_frame(send_fd, {"ready": True, "pid": os.getpid()})
    runner.serve(receive_fd)


if __name__ == "__main__":
    main()
