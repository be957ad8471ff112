"""Settings are read strictly: a bad value names its variable."""

from __future__ import annotations

import pytest

from youdecide.config import (
    ConfigError,
    read_bool,
    read_database,
    read_email,
    read_int,
    read_list,
    read_time_zone,
)


def test_booleans_accept_the_usual_words() -> None:
    assert read_bool({"DEBUG": "yes"}, "DEBUG", False) is True
    assert read_bool({"DEBUG": "Off"}, "DEBUG", True) is False
    assert read_bool({}, "DEBUG", True) is True


def test_a_bad_boolean_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="DEBUG must be one of"):
        read_bool({"DEBUG": "maybe"}, "DEBUG", False)


def test_lists_refuse_empty_entries() -> None:
    assert read_list({"ALLOWED_HOSTS": "a.example, b.example"}, "ALLOWED_HOSTS", []) == [
        "a.example",
        "b.example",
    ]
    with pytest.raises(ConfigError, match="ALLOWED_HOSTS"):
        read_list({"ALLOWED_HOSTS": "a.example,,b"}, "ALLOWED_HOSTS", [])


def test_whole_numbers_only() -> None:
    assert read_int({"WEB_CONCURRENCY": "4"}, "WEB_CONCURRENCY", 1, minimum=1) == 4
    with pytest.raises(ConfigError, match="WEB_CONCURRENCY must be a whole number"):
        read_int({"WEB_CONCURRENCY": "four"}, "WEB_CONCURRENCY", 1)
    with pytest.raises(ConfigError, match="at least 1"):
        read_int({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY", 1, minimum=1)


def test_time_zone_must_exist() -> None:
    assert read_time_zone({}, "TIME_ZONE", "Europe/London") == "Europe/London"
    with pytest.raises(ConfigError, match="TIME_ZONE must be an IANA time zone"):
        read_time_zone({"TIME_ZONE": "Europe/Crewe"}, "TIME_ZONE", "Europe/London")


def test_database_urls() -> None:
    postgres = read_database({"DATABASE_URL": "postgres://pb@db.internal:5432/youdecide"}, "DATABASE_URL", "")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert postgres["NAME"] == "youdecide"
    sqlite = read_database({}, "DATABASE_URL", "sqlite:////tmp/youdecide.sqlite3")
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    with pytest.raises(ConfigError, match="DATABASE_URL must start with sqlite:// or postgres://"):
        read_database({"DATABASE_URL": "mysql://root@localhost/pb"}, "DATABASE_URL", "")
    with pytest.raises(ConfigError, match="DATABASE_URL must name a database"):
        read_database({"DATABASE_URL": "postgres://pb@db.internal:5432"}, "DATABASE_URL", "")


def test_email_urls() -> None:
    assert read_email({}, "EMAIL_URL", "console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = read_email({"EMAIL_URL": "smtp://mailer:s%40cret@smtp.example:587?tls=true"}, "EMAIL_URL", "")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == ("smtp.example", 587, True)
    assert smtp["EMAIL_HOST_PASSWORD"] == "s@cret"
    with pytest.raises(ConfigError, match="EMAIL_URL must start with"):
        read_email({"EMAIL_URL": "carrier-pigeon://loft"}, "EMAIL_URL", "")
