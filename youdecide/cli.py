"""The ``youdecide`` command: everything an operator does.

youdecide demo            migrate, seed the demo programme and serve it on 127.0.0.1:$PORT (8000)
youdecide serve           production server (gunicorn); refuses DEBUG on or no SECRET_KEY
youdecide seed-demo       load or refresh the demo programme (safe to run twice)
youdecide count FILE.pb   count a pabulib election; youdecide check FILE.pb validates one
youdecide <command> ...   any Django management command (migrate, import_areas, createsuperuser, ...)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def run_django(argv: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youdecide.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(list(argv))


def _port() -> str:
    port = os.environ.get("PORT", "8000").strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise SystemExit(f"PORT must be a number from 1 to 65535, not {port!r}")
    return port


def demo() -> None:
    """Migrate an SQLite database under var/, seed the demo and serve it for a look around."""
    os.environ.setdefault("DEBUG", "true")
    run_django(["youdecide", "migrate", "--noinput", "-v", "0"])
    run_django(["youdecide", "seed_demo"])
    port = _port()
    print(f"\nYou Decide demo: http://127.0.0.1:{port}/  (Ctrl+C to stop)\n", flush=True)
    run_django(["youdecide", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"])


def serve(extra: Sequence[str]) -> None:
    """Production: gunicorn with WEB_CONCURRENCY workers on 0.0.0.0:$PORT, behind a proxy."""
    from youdecide.config import ConfigError, check_production, read_int

    try:
        check_production(os.environ)
    except ConfigError as exc:
        raise SystemExit(f"serve refuses to start: {exc}") from None
    try:
        workers = read_int(os.environ, "WEB_CONCURRENCY", 4, minimum=1)
    except ConfigError as exc:
        raise SystemExit(str(exc)) from None
    run_django(["youdecide", "check", "--deploy", "--fail-level", "ERROR"])
    run_django(["youdecide", "collectstatic", "--noinput", "-v", "0"])
    bind = os.environ.get("BIND", f"0.0.0.0:{_port()}")
    args = [
        "gunicorn",
        "youdecide.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        *extra,
    ]
    os.execvp(args[0], args)  # noqa: S606 - replaces this process with the configured server


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "help"
    if command == "demo":
        demo()
    elif command == "serve":
        serve(args[1:])
    elif command == "count" or (command == "check" and any(arg.endswith(".pb") for arg in args[1:])):
        from youdecide.counting.cli import main as counting_main

        raise SystemExit(counting_main(args))
    elif command == "check" and (files := [arg for arg in args[1:] if os.path.isfile(arg)]):
        print(
            f"{files[0]} does not end in .pb, so this is Django's system check of the project (its arguments "
            "are app labels), not the check of a pabulib file: name a FILE.pb to validate an election.",
            file=sys.stderr,
            flush=True,
        )
        run_django(["youdecide", *args])
    elif command in {"help", "--help", "-h"}:
        print(__doc__)
        run_django(["youdecide", "help"])
    else:
        run_django(
            ["youdecide", command.replace("-", "_") if not command.startswith("-") else command, *args[1:]]
        )


if __name__ == "__main__":
    main()
