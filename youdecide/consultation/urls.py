from django.urls import path

from youdecide.consultation import views

app_name = "consultation"

urlpatterns = [
    path("consultation/", views.plan_list, name="plans"),
    path("consultation/<slug:slug>/", views.plan_page, name="plan"),
    path("consultation/<slug:slug>/proposals/<str:reference>/", views.proposal_page, name="proposal"),
    path("consultation/<slug:slug>/respond/", views.respond, name="respond"),
    path("consultation/<slug:slug>/about-you/", views.about_you, name="about_you"),
    path("consultation/<slug:slug>/thanks/", views.thanks, name="thanks"),
    path("consultation/<slug:slug>/simulator/", views.simulator_page, name="simulator"),
    path("consultation/<slug:slug>/simulator/thanks/", views.simulator_thanks, name="simulator_thanks"),
    path("consultation/<slug:slug>/plan.csv", views.plan_download, {"kind": "csv"}, name="plan_csv"),
    path("consultation/<slug:slug>/plan.xlsx", views.plan_download, {"kind": "xlsx"}, name="plan_xlsx"),
    path("consultation/<slug:slug>/results/", views.results_page, name="results"),
    path("consultation/<slug:slug>/results.pdf", views.results_download, {"kind": "pdf"}, name="results_pdf"),
    path("consultation/<slug:slug>/results.csv", views.results_download, {"kind": "csv"}, name="results_csv"),
    path("office/consultation/", views.office_plans, name="office_plans"),
    path("office/consultation/<slug:slug>/", views.office_plan, name="office_plan"),
    path("office/consultation/<slug:slug>/moderation/", views.moderation, name="moderation"),
    path("office/consultation/<slug:slug>/moderation/<int:pk>/", views.moderate, name="moderate"),
]
