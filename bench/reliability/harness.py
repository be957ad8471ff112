"""What the reliability scripts share: a fresh PostgreSQL database, the app served by gunicorn on a local
port as real processes, a plain HTTP client that tells a connection failure from an answer, and the table.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV_BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SECRET = os.environ.get("SECRET_KEY") or "reliability-" + "x" * 50


def fresh_database(name: str) -> str:
    """Drop and create `name` on the local PostgreSQL server; return its DATABASE_URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def app_environment(database_url: str) -> dict[str, str]:
    """Production settings: DEBUG off, no second factor for the seeded officer, local host only."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        TWO_FACTOR_REQUIRED="false",
        DJANGO_SETTINGS_MODULE="youdecide.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def setup_django(database_url: str) -> None:
    """Use the fresh database from this process too: migrate it, seed it, check it afterwards."""
    os.environ.update(app_environment(database_url))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


@dataclass
class App:
    """One gunicorn master with its workers on one port."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def workers(self) -> list[int]:
        """The master's worker processes (its children), by pid."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []


def start_app(env: dict[str, str], port: int, workers: int = 2) -> App:
    command = [
        str(VENV_BIN / "gunicorn"),
        "youdecide.wsgi:application",
        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
        *("--access-logfile", "/dev/null", "--graceful-timeout", "2", "--log-level", "warning"),
    ]
    log = Path(os.environ.get("BENCH_LOG_DIR") or tempfile.gettempdir()) / f"reliability-gunicorn-{port}.log"
    with log.open("ab") as errors:  # Django's request log (429s, refusals) goes here, not on the table
        process = subprocess.Popen(command, env=env, cwd=ROOT, stderr=errors)  # noqa: S603 - our own gunicorn
    app = App(process, port)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = request(app, "GET", "/api/v1/openapi.json", None, {})
            if status == 200 and len(app.workers()) == workers:
                return app
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited with {process.returncode}")
        time.sleep(0.2)
    stop_app(app)
    raise SystemExit(f"gunicorn on port {port} did not answer within 30 s")


def stop_app(app: App) -> None:
    if app.process.poll() is None:
        app.process.send_signal(signal.SIGTERM)
        try:
            app.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.process.kill()
            app.process.wait()


@contextmanager
def served(env: dict[str, str], ports: Sequence[int], workers: int = 2) -> Iterator[list[App]]:
    apps: list[App] = []
    try:
        for port in ports:
            apps.append(start_app(env, port, workers))
        yield apps
    finally:
        for app in apps:
            stop_app(app)


def request(
    app: App, method: str, path: str, body: object, headers: dict[str, str], timeout: float = 30
) -> tuple[int, Any]:
    """One request on a new connection: (status, parsed JSON or None). A dropped connection raises OSError
    (http.client's RemoteDisconnected and BadStatusLine are turned into ConnectionError)."""
    connection = http.client.HTTPConnection(app.host, app.port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json", **headers} if payload is not None else headers
        try:
            connection.request(method, path, payload, sent)
            response = connection.getresponse()
            raw = response.read()
        except http.client.HTTPException as broken:
            raise ConnectionError(repr(broken)) from None
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed
    finally:
        connection.close()


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def resident_body(slug: str, code: str, n: int, choices: dict[str, int]) -> dict[str, object]:
    """What the API takes for the n-th resident of Crewe: voting code, voter details, choices."""
    return {
        "programme": slug,
        "code": code,
        "full_name": f"Resident {n}",
        "date_of_birth": f"{1950 + n % 50}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "postcode": "CW1 2BJ",
        "connection": "lives",
        "choices": choices,
    }
