"""The data the counting engine works on: projects, ballots and the election that holds them.

Everything is plain data with integer money, so the product can build an :class:`Election` from its
database (costs and budget in pence) and a command line can build one from a pabulib file; both are
counted the same way.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

APPROVAL = "approval"
CHOOSE_ONE = "choose-1"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
SCORING = "scoring"

VOTE_TYPES = (APPROVAL, CHOOSE_ONE, CUMULATIVE, ORDINAL, SCORING)
#: Ballot kinds whose ballots carry points (a ``points`` column in pabulib).
POINTED_VOTE_TYPES = (CUMULATIVE, SCORING)


@dataclass(frozen=True)
class Project:
    """A project on the ballot. ``cost`` is an integer in the election's money unit (pence, złoty, ...)."""

    id: str
    cost: int
    name: str = ""
    #: Other columns as read (``votes``, ``score``, ``selected``, ``category``, ...), kept for round trips.
    fields: Mapping[str, str] = field(default_factory=dict, compare=False)


_NO_FIELDS: Mapping[str, str] = {}


class Ballot(NamedTuple):
    """One voter's ballot.

    ``projects`` lists project ids in the order the voter gave them (the ranking for ordinal ballots).
    ``points`` is parallel to ``projects`` for cumulative and scoring ballots, and optional for ordinal
    ballots (custom points per rank); ``None`` otherwise.
    """

    projects: tuple[str, ...]
    points: tuple[int, ...] | None = None
    voter_id: str = ""
    #: Other columns as read (``age``, ``sex``, ``voting_method``, ...), kept for round trips.
    fields: Mapping[str, str] = _NO_FIELDS


_PROJECTS = operator.itemgetter(0)
_PROJECTS_AND_POINTS = operator.itemgetter(0, 1)


@dataclass
class Election:
    """A participatory budgeting election: who could be funded, with how much, and how people voted."""

    projects: list[Project]
    ballots: list[Ballot]
    budget: int
    vote_type: str = APPROVAL
    #: The pabulib META section (``rule``, ``min_project_score_threshold``, ``currency``, ...).
    meta: dict[str, str] = field(default_factory=dict)
    #: Header of the PROJECTS and VOTES sections when read from pabulib, for round trips.
    project_columns: list[str] = field(default_factory=list)
    vote_columns: list[str] = field(default_factory=list)
    #: Groups of mutually exclusive projects (for ``greedy-exclusive``): at most one of each group is funded.
    exclusions: list[frozenset[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.vote_type not in VOTE_TYPES:
            raise ValueError(f"unknown vote type {self.vote_type!r}; expected one of {', '.join(VOTE_TYPES)}")

    @property
    def rule(self) -> str:
        return self.meta.get("rule", "")

    @property
    def currency(self) -> str:
        return self.meta.get("currency", "")

    def project_index(self) -> dict[str, int]:
        """Project id -> position in file order (the default tie-break)."""
        return {p.id: i for i, p in enumerate(self.projects)}

    def utilities(self) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], list[int]]:
        """Ballots as utilities, identical ballots grouped.

        Returns ``(groups, weights)``: each group is ``(project positions, utilities)`` with positive
        utilities only, in first-seen order; ``weights`` counts the voters who cast it. Approval and
        choose-1 ballots give 1 to each chosen project, cumulative and scoring ballots their points,
        ordinal ballots their points if given, otherwise k, k-1, ..., 1 for a ranking of length k.
        The result is cached until the number of ballots or projects or the vote type changes: build a
        new election rather than editing ballots in place.
        """
        stamp = (len(self.ballots), len(self.projects), self.vote_type)
        cached = self.__dict__.get("_utilities")
        if cached is not None and cached[0] == stamp:
            return cached[1], list(cached[2])
        index = self.project_index()
        groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        weights: list[int] = []
        # Identical ballots are counted first (in C), then each distinct one is converted once.
        if self.vote_type in POINTED_VOTE_TYPES or self.vote_type == ORDINAL:
            raw: Counter[tuple[tuple[str, ...], tuple[int, ...] | None]] = Counter(
                map(_PROJECTS_AND_POINTS, self.ballots)
            )
            seen: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
            for (projects, points), count in raw.items():
                key = ballot_utilities(Ballot(projects, points), self.vote_type, index)
                position = seen.get(key)
                if position is None:
                    seen[key] = len(groups)
                    groups.append(key)
                    weights.append(count)
                else:
                    weights[position] += count
        else:  # approval, choose-1: a group is its set of projects, each worth 1
            get = index.__getitem__
            at: dict[tuple[int, ...], int] = {}
            for projects, count in Counter(map(_PROJECTS, self.ballots)).items():
                positions = tuple(sorted(map(get, projects)))
                position = at.get(positions)
                if position is None:
                    at[positions] = len(weights)
                    weights.append(count)
                else:
                    weights[position] += count
            ones = [(1,) * k for k in range(max(map(len, at), default=0) + 1)]
            groups = [(positions, ones[len(positions)]) for positions in at]
        self.__dict__["_utilities"] = (stamp, groups, tuple(weights))
        return groups, weights

    def scores(self) -> list[int]:
        """Each project's score in file order: votes (approval, choose-1) or summed points."""
        totals = [0] * len(self.projects)
        groups, weights = self.utilities()
        for (positions, utils), weight in zip(groups, weights, strict=True):
            for position, utility in zip(positions, utils, strict=True):
                totals[position] += utility * weight
        return totals

    def supporters(self) -> list[int]:
        """How many voters gave each project something, in file order."""
        totals = [0] * len(self.projects)
        groups, weights = self.utilities()
        for (positions, _), weight in zip(groups, weights, strict=True):
            for position in positions:
                totals[position] += weight
        return totals


