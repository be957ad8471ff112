"""Ballots in the database (online, tablet and paper) → count → publish → export → an independent recount
with the command line gives the published result, for every ballot kind and rule."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.counting import check_pabulib, format_pabulib, make_election, read_pabulib
from youdecide.counting.cli import main
from youdecide.counting.pabulib_writer import tie_break_comment
from youdecide.events import services as events
from youdecide.events.models import DecisionDay, EventStatus
from youdecide.events.tests.conftest import Day, make_day
from youdecide.programmes.models import BallotKind, PhaseKind
from youdecide.programmes.rules import phase_is_open
from youdecide.programmes.services import close_phase_now
from youdecide.results.open_data import results_csv, safe_cell
from youdecide.results.selectors import published_count
from youdecide.results.services import publish_count, run_count
from youdecide.voting import services
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import Channel, Participation
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
APPROVAL_KINDS = (BallotKind.APPROVAL, BallotKind.KNAPSACK, BallotKind.CHOOSE_ONE)
#: The META keys of a published file, in the order pabulib's checker expects them.
PABULIB_META = [
    "description",
    "country",
    "unit",
    "subunit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
    "language",
    "edition",
    "comment",
]
PATHS = [
    (kind, rule)
    for rule in ("greedy", "greedy-no-skip", "equalshares/add1", "max-welfare", "phragmen")
    for kind in KINDS
    if rule != "phragmen" or kind in APPROVAL_KINDS
]


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


def vote_in_person(day: Day, kind: str, tablets: int, papers: int, seed: int) -> None:
    """Attendees checked in at the Decision Day vote on tablets, and on papers keyed by two officers."""
    rng = random.Random(seed)
    one, two = day.officers[:2]
    for n in range(tablets + papers):
        details = VoterDetails(f"Attendee {seed} {n}", date(1945 + n % 60, 1 + n % 12, 2), "CW1 2BJ", "lives")
        check_in = events.check_in_attendee(one, day.event, details).check_in
        choices = KINDS[kind](rng, day.box.ids())
        if n < tablets:
            slip = events.issue_tablet_ballot(one, check_in)
            events.cast_tablet_ballot(one, day.event, slip, choices, f"tablet-{seed}-{n}")
        else:
            events.issue_paper_ballot(one, check_in)
            events.key_paper_ballot(one, day.event, n, choices)
            events.key_paper_ballot(two, day.event, n, choices)


def close_voting(box: Box) -> None:
    """Close the area's Decision Days and the programme's voting phases, as officers do."""
    officer = factories.UserFactory.create(role=Role.OFFICER)
    for event in DecisionDay.objects.filter(programme=box.programme, status=EventStatus.OPEN):
        events.close_decision_day(officer, event)
    for kind in (PhaseKind.ONLINE_VOTING, PhaseKind.DECISION_DAYS):
        if phase_is_open(box.programme, kind):
            close_phase_now(officer, box.programme, kind)


def count_and_publish(box: Box, reason: str = "") -> Any:
    """Count now, close voting, and publish as a second officer."""
    counter, checker = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    run = run_count(counter, box.programme, box.area)
    close_voting(box)
    return publish_count(checker, run, reason)


def download(client: Client, box: Box, name: str) -> bytes:
    response = client.get(f"/programmes/{box.programme.slug}/areas/{box.area.slug}/results/{name}")
    assert response.status_code == 200, name
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def recount_with_the_command_line(tmp_path: Path, pb: bytes, capsys: pytest.CaptureFixture[str]) -> Any:
    path = tmp_path / "downloaded.pb"
    path.write_bytes(pb)
    capsys.readouterr()
    assert main(["count", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "rule"), PATHS)
def test_each_kind_and_rule_through_the_whole_path(
    kind: str, rule: str, client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = make_day(ballot_kind=kind, counting_rule=rule, max_picks=None, score_every_project=True)
    box = day.box
    seed = sum(map(ord, kind + rule))
    vote(box, kind, 9, seed=seed)
    vote_in_person(day, kind, tablets=2, papers=2, seed=seed)
    channels = sorted(Participation.objects.filter(programme=box.programme).values_list("channel", flat=True))
    assert channels == [Channel.ONLINE] * 9 + [Channel.PAPER] * 2 + [Channel.TABLET] * 2

    counter, checker = day.officers[0], day.officers[1]
    run = run_count(counter, box.programme, box.area)
    assert run.ballots == 13 and run.rule == rule and run.tie_break == "id-order"
    close_voting(box)
    with pytest.raises(ValidationError, match="Another officer must check and publish"):
        publish_count(counter, run)
    publish_count(checker, run)
    assert published_count(box.programme, box.area) == run

    pb = download(client, box, "results.pb")
    assert hashlib.sha256(pb).hexdigest() == run.snapshot_sha256
    report = check_pabulib(io.StringIO(pb.decode()))
    assert report.ok, report.errors
    election = read_pabulib(io.StringIO(pb.decode()))
    assert election.meta["rule"] == rule
    assert list(election.meta) == PABULIB_META  # pabulib's checker refuses keys it does not know
    support = "votes" if kind in APPROVAL_KINDS else "score"
    assert election.project_columns == ["project_id", support, "cost", "name", "selected"]
    assert election.meta["comment"].startswith("#1: tie-break: id-order. ")
    assert {p.id: p.fields["selected"] for p in election.projects} == {
        p.reference: "1" if p.reference in run.selected else "0" for p in box.proposals
    }
    assert len(election.ballots) == 13
    recount = recount_with_the_command_line(tmp_path, pb, capsys)
    assert recount["selected"] == run.selected and recount["spent"] == run.spent_pence

    data = json.loads(download(client, box, "results.json"))
    assert data["selected"] == run.selected and len(data["anonymised_ballots"]) == 13
    assert data["spent_pence"] + data["left_pence"] == 1_000_000
    assert sorted(b["id"] for b in data["anonymised_ballots"]) == sorted(b.voter_id for b in election.ballots)
    rows = list(csv.reader(io.StringIO(download(client, box, "ballots.csv").decode())))
    assert rows[0] == ["ballot"] + [p.reference for p in box.proposals] and len(rows) == 14
    results = list(csv.reader(io.StringIO(download(client, box, "results.csv").decode())))
    assert [row[0] for row in results[1 : 1 + len(run.selected)]] == run.selected


def test_the_command_line_breaks_ties_as_the_file_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """B and A tie for the last £5; listed B first, so file order would fund B, the file's id-order A."""
    meta = {"description": "Tie", "country": "United Kingdom", "unit": "Crewe", "instance": "2026"}
    meta |= {"date_begin": "01.12.2026", "date_end": "01.12.2026", "rule": "greedy"}
    projects, ballots = [("B", 5), ("A", 5), ("C", 5)], [["A", "B", "C"], ["C"]]
    plain = format_pabulib(make_election(projects, ballots, 10, **meta)).encode()
    noted = format_pabulib(
        make_election(projects, ballots, 10, **meta, comment=tie_break_comment("id-order"))
    ).encode()
    assert recount_with_the_command_line(tmp_path, plain, capsys)["selected"] == ["C", "B"]
    assert recount_with_the_command_line(tmp_path, noted, capsys)["selected"] == ["C", "A"]


@pytest.mark.django_db
def test_a_published_result_is_only_replaced_with_a_reason() -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 5, seed=1)
    one, two = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    first = count_and_publish(box)
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
    run = count_and_publish(box)
    titles = [row[1] for row in csv.reader(io.StringIO(results_csv(run)))][1:]
    assert '\'=HYPERLINK("http://evil.example","Click")' in titles
