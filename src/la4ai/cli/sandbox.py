"""``la4ai sandbox run FILE``: a file run exactly as learner code is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from la4ai.errors import SandboxUnavailable
from la4ai.runtime.limits import Limits
from la4ai.runtime.oneshot import run_file
from la4ai.runtime.provisioners import ProcessProvisioner, choose_provisioner
from la4ai.settings import get_settings

__all__ = ["run"]


def run(file: Path, *, as_json: bool, timeout: float | None) -> int:
    settings = get_settings()
    published = settings.data_dir / "course-data"  # written by `la4ai serve` and `la4ai check`
    provisioner = choose_provisioner(
        settings, course_data=published if published.is_dir() else None
    )
    if not isinstance(provisioner, ProcessProvisioner):
        raise SandboxUnavailable(
            "`la4ai sandbox run` runs files on this machine; the gateway backend runs kernels "
            "remotely (use the web app, or set LA4AI_EXECUTION_BACKEND=sandbox)"
        )
    if not provisioner.sandboxed:
        click.echo(f"warning: {provisioner.notice}", err=True)
    limits = Limits.from_settings(settings)
    if timeout is not None:
        limits = limits.with_time(timeout)
    # The binds a learner's kernel gets: la4ai.labkit, and the labs' data if published.
    result = run_file(
        file, limits=limits, isolation=provisioner.isolation, read_only=provisioner.read_only
    )
    if as_json:
        click.echo(json.dumps(result.contract(), ensure_ascii=False))
    else:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        summary = result.message or f"exit status {result.exit_code}"
        click.echo(f"[{result.status}] {summary} · {result.duration_ms:.0f} ms", err=True)
    return 0 if result.status == "ok" else 1
