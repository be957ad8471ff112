"""Hostile budget-plan files (UTF-16, Latin-1, NUL bytes, huge cells, formulas, duplicate references, a file
that only looks like a workbook): refused with the cell or line, and the database holds what it held."""

from __future__ import annotations

import pytest

from youdecide.accounts.models import User
from youdecide.audit.models import AuditEvent
from youdecide.consultation.models import BudgetPlan, BudgetProposal, Variation
from youdecide.consultation.tests.test_plan_import import csv_file, import_errors, xlsx_file

pytestmark = pytest.mark.django_db

GOOD = ["1", "Theme", "R1", "Title", "Saving", "Service", "Background", "-0.100", "0.000", "0.000"]


def held() -> tuple[int, int, int, int]:
    return (
        BudgetPlan.objects.count(),
        BudgetProposal.objects.count(),
        Variation.objects.count(),
        AuditEvent.objects.count(),
    )


def with_cells(**cells: str) -> list[str]:
    row = GOOD[:]
    for column, value in cells.items():
        row["ABCDEFGHIJ".index(column)] = value
    return row


@pytest.mark.parametrize(
    ("name", "content", "errors"),
    [
        (
            "plan.csv",
            csv_file(GOOD).decode().encode("utf-16"),
            ["Line 1 is not UTF-8 text (byte 1): save the file as CSV UTF-8."],
        ),
        (
            "plan.csv",
            csv_file(with_cells(F="Sérvice")).decode().encode("latin-1"),
            ["Line 8 is not UTF-8 text (byte 303): save the file as CSV UTF-8."],
        ),
        (
            "plan.csv",
            csv_file(with_cells(F="Ser\x00vice")),
            ["Line 8 holds a NUL byte: the file is not plain text."],
        ),
        (
            "plan.csv",
            csv_file(with_cells(D="T" * 300_000)),
            ["Line 8 is not a readable CSV line (field larger than field limit (131072))."],
        ),
        ("plan.csv", csv_file(GOOD, GOOD), ["C9: reference R1 is already on row 8"]),
        (
            "plan.csv",
            csv_file(with_cells(H="=1+1")),
            ["H8: '=1+1' is not an amount in £m, such as +0.010 or -1.250"],
        ),
        (
            "plan.xlsx",
            xlsx_file(with_cells(H="=SUM(1,2)")),
            ["H8: the variation is missing: write 0.000 for no change"],
        ),
        ("plan.xlsx", b"PK\x03\x04not really a workbook", ["The file is not a readable XLSX workbook."]),
    ],
    ids=[
        "utf-16",
        "latin-1",
        "nul",
        "huge-cell",
        "duplicate-reference",
        "csv-formula",
        "xlsx-formula",
        "fake-xlsx",
    ],
)
def test_a_hostile_plan_file_is_refused_with_its_cell_and_nothing_is_written(
    officer: User, name: str, content: bytes, errors: list[str]
) -> None:
    before = held()

    assert import_errors(officer, name, content) == errors
    assert held() == before


def test_a_utf8_bom_is_read_and_the_plan_imported(officer: User) -> None:
    from youdecide.consultation import services

    services.import_plan(officer, "plan.csv", b"\xef\xbb\xbf" + csv_file(GOOD))

    assert list(BudgetProposal.objects.values_list("reference", flat=True)) == ["R1"]
