"""Learning paths as one learner walks them: every item done, available or locked, grouped
by week with its minutes, and the path's next up.

An item about a module is done by the learner's progress in that module, so every path
that lists it agrees and switching paths loses nothing: ``module`` when the module is
mastered (:mod:`la4ai.progress.mastery`), ``lab`` when its lab is passed, ``checkpoint``
when its lab is passed and its quiz is at 80 %. Resources and projects are done when the
learner marks them; marks are kept per learner, path and item, so they wait on a path the
learner switched away from. An item is *locked* while one of its ``requires`` is not done
and *available* otherwise; the path's next up is the first available item in path order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from la4ai.course import Course, Module
from la4ai.course.models import (
    LearningPath,
    ModulePathItem,
    PathCheckpointItem,
    PathItem,
    PathLabItem,
    PathModuleItem,
    PathProjectItem,
    PathResourceItem,
)
from la4ai.errors import PathItemNotFound, PathItemNotMarkable, PathNotFound
from la4ai.progress.service import LearnerFacts, ProgressService
from la4ai.progress.views import (
    ItemState,
    ModuleProgress,
    ModuleRef,
    ModuleStep,
    ModuleSummary,
    NextUpView,
    PathCheckpointEntry,
    PathDetailView,
    PathItemRef,
    PathItemStateView,
    PathItemView,
    PathLabEntry,
    PathModuleEntry,
    PathProgressView,
    PathProjectEntry,
    PathResourceEntry,
    PathView,
    PathWeekView,
)
from la4ai.store import Database
from la4ai.store import repositories as repo

__all__ = ["ItemStatus", "PathService", "next_up", "walk"]

_MODULE_ITEMS = (PathModuleItem, PathLabItem, PathCheckpointItem)
_DONE_BY_PROGRESS = {
    "module": "a module is done when it is mastered (lesson read, lab passed, quiz at 80 %)",
    "lab": "a lab is done when it is passed",
    "checkpoint": "a checkpoint is done when its lab is passed and its quiz is at 80 %",
}
_STEP_REASONS: dict[ModuleStep, str] = {
    "lesson": "Read the lesson (to the end, taking your time).",
    "lab": "Pass the lab's checks.",
    "quiz": "Get 80 % of the quiz right.",
}


@dataclass(frozen=True)
class ItemStatus:
    item: PathItem
    state: ItemState
    missing: tuple[str, ...]  # the ids of the item's prerequisites that are not done


def walk(path: LearningPath, done: Collection[str]) -> list[ItemStatus]:
    """Each item's state, in path order, given the ids of the items that are done. A done
    item stays done whatever its prerequisites (the learner may go ahead of the path)."""
    statuses: list[ItemStatus] = []
    for item in path.items:
        if item.item_id in done:
            statuses.append(ItemStatus(item, "done", ()))
            continue
        missing = tuple(r for r in item.requires if r not in done)
        statuses.append(ItemStatus(item, "locked" if missing else "available", missing))
    return statuses


def next_up(statuses: Sequence[ItemStatus]) -> ItemStatus | None:
    """The first item that is not done and whose prerequisites are done."""
    return next((s for s in statuses if s.state == "available"), None)


def _step(item: ModulePathItem, progress: ModuleProgress) -> ModuleStep:
    """What to do next in the item's module."""
    if isinstance(item, PathLabItem):
        return "lab"
    if isinstance(item, PathCheckpointItem):
        return "lab" if progress.lab_passed is False else "quiz"
    if not progress.lesson_read:
        return "lesson"
    return "lab" if progress.lab_passed is False else "quiz"


@dataclass(frozen=True)
class _Place:
    """Where an item is done: its page in the app or its external address."""

    url: str | None
    external: bool
    module: ModuleRef | None
    step: ModuleStep | None


def _ref(module: Module) -> ModuleRef:
    return ModuleRef(id=module.id, number=module.number, title=module.meta.title)


def _module_url(module_id: str, step: ModuleStep) -> str:
    return f"/modules/{module_id}" + ("" if step == "lesson" else f"/{step}")


