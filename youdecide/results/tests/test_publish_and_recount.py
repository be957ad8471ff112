"""Ballots in the database → count → publish → export → an independent recount gives the same result."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from youdecide.accounts.models import Role
from youdecide.counting import check_pabulib, count, read_pabulib
from youdecide.programmes.models import BallotKind
from youdecide.results.open_data import ballots_csv, pabulib_text, results_csv, results_json, safe_cell
from youdecide.results.selectors import published_count
from youdecide.results.services import publish_count, run_count
from youdecide.voting import services
from youdecide.voting.identity import VoterDetails
from youdecide.voting.tests.conftest import Box, make_box

KINDS: dict[str, Any] = {
    BallotKind.APPROVAL: lambda rng, ids: dict.fromkeys(rng.sample(ids, rng.randint(1, len(ids))), 1),
    BallotKind.KNAPSACK: lambda rng, ids: dict.fromkeys(rng.sample(ids, rng.randint(1, len(ids) - 1)), 1),
    BallotKind.CHOOSE_ONE: lambda rng, ids: {rng.choice(ids): 1},
    BallotKind.POINTS: lambda rng, ids: {
        i: p for i, p in zip(ids, _split(rng, 10, len(ids)), strict=True) if p
    },
    BallotKind.RANKING: lambda rng, ids: {i: r for r, i in enumerate(rng.sample(ids, len(ids)), start=1)},
    BallotKind.SCORES: lambda rng, ids: {i: rng.randint(1, 5) for i in ids},
}


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def vote(box: Box, kind: str, voters: int, seed: int) -> None:
    rng = random.Random(seed)
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, voters, "cards")
    for n, code in enumerate(codes):
        details = VoterDetails(
            f"Voter {seed} {n}", date(1950 + n % 50, 1 + n % 12, 1 + n % 28), "CW1 2BJ", "lives"
        )
        voter = services.admit_with_code(box.programme, code, details)
        services.cast_ballot(voter, KINDS[kind](rng, box.ids()), idempotency_key=f"{seed}-{n}")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("rule", ["greedy", "equalshares/add1", "max-welfare"])
def test_each_kind_and_rule_through_the_whole_path(kind: str, rule: str) -> None:
    box = make_box(ballot_kind=kind, counting_rule=rule, max_picks=None, score_every_project=True)
    vote(box, kind, 12, seed=sum(map(ord, kind + rule)))
    counter, checker = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    run = run_count(counter, box.programme, box.area)
    with pytest.raises(ValidationError, match="Another officer must check and publish"):
        publish_count(counter, run)
    publish_count(checker, run)
    assert published_count(box.programme, box.area) == run

    text = pabulib_text(run)
    report = check_pabulib(io.StringIO(text))
    assert report.ok, report.errors
    election = read_pabulib(io.StringIO(text))
    recount = count(election, tie_break="id-order")
    assert recount.selected == run.selected
    assert {p.id: p.fields["selected"] for p in election.projects} == {
        p.reference: "1" if p.reference in run.selected else "0" for p in box.proposals
    }
    assert len(election.ballots) == 12 == run.ballots

    data = results_json(run)
    assert data["selected"] == run.selected and len(data["anonymised_ballots"]) == 12
    assert data["spent_pence"] + data["left_pence"] == 1_000_000
    rows = list(csv.reader(io.StringIO(ballots_csv(run))))
    assert rows[0] == ["ballot"] + [p.reference for p in box.proposals] and len(rows) == 13


@pytest.mark.django_db
def test_a_published_result_is_only_replaced_with_a_reason() -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 5, seed=1)
    one, two = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    first = publish_count(two, run_count(one, box.programme, box.area))
    second = run_count(one, box.programme, box.area)
    with pytest.raises(ValidationError, match="say why this count replaces it"):
        publish_count(two, second)
    publish_count(two, second, reason="A paper ballot box from the library was keyed late.")
    first.refresh_from_db()
    assert first.superseded_by == second and "library" in first.supersede_reason
    assert published_count(box.programme, box.area) == second
    with pytest.raises(ValidationError, match="published already"):
        publish_count(two, second, reason="again")


def test_spreadsheet_formulas_are_escaped() -> None:
    assert [safe_cell(v) for v in ["=HYPERLINK(1)", "+44", "-1", "@SUM", "plain", "Walk 5"]] == [
        "'=HYPERLINK(1)",
        "'+44",
        "'-1",
        "'@SUM",
        "plain",
        "Walk 5",
    ]


@pytest.mark.django_db
def test_results_csv_escapes_a_title_that_looks_like_a_formula() -> None:
    box = make_box()
    box.proposals[0].title = '=HYPERLINK("http://evil.example","Click")'
    box.proposals[0].save()
    vote(box, BallotKind.SCORES, 3, seed=2)
    one, two = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    run = publish_count(two, run_count(one, box.programme, box.area))
    titles = [row[1] for row in csv.reader(io.StringIO(results_csv(run)))][1:]
    assert '\'=HYPERLINK("http://evil.example","Click")' in titles
