"""Limits on how often one voter, code or session may try: per voter or code, never per IP address."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Throttle
from youdecide.voting.tokens import keyed_digest


def allow(what: str, who: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one try of `what` by `who`; False once `limit` tries were made in the current window."""
    now = now or timezone.now()
    key = keyed_digest("throttle", f"{what}:{who}")
    with transaction.atomic():
        updated = Throttle.objects.filter(key=key, window_started_at__gt=now - window).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    Throttle.objects.update_or_create(
                        key=key, defaults={"window_started_at": now, "count": 1}
                    )
            except IntegrityError:  # another request made the row just now: count this try on it
                Throttle.objects.filter(key=key).update(count=F("count") + 1)
        count = Throttle.objects.filter(key=key).values_list("count", flat=True).first() or 0
    return count <= limit


CASTS_PER_VOTER = 10
CAST_WINDOW = timedelta(minutes=10)


def check_cast_rate(person_key: str, now: datetime | None = None) -> None:
    """At most 10 ballot submissions by one voter in 10 minutes (repeats with the same key included)."""
    if not allow("cast", person_key, CASTS_PER_VOTER, CAST_WINDOW, now):
        raise VotingRefused(
            "too_many", _("You have sent your ballot many times in the last few minutes. Wait ten minutes.")
        )
