"""The production WSGI application serves a stored public page before Django's middleware runs, with every
header the middleware gave it, and never once the page has changed or to someone signed in."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.signals import request_started
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from tests import factories
from youdecide.accounts.models import Role
from youdecide.programmes.services import update_programme
from youdecide.voting.tests.conftest import make_box
from youdecide.web.front_cache import finished_pages
from youdecide.wsgi import application

# Django's request signals close the database connection after each request: the tests are transactional.


def wsgi_get(path: str, **headers: str) -> tuple[str, dict[str, str], bytes, int]:
    """A GET through the WSGI application as a server makes it: status, headers, body, SQL queries;
    `django_requests` counts the requests that reached Django."""
    environ = RequestFactory().get(path).environ
    environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    environ.setdefault("wsgi.input", b"")
    sent: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        sent["status"], sent["headers"] = status, dict(response_headers)

    with CaptureQueriesContext(connection) as queries:
        body = b"".join(application(environ, start_response))
    return sent["status"], sent["headers"], body, len(queries)


django_requests: list[object] = []


def _reached_django(sender: object, **kwargs: object) -> None:
    django_requests.append(sender)


request_started.connect(_reached_django, dispatch_uid="front_cache_test_requests")


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_a_stored_page_is_served_with_its_headers_in_one_query_and_a_change_shows_at_once() -> None:
    box = make_box()
    status, headers, first, queries = wsgi_get("/")
    assert status == "200 OK" and box.programme.name in first.decode()
    assert queries > 1 and len(finished_pages._pages) == 1
    django_requests.clear()
    again_status, again_headers, again, queries = wsgi_get("/")
    assert (again_status, again) == ("200 OK", first)
    assert queries == 1 and not django_requests  # the page version, and Django never ran
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Vary", "Content-Language"):
        assert again_headers.get(name) == headers.get(name), name
    assert "default-src" in again_headers["Content-Security-Policy"]

    update_programme(factories.UserFactory.create(role=Role.OFFICER), box.programme, name="Winter warmth")
    _status, _headers, changed, queries = wsgi_get("/")
    assert "Winter warmth" in changed.decode() and queries > 1 and django_requests


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_language_and_sign_in_choose_what_is_served() -> None:
    box = make_box()
    english = wsgi_get(f"/programmes/{box.programme.slug}/", accept_language="en-GB")[2].decode()
    welsh = wsgi_get(f"/programmes/{box.programme.slug}/", accept_language="cy")[2].decode()
    assert 'lang="en' in english and 'lang="cy"' in welsh
    assert wsgi_get(f"/programmes/{box.programme.slug}/", accept_language="cy")[2].decode() == welsh

    refused = wsgi_get(f"/programmes/{box.programme.slug}/", accept_language="cy", host="evil.example")
    assert refused[0].startswith("400")  # a host Django refuses is refused, page stored or not

    client = Client()
    client.force_login(factories.UserFactory.create(role=Role.OFFICER))
    session = client.cookies["sessionid"].value
    _status, _headers, page, queries = wsgi_get(
        f"/programmes/{box.programme.slug}/", cookie=f"sessionid={session}"
    )
    assert "Signed in as" in page.decode() and queries > 1


@pytest.mark.django_db(transaction=True)
def test_with_the_cache_off_every_request_goes_to_django() -> None:
    make_box()
    wsgi_get("/")
    assert wsgi_get("/")[3] > 1 and not finished_pages._pages
