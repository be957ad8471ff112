"""The youdecide command as an operator runs it: start-up refuses unsafe or broken configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

YOUDECIDE = str(Path(sys.executable).with_name("youdecide"))


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own console script
        [YOUDECIDE, *args], capture_output=True, text=True, env=clean, timeout=120, check=False
    )


def test_serve_refuses_debug() -> None:
    result = run(["serve"], DEBUG="true", SECRET_KEY="a-long-random-production-key")
    assert result.returncode != 0
    assert "DEBUG is on" in result.stderr


def test_serve_refuses_without_secret_key() -> None:
    result = run(["serve"])
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bad_setting_stops_start_up_naming_the_variable() -> None:
    result = run(["check"], SECRET_KEY="k", DATABASE_URL="mysql://root@localhost/pb")
    assert result.returncode != 0
    assert "DATABASE_URL must start with sqlite:// or postgres://" in result.stderr


def test_without_secret_key_production_settings_refuse_to_load() -> None:
    result = run(["check"])
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_help_lists_the_operator_commands() -> None:
    result = run(["help"], SECRET_KEY="k")
    assert result.returncode == 0
    for command in ("youdecide demo", "youdecide serve", "youdecide seed-demo"):
        assert command in result.stdout
