"""Tutor conversations: a learner's threads with the tutor and their messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from la4ai.store.models import TutorConversationRow, TutorMessageRow, utcnow
from la4ai.store.repositories import _aware

__all__ = [
    "Conversation",
    "StoredMessage",
    "add_message",
    "conversation",
    "conversations",
    "delete_conversation",
    "messages",
    "start_conversation",
]


@dataclass(frozen=True)
class Conversation:
    id: int
    learner_id: int
    module_id: str | None
    page: str
    title: str
    updated_at: datetime
    messages: int


@dataclass(frozen=True)
class StoredMessage:
    id: int
    conversation_id: int
    role: str
    payload: dict[str, Any]
    created_at: datetime


def _conversation(row: TutorConversationRow, count: int) -> Conversation:
    return Conversation(
        id=row.id,
        learner_id=row.learner_id,
        module_id=row.module_id,
        page=row.page,
        title=row.title,
        updated_at=_aware(row.updated_at),
        messages=count,
    )


def start_conversation(
    session: Session, *, learner_id: int, module_id: str | None, page: str, title: str
) -> Conversation:
    row = TutorConversationRow(
        learner_id=learner_id, module_id=module_id, page=page, title=title[:200]
    )
    session.add(row)
    session.flush()
    return _conversation(row, 0)


def conversation(session: Session, learner_id: int, conversation_id: int) -> Conversation | None:
    """The learner's conversation (None when it does not exist or is someone else's)."""
    row = session.scalar(
        select(TutorConversationRow).where(
            TutorConversationRow.id == conversation_id,
            TutorConversationRow.learner_id == learner_id,
        )
    )
    if row is None:
        return None
    count = session.scalar(
        select(func.count()).where(TutorMessageRow.conversation_id == conversation_id)
    )
    return _conversation(row, int(count or 0))


def conversations(
    session: Session, learner_id: int, *, module_id: str | None = None, limit: int = 50
) -> list[Conversation]:
    """The learner's conversations, most recently active first (one module's only, when
    ``module_id`` is given)."""
    counts = (
        select(TutorMessageRow.conversation_id, func.count().label("n"))
        .group_by(TutorMessageRow.conversation_id)
        .subquery()
    )
    query = (
        select(TutorConversationRow, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.conversation_id == TutorConversationRow.id)
        .where(TutorConversationRow.learner_id == learner_id)
        .order_by(TutorConversationRow.updated_at.desc(), TutorConversationRow.id.desc())
        .limit(limit)
    )
    if module_id is not None:
        query = query.where(TutorConversationRow.module_id == module_id)
    return [_conversation(row, int(n)) for row, n in session.execute(query)]


def add_message(
    session: Session, *, conversation_id: int, role: str, payload: dict[str, Any]
) -> StoredMessage:
    now = utcnow()
    row = TutorMessageRow(
        conversation_id=conversation_id, role=role, payload=payload, created_at=now
    )
    session.add(row)
    parent = session.get(TutorConversationRow, conversation_id)
    if parent is not None:
        parent.updated_at = now
    session.flush()
    return StoredMessage(row.id, conversation_id, role, payload, _aware(now))


def messages(session: Session, conversation_id: int, *, limit: int = 500) -> list[StoredMessage]:
    """A conversation's messages, oldest first (the last ``limit``)."""
    rows = list(
        session.scalars(
            select(TutorMessageRow)
            .where(TutorMessageRow.conversation_id == conversation_id)
            .order_by(TutorMessageRow.id.desc())
            .limit(limit)
        )
    )
    rows.reverse()
    return [
        StoredMessage(row.id, row.conversation_id, row.role, row.payload, _aware(row.created_at))
        for row in rows
    ]


def delete_conversation(session: Session, learner_id: int, conversation_id: int) -> bool:
    session.execute(
        delete(TutorMessageRow).where(
            TutorMessageRow.conversation_id.in_(
                select(TutorConversationRow.id).where(
                    TutorConversationRow.id == conversation_id,
                    TutorConversationRow.learner_id == learner_id,
                )
            )
        )
    )
    result = session.execute(
        delete(TutorConversationRow).where(
            TutorConversationRow.id == conversation_id,
            TutorConversationRow.learner_id == learner_id,
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
