from django.urls import URLPattern, path

from youdecide.delivery import views

app_name = "delivery"

urlpatterns: list[URLPattern] = [
    path("office/programmes/<slug:slug>/grants/", views.office_grants, name="office_grants"),
    path(
        "office/programmes/<slug:slug>/grants/offer/<str:reference>/", views.office_offer, name="office_offer"
    ),
    path(
        "office/programmes/<slug:slug>/panel/<int:member_pk>/match/",
        views.office_assign_least_visited,
        name="office_assign_least_visited",
    ),
    path("office/grants/<int:pk>/", views.office_grant, name="office_grant"),
    path("office/grants/<int:pk>/payments/<int:tranche_pk>/", views.office_payment, name="office_payment"),
    path("office/grants/<int:pk>/targets/", views.office_target, name="office_target"),
    path("office/grants/<int:pk>/milestones/", views.office_milestone, name="office_milestone"),
    path(
        "office/grants/<int:pk>/milestones/<int:milestone_pk>/",
        views.office_milestone_progress,
        name="office_milestone_progress",
    ),
    path("office/grants/<int:pk>/status/", views.office_status, name="office_status"),
    path("office/grants/<int:pk>/close/", views.office_close, name="office_close"),
    path("office/grants/<int:pk>/panel/", views.office_assign, name="office_assign"),
    path("office/returns/<int:pk>/", views.office_return, name="office_return"),
    path("grants/", views.group_grants, name="group_grants"),
    path("grants/<int:pk>/", views.grant_detail, name="grant"),
    path("grants/<int:pk>/accept/", views.grant_accept, name="grant_accept"),
    path("grants/<int:pk>/returns/<int:number>/", views.return_form, name="return"),
    path("grants/<int:pk>/returns/<int:number>/photos/", views.return_photo_add, name="return_photo_add"),
    path(
        "grants/<int:pk>/returns/<int:number>/photos/<int:photo_pk>/remove/",
        views.return_photo_remove,
        name="return_photo_remove",
    ),
    path("photos/<int:pk>/", views.return_photo, name="photo"),
    path("programmes/<slug:slug>/proposals/<str:reference>/progress/", views.progress, name="progress"),
    path("programmes/<slug:slug>/evaluation/", views.evaluation, name="evaluation"),
    path(
        "programmes/<slug:slug>/evaluation.csv",
        views.evaluation_download,
        {"name": "evaluation.csv"},
        name="evaluation_csv",
    ),
    path(
        "programmes/<slug:slug>/evaluation.pdf",
        views.evaluation_download,
        {"name": "evaluation.pdf"},
        name="evaluation_pdf",
    ),
    path("monitoring-panel/", views.panel, name="panel"),
    path("monitoring-panel/visits/<int:pk>/", views.visit, name="visit"),
]
