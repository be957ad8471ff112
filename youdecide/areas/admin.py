import contextlib
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from youdecide.areas.models import Area, Neighbourhood, PostcodeArea
from youdecide.areas.postcodes import InvalidPostcode, normalise_postcode


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "population", "imd_score"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["parent"]
    filter_horizontal = ["councillors"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "ward", "population", "imd_rank", "imd_decile"]
    list_filter = ["imd_decile"]
    list_select_related = ["ward"]
    search_fields = ["code", "name", "ward__name"]
    raw_id_fields = ["ward"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["postcode", "area"]
    list_select_related = ["area"]
    search_fields = ["postcode", "area__name", "area__code"]
    raw_id_fields = ["area"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        """'cw12bj' finds CW1 2BJ: a search that is a postcode is put in the stored form first."""
        with contextlib.suppress(InvalidPostcode):
            search_term = normalise_postcode(search_term)
        return super().get_search_results(request, queryset, search_term)
