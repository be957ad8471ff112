"""Ballot choices get random ids: a counter numbered them in the order votes came in."""

import uuid

from django.db import migrations, models


def give_random_ids(apps, schema_editor):
    BallotItem = apps.get_model("voting", "BallotItem")
    for pk in BallotItem.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
        BallotItem.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0002_throttle"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballotitem",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_random_ids, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="ballotitem", name="id"),
        migrations.AlterField(
            model_name="ballotitem",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        migrations.RenameField(model_name="ballotitem", old_name="uuid", new_name="id"),
    ]
