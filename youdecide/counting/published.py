"""Compare an outcome with the ``selected`` column a city published (the whole-collection proof)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class FileCheck:
    """One file of a collection counted with its own rule and compared with its published outcome."""

    name: str
    rule: str
    vote_type: str
    status: str  # "reproduced", "differs", "no published outcome", "no rule", "partly defined"
    detail: str = ""
    refused: tuple[str, ...] = ()  # validation errors (the file was then read leniently)


def check_file(path: str | Path) -> FileCheck:
    """Count a pabulib file with the rule its META names (file-order ties) and compare with ``selected``."""
    from youdecide.counting.pabulib_reader import check_pabulib, read_pabulib
    from youdecide.counting.rules import count

    path = Path(path)
    report = check_pabulib(path)
    refused = tuple(str(p) for p in report.errors)
    election = read_pabulib(path, strict=False)
    rule, vote_type = election.rule, election.vote_type
    if rule == "unknown" or not rule:
        return FileCheck(path.name, rule, vote_type, "no rule", "META rule is 'unknown'", refused)
    outcome = count(election)
    comparison = compare_with_published(election, outcome)
    if comparison is None:
        return FileCheck(path.name, rule, vote_type, "no published outcome", "no selected column", refused)
    notes = []
    if rule == "greedy-custom":
        reserve = published_selected(election, 2) or set()
        mine = set(outcome.details.get("reserve_funded", []))
        if reserve != mine:
            notes.append(f"80% reserve rule: published {sorted(reserve)}, engine {sorted(mine)}")
        extra_funds = published_selected(election, 3) or set()
        if extra_funds:
            notes.append(
                "selected=3 (extra funds from other districts, not defined by the rule): "
                f"{sorted(extra_funds)}"
            )
    others = {p.fields.get("selected", "").strip() for p in election.projects} - {"", "0", "1"}
    if rule != "greedy-custom" and others:
        notes.append(f"selected also uses {sorted(others)}: funding outside the rule, not compared")
    if not comparison.same:
        detail = (
            f"published but not by the rule: {list(comparison.missing)}; by the rule but not published: "
            + str(list(comparison.extra))
        )
        return FileCheck(path.name, rule, vote_type, "differs", "; ".join([detail, *notes]), refused)
    status = (
        "reproduced" if not notes or all(n.startswith("selected also") for n in notes) else "partly defined"
    )
    if rule == "greedy-custom" and notes and all(n.startswith("selected=3") for n in notes):
        status = "partly defined"
    return FileCheck(path.name, rule, vote_type, status, "; ".join(notes), refused)
