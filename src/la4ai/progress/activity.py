"""Time spent learning: heartbeats from visible pages, added up per day and week, and the
streak of active days.

A page sends a heartbeat every 15 s while it is visible and the learner has used it in the
last minute (the front end stops in background tabs and idle pages); each adds the seconds
since the previous one, capped at ``MAX_HEARTBEAT_SECONDS``, to the learner's local day
(the page says its UTC offset). A day counts as active from ``ACTIVE_DAY_SECONDS`` on. The
streak counts active days back from today (or yesterday, while today is still young) and
forgives a single missed day between two active ones; two missed days in a row end it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "ACTIVE_DAY_SECONDS",
    "MAX_HEARTBEAT_SECONDS",
    "Streak",
    "local_day",
    "streak",
    "week_of",
]

MAX_HEARTBEAT_SECONDS = 60
ACTIVE_DAY_SECONDS = 5 * 60


def local_day(moment: datetime, offset_minutes: int) -> date:
    """The learner's calendar day at ``moment`` (UTC) for a UTC offset in minutes (east
    positive, e.g. +60 for Paris in winter)."""
    return (moment + timedelta(minutes=offset_minutes)).date()


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


@dataclass(frozen=True)
class Streak:
    days: int  # active days in the streak
    today_active: bool
    forgiven: int  # single missed days forgiven inside it


def streak(seconds_by_day: dict[date, int], today: date) -> Streak:
    """The current streak from per-day seconds (see the module's rules)."""
    active = {d for d, s in seconds_by_day.items() if s >= ACTIVE_DAY_SECONDS}
    today_active = today in active
    day = today if today_active else today - timedelta(days=1)
    days = forgiven = 0
    while True:
        if day in active:
            days += 1
            day -= timedelta(days=1)
        elif days > 0 and day - timedelta(days=1) in active:
            forgiven += 1  # one missed day between two active ones
            day -= timedelta(days=1)
        else:
            break
    return Streak(days=days, today_active=today_active, forgiven=forgiven)
