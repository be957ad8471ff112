"""Problems found in a pabulib file, each tied to the line it was found on."""

from __future__ import annotations

from dataclasses import dataclass


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
