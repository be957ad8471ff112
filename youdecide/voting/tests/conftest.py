"""A programme area ready for voting: online voting and Decision Days open, four eligible projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from tests import factories
from youdecide.areas.models import Area
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.models import PhaseKind, Programme, VotingRules
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.voting.identity import VoterDetails


@dataclass
class Box:
    programme: Programme
    area: Area
    other_area: Area
    rules: VotingRules
    proposals: list[Proposal]
    group: CommunityGroup
    details: VoterDetails = field(
        default_factory=lambda: VoterDetails("Siân Roberts", date(1980, 5, 17), "CW1 2BJ", "lives")
    )

    def ids(self) -> list[int]:
        return [p.pk for p in self.proposals]

    def scores(self, *values: int) -> dict[int, int]:
        return dict(zip(self.ids(), values, strict=True))


def make_box(**rules: object) -> Box:
    programme = factories.ProgrammeFactory.create(name="You Decide — public health")
    area = factories.AreaFactory.create(name="Crewe")
    other_area = factories.AreaFactory.create(name="Macclesfield")
    factories.pot(programme, area, 1_000_000)
    factories.pot(programme, other_area, 1_000_000)
    factories.open_phase(programme, PhaseKind.ONLINE_VOTING)
    factories.open_phase(programme, PhaseKind.DECISION_DAYS)
    voting_rules = VotingRules.objects.create(programme=programme, **rules)
    group = factories.CommunityGroupFactory.create(name="Crewe Allotment Society")
    costs = [250_000, 400_000, 300_000, 150_000]
    titles = ["Community allotment", "Walking football", "Cookery for families", "Men's shed tools"]
    proposals = [
        factories.ProposalFactory.create(
            programme=programme,
            area=area,
            group=group if i == 0 else factories.CommunityGroupFactory.create(),
            title=title,
            cost_pence=cost,
            status=ProposalStatus.ELIGIBLE,
            reference=f"YD-V{programme.pk:03d}{i}",
        )
        for i, (title, cost) in enumerate(zip(titles, costs, strict=True))
    ]
    return Box(programme, area, other_area, voting_rules, proposals, group)


@pytest.fixture
def box(db: None) -> Box:
    return make_box()
