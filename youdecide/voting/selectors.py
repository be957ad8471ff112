"""Reads for voting: the rules, the ballot a voter sees, a ballot found by its receipt."""

from __future__ import annotations

from django.db.models import Prefetch

from youdecide.areas.models import Area
from youdecide.programmes.models import ConflictPolicy, Programme, VotingRules
from youdecide.programmes.selectors import pot_for
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.proposals.selectors import AREA_LARGE_FIELDS
from youdecide.voting import tokens
from youdecide.voting.ballot_rules import BallotProject, BallotSpec
from youdecide.voting.identity import Voter
from youdecide.voting.models import Ballot, BallotItem, BallotStatus, Channel, Participation, VotingCode


def voting_rules_for(programme: Programme) -> VotingRules:
    """The programme's voting rules, or the defaults when an officer has not set any."""
    try:
        return programme.voting_rules
    except VotingRules.DoesNotExist:
        return VotingRules(programme=programme)


def ballot_spec(programme: Programme, area: Area) -> BallotSpec:
    rules = voting_rules_for(programme)
    return BallotSpec(
        kind=rules.ballot_kind,
        pot_pence=pot_for(programme, area.pk) or 0,
        min_picks=rules.min_picks,
        max_picks=rules.max_picks,
        min_share_spent_percent=rules.min_share_spent_percent,
        points_total=rules.points_total,
        ranking_max=rules.ranking_max,
        score_min=rules.score_min,
        score_max=rules.score_max,
        score_every_project=rules.score_every_project,
    )


def ballot_proposals(programme: Programme, area: Area) -> list[Proposal]:
    """The eligible proposals of an area, in the order they appear on the ballot."""
    return list(
        Proposal.objects.filter(programme=programme, area=area, status=ProposalStatus.ELIGIBLE)
        .select_related("group")
        .order_by("reference")
    )


def projects_for(
    programme: Programme,
    area: Area,
    member_of: frozenset[int],
    proposals: list[Proposal] | None = None,
) -> dict[int, BallotProject]:
    """The projects this voter scores: their own group's are left out when the programme says so.
    `proposals`: the area's ballot proposals when the caller has just read them."""
    leave_out = voting_rules_for(programme).conflict_policy == ConflictPolicy.LEAVE_OUT_OWN
    return {
        p.pk: BallotProject(p.pk, p.title, p.cost_pence)
        for p in (ballot_proposals(programme, area) if proposals is None else proposals)
        if not (leave_out and p.group_id in member_of)
    }


def left_out_proposals(
    programme: Programme,
    area: Area,
    member_of: frozenset[int],
    proposals: list[Proposal] | None = None,
) -> list[Proposal]:
    if voting_rules_for(programme).conflict_policy != ConflictPolicy.LEAVE_OUT_OWN or not member_of:
        return []
    read = ballot_proposals(programme, area) if proposals is None else proposals
    return [p for p in read if p.group_id in member_of]


def area_contains(area: Area, ward: Area) -> bool:
    """Whether a ward is the area itself or lies inside it (up to two levels down)."""
    parent = ward.parent
    return ward.pk == area.pk or (
        parent is not None and (parent.pk == area.pk or parent.parent_id == area.pk)
    )


def ballot_for_receipt(receipt_text: str) -> Ballot | None:
    """The ballot a receipt belongs to, with its choices; None for a receipt that matches none."""
    receipt = tokens.normalise(receipt_text, tokens.RECEIPT_LENGTH)
    if receipt is None:
        return None
    items = BallotItem.objects.select_related("proposal").order_by("proposal__reference")
    return (
        Ballot.objects.select_related("programme", "area")
        .prefetch_related(Prefetch("items", queryset=items))
        .filter(public_id=tokens.public_id_for(receipt))
        .first()
    )


def current_vote(voter: Voter) -> tuple[dict[int, int], int] | None:
    """An online voter's counted choices and how many times they have changed them, while voting is open."""
    participation = Participation.objects.filter(
        programme_id=voter.programme_id, area_id=voter.area_id, person_key=voter.person_key
    ).first()
    if participation is None or participation.channel != Channel.ONLINE or not participation.envelope:
        return None
    ballot = Ballot.objects.filter(
        envelope_tag=tokens.keyed_digest("envelope", participation.envelope), status=BallotStatus.COUNTED
    ).first()
    if ballot is None:
        return None
    choices = dict(ballot.items.values_list("proposal_id", "value"))
    return choices, participation.changes


def code_for(programme: Programme, code_text: str) -> VotingCode | None:
    """The card a typed code belongs to in this programme, with its batch's area; None if none."""
    code = tokens.normalise(code_text, tokens.CODE_LENGTH)
    if code is None:
        return None
    digest = tokens.code_digest(code)
    return (
        VotingCode.objects.select_related("batch__area")
        .defer(*(f"batch__area__{name}" for name in AREA_LARGE_FIELDS))
        .filter(batch__programme=programme, digest=digest)
        .first()
    )
