from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("youdecide.accounts.urls")),
    path("groups/", include("youdecide.groups.urls")),
    path("office/", include("youdecide.proposals.urls")),
    path("", include("youdecide.web.urls")),
]
