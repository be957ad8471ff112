"""The tablet kiosk: a page that unlocks one ballot at a time with a slip code, queues ballots on the
device when the connection drops (IndexedDB) and sends them when it returns, each with its idempotency
key so that a replay never doubles a vote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render, resolve_url
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from youdecide.api.responses import BadRequest, error, json_body, refusal
from youdecide.areas.models import Area
from youdecide.events import services
from youdecide.events.models import DecisionDay
from youdecide.events.selectors import day_areas, slip_letters
from youdecide.programmes.models import ConflictPolicy
from youdecide.programmes.views import officer_required
from youdecide.proposals.models import Proposal
from youdecide.voting.ballot_rules import BallotSpec
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import BallotForm
from youdecide.voting.selectors import ballot_proposals, ballot_spec, voting_rules_for
from youdecide.voting.throttle import check_slip_tries, count_unknown_slip

T = TypeVar("T")

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


def _area_ballot(
    event: DecisionDay, area: Area, first: bool
) -> tuple[BallotSpec, list[Proposal], BallotForm]:
    """An area's ballot on the tablet: the form's fields are named as on the voting ballot form; each
    area's form has its own ids."""
    spec = ballot_spec(event.programme, area)
    proposals = ballot_proposals(event.programme, area)
    auto_id = "id_%s" if first else f"id_a{area.pk}_%s"
    return spec, proposals, BallotForm(spec=spec, proposals=proposals, prefix="kiosk", auto_id=auto_id)


@officer_required
def kiosk(request: HttpRequest, slug: str) -> HttpResponse:
    """Every area's ballot is on the page, so that a tablet with no connection opens the slip's area's."""
    event = get_object_or_404(DecisionDay.objects.select_related("programme"), slug=slug)
    letters = slip_letters(event)
    ballots = []
    proposals_all: list[Proposal] = []
    for i, area in enumerate(day_areas(event)):
        spec, proposals, form = _area_ballot(event, area, i == 0)
        rows = list(zip(proposals, form["choice"], strict=True)) if spec.kind == "choose_one" else form.rows()
        ballots.append(
            {"area": area, "letter": letters.get(area.pk, ""), "spec": spec, "form": form, "rows": rows}
        )
        proposals_all += proposals
    leave_out_own = voting_rules_for(event.programme).conflict_policy == ConflictPolicy.LEAVE_OUT_OWN
    return render(
        request,
        "events/kiosk.html",
        {
            "event": event,
            "ballots": ballots,
            "groups": sorted({p.group for p in proposals_all}, key=lambda g: g.name) if leave_out_own else [],
            "sign_in": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.path})}",
            "kiosk_js": static("events/kiosk.js"),
        },
    )


def _officer_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The kiosk's JSON endpoints answer 401 or 403, never a redirect to the sign-in page: a tablet whose
    officer has been signed out must keep its ballots and say so."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return error(
                "signed_out", [_("The officer on this tablet has been signed out: sign in again.")], 401
            )
        if not getattr(request.user, "is_officer", False):
            return error("not_officer", [_("Only council officers can run a tablet.")], 403)
        return view(request, *args, **kwargs)

    return guarded


def _counted(request: HttpRequest, look_up: Callable[[], T]) -> T:
    """Look up a typed slip, counting one that is no slip of the day against the signed-in officer; once
    five were in 15 minutes, every slip from that officer is refused for a while without being looked up."""
    officer = str(request.user.pk)
    check_slip_tries(officer)
    try:
        return look_up()
    except VotingRefused as refused:
        if refused.code == "slip_unknown":
            count_unknown_slip(officer)
        raise


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        return json_body(request)
    except BadRequest:
        raise BadRequest(_("The ballot could not be read.")) from None


@_officer_json
@require_POST
def kiosk_slip(request: HttpRequest, slug: str) -> HttpResponse:
    """A slip typed on a tablet with a connection: can it vote, and which projects may it not score?"""
    event = get_object_or_404(DecisionDay.objects.select_related("programme"), slug=slug)
    try:
        slip = str(_body(request).get("slip", ""))
        area, left_out = _counted(request, lambda: services.unlock_tablet_ballot(event, slip))
    except BadRequest as bad:
        return error("bad_request", bad.messages, 400)
    except VotingRefused as refused:
        return refusal(refused)
    return JsonResponse({"area": area.pk, "left_out": [{"id": p.pk, "title": p.title} for p in left_out]})


@_officer_json
@require_POST
def kiosk_ballot(request: HttpRequest, slug: str) -> HttpResponse:
    """One queued ballot: {"slip": "...", "ballot": {form field: value}, "unlocked_at": ms since 1970}
    with an Idempotency-Key header. The ballot's fields are those of the voting ballot form of the area
    the slip was issued for."""
    event = get_object_or_404(DecisionDay.objects.select_related("programme"), slug=slug)
    try:
        body = _body(request)
        fields = body.get("ballot")
        if not isinstance(fields, dict):
            raise BadRequest(_("The ballot could not be read."))
        unlocked = body.get("unlocked_at")
        unlocked_at = (
            datetime.fromtimestamp(unlocked / 1000, tz=UTC) if isinstance(unlocked, int | float) else None
        )
    except (BadRequest, ValueError, OverflowError, OSError) as bad:
        return error("bad_request", getattr(bad, "messages", [_("The ballot could not be read.")]), 400)
    try:
        area = _counted(request, lambda: services.slip_area(event, str(body.get("slip", ""))))
    except VotingRefused as refused:
        return refusal(refused)
    spec = ballot_spec(event.programme, area)
    proposals = ballot_proposals(event.programme, area)
    form = BallotForm({k: str(v) for k, v in fields.items()}, spec=spec, proposals=proposals, prefix="kiosk")
    if not form.is_valid():
        return error("ballot_invalid", [str(m) for ms in form.errors.values() for m in ms], 422)
    try:
        receipt = services.cast_tablet_ballot(
            request.user,
            event,
            str(body.get("slip", "")),
            form.choices(),
            request.headers.get("Idempotency-Key", ""),
            unlocked_at=unlocked_at,
        )
    except VotingRefused as refused:
        return refusal(refused)
    return JsonResponse({"stored": True, "repeat": receipt.replayed}, status=200 if receipt.replayed else 201)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(SERVICE_WORKER, content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/office/decision-days/"
    response["Cache-Control"] = "no-cache"
    return response