def ballot_utilities(
    ballot: Ballot, vote_type: str, index: Mapping[str, int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """One ballot as (project positions, positive utilities), sorted by position."""
    if vote_type in POINTED_VOTE_TYPES or (vote_type == ORDINAL and ballot.points is not None):
        points = ballot.points or ()
        pairs = sorted((index[p], u) for p, u in zip(ballot.projects, points, strict=True) if u > 0)
    elif vote_type == ORDINAL:
        k = len(ballot.projects)
        pairs = sorted((index[p], k - rank) for rank, p in enumerate(ballot.projects))
    else:
        positions = tuple(sorted([index[p] for p in ballot.projects]))
        return positions, (1,) * len(positions)
    return tuple(p for p, _ in pairs), tuple(u for _, u in pairs)


def make_election(
    projects: Iterable[tuple[str, int] | Project],
    ballots: Iterable[Sequence[str] | Mapping[str, int] | Ballot],
    budget: int,
    vote_type: str = APPROVAL,
    **meta: str,
) -> Election:
    """Build an election from plain data.

    ``projects``: ``(id, cost)`` pairs or :class:`Project`; ``ballots``: a list of project ids
    (approval, choose-1, ordinal ranking), a mapping ``{id: points}`` (cumulative, scoring) or
    :class:`Ballot`. Extra keyword arguments go into META (e.g. ``rule="greedy"``).
    """
    project_list = [p if isinstance(p, Project) else Project(id=str(p[0]), cost=int(p[1])) for p in projects]
    ballot_list: list[Ballot] = []
    for number, raw in enumerate(ballots, start=1):
        if isinstance(raw, Ballot):
            ballot_list.append(raw)
        elif isinstance(raw, Mapping):
            ballot_list.append(
                Ballot(
                    projects=tuple(str(k) for k in raw),
                    points=tuple(int(v) for v in raw.values()),
                    voter_id=str(number),
                )
            )
        else:
            ballot_list.append(Ballot(projects=tuple(str(p) for p in raw), voter_id=str(number)))
    meta_dict = {k: str(v) for k, v in meta.items()}
    meta_dict.setdefault("vote_type", vote_type)
    return Election(
        projects=project_list, ballots=ballot_list, budget=int(budget), vote_type=vote_type, meta=meta_dict
    )
