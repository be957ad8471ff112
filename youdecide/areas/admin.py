from django.contrib import admin

from youdecide.areas.models import Area, PostcodeArea


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "population", "imd_score"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["parent"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["postcode", "area"]
    list_select_related = ["area"]
    search_fields = ["postcode", "area__name", "area__code"]
    raw_id_fields = ["area"]
