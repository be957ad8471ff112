"""Appending to the audit log. Every state change of a programme, event, count or grant calls record_event."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from youdecide.audit.models import AuditChainHead, AuditEvent

GENESIS_DIGEST = "0" * 64


def _canonical(parts: list[Any]) -> str:
    """The text an event's digest is taken of: its parts in order, as compact JSON with sorted keys."""
    return json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_digest(
    previous_digest: str,
    sequence: int,
    occurred_at: datetime,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    data: dict[str, Any],
) -> str:
    canonical = _canonical(
        [
            previous_digest,
            sequence,
            occurred_at.isoformat(),
            actor_label,
            action,
            object_type,
            object_id,
            data,
        ]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_CUT = "\x00cut\x00"


def canonical_pieces(
    occurred_at: datetime, actor_label: str, action: str, object_type: str, data: dict[str, Any]
) -> list[str] | None:
    """An event's canonical text in four pieces, to be joined by the previous digest, the sequence and the
    object id where the database appends the event itself: joined so, they are the text `event_digest`
    hashes. None if the content itself holds the cut mark."""
    parts = [_CUT, _CUT, occurred_at.isoformat(), actor_label, action, object_type, _CUT, data]
    pieces = _canonical(parts).split(json.dumps(_CUT))
    if len(pieces) != 4:
        return None
    # The previous digest and the object id are strings in the text, the sequence a number.
    return [pieces[0] + '"', '"' + pieces[1], pieces[2] + '"', '"' + pieces[3]]


def recompute_digest(event: AuditEvent, previous_digest: str) -> str:
    """The digest an event should carry when it follows ``previous_digest``."""
    return event_digest(
        previous_digest,
        event.sequence,
        event.occurred_at,
        event.actor_label,
        event.action,
        event.object_type,
        event.object_id,
        event.data,
    )


def record_event(
    actor: Any, action: str, obj: models.Model, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction when there is one."""
    payload = json.loads(json.dumps(data or {}, default=str))
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    actor_label = str(actor_user) if actor_user is not None else (str(actor) if actor else "system")
    # No savepoint: a failure here fails the caller's whole transaction, which is what a lost audit event
    # must do. The head row is read and locked in one statement; made the first time only.
    with transaction.atomic(savepoint=False):
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditChainHead.objects.get_or_create(pk=1)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        sequence = head.sequence + 1
        occurred_at = timezone.now()
        object_type = obj._meta.label_lower
        object_id = str(obj.pk)
        digest = event_digest(
            head.digest, sequence, occurred_at, actor_label, action, object_type, object_id, payload
        )
        event = AuditEvent.objects.create(
            sequence=sequence,
            occurred_at=occurred_at,
            actor=actor_user,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            data=payload,
            previous_digest=head.digest,
            digest=digest,
        )
        head.sequence = sequence
        head.digest = digest
        head.save(update_fields=["sequence", "digest"])
    return event
