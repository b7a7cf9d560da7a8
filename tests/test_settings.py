from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from la4ai.settings import Settings
from tests.conftest import REPO

ENV_NAMES = [f"LA4AI_{name.upper()}" for name in Settings.model_fields]


@pytest.mark.parametrize("env_name", ENV_NAMES)
def test_every_setting_is_documented_in_the_readme(env_name: str) -> None:
    assert f"`{env_name}`" in (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_has_help_text(name: str) -> None:
    assert len(Settings.model_fields[name].description or "") > 10


def test_settings_are_read_from_la4ai_environment_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LA4AI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LA4AI_PORT", "9123")
    monkeypatch.setenv("LA4AI_OPEN_BROWSER", "false")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.port == 9123
    assert settings.open_browser is False
    assert settings.resolved_database_url() == f"sqlite:///{tmp_path / 'la4ai.db'}"


def test_an_explicit_database_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LA4AI_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert Settings().resolved_database_url() == "postgresql+psycopg://u@h/db"


def test_invalid_values_are_rejected_with_the_setting_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LA4AI_PORT", "not-a-port")
    with pytest.raises(ValidationError, match="port"):
        Settings()
