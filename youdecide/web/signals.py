"""Every committed change to what public pages show moves the page version on (youdecide.web.page_cache)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate

from youdecide.audit.models import AuditEvent
from youdecide.web.page_cache import bump_page_version, shown_on_public_pages

_migrating = False


def _migration_starts(**kwargs: Any) -> None:
    global _migrating
    _migrating = True


def _migration_ends(**kwargs: Any) -> None:
    global _migrating
    _migrating = False


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if _migrating or kwargs.get("raw"):
        return  # migrations (the table may not exist yet) or fixtures being loaded
    if isinstance(instance, AuditEvent):
        # Services that change state with a conditional UPDATE send no model signal, but leave an event.
        try:
            model = apps.get_model(instance.object_type)
        except (LookupError, ValueError):
            return
        if shown_on_public_pages(model):
            bump_page_version()
    elif shown_on_public_pages(sender):
        bump_page_version()


def _relation_changed(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    if _migrating:
        return
    if action.startswith("post_") and shown_on_public_pages(type(instance)):
        bump_page_version()


def connect() -> None:
    pre_migrate.connect(_migration_starts, dispatch_uid="page_version_migration_starts")
    post_migrate.connect(_migration_ends, dispatch_uid="page_version_migration_ends")
    post_save.connect(_changed, dispatch_uid="page_version_save")
    post_delete.connect(_changed, dispatch_uid="page_version_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page_version_relation")
