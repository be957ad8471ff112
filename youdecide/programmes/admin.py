"""Programme set-up belongs to the back office (/office/programmes/), whose changes are audited.

The admin shows programmes and lets an administrator correct names and outcomes; money and phases change
through the office."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from youdecide.programmes.models import AreaPot, Outcome, Phase, Programme


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "order", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["kind", "starts_at", "ends_at", "opened_at", "closed_at"]
    readonly_fields = ["kind", "starts_at", "ends_at", "opened_at", "closed_at"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AreaPotInline(admin.TabularInline):
    model = AreaPot
    extra = 0
    fields = ["area", "amount_pence"]
    readonly_fields = ["area", "amount_pence"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "total_pot_pence",
        "grant_cap_pence",
        "area_kind",
        "is_published",
        "created_at",
    ]
    list_filter = ["is_published", "area_kind"]
    search_fields = ["name", "slug"]
    readonly_fields = ["total_pot_pence", "grant_cap_pence", "area_kind", "created_at", "created_by"]
    filter_horizontal = ["outcomes"]
    inlines = [PhaseInline, AreaPotInline]
