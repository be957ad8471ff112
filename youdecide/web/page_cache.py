"""Public pages cached per app process for anonymous readers, dropped as soon as their content changes.

A cached page is kept under its path, query string, language and the current page version: the single
`PageVersion` row that every committed change to what public pages show moves on (model signals, and every
audit event, which covers the conditional UPDATEs of the services). Each request reads that row (one
indexed query), so a change made through any process shows at once in every process. Pages that also show
figures changing with the clock or with ballots (phase of the timeline, votes so far) are kept at most
`PAGE_CACHE_SECONDS`. Signed-in people (anyone with a session cookie) and pages that hand out a CSRF token or
set a cookie are never cached.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from youdecide.web.models import PageVersion

View = Callable[..., HttpResponse]

# Changes to these never alter a public page that is cached: ballots, voters and codes (figures from them
# are bounded by the cache's lifetime), check-ins and papers, residents' responses, sessions, accounts and
# the audit log itself (its events bump on their own, below).
UNCACHED_APPS = frozenset({"voting", "audit", "sessions", "accounts", "auth", "admin", "contenttypes", "web"})
UNCACHED_MODELS = frozenset(
    {
        "events.checkin",
        "events.paperballot",
        "events.feedback",
        "results.equalityresponse",
        "consultation.proposalresponse",
        "consultation.demographicprofile",
        "consultation.simulatorsubmission",
        "consultation.submissionchoice",
        "delivery.returnreminder",
    }
)


def shown_on_public_pages(model: type[models.Model]) -> bool:
    meta = model._meta
    return meta.app_label not in UNCACHED_APPS and meta.label_lower not in UNCACHED_MODELS


def _bump_now() -> None:
    if not PageVersion.objects.filter(pk=1).update(number=F("number") + 1):
        PageVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def bump_page_version() -> None:
    """Move the page version on once the current transaction commits (at once outside a transaction);
    several changes in one transaction move it once."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump_now()
    elif not any(waiting[1] is _bump_now for waiting in connection.run_on_commit):
        transaction.on_commit(_bump_now)


def current_page_version() -> int:
    number = PageVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


@dataclass(frozen=True)
class CachedPage:
    version: int
    stored_at: float
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]


class PageStore:
    """A bounded least-recently-used store of rendered pages, one per process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[tuple[str, ...], CachedPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, ...], page: CachedPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


pages = PageStore(size=1000)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
    )


def _replay(page: CachedPage) -> HttpResponse:
    response = HttpResponse(page.content, status=page.status)
    for name, value in page.headers:
        response[name] = value
    return response


def cached_public_page(view: View) -> View:
    """Serve the view's page from the process's store to anonymous readers while it is current."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = (request.path, request.META.get("QUERY_STRING", ""), getattr(request, "LANGUAGE_CODE", ""))
        version = current_page_version()
        page = pages.get(key)
        if (
            page is not None
            and page.version == version
            and time.monotonic() - page.stored_at < settings.PAGE_CACHE_SECONDS
        ):
            replayed = _replay(page)
            replayed.public_page = (page.version, page.stored_at)  # type: ignore[attr-defined]
            return replayed
        response = view(request, *args, **kwargs)
        if _cacheable_response(request, response):
            headers = tuple((name, value) for name, value in response.items())
            stored = CachedPage(version, time.monotonic(), response.status_code, response.content, headers)
            pages.put(key, stored)
            # The finished response may be kept before the middleware too (youdecide.web.front_cache).
            response.public_page = (stored.version, stored.stored_at)  # type: ignore[attr-defined]
        return response

    return wrapped
