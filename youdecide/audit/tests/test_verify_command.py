"""``youdecide audit verify`` on a 10,000-event log: each kind of tampering is named at its sequence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests import factories
from youdecide.audit.models import AuditChainHead, AuditEvent
from youdecide.audit.selectors import verify_chain
from youdecide.audit.services import GENESIS_DIGEST, event_digest, recompute_digest, record_event

EVENTS = 10_000


@pytest.fixture
def long_log(db) -> list[AuditEvent]:
    """10,000 chained events written in one go, with digests computed as record_event computes them."""
    start = timezone.now() - timedelta(days=30)
    events = []
    previous = GENESIS_DIGEST
    for sequence in range(1, EVENTS + 1):
        occurred_at = start + timedelta(seconds=sequence)
        data = {"phase": "voting", "n": sequence}
        digest = event_digest(
            previous,
            sequence,
            occurred_at,
            "officer@example.org",
            "programme.updated",
            "programmes.programme",
            "7",
            data,
        )
        events.append(
            AuditEvent(
                sequence=sequence,
                occurred_at=occurred_at,
                actor_label="officer@example.org",
                action="programme.updated",
                object_type="programmes.programme",
                object_id="7",
                data=data,
                previous_digest=previous,
                digest=digest,
            )
        )
        previous = digest
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    AuditChainHead.objects.create(pk=1, sequence=EVENTS, digest=previous)
    return events


def verify_fails_with(expected: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    assert raised.value.returncode == 1
    assert expected in str(raised.value)
    return str(raised.value)


def test_an_intact_log_of_ten_thousand_events_verifies(long_log, capsys) -> None:
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"{EVENTS} events, chain head #{EVENTS} {long_log[-1].digest}" in out


def test_an_edited_event_is_named(long_log) -> None:
    AuditEvent.objects.filter(sequence=4321).update(data={"phase": "count", "n": 4321})
    verify_fails_with("broken at #4321: event #4321 has been altered")
    assert verify_chain().events == 4320


def test_an_edited_event_with_its_digest_recomputed_breaks_the_next_link(long_log) -> None:
    event = AuditEvent.objects.get(sequence=500)
    event.data = {"phase": "count"}
    event.digest = recompute_digest(event, event.previous_digest)
    event.save()
    verify_fails_with("broken at #501: event #501 does not follow the event before it")


def test_a_deleted_event_is_named(long_log) -> None:
    AuditEvent.objects.filter(sequence=7000).delete()
    verify_fails_with("broken at #7000: event #7000 is missing (found #7001)")


def test_two_swapped_events_are_named_as_reordered(long_log) -> None:
    first, second = AuditEvent.objects.get(sequence=2000), AuditEvent.objects.get(sequence=2001)
    AuditEvent.objects.filter(pk=first.pk).update(sequence=EVENTS + 10)
    AuditEvent.objects.filter(pk=second.pk).update(sequence=2000)
    AuditEvent.objects.filter(pk=first.pk).update(sequence=2001)
    verify_fails_with(
        "broken at #2000: event #2000 names event #2001 as the one before it: the events have been reordered"
    )


def test_a_log_cut_short_is_named(long_log) -> None:
    AuditEvent.objects.filter(sequence__gt=9990).delete()
    verify_fails_with(
        "broken at #9991: the chain head is at #10000 but the last event is #9990: the log has been cut short"
    )


def test_an_event_added_behind_the_head_is_named(long_log) -> None:
    AuditChainHead.objects.filter(pk=1).update(sequence=EVENTS - 1, digest=long_log[-2].digest)
    verify_fails_with("broken at #10000: the chain head is at #9999 but the log goes on to #10000")


def test_an_empty_log_verifies(db, capsys) -> None:
    call_command("audit", "verify")
    assert "0 events, chain head #0" in capsys.readouterr().out


def test_the_transparency_page_shows_the_chain_head(client, db) -> None:
    programme = factories.ProgrammeFactory.create()
    event = record_event(None, "programme.created", programme, {})
    page = client.get(f"/programmes/{programme.slug}/transparency/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "The log holds 1 entry" in text
    assert event.digest in text
