"""Reminders of returns due within 7 days or late: once per return and kind, however often it runs."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from youdecide.delivery.models import Grant, ReminderKind, ReturnReminder
from youdecide.delivery.tests.conftest import Funded, accept_and_pay, offer


def _run() -> str:
    out = StringIO()
    call_command("send_return_reminders", stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_reminders_go_to_the_lead_contact_once_per_return_and_state(funded: Funded) -> None:
    today = timezone.localdate()
    # Started 120 days ago: return 1 (three months) was due 14 days after it, so it is late;
    # return 2 is due in more than a week; nothing else yet.
    start = today - timedelta(days=120)
    grant = offer(funded, starts_on=start, ends_on=start + timedelta(days=364), tranches=[(start, 600_000)])
    assert _run() == "0 reminders sent."  # an offered grant owes no returns yet
    accept_and_pay(grant, funded)
    assert _run() == "1 reminder sent."
    assert [message.to for message in mail.outbox] == [[funded.setting.lead.email]]
    assert mail.outbox[0].subject == "Your monitoring return for Walking football for over-50s is late"
    assert _run() == "0 reminders sent."
    second = grant.returns.get(number=2)
    second.due_on = today + timedelta(days=6)
    second.save()
    assert _run() == "1 reminder sent."
    assert "is due on" in mail.outbox[1].subject
    assert _run() == "0 reminders sent."
    second.due_on = today - timedelta(days=1)
    second.save()
    assert _run() == "1 reminder sent."
    assert sorted(ReturnReminder.objects.values_list("monitoring_return__number", "kind")) == [
        (1, ReminderKind.LATE),
        (2, ReminderKind.DUE_SOON),
        (2, ReminderKind.LATE),
    ]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_a_return_sent_in_gets_no_reminder(grant: Grant, funded: Funded) -> None:
    accept_and_pay(grant, funded)
    grant.returns.update(status="submitted", submitted_at=timezone.now())
    assert _run() == "0 reminders sent."
    assert mail.outbox == []
