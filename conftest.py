"""Shared fixtures: a published programme with one area, its pot, an open proposals phase and a group."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.areas.models import Area
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.models import Outcome, Programme


@dataclass
class Setting:
    programme: Programme
    area: Area
    other_area: Area
    outcome: Outcome
    group: CommunityGroup
    lead: User
    officer: User


@pytest.fixture
def setting(db: None) -> Setting:
    programme = factories.ProgrammeFactory(total_pot_pence=5_000_000, grant_cap_pence=1_000_000)
    area = factories.AreaFactory(name="Crewe")
    other_area = factories.AreaFactory(name="Macclesfield")
    factories.pot(programme, area, 3_000_000)
    factories.pot(programme, other_area, 2_000_000)
    factories.open_phase(programme)
    outcome = factories.OutcomeFactory(slug="more-physical-activity", name="More physical activity")
    programme.outcomes.add(outcome)
    group = factories.CommunityGroupFactory()
    lead = factories.member(group, role="lead")
    officer = factories.UserFactory(role=Role.OFFICER, username="officer@cheshireeast.example")
    return Setting(programme, area, other_area, outcome, group, lead, officer)
