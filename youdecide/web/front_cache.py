"""Public pages served before Django's middleware runs, for anonymous readers (the production WSGI app).

`cached_public_page` decides what may be cached and marks the response it stores or replays. This WSGI
layer keeps the finished response (its status, every header the middleware added, its bytes) under the
request's path, query string, what chooses its language (the language cookie and Accept-Language), host
and scheme, and serves it again while the page version is unchanged and the page is younger than
`PAGE_CACHE_SECONDS`: one indexed query per request and no middleware, URL resolving or view. Anything
else (a session or messages cookie, another method, a page that was not marked) goes to Django as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import DatabaseError, connection
from django.http.cookie import parse_cookie

from youdecide.web.page_cache import CachedPage, PageStore, current_page_version

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

finished_pages = PageStore(size=1000)


def _key(environ: dict[str, Any]) -> tuple[str, ...] | None:
    """The store key of an anonymous GET, or None when the request must go to Django."""
    if environ.get("REQUEST_METHOD") != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None
    # The host and scheme too: a host Django refuses, or a plain-HTTP request it would redirect to HTTPS,
    # is never answered from a page stored for another.
    return (
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
        environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        environ.get("HTTP_HOST", ""),
        environ.get("wsgi.url_scheme", ""),
        environ.get("HTTP_X_FORWARDED_PROTO", ""),
    )


def _version() -> int | None:
    try:
        return current_page_version()
    except DatabaseError:
        connection.close()  # a broken connection: Django's own request cycle opens a new one
        return None


class FrontPageCache:
    """WSGI middleware around Django's application."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = _key(environ)
        if key is None:
            return self.app(environ, start_response)
        page = finished_pages.get(key)
        if (
            page is not None
            and time.monotonic() - page.stored_at < settings.PAGE_CACHE_SECONDS
            and page.version == _version()
        ):
            start_response(_status_line(page.status), list(page.headers))
            return [page.content]
        sent: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        response = self.app(environ, capture)
        marked = getattr(response, "public_page", None)
        if marked is not None and sent and not any(name.lower() == "set-cookie" for name, _ in sent[1]):
            version, stored_at = marked
            content = b"".join(response)  # a marked page is never streamed: this is its content
            finished_pages.put(
                key, CachedPage(version, stored_at, int(sent[0].split()[0]), content, tuple(sent[1]))
            )
            closing = getattr(response, "close", None)
            if closing is not None:
                closing()
            return [content]
        return response


def _status_line(status: int) -> str:
    return f"{status} {HTTPStatus(status).phrase}"
