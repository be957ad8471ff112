"""Each ballot kind's constraints, refused with a message naming the broken one."""

from __future__ import annotations

import pytest

from youdecide.voting.ballot_rules import BallotProject, BallotSpec, check_choices
from youdecide.voting.errors import VotingRefused

PROJECTS = {
    1: BallotProject(1, "Community allotment", 250_000),
    2: BallotProject(2, "Walking football", 400_000),
    3: BallotProject(3, "Cookery for families", 300_000),
    4: BallotProject(4, "Men's shed tools", 150_000),
}


def refused(spec: BallotSpec, choices: dict[int, int]) -> list[str]:
    with pytest.raises(VotingRefused) as caught:
        check_choices(spec, PROJECTS, choices)
    assert caught.value.code == "ballot_invalid"
    return caught.value.messages


def test_approval_keeps_picks_and_drops_unpicked() -> None:
    spec = BallotSpec("approval", 1_000_000, min_picks=1, max_picks=2)
    assert check_choices(spec, PROJECTS, {1: 1, 2: 0, 3: 1}) == {1: 1, 3: 1}


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({}, "Pick at least 1 project."),
        ({1: 1, 2: 1, 3: 1}, "Pick at most 2 projects; you picked 3."),
        ({1: 2}, "“Community allotment” can only be picked or not picked."),
        ({9: 1}, "“9” is not a project on this ballot."),
    ],
)
def test_approval_refusals(choices: dict[int, int], message: str) -> None:
    assert message in refused(BallotSpec("approval", 1_000_000, min_picks=1, max_picks=2), choices)


def test_knapsack_within_pot_and_minimum_share() -> None:
    spec = BallotSpec("knapsack", 1_000_000, min_share_spent_percent=50)
    assert check_choices(spec, PROJECTS, {1: 1, 2: 1, 3: 1}) == {1: 1, 2: 1, 3: 1}
    assert refused(spec, {1: 1, 2: 1, 3: 1, 4: 1}) == [
        "Your choices cost £11,000, more than the pot of £10,000. Remove a project."
    ]
    assert refused(spec, {4: 1}) == ["Your choices cost £1,500: spend at least 50% of the pot (£5,000)."]


def test_choose_one() -> None:
    spec = BallotSpec("choose_one", 1_000_000)
    assert check_choices(spec, PROJECTS, {2: 1, 3: 0}) == {2: 1}
    assert refused(spec, {2: 1, 3: 1}) == ["Choose exactly one project."]
    assert refused(spec, {}) == ["Choose exactly one project."]


def test_points() -> None:
    spec = BallotSpec("points", 1_000_000, points_total=10)
    assert check_choices(spec, PROJECTS, {1: 6, 2: 4, 3: 0}) == {1: 6, 2: 4}
    assert refused(spec, {1: 6, 2: 5}) == ["You gave 11 points; you have 10 to share out."]
    assert refused(spec, {1: 0}) == ["Give at least one point to a project."]
    assert "Points for “Walking football” must be a whole number from 0 up." in refused(spec, {1: 3, 2: -1})


def test_ranking() -> None:
    spec = BallotSpec("ranking", 1_000_000, ranking_max=3)
    assert check_choices(spec, PROJECTS, {3: 1, 1: 2, 2: 0}) == {3: 1, 1: 2}
    assert refused(spec, {1: 1, 2: 1}) == [
        "Ranks must be 1, 2, 3 … with no number twice and none missed; you gave 1, 1."
    ]
    assert refused(spec, {1: 1, 2: 3}) == [
        "Ranks must be 1, 2, 3 … with no number twice and none missed; you gave 1, 3."
    ]
    assert refused(spec, {1: 1, 2: 2, 3: 3, 4: 4}) == ["Rank at most 3 projects; you ranked 4."]


def test_scores_every_project_on_the_scale() -> None:
    spec = BallotSpec("scores", 1_000_000, score_min=1, score_max=5, score_every_project=True)
    assert check_choices(spec, PROJECTS, {1: 5, 2: 1, 3: 3, 4: 4}) == {1: 5, 2: 1, 3: 3, 4: 4}
    assert refused(spec, {1: 5, 2: 1, 3: 3}) == ["Score “Men's shed tools”: every project must be scored."]
    assert refused(spec, {1: 6, 2: 1, 3: 3, 4: 0}) == [
        "The score for “Community allotment” must be from 1 to 5; it was 6.",
        "The score for “Men's shed tools” must be from 1 to 5; it was 0.",
    ]


def test_scores_some_projects_when_allowed() -> None:
    spec = BallotSpec("scores", 1_000_000, score_every_project=False)
    assert check_choices(spec, PROJECTS, {2: 4}) == {2: 4}
    assert refused(spec, {}) == ["Score at least one project."]
