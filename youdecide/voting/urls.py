from django.urls import URLPattern, path

from youdecide.voting import office, views

app_name = "voting"

urlpatterns: list[URLPattern] = [
    path("programmes/<slug:slug>/vote/", views.start, name="start"),
    path("programmes/<slug:slug>/vote/code/", views.enter_code, name="enter_code"),
    path("programmes/<slug:slug>/vote/about-you/", views.about_you, name="about_you"),
    path("programmes/<slug:slug>/vote/email/", views.email_link, name="email_link"),
    path("programmes/<slug:slug>/vote/ballot/", views.ballot, name="ballot"),
    path("programmes/<slug:slug>/vote/review/", views.review, name="review"),
    path("programmes/<slug:slug>/vote/receipt/", views.receipt, name="receipt"),
    path("vote/link/<str:token>/", views.open_link, name="link"),
    path("vote/find-my-ballot/", views.find_ballot, name="find_ballot"),
    path("office/programmes/<slug:slug>/codes/", office.code_batches, name="code_batches"),
    path("office/programmes/<slug:slug>/codes/void/", office.void_code_view, name="void_code"),
    path("office/programmes/<slug:slug>/codes/<int:batch_id>/cards.pdf", office.cards_pdf, name="cards_pdf"),
]
