from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "youdecide.groups"
    label = "community_groups"
    default_auto_field = "django.db.models.BigAutoField"
