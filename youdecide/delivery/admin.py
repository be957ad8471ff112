"""Grants change only through the back office, where every change is audited; here they can be read."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from youdecide.delivery.models import Grant, MonitoringReturn, PanelMember


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "amount_pence", "status", "delivery_status", "starts_on", "ends_on"]
    list_filter = ["status", "delivery_status", "proposal__programme"]
    search_fields = ["proposal__reference", "proposal__title", "proposal__group__name"]


@admin.register(MonitoringReturn)
class MonitoringReturnAdmin(ReadOnlyAdmin):
    list_display = ["grant", "number", "kind", "due_on", "status"]
    list_filter = ["status", "kind"]


@admin.register(PanelMember)
class PanelMemberAdmin(ReadOnlyAdmin):
    list_display = ["user", "area", "joined_at"]
