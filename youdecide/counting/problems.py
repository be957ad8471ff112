"""Problems found in a pabulib file, each tied to the line it was found on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True, order=True)
class Problem:
    """One problem. ``line`` is 1-based; ``None`` when it concerns the file as a whole."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


class PabulibError(ValueError):
    """A pabulib file that cannot be counted. ``problems`` lists every error found, with line numbers."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{head}{len(problems)} problem(s) in the pabulib file\n{shown}{more}")


class RuleError(ValueError):
    """A rule that does not exist, or that cannot count this kind of ballot."""


#: The most problems a report lists: a hostile file can have one on every line, and each is kept in memory.
MAX_LISTED = 10_000


class ProblemList(list[Problem]):
    """Problems as found, keeping the first :data:`MAX_LISTED`; ``unlisted`` counts the others."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        super().__init__()
        self.limit = limit
        self.unlisted = 0

    def append(self, problem: Problem) -> None:
        if len(self) < self.limit:
            super().append(problem)
        else:
            self.unlisted += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> Self:  # type: ignore[override,misc]
        self.extend(problems)
        return self


def unlisted_note(unlisted: int, kind: str = "errors") -> Problem:
    """The entry that ends a list of problems cut at :data:`MAX_LISTED`: how many more there were."""
    return Problem(None, f"{unlisted:,} more {kind} not listed (a report lists at most {MAX_LISTED:,})")
