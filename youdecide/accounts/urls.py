from django.contrib.auth.views import LogoutView
from django.urls import path

from youdecide.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views.two_factor, name="two_factor"),
    path("two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("sign-out/", LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
]
