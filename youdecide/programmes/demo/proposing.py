"""A demo project put forward by its group, through the same service a group uses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from youdecide.accounts.models import User
from youdecide.areas.models import Area
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.demo.projects import DemoProject
from youdecide.programmes.models import Outcome, Programme
from youdecide.proposals.models import Proposal
from youdecide.proposals.services import create_proposal


def with_rules_phases_and_pots(programme: Programme) -> Programme:
    """The programme read again with its voting rules, phases and pots, for the services to reuse across
    the many proposals and ballots the demo makes (none of these changes meanwhile)."""
    return (
        Programme.objects.select_related("voting_rules")
        .prefetch_related("phases", "area_pots")
        .get(pk=programme.pk)
    )


def propose(
    lead: User,
    group: CommunityGroup,
    programme: Programme,
    area: Area,
    project: DemoProject,
    outcomes: Mapping[str, Outcome],
    beneficiaries: int,
    now: datetime | None = None,
) -> Proposal:
    """The group's draft of ``project`` in ``area``; ``outcomes`` maps outcome slugs to outcomes."""
    return create_proposal(
        lead,
        group,
        programme,
        area=area,
        title=project.title,
        summary=project.summary,
        description=project.description,
        budget_lines=[(item, pounds * 100) for item, pounds in project.lines],
        outcomes=[outcomes[slug] for slug in project.outcomes],
        expected_beneficiaries=beneficiaries,
        location=project.location,
        now=now,
    )
