"""What both HTTP benchmarks share: a fresh PostgreSQL database, the app served by a real server on a
local port, wrk as the second process, and the results table."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV_BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))

BLOCKING_THREADS = os.environ.get("BENCH_BLOCKING_THREADS", "1")


def server_command(server: str, port: int) -> list[str]:
    """The servers tried, each started the same way for the real path and for the bare view."""
    if server == "gunicorn-sync":
        # What `youdecide serve` runs (README, "Production deployment"); its access log goes nowhere here.
        return [
            str(VENV_BIN / "gunicorn"),
            "youdecide.wsgi:application",
            *("--workers", str(WORKERS), "--access-logfile", "/dev/null", "--bind", f"127.0.0.1:{port}"),
        ]
    if server == "granian-wsgi":
        # A keep-alive server: a Rust HTTP front, Python WSGI workers.
        return [
            str(VENV_BIN / "granian"),
            *("--interface", "wsgi", "--workers", str(WORKERS), "--blocking-threads", BLOCKING_THREADS),
            *("--no-ws", "--log-level", "warning", "--host", "127.0.0.1", "--port", str(port)),
            "youdecide.wsgi:application",
        ]
    raise SystemExit(f"unknown server {server!r}: gunicorn-sync or granian-wsgi")


def available_servers() -> list[str]:
    return [name for name in ("gunicorn-sync", "granian-wsgi") if (VENV_BIN / name.split("-")[0]).exists()]


def fresh_database(name: str) -> str:
    """Drop and create `name` on the local PostgreSQL server; return its DATABASE_URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def app_environment(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) with the benchmark's one extra URL."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + "x" * 50,
        DEBUG="false",
        EMAIL_URL="locmem://",
        # Static files collected here, as `youdecide serve` collects them (the manifest must exist).
        YOUDECIDE_VAR_DIR=str(Path(tempfile.gettempdir()) / "bench-http-var"),
        DJANGO_SETTINGS_MODULE="bare_settings",
        PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT)]),
        **extra,
    )
    return env


def setup_django(database_url: str) -> None:
    """Use the fresh database from this process too, for seeding and for checking afterwards."""
    os.environ.update(app_environment(database_url))
    for path in (str(ROOT), str(HERE)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def seed_programme(voting_open: bool) -> tuple[Any, Any]:
    """The benchmarks' programme "bench" with one area, Crewe, its pot and voting rules; online voting open
    now, or closed yesterday. Returns the programme and the area."""
    from datetime import timedelta

    from django.utils import timezone

    from tests import factories
    from youdecide.programmes.models import Phase, PhaseKind, VotingRules

    programme = factories.ProgrammeFactory.create(name="You Decide 2026 — public health", slug="bench")
    area = factories.AreaFactory.create(name="Crewe", slug="crewe")
    factories.pot(programme, area, 10_000_000)
    now = timezone.now()
    Phase.objects.create(
        programme=programme,
        kind=PhaseKind.ONLINE_VOTING,
        starts_at=now - timedelta(days=1 if voting_open else 10),
        ends_at=now + timedelta(days=7) if voting_open else now - timedelta(days=1),
    )
    VotingRules.objects.create(programme=programme)
    return programme, area


@contextmanager
def served(server: str, env: dict[str, str], port: int) -> Iterator[str]:
    """The app under `server` on 127.0.0.1:`port`, until the block ends."""
    argv = server_command(server, port)
    log_path = Path(tempfile.gettempdir()) / f"bench-http-{server}.log"
    log = log_path.open("w")
    process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"{server} stopped at start-up; see {log_path}")
            try:
                urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=2).close()  # noqa: S310
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise SystemExit(f"{server} did not answer within 60 s") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@dataclass
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    statuses: dict[str, int]
    ran_out: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def wrk(
    url: str, script: str, args: Sequence[str], clients: int, seconds: int, env: dict[str, str] | None = None
) -> Run:
    """One wrk run; errors are socket errors, timeouts and answers other than 2xx."""
    threads = min(2, clients)
    argv = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "5s"]
    argv += ["-s", str(HERE / script), url, "--", *args]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)  # noqa: S603
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH "))
    raw = json.loads(line[len("BENCH ") :])
    statuses = {str(k): int(v) for k, v in raw["statuses"].items()}
    bad = sum(count for status, count in statuses.items() if not 200 <= int(status) < 300)
    return Run(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        errors=bad + raw["socket_errors"] + raw["timeouts"],
        statuses=statuses,
        ran_out=raw["ran_out"],
    )


def median_run(runs: Sequence[Run]) -> Run:
    """The run with the median throughput (its latencies go with it); errors are summed over all runs."""
    ordered = sorted(runs, key=lambda r: r.per_second)
    middle = ordered[len(ordered) // 2]
    middle.errors = sum(r.errors for r in runs)
    return middle


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def spread(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.0f}"
