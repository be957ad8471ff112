"""The constraints of each ballot kind. Pure: takes the projects on the ballot and the choices, returns the
choices to store or refuses them naming every constraint broken."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from youdecide.money import format_pence
from youdecide.voting.errors import VotingRefused


@dataclass(frozen=True)
class BallotSpec:
    kind: str
    pot_pence: int
    min_picks: int = 1
    max_picks: int | None = None
    min_share_spent_percent: int = 0
    points_total: int = 10
    ranking_max: int | None = None
    score_min: int = 1
    score_max: int = 5
    score_every_project: bool = True


@dataclass(frozen=True)
class BallotProject:
    id: int
    title: str
    cost_pence: int


def check_choices(
    spec: BallotSpec, projects: Mapping[int, BallotProject], choices: Mapping[int, int]
) -> dict[int, int]:
    """The choices as stored (zeros dropped where a zero means "not chosen"), or VotingRefused."""
    errors = [
        _("“%(id)s” is not a project on this ballot.") % {"id": project_id}
        for project_id in choices
        if project_id not in projects
    ]
    if errors:
        raise VotingRefused("ballot_invalid", *errors)
    checker = _CHECKERS[spec.kind]
    kept, errors = checker(spec, projects, dict(choices))
    if errors:
        raise VotingRefused("ballot_invalid", *errors)
    return kept


Checked = tuple[dict[int, int], list[str]]


def _picks(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    errors = [
        _("“%(title)s” can only be picked or not picked.") % {"title": projects[pid].title}
        for pid, value in choices.items()
        if value not in (0, 1)
    ]
    kept = {pid: 1 for pid, value in choices.items() if value == 1}
    if len(kept) < spec.min_picks:
        errors.append(
            ngettext("Pick at least %(n)d project.", "Pick at least %(n)d projects.", spec.min_picks)
            % {"n": spec.min_picks}
        )
    if spec.max_picks is not None and len(kept) > spec.max_picks:
        errors.append(
            ngettext(
                "Pick at most %(n)d project; you picked %(picked)d.",
                "Pick at most %(n)d projects; you picked %(picked)d.",
                spec.max_picks,
            )
            % {"n": spec.max_picks, "picked": len(kept)}
        )
    return kept, errors


def _approval(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    return _picks(spec, projects, choices)


def _knapsack(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    kept, errors = _picks(spec, projects, choices)
    total = sum(projects[pid].cost_pence for pid in kept)
    if total > spec.pot_pence:
        errors.append(
            _("Your choices cost %(total)s, more than the pot of %(pot)s. Remove a project.")
            % {"total": format_pence(total), "pot": format_pence(spec.pot_pence)}
        )
    least = -(-spec.pot_pence * spec.min_share_spent_percent // 100)
    if total < least:
        errors.append(
            _("Your choices cost %(total)s: spend at least %(share)d%% of the pot (%(least)s).")
            % {
                "total": format_pence(total),
                "share": spec.min_share_spent_percent,
                "least": format_pence(least),
            }
        )
    return kept, errors


def _choose_one(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    one = BallotSpec(kind=spec.kind, pot_pence=spec.pot_pence, min_picks=1, max_picks=1)
    kept, errors = _picks(one, projects, choices)
    if len(kept) != 1:
        errors = [_("Choose exactly one project.")]
    return kept, errors


def _points(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    errors = [
        _("Points for “%(title)s” must be a whole number from 0 up.") % {"title": projects[pid].title}
        for pid, value in choices.items()
        if value < 0
    ]
    kept = {pid: value for pid, value in choices.items() if value > 0}
    given = sum(kept.values())
    if given > spec.points_total:
        errors.append(
            _("You gave %(given)d points; you have %(total)d to share out.")
            % {"given": given, "total": spec.points_total}
        )
    if given == 0:
        errors.append(_("Give at least one point to a project."))
    return kept, errors


def _ranking(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    kept = {pid: value for pid, value in choices.items() if value != 0}
    errors: list[str] = []
    ranks = sorted(kept.values())
    if not kept:
        errors.append(_("Rank at least one project."))
    elif ranks != list(range(1, len(ranks) + 1)):
        errors.append(
            _("Ranks must be 1, 2, 3 … with no number twice and none missed; you gave %(ranks)s.")
            % {"ranks": ", ".join(str(r) for r in ranks)}
        )
    if spec.ranking_max is not None and len(kept) > spec.ranking_max:
        errors.append(
            ngettext(
                "Rank at most %(n)d project; you ranked %(ranked)d.",
                "Rank at most %(n)d projects; you ranked %(ranked)d.",
                spec.ranking_max,
            )
            % {"n": spec.ranking_max, "ranked": len(kept)}
        )
    return kept, errors


def _scores(spec: BallotSpec, projects: Mapping[int, BallotProject], choices: dict[int, int]) -> Checked:
    errors = [
        _("The score for “%(title)s” must be from %(low)d to %(high)d; it was %(value)d.")
        % {"title": projects[pid].title, "low": spec.score_min, "high": spec.score_max, "value": value}
        for pid, value in choices.items()
        if not spec.score_min <= value <= spec.score_max
    ]
    if spec.score_every_project:
        errors += [
            _("Score “%(title)s”: every project must be scored.") % {"title": project.title}
            for pid, project in projects.items()
            if pid not in choices
        ]
    elif not choices:
        errors.append(_("Score at least one project."))
    return dict(choices), errors


_CHECKERS = {
    "approval": _approval,
    "knapsack": _knapsack,
    "choose_one": _choose_one,
    "points": _points,
    "ranking": _ranking,
    "scores": _scores,
}
