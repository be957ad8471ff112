"""A programme's ballot as each app process keeps it for the API's first-ballot path.

The programme with its voting rules, phases and pots, its areas and each area's ballot proposals, read once
and kept under the page version they were read at (youdecide.web.page_cache): everything here is shown on
public pages, so any change to it moves that version on. The process does not read the version for each
ballot: the database function compares it in the same statement that stores the ballot, and refuses a ballot
read from an older one; the caller then asks for it `renewed`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from youdecide.areas.models import Area
from youdecide.areas.selectors import postcode_lookup_loaded
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.proposals.selectors import AREA_LARGE_FIELDS
from youdecide.voting.ballot_rules import BallotSpec
from youdecide.voting.selectors import ballot_proposals, ballot_spec
from youdecide.web.page_cache import current_page_version

MAX_PROGRAMMES = 64


@dataclass(frozen=True)
class ProgrammeBallot:
    version: int
    programme: Programme
    areas: dict[int, Area]
    specs: dict[int, BallotSpec]
    proposals: dict[int, list[Proposal]]  # by area id, in ballot order
    by_reference: dict[str, Proposal]
    postcode_lookup: bool


_kept: dict[str, ProgrammeBallot] = {}
_lock = threading.Lock()


def programme_ballot(slug: str, *, fresh: bool = False) -> ProgrammeBallot | None:
    """The published programme's ballot, as kept (read now when not kept or `fresh`); None if none."""
    kept = _kept.get(slug)
    if kept is not None and not fresh:
        return kept
    version = current_page_version()  # read first: what follows is at least as new
    programme = (
        Programme.objects.select_related("voting_rules")
        .prefetch_related("phases", "area_pots")
        .filter(slug=slug, is_published=True)
        .first()
    )
    if programme is None:
        forget(slug)
        return None
    area_ids = [pot.area_id for pot in programme.area_pots.all()]
    areas = {
        area.pk: area
        for area in Area.objects.select_related("parent").defer(*AREA_LARGE_FIELDS).filter(pk__in=area_ids)
    }
    proposals = {pk: ballot_proposals(programme, area) for pk, area in areas.items()}
    ballot = ProgrammeBallot(
        version=version,
        programme=programme,
        areas=areas,
        specs={pk: ballot_spec(programme, area) for pk, area in areas.items()},
        proposals=proposals,
        by_reference={p.reference: p for listed in proposals.values() for p in listed},
        postcode_lookup=postcode_lookup_loaded(),
    )
    with _lock:
        if len(_kept) >= MAX_PROGRAMMES and slug not in _kept:
            _kept.clear()
        _kept[slug] = ballot
    return ballot


def renewed(slug: str, ballot: ProgrammeBallot) -> ProgrammeBallot | None:
    """The ballot read again if the page version has moved on since `ballot` was read, else None."""
    if current_page_version() == ballot.version:
        return None
    return programme_ballot(slug, fresh=True)


def forget(slug: str | None = None) -> None:
    """Drop one programme's kept ballot, or every one."""
    with _lock:
        if slug is None:
            _kept.clear()
        else:
            _kept.pop(slug, None)
