"""Officers' sessions end after a short time without activity: their devices sit on desks in public halls."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class OfficerIdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(request.user, "is_officer", False):
            request.session.set_expiry(settings.OFFICER_IDLE_TIMEOUT)
        return self.get_response(request)
