"""An area's boundary is kept as GeoJSON text, parsed only where it is drawn (`Area.boundary`)."""

import json

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def canonical_text(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Rewrite each boundary as `geojson_text` writes it (an empty geometry as none), so that an import
    compares like with like."""
    area_model = apps.get_model("areas", "Area")
    for area in area_model.objects.exclude(boundary_geojson__isnull=True).only("boundary_geojson"):
        geometry = json.loads(area.boundary_geojson)
        text = json.dumps(geometry, separators=(",", ":"), sort_keys=True) if geometry else None
        if text != area.boundary_geojson:
            area_model.objects.filter(pk=area.pk).update(boundary_geojson=text)


class Migration(migrations.Migration):
    dependencies = [("areas", "0005_councillor_wards")]

    operations = [
        migrations.RenameField("area", "boundary", "boundary_geojson"),
        migrations.AlterField(
            model_name="area",
            name="boundary_geojson",
            field=models.TextField(blank=True, null=True, verbose_name="boundary (GeoJSON geometry)"),
        ),
        migrations.RunPython(canonical_text, migrations.RunPython.noop),
    ]
