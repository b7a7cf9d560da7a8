from __future__ import annotations

from fastapi import APIRouter

from la4ai import __version__
from la4ai.progress.views import HealthView
from la4ai.web.deps import Progress

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthView)
def health(progress: Progress) -> HealthView:
    """Liveness and what this server is serving."""
    backend = progress.database.engine.dialect.name
    database = backend if backend in {"sqlite", "postgresql"} else "other"
    return HealthView(
        status="ok", version=__version__, modules=len(progress.course.modules), database=database
    )
