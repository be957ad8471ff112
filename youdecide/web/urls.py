from django.urls import path

from youdecide.web import councillor_views, insight_views, neighbourhood_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
    path("programmes/<slug:slug>/areas/<slug:area_slug>/", views.area_detail, name="area"),
    path("programmes/<slug:slug>/proposals/<str:reference>/", views.proposal_detail, name="proposal"),
    path("areas/<slug:area_slug>/", views.area_profile, name="area_profile"),
    path("areas/<slug:area_slug>/neighbourhood/", neighbourhood_views.neighbourhood, name="neighbourhood"),
    path("councillor/", councillor_views.dashboard, name="councillor_dashboard"),
    path("insight/", insight_views.insight, name="insight"),
    path("insight.csv", insight_views.insight_csv, name="insight_csv"),
]
