"""The voting pages: in with a code or an emailed link, the ballot, a review step, the receipt.

The voter's admission lives in their session (no account needed) until the ballot is cast; then only the
receipt stays, to show once.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots, published_programmes
from youdecide.voting import services
from youdecide.voting.ballot_rules import check_choices
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import (
    BallotForm,
    CodeForm,
    EmailLinkForm,
    ReceiptForm,
    VoterDetailsForm,
    add_refusal,
)
from youdecide.voting.identity import Voter
from youdecide.voting.models import Channel
from youdecide.voting.rules import can_vote
from youdecide.voting.selectors import (
    ballot_for_receipt,
    ballot_proposals,
    ballot_spec,
    code_for,
    current_vote,
    left_out_proposals,
    projects_for,
    voting_rules_for,
)
from youdecide.voting.throttle import check_cast_rate

MAX_UNKNOWN_CODES = 5  # per browser session: a hall of voters shares one address, so never per IP


def _programme(slug: str) -> Programme:
    return get_object_or_404(published_programmes(), slug=slug)


def _voter(request: HttpRequest, programme: Programme) -> Voter | None:
    data = request.session.get("voter")
    if not data or data.get("programme_id") != programme.pk:
        return None
    return Voter(**{**data, "member_of": frozenset(data.get("member_of", []))})


def _let_in(request: HttpRequest, voter: Voter) -> None:
    request.session["voter"] = {**dataclasses.asdict(voter), "member_of": sorted(voter.member_of)}
    current = current_vote(voter)
    request.session["change_of"] = current[1] if current else None
    request.session["pending"] = {str(k): v for k, v in (current[0] if current else {}).items()}
    request.session.pop(services.CODE_SESSION_KEY, None)
    request.session.pop(services.RECEIPT_SESSION_KEY, None)  # never a receipt beside an admitted voter


def _start_page(request: HttpRequest, programme: Programme, code_form: CodeForm) -> HttpResponse:
    open_, why = can_vote(programme, Channel.ONLINE)
    pots = list(area_pots(programme).select_related("area"))
    return render(
        request,
        "voting/start.html",
        {
            "programme": programme,
            "rules": voting_rules_for(programme),
            "spec": ballot_spec(programme, pots[0].area) if pots else None,
            "open": open_,
            "why_closed": why,
            "pots": pots,
            "code_form": code_form,
            "form": code_form,
        },
        status=422 if code_form.errors else 200,
    )


def start(request: HttpRequest, slug: str) -> HttpResponse:
    return _start_page(request, _programme(slug), CodeForm())


@require_http_methods(["POST"])
def enter_code(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    form = CodeForm(request.POST)
    tries = request.session.get("unknown_codes", 0)
    if tries >= MAX_UNKNOWN_CODES:
        form.add_error(
            "code", _("Too many codes that did not match. Ask the council or a Decision Day officer.")
        )
    elif form.is_valid():
        code = code_for(programme, form.cleaned_data["code"])
        if code is None:
            request.session["unknown_codes"] = tries + 1
            form.add_error(
                "code", _("This is not a voting code for %(programme)s.") % {"programme": programme.name}
            )
        else:
            request.session[services.CODE_SESSION_KEY] = {
                "programme": programme.pk,
                "code": form.cleaned_data["code"],
            }
            return redirect("voting:about_you", slug=programme.slug)
    return _start_page(request, programme, form)


def about_you(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    held = request.session.get(services.CODE_SESSION_KEY)
    code = code_for(programme, held["code"]) if held and held.get("programme") == programme.pk else None
    if code is None or held is None:
        return redirect("voting:start", slug=programme.slug)
    area = code.batch.area
    groups = {p.group for p in ballot_proposals(programme, area)}
    form = VoterDetailsForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            voter = services.admit_with_code(programme, held["code"], form.details())
        except VotingRefused as refused:
            add_refusal(form, refused)
        else:
            _let_in(request, voter)
            return redirect("voting:ballot", slug=programme.slug)
    return render(
        request,
        "voting/about_you.html",
        {"programme": programme, "area": area, "form": form},
        status=422 if form.errors else 200,
    )


def email_link(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    areas = [pot.area for pot in area_pots(programme).select_related("area")]
    groups = {p.group for area in areas for p in ballot_proposals(programme, area)}
    form = EmailLinkForm(request.POST or None, areas=areas, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_link(
                programme,
                form.cleaned_data["area"],
                form.details(),
                form.cleaned_data["email"],
                link_base=request.build_absolute_uri(reverse("voting:link", args=["-"]))[:-2],
            )
        except VotingRefused as refused:
            add_refusal(form, refused)
        else:
            return render(
                request,
                "voting/link_sent.html",
                {"programme": programme, "email": form.cleaned_data["email"]},
            )
    return render(
        request,
        "voting/email_link.html",
        {"programme": programme, "form": form},
        status=422 if form.errors else 200,
    )


def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button, so that an email scanner opening the link does not use it up."""
    error: VotingRefused | None = None
    if request.method == "POST":
        try:
            voter = services.admit_with_link(token)
        except VotingRefused as refused:
            error = refused
        else:
            request.session["voter_link"] = token
            _let_in(request, voter)
            programme = Programme.objects.get(pk=voter.programme_id)
            return redirect("voting:ballot", slug=programme.slug)
    return render(request, "voting/open_link.html", {"error": error}, status=422 if error else 200)


