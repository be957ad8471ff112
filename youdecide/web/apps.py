from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "youdecide.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from youdecide.web import signals

        signals.connect()
