"""Choosing the execution backend from the settings, and refusing unsafe combinations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from la4ai.errors import SandboxUnavailable
from la4ai.runtime import provisioners
from la4ai.runtime.provisioners import (
    LOCAL_NOTICE,
    GatewayProvisioner,
    ProcessProvisioner,
    choose_provisioner,
)
from la4ai.settings import Settings
from tests.conftest import server_env
from tests.runtime.conftest import need_isolation


def settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(data_dir=tmp_path, **values)  # type: ignore[arg-type]


def without_bubblewrap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(provisioners, "bubblewrap_problem", lambda: "bwrap is not installed")


def test_auto_picks_the_sandbox_when_bubblewrap_works(tmp_path: Path) -> None:
    need_isolation("sandbox")
    chosen = choose_provisioner(settings(tmp_path))
    assert isinstance(chosen, ProcessProvisioner)
    assert chosen.backend == "sandbox"
    assert chosen.sandboxed
    assert chosen.notice is None


def test_auto_falls_back_to_local_and_says_it_is_not_sandboxed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_bubblewrap(monkeypatch)
    chosen = choose_provisioner(settings(tmp_path))
    assert chosen.backend == "local"
    assert not chosen.sandboxed
    assert chosen.notice == LOCAL_NOTICE
    assert "WITHOUT a sandbox" in chosen.describe() or "NOT sandboxed" in chosen.describe()


def test_asking_for_the_sandbox_without_bubblewrap_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_bubblewrap(monkeypatch)
    with pytest.raises(SandboxUnavailable, match="bwrap is not installed"):
        choose_provisioner(settings(tmp_path, execution_backend="sandbox"))


@pytest.mark.parametrize("backend", ["auto", "local"])
def test_multi_user_mode_refuses_to_run_code_unsandboxed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    without_bubblewrap(monkeypatch)
    with pytest.raises(SandboxUnavailable, match="multi-user mode refuses"):
        choose_provisioner(settings(tmp_path, multi_user=True, execution_backend=backend))


def test_the_gateway_backend_needs_its_url(tmp_path: Path) -> None:
    with pytest.raises(SandboxUnavailable, match="LA4AI_GATEWAY_URL"):
        choose_provisioner(settings(tmp_path, execution_backend="gateway"))
    chosen = choose_provisioner(
        settings(tmp_path, execution_backend="gateway", gateway_url="http://gw:8888/")
    )
    assert isinstance(chosen, GatewayProvisioner)
    assert chosen.base_url == "http://gw:8888"


def test_serve_refuses_multi_user_mode_without_a_sandbox(tmp_path: Path) -> None:
    env = server_env(data_dir=tmp_path)
    env.update(LA4AI_MULTI_USER="true", LA4AI_EXECUTION_BACKEND="local")
    result = subprocess.run(
        [sys.executable, "-m", "la4ai", "serve", "--no-open", "--port", "0"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "multi-user mode refuses to run learner code without a sandbox" in result.stderr
    assert "Traceback" not in result.stderr
