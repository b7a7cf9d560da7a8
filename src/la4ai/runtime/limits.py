"""Resource limits for learner code, and the plain messages a learner sees when one hits."""

from __future__ import annotations

from dataclasses import dataclass, replace

from la4ai.settings import Settings

__all__ = ["MIB", "Limits"]

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one sandbox may use. Built from settings; a lab may raise its own time limit."""

    time_s: float = 30.0
    memory_bytes: int = 2048 * MIB
    processes: int = 128
    file_size_bytes: int = 256 * MIB
    open_files: int = 256
    workspace_bytes: int = 1024 * MIB
    tmp_bytes: int = 128 * MIB
    output_bytes: int = 1024 * 1024
    output_rate: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            time_s=settings.time_limit_s,
            memory_bytes=settings.memory_limit_mb * MIB,
            processes=settings.process_limit,
            file_size_bytes=settings.file_size_limit_mb * MIB,
            open_files=settings.open_files_limit,
            workspace_bytes=settings.workspace_quota_mb * MIB,
            tmp_bytes=settings.tmp_size_mb * MIB,
            output_bytes=settings.output_limit_kb * 1024,
            output_rate=settings.output_rate_limit,
        )

    def with_time(self, seconds: float) -> Limits:
        return replace(self, time_s=seconds)

    # -- what the learner reads -------------------------------------------------------------

    def time_message(self) -> str:
        return f"This cell ran longer than {_seconds(self.time_s)} and was stopped."

    def memory_message(self, *, restarted: bool) -> str:
        tail = "; the kernel was restarted" if restarted else ""
        return f"Your code used more than {_size(self.memory_bytes)} of memory{tail}."

    def output_message(self) -> str:
        return (
            f"Output was longer than {_size(self.output_bytes)}; the rest was not shown. "
            "Print less, e.g. a slice like x[:10] or x.shape."
        )

    def workspace_message(self) -> str:
        return (
            f"Your workspace holds more than {_size(self.workspace_bytes)} of files; the cell "
            "was stopped. Delete files you no longer need."
        )


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(value: int) -> str:
    if value >= 1024 * MIB and value % (1024 * MIB) == 0:
        return f"{value // (1024 * MIB)} GiB"
    if value >= MIB:
        return f"{value / MIB:g} MiB"
    return f"{value / 1024:g} KiB"
