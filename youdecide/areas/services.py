"""Every write to areas: importing a council's wards, sub-regions and neighbourhoods, and the postcode → ward
lookup."""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from youdecide.areas.models import Area, AreaKind, Neighbourhood, PostcodeArea, geojson_text
from youdecide.areas.postcodes import DirectoryReport, parse_postcode_directory
from youdecide.areas.ward_files import (
    AREA_CODE_MAX,
    CHESHIRE_EAST_CODE,
    CHESHIRE_EAST_NAME,
    DOMAINS,
    NAME_MAX,
    SLUG_MAX,
    AreaData,
    AreaDataError,
    AreaDataFiles,
    FileProblem,
    WardRecord,
    packaged_files,
    read_area_data,
)
from youdecide.audit.services import record_event


@dataclass(frozen=True)
class SubRegionFigures:
    code: str
    name: str
    wards: int
    population: int
    imd_score: float


@dataclass
class AreaImportSummary:
    """What an import did: how many areas it created, changed and found already up to date."""

    authority: Area
    wards: int
    population: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sub_regions: list[SubRegionFigures] = field(default_factory=list)
    neighbourhoods: int = 0
    neighbourhoods_changed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.neighbourhoods_changed)


@dataclass
class _Planned:
    code: str
    name: str
    slug: str
    kind: str
    parent_code: str | None
    boundary: dict[str, Any]
    population: int
    imd_score: float | None
    health_deprivation_score: float | None
    domain_scores: dict[str, float]
    life_expectancy_male: float | None
    life_expectancy_female: float | None


def _weighted_mean(pairs: list[tuple[int, float | None]]) -> float | None:
    """The population-weighted mean of ward figures. A ward without a figure is left out, and so are its
    people: the mean is over the wards that have one (None when none has)."""
    known = [(population, value) for population, value in pairs if value is not None]
    people = sum(population for population, _value in known)
    if people == 0:
        return None
    return math.fsum(population * value for population, value in known) / people


def _rolled_up(
    code: str, name: str, slug: str, kind: str, parent: str | None, wards: list[WardRecord]
) -> _Planned:
    """A group of wards (a sub-region or the council): people summed, everything else population-weighted."""

    def mean(figure: Any) -> float | None:
        return _weighted_mean([(ward.population, figure(ward)) for ward in wards])

    def rounded(value: float | None) -> float | None:
        return round(value, 2) if value is not None else None

    domains = {domain: mean(lambda ward, d=domain: ward.domain_scores.get(d)) for domain in DOMAINS}
    return _Planned(
        code=code,
        name=name,
        slug=slug,
        kind=kind,
        parent_code=parent,
        boundary=_multipolygon([ward.boundary for ward in wards]),
        population=sum(ward.population for ward in wards),
        imd_score=mean(lambda ward: ward.imd_score),
        health_deprivation_score=mean(lambda ward: ward.health_deprivation_score),
        domain_scores={domain: value for domain, value in domains.items() if value is not None},
        life_expectancy_male=rounded(mean(lambda ward: ward.life_expectancy_male)),
        life_expectancy_female=rounded(mean(lambda ward: ward.life_expectancy_female)),
    )


def _multipolygon(boundaries: list[dict[str, Any]]) -> dict[str, Any]:
    """The wards' polygons side by side as one MultiPolygon (not dissolved: shared edges stay)."""
    polygons: list[Any] = []
    for boundary in boundaries:
        if boundary["type"] == "Polygon":
            polygons.append(boundary["coordinates"])
        else:
            polygons.extend(boundary["coordinates"])
    return {"type": "MultiPolygon", "coordinates": polygons}


def _plan(data: AreaData, authority_code: str, authority_name: str) -> list[_Planned]:
    """Every area the import should leave in the database, parents before children."""
    wards_by_code = {ward.code: ward for ward in data.wards}
    planned = [
        _rolled_up(
            authority_code,
            authority_name,
            slugify(authority_name)[:SLUG_MAX],
            AreaKind.LOCAL_AUTHORITY,
            None,
            data.wards,
        )
    ]
    planned.extend(
        _rolled_up(
            region.code,
            region.name,
            region.slug,
            AreaKind.SUB_REGION,
            authority_code,
            [wards_by_code[code] for code in region.ward_codes],
        )
        for region in data.sub_regions
    )
    planned.extend(
        _Planned(
            code=ward.code,
            name=ward.name,
            slug=ward.slug,
            kind=AreaKind.WARD,
            parent_code=ward.sub_region_code,
            boundary=ward.boundary,
            population=ward.population,
            imd_score=ward.imd_score,
            health_deprivation_score=ward.health_deprivation_score,
            domain_scores=ward.domain_scores,
            life_expectancy_male=ward.life_expectancy_male,
            life_expectancy_female=ward.life_expectancy_female,
        )
        for ward in data.wards
    )
    return planned


