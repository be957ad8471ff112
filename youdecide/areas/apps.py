from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "youdecide.areas"
    label = "areas"
    default_auto_field = "django.db.models.BigAutoField"
