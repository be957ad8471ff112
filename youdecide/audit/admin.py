"""The audit log is append-only: the admin can read and search it, never add, change or delete."""

from django.contrib import admin
from django.http import HttpRequest

from youdecide.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["sequence", "occurred_at", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "actor_label", "object_id"]
    date_hierarchy = "occurred_at"
    readonly_fields = [
        "sequence",
        "occurred_at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "data",
        "previous_digest",
        "digest",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
