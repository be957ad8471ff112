"""Seeding the demo: the Cheshire East areas, "You Decide 2026 — public health", its groups and proposals.

Everything goes through the services a person would use, so the audit log holds the same events as for
real work. It is safe to run twice: the areas import only writes what changed, accounts are created only
when missing, and the programme with its groups and proposals only when no programme has its slug. A
fixed random seed makes every fresh demo the same.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.test.utils import override_settings

from youdecide.accounts.models import User
from youdecide.areas.allocation import pots_by_need
from youdecide.areas.models import Area
from youdecide.areas.selectors import sub_regions_of, wards_of
from youdecide.areas.services import AreaImportSummary, import_wards
from youdecide.consultation.demo import ConsultationSummary, seed_consultation
from youdecide.delivery.demo import DeliverySummary, seed_delivery
from youdecide.groups.demo import CommunitySummary, seed_community
from youdecide.groups.models import CommunityGroup, GovernanceItem, GovernanceStatus
from youdecide.groups.services import register_group, update_governance_check
from youdecide.programmes.demo import crewe_vote, past_round
from youdecide.programmes.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    GROUP_LEAD,
    OFFICER,
    DemoAccount,
    ensure_demo_accounts,
    lead_account,
    lead_people,
)
from youdecide.programmes.demo.community_groups import DEMO_GROUPS, DemoGroup, Governance
from youdecide.programmes.demo.projects import DEMO_PROJECTS, DemoProject
from youdecide.programmes.demo.proposing import propose, with_rules_phases_and_pots
from youdecide.programmes.demo.timeline import demo_phases
from youdecide.programmes.models import Outcome, Programme
from youdecide.programmes.services import create_programme, ensure_standard_outcomes, set_area_pots
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.proposals.services import (
    mark_eligible,
    mark_ineligible,
    submit_proposal,
    withdraw_proposal,
)
from youdecide.results.models import CountRun

PROGRAMME_SLUG = "you-decide-2026-public-health"
PROGRAMME_NAME = "You Decide 2026 — public health"
FUNDING_SOURCE = "Cheshire East Council public health grant"
TOTAL_POT_PENCE = 40_000_000
GRANT_CAP_PENCE = 1_000_000
RANDOM_SEED = 2026
SUMMARY = (
    "£400,000 of the council's public health grant for community projects in the places where health "
    "is worst. Local groups propose projects of up to £10,000 that help people move more, eat well, stop "
    "smoking, drink less and feel less alone; residents decide which are funded, at Decision Days in "
    "each area and online. Each area's share of the money follows its population and its level of "
    "deprivation, so Crewe, with the most deprived wards, has the largest pot."
)
SENDER = "youdecide seed-demo"
CREWE = "Crewe"


@dataclass
class DemoSummary:
    areas: AreaImportSummary
    programme: Programme
    created: bool
    pots: list[tuple[Area, int]]
    groups: int
    proposals: dict[str, int]
    accounts: list[DemoAccount]
    password: str
    voting_programme: Programme
    ballots: int
    codes_to_try: list[str]
    past_programme: Programme
    funded: int
    delivery: DeliverySummary
    consultation: ConsultationSummary
    community: CommunitySummary

    @property
    def proposals_total(self) -> int:
        return sum(self.proposals.values())


def seed_demo(now: datetime | None = None) -> DemoSummary:
    """Load the demo, all in one transaction; mail the services would send is dropped, not printed."""
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        areas = import_wards(actor=SENDER)
        outcomes = ensure_standard_outcomes()
        accounts = ensure_demo_accounts()
        programme = Programme.objects.filter(slug=PROGRAMME_SLUG).first()
        created = programme is None
        officer = accounts[OFFICER.username]
        rng = random.Random(RANDOM_SEED)
        groups: dict[str, tuple[CommunityGroup, User]] = {}
        if programme is None:
            programme = _create_programme(officer, outcomes, areas.authority, now)
            groups = _register_groups(rng, areas.authority, accounts[GROUP_LEAD.username], officer)
            _propose(rng, programme, groups, officer, outcomes)
        crewe = next(area for area in sub_regions_of(areas.authority) if area.name == CREWE)
        voting_programme = Programme.objects.filter(slug=crewe_vote.SLUG).first()
        if voting_programme is None:
            groups = groups or _register_groups(rng, areas.authority, accounts[GROUP_LEAD.username], officer)
            voting_programme = crewe_vote.seed_crewe_vote(officer, groups, outcomes, crewe)
        codes = crewe_vote.codes_to_try(officer, voting_programme, crewe)
        past_programme = Programme.objects.filter(slug=past_round.SLUG).first()
        if past_programme is None:
            groups = groups or _register_groups(rng, areas.authority, accounts[GROUP_LEAD.username], officer)
            round_areas = [area for area in sub_regions_of(areas.authority) if area.name in past_round.AREAS]
            past_programme = past_round.seed_past_round(officer, groups, outcomes, round_areas)
        delivery = seed_delivery(past_programme, now)
        consultation = seed_consultation(officer)
        community = seed_community(officer, now)
    return _summary(
        areas, programme, created, voting_programme, codes, past_programme, delivery, consultation, community
    )


def _create_programme(
    officer: User, outcomes: list[Outcome], authority: Area, now: datetime | None
) -> Programme:
    programme = create_programme(
        officer,
        name=PROGRAMME_NAME,
        slug=PROGRAMME_SLUG,
        funding_source=FUNDING_SOURCE,
        total_pot_pence=TOTAL_POT_PENCE,
        summary=SUMMARY,
        grant_cap_pence=GRANT_CAP_PENCE,
        area_kind="sub_region",
        outcomes=outcomes,
        phases=demo_phases(now),
        is_published=True,
    )
    set_area_pots(officer, programme, pots_by_need(TOTAL_POT_PENCE, sub_regions_of(authority)))
    return programme


_ALL_ITEMS: list[str] = list(GovernanceItem.values)
# profile -> (items an officer has checked, items sent in and awaiting a check)
_CHECKED_SO_FAR: dict[str, tuple[list[str], list[str]]] = {
    Governance.VERIFIED: (_ALL_ITEMS, []),
    Governance.PROVIDED: ([], _ALL_ITEMS),
    Governance.PARTLY: (
        [GovernanceItem.CONSTITUTION, GovernanceItem.BANK_ACCOUNT],
        [GovernanceItem.SAFEGUARDING],
    ),
    Governance.JUST_REGISTERED: ([], []),
    Governance.NO_SAFEGUARDING: (
        [GovernanceItem.CONSTITUTION, GovernanceItem.BANK_ACCOUNT, GovernanceItem.EQUALITY],
        [],
    ),
}


def _fill_in_checklist(group: CommunityGroup, lead: User, officer: User, profile: str) -> None:
    """The lead sends in documents; an officer checks some of them."""
    verified, provided = _CHECKED_SO_FAR[profile]
    for item in [*verified, *provided]:
        update_governance_check(lead, group, item=item, status=GovernanceStatus.PROVIDED)
    for item in verified:
        update_governance_check(
            officer, group, item=item, status=GovernanceStatus.VERIFIED, note="Seen and checked."
        )


def _register_groups(
    rng: random.Random, authority: Area, demo_lead: User, officer: User
) -> dict[str, tuple[CommunityGroup, User]]:
    wards = {ward.name: ward for ward in wards_of(authority)}
    people = iter(lead_people(len(DEMO_GROUPS), rng))
    groups: dict[str, tuple[CommunityGroup, User]] = {}
    for index, demo in enumerate(DEMO_GROUPS):
        name, email = next(people)
        lead = demo_lead if index == 0 else lead_account(name, email)
        group = CommunityGroup.objects.filter(name=demo.name).first() or _register(demo, lead, wards)
        profile = demo.governance
        if profile == Governance.RANDOM:
            profile = rng.choices(
                [Governance.VERIFIED, Governance.PROVIDED, Governance.PARTLY, Governance.JUST_REGISTERED],
                weights=[5, 2, 2, 1],
            )[0]
        _fill_in_checklist(group, lead, officer, profile)
        groups[demo.key] = (group, lead)
    return groups


def _register(demo: DemoGroup, lead: User, wards: dict[str, Area]) -> CommunityGroup:
    return register_group(
        lead,
        name=demo.name,
        kind=demo.kind,
        contact_name=str(lead),
        contact_email=lead.email,
        area=wards[demo.ward],
        description=demo.description,
        charity_number=demo.charity_number,
        company_number=demo.company_number,
    )


def _propose(
    rng: random.Random,
    programme: Programme,
    groups: dict[str, tuple[CommunityGroup, User]],
    officer: User,
    outcomes: list[Outcome],
) -> None:
    by_slug = {outcome.slug: outcome for outcome in outcomes}
    programme = with_rules_phases_and_pots(programme)
    projects = list(DEMO_PROJECTS)
    rng.shuffle(projects)  # references are given in the order proposals arrive, not area by area
    for project in projects:
        group, lead = groups[project.group]
        beneficiaries = _beneficiaries(rng, project)
        proposal = propose(lead, group, programme, _sub_region_of(group), project, by_slug, beneficiaries)
        _review(proposal, project, lead, officer)


def _sub_region_of(group: CommunityGroup) -> Area:
    ward = group.area
    if ward is None or ward.parent is None:
        raise ValueError(f"{group.name} is not based in a ward of a sub-region.")
    return ward.parent


def _beneficiaries(rng: random.Random, project: DemoProject) -> int:
    """People a group expects to reach: roughly one for every £40 to £120 it asks for."""
    return max(12, round(project.cost_pounds / rng.uniform(40, 120)))


def _review(proposal: Proposal, project: DemoProject, lead: User, officer: User) -> None:
    if project.status == ProposalStatus.DRAFT:
        return
    submit_proposal(lead, proposal)
    if project.status == ProposalStatus.ELIGIBLE:
        mark_eligible(officer, proposal)
    elif project.status == ProposalStatus.INELIGIBLE:
        mark_ineligible(officer, proposal, project.reason)
    elif project.status == ProposalStatus.WITHDRAWN:
        withdraw_proposal(lead, proposal)


def _summary(
    areas: AreaImportSummary,
    programme: Programme,
    created: bool,
    voting_programme: Programme,
    codes: list[str],
    past_programme: Programme,
    delivery: DeliverySummary,
    consultation: ConsultationSummary,
    community: CommunitySummary,
) -> DemoSummary:
    pots = [
        (pot.area, int(pot.amount_pence))
        for pot in programme.area_pots.select_related("area").order_by("-amount_pence", "area__name")
    ]
    statuses = Counter(programme.proposals.values_list("status", flat=True))
    return DemoSummary(
        areas=areas,
        programme=programme,
        created=created,
        pots=pots,
        groups=CommunityGroup.objects.filter(name__in=[demo.name for demo in DEMO_GROUPS]).count(),
        proposals={status.value: statuses.get(status.value, 0) for status in ProposalStatus},
        accounts=list(DEMO_ACCOUNTS),
        password=DEMO_PASSWORD,
        voting_programme=voting_programme,
        ballots=voting_programme.participations.count(),
        codes_to_try=codes,
        past_programme=past_programme,
        delivery=delivery,
        consultation=consultation,
        community=community,
        funded=sum(
            len(selected)
            for selected in CountRun.objects.filter(
                programme=past_programme, published_at__isnull=False, superseded_by__isnull=True
            ).values_list("selected", flat=True)
        ),
    )