class PathService:
    """The paths with one learner's progress: the course map's list, a path's page, marks,
    and the dashboard's summary of the learner's path."""

    def __init__(self, course: Course, database: Database, progress: ProgressService) -> None:
        self.course = course
        self.database = database
        self.progress = progress

    # -- reading -------------------------------------------------------------------------

    def paths(self, learner_id: int) -> list[PathView]:
        """Every path with its items; modules with the learner's progress."""
        summaries = {s.id: s for s in self.progress.module_summaries(learner_id)}
        return [
            PathView(
                id=path.id,
                title=path.title,
                tagline=path.tagline,
                description=path.description,
                items=[self._entry(item, summaries) for item in path.items],
            )
            for path in self.course.paths
        ]

    def path(self, learner_id: int, path_id: str) -> PathDetailView:
        """One path with the state of each item (``PathNotFound`` for an unknown one)."""
        path = self.course.path(path_id)
        with self.database.session() as session:
            facts = LearnerFacts.load(session, learner_id)
            marks = repo.path_marks(session, learner_id, path.id)
            chosen = repo.learner_settings(session, learner_id).path_id
        views, upcoming = self._item_views(path, facts, marks)
        weeks: dict[int | None, list[PathItemStateView]] = {}
        for view in views:
            weeks.setdefault(view.week, []).append(view)
        followed = self.followed(chosen)
        return PathDetailView(
            id=path.id,
            title=path.title,
            tagline=path.tagline,
            description=path.description,
            weekly_minutes=path.weekly_minutes,
            chosen=followed is not None and followed.id == path.id,
            weeks=[
                PathWeekView(
                    week=week,
                    minutes=_minutes(items),
                    done_minutes=_minutes(items, done=True),
                    items=items,
                )
                for week, items in weeks.items()
            ],
            items_total=len(views),
            items_done=sum(v.state == "done" for v in views),
            minutes=_minutes(views),
            done_minutes=_minutes(views, done=True),
            next_up=None if upcoming is None else upcoming.id,
        )

    def followed(self, path_id: str | None) -> LearningPath | None:
        """The path a learner follows, from their settings' ``path_id``: that path, or the
        first one when they chose none or theirs left the course."""
        if path_id is not None:
            try:
                return self.course.path(path_id)
            except PathNotFound:
                pass
        return self.course.paths[0] if self.course.paths else None

    def summary(self, path: LearningPath, facts: LearnerFacts, marks: set[str]) -> PathProgressView:
        """The dashboard's view of the learner's path (facts and marks read by the caller)."""
        views, upcoming = self._item_views(path, facts, marks)
        modules = [v for v in views if v.kind == "module"]
        step = next((v for v in views if v.state == "available" and v.step is not None), None)
        return PathProgressView(
            id=path.id,
            title=path.title,
            modules_total=len(modules),
            modules_mastered=sum(v.state == "done" for v in modules),
            next_up=None if step is None else _next_step(step),
            items_total=len(views),
            items_done=sum(v.state == "done" for v in views),
            minutes=_minutes(views),
            done_minutes=_minutes(views, done=True),
            next_item=upcoming,
        )

    # -- marks ---------------------------------------------------------------------------

    def mark(self, learner_id: int, path_id: str, item_id: str, *, done: bool) -> PathDetailView:
        """Mark a resource or project done (or take the mark back); the path as it is now.
        Marking twice, or unmarking an unmarked item, changes nothing."""
        path = self.course.path(path_id)
        item = path.item(item_id)
        if item is None:
            raise PathItemNotFound(path_id, item_id)
        if isinstance(item, _MODULE_ITEMS):
            raise PathItemNotMarkable(item_id, _DONE_BY_PROGRESS[item.kind])
        with self.database.session() as session:
            change = repo.mark_path_item if done else repo.unmark_path_item
            change(session, learner_id=learner_id, path_id=path.id, item_id=item.item_id)
        return self.path(learner_id, path_id)

    # -- helpers -------------------------------------------------------------------------

    def _done(self, item: PathItem, facts: LearnerFacts, marks: set[str]) -> bool:
        if not isinstance(item, _MODULE_ITEMS):
            return item.item_id in marks
        module = self.course.module(item.module_id)
        if isinstance(item, PathLabItem):
            return module.id in facts.labs_passed
        progress = self.progress.progress_of(module, facts)
        if isinstance(item, PathCheckpointItem):
            return progress.lab_passed is not False and progress.quiz_passed is not False
        return progress.mastered

    def _item_views(
        self, path: LearningPath, facts: LearnerFacts, marks: set[str]
    ) -> tuple[list[PathItemStateView], PathItemStateView | None]:
        """Each item's view, and the view of the path's next up."""
        done = {item.item_id for item in path.items if self._done(item, facts, marks)}
        titles = {item.item_id: self._title(item) for item in path.items}
        statuses = walk(path, done)
        upcoming = next_up(statuses)
        views: list[PathItemStateView] = []
        for status, week in zip(statuses, path.weeks(), strict=True):
            item = status.item
            place = self._place(item, status.state, facts)
            views.append(
                PathItemStateView(
                    id=item.item_id,
                    kind=item.kind,
                    title=titles[item.item_id],
                    state=status.state,
                    requires=[PathItemRef(id=r, title=titles[r]) for r in item.requires],
                    needs=[PathItemRef(id=r, title=titles[r]) for r in status.missing],
                    minutes=self._minutes(item),
                    week=week,
                    url=place.url,
                    external=place.external,
                    markable=not isinstance(item, _MODULE_ITEMS),
                    module=place.module,
                    step=place.step,
                    note=None if isinstance(item, PathProjectItem) else item.note,
                    description=item.description if isinstance(item, PathProjectItem) else None,
                )
            )
        return views, None if upcoming is None else views[statuses.index(upcoming)]

    def _place(self, item: PathItem, state: ItemState, facts: LearnerFacts) -> _Place:
        if isinstance(item, PathResourceItem | PathProjectItem):
            url = None if item.url is None else str(item.url)
            return _Place(url=url, external=url is not None, module=None, step=None)
        module = self.course.module(item.module_id)
        if state == "done":  # back to the lesson, or to the lab that was passed
            again: ModuleStep = "lesson" if isinstance(item, PathModuleItem) else "lab"
            return _Place(_module_url(module.id, again), False, _ref(module), None)
        step = _step(item, self.progress.progress_of(module, facts))
        return _Place(_module_url(module.id, step), False, _ref(module), step)

    def _title(self, item: PathItem) -> str:
        if isinstance(item, PathModuleItem):
            return self.course.module(item.module).meta.title
        if isinstance(item, PathLabItem):
            lab = self.course.module(item.lab).lab
            assert lab is not None  # the loader refuses lab items of modules without one
            return lab.meta.title
        if isinstance(item, PathCheckpointItem):
            return item.title
        return item.resource if isinstance(item, PathResourceItem) else item.project

    def _minutes(self, item: PathItem) -> int | None:
        if isinstance(item, PathModuleItem):
            return self.course.module(item.module).meta.minutes
        return item.minutes

    def _entry(self, item: PathItem, summaries: dict[str, ModuleSummary]) -> PathItemView:
        """An item as the course map lists it."""
        if isinstance(item, PathModuleItem):
            return PathModuleEntry(id=item.item_id, module=summaries[item.module], note=item.note)
        if isinstance(item, PathResourceItem):
            return PathResourceEntry(
                id=item.id,
                title=item.resource,
                url=str(item.url),
                minutes=item.minutes,
                note=item.note,
            )
        if isinstance(item, PathProjectItem):
            return PathProjectEntry(
                id=item.id,
                title=item.project,
                description=item.description,
                url=None if item.url is None else str(item.url),
                minutes=item.minutes,
            )
        entry = PathLabEntry if isinstance(item, PathLabItem) else PathCheckpointEntry
        return entry(
            id=item.item_id,
            module=_ref(self.course.module(item.module_id)),
            title=self._title(item),
            minutes=item.minutes,
            note=item.note,
        )


def _minutes(views: Sequence[PathItemStateView], *, done: bool = False) -> int:
    return sum(v.minutes or 0 for v in views if not done or v.state == "done")


def _next_step(view: PathItemStateView) -> NextUpView:
    # Items about a module always have all three until they are done.
    assert view.module is not None
    assert view.step is not None
    assert view.url is not None
    return NextUpView(
        module=view.module, kind=view.step, url=view.url, reason=_STEP_REASONS[view.step]
    )
