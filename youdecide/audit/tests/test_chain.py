"""The audit log is a hash chain: it verifies as written, and any edit, removal or reordering is caught."""

from __future__ import annotations

from tests import factories
from youdecide.audit.models import AuditChainHead, AuditEvent
from youdecide.audit.selectors import events_for, verify_chain
from youdecide.audit.services import GENESIS_DIGEST, record_event


def three_events(db) -> list[AuditEvent]:
    officer = factories.UserFactory.create(role="officer")
    programme = factories.ProgrammeFactory.create()
    return [
        record_event(officer, "programme.created", programme, {"total_pot_pence": 40_000_000}),
        record_event(officer, "programme.phase_opened", programme, {"phase": "proposals"}),
        record_event(None, "programme.phase_closed", programme, {"phase": "proposals"}),
    ]


def test_events_chain_from_the_genesis_digest(db) -> None:
    events = three_events(db)
    assert [event.sequence for event in events] == [1, 2, 3]
    assert events[0].previous_digest == GENESIS_DIGEST
    assert events[1].previous_digest == events[0].digest
    assert AuditChainHead.objects.get().digest == events[2].digest
    assert events[2].actor_label == "system"
    assert verify_chain().ok
    assert verify_chain().events == 3


def test_an_edited_event_is_detected(db) -> None:
    events = three_events(db)
    AuditEvent.objects.filter(pk=events[0].pk).update(data={"total_pot_pence": 50_000_000})
    check = verify_chain()
    assert not check.ok
    assert check.problem == "event #1 has been altered"


def test_an_edited_actor_is_detected(db) -> None:
    events = three_events(db)
    AuditEvent.objects.filter(pk=events[1].pk).update(actor_label="someone else")
    assert verify_chain().problem == "event #2 has been altered"


def test_a_removed_event_is_detected(db) -> None:
    events = three_events(db)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    check = verify_chain()
    assert not check.ok
    assert "event #2 is missing" in check.problem


def test_a_recomputed_digest_still_breaks_the_link_to_the_next_event(db) -> None:
    events = three_events(db)
    AuditEvent.objects.filter(pk=events[0].pk).update(digest="f" * 64)
    assert not verify_chain().ok


def test_events_for_one_object_in_order(db) -> None:
    events = three_events(db)
    programme_id = events[0].object_id
    assert [event.action for event in events_for("programmes.programme", programme_id)] == [
        "programme.created",
        "programme.phase_opened",
        "programme.phase_closed",
    ]


def test_the_admin_cannot_change_the_log(admin_client, db) -> None:
    events = three_events(db)
    assert admin_client.get(f"/admin/audit/auditevent/{events[0].pk}/change/").status_code == 200
    assert (
        admin_client.post(f"/admin/audit/auditevent/{events[0].pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
    assert AuditEvent.objects.count() == 3
    assert verify_chain().ok
