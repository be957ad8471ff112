from django.urls import path

from youdecide.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register, name="register"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/book/", views.session_book, name="session_book"),
    path("sessions/<int:pk>/bookings/<int:booking_pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("capacity/", views.capacity, name="capacity"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/members/", views.add_member, name="add_member"),
    path("<slug:slug>/governance/", views.update_governance, name="governance"),
    path("<slug:slug>/documents/", views.add_document, name="add_document"),
    path("<slug:slug>/documents/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/documents/<int:pk>/remove/", views.remove_document, name="remove_document"),
]
