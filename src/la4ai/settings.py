"""The one settings object: every knob of la4ai, read from ``LA4AI_*`` environment variables.

Each field has a default, a type and help text (its ``description``); ``la4ai doctor`` and
the README list them, and a test checks that every field is documented there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_content_dir", "get_settings"]

_REPO_CONTENT = Path(__file__).resolve().parents[2] / "content"
_PACKAGED_CONTENT = Path(__file__).resolve().parent / "content"


def default_content_dir() -> Path:
    """The course content shipped with la4ai: inside the package, or the repository's."""
    if _PACKAGED_CONTENT.is_dir():
        return _PACKAGED_CONTENT
    return _REPO_CONTENT


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("la4ai", appauthor=False))


class Settings(BaseSettings):
    """la4ai's configuration. Environment variable for field ``x``: ``LA4AI_X``."""

    model_config = SettingsConfigDict(env_prefix="LA4AI_", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where la4ai keeps its database and learner files "
        "(default: the platform's user data directory).",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database, e.g. "
        "postgresql+psycopg://user:pw@host/la4ai. Default: SQLite file la4ai.db in the "
        "data directory.",
    )
    content_dir: Path = Field(
        default_factory=default_content_dir,
        description="Folder holding the course content (modules/ and paths/). "
        "Default: the content shipped with la4ai.",
    )
    host: str = Field(default="127.0.0.1", description="Interface `la4ai serve` listens on.")
    port: int = Field(default=8421, ge=0, le=65535, description="Port `la4ai serve` listens on.")
    open_browser: bool = Field(
        default=True, description="Whether `la4ai serve` opens the app in a web browser."
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Server log level."
    )
    tutor_provider: Literal["offline", "openai"] = Field(
        default="offline",
        description="Tutor back end: `offline` (built-in solver, no network, no key) or "
        "`openai` (any OpenAI-compatible endpoint).",
    )
    tutor_base_url: str | None = Field(
        default=None,
        validate_default=True,
        description="Base URL of the OpenAI-compatible API for the `openai` tutor, up to "
        "`/v1`, e.g. http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1.",
    )
    tutor_model: str | None = Field(
        default=None,
        validate_default=True,
        description="Model name the `openai` tutor asks for, e.g. gpt-4o-mini or qwen2.5:7b; "
        "it must support tool calling.",
    )
    tutor_api_key: SecretStr | None = Field(
        default=None,
        description="API key sent as `Authorization: Bearer …` to the tutor's endpoint "
        "(optional: local servers need none). Never logged, never given to learner code.",
    )
    tutor_timeout_s: float = Field(
        default=60.0,
        gt=0,
        description="Seconds one request to the tutor's LLM may take, from connecting to the "
        "end of its streamed reply.",
    )
    tutor_max_steps: int = Field(
        default=6,
        ge=1,
        le=50,
        description="Rounds of tool calls (run Python, solve, search the course, …) the LLM "
        "tutor may take for one question before it must answer.",
    )

    multi_user: bool = Field(
        default=False,
        description="Host la4ai for several learners. Refuses to start unless learner code "
        "runs sandboxed (execution_backend sandbox or gateway).",
    )
    execution_backend: Literal["auto", "sandbox", "local", "gateway"] = Field(
        default="auto",
        description="Where learner code runs: `sandbox` (bubblewrap), `local` (plain "
        "processes with resource limits, NOT sandboxed; single-user only), `gateway` (a "
        "Jupyter Kernel/Enterprise Gateway), or `auto` (sandbox when bubblewrap works, else "
        "local).",
    )
    gateway_url: str | None = Field(
        default=None,
        description="Base URL of the Jupyter Kernel Gateway or Enterprise Gateway for the "
        "`gateway` backend, e.g. http://gateway:8888.",
    )
    gateway_kernel_name: str = Field(
        default="python3", description="Kernel spec to request from the gateway."
    )
    time_limit_s: float = Field(
        default=30.0, gt=0, description="Wall-clock limit for one cell or file run, seconds."
    )
    memory_limit_mb: int = Field(
        default=2048, ge=64, description="Memory one sandbox (kernel and its children) may use."
    )
    process_limit: int = Field(
        default=128, ge=8, le=4096, description="Processes and threads one sandbox may run."
    )
    file_size_limit_mb: int = Field(
        default=256, ge=1, description="Largest file learner code may write, MiB."
    )
    open_files_limit: int = Field(
        default=256, ge=32, description="Files one sandboxed process may have open."
    )
    workspace_quota_mb: int = Field(
        default=1024, ge=1, description="Disk space one learner workspace may use, MiB."
    )
    tmp_size_mb: int = Field(
        default=128, ge=1, description="Size of a sandbox's private /tmp and /dev/shm, MiB."
    )
    output_limit_kb: int = Field(
        default=1024,
        ge=1,
        description="Output one execution may send to the browser, KiB; the rest is cut with "
        "a notice.",
    )
    output_rate_limit: int = Field(
        default=20,
        ge=1,
        le=1000,
        description="Output messages per second sent to the browser per cell (text is "
        "coalesced, never dropped below the output limit).",
    )
    kernel_pool_size: int = Field(
        default=2, ge=0, le=64, description="Pre-started kernels kept ready for new sessions."
    )
    checker_pool_size: int = Field(
        default=2,
        ge=0,
        le=64,
        description="Pre-started sandboxed checker processes kept ready for lab submissions.",
    )
    kernel_idle_timeout_min: float = Field(
        default=30.0,
        gt=0,
        description="Minutes of inactivity after which a learner's kernel is stopped "
        "(their code is saved first).",
    )
    kernels_per_learner: int = Field(
        default=3, ge=1, le=32, description="Kernels one learner may have running at once."
    )

    @field_validator("tutor_base_url", "tutor_model")
    @classmethod
    def _needed_by_the_openai_tutor(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Refuse at start rather than fail on a learner's first question. A field validator,
        # not a model one: pydantic would echo every input (the API key too) in the error.
        example = {
            "tutor_base_url": "http://localhost:11434/v1",
            "tutor_model": "qwen2.5:7b",
        }[str(info.field_name)]
        env = f"LA4AI_{str(info.field_name).upper()}"
        if info.data.get("tutor_provider") == "openai" and not value:
            raise ValueError(f"LA4AI_TUTOR_PROVIDER=openai needs {env} (e.g. {example})")
        url = info.field_name == "tutor_base_url"
        if url and value and not value.startswith(("http://", "https://")):
            raise ValueError(f"{env} must be an http:// or https:// URL (e.g. {example})")
        return value

    def resolved_database_url(self) -> str:
        """The database URL to use: the configured one, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'la4ai.db'}"


@cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
