"""Support sessions: booking, attendance, reminders the day before, and the trail from session to
proposal to funding recomputed from the rows the database holds."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.groups import services
from youdecide.groups.models import CommunityGroup, SessionBooking, SupportSession
from youdecide.groups.selectors import capacity_trail, trail_totals
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.results.models import CountRun


def make_session(
    setting: Setting, starts_at: datetime, places: int = 3, title: str = "Writing a winning bid"
):
    return services.create_support_session(
        setting.officer,
        area=setting.area,
        topic="writing_bids",
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        venue="Crewe Lifestyle Centre",
        places=places,
    )


@pytest.fixture
def soon(setting: Setting) -> SupportSession:
    return make_session(setting, timezone.now() + timedelta(days=7))


def test_a_member_books_a_place_for_the_group(setting: Setting, soon: SupportSession) -> None:
    booking = services.book_session(setting.lead, soon, setting.group)
    assert booking.booked_by == setting.lead
    assert AuditEvent.objects.filter(action="group.session_booked", object_id=str(setting.group.pk)).exists()
    assert AuditEvent.objects.filter(action="group.session_created").count() == 1


@pytest.mark.parametrize("case", ["outsider", "twice", "full", "started"])
def test_booking_is_refused_with_the_reason(setting: Setting, soon: SupportSession, case: str) -> None:
    actor, group, session = setting.lead, setting.group, soon
    expected = {
        "outsider": "Only a member of",
        "twice": "already has a place at this session",
        "full": "This session is full",
        "started": "This session has already started",
    }[case]
    if case == "outsider":
        actor = factories.UserFactory.create()
    elif case == "twice":
        services.book_session(setting.lead, soon, setting.group)
    elif case == "full":
        session = make_session(setting, timezone.now() + timedelta(days=3), places=1)
        other = factories.CommunityGroupFactory.create()
        services.book_session(factories.member(other), session, other)
    else:
        session = make_session(setting, timezone.now() - timedelta(minutes=5))
    with pytest.raises(PermissionDenied, match=expected):
        services.book_session(actor, session, group)


def test_only_officers_mark_attendance_once_the_session_has_started(setting: Setting) -> None:
    session = make_session(setting, timezone.now() + timedelta(hours=2))
    booking = services.book_session(setting.lead, session, setting.group)
    with pytest.raises(PermissionDenied, match="once the session has started"):
        services.record_attendance(setting.officer, session, {booking.pk: True})
    later = session.starts_at + timedelta(minutes=30)
    with pytest.raises(PermissionDenied, match="Only a council officer"):
        services.record_attendance(setting.lead, session, {booking.pk: True}, now=later)
    assert services.record_attendance(setting.officer, session, {booking.pk: True}, now=later) == 1
    assert services.record_attendance(setting.officer, session, {booking.pk: True}, now=later) == 0
    booking.refresh_from_db()
    assert booking.attended is True and booking.attendance_marked_by == setting.officer
    assert AuditEvent.objects.filter(action="group.session_attendance").count() == 1


def test_reminders_go_once_the_day_before(setting: Setting) -> None:
    now = timezone.now()
    tomorrow = make_session(setting, now + timedelta(hours=20), title="Governance basics")
    next_week = make_session(setting, now + timedelta(days=6), title="Finding funding")
    services.book_session(setting.lead, tomorrow, setting.group)
    services.book_session(setting.lead, next_week, setting.group)
    first, again = io.StringIO(), io.StringIO()
    call_command("send_session_reminders", stdout=first)
    call_command("send_session_reminders", stdout=again)
    assert (first.getvalue(), again.getvalue()) == ("1 reminder sent.\n", "0 reminders sent.\n")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [setting.lead.email]
    assert mail.outbox[0].subject.startswith("Reminder: Governance basics on ")
    assert "Crewe Lifestyle Centre" in mail.outbox[0].body
    assert services.send_session_reminders(now + timedelta(days=5, hours=12)) == 1
    assert SessionBooking.objects.filter(reminder_sent_at__isnull=True).count() == 0


def submitted(setting: Setting, group: CommunityGroup, title: str) -> Proposal:
    return factories.ProposalFactory.create(
        group=group,
        programme=setting.programme,
        area=setting.area,
        title=title,
        status=ProposalStatus.ELIGIBLE,
        submitted_at=timezone.now(),
    )


def test_the_trail_counts_sessions_attended_proposals_submitted_and_funded(setting: Setting) -> None:
    past = [make_session(setting, timezone.now() + timedelta(days=1), title=f"S{n}") for n in range(3)]
    trained = setting.group
    untrained = factories.CommunityGroupFactory.create(name="Zebra Crossing Club")
    member = factories.member(untrained)
    for session in past:
        services.book_session(setting.lead, session, trained)
    services.book_session(member, past[0], untrained)
    later = timezone.now() + timedelta(days=2)
    for session in past[:2]:
        bookings = {b.pk: b.group == trained for b in session.bookings.all()}
        services.record_attendance(setting.officer, session, bookings, now=later)
    funded = submitted(setting, trained, "Walking football")
    submitted(setting, trained, "Cook and eat")
    factories.ProposalFactory.create(group=trained, programme=setting.programme, area=setting.area)  # a draft
    lost = submitted(setting, untrained, "Knit and natter")
    CountRun.objects.create(
        programme=setting.programme,
        area=setting.area,
        rule="greedy",
        ballots=10,
        inputs_digest="b" * 64,
        budget_pence=3_000_000,
        spent_pence=funded.cost_pence,
        selected=[funded.reference, lost.reference],
    )  # counted but never published: funds nothing yet
    CountRun.objects.create(
        programme=setting.programme,
        area=setting.area,
        rule="greedy",
        ballots=12,
        inputs_digest="c" * 64,
        budget_pence=3_000_000,
        spent_pence=funded.cost_pence,
        selected=[funded.reference],
        published_at=timezone.now(),
        published_by=setting.officer,
    )
    rows = {row.group.name: row for row in capacity_trail()}
    assert (rows[trained.name].sessions_attended, rows[trained.name].proposals_submitted) == (2, 2)
    assert rows[trained.name].proposals_funded == 1
    assert (rows["Zebra Crossing Club"].sessions_attended, rows["Zebra Crossing Club"].proposals_funded) == (
        0,
        0,
    )
    totals = trail_totals(rows.values())
    assert (totals.groups, totals.groups_attending, totals.sessions_attended) == (2, 1, 2)
    assert (totals.proposals_submitted, totals.proposals_funded) == (3, 1)
    assert (totals.attending_groups_submitting, totals.attending_groups_funded) == (1, 1)


def test_pages_for_booking_and_the_officers_trail(
    client: Any, setting: Setting, soon: SupportSession
) -> None:
    page = client.get(reverse("groups:sessions")).content.decode()
    assert "Writing a winning bid" in page and "Crewe Lifestyle Centre" in page
    client.force_login(setting.lead)
    response = client.post(reverse("groups:session_book", args=[soon.pk]), {"group": setting.group.pk})
    assert response.status_code == 302
    page = client.get(reverse("groups:session", args=[soon.pk])).content.decode()
    assert f"{setting.group.name} has a place" in page
    assert "2 of 3" in page
    group_page = client.get(reverse("groups:detail", args=[setting.group.slug])).content.decode()
    assert "Sessions attended: 0. Proposals submitted: 0. Proposals funded: 0." in group_page
    assert "Writing a winning bid</a>" in group_page
    assert client.get(reverse("groups:capacity")).status_code == 403
    client.force_login(setting.officer)
    page = client.get(reverse("groups:capacity")).content.decode()
    assert (
        "Of the 0 groups that attended a session, 0 submitted a proposal and 0 had a proposal funded." in page
    )
    assert setting.group.name in page


def test_an_officer_sets_up_a_session_and_marks_attendance(client: Any, setting: Setting) -> None:
    client.force_login(setting.officer)
    start = timezone.localtime() + timedelta(days=10)
    response = client.post(
        reverse("groups:session_new"),
        {
            "title": "Governance for new groups",
            "topic": "governance",
            "area": setting.area.pk,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "venue": "Crewe Library",
            "run_with": "CVS Cheshire East",
            "places": "8",
        },
    )
    assert response.status_code == 400
    assert "The session must end after it starts." in response.content.decode()
    assert not SupportSession.objects.exists()
    session = make_session(setting, timezone.now() - timedelta(minutes=10))
    booking = SessionBooking.objects.create(session=session, group=setting.group, booked_by=setting.lead)
    response = client.post(
        reverse("groups:session_attendance", args=[session.pk]), {f"attended_{booking.pk}": "on"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attended is True


def test_a_member_cancels_a_place_before_the_session_and_not_after(client: Any, setting: Setting) -> None:
    session = make_session(setting, timezone.now() + timedelta(days=2))
    booking = services.book_session(setting.lead, session, setting.group)
    client.force_login(factories.UserFactory.create())
    url = reverse("groups:session_cancel", args=[session.pk, booking.pk])
    assert client.post(url).status_code == 403
    with pytest.raises(PermissionDenied, match="already started"):
        services.cancel_session_booking(setting.lead, booking, now=session.starts_at + timedelta(minutes=1))
    client.force_login(setting.lead)
    assert client.post(url).status_code == 302
    assert not SessionBooking.objects.exists()
    assert AuditEvent.objects.filter(action="group.session_cancelled").count() == 1
    page = client.get(reverse("groups:dashboard")).content.decode()
    assert reverse("groups:sessions") in page
