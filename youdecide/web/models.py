"""The one row every app process reads to know whether its cached public pages are still current."""

from __future__ import annotations

from django.db import models


class PageVersion(models.Model):
    """Bumped after every committed change to what public pages show; a cached page of an older number is
    stale. One row, id 1."""

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"page version {self.number}"
