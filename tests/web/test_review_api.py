"""The review API: a quiz attempt puts the item in the queue; due items come with fresh
numbers; answers reschedule them."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from la4ai.course import Course
from tests.web.test_api import response_for, submit

pytestmark = pytest.mark.anyio


async def test_a_quiz_attempt_enters_the_review_queue(
    client: httpx.AsyncClient, course: Course
) -> None:
    empty = (await client.get("/api/review")).json()
    assert empty == {"items": [], "due_count": 0, "total": 0, "next_due": None}

    wrong = response_for(course, "dot-product", 4, wrong=True)
    assert (await submit(client, "dot-product", 4, wrong)).status_code == 200
    queue = (await client.get("/api/review")).json()
    assert queue["total"] == 1
    assert queue["due_count"] == 0  # back in 10 minutes, not at once
    next_due = datetime.fromisoformat(queue["next_due"])
    assert 9 * 60 < (next_due - datetime.now(UTC)).total_seconds() <= 10 * 60


async def test_answering_a_review_reschedules_it(client: httpx.AsyncClient, course: Course) -> None:
    body = {
        "item_id": "dot-is-zero",
        "seed": 2,
        "response": response_for(course, "dot-is-zero", 2),
        "seconds": 12,
    }
    answered = await client.post("/api/review/vectors/answers", json=body)
    assert answered.status_code == 200
    outcome = answered.json()
    assert outcome["result"]["status"] == "correct"
    assert outcome["rating"] == "easy"  # right, and within 20 s
    assert datetime.fromisoformat(outcome["next_due"]) > datetime.now(UTC)
    assert (await client.get("/api/review")).json()["total"] == 1


async def test_unknown_items_and_bad_times_are_refused(
    client: httpx.AsyncClient, course: Course
) -> None:
    good = response_for(course, "dot-is-zero", 2)
    unknown = {"item_id": "nope", "seed": 1, "response": good}
    assert (await client.post("/api/review/vectors/answers", json=unknown)).status_code == 404
    negative = {"item_id": "dot-is-zero", "seed": 1, "response": good, "seconds": -1}
    assert (await client.post("/api/review/vectors/answers", json=negative)).status_code == 422
