"""Settings are read strictly: a bad value names its variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from youdecide.config import (
    ConfigError,
    check_production,
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


@pytest.mark.parametrize("reader_default", [True, False])
def test_an_empty_boolean_is_unset_and_takes_its_default(reader_default: bool) -> None:
    assert read_bool({"DEBUG": ""}, "DEBUG", reader_default) is reader_default
    assert read_bool({"SECURE_SSL_REDIRECT": "  "}, "SECURE_SSL_REDIRECT", reader_default) is reader_default


def test_every_empty_variable_is_unset_and_takes_its_default(tmp_path: Path) -> None:
    assert read_list({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS", ["localhost"]) == ["localhost"]
    assert read_int({"WEB_CONCURRENCY": " "}, "WEB_CONCURRENCY", 4) == 4
    assert read_time_zone({"TIME_ZONE": ""}, "TIME_ZONE", "Europe/London") == "Europe/London"
    assert read_email({"EMAIL_URL": ""}, "EMAIL_URL", "console://")["EMAIL_BACKEND"].endswith(
        "console.EmailBackend"
    )
    database = tmp_path / "youdecide.sqlite3"
    sqlite = read_database({"DATABASE_URL": ""}, "DATABASE_URL", f"sqlite:///{database}")
    assert sqlite["NAME"] == str(database)


def test_an_email_port_that_is_not_a_number_names_email_url() -> None:
    with pytest.raises(
        ConfigError, match=r"EMAIL_URL must give the mail port as a number from 1 to 65535, not 'abc'"
    ):
        read_email({"EMAIL_URL": "smtp://mail:abc"}, "EMAIL_URL", "console://")
    with pytest.raises(ConfigError, match="EMAIL_URL must give the mail port as a number"):
        read_email({"EMAIL_URL": "smtp://mail:70000"}, "EMAIL_URL", "console://")


def test_a_bad_tls_option_names_email_url() -> None:
    with pytest.raises(ConfigError, match=r"EMAIL_URL option tls must be one of true/false.*not 'maybe'"):
        read_email({"EMAIL_URL": "smtp://mail.example:587?tls=maybe"}, "EMAIL_URL", "console://")


def test_unknown_or_conflicting_email_options_are_refused() -> None:
    with pytest.raises(ConfigError, match="EMAIL_URL has an unknown option 'starttls'"):
        read_email({"EMAIL_URL": "smtp://mail.example:587?starttls=true"}, "EMAIL_URL", "console://")
    with pytest.raises(ConfigError, match="EMAIL_URL gives the option tls twice"):
        read_email({"EMAIL_URL": "smtp://mail.example:587?tls=true&tls=false"}, "EMAIL_URL", "console://")
    with pytest.raises(ConfigError, match=r"EMAIL_URL: smtps:// is already encrypted"):
        read_email({"EMAIL_URL": "smtps://mail.example?tls=true"}, "EMAIL_URL", "console://")


def test_known_postgresql_options_reach_the_connection() -> None:
    url = (
        "postgres://pb@db.internal:5432/youdecide?sslmode=verify-full&connect_timeout=10"
        "&application_name=you-decide&target_session_attrs=read-write&sslrootcert=/etc/ssl/ca.pem"
    )
    config = read_database({"DATABASE_URL": url}, "DATABASE_URL", "")
    assert config["OPTIONS"] == {
        "sslmode": "verify-full",
        "connect_timeout": 10,
        "application_name": "you-decide",
        "target_session_attrs": "read-write",
        "sslrootcert": "/etc/ssl/ca.pem",
    }


def test_a_bad_postgresql_option_value_names_database_url() -> None:
    with pytest.raises(
        ConfigError, match=r"DATABASE_URL option sslmode must be one of disable, allow, .*not 'bogus'"
    ):
        read_database({"DATABASE_URL": "postgres://pb@db/youdecide?sslmode=bogus"}, "DATABASE_URL", "")
    with pytest.raises(
        ConfigError, match=r"DATABASE_URL option connect_timeout must be a whole number, not 'soon'"
    ):
        read_database({"DATABASE_URL": "postgres://pb@db/youdecide?connect_timeout=soon"}, "DATABASE_URL", "")
    with pytest.raises(ConfigError, match="DATABASE_URL gives the option sslmode twice"):
        read_database(
            {"DATABASE_URL": "postgres://pb@db/youdecide?sslmode=require&sslmode=disable"}, "DATABASE_URL", ""
        )


def test_an_unknown_postgresql_option_names_database_url() -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL has an unknown option 'foo'"):
        read_database(
            {"DATABASE_URL": "postgres://pb@db/youdecide?sslmode=require&foo=1"}, "DATABASE_URL", ""
        )


def test_sqlite_takes_no_options() -> None:
    with pytest.raises(ConfigError, match=r"DATABASE_URL: options \(timeout\) are for PostgreSQL only"):
        read_database({"DATABASE_URL": "sqlite:///var/x.sqlite3?timeout=5"}, "DATABASE_URL", "")


def test_a_bad_database_port_names_database_url() -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        read_database({"DATABASE_URL": "postgres://pb@db:abc/youdecide"}, "DATABASE_URL", "")


def test_production_is_refused_with_debug_on_or_without_secret_key() -> None:
    check_production({"SECRET_KEY": "a-long-random-key"})
    with pytest.raises(ConfigError, match="DEBUG is on"):
        check_production({"SECRET_KEY": "a-long-random-key", "DEBUG": "true"})
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        check_production({"SECRET_KEY": " "})
    with pytest.raises(ConfigError, match="DEBUG must be one of"):
        check_production({"SECRET_KEY": "k", "DEBUG": "perhaps"})
