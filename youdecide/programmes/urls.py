"""The back office for programmes, mounted at /office/programmes/."""

from django.urls import path

from youdecide.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.office_list, name="office_list"),
    path("new/", views.office_create, name="office_create"),
    path("<slug:slug>/", views.office_detail, name="office_detail"),
    path("<slug:slug>/edit/", views.office_edit, name="office_edit"),
    path("<slug:slug>/phases/", views.office_phases, name="office_phases"),
    path("<slug:slug>/pots/", views.office_pots, name="office_pots"),
    path("<slug:slug>/pots/options/", views.office_pot_options, name="office_pot_options"),
    path("<slug:slug>/voting-rules/", views.office_voting_rules, name="office_voting_rules"),
    path("<slug:slug>/phases/<slug:kind>/open/", views.office_open_phase, name="office_open_phase"),
    path("<slug:slug>/phases/<slug:kind>/close/", views.office_close_phase, name="office_close_phase"),
]
