"""A Decision Day serves one or more areas: each check-in and paper ballot records its attendee's area."""

import django.db.models.deletion
from django.db import migrations, models


def fill_areas(apps, schema_editor):
    """Each day's one area becomes its list of areas, and the area of its check-ins and papers."""
    DecisionDay = apps.get_model("events", "DecisionDay")
    CheckIn = apps.get_model("events", "CheckIn")
    PaperBallot = apps.get_model("events", "PaperBallot")
    for day in DecisionDay.objects.all():
        day.areas.add(day.area_id)
        CheckIn.objects.filter(event=day).update(area_id=day.area_id)
        PaperBallot.objects.filter(event=day).update(area_id=day.area_id)


def keep_first_area(apps, schema_editor):
    """Undone: each day keeps the first of its areas."""
    DecisionDay = apps.get_model("events", "DecisionDay")
    for day in DecisionDay.objects.all():
        first = day.areas.order_by("name", "pk").first()
        DecisionDay.objects.filter(pk=day.pk).update(area=first)


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0002_postcode_area"),
        ("events", "0002_decision_day_closed_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="decisionday",
            name="area",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="areas.area"
            ),
        ),
        migrations.AddField(
            model_name="decisionday",
            name="areas",
            field=models.ManyToManyField(
                help_text="The areas whose residents vote here: one or more.",
                related_name="decision_days",
                to="areas.area",
            ),
        ),
        migrations.AddField(
            model_name="checkin",
            name="area",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="areas.area"
            ),
        ),
        migrations.AddField(
            model_name="paperballot",
            name="area",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="areas.area"
            ),
        ),
        migrations.RunPython(fill_areas, keep_first_area, elidable=False),
        migrations.AlterField(
            model_name="checkin",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="areas.area"
            ),
        ),
        migrations.AlterField(
            model_name="paperballot",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="areas.area"
            ),
        ),
        migrations.RemoveField(model_name="decisionday", name="area"),
    ]
