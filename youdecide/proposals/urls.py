"""Proposal pages: the group's own (/groups/<slug>/proposals/) and the officers' review (/office/review/).

Mounted at the site root by youdecide/urls.py, before the public pages.
"""

from django.urls import path

from youdecide.proposals import views

app_name = "proposals"

urlpatterns = [
    path("groups/<slug:slug>/proposals/new/", views.create, name="create"),
    path("groups/<slug:slug>/proposals/<int:pk>/", views.detail_private, name="detail_private"),
    path("groups/<slug:slug>/proposals/<int:pk>/edit/", views.edit, name="edit"),
    path("groups/<slug:slug>/proposals/<int:pk>/submit/", views.submit, name="submit"),
    path("groups/<slug:slug>/proposals/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("office/review/", views.review_queue, name="review_queue"),
    path("office/review/<int:pk>/", views.review, name="review"),
]
