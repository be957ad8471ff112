"""Importing a plan from CSV or XLSX: every problem named by its cell, and nothing written unless the
whole file is right; an exported plan imports back as it was."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from youdecide.accounts.models import User
from youdecide.audit.models import AuditEvent
from youdecide.consultation import services
from youdecide.consultation.demo import ConsultationSummary, demo_plan_csv
from youdecide.consultation.models import BudgetPlan, BudgetProposal, Variation
from youdecide.consultation.plan_files import PlanFileError, plan_csv, plan_xlsx
from youdecide.consultation.selectors import plan_table
from youdecide.results.open_data import csv_lines

pytestmark = pytest.mark.django_db

HEAD = [
    ["Budget plan", "Test plan"],
    ["Base year", "2018/19"],
    [],
    ["Outcome", "Title", "What it means", "Focus", "What success looks like", "Key priorities",
     "Challenges and opportunities"],
    ["1", "Our local communities are strong and supportive", "", "", "", "", ""],
    [],
    ["Outcome", "Theme", "Reference", "Title", "Kind", "Service", "Background",
     "2019/20", "2020/21", "2021/22"],
]  # fmt: skip


def csv_file(*rows: Sequence[object]) -> bytes:
    return "".join(csv_lines([*HEAD, *(list(row) for row in rows)])).encode()


def xlsx_file(*rows: Sequence[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [*HEAD, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def import_errors(officer: User, name: str, content: bytes) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        services.import_plan(officer, name, content)
    return caught.value.errors


def test_csv_errors_name_their_cells_and_nothing_is_written(officer: User) -> None:
    errors = import_errors(
        officer,
        "plan.csv",
        csv_file(
            ["1", "Changing the way we work", "1", "Good grant", "growth", "Communities", "",
             "+0.010", "0.01", "+0.010"],
            ["1", "Changing the way we work", "2", "A saving", "saving", "Libraries", "",
             "-0.050", "+0.020", "0.010"],
            ["2", "Safer", "2", "Unknown outcome", "levy", "Safety", "", "-0.050", "", "£5"],
        ),
    )  # fmt: skip
    assert errors == [
        "I8: '0.01' needs three decimals, such as +0.010 for £10,000",
        "I9: savings and income lower the budget, so this saving's variation is negative or 0.000, "
        "not +0.020",
        "J9: '0.010' needs a sign: +0.010 for more, -0.010 for less",
        "A10: outcome 2 is not in the table of outcomes",
        "C10: reference 2 is already on row 9",
        "E10: 'levy' is not a kind of proposal: saving, growth, income or revenue investment",
        "I10: the variation is missing: write 0.000 for no change",
        "J10: '£5' is not an amount in £m, such as +0.010 or -1.250",
    ]
    assert not BudgetPlan.objects.exists()
    assert not BudgetProposal.objects.exists()
    assert not AuditEvent.objects.filter(action="consultation.plan_imported").exists()


def test_years_must_follow_the_base_year_one_by_one(officer: User) -> None:
    content = csv_file(["1", "T", "1", "A", "growth", "S", "", "+0.010", "+0.010", "+0.010"]).replace(
        b"2020/21", b"2021/22"
    )
    assert import_errors(officer, "plan.csv", content) == [
        "I7: '2021/22' should be 2020/21: the years follow the base year 2018/19 one by one"
    ]
    bad_base = csv_file(["1", "T", "1", "A", "growth", "S", "", "+0.010", "+0.010", "+0.010"]).replace(
        b"2018/19", b"2018/20"
    )
    assert import_errors(officer, "plan.csv", bad_base) == [
        "B2: '2018/20' is not a financial year such as 2018/19"
    ]


def test_xlsx_errors_name_their_cells_and_nothing_is_written(officer: User) -> None:
    errors = import_errors(
        officer,
        "plan.xlsx",
        xlsx_file(
            [1, "Changing the way we work", "1", "Grant", "growth", "Communities", "",
             0.01, 0.0105, "+0.010"],
            [1, "Safer", "2", "Cameras", "income", "Safety", "", -0.03, 0.02, "-1.25"],
        ),
    )  # fmt: skip
    assert errors == [
        "I8: '0.0105' has more than three decimals: variations are in whole thousands of pounds",
        "I9: savings and income lower the budget, so this income's variation is negative or 0.000, "
        "not +0.020",
        "J9: '-1.25' needs three decimals, such as +0.010 for £10,000",
    ]
    assert not BudgetPlan.objects.exists()


def test_a_good_xlsx_file_with_numbers_imports(officer: User) -> None:
    plan = services.import_plan(
        officer,
        "plan.xlsx",
        xlsx_file([1, "Changing the way we work", "1", "Grant", "growth", "Communities", "", 0.01, 0.01, 0]),
    )
    assert plan.year_labels == ["2019/20", "2020/21", "2021/22"]
    assert list(Variation.objects.values_list("amount_thousands", flat=True).order_by("year")) == [10, 10, 0]
    event = AuditEvent.objects.get(action="consultation.plan_imported")
    assert event.data["proposals"] == 1


def test_exported_plan_imports_back_the_same_from_csv_and_xlsx(
    demo: ConsultationSummary, officer: User
) -> None:
    original = plan_table(demo.plan)
    for name, content in (("again.csv", plan_csv(demo.plan).encode()), ("again.xlsx", plan_xlsx(demo.plan))):
        copy = services.import_plan(officer, name, content)
        table = plan_table(copy)
        assert copy.slug != demo.plan.slug
        assert table.totals == original.totals == [15, -85, -255]
        assert [o.outcome.focus for o in table.outcomes] == [o.outcome.focus for o in original.outcomes]
        assert [(p.reference, p.title, p.kind, p.background) for p in table.proposals] == [
            (p.reference, p.title, p.kind, p.background) for p in original.proposals
        ]


def test_exported_xlsx_holds_signed_figures_and_text_never_run_as_formulas(
    demo: ConsultationSummary, officer: User
) -> None:
    demo.plan.proposals.filter(reference="2").update(title='=HYPERLINK("http://x")')
    sheet = load_workbook(io.BytesIO(plan_xlsx(demo.plan))).worksheets[0]
    cells = {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}
    assert cells["H8"].value == 0.01 and cells["H8"].number_format == "+0.000;-0.000;0.000"
    assert cells["D9"].data_type == "s"
    assert "'=HYPERLINK" in plan_csv(demo.plan)


def test_replacing_a_published_plan_is_refused(
    demo: ConsultationSummary, officer: User, client: Client
) -> None:
    client.force_login(officer)
    page = client.post(
        f"/office/consultation/{demo.plan.slug}/",
        {"action": "import", "file": SimpleUploadedFile("plan.csv", demo_plan_csv())},
    )
    assert "A published plan is not replaced" in page.content.decode()
    assert BudgetPlan.objects.count() == 1


def test_the_office_page_lists_the_files_problems(officer: User, client: Client) -> None:
    client.force_login(officer)
    content = csv_file(["1", "T", "1", "A", "growth", "S", "", "+0.010", "0.01", "+0.010"])
    page = client.post(
        "/office/consultation/", {"file": SimpleUploadedFile("plan.csv", content)}
    ).content.decode()
    assert "Nothing was imported" in page
    assert "I8: &#x27;0.01&#x27; needs three decimals" in page
    assert not BudgetPlan.objects.exists()
    imported = client.post(
        "/office/consultation/", {"file": SimpleUploadedFile("plan.csv", demo_plan_csv())}, follow=True
    )
    assert "The plan “Budget 2019/20 to 2021/22” is imported." in imported.content.decode()


def test_a_file_of_far_more_rows_than_a_plan_is_refused(officer: User) -> None:
    rows = [["1", "T", str(n), "A", "growth", "S", "", "+0.010", "+0.010", "+0.010"] for n in range(2100)]
    assert import_errors(officer, "huge.csv", csv_file(*rows)) == [
        "The file has more than 2000 rows: is it the right file?"
    ]
    assert import_errors(officer, "plan.txt", b"") == ["Upload a .csv or .xlsx file, not plan.txt."]
    assert import_errors(officer, "plan.xlsx", b"not a workbook") == [
        "The file is not a readable XLSX workbook."
    ]
    assert not BudgetPlan.objects.exists()


def test_a_draft_plan_is_replaced_whole_by_a_new_file(officer: User) -> None:
    plan = services.import_plan(
        officer,
        "first.csv",
        csv_file(["1", "T", "1", "Old", "growth", "S", "", "+0.010", "+0.010", "+0.010"]),
    )
    services.import_plan(
        officer,
        "second.csv",
        csv_file(
            ["1", "T", "7", "New", "saving", "S", "", "-0.100", "-0.100", "-0.100"],
            ["1", "U", "8", "Newer", "income", "S", "", "0.000", "-0.020", "-0.020"],
        ),
        into=plan,
    )
    assert list(plan.proposals.values_list("reference", flat=True)) == ["7", "8"]
    assert plan_table(plan).totals == [-100, -120, -120]
    assert BudgetPlan.objects.count() == 1
    replaced = AuditEvent.objects.filter(action="consultation.plan_imported").order_by("sequence").last()
    assert replaced is not None and replaced.data["replaced"] is True