def ballot(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    voter = _voter(request, programme)
    if voter is None:
        messages.info(request, _("Enter your voting code or open your emailed link first."))
        return redirect("voting:start", slug=programme.slug)
    area = get_object_or_404(Area, pk=voter.area_id)
    spec = ballot_spec(programme, area)
    projects = projects_for(programme, area, voter.member_of)
    proposals = [p for p in ballot_proposals(programme, area) if p.pk in projects]
    pending = {int(k): v for k, v in request.session.get("pending", {}).items()}
    form = BallotForm(
        request.POST or None, spec=spec, proposals=proposals, initial=BallotForm.initial_for(spec, pending)
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            chosen = check_choices(spec, projects, form.choices())
        except VotingRefused as refused:
            problems = refused.messages
        else:
            request.session["pending"] = {str(k): v for k, v in chosen.items()}
            request.session["submission_key"] = uuid.uuid4().hex
            return redirect("voting:review", slug=programme.slug)
    return render(
        request,
        "voting/ballot.html",
        {
            "programme": programme,
            "area": area,
            "spec": spec,
            "form": form,
            "problems": problems,
            "changing": request.session.get("change_of") is not None,
            "left_out": left_out_proposals(programme, area, voter.member_of),
        },
        status=422 if problems or form.errors else 200,
    )


def review(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    voter = _voter(request, programme)
    key = request.session.get("submission_key")
    if voter is None or not key:
        return redirect("voting:start", slug=programme.slug)
    area = get_object_or_404(Area, pk=voter.area_id)
    spec = ballot_spec(programme, area)
    pending = {int(k): v for k, v in request.session.get("pending", {}).items()}
    proposals = [p for p in ballot_proposals(programme, area) if p.pk in pending]
    refusal: VotingRefused | None = None
    if request.method == "POST":
        try:
            check_cast_rate(voter.person_key)
            receipt = services.cast_ballot(
                voter, pending, idempotency_key=key, change_of=request.session.get("change_of")
            )
        except VotingRefused as refused:
            refusal = refused
        else:
            for name in services.VOTER_SESSION_KEYS:
                request.session.pop(name, None)
            request.session[services.RECEIPT_SESSION_KEY] = {
                "programme": programme.pk,
                "receipt": receipt.printed,
                "changed": receipt.changed,
            }
            return redirect("voting:receipt", slug=programme.slug)
    if spec.kind == "ranking":
        proposals.sort(key=lambda p: pending[p.pk])
    return render(
        request,
        "voting/review.html",
        {
            "programme": programme,
            "area": area,
            "spec": spec,
            "rows": [(p, pending[p.pk]) for p in proposals],
            "total_cost": sum(p.cost_pence for p in proposals),
            "total_points": sum(pending.values()),
            "refusal": refusal,
            "changing": request.session.get("change_of") is not None,
        },
        status=409 if refusal else 200,
    )


def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    held: dict[str, Any] | None = request.session.get(services.RECEIPT_SESSION_KEY)
    if not held or held.get("programme") != programme.pk:
        return redirect("voting:start", slug=programme.slug)
    return render(request, "voting/receipt.html", {**held, "programme": programme})


def find_ballot(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = ballot_for_receipt(form.cleaned_data["receipt"])
        if found is None:
            form.add_error(
                "receipt", _("No ballot has this receipt. Check it against the one you were given.")
            )
    return render(
        request,
        "voting/find_ballot.html",
        {"form": form, "ballot": found},
        status=422 if form.errors else 200,
    )
