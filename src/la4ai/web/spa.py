"""Serving the built front end: hashed assets as files, every other page as index.html."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

__all__ = ["STATIC_DIR", "install_spa"]

STATIC_DIR = Path(__file__).resolve().parent / "static"

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The page that shows a cell's HTML output, inside an iframe sandboxed without same-origin
# access (an opaque origin: no cookies, no storage, no DOM of the app). Its own policy lets the
# output's inline scripts run (plots made of HTML + JS need that) but reach nothing: no
# requests of any kind, no forms, images only from data: and blob:.
_FRAME_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; media-src data: blob:; "
    "connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)
_OUTPUT_FRAME = Path(__file__).resolve().parent / "output_frame.html"
_NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>la4ai</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>la4ai: the front end is not built</h1>
<p>The API is running (see <a href="/api/docs">/api/docs</a>), but the web app has not been
built into <code>src/la4ai/web/static</code>. Run <code>make run</code> (or
<code>make frontend</code>) from the repository root.</p></body></html>"""


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def install_spa(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    root = static_dir.resolve()
    frame_page = _OUTPUT_FRAME.read_text(encoding="utf-8")

    @app.get("/output-frame", include_in_schema=False)
    def output_frame() -> Response:
        """The document that renders a cell's HTML output (see ``_FRAME_CSP``)."""
        response = HTMLResponse(frame_page)
        response.headers["Content-Security-Policy"] = _FRAME_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-cache"
        return response

    @app.get("/{page:path}", include_in_schema=False)
    def spa(page: str, request: Request) -> Response:
        if page == "api" or page.startswith("api/"):
            raise HTTPException(status_code=404, detail=f"no API route {request.url.path}")
        index = root / "index.html"
        if not index.is_file():
            return _security_headers(HTMLResponse(_NOT_BUILT, status_code=503))
        candidate = (root / page).resolve()
        if page and candidate.is_file() and candidate.is_relative_to(root):
            response: Response = FileResponse(candidate)
            if page.startswith("assets/"):
                response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
            return _security_headers(response)
        response = FileResponse(index)
        response.headers["Cache-Control"] = "no-cache"
        return _security_headers(response)