def _check_against_database(
    planned: list[_Planned], data: AreaData, files: AreaDataFiles, authority_code: str
) -> None:
    """Refuse names whose web address another area already uses, and codes that clash with the council's."""
    problems: list[FileProblem] = []
    where: dict[str, tuple[str, int | None, int | None, str]] = {
        ward.code: (files.wards_geojson.name, None, ward.feature_index, "properties.name")
        for ward in data.wards
    }
    where.update(
        {
            region.code: (files.sub_regions.name, region.line, None, "sub_region_name")
            for region in data.sub_regions
        }
    )
    for area in planned[1:]:
        if area.code == authority_code:
            file, line, feature, _column = where[area.code]
            problems.append(
                FileProblem(file, f"{area.code} is the council's own code", line=line, feature=feature)
            )
        elif area.slug == planned[0].slug:
            file, line, feature, column = where[area.code]
            problems.append(
                FileProblem(
                    file,
                    f"{area.name!r} would have the same web address ({area.slug}) as the council",
                    line=line,
                    feature=feature,
                    field=column,
                )
            )
    code_for_slug = dict(
        Area.objects.filter(slug__in=[area.slug for area in planned]).values_list("slug", "code")
    )
    for area in planned:
        holder = code_for_slug.get(area.slug)
        if holder is not None and holder != area.code:
            file, line, feature, column = where.get(area.code, ("", None, None, ""))
            problems.append(
                FileProblem(
                    file or "the council's name",
                    f"the web address {area.slug} of {area.name!r} is already used by area {holder}",
                    line=line,
                    feature=feature,
                    field=column,
                )
            )
    if problems:
        raise AreaDataError(problems)


