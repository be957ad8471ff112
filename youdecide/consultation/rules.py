"""Who may do what in a budget consultation, and when: the page shows the reason, the service enforces it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.accounts.models import Role
from youdecide.consultation.models import BudgetPlan, Simulator

REPORT_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR, Role.COUNCILLOR})


def can_manage_consultation(user: Any) -> bool:
    return bool(getattr(user, "is_officer", False))


def can_read_report(user: Any) -> bool:
    """Officers and councillors read the consultation's results before anyone else."""
    return bool(getattr(user, "is_active", False)) and getattr(user, "role", "") in REPORT_ROLES


def can_view_plan(user: Any, plan: BudgetPlan) -> bool:
    return plan.is_published or can_manage_consultation(user)


def can_respond(plan: BudgetPlan, today: date | None = None) -> tuple[bool, str]:
    if not plan.is_published:
        return False, _("This budget plan is not published yet.")
    today = today or timezone.localdate()
    if plan.closes_on is not None and today > plan.closes_on:
        return False, _("The consultation closed on %(day)s.") % {"day": plan.closes_on.strftime("%-d %B %Y")}
    return True, ""


def can_use_simulator(simulator: Simulator, today: date | None = None) -> tuple[bool, str]:
    ok, why = can_respond(simulator.plan, today)
    if not ok:
        return ok, why
    if not simulator.is_open:
        return False, _("The budget simulator is not open.")
    return True, ""


def can_publish_plan(plan: BudgetPlan) -> tuple[bool, str]:
    if plan.is_published:
        return False, _("This plan is published already.")
    if not plan.proposals.exists():
        return False, _("A plan needs its proposals before it is published: import them first.")
    return True, ""


def can_import_into(plan: BudgetPlan) -> tuple[bool, str]:
    if plan.is_published:
        return False, _("A published plan is not replaced: residents may have answered it already.")
    return True, ""
