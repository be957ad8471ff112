from django.urls import URLPattern, path

from youdecide.events import kiosk, screens, views

app_name = "events"

urlpatterns: list[URLPattern] = [
    path("office/decision-days/", views.event_list, name="list"),
    path("office/decision-days/kiosk-sw.js", kiosk.service_worker, name="service_worker"),
    path("office/decision-days/<slug:slug>/", views.desk, name="desk"),
    path("office/decision-days/<slug:slug>/edit/", views.edit, name="edit"),
    path("office/decision-days/<slug:slug>/running-order/", views.running_order_page, name="running_order"),
    path("office/decision-days/<slug:slug>/check-in/", views.check_in, name="check_in"),
    path(
        "office/decision-days/<slug:slug>/check-in/<int:check_in_id>/<str:kind>/", views.issue, name="issue"
    ),
    path("office/decision-days/<slug:slug>/papers/", views.papers, name="papers"),
    path("office/decision-days/<slug:slug>/count/", views.count, name="count"),
    path("office/decision-days/<slug:slug>/ballot-papers.pdf", views.papers_pdf, name="papers_pdf"),
    path("office/decision-days/<slug:slug>/kiosk/", kiosk.kiosk, name="kiosk"),
    path("office/decision-days/<slug:slug>/kiosk/ballots", kiosk.kiosk_ballot, name="kiosk_ballot"),
    path("office/decision-days/<slug:slug>/kiosk/slips", kiosk.kiosk_slip, name="kiosk_slip"),
    path("decision-days/<slug:slug>/", screens.event_page, name="event"),
    path("decision-days/<slug:slug>/present/", screens.presenter, name="presenter"),
    path("decision-days/<slug:slug>/present/move/", screens.presenter_move, name="presenter_move"),
    path("decision-days/<slug:slug>/results/", screens.results_screen, name="results_screen"),
    path("decision-days/<slug:slug>/feedback/", screens.feedback, name="feedback"),
]
