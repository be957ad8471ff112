"""An area's counted ballots as an election the counting engine takes (money in pence, ids as references)."""

from __future__ import annotations

import hashlib
import json

from youdecide.areas.models import Area
from youdecide.counting import APPROVAL, CHOOSE_ONE, CUMULATIVE, ORDINAL, SCORING, Ballot, Election, Project
from youdecide.programmes.models import BallotKind, Programme
from youdecide.programmes.selectors import pot_for
from youdecide.proposals.models import Proposal
from youdecide.voting.models import BallotItem, BallotStatus
from youdecide.voting.selectors import ballot_proposals, voting_rules_for

VOTE_TYPE = {
    BallotKind.APPROVAL: APPROVAL,
    BallotKind.KNAPSACK: APPROVAL,
    BallotKind.CHOOSE_ONE: CHOOSE_ONE,
    BallotKind.POINTS: CUMULATIVE,
    BallotKind.RANKING: ORDINAL,
    BallotKind.SCORES: SCORING,
}


def area_election(programme: Programme, area: Area, proposals: list[Proposal] | None = None) -> Election:
    """Every counted ballot of the area (online, tablet, paper alike), in a fixed order: projects by
    reference (compared as text, so the file order is the published id-order tie-break), ballots by
    public id."""
    kind = voting_rules_for(programme).ballot_kind
    vote_type = VOTE_TYPE[BallotKind(kind)]
    if proposals is None:
        proposals = ballot_proposals(programme, area)
    proposals = sorted(proposals, key=lambda p: p.reference)
    projects = [Project(id=p.reference, cost=int(p.cost_pence), name=p.title) for p in proposals]
    reference = {p.pk: p.reference for p in proposals}
    choices: dict[str, list[tuple[str, int]]] = {}
    rows = BallotItem.objects.filter(
        ballot__programme=programme, ballot__area=area, ballot__status=BallotStatus.COUNTED
    ).values_list("ballot__public_id", "proposal_id", "value")
    # Unordered in the database (sorting a large area's rows there costs more than here); ordered below
    # in Python, so the order and the fingerprint do not depend on the database's collation.
    for public_id, proposal_id, value in rows.order_by().iterator(chunk_size=10_000):
        ref = reference.get(proposal_id)
        if ref is not None:
            found = choices.get(public_id)
            if found is None:
                choices[public_id] = [(ref, value)]
            else:
                found.append((ref, value))
    ballots = []
    for public_id in sorted(choices):
        items = sorted(choices[public_id])
        if vote_type == ORDINAL:
            ranked = tuple(ref for ref, _rank in sorted(items, key=lambda item: item[1]))
            ballots.append(Ballot(projects=ranked, voter_id=public_id))
        elif vote_type in (CUMULATIVE, SCORING):
            ballots.append(
                Ballot(
                    projects=tuple(r for r, _v in items),
                    points=tuple(v for _r, v in items),
                    voter_id=public_id,
                )
            )
        else:
            ballots.append(Ballot(projects=tuple(r for r, _v in items), voter_id=public_id))
    return Election(
        projects=projects, ballots=ballots, budget=pot_for(programme, area.pk) or 0, vote_type=vote_type
    )


def election_digest(election: Election) -> str:
    """SHA-256 of what was counted: the projects with their costs, the pot and every ballot."""
    canonical = json.dumps(
        [
            election.vote_type,
            election.budget,
            [[p.id, p.cost] for p in election.projects],
            [(b.voter_id, b.projects, b.points or ()) for b in election.ballots],  # tuples: JSON arrays
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def support(election: Election) -> dict[str, int]:
    """Each project's total support: votes, points or scores; for rankings, k points for first of k."""
    return {p.id: total for p, total in zip(election.projects, election.scores(), strict=True)}
