"""The simulator's arithmetic, in integer pence: what each chosen step saves, what the council tax rise
raises, and how far that is from the savings target."""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.consultation.models import Simulator, SimulatorService


def step_change_pence(budget_pence: int, percent: int) -> int:
    """The change to a service's budget at a step: -10% of £4,500,000 -> -£450,000 (in pence)."""
    return budget_pence * percent // 100


@dataclass(frozen=True)
class Balance:
    savings_pence: int  # from the services: positive when budgets go down
    tax_pence: int
    target_pence: int

    @property
    def found_pence(self) -> int:
        return self.savings_pence + self.tax_pence

    @property
    def short_pence(self) -> int:
        """Still to find (0 when the target is met)."""
        return max(self.target_pence - self.found_pence, 0)

    @property
    def spare_pence(self) -> int:
        return max(self.found_pence - self.target_pence, 0)

    @property
    def meets_target(self) -> bool:
        return self.found_pence >= self.target_pence


def balance_of(
    simulator: Simulator, services: list[SimulatorService], choices: dict[int, int], tax_percent: int
) -> Balance:
    """choices: service id -> percent; a service left out stays as it is."""
    savings = -sum(
        step_change_pence(service.budget_pence, choices.get(service.pk, 0)) for service in services
    )
    return Balance(savings, tax_percent * simulator.tax_one_percent_pence, simulator.savings_target_pence)
