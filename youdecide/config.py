"""Settings read strictly from environment variables.

Every reader names the variable in its error, so a bad deployment stops at start-up
with a message that says exactly what to fix.
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url


class ConfigError(Exception):
    """A configuration variable is missing or has a value that cannot be used."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def read_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def read_str(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip()


def read_list(env: Mapping[str, str], name: str, default: list[str]) -> list[str]:
    raw = env.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(item == "" for item in items):
        raise ConfigError(f"{name} must be a comma-separated list without empty entries, not {raw!r}")
    return items


def read_int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def read_time_zone(env: Mapping[str, str], name: str, default: str) -> str:
    value = read_str(env, name, default) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name} must be an IANA time zone such as Europe/London, not {value!r}") from None
    return value


_DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


def read_database(env: Mapping[str, str], name: str, default: str) -> dict[str, Any]:
    url = read_str(env, name, default) or default
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in _DATABASE_SCHEMES:
        raise ConfigError(
            f"{name} must start with sqlite:// or postgres:// (e.g. postgres://user@host:5432/name), "
            f"not {url!r}"
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    except ValueError as exc:
        raise ConfigError(f"{name} could not be read: {exc}") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ConfigError(f"{name} must name a database after the host, e.g. postgres://host:5432/youdecide")
    if scheme == "sqlite":
        # Writers queue for the lock (up to 30 s) instead of failing; the test database is a file beside the
        # real one, so concurrent tests lock the way production does (an in-memory database would not).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
            "timeout": 30,
        }
        name = str(config.get("NAME") or "")
        if name and name != ":memory:":
            stem, dot, suffix = name.rpartition(".")
            config["TEST"] = {"NAME": f"{stem}-test.{suffix}" if dot else f"{name}-test"}
    return config


def read_email(env: Mapping[str, str], name: str, default: str) -> dict[str, Any]:
    """EMAIL_URL: console://, smtp://user:pass@host:587?tls=true, or locmem:// (kept in memory)."""
    url = read_str(env, name, default) or default
    parsed = urlparse(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parsed.scheme not in backends:
        raise ConfigError(f"{name} must start with console://, locmem://, smtp:// or smtps://, not {url!r}")
    config: dict[str, Any] = {"EMAIL_BACKEND": backends[parsed.scheme]}
    if parsed.scheme.startswith("smtp"):
        if not parsed.hostname:
            raise ConfigError(f"{name} must name a mail host, e.g. smtp://user:password@mail.example:587")
        query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        config.update(
            EMAIL_HOST=parsed.hostname,
            EMAIL_PORT=parsed.port or (465 if parsed.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=parsed.scheme == "smtps",
            EMAIL_USE_TLS=read_bool(query, "tls", False),
        )
    return config


def environ() -> Mapping[str, str]:
    return os.environ
