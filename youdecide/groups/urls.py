from django.urls import path

from youdecide.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register, name="register"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/members/", views.add_member, name="add_member"),
    path("<slug:slug>/governance/", views.update_governance, name="governance"),
    path("<slug:slug>/documents/", views.add_document, name="add_document"),
    path("<slug:slug>/documents/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/documents/<int:pk>/remove/", views.remove_document, name="remove_document"),
]
