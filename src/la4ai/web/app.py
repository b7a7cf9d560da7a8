"""The app factory: load the content (refusing invalid content), migrate the database,
wire the services, mount the API under /api and the front end everywhere else."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute

from la4ai import __version__
from la4ai.course import Course, load_course
from la4ai.grading import LabGrading, grader_from_settings
from la4ai.progress import ProgressService
from la4ai.progress.dashboard import DashboardService
from la4ai.progress.review import ReviewService
from la4ai.progress.transfer import ProgressTransfer
from la4ai.runtime.service import Runtime
from la4ai.settings import Settings, get_settings
from la4ai.store import Database
from la4ai.store.migrate import upgrade
from la4ai.tutor.offline import OfflineTutor, build_index
from la4ai.tutor.receipts import Verifier
from la4ai.tutor.service import TutorService, llm_factory
from la4ai.web.cull import save_before_stop
from la4ai.web.deps import AppServices
from la4ai.web.errors import install_error_handlers
from la4ai.web.ladder import GradingHintLadder
from la4ai.web.origin import install_origin_check
from la4ai.web.protocol import install_protocol_schemas
from la4ai.web.routes import (
    dashboard,
    health,
    labs,
    modules,
    paths,
    review,
    sessions,
    tutor,
    workspaces,
)
from la4ai.web.spa import STATIC_DIR, install_spa
from la4ai.workspaces import CodeSaves

__all__ = ["build_app", "create_app"]


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app(
    settings: Settings | None = None,
    *,
    course: Course | None = None,
    static_dir: Path = STATIC_DIR,
) -> FastAPI:
    """A ready app. Raises ``ContentInvalid``, ``DatabaseUnavailable`` or
    ``SandboxUnavailable`` instead of starting on broken content, an unreachable database or
    an execution backend that cannot (or may not) run learner code."""
    settings = settings or get_settings()
    course = course if course is not None else load_course(settings.content_dir)
    database = Database(settings.resolved_database_url())
    upgrade(database)
    progress = ProgressService(course, database)
    saves = CodeSaves(course, database)
    lab_data = {m.id: m.lab.dir / "data" for m in course.modules if m.lab is not None}
    runtime = Runtime.from_settings(settings, on_cull=save_before_stop(saves), lab_data=lab_data)
    grader = grader_from_settings(settings, course, course_data=runtime.course_data)
    grading = LabGrading(course, database, grader)
    verifier = Verifier.from_settings(settings)
    index = build_index(course)
    tutor = TutorService(
        course,
        database,
        settings,
        OfflineTutor(verifier, index, course),
        GradingHintLadder(grading),
        llm_factory=llm_factory(settings),
    )
    services = AppServices(
        settings=settings,
        progress=progress,
        review=ReviewService(course, database),
        dashboard=DashboardService(course, database, progress),
        transfer=ProgressTransfer(database),
        saves=saves,
        runtime=runtime,
        grading=grading,
        tutor=tutor,
        local_learner_id=progress.local_learner(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        runtime.start()
        grading.start()
        verifier.start()
        index.warm()
        try:
            yield
        finally:
            verifier.close()
            grading.close()
            await runtime.close()
            database.dispose()

    app = build_app(lifespan=lifespan, static_dir=static_dir)
    app.state.services = services
    return app


def build_app(
    *,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
    static_dir: Path = STATIC_DIR,
) -> FastAPI:
    """The routes, error handlers and front end, without services (``create_app`` adds them)."""
    app = FastAPI(
        title="la4ai",
        version=__version__,
        summary="Linear Algebra for AI — the course API.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    install_origin_check(app)
    routers = (health, modules, paths, workspaces, labs, review, dashboard, sessions, tutor)
    for part in routers:
        app.include_router(part.router, prefix="/api")
    install_protocol_schemas(app)
    install_spa(app, static_dir)
    return app
