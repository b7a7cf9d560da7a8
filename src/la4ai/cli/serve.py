"""``la4ai serve``: build the app (refusing invalid content), then run uvicorn."""

from __future__ import annotations

import threading
import time
import webbrowser

import click
import uvicorn

from la4ai.settings import get_settings
from la4ai.web import create_app

__all__ = ["run_server"]


def _open_when_ready(server: uvicorn.Server, url: str) -> None:
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if server.started:
        webbrowser.open(url)


def run_server(*, host: str | None, port: int | None, open_browser: bool | None) -> None:
    settings = get_settings()
    host = host or settings.host
    port = settings.port if port is None else port
    should_open = settings.open_browser if open_browser is None else open_browser
    click.echo("la4ai: loading the course and migrating the database…", err=True)
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=settings.log_level,
        access_log=settings.log_level == "debug",
    )
    server = uvicorn.Server(config)
    shown_host = "localhost" if host in {"127.0.0.1", "0.0.0.0", "::"} else host
    url = f"http://{shown_host}:{port}/"
    click.echo(f"la4ai is running at {url}  (Ctrl+C to stop)", err=True)
    if should_open:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    server.run()
