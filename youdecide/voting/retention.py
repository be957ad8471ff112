"""Removing voters' personal data a set time after a programme ends, keeping its anonymous ballots, counts
and results.

What identifies a voter on the identity side is the keyed hash of their name, date of birth and postcode
(``person_key``) held by participations, used codes, emailed links and Decision Day check-ins, and the
moments they voted. After the retention period each such key is replaced by a random one (the rows stay, so
turnout by channel, age band and connection is still reported), the moments are cut to the day, and the
emailed links are deleted. Ballots and their choices are never touched: every count gives the same result
afterwards. A programme ends when its last phase ends.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from youdecide.audit.services import record_event
from youdecide.events.models import CheckIn
from youdecide.programmes.models import Programme
from youdecide.voting.models import EmailLink, Participation, VotingCode

PURGED_PREFIX = "purged:"


@dataclass(frozen=True)
class Purge:
    programme: Programme
    ended: datetime
    participations: int
    codes: int
    email_links: int
    check_ins: int

    @property
    def rows(self) -> int:
        return self.participations + self.codes + self.email_links + self.check_ins


def programme_end(programme: Programme) -> datetime | None:
    ends = [phase.effective_end for phase in programme.phases.all()]
    return max(ends) if ends else None


def programmes_to_purge(days: int, now: datetime | None = None) -> list[tuple[Programme, datetime]]:
    """Programmes whose last phase ended more than ``days`` ago."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    found: list[tuple[Programme, datetime]] = []
    for programme in (
        Programme.objects.filter(phases__isnull=False).distinct().order_by("pk").prefetch_related("phases")
    ):
        ended = programme_end(programme)
        if ended is not None and ended < cutoff:
            found.append((programme, ended))
    return found


def _random_key() -> str:
    return PURGED_PREFIX + secrets.token_hex(28)


def _day(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _rekey(rows: QuerySet[Any], time_field: str) -> int:
    """Give each row a random person key and cut its time to the day; how many rows were changed."""
    done = 0
    for row in rows.select_for_update():
        row.person_key = _random_key()
        setattr(row, time_field, _day(getattr(row, time_field)))
        row.save(update_fields=["person_key", time_field])
        done += 1
    return done


def purge_programme(actor: Any, programme: Programme, ended: datetime, dry_run: bool = False) -> Purge:
    """Replace the programme's voters' keys by random ones and cut voting times to the day. Rows already
    purged are left alone, so a second run changes nothing."""
    participations = Participation.objects.filter(programme=programme).exclude(
        person_key__startswith=PURGED_PREFIX
    )
    codes = (
        VotingCode.objects.filter(batch__programme=programme)
        .exclude(person_key="")
        .exclude(person_key__startswith=PURGED_PREFIX)
    )
    links = EmailLink.objects.filter(programme=programme)
    check_ins = CheckIn.objects.filter(event__programme=programme).exclude(
        person_key__startswith=PURGED_PREFIX
    )
    if dry_run:
        return Purge(
            programme, ended, participations.count(), codes.count(), links.count(), check_ins.count()
        )
    with transaction.atomic():
        done_participations = _rekey(participations, "created_at")
        done_codes = _rekey(codes, "used_at")
        done_links, _ = links.delete()
        done_check_ins = _rekey(check_ins, "checked_in_at")
        purge = Purge(programme, ended, done_participations, done_codes, done_links, done_check_ins)
        if purge.rows:
            record_event(
                actor,
                "voting.personal_data_purged",
                programme,
                {
                    "ended": ended.isoformat(),
                    "participations": purge.participations,
                    "codes": purge.codes,
                    "email_links": purge.email_links,
                    "check_ins": purge.check_ins,
                },
            )
    return purge
