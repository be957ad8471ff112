"""Commissioners' insight: needs by area and outcome, unmet outcomes, groups by readiness and track record
and assets by area, each figure recomputed here from the data the test built; the CSV export parsed; and
who may read it."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.accounts.models import Role
from youdecide.delivery.models import GrantStatus
from youdecide.groups.models import AssetCategory, AssetStatus, GovernanceCheck, GovernanceStatus
from youdecide.proposals.models import ProposalStatus
from youdecide.web.tests.neighbourhood_data import asset, award, text_of

pytestmark = pytest.mark.django_db


def csv_rows(client: Client, table: str) -> list[dict[str, str]]:
    response = client.get(f"/insight.csv?table={table}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def gbp(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


@pytest.fixture
def needs(setting: Setting) -> dict[str, object]:
    """Proposals in two areas aimed at two outcomes; grants for some, one cancelled."""
    food = factories.OutcomeFactory.create(slug="healthy-eating", name="Healthy eating")
    active = setting.outcome
    crewe, macc = setting.area, setting.other_area
    second_group = factories.CommunityGroupFactory.create(name="Macclesfield Community Kitchen", area=macc)
    specs = [
        # (area, outcomes, status, cost, grant pence or None, grant status)
        (crewe, [active], ProposalStatus.ELIGIBLE, 600_000, 550_000, GrantStatus.ACCEPTED),
        (crewe, [active, food], ProposalStatus.ELIGIBLE, 300_001, 300_001, GrantStatus.COMPLETED),
        (crewe, [food], ProposalStatus.INELIGIBLE, 120_050, None, None),
        (crewe, [food], ProposalStatus.DRAFT, 999_999, None, None),  # not sent: no need raised
        (macc, [food], ProposalStatus.ELIGIBLE, 450_000, 450_000, GrantStatus.CANCELLED),
        (macc, [food], ProposalStatus.SUBMITTED, 80_000, None, None),
        (macc, [active], ProposalStatus.WITHDRAWN, 70_000, None, None),  # withdrawn: not counted
    ]
    built = []
    for n, (area, outcomes, status, cost, grant, grant_status) in enumerate(specs):
        group = setting.group if area == crewe else second_group
        proposal = factories.ProposalFactory.create(
            programme=setting.programme, area=area, group=group, status=status, cost_pence=cost,
            title=f"Project {n}", submitted_at=None if status == ProposalStatus.DRAFT else timezone.now(),
            ineligible_reason="Outside the outcomes" if status == ProposalStatus.INELIGIBLE else "",
        )  # fmt: skip
        proposal.outcomes.set(outcomes)
        if grant is not None and grant_status is not None:
            award(proposal, grant, setting.officer, status=grant_status)
        built.append((area, outcomes, status, cost, grant, grant_status))
    return {"specs": built, "food": food}


def expected_needs(specs: list[tuple]) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    """(area, outcome) -> (proposals, asked, funded, funded money), recomputed from the specs."""
    raised = {ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE, ProposalStatus.INELIGIBLE}
    result: dict[tuple[str, str], tuple[int, int, int, int]] = {}
    for area, outcomes, status, cost, grant, grant_status in specs:
        if status not in raised:
            continue
        counts = grant is not None and grant_status != GrantStatus.CANCELLED
        for outcome in outcomes:
            p, asked, f, money = result.get((area.name, outcome.name), (0, 0, 0, 0))
            result[(area.name, outcome.name)] = (
                p + 1,
                asked + cost,
                f + counts,
                money + (grant if counts else 0),
            )
    return result


def test_needs_by_area_and_outcome_are_recomputed_in_the_csv(
    client: Client, setting: Setting, needs: dict[str, object]
) -> None:
    client.force_login(factories.UserFactory.create(role=Role.COMMISSIONER))
    expected = expected_needs(needs["specs"])  # type: ignore[arg-type]
    pots = {setting.area.name: 3_000_000, setting.other_area.name: 2_000_000}

    rows = csv_rows(client, "needs")

    got = {
        (row["area"], row["outcome"]): (
            int(row["proposals"]),
            row["asked_gbp"],
            int(row["funded"]),
            row["funded_gbp"],
        )
        for row in rows
    }
    assert got == {key: (p, gbp(a), f, gbp(m)) for key, (p, a, f, m) in expected.items()}
    assert {row["area"]: row["area_pots_gbp"] for row in rows} == {k: gbp(v) for k, v in pots.items()}
    unmet = {(row["area"], row["outcome"]) for row in rows if row["unmet"] == "yes"}
    assert unmet == {key for key, (p, _, f, _) in expected.items() if p and not f}
    assert unmet == {("Macclesfield", "Healthy eating")}


def test_the_insight_page_shows_the_same_figures_and_the_unmet_outcomes(
    client: Client, setting: Setting, needs: dict[str, object]
) -> None:
    client.force_login(setting.officer)
    page = text_of(client, "/insight/")
    # Crewe, more physical activity: two proposals, £9,000.01 asked, both funded with £8,500.01.
    assert "£9,000.01" in page and "£8,500.01" in page
    assert "Healthy eating in Macclesfield: 2 proposals, none funded" in page
    assert "Healthy eating in Crewe" not in page.split("Outcomes unmet")[1].split("Community groups by")[0]


def test_groups_by_readiness_and_track_record(
    client: Client, setting: Setting, needs: dict[str, object]
) -> None:
    GovernanceCheck.objects.filter(group=setting.group).update(status=GovernanceStatus.VERIFIED)
    client.force_login(setting.officer)

    rows = {row["group"]: row for row in csv_rows(client, "groups")}

    crewe = rows[setting.group.name]
    assert (crewe["ready_to_apply"], crewe["items_missing"]) == ("yes", "0")
    # Crewe's group: three proposals sent (draft left out), two funded, £8,500.01 awarded, one completed.
    assert (crewe["proposals_submitted"], crewe["proposals_funded"]) == ("3", "2")
    assert (crewe["awarded_gbp"], crewe["grants_completed"]) == ("8500.01", "1")
    macc = rows["Macclesfield Community Kitchen"]
    items = GovernanceCheck.objects.filter(group__name="Macclesfield Community Kitchen").count()
    assert (macc["ready_to_apply"], macc["items_missing"]) == ("no", str(items))
    # A cancelled grant is no track record; the withdrawn proposal was still sent.
    assert (macc["proposals_submitted"], macc["proposals_funded"], macc["awarded_gbp"]) == ("3", "0", "0.00")
    assert next(iter(rows)) == setting.group.name  # ready groups first


def test_assets_by_area_count_only_those_on_the_map(client: Client, setting: Setting) -> None:
    made = [
        (setting.area, AssetCategory.VENUE, AssetStatus.APPROVED),
        (setting.area, AssetCategory.VENUE, AssetStatus.APPROVED),
        (setting.area, AssetCategory.SKILL, AssetStatus.APPROVED),
        (setting.area, AssetCategory.SERVICE, AssetStatus.PENDING),
        (setting.other_area, AssetCategory.ORGANISATION, AssetStatus.APPROVED),
        (setting.other_area, AssetCategory.VENUE, AssetStatus.REJECTED),
    ]
    for n, (area, category, status) in enumerate(made):
        asset(f"Asset {n}", area, category, status=status)
    client.force_login(factories.UserFactory.create(role=Role.ADMINISTRATOR))

    rows = {row["area"]: row for row in csv_rows(client, "assets")}

    for area in (setting.area, setting.other_area):
        counted: Counter[str] = Counter(str(c) for a, c, s in made if a == area and s == AssetStatus.APPROVED)
        assert rows[area.name]["assets"] == str(sum(counted.values()))
        for value in AssetCategory.values:
            assert rows[area.name][value] == str(counted[value])


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.GROUP_MEMBER, Role.COUNCILLOR])
def test_others_are_refused_the_page_and_the_csv(client: Client, db: None, role: str) -> None:
    client.force_login(factories.UserFactory.create(role=role))
    assert client.get("/insight/").status_code == 403
    assert client.get("/insight.csv").status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client: Client, db: None) -> None:
    assert client.get("/insight/").status_code == 302
    assert client.get("/insight.csv").status_code == 302
