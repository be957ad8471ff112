from django.contrib import admin
from django.db import models

from youdecide.groups.models import CommunityGroup, GovernanceCheck, GroupMembership


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at"]


class GovernanceCheckInline(admin.TabularInline):
    model = GovernanceCheck
    extra = 0
    fields = ["item", "status", "note", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(CommunityGroup)
class CommunityGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "contact_name", "contact_email", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name", "contact_email", "charity_number", "company_number"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    raw_id_fields = ["area"]
    inlines = [GroupMembershipInline, GovernanceCheckInline]
