from django.urls import URLPattern, path

from youdecide.results import views

app_name = "results"

urlpatterns: list[URLPattern] = [
    path("programmes/<slug:slug>/areas/<slug:area_slug>/results/", views.area_results, name="area"),
    path("programmes/<slug:slug>/areas/<slug:area_slug>/results/<str:name>", views.download, name="download"),
    path("programmes/<slug:slug>/statistics/", views.statistics, name="statistics"),
    path("programmes/<slug:slug>/transparency/", views.transparency, name="transparency"),
    path("programmes/<slug:slug>/inequality/", views.inequality, name="inequality"),
    path("programmes/<slug:slug>/transparency.pdf", views.transparency_pdf, name="transparency_pdf"),
    path("programmes/<slug:slug>/equality-survey/", views.equality_survey, name="equality_survey"),
    path("office/programmes/<slug:slug>/results/", views.office_results, name="office"),
    path("office/programmes/<slug:slug>/results/<slug:area_slug>/", views.office_count, name="office_count"),
]
