"""The seeded demo's pages, walked from the URL patterns: every route outside the admin, its parameters
filled from the database that `youdecide.programmes.demo.seeding.seed_demo` seeded, and every table's row
count, to tell whether a request wrote anything."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.urls import URLPattern, URLResolver, get_resolver

from youdecide.areas.models import Area
from youdecide.consultation.models import BudgetPlan, BudgetProposal, ProposalResponse
from youdecide.delivery.models import (
    Grant,
    Milestone,
    MonitoringReturn,
    PanelAssignment,
    PanelMember,
    ReturnPhoto,
    Tranche,
    VisitReport,
)
from youdecide.events.models import CheckIn, DecisionDay
from youdecide.groups.models import Asset, CommunityGroup, GovernanceDocument, SupportSession
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.voting.models import CodeBatch

MAX_URLS_PER_PATTERN = 6
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its namespaced name ("groups:detail"), its pattern and its parameter names."""

    name: str
    pattern: str
    parameters: list[str]

    def url(self, values: dict[str, str]) -> str:
        return "/" + PARAMETER.sub(lambda match: values[match.group(1)], self.pattern)


def named_routes() -> Iterator[Route]:
    """Each URL pattern outside the admin, in the order the URL conf tries them."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                yield Route(f"{namespace}{pattern.name or ''}", route, PARAMETER.findall(route))

    for route in walk(get_resolver().url_patterns, "", ""):
        if not route.pattern.startswith("admin/"):
            yield route


def routes() -> Iterator[tuple[str, list[str]]]:
    """Each URL pattern outside the admin as a route with its parameter names."""
    for route in named_routes():
        yield route.pattern, route.parameters


def first(model: type[models.Model], field: str = "pk", count: int = 2, **filters: Any) -> list[str]:
    return [
        str(value) for value in model._default_manager.filter(**filters).values_list(field, flat=True)[:count]
    ]


def candidates(route: str, name: str) -> list[str]:
    """Values from the seeded database for one parameter of one route."""
    if name == "slug":
        if route.startswith("groups/"):
            return first(CommunityGroup, "slug")
        if "decision-days/" in route:
            return first(DecisionDay, "slug")
        if "consultation/" in route:
            return first(BudgetPlan, "slug")
        return first(Programme, "slug")
    if name == "programme":
        return first(Programme, "slug")
    if name in {"area_slug", "area"}:
        return first(Area, "slug", pots__isnull=False)
    if name == "reference":
        if "consultation/" in route:
            return first(BudgetProposal, "reference")
        return first(Proposal, "reference", count=3)
    by_name: dict[str, list[str]] = {
        "batch_id": first(CodeBatch),
        "check_in_id": first(CheckIn),
        "photo_pk": first(ReturnPhoto),
        "member_pk": first(PanelMember),
        "tranche_pk": first(Tranche),
        "milestone_pk": first(Milestone),
        "number": ["1"],
        "kind": ["proposals", "voting"],
        "token": ["not-a-link"],
        "name": ["pabulib.pb", "results.csv"],
    }
    if name in by_name:
        return by_name[name] or ["1"]
    pk_models: list[tuple[str, type[models.Model]]] = [
        ("monitoring-panel/visits/", PanelAssignment),  # a panel member's visit to one project
        ("documents/", GovernanceDocument),
        ("returns/", MonitoringReturn),
        ("grants/", Grant),
        ("photos/", ReturnPhoto),
        ("visits/", VisitReport),
        ("moderation/", ProposalResponse),  # a resident's comment on a budget proposal
        ("sessions/", SupportSession),
        ("assets/", Asset),
        ("proposals/", Proposal),
        ("review/", Proposal),
    ]
    for marker, model in pk_models:
        if marker in route:
            return first(model) or ["1"]
    return ["1"]


def urls() -> Iterator[str]:
    for route, names in routes():
        values = [candidates(route, name) for name in names]
        for combination in itertools.islice(itertools.product(*values), MAX_URLS_PER_PATTERN):
            url = route
            for value in combination:
                url = PARAMETER.sub(value, url, count=1)
            yield "/" + url


def row_counts() -> dict[str, int]:
    """Every table's row count but the sessions', in one query so it can follow every request."""
    tables = [
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed and model._meta.label != "sessions.Session"
    ]
    return table_counts(tables)


def table_counts(tables: list[str]) -> dict[str, int]:
    """The row count of each of these tables, in one query."""
    sql = " UNION ALL ".join(
        f"SELECT '{table}', COUNT(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608 - names from the models
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def changed_rows(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The tables whose row count moved, with their counts before and after."""
    return {table: (before[table], count) for table, count in after.items() if count != before[table]}
