"""The public pages: programmes, their areas and proposals. Reads only, through selectors."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from youdecide.areas.models import Area
from youdecide.consultation.selectors import published_plans
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import published_programmes
from youdecide.proposals.rules import is_public
from youdecide.results import statistics as stats
from youdecide.voting.models import Channel
from youdecide.voting.rules import can_vote
from youdecide.web import profiles, selectors
from youdecide.web.page_cache import cached_public_page
from youdecide.web.rules import can_view_proposal


def _programme_or_404(request: HttpRequest, slug: str) -> Programme:
    programme = selectors.programme_for_page(slug, request.user)
    if programme is None:
        raise Http404(_("There is no programme at this address."))
    return programme


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    programmes = [(programme, selectors.current_step(programme)) for programme in published_programmes()]
    plans = list(published_plans())
    return render(request, "web/home.html", {"programmes": programmes, "plans": plans})


@cached_public_page
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme_or_404(request, slug)
    pots = list(selectors.pots_with_proposal_counts(programme))
    return render(
        request,
        "web/programme.html",
        {
            "programme": programme,
            "timeline": selectors.timeline(programme),
            "pots": pots,
            "pots_total": sum(area_pot.amount_pence for area_pot in pots),
            "outcomes": selectors.outcomes_aimed_at(programme),
            "voting_open": can_vote(programme, Channel.ONLINE)[0],
            "voters": stats.total(programme),
            "funded": selectors.funded_rows(programme, pots),
        },
    )


@cached_public_page
def area_detail(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    programme = _programme_or_404(request, slug)
    area_pot = selectors.area_pot_for_page(programme, area_slug)
    if area_pot is None:
        raise Http404(_("This area has no pot in this programme."))
    proposals = selectors.proposal_cards(programme, area_pot.area)
    return render(
        request,
        "web/area.html",
        {
            "programme": programme,
            "area": area_pot.area,
            "pot": area_pot.amount_pence,
            "proposals": proposals,
            "asked_for": sum(proposal.cost_pence for proposal in proposals),
            "wards": list(selectors.wards_in(area_pot.area).only("name", "slug")),
            "result_published": selectors.has_published_count(programme, area_pot.area),
            "voting_open": can_vote(programme, Channel.ONLINE)[0],
        },
    )


@cached_public_page
def proposal_detail(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    programme = _programme_or_404(request, slug)
    proposal = selectors.proposal_for_page(programme, reference)
    if proposal is None or not can_view_proposal(request.user, proposal):
        raise Http404(_("There is no proposal at this address."))
    budget_lines = list(proposal.budget_lines.all())
    return render(
        request,
        "web/proposal.html",
        {
            "programme": programme,
            "proposal": proposal,
            "is_public": is_public(proposal),
            "budget_lines": budget_lines,
            "budget_total": sum(line.amount_pence for line in budget_lines),
        },
    )


@cached_public_page
def area_profile(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent__parent"), slug=area_slug)
    return render(request, "web/area_profile.html", profiles.profile_context(area))
