from django.urls import path

from youdecide.groups import views

app_name = "assets"

urlpatterns = [
    path("", views.assets, name="list"),
    path("suggest/", views.asset_suggest, name="suggest"),
    path("suggestions/", views.asset_moderation, name="moderation"),
    path("<int:pk>/", views.asset_detail, name="detail"),
    path("<int:pk>/approve/", views.asset_approve, name="approve"),
    path("<int:pk>/reject/", views.asset_reject, name="reject"),
]
