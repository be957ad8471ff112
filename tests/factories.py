"""Factories that build realistic data for tests through the same models the product uses."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from youdecide.accounts.models import Role, User
from youdecide.areas.models import Area, AreaKind
from youdecide.groups.models import (
    CommunityGroup,
    GovernanceCheck,
    GovernanceItem,
    GroupKind,
    GroupMembership,
)
from youdecide.programmes.models import AreaPot, Outcome, OutcomeKind, Phase, PhaseKind, Programme
from youdecide.proposals.models import BudgetLine, Proposal, ProposalStatus

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.SelfAttribute("username")
    display_name = factory.Faker("name", locale="en_GB")
    role = Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


class AreaFactory(factory.django.DjangoModelFactory[Area]):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"E0590{n:04d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    kind = AreaKind.SUB_REGION
    population = 20000


class OutcomeFactory(factory.django.DjangoModelFactory[Outcome]):
    class Meta:
        model = Outcome
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"outcome-{n}")
    name = factory.Sequence(lambda n: f"Outcome {n}")
    kind = OutcomeKind.PUBLIC_HEALTH


class ProgrammeFactory(factory.django.DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"You Decide programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    funding_source = "Public health grant"
    total_pot_pence = 40_000_000
    grant_cap_pence = 1_000_000
    area_kind = AreaKind.SUB_REGION
    is_published = True


def open_phase(programme: Programme, kind: str = PhaseKind.PROPOSALS, days: int = 30) -> Phase:
    now = timezone.now()
    return Phase.objects.create(
        programme=programme, kind=kind, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=days)
    )


def pot(programme: Programme, area: Area, amount_pence: int) -> AreaPot:
    return AreaPot.objects.create(programme=programme, area=area, amount_pence=amount_pence)


class CommunityGroupFactory(factory.django.DjangoModelFactory[CommunityGroup]):
    class Meta:
        model = CommunityGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Friends of Queens Park {n}")
    slug = factory.Sequence(lambda n: f"friends-of-queens-park-{n}")
    kind = GroupKind.COMMUNITY
    contact_name = "Sam Jones"
    contact_email = factory.Sequence(lambda n: f"group{n}@example.org")

    @factory.post_generation
    def checklist(obj: CommunityGroup, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            GovernanceCheck.objects.bulk_create(
                GovernanceCheck(group=obj, item=item) for item in GovernanceItem.values
            )


def member(group: CommunityGroup, user: User | None = None, role: str = "member") -> User:
    person = user or UserFactory.create(role=Role.GROUP_MEMBER)
    GroupMembership.objects.create(group=group, user=person, role=role)
    return person


class ProposalFactory(factory.django.DjangoModelFactory[Proposal]):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    group = factory.SubFactory(CommunityGroupFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    area = factory.SubFactory(AreaFactory)
    reference = factory.Sequence(lambda n: f"YD-T{n:05d}")
    title = factory.Sequence(lambda n: f"Walking football for over-50s {n}")
    summary = "Weekly walking football sessions at the leisure centre."
    description = "A weekly session, a qualified coach and kit for 30 players."
    cost_pence = 250_000
    status = ProposalStatus.DRAFT

    @factory.post_generation
    def lines(obj: Proposal, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            BudgetLine.objects.create(
                proposal=obj, description="Coach and hall hire", amount_pence=obj.cost_pence
            )
