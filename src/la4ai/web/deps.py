"""Shared route dependencies: the services and the current learner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from la4ai.grading import LabGrading
from la4ai.progress import ProgressService
from la4ai.progress.dashboard import DashboardService
from la4ai.progress.review import ReviewService
from la4ai.progress.transfer import ProgressTransfer
from la4ai.runtime.service import Runtime
from la4ai.settings import Settings
from la4ai.tutor.service import TutorService
from la4ai.workspaces import CodeSaves

__all__ = [
    "AppServices",
    "CurrentLearner",
    "Dashboard",
    "Grading",
    "Progress",
    "Review",
    "Saves",
    "Services",
    "Transfer",
    "Tutor",
]


@dataclass(frozen=True)
class AppServices:
    settings: Settings
    progress: ProgressService
    review: ReviewService
    dashboard: DashboardService
    transfer: ProgressTransfer
    saves: CodeSaves
    runtime: Runtime
    grading: LabGrading
    tutor: TutorService
    local_learner_id: int


def _services(request: Request) -> AppServices:
    services: AppServices = request.app.state.services
    return services


def _progress(request: Request) -> ProgressService:
    return _services(request).progress


def _saves(request: Request) -> CodeSaves:
    return _services(request).saves


def _dashboard(request: Request) -> DashboardService:
    return _services(request).dashboard


def _transfer(request: Request) -> ProgressTransfer:
    return _services(request).transfer


def _review(request: Request) -> ReviewService:
    return _services(request).review


def _grading(request: Request) -> LabGrading:
    return _services(request).grading


def _tutor(request: Request) -> TutorService:
    return _services(request).tutor


def _current_learner(request: Request) -> int:
    # Single-user mode: every request is the one local learner. Accounts replace this.
    return _services(request).local_learner_id


Services = Annotated[AppServices, Depends(_services)]
Progress = Annotated[ProgressService, Depends(_progress)]
Saves = Annotated[CodeSaves, Depends(_saves)]
Grading = Annotated[LabGrading, Depends(_grading)]
Review = Annotated[ReviewService, Depends(_review)]
Dashboard = Annotated[DashboardService, Depends(_dashboard)]
Transfer = Annotated[ProgressTransfer, Depends(_transfer)]
Tutor = Annotated[TutorService, Depends(_tutor)]
CurrentLearner = Annotated[int, Depends(_current_learner)]
