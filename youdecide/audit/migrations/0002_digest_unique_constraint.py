"""An audit event's digest stays unique, as a named constraint: on PostgreSQL unique=True added a second,
LIKE index beside it, which nothing uses and every event updated."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="digest",
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("digest",), name="audit_event_digest_unique"),
        ),
    ]
