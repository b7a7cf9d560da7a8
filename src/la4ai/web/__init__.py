"""The HTTP API and the built front end: FastAPI, thin routers, one error mapping."""

from la4ai.web.app import create_app

__all__ = ["create_app"]
