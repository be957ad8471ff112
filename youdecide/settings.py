"""Django settings. Every value comes from an environment variable (see README, "Configuration")."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from youdecide.config import (
    ConfigError,
    environ,
    read_bool,
    read_database,
    read_email,
    read_int,
    read_list,
    read_str,
    read_time_zone,
)

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = environ()

try:
    VAR_DIR = Path(read_str(ENV, "YOUDECIDE_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")
    DEBUG = read_bool(ENV, "DEBUG", False)
    _secret_key = read_str(ENV, "SECRET_KEY")
    ALLOWED_HOSTS = read_list(ENV, "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    CSRF_TRUSTED_ORIGINS = read_list(ENV, "CSRF_TRUSTED_ORIGINS", [])
    TIME_ZONE = read_time_zone(ENV, "TIME_ZONE", "Europe/London")
    DATABASES = {"default": read_database(ENV, "DATABASE_URL", f"sqlite:///{VAR_DIR / 'youdecide.sqlite3'}")}
    # Seconds an app process keeps its database connection between requests (0: a new one per request).
    DATABASES["default"]["CONN_MAX_AGE"] = read_int(ENV, "DATABASE_CONN_MAX_AGE", 0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_MAX_AGE"] > 0
    _email = read_email(ENV, "EMAIL_URL", "console://")
    DEFAULT_FROM_EMAIL = read_str(ENV, "DEFAULT_FROM_EMAIL", "You Decide <youdecide@localhost>")
    SECURE_SSL_REDIRECT = read_bool(ENV, "SECURE_SSL_REDIRECT", False)
    SESSION_COOKIE_AGE = read_int(ENV, "SESSION_COOKIE_AGE", 60 * 60 * 8, minimum=60)
    _voter_key = read_str(ENV, "VOTER_KEY")
    OFFICER_IDLE_TIMEOUT = read_int(ENV, "OFFICER_IDLE_TIMEOUT", 30 * 60, minimum=60)
    # Officers and administrators sign in with a code from an authenticator app as well as their password.
    TWO_FACTOR_REQUIRED = read_bool(ENV, "TWO_FACTOR_REQUIRED", not DEBUG)
    # Public pages are cached per process for anonymous readers this many seconds at most (0: never), and
    # dropped at once when their content changes (youdecide.web.page_cache).
    PAGE_CACHE_SECONDS = read_int(ENV, "PAGE_CACHE_SECONDS", 60)
    # The address people reach the site at, for links in emails sent outside a request (reminders).
    SITE_URL = (read_str(ENV, "SITE_URL", "http://localhost:8000") or "").rstrip("/")
    if not SITE_URL.startswith(("https://", "http://")):
        raise ConfigError(f"SITE_URL must start with https:// or http://, not {SITE_URL!r}")
except ConfigError as exc:
    raise ImproperlyConfigured(str(exc)) from None

if _secret_key is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is not set: set it to a long random string (DEBUG is off).")
    _secret_key = "insecure-development-key-set-SECRET_KEY-in-production"  # noqa: S105 - DEBUG only
SECRET_KEY = _secret_key
# Keys the hashes that find one person across voting channels; kept apart from SECRET_KEY so that
# rotating the session key during a vote does not let anyone vote twice.
VOTER_KEY = _voter_key or SECRET_KEY
globals().update(_email)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "youdecide.accounts",
    "youdecide.audit",
    "youdecide.areas",
    "youdecide.programmes",
    "youdecide.groups",
    "youdecide.proposals",
    "youdecide.voting",
    "youdecide.events",
    "youdecide.results",
    "youdecide.delivery",
    "youdecide.consultation",
    "youdecide.api",
    "youdecide.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "youdecide.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "youdecide.accounts.middleware.OfficerIdleTimeoutMiddleware",
]

ROOT_URLCONF = "youdecide.urls"
# None: the development server builds its own application; youdecide.wsgi, the production entry
# point, refuses to start with DEBUG on, which the demo needs.
WSGI_APPLICATION = None
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "youdecide" / "locale"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Once the site is served over HTTPS only, browsers are told to keep to HTTPS for a year, subdomains too.
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL_REDIRECT
# Joining the browsers' preload list is the domain owner's choice, made outside this application.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO" if DEBUG else "WARNING"},
}
