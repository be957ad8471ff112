from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from youdecide.audit.models import AuditChainHead, AuditEvent
from youdecide.audit.services import GENESIS_DIGEST, recompute_digest


@dataclass(frozen=True)
class ChainCheck:
    """Walking the chain: ``broken_at`` is the first sequence that fails and ``problem`` says why."""

    ok: bool
    events: int
    problem: str = ""
    broken_at: int | None = None


def chain_head() -> AuditChainHead:
    """The chain's last sequence and digest as the log holds them (sequence 0 before the first event)."""
    return AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(pk=1)


def _sequence_with_digest(digest: str) -> int | None:
    return AuditEvent.objects.filter(digest=digest).values_list("sequence", flat=True).first()


def verify_chain() -> ChainCheck:
    """Recompute every digest in order and compare the last with the chain head.

    The first break is reported by sequence number: an event missing from the run of numbers (deleted),
    one whose content no longer gives its digest (edited), one that names another event as the one
    before it (reordered), or a head that is ahead of the last event (the end cut off).
    """
    previous = GENESIS_DIGEST
    expected_sequence = 1
    count = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return ChainCheck(
                False,
                count,
                _("event #%(expected)s is missing (found #%(found)s)")
                % {"expected": expected_sequence, "found": event.sequence},
                expected_sequence,
            )
        if event.previous_digest != previous:
            named = _sequence_with_digest(event.previous_digest)
            if named is not None and named != event.sequence - 1:
                problem = _(
                    "event #%(sequence)s names event #%(named)s as the one before it: "
                    "the events have been reordered"
                ) % {"sequence": event.sequence, "named": named}
            else:
                problem = _("event #%(sequence)s does not follow the event before it") % {
                    "sequence": event.sequence
                }
            return ChainCheck(False, count, problem, event.sequence)
        digest = recompute_digest(event, previous)
        if digest != event.digest:
            return ChainCheck(
                False,
                count,
                _("event #%(sequence)s has been altered") % {"sequence": event.sequence},
                event.sequence,
            )
        previous = event.digest
        expected_sequence += 1
        count += 1
    head = chain_head()
    if head.sequence > count:
        return ChainCheck(
            False,
            count,
            _("the chain head is at #%(head)s but the last event is #%(last)s: the log has been cut short")
            % {"head": head.sequence, "last": count},
            count + 1,
        )
    if head.sequence < count:
        return ChainCheck(
            False,
            count,
            _(
                "the chain head is at #%(head)s but the log goes on to #%(last)s: "
                "events were added around the chain"
            )
            % {"head": head.sequence, "last": count},
            head.sequence + 1,
        )
    if head.digest != previous:
        return ChainCheck(
            False,
            count,
            _("the chain head's digest does not match event #%(last)s") % {"last": count},
            count or None,
        )
    return ChainCheck(True, count)


def events_for(obj_type: str, obj_id: object) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=obj_type, object_id=str(obj_id)).order_by("sequence"))
