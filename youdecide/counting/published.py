"""Compare an outcome with the ``selected`` column a city published (the whole-collection proof)."""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.counting.election import Election
from youdecide.counting.explain import Outcome


@dataclass(frozen=True)
class Comparison:
    """How a counted outcome differs from the published one (empty tuples: identical)."""

    missing: tuple[str, ...]  # published as funded, not funded by the engine
    extra: tuple[str, ...]  # funded by the engine, not published as funded

    @property
    def same(self) -> bool:
        return not self.missing and not self.extra


def published_selected(election: Election, marker: int = 1) -> set[str] | None:
    """Ids with ``selected`` equal to ``marker`` (None when the file has no selected column)."""
    if "selected" not in election.project_columns:
        return None
    chosen = set()
    for project in election.projects:
        text = project.fields.get("selected", "").strip()
        if text and int(text) == marker:
            chosen.add(project.id)
    return chosen


def compare_with_published(election: Election, outcome: Outcome) -> Comparison | None:
    """Compare ``outcome.selected`` with the projects published with ``selected=1``."""
    published = published_selected(election)
    if published is None:
        return None
    mine = set(outcome.selected)
    order = [p.id for p in election.projects]
    return Comparison(
        missing=tuple(p for p in order if p in published - mine),
        extra=tuple(p for p in order if p in mine - published),
    )