def _save_changes(row: Area | Neighbourhood, values: dict[str, Any]) -> bool:
    """Save the values that differ from the row's; whether any did."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save(update_fields=changed)
    return bool(changed)


def _file_digests(files: AreaDataFiles) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files.all()}


def import_wards(
    files: AreaDataFiles | None = None,
    *,
    actor: Any = None,
    authority_code: str = CHESHIRE_EAST_CODE,
    authority_name: str = CHESHIRE_EAST_NAME,
) -> AreaImportSummary:
    """Create or update a council's wards, sub-regions and the council itself, their deprivation domains
    and life expectancy, and the neighbourhoods (LSOAs) of each ward, from its data files.

    All or nothing: every file is read and checked first, everything is written in one transaction, and
    nothing is written if anything is wrong (``AreaDataError`` lists every problem). Safe to run twice:
    areas and neighbourhoods are matched by code, so a second run updates what changed and duplicates
    nothing. An audit event is recorded when anything changed.
    """
    files = files or packaged_files()
    authority_code, authority_name = authority_code.strip(), authority_name.strip()
    if not authority_code or len(authority_code) > AREA_CODE_MAX:
        raise ValueError(f"The council's code must be 1 to {AREA_CODE_MAX} characters.")
    if not slugify(authority_name) or len(authority_name) > NAME_MAX:
        raise ValueError(f"The council's name must be 1 to {NAME_MAX} characters, with letters in it.")
    data = read_area_data(files)
    planned = _plan(data, authority_code, authority_name)
    return _store(planned, data, files, actor, authority_code)


@transaction.atomic
def _store(
    planned: list[_Planned], data: AreaData, files: AreaDataFiles, actor: Any, authority_code: str
) -> AreaImportSummary:
    _check_against_database(planned, data, files, authority_code)
    existing = {
        area.code: area
        for area in Area.objects.select_for_update().filter(code__in=[area.code for area in planned])
    }
    stored: dict[str, Area] = {}
    created = updated = unchanged = 0
    for plan in planned:
        values: dict[str, Any] = {
            "name": plan.name,
            "slug": plan.slug,
            "kind": plan.kind,
            "parent_id": stored[plan.parent_code].pk if plan.parent_code else None,
            "boundary_geojson": geojson_text(plan.boundary),
            "population": plan.population,
            "imd_score": plan.imd_score,
            "health_deprivation_score": plan.health_deprivation_score,
            "domain_scores": plan.domain_scores,
            "life_expectancy_male": plan.life_expectancy_male,
            "life_expectancy_female": plan.life_expectancy_female,
        }
        area = existing.get(plan.code)
        if area is None:
            area = Area.objects.create(code=plan.code, **values)
            created += 1
        elif _save_changes(area, values):
            updated += 1
        else:
            unchanged += 1
        stored[plan.code] = area
    neighbourhoods_changed = _store_neighbourhoods(data, stored)
    authority = stored[authority_code]
    summary = AreaImportSummary(
        authority=authority,
        wards=len(data.wards),
        population=data.population,
        created=created,
        updated=updated,
        unchanged=unchanged,
        sub_regions=[
            SubRegionFigures(
                code=plan.code,
                name=plan.name,
                wards=len(region.ward_codes),
                population=plan.population,
                imd_score=plan.imd_score or 0.0,
            )
            for plan, region in zip(planned[1 : 1 + len(data.sub_regions)], data.sub_regions, strict=True)
        ],
        neighbourhoods=len(data.neighbourhoods),
        neighbourhoods_changed=neighbourhoods_changed,
    )
    if summary.changed:
        record_event(
            actor,
            "areas.imported",
            authority,
            {
                "files": _file_digests(files),
                "wards": summary.wards,
                "sub_regions": len(summary.sub_regions),
                "population": summary.population,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "neighbourhoods": summary.neighbourhoods,
                "neighbourhoods_changed": neighbourhoods_changed,
            },
        )
    return summary


def _store_neighbourhoods(data: AreaData, wards: dict[str, Area]) -> int:
    """Make the council's neighbourhoods exactly those of the files; returns how many were created,
    changed or removed."""
    ward_ids = [wards[ward.code].pk for ward in data.wards]
    existing = {
        n.code: n
        for n in Neighbourhood.objects.select_for_update().filter(
            Q(ward_id__in=ward_ids) | Q(code__in=[record.code for record in data.neighbourhoods])
        )
    }
    wanted = {record.code for record in data.neighbourhoods}
    gone = [n.pk for code, n in existing.items() if code not in wanted]
    changes = len(gone)
    Neighbourhood.objects.filter(pk__in=gone).delete()
    new: list[Neighbourhood] = []
    for record in data.neighbourhoods:
        values = {
            "name": record.name,
            "ward_id": wards[record.ward_code].pk,
            "population": record.population,
            "imd_rank": record.imd_rank,
            "imd_decile": record.imd_decile,
        }
        found = existing.get(record.code)
        if found is None:
            new.append(Neighbourhood(code=record.code, **values))
        elif _save_changes(found, values):
            changes += 1
    Neighbourhood.objects.bulk_create(new)
    return changes + len(new)


POSTCODE_BATCH = 500
_LISTED_UNKNOWN_WARDS = 20


@dataclass(frozen=True)
class PostcodeImportSummary:
    """What a postcode import did. ``stored`` postcodes of our wards are in the file (and now the lookup)."""

    file: str
    stored: int
    wards: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    other_councils: int = 0
    terminated: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _unknown_wards(report: DirectoryReport) -> list[FileProblem]:
    """When not one row is for one of our wards, each unknown ward code is a problem, at its first line."""
    problems = [
        FileProblem(
            report.file,
            _(
                "not one row is for a ward we hold: import the wards first (youdecide import-areas), "
                "or check that this file's ward codes are those of our wards"
            ),
        )
    ]
    unknown = sorted(report.other_ward_lines.items(), key=lambda item: item[1])
    problems.extend(
        FileProblem(
            report.file,
            _("ward %(code)s is not one of our wards") % {"code": code},
            line=line,
            field=report.ward_column,
        )
        for code, line in unknown[:_LISTED_UNKNOWN_WARDS]
    )
    if len(unknown) > _LISTED_UNKNOWN_WARDS:
        more = len(unknown) - _LISTED_UNKNOWN_WARDS
        problems.append(
            FileProblem(
                report.file,
                ngettext(
                    "and %(count)s more unknown ward code, not listed",
                    "and %(count)s more unknown ward codes, not listed",
                    more,
                )
                % {"count": f"{more:,}"},
            )
        )
    return problems


def _council_of(ward_id: int) -> Area:
    """The area at the top of a ward's tree: its council (or the ward itself when it has no parent)."""
    area = Area.objects.select_related("parent__parent").get(pk=ward_id)
    while area.parent is not None:
        area = area.parent
    return area


