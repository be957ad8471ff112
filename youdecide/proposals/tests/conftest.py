import pytest


@pytest.fixture(autouse=True)
def plain_static_files(settings) -> None:
    """Pages link their CSS and JS with {% static %}; without DEBUG the manifest storage needs a
    collectstatic run first, so tests use the plain storage."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def quick_password_hashing(settings) -> None:
    """Argon2 is deliberately slow; the tests make many accounts and check no password strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
