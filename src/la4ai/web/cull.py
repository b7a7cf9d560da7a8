"""Glue between the runtime and saved code: before a kernel is stopped (idle, or to make
room), the code it last ran for each file is saved, so nothing the learner ran is lost."""

from __future__ import annotations

import asyncio
import logging

from la4ai.errors import La4aiError
from la4ai.progress.service import LAB_FILE_NAME
from la4ai.runtime.sessions import OnCull, SessionKey
from la4ai.workspaces import CodeSaves
from la4ai.workspaces.views import WorkspaceKind

__all__ = ["save_before_stop"]

log = logging.getLogger(__name__)

#: The lab page runs the learner's whole file as this cell.
LAB_FILE_CELL = "file"


def _save_all(saves: CodeSaves, key: SessionKey, code_by_cell: dict[str, str]) -> None:
    kind = WorkspaceKind(key.kind)
    files = saves.workspace(key.learner_id, kind, module_id=key.module_id).files
    current = {f.name: f.content for f in files}
    for cell_id, code in code_by_cell.items():
        name = LAB_FILE_NAME if kind is WorkspaceKind.LAB and cell_id == LAB_FILE_CELL else cell_id
        if name not in current or current[name] == code:
            continue  # console input, or nothing new
        try:
            saves.save(key.learner_id, kind, module_id=key.module_id, name=name, content=code)
        except La4aiError:
            log.exception("could not save %s before stopping its kernel", name)


def save_before_stop(saves: CodeSaves) -> OnCull:
    async def on_cull(key: SessionKey, code_by_cell: dict[str, str]) -> None:
        await asyncio.to_thread(_save_all, saves, key, code_by_cell)

    return on_cull
