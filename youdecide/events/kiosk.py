"""The tablet kiosk: a page that unlocks one ballot at a time with a slip code, queues ballots on the
device when the connection drops (IndexedDB) and sends them when it returns, each with its idempotency
key so that a replay never doubles a vote."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET, require_POST

from youdecide.api.responses import REFUSAL_STATUS
from youdecide.events import services
from youdecide.events.models import DecisionDay
from youdecide.programmes.views import officer_required
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import BallotForm
from youdecide.voting.selectors import ballot_proposals, ballot_spec

SERVICE_WORKER = """// Keeps the kiosk page and its files on the tablet, so it reloads without a connection.
const CACHE = "youdecide-kiosk-v1";
self.addEventListener("install", (event) => { self.skipWaiting(); });
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") { return; }
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request))
  );
});
"""


@officer_required
def kiosk(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(DecisionDay.objects.select_related("programme", "area"), slug=slug)
    spec = ballot_spec(event.programme, event.area)
    form = BallotForm(spec=spec, proposals=ballot_proposals(event.programme, event.area), prefix="kiosk")
    return render(
        request,
        "events/kiosk.html",
        {"event": event, "spec": spec, "form": form, "kiosk_js": static("events/kiosk.js")},
    )


@officer_required
@require_POST
def kiosk_ballot(request: HttpRequest, slug: str) -> HttpResponse:
    """One queued ballot: {"slip": "...", "choices": {proposal id: value}} with an Idempotency-Key header."""
    event = get_object_or_404(DecisionDay.objects.select_related("programme", "area"), slug=slug)
    try:
        body = json.loads(request.body or b"{}")
        choices = {int(pid): int(value) for pid, value in dict(body.get("choices") or {}).items()}
        slip = str(body.get("slip", ""))
    except (ValueError, TypeError, AttributeError):
        return JsonResponse(
            {"error": "bad_request", "messages": ["The ballot could not be read."]}, status=400
        )
    try:
        receipt = services.cast_tablet_ballot(
            request.user, event, slip, choices, request.headers.get("Idempotency-Key", "")
        )
    except VotingRefused as refused:
        status = REFUSAL_STATUS.get(refused.code, 409)
        return JsonResponse({"error": refused.code, "messages": refused.messages}, status=status)
    return JsonResponse({"stored": True, "repeat": receipt.replayed}, status=200 if receipt.replayed else 201)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(SERVICE_WORKER, content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/office/decision-days/"
    response["Cache-Control"] = "no-cache"
    return response
