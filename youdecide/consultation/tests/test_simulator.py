"""The budget simulator: a budget is taken only when it finds the savings target, council tax stays
under its cap, and officers' changes to the set-up are in the audit log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.audit.models import AuditEvent
from youdecide.consultation import services
from youdecide.consultation.models import Simulator, SimulatorSubmission
from youdecide.consultation.tests.test_plan_import import csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def simulator(officer: User) -> Simulator:
    """A target of £1,000,000; libraries £4,000,000 and parks £6,000,000; 1% council tax raises £200,000."""
    plan = services.import_plan(
        officer, "p.csv", csv_file(["1", "T", "1", "A", "growth", "S", "", "+0.010", "+0.010", "+0.010"])
    )
    services.publish_plan(officer, plan)
    simulator = services.set_up_simulator(officer, plan, 100_000_000, 20_000_000, 3, is_open=True)
    for name, pounds in (("Libraries", 4_000_000), ("Parks", 6_000_000)):
        services.set_simulator_service(
            officer,
            simulator,
            name,
            pounds * 100,
            "",
            [services.StepText(p, f"{name} at {p}%") for p in (-20, -10, -5, 0, 5, 10)],
        )
    return simulator


def ids(simulator: Simulator) -> tuple[int, int]:
    libraries, parks = simulator.services.order_by("position")
    return libraries.pk, parks.pk


def test_a_budget_short_of_the_target_is_refused(simulator: Simulator) -> None:
    libraries, parks = ids(simulator)
    # -10% of £4m = £400,000, -5% of £6m = £300,000, 1% tax = £200,000: £900,000 found
    with pytest.raises(ValidationError) as refused:
        services.submit_simulation(simulator, {libraries: -10, parks: -5}, 1)
    assert refused.value.messages == [
        "Your budget does not balance yet: find another £100,000 to reach the savings of £1,000,000."
    ]
    assert not SimulatorSubmission.objects.exists()


def test_a_budget_exactly_at_the_target_is_taken(simulator: Simulator) -> None:
    libraries, parks = ids(simulator)
    # £400,000 + £600,000 (-10% of £6m) + no tax rise = £1,000,000 exactly
    submission = services.submit_simulation(simulator, {libraries: -10, parks: -10}, 0)
    assert submission.savings_pence == 100_000_000
    assert sorted(submission.choices.values_list("percent", flat=True)) == [-10, -10]


def test_council_tax_cannot_rise_above_its_cap_nor_a_step_be_made_up(simulator: Simulator) -> None:
    libraries, parks = ids(simulator)
    with pytest.raises(ValidationError) as refused:
        services.submit_simulation(simulator, {libraries: -7, parks: 0}, 4)
    assert refused.value.messages == [
        "Libraries: choose one of its steps.",
        "Council tax can rise by at most 3% without a local referendum.",
    ]


def test_the_page_refuses_then_takes_a_budget(simulator: Simulator, client: Client) -> None:
    libraries, parks = ids(simulator)
    url = f"/consultation/{simulator.plan.slug}/simulator/"
    page = client.get(url).content.decode()
    assert "Savings found: £0 of the £1,000,000 needed." in page
    assert "Libraries at -20%" in page and "-£800,000" in page
    checked = client.post(
        url, {f"service_{libraries}": "-10", f"service_{parks}": "-5", "tax": "1", "action": "check"}
    )
    assert "Still to find: £100,000." in checked.content.decode()
    short = client.post(
        url, {f"service_{libraries}": "-10", f"service_{parks}": "-5", "tax": "1", "action": "submit"}
    )
    assert "find another £100,000" in short.content.decode()
    assert not SimulatorSubmission.objects.exists()
    taken = client.post(
        url, {f"service_{libraries}": "-10", f"service_{parks}": "-5", "tax": "2", "action": "submit"}
    )
    assert taken.status_code == 302
    assert SimulatorSubmission.objects.get().savings_pence == 110_000_000


def test_a_closed_simulator_takes_nothing(simulator: Simulator, officer: User, client: Client) -> None:
    services.set_up_simulator(officer, simulator.plan, 100_000_000, 20_000_000, 3, is_open=False)
    simulator.refresh_from_db()
    libraries, parks = ids(simulator)
    with pytest.raises(ValidationError):
        services.submit_simulation(simulator, {libraries: -20, parks: -20}, 0)
    assert client.get(f"/consultation/{simulator.plan.slug}/simulator/").status_code == 404


def test_set_up_changes_are_audited_and_only_officers_make_them(simulator: Simulator, officer: User) -> None:
    services.set_up_simulator(officer, simulator.plan, 120_000_000, 20_000_000, 2, is_open=True)
    changed = AuditEvent.objects.filter(action="consultation.simulator_changed").get()
    assert changed.data["before"]["savings_target_pence"] == 100_000_000
    assert changed.data["after"]["tax_cap_percent"] == 2
    assert AuditEvent.objects.filter(action="consultation.simulator_service_added").count() == 2
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    with pytest.raises(PermissionDenied):
        services.set_up_simulator(resident, simulator.plan, 0, 0, 0, is_open=True)


def test_a_budget_in_whole_pounds_with_a_step_of_nought(simulator: Simulator, officer: User) -> None:
    with pytest.raises(ValidationError):
        services.set_simulator_service(officer, simulator, "Odd", 150, "", [services.StepText(0, "same")])
    with pytest.raises(ValidationError):
        services.set_simulator_service(officer, simulator, "Odd", 100, "", [services.StepText(-5, "less")])
    assert not simulator.services.filter(name="Odd").exists()


def test_an_officer_changes_the_settings_on_the_plans_page(
    simulator: Simulator, officer: User, client: Client
) -> None:
    client.force_login(officer)
    url = f"/office/consultation/{simulator.plan.slug}/"
    bad = client.post(url, {"action": "simulator", "savings_target": "lots", "tax_one_percent": "200,000",
                            "tax_cap_percent": "3"})  # fmt: skip
    assert "Enter an amount in pounds, such as 10,000,000." in bad.content.decode()
    page = client.post(
        url,
        {
            "action": "simulator",
            "savings_target": "1,500,000",
            "tax_one_percent": "200,000",
            "tax_cap_percent": "2",
        },
        follow=True,
    )
    assert "The simulator&#x27;s settings are saved." in page.content.decode()
    simulator.refresh_from_db()
    assert (simulator.savings_target_pence, simulator.tax_cap_percent, simulator.is_open) == (
        150_000_000,
        2,
        False,
    )
    event = AuditEvent.objects.filter(action="consultation.simulator_changed").get()
    assert event.data["after"]["is_open"] is False
