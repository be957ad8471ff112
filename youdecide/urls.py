from django.contrib import admin
from django.urls import include, path, re_path

from youdecide.api import views as api_views

urlpatterns = [
    # Group portal (/groups/...) and the back office (/office/...).
    path("groups/", include("youdecide.groups.urls")),
    path("assets/", include("youdecide.groups.asset_urls")),
    path("office/programmes/", include("youdecide.programmes.urls")),
    # Proposal pages: /groups/<slug>/proposals/... for the group, /office/review/... for officers.
    path("", include("youdecide.proposals.urls")),
    path("api/v1/", include("youdecide.api.urls")),
    # Any other address under the API (e.g. a path parameter that is not a slug, even with a line break
    # in it) gets a JSON 404.
    re_path(r"^api/v1/[\s\S]*\Z", api_views.not_found, name="api_not_found"),
    path("", include("youdecide.voting.urls")),
    path("", include("youdecide.events.urls")),
    path("", include("youdecide.results.urls")),
    path("", include("youdecide.delivery.urls")),
    path("", include("youdecide.consultation.urls")),
    path("admin/", admin.site.urls),
    path("", include("youdecide.accounts.notification_urls")),
    path("accounts/", include("youdecide.accounts.urls")),
    path("", include("youdecide.web.urls")),
]
