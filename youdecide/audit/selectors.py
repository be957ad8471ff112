from __future__ import annotations

from dataclasses import dataclass

from youdecide.audit.models import AuditEvent
from youdecide.audit.services import GENESIS_DIGEST, event_digest


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    events: int
    problem: str = ""


def verify_chain() -> ChainCheck:
    """Recompute every digest in order; the first break is reported by sequence number."""
    previous = GENESIS_DIGEST
    expected_sequence = 1
    count = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return ChainCheck(
                False, count, f"event #{expected_sequence} is missing (found #{event.sequence})"
            )
        if event.previous_digest != previous:
            return ChainCheck(False, count, f"event #{event.sequence} does not follow the event before it")
        digest = event_digest(
            previous,
            event.sequence,
            event.occurred_at,
            event.actor_label,
            event.action,
            event.object_type,
            event.object_id,
            event.data,
        )
        if digest != event.digest:
            return ChainCheck(False, count, f"event #{event.sequence} has been altered")
        previous = event.digest
        expected_sequence += 1
        count += 1
    return ChainCheck(True, count)


def events_for(obj_type: str, obj_id: object) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=obj_type, object_id=str(obj_id)).order_by("sequence"))
