"""Counting an area's ballots and confirming the count. Each leaves an audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.counting import RuleError, count
from youdecide.money import format_pence
from youdecide.programmes.models import Programme
from youdecide.results.ballots import area_election, election_digest, support
from youdecide.results.models import CountRun
from youdecide.voting.selectors import voting_rules_for


def run_count(actor: Any, programme: Programme, area: Area) -> CountRun:
    """Count the area's ballots with the programme's rule; ties broken by proposal reference (published)."""
    rule = voting_rules_for(programme).counting_rule
    election = area_election(programme, area)
    if not election.ballots:
        raise ValidationError(_("There are no ballots to count in %(area)s yet.") % {"area": area.name})
    try:
        outcome = count(election, rule=rule, tie_break="id-order", money=format_pence)
    except RuleError as error:
        raise ValidationError(str(error)) from None
    with transaction.atomic():
        run = CountRun.objects.create(
            programme=programme,
            area=area,
            rule=rule,
            ballots=len(election.ballots),
            inputs_digest=election_digest(election),
            budget_pence=election.budget,
            spent_pence=outcome.spent,
            selected=list(outcome.selected),
            scores=support(election),
            explanations=dict(outcome.explanations),
            ties=[str(tie) for tie in outcome.ties],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_event(
            actor,
            "results.counted",
            run,
            {"area": area.code, "rule": rule, "ballots": run.ballots, "inputs": run.inputs_digest},
        )
    return run


def confirm_count(actor: Any, run: CountRun) -> CountRun:
    with transaction.atomic():
        run = CountRun.objects.select_for_update().get(pk=run.pk)
        if run.confirmed_at is None:
            run.confirmed_at = timezone.now()
            run.confirmed_by = actor
            run.save(update_fields=["confirmed_at", "confirmed_by"])
            record_event(actor, "results.confirmed", run, {"area": run.area.code, "selected": run.selected})
    return run


def publish_count(actor: Any, run: CountRun, reason: str = "") -> CountRun:
    """A second officer (not the one who ran the count) publishes it. A published count is never edited:
    a newer one replaces it, with the reason recorded on the old one."""
    with transaction.atomic():
        run = CountRun.objects.select_for_update().select_related("area").get(pk=run.pk)
        if run.published_at is not None:
            raise ValidationError(_("This count is published already."))
        if run.created_by_id is not None and run.created_by_id == getattr(actor, "pk", None):
            raise ValidationError(_("Another officer must check and publish a count: you ran this one."))
        if run.inputs_digest != election_digest(area_election(run.programme, run.area)):
            raise ValidationError(_("Ballots have changed since this count: count again before publishing."))
        earlier = (
            CountRun.objects.select_for_update()
            .filter(
                programme=run.programme, area=run.area, published_at__isnull=False, superseded_by__isnull=True
            )
            .first()
        )
        if earlier is not None and not reason.strip():
            raise ValidationError(
                {"reason": _("A result is published already: say why this count replaces it.")}
            )
        run.published_at, run.published_by = timezone.now(), actor
        if run.confirmed_at is None:
            run.confirmed_at, run.confirmed_by = run.published_at, actor
        run.save()
        if earlier is not None:
            earlier.superseded_by, earlier.supersede_reason = run, reason.strip()
            earlier.save(update_fields=["superseded_by", "supersede_reason"])
        record_event(
            actor,
            "results.published",
            run,
            {"area": run.area.code, "supersedes": earlier.pk if earlier else None, "reason": reason.strip()},
        )
    return run