def import_postcodes(
    actor: Any, path: str | os.PathLike[str], *, replace: bool = False
) -> PostcodeImportSummary:
    """Load postcode → ward rows from an ONS Postcode Directory CSV: all of it, or nothing.

    The file is read as a stream and checked whole first; every problem is listed in ``AreaDataError``
    (file, line, column) and then nothing is stored. Rows for wards we do not hold are other councils'
    (the ONS file covers the UK): they are counted and skipped, unless not one row is for one of our
    wards, which is refused with each unknown ward code and its line. Terminated postcodes are skipped.
    Postcodes already stored are moved to the ward the file gives, so running it twice changes nothing;
    ``replace`` also removes stored postcodes the file does not have. One audit event is recorded when
    anything changed.
    """
    ward_ids: dict[str, int] = dict(Area.objects.filter(kind=AreaKind.WARD).values_list("code", "pk"))
    report = DirectoryReport()
    wanted: dict[str, int] = {
        row.postcode: ward_ids[row.ward_code]
        for row in parse_postcode_directory(path, report, ward_codes=ward_ids.keys())
    }
    problems = report.all_problems()
    if not wanted and report.ward_column:
        if report.other_ward_lines:
            problems.extend(_unknown_wards(report))
        elif not problems:
            problems.append(FileProblem(report.file, _("the file has no live postcode rows")))
    if problems:
        raise AreaDataError(problems)
    return _store_postcodes(actor, report, wanted, replace=replace)


@transaction.atomic
def _store_postcodes(
    actor: Any, report: DirectoryReport, wanted: dict[str, int], *, replace: bool
) -> PostcodeImportSummary:
    created = updated = unchanged = removed = 0
    in_order = sorted(wanted.items())
    for start in range(0, len(in_order), POSTCODE_BATCH):
        batch = in_order[start : start + POSTCODE_BATCH]
        stored = dict(
            PostcodeArea.objects.filter(postcode__in=[postcode for postcode, _ward in batch]).values_list(
                "postcode", "area_id"
            )
        )
        changes: list[PostcodeArea] = []
        for postcode, ward_id in batch:
            before = stored.get(postcode)
            if before == ward_id:
                unchanged += 1
                continue
            if before is None:
                created += 1
            else:
                updated += 1
            changes.append(PostcodeArea(postcode=postcode, area_id=ward_id))
        # An upsert, so that a postcode stored meanwhile by another import is moved rather than refused.
        PostcodeArea.objects.bulk_create(
            changes, update_conflicts=True, unique_fields=["postcode"], update_fields=["area"]
        )
    if replace:
        stale = [
            pk
            for pk, postcode in PostcodeArea.objects.values_list("pk", "postcode")
            if postcode not in wanted
        ]
        for start in range(0, len(stale), POSTCODE_BATCH):
            removed += PostcodeArea.objects.filter(pk__in=stale[start : start + POSTCODE_BATCH]).delete()[0]
    summary = PostcodeImportSummary(
        file=report.file,
        stored=len(wanted),
        wards=len(set(wanted.values())),
        created=created,
        updated=updated,
        unchanged=unchanged,
        removed=removed,
        other_councils=report.other_wards,
        terminated=report.terminated,
    )
    if summary.changed:
        record_event(
            actor,
            "areas.postcodes_imported",
            _council_of(in_order[0][1]),
            {
                "file": summary.file,
                "replace": replace,
                "postcodes": summary.stored,
                "wards": summary.wards,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "removed": removed,
                "other_councils": summary.other_councils,
                "terminated": summary.terminated,
            },
        )
    return summary


def assign_councillor_wards(councillor: Any, ward_names: list[str]) -> list[Area]:
    """Make a councillor the ward councillor of the named wards (names not found are left out). Running it
    twice changes nothing."""
    wards = list(Area.objects.filter(kind=AreaKind.WARD, name__in=ward_names).order_by("name"))
    councillor.wards.add(*wards)
    return wards
