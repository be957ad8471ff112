"""The demo seed: the Cheshire East programme with its pots, groups, proposals and accounts; safe twice."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from typing import Any, ClassVar

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.test import TestCase
from django.utils import timezone

from tests.demo_snapshot import seeded_demo
from youdecide.accounts.models import Role, User
from youdecide.areas.models import Area, AreaKind
from youdecide.audit.models import AuditEvent
from youdecide.events.models import DecisionDay, EventStatus, Feedback
from youdecide.events.selectors import reconciliation
from youdecide.groups.models import CommunityGroup, GovernanceCheck, GroupMembership, MembershipRole
from youdecide.programmes.demo import crewe_vote, past_round
from youdecide.programmes.demo.seeding import PROGRAMME_SLUG, DemoSummary, seed_demo
from youdecide.programmes.models import AreaPot, Outcome, PhaseKind, Programme
from youdecide.programmes.rules import can_submit_proposals
from youdecide.programmes.selectors import current_phase
from youdecide.proposals.models import BudgetLine, Proposal, ProposalStatus
from youdecide.results.models import CountRun
from youdecide.voting.models import Ballot, BallotItem, BallotStatus, Channel, CodeStatus, Participation
from youdecide.voting.rules import can_vote
from youdecide.voting.selectors import code_for


def counts() -> dict[str, int]:
    return {
        "areas": Area.objects.count(),
        "outcomes": Outcome.objects.count(),
        "programmes": Programme.objects.count(),
        "pots": AreaPot.objects.count(),
        "users": User.objects.count(),
        "groups": CommunityGroup.objects.count(),
        "governance_checks": GovernanceCheck.objects.count(),
        "proposals": Proposal.objects.count(),
        "budget_lines": BudgetLine.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
def test_seeding_refuses_a_production_database_unless_told(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only with DEBUG on"):
        call_command("seed_demo", stdout=StringIO())
    assert Programme.objects.count() == 0


@pytest.mark.django_db
def test_seeding_twice_gives_the_same_demo_and_prints_the_logins(settings: Any) -> None:
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    after_first = counts()
    statuses = Counter(Proposal.objects.values_list("status", flat=True))

    second = seed_demo()

    assert not second.created
    assert counts() == after_first
    assert Counter(Proposal.objects.values_list("status", flat=True)) == statuses
    assert after_first["programmes"] == 3
    assert after_first["pots"] == 8 + 1 + len(past_round.AREAS)
    assert 38 <= after_first["groups"] <= 46
    assert 55 <= second.proposals_total <= 65
    assert after_first["proposals"] == (
        second.proposals_total + len(crewe_vote.PROJECTS) + len(past_round.PROJECTS)
    )
    assert second.groups == after_first["groups"]
    text = out.getvalue()
    assert "You Decide 2026 — public health (created)" in text
    assert "Crewe" in text and "£400,000" in text
    assert "officer@youdecide.example" in text and "password: youdecide-demo" in text
    assert "Open Government Licence v3.0" in text
    assert "Voting now: You Decide Crewe 2026 — winter wellbeing, 234 residents have voted so far." in text
    assert f"Delivering now: {past_round.NAME}, {second.funded} funded projects" in text
    assert second.codes_to_try[0] in text and len(second.codes_to_try) == crewe_vote.TRY_CODES
    admin = authenticate(username="admin@youdecide.example", password="youdecide-demo")
    assert isinstance(admin, User) and admin.is_superuser


class SeededDemoTests(TestCase):
    """One seeded demo, shared by the checks below (each runs in its own rolled-back transaction): seeded
    here, or put back as the first seeding in this test process left it (tests/demo_snapshot.py)."""

    summary: ClassVar[DemoSummary]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.summary = seeded_demo()

    def test_the_programme_is_published_and_open_for_proposals_now(self) -> None:
        programme = Programme.objects.get(slug=PROGRAMME_SLUG)
        assert programme.name == "You Decide 2026 — public health"
        assert programme.funding_source == "Cheshire East Council public health grant"
        assert programme.total_pot_pence == 40_000_000 and programme.grant_cap_pence == 1_000_000
        assert programme.area_kind == AreaKind.SUB_REGION and programme.is_published
        assert programme.outcomes.count() == Outcome.objects.count() == 11
        assert set(programme.phases.values_list("kind", flat=True)) == set(PhaseKind.values)
        phase = current_phase(programme)
        assert phase is not None and phase.kind == PhaseKind.PROPOSALS
        assert can_submit_proposals(programme) == (True, "")
        co_design = programme.phases.get(kind=PhaseKind.CO_DESIGN)
        proposals = programme.phases.get(kind=PhaseKind.PROPOSALS)
        assert co_design.ends_at < proposals.starts_at
        assert (proposals.ends_at - proposals.starts_at).days >= 42

    def test_the_pots_split_400000_pounds_by_need_and_crewe_gets_the_most(self) -> None:
        programme = Programme.objects.get(slug=PROGRAMME_SLUG)
        pots = {pot.area.name: pot.amount_pence for pot in programme.area_pots.select_related("area")}
        assert len(pots) == 8
        assert sum(pots.values()) == 40_000_000
        assert all(amount % 100 == 0 for amount in pots.values())
        assert max(pots, key=pots.__getitem__) == "Crewe"
        assert set(pots) == set(Area.objects.filter(kind=AreaKind.SUB_REGION).values_list("name", flat=True))

    def test_proposals_are_mixed_realistic_and_reviewed_through_the_services(self) -> None:
        programme = Programme.objects.get(slug=PROGRAMME_SLUG)
        proposals = Proposal.objects.filter(programme=programme)
        statuses = Counter(proposals.values_list("status", flat=True))
        assert statuses[ProposalStatus.ELIGIBLE] > statuses[ProposalStatus.SUBMITTED] > 0
        assert statuses[ProposalStatus.INELIGIBLE] >= 2 and statuses[ProposalStatus.DRAFT] >= 2
        assert 1 <= statuses[ProposalStatus.WITHDRAWN] <= 2
        assert not proposals.filter(status=ProposalStatus.INELIGIBLE, ineligible_reason="").exists()
        for proposal in proposals:
            assert 50_000 <= proposal.cost_pence <= 1_000_000
            assert proposal.cost_pence == proposal.budget_lines.aggregate(total=Sum("amount_pence"))["total"]
            assert proposal.area.kind == AreaKind.SUB_REGION
            assert proposal.outcomes.exists()
        assert len(set(proposals.values_list("area", flat=True))) == 8
        assert proposals.filter(area__name="Crewe").count() == max(
            proposals.filter(area=area).count() for area in Area.objects.filter(kind=AreaKind.SUB_REGION)
        )
        actions = Counter(AuditEvent.objects.values_list("action", flat=True))
        other_rounds = len(crewe_vote.PROJECTS) + len(past_round.PROJECTS)
        assert actions["proposal.created"] == proposals.count() + other_rounds
        assert actions["proposal.marked_eligible"] == statuses[ProposalStatus.ELIGIBLE] + other_rounds
        assert actions["proposal.marked_ineligible"] == statuses[ProposalStatus.INELIGIBLE]
        assert actions["areas.imported"] == 1 and actions["programme.pots_set"] == 3

    def test_groups_are_based_in_wards_with_checklists_in_mixed_states(self) -> None:
        groups = CommunityGroup.objects.select_related("area")
        assert all(group.area is not None and group.area.kind == AreaKind.WARD for group in groups)
        assert (
            groups.filter(area__parent__name="Crewe").count()
            > groups.filter(area__parent__name="Macclesfield").count()
        )
        assert set(GovernanceCheck.objects.values_list("status", flat=True)) == {
            "missing",
            "provided",
            "verified",
        }
        assert len({group.kind for group in groups}) >= 6
        assert GroupMembership.objects.filter(role=MembershipRole.LEAD).count() == groups.count()

    def test_there_is_one_demo_account_for_each_role(self) -> None:
        admin = User.objects.get(username="admin@youdecide.example")
        assert admin.is_staff and admin.is_superuser
        roles = dict(
            User.objects.filter(username__endswith="@youdecide.example").values_list("username", "role")
        )
        assert roles == {
            "officer@youdecide.example": Role.OFFICER,
            "desk@youdecide.example": Role.OFFICER,
            "admin@youdecide.example": Role.ADMINISTRATOR,
            "commissioner@youdecide.example": Role.COMMISSIONER,
            "councillor@youdecide.example": Role.COUNCILLOR,
            "group@youdecide.example": Role.GROUP_MEMBER,
            "resident@youdecide.example": Role.RESIDENT,
        }
        lead = User.objects.get(username="group@youdecide.example")
        assert GroupMembership.objects.filter(user=lead, role=MembershipRole.LEAD).count() == 1
        assert not User.objects.get(username="officer@youdecide.example").is_staff

    def test_the_crewe_programme_is_voting_now_with_ballots_from_every_channel(self) -> None:
        programme = Programme.objects.get(slug=crewe_vote.SLUG)
        assert can_vote(programme, Channel.ONLINE) == (True, "")
        assert can_vote(programme, Channel.TABLET) == (True, "")
        assert programme.proposals.filter(status=ProposalStatus.ELIGIBLE).count() == 10
        assert sum(programme.proposals.values_list("cost_pence", flat=True)) > programme.total_pot_pence
        channels = Counter(
            Participation.objects.filter(programme=programme).values_list("channel", flat=True)
        )
        online, tablet, paper = crewe_vote.ONLINE_VOTERS, crewe_vote.TABLET_VOTERS, crewe_vote.PAPER_VOTERS
        assert channels == {"online": online - crewe_vote.ALSO_ONLINE, "tablet": tablet, "paper": paper}
        event = programme.decision_days.get()
        assert reconciliation(event) == {
            "issued": paper,
            "returned": paper - 1,
            "not_returned": 1,
            "spoiled": 1,
            "keyed_once": 0,
            "keyed_twice": paper - 2,
            "mismatches_open": 1,
            "accepted": paper - 3,
        }
        ballots = Counter(Ballot.objects.filter(programme=programme).values_list("status", flat=True))
        counted = online - crewe_vote.ALSO_ONLINE + tablet + paper - 3
        assert ballots == {BallotStatus.COUNTED: counted, BallotStatus.OVERRIDDEN: crewe_vote.ALSO_ONLINE}
        items = BallotItem.objects.filter(ballot__programme=programme).count()
        assert items == 10 * (online + tablet + paper - 3)
        assert event.check_ins.count() == tablet + paper and event.feedback.count() == crewe_vote.FEEDBACK
        for code in self.summary.codes_to_try:
            found = code_for(programme, code)
            assert found is not None and found.status == CodeStatus.UNUSED

    def test_last_years_round_is_counted_published_and_in_delivery(self) -> None:
        programme = Programme.objects.get(slug=past_round.SLUG)
        phase = current_phase(programme)
        assert phase is not None and phase.kind == PhaseKind.DELIVERY
        pots = {pot.area.name: pot.amount_pence for pot in programme.area_pots.select_related("area")}
        assert set(pots) == set(past_round.AREAS) and sum(pots.values()) == past_round.POT_PENCE
        runs = CountRun.objects.filter(programme=programme).select_related("area")
        assert sorted(run.area.name for run in runs) == sorted(past_round.AREAS)
        for run in runs:
            # Published by a second officer, over every ballot of the area, within the area's pot.
            assert run.published_at is not None and run.published_by_id != run.created_by_id
            # Counted when results were due, a year ago, before delivery began.
            assert run.created_at < run.published_at < programme.phases.get(kind=PhaseKind.DELIVERY).starts_at
            assert run.rule == "equalshares/add1"
            assert run.ballots == past_round.VOTERS[run.area.name]
            assert run.ballots == Ballot.objects.filter(programme=programme, area=run.area).count()
            assert 0 < run.spent_pence <= pots[run.area.name]
            costs = dict(
                Proposal.objects.filter(programme=programme, area=run.area).values_list(
                    "reference", "cost_pence"
                )
            )
            assert sum(costs[reference] for reference in run.selected) == run.spent_pence
            assert 0 < len(run.selected) < len(costs)  # a real choice: not everything was funded
        assert self.summary.funded == sum(len(run.selected) for run in runs)

    def test_last_years_decision_day_was_held_and_left_its_feedback(self) -> None:
        programme = Programme.objects.get(slug=past_round.SLUG)
        event = DecisionDay.objects.get(programme=programme)
        decision_days = programme.phases.get(kind=PhaseKind.DECISION_DAYS)
        assert event.status == EventStatus.CLOSED
        assert decision_days.starts_at <= event.starts_at < decision_days.ends_at
        feedback = Feedback.objects.filter(event=event)
        assert feedback.count() == past_round.FEEDBACK_FORMS
        held_on = timezone.localtime(event.starts_at).date()
        assert set(feedback.values_list("given_on", flat=True)) == {held_on}
        connected = feedback.exclude(more_connected="")
        agreeing = connected.filter(more_connected__in=["agree", "strongly_agree"]).count()
        assert 0.5 < agreeing / connected.count() < 0.9
