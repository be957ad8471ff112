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


def gunicorn(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - the server from our own environment
        [str(Path(sys.executable).with_name("gunicorn")), "youdecide.wsgi:application", *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_gunicorn_started_directly_refuses_debug(tmp_path: Path) -> None:
    result = gunicorn(
        ["--bind", "127.0.0.1:0", "--workers", "1", "--control-socket", str(tmp_path / "ctl")],
        DEBUG="true",
        SECRET_KEY="a-long-random-production-key",
    )
    assert result.returncode != 0
    assert "You Decide refuses to start: DEBUG is on" in result.stderr
    assert "Worker failed to boot" in result.stderr


def test_the_wsgi_application_refuses_debug_and_a_missing_secret_key_wherever_it_is_loaded() -> None:
    debug = gunicorn(["--check-config"], DEBUG="on", SECRET_KEY="a-long-random-production-key")
    assert debug.returncode != 0
    assert "You Decide refuses to start: DEBUG is on" in debug.stderr
    keyless = gunicorn(["--check-config"])
    assert keyless.returncode != 0
    assert "You Decide refuses to start: SECRET_KEY is not set" in keyless.stderr


def test_the_wsgi_application_loads_in_production() -> None:
    result = gunicorn(["--check-config"], SECRET_KEY="a-long-random-production-key", DEBUG="false")
    assert result.returncode == 0, result.stderr


def test_a_production_worker_has_every_view_loaded_before_its_first_request() -> None:
    code = "import sys, youdecide.wsgi; "
    code += "print(sorted(m for m in ('youdecide.api.views', 'youdecide.voting.views') if m in sys.modules))"
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    clean.update(SECRET_KEY="a-long-random-production-key", DEBUG="false")
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['youdecide.api.views', 'youdecide.voting.views']"


def test_the_development_server_still_runs_with_debug_on() -> None:
    # What runserver (and so `youdecide demo`) loads: not youdecide.wsgi, which refuses DEBUG.
    code = "from django.core.servers.basehttp import get_internal_wsgi_application; "
    code += "print(type(get_internal_wsgi_application()).__name__)"
    result = run(["shell", "-c", code], DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "WSGIHandler"


def test_check_of_a_file_not_ending_in_pb_says_it_ran_djangos_check(tmp_path: Path) -> None:
    election = tmp_path / "election.txt"
    election.write_text("META\nkey;value\n", encoding="utf-8")
    result = run(["check", str(election)], SECRET_KEY="k")
    assert result.returncode != 0
    assert f"{election} does not end in .pb, so this is Django's system check of the project" in result.stderr
    assert "name a FILE.pb to validate an election" in result.stderr
