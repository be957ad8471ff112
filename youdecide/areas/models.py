from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    SUB_REGION = "sub_region", _("Sub-region")
    WARD = "ward", _("Ward")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class Domain(models.TextChoices):
    """The seven domains of the English Indices of Deprivation 2019 (keys of ``Area.domain_scores``)."""

    INCOME = "income", _("Income")
    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education, skills and training")
    HEALTH = "health", _("Health deprivation and disability")
    CRIME = "crime", _("Crime")
    HOUSING = "housing", _("Barriers to housing and services")
    ENVIRONMENT = "environment", _("Living environment")


def geojson_text(geometry: dict[str, Any] | None) -> str | None:
    """How a boundary is stored: compact GeoJSON, the same text for the same geometry; none (NULL) for
    no geometry, so that an area has a boundary exactly when the text is there."""
    return json.dumps(geometry, separators=(",", ":"), sort_keys=True) if geometry else None


class Area(models.Model):
    """A place money is spent in: a ward (ONS code), a group of wards, or the whole council."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. the ONS ward code"))
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    # Kept as text and parsed only where a map or a statistic draws it: a page's areas are read often, and
    # a ward's boundary alone is kilobytes of coordinates that most pages never show.
    boundary_geojson = models.TextField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    imd_score = models.FloatField(_("IMD 2019 score"), null=True, blank=True)
    health_deprivation_score = models.FloatField(_("health deprivation score"), null=True, blank=True)
    domain_scores = models.JSONField(_("IMD 2019 domain scores"), default=dict, blank=True)
    life_expectancy_male = models.FloatField(_("life expectancy, men"), null=True, blank=True)
    life_expectancy_female = models.FloatField(_("life expectancy, women"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    councillors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="wards",
        limit_choices_to={"role": "councillor"},
        verbose_name=_("ward councillors"),
        help_text=_("The councillors elected for this ward: they see it on their dashboard."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="area_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def boundary(self) -> dict[str, Any] | None:
        """The boundary as a GeoJSON geometry, parsed from the stored text."""
        geometry: dict[str, Any] | None = json.loads(self.boundary_geojson) if self.boundary_geojson else None
        return geometry

    @boundary.setter
    def boundary(self, geometry: dict[str, Any] | None) -> None:
        self.boundary_geojson = geojson_text(geometry)


class PostcodeArea(models.Model):
    """Which ward a postcode is in, from the ONS Postcode Directory."""

    postcode = models.CharField(_("postcode"), max_length=8, unique=True)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("ward"))

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self) -> str:
        return self.postcode


class Neighbourhood(models.Model):
    """A small area (LSOA) of the English Indices of Deprivation: its ward, residents and national rank."""

    code = models.CharField(_("LSOA code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=150)
    ward = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="neighbourhoods", verbose_name=_("ward")
    )
    population = models.PositiveIntegerField(_("population (mid-2015)"))
    imd_rank = models.PositiveIntegerField(_("IMD 2019 rank (1: most deprived in England)"))
    imd_decile = models.PositiveSmallIntegerField(_("IMD 2019 decile (1: most deprived 10% in England)"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(imd_decile__gte=1, imd_decile__lte=10), name="neighbourhood_decile_1_to_10"
            ),
            models.CheckConstraint(condition=models.Q(imd_rank__gte=1), name="neighbourhood_rank_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
