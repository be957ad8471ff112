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


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:port
    pid: int  # the server's main process


@contextmanager
def served(server: str, env: dict[str, str], port: int) -> Iterator[Served]:
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
        yield Served(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _processes() -> dict[int, tuple[int, str, float]]:
    """Every process: its parent, its name, and the CPU seconds it and its reaped children have used."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, tuple[int, str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # After the name: state, ppid, ... utime, stime, cutime, cstime are fields 14-17 of stat(5).
        found[int(entry.name)] = (int(fields[1]), name, sum(int(v) for v in fields[11:15]) / tick)
    return found


def cpu_seconds(roots: Sequence[int]) -> float:
    """CPU seconds used so far by `roots` and every process under them, those already ended included."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _name, _cpu) in processes.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [pid for pid in roots if pid in processes]
    while todo:
        pid = todo.pop()
        total += processes[pid][2]
        todo += children.get(pid, [])
    return total


def postgres_server() -> list[int]:
    """The local PostgreSQL server's postmaster (empty when the server is not on this machine)."""
    processes = _processes()
    return [
        pid
        for pid, (parent, name, _cpu) in processes.items()
        if name == "postgres" and processes.get(parent, (0, "", 0.0))[1] != "postgres"
    ]


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
    app_cpu_ms: float | None = None  # the server's CPU per request (all its processes)
    db_cpu_ms: float | None = None  # PostgreSQL's CPU per request (every backend, ended ones included)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def wrk(
    url: str,
    script: str,
    args: Sequence[str],
    clients: int,
    seconds: int,
    env: dict[str, str] | None = None,
    server: int | None = None,
) -> Run:
    """One wrk run; errors are socket errors, timeouts and answers other than 2xx. With `server` (the
    app server's process id) the CPU the app and PostgreSQL spent per request is measured too."""
    threads = min(2, clients)
    argv = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "5s"]
    argv += ["-s", str(HERE / script), url, "--", *args]
    app, postgres = [server] if server else [], postgres_server()
    app_before, db_before = cpu_seconds(app), cpu_seconds(postgres)
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)  # noqa: S603
    app_used, db_used = cpu_seconds(app) - app_before, cpu_seconds(postgres) - db_before
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
        app_cpu_ms=1000 * app_used / raw["requests"] if server and raw["requests"] else None,
        db_cpu_ms=1000 * db_used / raw["requests"] if postgres and raw["requests"] else None,
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
