"""The production WSGI entry point (``gunicorn youdecide.wsgi:application``, as ``youdecide serve`` runs it).

Every server that loads this module is refused start-up with DEBUG on or without SECRET_KEY, however
it was started; the development server (``youdecide demo``, ``runserver``) does not load it.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.urls import reverse

from youdecide.config import ConfigError, check_production, environ

try:
    check_production(environ())
except ConfigError as exc:
    raise ImproperlyConfigured(f"You Decide refuses to start: {exc}") from None

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youdecide.settings")
django_application = get_wsgi_application()
# Every view module is imported, and the URL maps built, as the worker starts (about a second), not while
# the first request it takes waits for them.
reverse("web:home")

from youdecide.web.front_cache import FrontPageCache  # noqa: E402 - needs the settings configured above

application = FrontPageCache(django_application)
