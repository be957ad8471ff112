"""Counting an area's ballots, confirming and publishing the count. Each leaves an audit event.

A count keeps exactly what it counted (the projects as they were, the anonymised ballots, the pot, the rule
and its tie-break, as the pabulib file that is published), so nothing done after it changes its result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.accounts.notifications import notify_results_published
from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.counting import RuleError, count
from youdecide.money import format_pence
from youdecide.programmes.models import BallotKind, Programme
from youdecide.results.ballots import VOTE_TYPE, area_election, election_digest, support
from youdecide.results.models import CountRun
from youdecide.results.open_data import keep_pabulib_file, pabulib_file
from youdecide.results.rules import can_publish
from youdecide.voting.errors import VotingRefused
from youdecide.voting.selectors import ballot_proposals, voting_rules_for
from youdecide.voting.services import seal_ballots

#: Ties are broken by proposal reference, compared as text (published on every result page).
TIE_BREAK = "id-order"


def run_count(actor: Any, programme: Programme, area: Area, now: datetime | None = None) -> CountRun:
    """Count the area's ballots with the programme's rule; ties broken by proposal reference (published).
    ``now``, here and in confirming and publishing: when, for a count recorded after the fact.

    Allowed while voting is open (a Decision Day counts its area when it closes): such a count is
    provisional and cannot be published until voting has closed.
    """
    rules = voting_rules_for(programme)
    proposals = ballot_proposals(programme, area)
    election = area_election(programme, area, proposals)
    if not election.ballots:
        raise ValidationError(_("There are no ballots to count in %(area)s yet.") % {"area": area.name})
    options = {
        "partial": False,
        "ballot_kind": rules.ballot_kind,
        "vote_type": VOTE_TYPE[BallotKind(rules.ballot_kind)],
    }
    try:
        outcome = count(
            election, rule=rules.counting_rule, tie_break=TIE_BREAK, partial=False, money=format_pence
        )
    except RuleError as error:
        raise ValidationError(str(error)) from None
    groups = {p.reference: p.group.name for p in proposals}
    with transaction.atomic():
        run = CountRun.objects.create(
            programme=programme,
            area=area,
            rule=rules.counting_rule,
            tie_break=TIE_BREAK,
            options=options,
            ballots=len(election.ballots),
            inputs_digest=election_digest(election),
            budget_pence=election.budget,
            spent_pence=outcome.spent,
            selected=list(outcome.selected),
            scores=support(election),
            explanations=dict(outcome.explanations),
            ties=[str(tie) for tie in outcome.ties],
            projects=[
                {"reference": p.id, "title": p.name, "group": groups[p.id], "cost_pence": p.cost}
                for p in election.projects
            ],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=now or timezone.now(),
        )
        keep_pabulib_file(run, pabulib_file(run, election, outcome))
        run.save(update_fields=["snapshot", "snapshot_sha256"])
        record_event(
            actor,
            "results.counted",
            run,
            {
                "area": area.code,
                "rule": run.rule,
                "tie_break": run.tie_break,
                "ballots": run.ballots,
                "inputs": run.inputs_digest,
                "file_sha256": run.snapshot_sha256,
            },
        )
    return run


def confirm_count(actor: Any, run: CountRun, now: datetime | None = None) -> CountRun:
    with transaction.atomic():
        run = CountRun.objects.select_for_update().get(pk=run.pk)
        if run.confirmed_at is None:
            run.confirmed_at = now or timezone.now()
            run.confirmed_by = actor
            run.save(update_fields=["confirmed_at", "confirmed_by"])
            record_event(actor, "results.confirmed", run, {"area": run.area.code, "selected": run.selected})
    return run


def publish_count(actor: Any, run: CountRun, reason: str = "", now: datetime | None = None) -> CountRun:
    """A second officer (not the one who ran the count) publishes it, once voting has closed and only if
    the ballots are still those counted. Publishing seals the programme's ballots, so nothing published
    can be joined to a voter. A published count is never edited: a newer one replaces it, with the reason
    recorded on the old one."""
    with transaction.atomic():
        run = CountRun.objects.select_for_update().select_related("area", "programme").get(pk=run.pk)
        allowed, why = can_publish(run, now)
        if not allowed:
            raise ValidationError(why)
        if run.created_by_id is not None and run.created_by_id == getattr(actor, "pk", None):
            raise ValidationError(_("Another officer must check and publish a count: you ran this one."))
        if run.inputs_digest != election_digest(area_election(run.programme, run.area)):
            raise ValidationError(
                _(
                    "Ballots, projects or the pot have changed since this count: count again before "
                    "publishing."
                )
            )
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
        try:
            seal_ballots(actor, run.programme, now)
        except VotingRefused as refused:
            raise ValidationError(" ".join(refused.messages)) from None
        run.published_at, run.published_by = now or timezone.now(), actor
        if run.confirmed_at is None:
            run.confirmed_at, run.confirmed_by = run.published_at, actor
        run.save(update_fields=["published_at", "published_by", "confirmed_at", "confirmed_by"])
        if earlier is not None:
            earlier.superseded_by, earlier.supersede_reason = run, reason.strip()
            earlier.save(update_fields=["superseded_by", "supersede_reason"])
        record_event(
            actor,
            "results.published",
            run,
            {
                "area": run.area.code,
                "inputs": run.inputs_digest,
                "file_sha256": run.snapshot_sha256,
                "supersedes": earlier.pk if earlier else None,
                "supersedes_inputs": earlier.inputs_digest if earlier else None,
                "reason": reason.strip(),
            },
        )
        transaction.on_commit(lambda: notify_results_published(run.pk))
    return run
