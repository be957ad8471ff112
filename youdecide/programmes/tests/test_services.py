"""The programme services on their own: set-up, pots, phase dates, opening and closing phases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.programmes import rules, services
from youdecide.programmes.models import AreaPot, Outcome, Phase, PhaseKind, Programme
from youdecide.programmes.selectors import current_phase


def test_standard_outcomes_are_created_once(db) -> None:
    first = services.ensure_standard_outcomes()
    second = services.ensure_standard_outcomes()
    assert len(first) == len(second) == Outcome.objects.count() == 11


def test_create_programme_checks_money_slug_and_dates(db) -> None:
    officer = factories.UserFactory.create(role="officer")
    now = timezone.now()
    base: dict[str, Any] = {"name": "P", "slug": "p", "funding_source": "Grant", "total_pot_pence": 100_000}
    with pytest.raises(ValidationError, match="more than £0"):
        services.create_programme(officer, **{**base, "total_pot_pence": 0})
    with pytest.raises(ValidationError, match="within the pot"):
        services.create_programme(officer, **base, grant_cap_pence=100_001)
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.create_programme(officer, **base, phases={"proposals": (now, now)})
    with pytest.raises(ValidationError, match="kept for the site"):
        services.create_programme(officer, **{**base, "slug": "new"})
    programme = services.create_programme(
        officer, **base, phases={"proposals": (now, now + timedelta(days=1))}
    )
    assert programme.phases.count() == 1
    with pytest.raises(ValidationError, match="already uses the address"):
        services.create_programme(officer, **base)
    assert Programme.objects.count() == 1


def test_area_pots_must_add_up_to_the_total(setting) -> None:
    with pytest.raises(ValidationError, match=r"add up to £49,999\.99"):
        services.set_area_pots(setting.officer, setting.programme, {setting.area: 4_999_999})
    with pytest.raises(ValidationError, match="cannot be negative"):
        services.set_area_pots(
            setting.officer, setting.programme, {setting.area: -1, setting.other_area: 5_000_001}
        )
    assert AreaPot.objects.count() == 2
    services.set_area_pots(setting.officer, setting.programme, {setting.area: 5_000_000})
    assert list(AreaPot.objects.values_list("area__name", "amount_pence")) == [("Crewe", 5_000_000)]


def test_area_pots_and_a_new_total_change_together(setting) -> None:
    services.set_area_pots(
        setting.officer,
        setting.programme,
        {setting.area: 4_000_000, setting.other_area: 3_000_000},
        total_pot_pence=7_000_000,
    )
    setting.programme.refresh_from_db()
    assert setting.programme.total_pot_pence == 7_000_000
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "programme.updated",
        "programme.pots_set",
    ]
    with pytest.raises(ValidationError, match="smaller than the largest grant"):
        services.set_area_pots(
            setting.officer, setting.programme, {setting.area: 500_000}, total_pot_pence=500_000
        )


def test_update_programme_refuses_a_total_that_no_longer_matches_the_pots(setting) -> None:
    with pytest.raises(ValidationError, match="add up to £50,000"):
        services.update_programme(setting.officer, setting.programme, total_pot_pence=6_000_000)
    with pytest.raises(ValueError, match="not editable"):
        services.update_programme(setting.officer, setting.programme, slug="other")
    services.update_programme(setting.officer, setting.programme, name="Renamed", is_published=False)
    setting.programme.refresh_from_db()
    assert setting.programme.name == "Renamed"
    assert AuditEvent.objects.get(action="programme.updated").data["before"]["name"].startswith("You Decide")


def test_close_now_then_new_dates_reopen_the_phase(setting) -> None:
    now = timezone.now()
    services.close_phase_now(setting.officer, setting.programme, PhaseKind.PROPOSALS)
    assert current_phase(setting.programme) is None
    phase = Phase.objects.get(programme=setting.programme, kind=PhaseKind.PROPOSALS)
    assert rules.can_open_phase_now(phase)[0] is False
    services.set_phase_dates(
        setting.officer,
        setting.programme,
        PhaseKind.PROPOSALS,
        now - timedelta(days=1),
        now + timedelta(days=5),
    )
    phase.refresh_from_db()
    assert phase.closed_at is None
    assert phase.is_open_at(timezone.now())


def test_open_now_closes_earlier_phases_but_voting_channels_run_side_by_side(setting) -> None:
    now = timezone.now()
    for kind, days in [(PhaseKind.DECISION_DAYS, 40), (PhaseKind.ONLINE_VOTING, 45)]:
        Phase.objects.create(
            programme=setting.programme,
            kind=kind,
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days + 10),
        )
    services.open_phase_now(setting.officer, setting.programme, PhaseKind.DECISION_DAYS)
    services.open_phase_now(setting.officer, setting.programme, PhaseKind.ONLINE_VOTING)
    phases = {phase.kind: phase for phase in setting.programme.phases.all()}
    moment = timezone.now()
    assert not phases[PhaseKind.PROPOSALS].is_open_at(moment)
    assert phases[PhaseKind.DECISION_DAYS].is_open_at(moment)
    assert phases[PhaseKind.ONLINE_VOTING].is_open_at(moment)
    with pytest.raises(ValidationError, match="already open"):
        services.open_phase_now(setting.officer, setting.programme, PhaseKind.ONLINE_VOTING)
    with pytest.raises(ValidationError, match="has no Results phase"):
        services.open_phase_now(setting.officer, setting.programme, PhaseKind.RESULTS)


def test_the_timetable_writes_only_changed_phases(setting) -> None:
    phase = Phase.objects.get(programme=setting.programme, kind=PhaseKind.PROPOSALS)
    later = phase.ends_at + timedelta(days=30)
    changed = services.set_phase_timetable(
        setting.officer,
        setting.programme,
        {
            PhaseKind.PROPOSALS: (phase.starts_at, phase.ends_at),
            PhaseKind.RESULTS: (later, later + timedelta(days=7)),
        },
    )
    assert [item.kind for item in changed] == [PhaseKind.RESULTS]
    assert AuditEvent.objects.filter(action="programme.phase_dates_set").count() == 1
