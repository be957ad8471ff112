"""Every write to programmes, their phases, pots and outcomes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.accounts.notifications import announce_voting_opened
from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.money import format_pence
from youdecide.programmes.models import (
    PHASE_ORDER,
    AreaPot,
    Outcome,
    Phase,
    PhaseKind,
    Programme,
    VotingRules,
)
from youdecide.programmes.outcomes import STANDARD_OUTCOMES
from youdecide.programmes.rules import can_close_phase_now, can_open_phase_now


def ensure_standard_outcomes() -> list[Outcome]:
    """Create the public health and community outcomes if missing (safe to run twice)."""
    outcomes = []
    for order, (slug, name, kind, description) in enumerate(STANDARD_OUTCOMES):
        outcome, _created = Outcome.objects.update_or_create(
            slug=slug,
            defaults={"name": str(name), "kind": kind, "description": str(description), "order": order},
        )
        outcomes.append(outcome)
    return outcomes


def _check_phase_dates(phases: Mapping[str, tuple[datetime, datetime]]) -> None:
    for kind, (starts_at, ends_at) in phases.items():
        if kind not in PhaseKind.values:
            raise ValidationError({"phases": _("%(kind)s is not a phase.") % {"kind": kind}})
        if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
            raise ValidationError({"phases": _("Phase dates must carry a time zone.")})
        if ends_at <= starts_at:
            raise ValidationError(
                {"phases": _("%(phase)s must end after it starts.") % {"phase": PhaseKind(kind).label}}
            )


# Addresses the back office uses for its own pages (/office/programmes/new/).
RESERVED_SLUGS = frozenset({"new"})


@transaction.atomic
def create_programme(
    actor: Any,
    *,
    name: str,
    slug: str,
    funding_source: str,
    total_pot_pence: int,
    summary: str = "",
    grant_cap_pence: int | None = None,
    area_kind: str = "sub_region",
    outcomes: Iterable[Outcome] = (),
    phases: Mapping[str, tuple[datetime, datetime]] | None = None,
    is_published: bool = False,
) -> Programme:
    if total_pot_pence <= 0:
        raise ValidationError({"total_pot_pence": _("The pot must be more than £0.")})
    if grant_cap_pence is not None and not 0 < grant_cap_pence <= total_pot_pence:
        raise ValidationError(
            {"grant_cap_pence": _("The largest grant must be more than £0 and within the pot.")}
        )
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("%(slug)s is kept for the site's own pages; choose another.") % {"slug": slug}}
        )
    if Programme.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("Another programme already uses the address %(slug)s.") % {"slug": slug}}
        )
    _check_phase_dates(phases or {})
    programme = Programme.objects.create(
        name=name,
        slug=slug,
        summary=summary,
        funding_source=funding_source,
        total_pot_pence=total_pot_pence,
        grant_cap_pence=grant_cap_pence,
        area_kind=area_kind,
        is_published=is_published,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    programme.outcomes.set(list(outcomes))
    for kind, (starts_at, ends_at) in (phases or {}).items():
        Phase.objects.create(programme=programme, kind=kind, starts_at=starts_at, ends_at=ends_at)
    record_event(
        actor,
        "programme.created",
        programme,
        {"name": name, "total_pot_pence": total_pot_pence, "grant_cap_pence": grant_cap_pence},
    )
    return programme


_EDITABLE = {"name", "summary", "funding_source", "total_pot_pence", "grant_cap_pence", "is_published"}


@transaction.atomic
def update_programme(actor: Any, programme: Programme, **changes: Any) -> Programme:
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    before = {field: getattr(programme, field) for field in changes}
    total = changes.get("total_pot_pence", programme.total_pot_pence)
    if total <= 0:
        raise ValidationError({"total_pot_pence": _("The pot must be more than £0.")})
    cap = changes.get("grant_cap_pence", programme.grant_cap_pence)
    if cap is not None and not 0 < cap <= total:
        raise ValidationError(
            {"grant_cap_pence": _("The largest grant must be more than £0 and within the pot.")}
        )
    if "total_pot_pence" in changes and programme.area_pots.exists():
        pots = sum(programme.area_pots.values_list("amount_pence", flat=True))
        if pots != total:
            raise ValidationError(
                {
                    "total_pot_pence": _(
                        "The area pots add up to %(pots)s: change the total where you split it across "
                        "areas, so that both change together."
                    )
                    % {"pots": format_pence(pots)}
                }
            )
    for field, value in changes.items():
        setattr(programme, field, value)
    programme.save()
    record_event(actor, "programme.updated", programme, {"before": before, "after": changes})
    return programme


@transaction.atomic
def set_area_pots(
    actor: Any,
    programme: Programme,
    pots: Mapping[Area, int],
    *,
    total_pot_pence: int | None = None,
    split: Mapping[str, Any] | None = None,
) -> list[AreaPot]:
    """Replace the programme's area pots. They must add up exactly to the programme's total pot.

    With ``total_pot_pence`` the programme's total changes in the same step, so a programme that already
    has pots can grow or shrink (its pots and its total always agree). ``split`` says how the pots were
    worked out (method and parameters); the audit event keeps it beside each area's pot.
    """
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    old_total = programme.total_pot_pence
    if total_pot_pence is not None and total_pot_pence != old_total:
        if total_pot_pence <= 0:
            raise ValidationError({"total_pot_pence": _("The pot must be more than £0.")})
        cap = programme.grant_cap_pence
        if cap is not None and cap > total_pot_pence:
            raise ValidationError(
                {
                    "total_pot_pence": _("The pot cannot be smaller than the largest grant (%(cap)s).")
                    % {"cap": format_pence(cap)}
                }
            )
        programme.total_pot_pence = total_pot_pence
    for area, amount in pots.items():
        if amount < 0:
            raise ValidationError(
                {"pots": _("The pot for %(area)s cannot be negative.") % {"area": area.name}}
            )
    total = sum(pots.values())
    if total != programme.total_pot_pence:
        raise ValidationError(
            {
                "pots": _("Area pots add up to %(sum)s but the programme's pot is %(total)s.")
                % {"sum": format_pence(total), "total": format_pence(programme.total_pot_pence)}
            }
        )
    if programme.total_pot_pence != old_total:
        programme.save(update_fields=["total_pot_pence"])
        record_event(
            actor,
            "programme.updated",
            programme,
            {
                "before": {"total_pot_pence": old_total},
                "after": {"total_pot_pence": programme.total_pot_pence},
            },
        )
    programme.area_pots.all().delete()
    created = AreaPot.objects.bulk_create(
        [AreaPot(programme=programme, area=area, amount_pence=amount) for area, amount in pots.items()]
    )
    payload: dict[str, Any] = {area.code: amount for area, amount in pots.items()}
    if split is not None:
        payload["split"] = dict(split)
    record_event(actor, "programme.pots_set", programme, payload)
    return created


@transaction.atomic
def set_phase_dates(
    actor: Any, programme: Programme, kind: str, starts_at: datetime, ends_at: datetime
) -> Phase:
    _check_phase_dates({kind: (starts_at, ends_at)})
    phase, created = Phase.objects.update_or_create(
        programme=programme,
        kind=kind,
        defaults={"starts_at": starts_at, "ends_at": ends_at, "opened_at": None, "closed_at": None},
    )
    record_event(
        actor,
        "programme.phase_dates_set",
        programme,
        {"phase": kind, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "new": created},
    )
    return phase


# Decision Days and online voting are two ways of voting in the same vote: they may run side by side.
PARALLEL_PHASES = frozenset({PhaseKind.DECISION_DAYS, PhaseKind.ONLINE_VOTING})


def _comes_before(earlier: str, later: str) -> bool:
    if earlier in PARALLEL_PHASES and later in PARALLEL_PHASES:
        return False
    return PHASE_ORDER.index(earlier) < PHASE_ORDER.index(later)


@transaction.atomic
def open_phase_now(actor: Any, programme: Programme, kind: str) -> Phase:
    """An officer opens a phase ahead of its dates; any phase open now that comes earlier closes."""
    now = timezone.now()
    phases = list(Phase.objects.select_for_update().filter(programme=programme).order_by("pk"))
    phase = next((candidate for candidate in phases if candidate.kind == kind), None)
    if phase is None:
        raise ValidationError(_("This programme has no %(phase)s phase.") % {"phase": PhaseKind(kind).label})
    allowed, reason = can_open_phase_now(phase, now)
    if not allowed:
        raise ValidationError(reason)
    for earlier in phases:
        if earlier.kind != kind and earlier.is_open_at(now) and _comes_before(earlier.kind, kind):
            earlier.closed_at = now
            earlier.save(update_fields=["closed_at"])
            record_event(
                actor, "programme.phase_closed", programme, {"phase": earlier.kind, "because_opened": kind}
            )
    phase.opened_at = now
    phase.save(update_fields=["opened_at"])
    record_event(actor, "programme.phase_opened", programme, {"phase": kind})
    if kind in PARALLEL_PHASES:
        transaction.on_commit(lambda: announce_voting_opened(phase.pk))
    return phase


@transaction.atomic
def close_phase_now(actor: Any, programme: Programme, kind: str) -> Phase:
    now = timezone.now()
    phase = Phase.objects.select_for_update().filter(programme=programme, kind=kind).first()
    if phase is None:
        raise ValidationError(_("This programme has no %(phase)s phase.") % {"phase": PhaseKind(kind).label})
    allowed, reason = can_close_phase_now(phase, now)
    if not allowed:
        raise ValidationError(reason)
    phase.closed_at = now
    phase.save(update_fields=["closed_at"])
    record_event(actor, "programme.phase_closed", programme, {"phase": kind})
    return phase


@transaction.atomic
def set_phase_timetable(
    actor: Any, programme: Programme, phases: Mapping[str, tuple[datetime, datetime]]
) -> list[Phase]:
    """Set the dates of several phases at once; only phases whose dates change are written (and audited)."""
    _check_phase_dates(phases)
    current = {phase.kind: phase for phase in Phase.objects.select_for_update().filter(programme=programme)}
    changed = []
    for kind in PHASE_ORDER:
        if kind not in phases:
            continue
        starts_at, ends_at = phases[kind]
        existing = current.get(kind)
        if existing is not None and (existing.starts_at, existing.ends_at) == (starts_at, ends_at):
            continue
        changed.append(set_phase_dates(actor, programme, kind, starts_at, ends_at))
    return changed


@transaction.atomic
def set_voting_rules(actor: Any, programme: Programme, **settings: Any) -> VotingRules:
    """Who may vote and on what ballot. Refused once anyone has voted: the rules must not change mid-vote."""
    if programme.participations.exists():
        raise ValidationError(_("People have voted already: the voting rules can no longer change."))
    rules, _created = VotingRules.objects.select_for_update().get_or_create(programme=programme)
    names = {field.name for field in VotingRules._meta.concrete_fields} - {"id", "programme"}
    unknown = set(settings) - names
    if unknown:
        raise ValueError(f"not voting rules: {sorted(unknown)}")
    before = {name: getattr(rules, name) for name in settings}
    for name, value in settings.items():
        setattr(rules, name, value)
    rules.full_clean()
    rules.save()
    record_event(actor, "programme.voting_rules_set", programme, {"before": before, "after": settings})
    return rules
