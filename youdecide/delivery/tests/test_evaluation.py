"""The programme evaluation, its figures worked out by hand from the fixture: only accepted returns count."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from youdecide.delivery import services
from youdecide.delivery.models import Grant, GrantStatus, MonitoringReturn, UnderspendRoute
from youdecide.delivery.tests.conftest import (
    Funded,
    accept_and_pay,
    funded_proposal,
    offer_for,
    publish_result,
)
from youdecide.events.models import CheckIn, DecisionDay, EventStatus, Feedback
from youdecide.groups.models import (
    Asset,
    AssetCategory,
    AssetStatus,
    GovernanceStatus,
    SessionBooking,
    SessionTopic,
    SupportSession,
)
from youdecide.proposals.models import ProposalStatus


def _send(
    funded: Funded,
    monitoring_return: MonitoringReturn,
    spend: tuple[int, int],
    ages: dict[str, int],
    result: int,
) -> None:
    grant = monitoring_return.grant
    lines = list(grant.proposal.budget_lines.all())
    services.submit_return(
        funded.member,
        monitoring_return,
        reached=ages,
        activities="Sessions.",
        story="",
        spend={lines[0].pk: spend[0], lines[1].pk: spend[1]},
        results={target.pk: result for target in grant.targets.all()},
    )


@pytest.fixture
def delivered(grant: Grant, funded: Funded) -> Funded:
    setting, officer = funded.setting, funded.setting.officer
    accept_and_pay(grant, funded)  # tranche 1: £4,000 of £6,000
    services.add_target(
        officer, grant, outcome=setting.outcome, indicator="Active 30 minutes more", target_value=40
    )
    first = grant.returns.get(number=1)
    ages = {
        "reached_under_16": 2,
        "reached_16_24": 3,
        "reached_25_49": 5,
        "reached_50_64": 10,
        "reached_65_plus": 8,
    }
    _send(funded, first, (200_000, 50_000), ages, 15)
    services.accept_return(officer, first)
    # A later return sent but not accepted: none of it counts.
    _send(funded, grant.returns.get(number=2), (300_000, 100_000), {"reached_65_plus": 50}, 30)

    shed = funded_proposal(setting, "Men's shed", 300_000, area=setting.other_area)
    publish_result(setting.programme, setting.other_area, [shed], officer)
    other = offer_for(funded, shed)
    accept_and_pay(other, funded)  # one tranche: £3,000
    services.add_target(
        officer, other, outcome=setting.outcome, indicator="Active 30 minutes more", target_value=20
    )
    shed_return = other.returns.get(number=1)
    _send(funded, shed_return, (150_000, 90_000), {"reached_25_49": 12}, 25)
    services.accept_return(officer, shed_return)
    services.close_grant(
        officer,
        other,
        outcome=GrantStatus.COMPLETED,
        declared_unspent_pence=60_000,
        route=UnderspendRoute.RETURNED,
    )

    setting.area.imd_score, setting.other_area.imd_score = 31.5, 12.0
    setting.area.save()
    setting.other_area.save()
    now = timezone.now()
    day = DecisionDay.objects.create(
        programme=setting.programme,
        name="Crewe Decision Day",
        slug="crewe-decision-day",
        venue="Crewe Lifestyle Centre",
        starts_at=now - timedelta(days=90),
        ends_at=now - timedelta(days=90) + timedelta(hours=4),
    )
    day.areas.set([setting.area])
    answers = [("strongly_agree", True), ("agree", False), ("neither", True), ("", None), ("disagree", True)]
    Feedback.objects.bulk_create(
        Feedback(event=day, more_connected=connected, first_time=first_time, given_on=now.date())
        for connected, first_time in answers
    )
    return funded


@pytest.mark.django_db
def test_the_evaluation_adds_up_accepted_returns_only(delivered: Funded) -> None:
    slug = delivered.setting.programme.slug
    page = re.sub(r"\s+", " ", Client().get(f"/programmes/{slug}/evaluation/").content.decode())
    # Awarded £6,000 + £3,000; paid £4,000 + £3,000; spent by the accepted returns £2,500 + £2,400.
    assert "Awarded</dt><dd>£9,000" in page and "Paid</dt><dd>£7,000" in page
    assert "Spent, by accepted returns</dt><dd>£4,900" in page
    assert "Underspend returned</dt><dd>£600" in page
    # Targets 40 + 20 = 60; achieved 15 + 25 = 40 (the unaccepted 30 does not count): 67%.
    assert (
        '<td class="num">2</td><td class="num">60</td><td class="num">40</td><td class="num">67%</td>' in page
    )
    # People: 28 in Crewe, 12 in Macclesfield; the unaccepted return's 50 are left out.
    assert (
        '<td class="num">2</td><td class="num">3</td><td class="num">17</td><td class="num">10</td>' in page
    )
    assert '<td class="num">8</td><td class="num">40</td>' in page
    crewe = page.index(">Crewe</th>")
    assert crewe < page.index(">Macclesfield</th>")  # the more deprived area first
    # Feedback: 2 of the 4 who answered feel more connected; 3 of 4 came for the first time.
    assert (
        '50% <span class="field-hint">2 of 4</span>' in page
        and '75% <span class="field-hint">3 of 4</span>' in page
    )
    # Both projects are the same group's, and its first grants.
    assert "Groups funded: 1; holding a council grant for the first time: 1" in page
    assert "Outcomes at or above their target: 0 of 1" in page
    assert "Decision Day attendees who feel more connected to their community: 50% of answers" in page


@pytest.mark.django_db
def test_the_evaluation_downloads_as_csv_and_pdf(delivered: Funded) -> None:
    slug = delivered.setting.programme.slug
    response = Client().get(f"/programmes/{slug}/evaluation.csv")
    rows = {(row[0], row[1]): row[2] for row in csv.reader(io.StringIO(response.content.decode()))}
    assert rows[("money", "awarded (pence)")] == "900000"
    assert rows[("money", "spent by accepted returns (pence)")] == "490000"
    assert rows[("reach", "people reached")] == "40"
    assert rows[("outcome", "More physical activity (people): achieved")] == "40"
    assert rows[("decision days", "feel more connected")] == "2"
    assert rows[("groups", "first-time grant holders")] == "1"
    document = Client().get(f"/programmes/{slug}/evaluation.pdf")
    assert document["Content-Type"] == "application/pdf" and document.content.startswith(b"%PDF")
    assert b"Outcomes against targets" in document.content and b"4,900" in document.content


@pytest.mark.django_db
def test_the_evaluation_reports_the_capacity_built_for_groups_councillors_and_commissioners(
    delivered: Funded,
) -> None:
    setting = delivered.setting
    now = timezone.now()
    # A second group applies for the first time, with every checklist item checked: ready. A third only
    # drafts (not counted). Funded group's checklist is left as the factory made it: all missing.
    newcomer = factories.CommunityGroupFactory.create(name="Shavington Tea Dance")
    newcomer.governance_checks.update(status=GovernanceStatus.VERIFIED)
    factories.ProposalFactory.create(
        programme=setting.programme,
        area=setting.area,
        group=newcomer,
        cost_pence=250_000,
        status=ProposalStatus.SUBMITTED,
    )
    drafter = factories.CommunityGroupFactory.create()
    factories.ProposalFactory.create(programme=setting.programme, area=setting.area, group=drafter)
    session = SupportSession.objects.create(
        area=setting.area,
        topic=SessionTopic.WRITING_BIDS,
        title="Writing a winning bid",
        starts_at=now - timedelta(days=100),
        ends_at=now - timedelta(days=100, hours=-2),
        venue="Crewe Library",
        places=10,
    )
    for group, attended in ((setting.group, True), (newcomer, True), (drafter, True)):
        SessionBooking.objects.create(session=session, group=group, attended=attended)
    later = SupportSession.objects.create(
        area=setting.area,
        topic=SessionTopic.FUNDING,
        title="Finding funding",
        starts_at=now - timedelta(days=50),
        ends_at=now - timedelta(days=50, hours=-2),
        venue="Crewe Library",
        places=10,
    )
    SessionBooking.objects.create(session=later, group=newcomer, attended=False)
    outside = factories.AreaFactory.create(name="Congleton")
    for area, status in (
        (setting.area, AssetStatus.APPROVED),
        (setting.other_area, AssetStatus.APPROVED),
        (setting.area, AssetStatus.PENDING),
        (outside, AssetStatus.APPROVED),
    ):
        Asset.objects.create(name="Hall", category=AssetCategory.VENUE, area=area, status=status)
    day = DecisionDay.objects.get(programme=setting.programme)
    day.status = EventStatus.CLOSED
    day.save()
    for n in range(3):
        CheckIn.objects.create(
            event=day,
            area=setting.area,
            person_key=f"key-{n}",
            age_band="25-49",
            connection="lives",
            checked_in_by=setting.officer,
        )

    slug = setting.programme.slug
    page = re.sub(r"\s+", " ", Client().get(f"/programmes/{slug}/evaluation/").content.decode())
    # Applied: walking football £6,000, cookery £4,000, men's shed £3,000 (the funded group) and the tea
    # dance £2,500 (the newcomer): 4 proposals, £15,500; the draft is not an application.
    assert "Needs evidence: 4 proposals asking for £15,500 in all" in page
    assert "Groups that applied: 2, of them applying for the first time: 2" in page
    assert "Support sessions attended by groups that applied: 2" in page
    assert "ready for wider commissioning: 1 of 2" in page
    assert "Decision Days held: 1, with 3 residents checked in to vote" in page
    assert "Local assets mapped in the programme&#x27;s areas: 2" in page
    rows = {
        (row[0], row[1]): row[2]
        for row in csv.reader(
            io.StringIO(Client().get(f"/programmes/{slug}/evaluation.csv").content.decode())
        )
    }
    assert rows[("needs", "asked for (pence)")] == "1550000"
    assert rows[("groups", "support sessions attended by applicants")] == "2"
    assert rows[("assets", "assets mapped in the programme's areas")] == "2"
