from django.urls import path

from youdecide.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
    path("programmes/<slug:slug>/areas/<slug:area_slug>/", views.area_detail, name="area"),
    path("programmes/<slug:slug>/proposals/<str:reference>/", views.proposal_detail, name="proposal"),
    path("areas/<slug:area_slug>/", views.area_profile, name="area_profile"),
]
