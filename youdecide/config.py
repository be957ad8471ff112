"""Settings read strictly from environment variables.

Every reader names the variable in its error, so a bad deployment stops at start-up
with a message that says exactly what to fix.

An empty variable (``DEBUG=`` or only spaces) counts as unset and takes its default, for every
variable alike: booleans, numbers, lists, time zones and URLs. Anything else must be a valid
value: booleans are one of true/false, 1/0, yes/no, on/off (any case); a URL's options (the part
after ``?``) are checked one by one, and an option the reader does not know is refused.
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
_FALSE = {"0", "false", "no", "off"}


def _raw(env: Mapping[str, str], name: str) -> str | None:
    """The variable's value without surrounding spaces; None when it is unset or empty."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return None
    return raw.strip()


def _bool_value(value: str, what: str) -> bool:
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ConfigError(f"{what} must be one of true/false/1/0/yes/no/on/off, not {value!r}")


def read_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = _raw(env, name)
    return default if value is None else _bool_value(value, name)


def read_str(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    value = _raw(env, name)
    return default if value is None else value


def read_list(env: Mapping[str, str], name: str, default: list[str]) -> list[str]:
    value = _raw(env, name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",")]
    if any(item == "" for item in items):
        raise ConfigError(f"{name} must be a comma-separated list without empty entries, not {value!r}")
    return items


def _whole_number(value: str, what: str, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{what} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{what} must be at least {minimum}, not {number}")
    return number


def read_int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    value = _raw(env, name)
    return default if value is None else _whole_number(value, name, minimum)


def read_time_zone(env: Mapping[str, str], name: str, default: str) -> str:
    value = read_str(env, name, default) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name} must be an IANA time zone such as Europe/London, not {value!r}") from None
    return value


def _url_options(name: str, query: str) -> dict[str, str]:
    """The options after ``?`` of a URL, each given once."""
    options: dict[str, str] = {}
    for key, values in parse_qs(query, keep_blank_values=True).items():
        if len(values) > 1:
            raise ConfigError(f"{name} gives the option {key} twice; give it once")
        options[key] = values[0]
    return options


def _check_options(name: str, options: Mapping[str, str], known: Mapping[str, object]) -> dict[str, Any]:
    """Each option checked against ``known``: allowed words (a tuple), ``int``, ``bool`` or ``str``."""
    checked: dict[str, Any] = {}
    for key, value in options.items():
        kind = known.get(key)
        what = f"{name} option {key}"
        if kind is None:
            raise ConfigError(f"{name} has an unknown option {key!r}; known options: {', '.join(known)}")
        if kind is int:
            checked[key] = _whole_number(value, what, 0)
        elif kind is bool:
            checked[key] = _bool_value(value, what)
        elif isinstance(kind, tuple):
            if value not in kind:
                raise ConfigError(f"{what} must be one of {', '.join(kind)}, not {value!r}")
            checked[key] = value
        elif value.strip() == "":
            raise ConfigError(f"{what} must not be empty")
        else:
            checked[key] = value
    return checked


_DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}
# The libpq connection parameters a deployment sets in DATABASE_URL, with the values libpq accepts
# (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS).
_POSTGRESQL_OPTIONS: dict[str, object] = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "sslrootcert": str,
    "sslcert": str,
    "sslkey": str,
    "sslcrl": str,
    "connect_timeout": int,
    "application_name": str,
    "target_session_attrs": ("any", "read-write", "read-only", "primary", "standby", "prefer-standby"),
    "gssencmode": ("disable", "prefer", "require"),
    "channel_binding": ("disable", "prefer", "require"),
    "keepalives": ("0", "1"),
    "keepalives_idle": int,
    "keepalives_interval": int,
    "keepalives_count": int,
    "tcp_user_timeout": int,
    "options": str,
}


def read_database(env: Mapping[str, str], name: str, default: str) -> dict[str, Any]:
    url = read_str(env, name, default) or default
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in _DATABASE_SCHEMES:
        raise ConfigError(
            f"{name} must start with sqlite:// or postgres:// (e.g. postgres://user@host:5432/name), "
            f"not {url!r}"
        )
    address, _, query = url.partition("?")
    options = _url_options(name, query)
    if scheme == "sqlite" and options:
        raise ConfigError(f"{name}: options ({', '.join(options)}) are for PostgreSQL only; remove them")
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(address, conn_max_age=0))
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
    elif options:
        config["OPTIONS"] = _check_options(name, options, _POSTGRESQL_OPTIONS)
    return config


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}
_EMAIL_OPTIONS: dict[str, object] = {"tls": bool, "timeout": int}


def read_email(env: Mapping[str, str], name: str, default: str) -> dict[str, Any]:
    """EMAIL_URL: console://, smtp://user:pass@host:587?tls=true, smtps://..., or locmem:// (kept in memory).

    Options: ``tls`` (STARTTLS on smtp://; smtps:// is encrypted already) and ``timeout`` (seconds).
    """
    url = read_str(env, name, default) or default
    parsed = urlparse(url)
    if parsed.scheme not in _EMAIL_BACKENDS:
        raise ConfigError(f"{name} must start with console://, locmem://, smtp:// or smtps://, not {url!r}")
    config: dict[str, Any] = {"EMAIL_BACKEND": _EMAIL_BACKENDS[parsed.scheme]}
    options = _url_options(name, parsed.query)
    if not parsed.scheme.startswith("smtp"):
        if options:
            raise ConfigError(f"{name}: options ({', '.join(options)}) are for smtp:// and smtps:// only")
        return config
    if not parsed.hostname:
        raise ConfigError(f"{name} must name a mail host, e.g. smtp://user:password@mail.example:587")
    try:
        port = parsed.port
    except ValueError:
        port_text = parsed.netloc.rpartition(":")[2]
        raise ConfigError(
            f"{name} must give the mail port as a number from 1 to 65535, not {port_text!r}"
        ) from None
    if port == 0:
        raise ConfigError(f"{name} must give the mail port as a number from 1 to 65535, not '0'")
    checked = _check_options(name, options, _EMAIL_OPTIONS)
    use_tls = bool(checked.get("tls", False))
    if use_tls and parsed.scheme == "smtps":
        raise ConfigError(f"{name}: smtps:// is already encrypted (SSL); use smtp://...?tls=true or drop tls")
    config.update(
        EMAIL_HOST=parsed.hostname,
        EMAIL_PORT=port or (465 if parsed.scheme == "smtps" else 25),
        EMAIL_HOST_USER=unquote(parsed.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
        EMAIL_USE_SSL=parsed.scheme == "smtps",
        EMAIL_USE_TLS=use_tls,
    )
    if "timeout" in checked:
        config["EMAIL_TIMEOUT"] = checked["timeout"]
    return config


def check_production(env: Mapping[str, str]) -> None:
    """Refuse what must never serve the public: DEBUG on, or no SECRET_KEY."""
    if read_bool(env, "DEBUG", False):
        raise ConfigError("DEBUG is on. Unset DEBUG (or set it to false) in production.")
    if read_str(env, "SECRET_KEY") is None:
        raise ConfigError("SECRET_KEY is not set: set it to a long random string.")


def environ() -> Mapping[str, str]:
    return os.environ
