"""Emails at the moments that matter, each with a link that stops that kind and no other."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.accounts.models import NotificationKind, NotificationPreference, Role, VotingNotice
from youdecide.accounts.notifications import notify, unsubscribe_token
from youdecide.accounts.services import set_notification_choices
from youdecide.delivery.tests.conftest import Funded, accept_and_pay, funded_proposal, offer, publish_result
from youdecide.programmes.models import BallotKind, Phase, PhaseKind
from youdecide.programmes.services import open_phase_now
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.tests.conftest import make_box

LINK = re.compile(r"http://localhost:8000(/unsubscribe/[^/\s]+/)")


def _link(message: mail.EmailMessage) -> str:
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(1)


@pytest.mark.django_db
def test_the_link_in_an_email_stops_that_kind_and_no_other() -> None:
    resident = factories.UserFactory.create(email="Pat.Lee@Example.org", username="pat")
    assert notify(resident, NotificationKind.PROPOSAL_DECIDED, "Your proposal is eligible", "Good news.")
    [message] = mail.outbox
    assert message.to == ["pat.lee@example.org"]
    assert message.subject == "Your proposal is eligible"
    assert message.body.startswith("Good news.\n\n-- \n")
    path = _link(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://localhost:8000{path}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    client = Client()
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop emails to pat.lee@example.org about “A decision on my group&#x27;s proposal”" in (
        page.content.decode()
    )
    assert NotificationPreference.objects.count() == 0  # opening the link changes nothing
    done = client.post(path)
    assert done.status_code == 200
    assert "You will not get these emails" in done.content.decode()
    assert list(NotificationPreference.objects.values_list("email", "kind", "enabled")) == [
        ("pat.lee@example.org", NotificationKind.PROPOSAL_DECIDED, False)
    ]
    assert client.post(path).status_code == 200  # a second click is harmless

    assert not notify(resident, NotificationKind.PROPOSAL_DECIDED, "Another decision", "…")
    assert notify("pat.lee@example.org", NotificationKind.RETURN_DUE, "Your return is due", "…")
    assert [m.subject for m in mail.outbox] == ["Your proposal is eligible", "Your return is due"]


@pytest.mark.django_db
def test_a_mail_program_unsubscribes_with_one_click_without_a_csrf_token() -> None:
    token = unsubscribe_token("group1@example.org", NotificationKind.SESSION_REMINDER)
    response = Client(enforce_csrf_checks=True).post(
        f"/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert NotificationPreference.objects.get().enabled is False
    assert not notify("group1@example.org", NotificationKind.SESSION_REMINDER, "Reminder", "…")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_tampered_link_is_refused_with_a_clear_page() -> None:
    token = unsubscribe_token("pat@example.org", NotificationKind.RESULTS_OUT)
    forged = unsubscribe_token("someone-else@example.org", NotificationKind.RESULTS_OUT)
    tampered = [
        token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        "not-a-link",
        forged.split(":")[0] + ":" + token.split(":", 1)[1],
    ]
    for bad in tampered:
        for method in ("get", "post"):
            response = getattr(Client(), method)(f"/unsubscribe/{bad}/")
            assert response.status_code == 400
            assert "This link does not work" in response.content.decode()
    assert NotificationPreference.objects.count() == 0


@pytest.mark.django_db
def test_a_signed_in_person_chooses_their_emails() -> None:
    assert Client().get("/accounts/notifications/").status_code == 302
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    client = Client()
    client.force_login(resident)
    page = client.get("/accounts/notifications/").content.decode()
    ticked = set(re.findall(r'<input type="checkbox" name="kinds" value="(\w+)"[^>]*checked', page))
    # Emails about one's own business are on; news to residents waits until asked for.
    assert ticked == {"proposal_decided", "return_due", "session_reminder"}
    assert NotificationPreference.objects.count() == 0
    response = client.post(
        "/accounts/notifications/", {"kinds": ["voting_opens", "results_out"]}, follow=True
    )
    assert "Your email choices are saved." in response.content.decode()
    chosen = dict(NotificationPreference.objects.filter(email=resident.email).values_list("kind", "enabled"))
    assert chosen == {
        "proposal_decided": False,
        "voting_opens": True,
        "results_out": True,
        "return_due": False,
        "session_reminder": False,
    }


@pytest.mark.django_db
def test_residents_who_asked_hear_that_voting_opens(django_capture_on_commit_callbacks) -> None:
    programme = factories.ProgrammeFactory.create(name="You Decide 2026")
    now = timezone.now()
    Phase.objects.create(
        programme=programme,
        kind=PhaseKind.ONLINE_VOTING,
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=10),
    )
    asked, _did_not_ask = (factories.UserFactory.create(role=Role.RESIDENT) for _ in range(2))
    set_notification_choices(asked.email, [NotificationKind.VOTING_OPENS])
    officer = factories.UserFactory.create(role=Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        open_phase_now(officer, programme, PhaseKind.ONLINE_VOTING)
    assert [(m.to, m.subject) for m in mail.outbox] == [([asked.email], "Voting is open in You Decide 2026")]
    assert f"/programmes/{programme.slug}/" in mail.outbox[0].body

    # After the link in that email, the next programme's opening does not reach them.
    Client().post(_link(mail.outbox[0]))
    second = factories.ProgrammeFactory.create(name="You Decide 2027")
    Phase.objects.create(
        programme=second,
        kind=PhaseKind.ONLINE_VOTING,
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        open_phase_now(officer, second, PhaseKind.ONLINE_VOTING)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_results_out_reaches_the_groups_on_the_ballot_and_residents_who_asked(
    django_capture_on_commit_callbacks,
) -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 5, seed=31)
    asked = factories.UserFactory.create(role=Role.RESIDENT)
    set_notification_choices(asked.email, [NotificationKind.RESULTS_OUT])
    factories.UserFactory.create(role=Role.RESIDENT)  # did not ask
    leads = [p.group.contact_email for p in box.proposals]
    # One group stopped results emails from an earlier link.
    Client().post(f"/unsubscribe/{unsubscribe_token(leads[3], NotificationKind.RESULTS_OUT)}/")
    with django_capture_on_commit_callbacks(execute=True):
        run = count_and_publish(box)
    subject = f"Results are out: {box.programme.name}, {box.area.name}"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([*leads[:3], asked.email])
    assert {m.subject for m in mail.outbox} == {subject}
    by_address = {m.to[0]: m.body for m in mail.outbox}
    for proposal in box.proposals[:3]:
        funded = proposal.reference in run.selected
        expected = f"{proposal.title} is funded." if funded else f"{proposal.title} was not funded this time."
        assert by_address[proposal.group.contact_email].startswith(expected)
    assert f"/programmes/{box.programme.slug}/areas/{box.area.slug}/results/" in by_address[asked.email]


def _run_voting_notices() -> str:
    out = StringIO()
    call_command("send_voting_notices", stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_voting_that_opens_by_its_dates_is_announced_once(django_capture_on_commit_callbacks) -> None:
    now = timezone.now()
    asked = factories.UserFactory.create(role=Role.RESIDENT)
    set_notification_choices(asked.email, [NotificationKind.VOTING_OPENS])
    programme = factories.ProgrammeFactory.create(name="You Decide 2026")
    factories.open_phase(programme, PhaseKind.ONLINE_VOTING)  # its dates have come round
    Phase.objects.create(
        programme=programme,
        kind=PhaseKind.DECISION_DAYS,
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=9),
    )
    draft = factories.ProgrammeFactory.create(name="Not yet published", is_published=False)
    factories.open_phase(draft, PhaseKind.ONLINE_VOTING)
    assert _run_voting_notices() == "1 email sent."
    assert [m.subject for m in mail.outbox] == ["Voting is open in You Decide 2026"]
    assert _run_voting_notices() == "0 emails sent."

    # Opened early by an officer: announced at once, and the command does not announce it again.
    officer = factories.UserFactory.create(role=Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        open_phase_now(officer, programme, PhaseKind.DECISION_DAYS)
    assert _run_voting_notices() == "0 emails sent."
    assert [m.subject for m in mail.outbox] == [
        "Voting is open in You Decide 2026",
        "Decision Days have begun for You Decide 2026",
    ]
    assert VotingNotice.objects.count() == 2


@pytest.fixture
def grant_holder(setting: Setting) -> Funded:
    proposal = funded_proposal(setting, "Walking football for over-50s", 600_000)
    unfunded = funded_proposal(setting, "Cookery club", 400_000)
    run = publish_result(setting.programme, setting.area, [proposal], setting.officer)
    member = factories.member(setting.group)
    outsider = factories.member(factories.CommunityGroupFactory.create())
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    return Funded(setting, proposal, unfunded, run, member, outsider, resident)


@pytest.mark.django_db
def test_a_group_lead_who_stops_return_reminders_gets_no_more_but_still_hears_of_results(
    grant_holder: Funded,
) -> None:
    funded = grant_holder
    today = timezone.localdate()
    start = today - timedelta(days=120)  # return 1 is late
    grant = offer(funded, starts_on=start, ends_on=start + timedelta(days=364), tranches=[(start, 600_000)])
    accept_and_pay(grant, funded)
    call_command("send_return_reminders", stdout=StringIO())
    [reminder] = mail.outbox
    assert reminder.to == [funded.setting.lead.email]
    assert reminder.extra_headers["List-Unsubscribe"].startswith("<http://localhost:8000/unsubscribe/")
    Client().post(_link(reminder))

    second = grant.returns.get(number=2)
    second.due_on = today + timedelta(days=6)
    second.save()
    out = StringIO()
    call_command("send_return_reminders", stdout=out)
    assert out.getvalue().strip() == "0 reminders sent."
    assert len(mail.outbox) == 1
    assert notify(funded.setting.lead, NotificationKind.RESULTS_OUT, "Results are out", "…")
    assert [m.subject for m in mail.outbox][-1] == "Results are out"
