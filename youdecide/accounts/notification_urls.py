from django.urls import path

from youdecide.accounts import notification_views

app_name = "notifications"

urlpatterns = [
    path("accounts/notifications/", notification_views.choose_notifications, name="choose"),
    path("unsubscribe/<str:token>/", notification_views.unsubscribe_link, name="unsubscribe"),
]
