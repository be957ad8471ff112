from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    SUB_REGION = "sub_region", _("Sub-region")
    WARD = "ward", _("Ward")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


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
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    imd_score = models.FloatField(_("IMD 2019 score"), null=True, blank=True)
    health_deprivation_score = models.FloatField(_("health deprivation score"), null=True, blank=True)
    domain_scores = models.JSONField(_("IMD 2019 domain scores"), default=dict, blank=True)
    life_expectancy_male = models.FloatField(_("life expectancy, men"), null=True, blank=True)
    life_expectancy_female = models.FloatField(_("life expectancy, women"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="area_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


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
