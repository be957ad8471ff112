from django.urls import path

from youdecide.api import public, views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("voting/eligibility", views.eligibility, name="eligibility"),
    path("voting/ballots", views.cast, name="ballots"),
    path("voting/receipts", views.receipt, name="receipts"),
    path("programmes", public.programmes, name="programmes"),
    path("programmes/<slug:programme>", public.programme, name="programme"),
    path("programmes/<slug:programme>/statistics", public.statistics, name="statistics"),
    path("programmes/<slug:programme>/areas/<slug:area>/proposals", public.proposals, name="proposals"),
    path("programmes/<slug:programme>/areas/<slug:area>/results", views.area_results, name="area_results"),
]
