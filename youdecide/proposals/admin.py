"""Proposals are changed by their groups and reviewed in the back office (both audited, and the group is
emailed); here their content can be read and corrected, but status, cost and history cannot."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from youdecide.proposals.models import BudgetLine, Proposal, ProposalVersion


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["position", "description", "amount_pence"]
    readonly_fields = ["position", "description", "amount_pence"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ProposalVersionInline(admin.TabularInline):
    model = ProposalVersion
    extra = 0
    fields = ["number", "created_at", "created_by", "snapshot"]
    readonly_fields = ["number", "created_at", "created_by", "snapshot"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "group",
        "programme",
        "area",
        "cost_pence",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "programme", "area"]
    search_fields = ["reference", "title", "group__name"]
    raw_id_fields = ["group"]
    readonly_fields = [
        "reference",
        "programme",
        "area",
        "cost_pence",
        "status",
        "ineligible_reason",
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "decided_at",
        "decided_by",
    ]
    filter_horizontal = ["outcomes"]
    inlines = [BudgetLineInline, ProposalVersionInline]
